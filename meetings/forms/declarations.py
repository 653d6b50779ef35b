"""Adding an interest declared at a meeting to the register: the register's own entry form,
filled from the declaration, or the entry it is about if it is on the register already."""

from django import forms

from partners.forms.base import NHSFormMixin
from partners.forms.interests import InterestForm


class DeclarationRegisterForm(InterestForm):
    """The register's entry form; for the governance team, the action taken on a breach."""

    breach_action = forms.CharField(
        label="Action taken, if it was a breach (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=(
            "An interest its person should have registered at least 28 days before the "
            "meeting is recorded on the register of breaches. By default the action taken "
            "is adding it to the register."
        ),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        if not team:
            del self.fields["breach_action"]

    @staticmethod
    def initial_of_declaration(declaration):
        """What the meeting recorded: the type, and the nature as the description."""
        return {"interest_type": declaration.interest_type, "description": declaration.nature}


class DeclarationLinkForm(NHSFormMixin, forms.Form):
    interest = forms.ModelChoiceField(
        label="The entry on the register it is about",
        queryset=None,
        empty_label="Choose the entry",
        error_messages={"required": "Choose the entry the declaration is about."},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].queryset = entries
        self.fields["interest"].label_from_instance = lambda entry: (
            f"{entry.get_interest_type_display()}: {entry.organisation_named}, from {entry.period}"
        )
