"""Meetings and their agendas: sections, items, and each board's standing items."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Board


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    PAPERS_PUBLISHED = "papers_published", "Papers published"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"

    @classmethod
    def open(cls):
        """Not yet held or cancelled: the meeting and its agenda can still change."""
        return {cls.DRAFT, cls.AGENDA_PUBLISHED, cls.PAPERS_PUBLISHED}

    @classmethod
    def taking_place(cls):
        """Going ahead or gone ahead: what happens at the meeting can be recorded."""
        return {cls.AGENDA_PUBLISHED, cls.PAPERS_PUBLISHED, cls.HELD}


class Meeting(models.Model):
    """One meeting of a board, on one day."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(editable=False, help_text="The day it starts, in the address.")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    location = models.CharField(max_length=200, blank=True, help_text="Room and building.")
    online_link = models.URLField("online link", blank=True, help_text="For Teams or Zoom.")
    held_in_public = models.BooleanField(default=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    next_meeting_on = models.DateField("date of the next meeting", null=True, blank=True)
    next_meeting_note = models.CharField(
        "about the next meeting",
        max_length=200,
        blank=True,
        help_text="For example: informal meeting, 10:00 to 12:00, MS Teams.",
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    notice_clear_working_days = models.PositiveSmallIntegerField(
        "notice given (clear working days)", null=True, blank=True, editable=False
    )
    cancelled_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "date"],
                name="one_meeting_per_board_per_day",
                violation_error_message="The board already meets on this day.",
            )
        ]

    def __str__(self):
        return f"{self.board} – {self.date:%-d %B %Y}"

    def save(self, *args, **kwargs):
        self.date = timezone.localtime(self.starts_at).date()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=self.url_args())

    def clean(self):
        errors = {}
        if self.starts_at:
            self.date = timezone.localtime(self.starts_at).date()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if not self.location and not self.online_link:
            errors["location"] = (
                "Give a location, an online link, or both: people need to know where to go."
            )
        if errors:
            raise ValidationError(errors)

    def url_args(self):
        return [self.board.slug, self.date.isoformat()]

    @property
    def is_published(self):
        """Published once its agenda has gone out, even if it was cancelled afterwards."""
        return self.agenda_published_at is not None


class AgendaSection(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Action(models.TextChoices):
    NOTE = "note", "Note"
    APPROVE = "approve", "Approve"
    ENDORSE = "endorse", "Endorse"
    DISCUSS = "discuss", "Discuss"
    DECIDE = "decide", "Decide"
    ASSURE = "assure", "Assure"


class ItemFormat(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    ATTACHED = "attached", "Attached"
    PRESENTATION = "presentation", "Presentation"
    TO_FOLLOW = "to_follow", "To follow"


class ItemStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StandingKind(models.TextChoices):
    """Standing items later parts of the portal look for (minutes are approved under one)."""

    WELCOME = "welcome", "Welcome and apologies"
    DECLARATIONS = "declarations", "Declarations of interest"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting and action log"
    KEY_MESSAGES = "key_messages", "Key messages"
    NEXT_MEETING_ITEMS = "next_meeting_items", "Items for the next meeting"
    ANY_OTHER_BUSINESS = "any_other_business", "Any other business"


class AgendaItem(models.Model):
    """A numbered item of business on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(AgendaSection, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    number = models.PositiveSmallIntegerField(default=0, editable=False)
    title = models.CharField(max_length=300)
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="presented_items"
    )
    presenters_text = models.CharField(
        "presented by (as written)",
        max_length=200,
        blank=True,
        help_text="For people without an account, or 'Chair' or 'All'.",
    )
    action = models.CharField("action asked", max_length=20, choices=Action.choices)
    format = models.CharField(max_length=20, choices=ItemFormat.choices)
    expected_minutes = models.PositiveSmallIntegerField("minutes allowed", null=True, blank=True)
    confidential = models.BooleanField(
        default=False, help_text="Taken in private: only members see its title and papers."
    )
    public_title = models.CharField(
        "title shown to the public",
        max_length=300,
        blank=True,
        help_text="Required for a confidential item, e.g. 'Commercial contract update'.",
    )
    confidential_reason = models.CharField(
        "why it is taken in private",
        max_length=300,
        blank=True,
        help_text="Goes into the resolution to exclude the public.",
    )
    status = models.CharField(
        max_length=20, choices=ItemStatus.choices, default=ItemStatus.SCHEDULED
    )
    deferred_to = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items_deferred_here",
    )
    status_reason = models.CharField(max_length=300, blank=True)
    standing = models.CharField(max_length=30, choices=StandingKind.choices, blank=True)

    history = HistoricalRecords(m2m_fields=[presenters])

    class Meta:
        ordering = ["number", "id"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def reference(self):
        """The item's reference as the board writes it (for now its number on the agenda)."""
        return str(self.number)

    def clean(self):
        errors = {}
        if self.confidential and not self.public_title.strip():
            errors["public_title"] = (
                "A confidential item needs a title the public can see, such as "
                "'Commercial contract update'."
            )
        if self.confidential and not self.confidential_reason.strip():
            errors["confidential_reason"] = (
                "Say why the item is taken in private: it goes into the resolution to exclude "
                "the public."
            )
        if self.section_id and self.meeting_id and self.section.meeting_id != self.meeting_id:
            errors["section"] = "The section belongs to another meeting."
        if errors:
            raise ValidationError(errors)


class StandingItem(models.Model):
    """A line of a board's agenda template: every new meeting starts with these."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="standing_items")
    section_title = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    action = models.CharField(max_length=20, choices=Action.choices, default=Action.NOTE)
    format = models.CharField(max_length=20, choices=ItemFormat.choices, default=ItemFormat.VERBAL)
    presenters_text = models.CharField(max_length=200, blank=True, default="Chair")
    position = models.PositiveSmallIntegerField(default=0)
    standing = models.CharField(max_length=30, choices=StandingKind.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
