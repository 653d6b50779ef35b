"""The governance team's form for recording a breach found other than at a meeting."""

from django import forms

from ..models import User
from .base import NHSFormMixin


class BreachForm(NHSFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Who",
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        empty_label="Choose the person",
        error_messages={"required": "Choose the person whose breach it is."},
    )
    what = forms.CharField(
        label="What was not declared",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was not declared."},
    )
    found_on = forms.DateField(
        label="Found on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the day it was found.",
            "invalid": "Found on must be a real date, like 2021-03-14.",
        },
    )
    found_at = forms.CharField(
        label="Where it was found (optional)",
        max_length=300,
        required=False,
        help_text="For example, the meeting and the agenda item.",
    )
    action_taken = forms.CharField(
        label="Action taken",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what action was taken."},
    )
