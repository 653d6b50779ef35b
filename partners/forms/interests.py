"""The forms of the register of interests: a person's entry, and the governance team's review."""

import datetime
import re

from django import forms

from ..models import Board, InterestType, Organisation, Precision, Relationship
from .base import NHSFormMixin

PERIOD_HINT = "A date (2021-03-14), a month (2021-03) or a year (2021)."
PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def period_text(day, precision):
    """A stored date as the field shows it again: 2021-03-14, 2021-03 or 2021."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


class PeriodField(forms.CharField):
    """A date as precise as the person knows it: a day, a month or a year. Cleans to
    (date, precision), the date being the first day of the period."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", PERIOD_HINT)
        super().__init__(max_length=10, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        named = str(self.label).split(" (")[0]
        found = PERIOD.match(text.strip())
        if not found:
            raise forms.ValidationError(
                f"{named} must be a date, a month or a year, like 2021-03-14, 2021-03 or 2021."
            )
        year, month, day = (int(part) if part else None for part in found.groups())
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        try:
            return datetime.date(year, month or 1, day or 1), precision
        except ValueError:
            raise forms.ValidationError(f"{named} must be a real date.") from None


class InterestForm(NHSFormMixin, forms.Form):
    interest_type = forms.ChoiceField(
        label="Type of interest", choices=InterestType.choices, widget=forms.RadioSelect
    )
    own_words = forms.CharField(
        label="The type in your own words (optional)",
        max_length=200,
        required=False,
        help_text="If the types above do not describe it well.",
    )
    description = forms.CharField(
        label="Description of the interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The role, shares, contract or relationship, as the register should show it.",
    )
    organisation = forms.ModelChoiceField(
        label="Partner organisation concerned",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not a partner organisation",
    )
    organisation_name = forms.CharField(
        label="Other organisation concerned",
        max_length=200,
        required=False,
        help_text="If the organisation is not one of the partners.",
    )
    relationship = forms.ChoiceField(
        label="Whose interest it is (for an indirect interest)",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    starts = PeriodField(
        label="From",
        error_messages={"required": "Enter when the interest began: a date, a month or a year."},
    )
    ends = PeriodField(label="To (leave empty if it is ongoing)", required=False)
    action_agreed = forms.CharField(
        label="Action agreed to manage it (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Such as leaving the meeting for items about the organisation.",
    )

    # Where the service's refusals go: the register names its dates starts_on and ends_on.
    model_error_fields = {"starts_on": "starts", "ends_on": "ends"}

    @classmethod
    def initial_of(cls, interest):
        """The form as an entry fills it, dates as they were declared."""
        return {
            "interest_type": interest.interest_type,
            "own_words": interest.own_words,
            "description": interest.description,
            "organisation": interest.organisation_id,
            "organisation_name": interest.organisation_name,
            "relationship": interest.relationship,
            "starts": period_text(interest.starts_on, interest.starts_precision),
            "ends": period_text(interest.ends_on, interest.ends_precision),
            "action_agreed": interest.action_agreed,
        }

    def interest_fields(self):
        """The entry's fields, as the services take them."""
        data = self.cleaned_data
        starts_on, starts_precision = data["starts"]
        ends_on, ends_precision = data["ends"] or (None, "")
        return {
            "interest_type": data["interest_type"],
            "own_words": data["own_words"],
            "description": data["description"],
            "organisation": data["organisation"],
            "organisation_name": data["organisation_name"],
            "relationship": data["relationship"],
            "starts_on": starts_on,
            "starts_precision": starts_precision,
            "ends_on": ends_on,
            "ends_precision": ends_precision,
            "action_agreed": data["action_agreed"],
        }


class ReviewForm(NHSFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Your review",
        choices=[("accept", "Accept the entry"), ("return", "Return it to the person")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment (needed to return it)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the person should change. They see it beside the entry.",
    )
    withheld = forms.BooleanField(
        label="Withhold it from the public register",
        required=False,
        help_text="Only where publishing it would bring a real risk of harm, or the law bars it.",
    )
    withheld_reason = forms.CharField(
        label="Reason for withholding (needed to withhold it)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class RegisterSearchForm(NHSFormMixin, forms.Form):
    """The public register's search: by person, board and organisation. A GET form: its
    errors never show, an unknown choice just searches for everything."""

    name = forms.CharField(label="Name", max_length=100, required=False)
    board = forms.ModelChoiceField(
        label="Board",
        queryset=Board.objects.order_by("name"),
        required=False,
        empty_label="All boards",
        to_field_name="slug",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="All organisations",
        to_field_name="slug",
    )

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}

    def described(self):
        """The search in words, for a document that shows its results ("of people named
        “Doyle”, on the ICS Board")."""
        filters = self.filters()
        words = {
            "name": lambda name: f"of people named “{name}”",
            "board": lambda board: f"on the {board.name}",
            "organisation": lambda organisation: f"with interests in {organisation.name}",
        }
        return ", ".join(words[key](value) for key, value in filters.items())
