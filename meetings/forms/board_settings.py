"""The board's settings as its secretariat edits them."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import BoardSettings


class BoardSettingsForm(NHSFormMixin, forms.ModelForm):
    """Every setting the secretariat may change; the service saves only what changed."""

    class Meta:
        model = BoardSettings
        fields = ["exempt_business_law"]
        fields += ["item_reference_scheme", "item_reference_prefix", "sub_item_style"]
        fields += ["minute_reference_scheme", "minute_reference_prefix"]
        fields += ["attendance_headings", "extra_outcomes", "closing_action_needs_record"]
        widgets = {
            "exempt_business_law": forms.RadioSelect,
            "item_reference_scheme": forms.RadioSelect,
            "sub_item_style": forms.RadioSelect,
            "minute_reference_scheme": forms.RadioSelect,
            "attendance_headings": forms.Textarea(attrs={"rows": 6}),
            "extra_outcomes": forms.Textarea(attrs={"rows": 4}),
        }
