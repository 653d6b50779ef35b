"""The form of a declaration return."""

from django import forms

from ..models import ReturnKind
from .base import NHSFormMixin


class ReturnForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Your return", choices=ReturnKind.choices, widget=forms.RadioSelect
    )
