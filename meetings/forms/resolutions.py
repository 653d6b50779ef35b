"""The details of a resolution on the minute form: proposer and seconder, the votes when
they were counted, the board's own outcomes, and the membership change it makes."""

from django import forms

from partners.models import Membership

from ..models import HERE, Outcome
from ..selectors.board_settings import settings_for
from .base import AttendeeField, attendees

RESOLUTION_DETAILS = (
    "proposer",
    "seconder",
    "votes_for",
    "votes_against",
    "abstentions",
    "membership_change",
)


class MembershipField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        role = membership.get_role_display().lower()
        return f"{membership.user.full_name}, {role} ({membership.period})"


def _votes(label):
    # Negative numbers reach the service, which refuses them with the rule in words.
    return forms.IntegerField(
        label=label,
        required=False,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
    )


class ResolutionDetailsMixin(forms.Form):
    proposer = AttendeeField(label="Proposed by", required=False, empty_label="Not recorded")
    seconder = AttendeeField(label="Seconded by", required=False, empty_label="Not recorded")
    votes_for = _votes("Votes for")
    votes_against = _votes("Votes against")
    abstentions = _votes("Abstaining")
    membership_change = MembershipField(
        label="Membership change it makes",
        queryset=Membership.objects.none(),
        required=False,
        empty_label="None",
        help_text="For a resolution that appoints a member or ends a membership.",
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is None:
            return
        here = attendees(meeting.attendance.filter(kind__in=HERE))
        self.fields["proposer"].queryset = here
        self.fields["seconder"].queryset = here
        self.fields["membership_change"].queryset = Membership.objects.filter(
            board=meeting.board_id
        ).select_related("user")
        extra = [(outcome, outcome) for outcome in settings_for(meeting.board).outcomes]
        self.fields["outcome"].choices = [("", "Choose an outcome"), *Outcome.choices, *extra]
