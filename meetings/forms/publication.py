"""The form of publishing a meeting's agenda, papers or a supplement."""

from django import forms

from partners.forms import NHSFormMixin


class PublishForm(NHSFormMixin, forms.Form):
    late_reason = forms.CharField(
        label="If this is late, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to the public beside 'published late'.",
    )
    note = forms.CharField(
        label="What the supplement contains",
        required=False,
        max_length=300,
        help_text="For a supplement, e.g. 'Item 8 paper'.",
    )
