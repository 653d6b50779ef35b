"""The board's settings as its secretariat edits them."""

from django import forms

from partners.forms import NHSFormMixin

from ..models import BoardSettings


class BoardSettingsForm(NHSFormMixin, forms.ModelForm):
    """Every setting the secretariat may change; the service saves only what changed."""

    class Meta:
        model = BoardSettings
        fields = ["exempt_business_law", "attendance_headings", "extra_outcomes"]
        widgets = {
            "exempt_business_law": forms.RadioSelect,
            "attendance_headings": forms.Textarea(attrs={"rows": 6}),
            "extra_outcomes": forms.Textarea(attrs={"rows": 4}),
        }
