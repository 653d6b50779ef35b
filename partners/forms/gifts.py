"""The form for declaring a gift or hospitality."""

from django import forms

from ..models import GiftKind, GiftOutcome, User
from .base import NHSFormMixin


class GiftForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What was offered", choices=GiftKind.choices, widget=forms.RadioSelect
    )
    giver = forms.CharField(
        label="Who offered it",
        max_length=200,
        help_text="The organisation or person, as they would be named on the register.",
    )
    description = forms.CharField(label="What it was", widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(
        label="Value in pounds",
        min_value=0,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "invalid": "Value in pounds must be a number, like 30 or 12.50.",
            "min_value": "Value in pounds must be £0 or more.",
            "max_decimal_places": "Value in pounds must have no more than 2 decimal places.",
        },
        help_text="Your best estimate if you do not know it.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    offered_on = forms.DateField(
        label="Date offered", widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(
        label="Accepted or declined", choices=GiftOutcome.choices, widget=forms.RadioSelect
    )
    approved_by = forms.ModelChoiceField(
        label="Approved by (if the rule asks for approval)",
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        required=False,
        empty_label="Nobody",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = self.fields["approved_by"].queryset.exclude(
            pk=person.pk
        )

    def offer(self):
        """What the rule depends on."""
        data = self.cleaned_data
        return {key: data[key] for key in ("kind", "value", "giver", "offered_on")}

    def gift_fields(self):
        return {
            key: self.cleaned_data[key]
            for key in (
                "kind",
                "giver",
                "description",
                "value",
                "offered_on",
                "outcome",
                "approved_by",
            )
        }
