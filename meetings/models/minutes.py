"""The minutes of a meeting: per agenda item, approved at the next meeting, then frozen."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .agenda import AgendaItem, Meeting


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class DeclarationsAsked(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    ASKED = "asked", "The chair asked for declarations of interest"
    NOT_ASKED = "not_asked", "Declarations of interest were not asked for"


class Minutes(models.Model):
    """The minutes of one meeting as a whole: draft until the board approves them."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_at = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved",
        help_text="The meeting whose 'minutes of the previous meeting' item approved them.",
    )
    approved_on = models.DateTimeField(null=True, blank=True)
    amendments = models.TextField(
        "amendments made at approval",
        blank=True,
        help_text="Empty when the minutes were approved as a true record without amendment.",
    )
    # "No interests were declared" is a record of its own, distinct from "not asked".
    declarations_asked = models.CharField(
        "declarations of interest",
        max_length=10,
        choices=DeclarationsAsked.choices,
        default=DeclarationsAsked.NOT_RECORDED,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self):
        return f"Minutes of {self.meeting}"

    @property
    def is_approved(self):
        return self.status == MinutesStatus.APPROVED


class ItemMinute(models.Model):
    """What the minutes say of one agenda item."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    discussion = models.TextField(
        blank=True, help_text="Sanitised HTML: paragraphs, lists, bold and italics."
    )
    noted = models.TextField("what the board noted", blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Minute of item {self.item.reference}"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    NOT_APPROVED = "not_approved", "Not approved"
    ENDORSED = "endorsed", "Endorsed"
    NOTED = "noted", "Noted"
    DEFERRED = "deferred", "Deferred"


class Resolution(models.Model):
    """ "Resolved: ..." under an agenda item, with its outcome."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    text = models.TextField("what was resolved")
    # One of Outcome's values, or one of the board's own outcomes in its words.
    outcome = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    proposer = models.ForeignKey(
        "meetings.Attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="proposed by",
    )
    seconder = models.ForeignKey(
        "meetings.Attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="seconded by",
    )
    votes_for = models.PositiveSmallIntegerField("votes for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("votes against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField("abstaining", null=True, blank=True)
    membership_change = models.ForeignKey(
        "partners.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name="membership change it makes",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"Item {self.item.reference}: {self.get_outcome_display()}"

    def get_outcome_display(self):
        """The outcome in words: the standard ones' labels, or the board's own words."""
        return Outcome(self.outcome).label if self.outcome in Outcome.values else self.outcome

    @property
    def votes_recorded(self):
        return not (
            self.votes_for is None and self.votes_against is None and self.abstentions is None
        )


class Correction(models.Model):
    """A change to approved minutes, with the reason, shown on the minutes for everyone who
    can see the item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="Empty for a correction to the record of the meeting as a whole, such as a "
        "declaration made at the start.",
    )
    reason = models.TextField()
    before = models.TextField("the minute before")
    after = models.TextField("the minute after")
    made_on = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self):
        where = f"item {self.item.reference}" if self.item_id else "the record"
        return f"Correction to {where} of {self.minutes.meeting}"
