"""Meetings and their agendas: sections, items, and each board's standing items."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Board

from .board_settings import BoardSettings, ExemptBusinessLaw


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


# A second meeting on the same day is told apart by a short session name in its address.
SESSION_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class MeetingDay:
    """A meeting's day in its address: 2027-01-13 for the day's main meeting, and
    2027-01-13-private (the date, then its session name) for another one that day."""

    date: datetime.date
    session: str = ""

    @classmethod
    def of(cls, value):
        """From an address (text), a date (the day's main meeting) or a MeetingDay."""
        if isinstance(value, cls):
            return value
        if isinstance(value, datetime.date):
            return cls(value)
        text = str(value)
        session = text[11:]
        if len(text) > 10 and (text[10] != "-" or not re.fullmatch(SESSION_PATTERN, session)):
            raise ValueError(f"Not a meeting's day: {text}")
        return cls(datetime.date.fromisoformat(text[:10]), session)

    def __str__(self):
        day = self.date.isoformat()
        return f"{day}-{self.session}" if self.session else day


class Meeting(models.Model):
    """One meeting of a board; a board may hold more than one on a day (a public and a
    private session), each with its own session name."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(editable=False, help_text="The day it starts, in the address.")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    location = models.CharField(
        max_length=200, blank=True, help_text="Room and building. Leave blank if not yet known."
    )
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
    session = models.CharField(
        "session name",
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                f"^{SESSION_PATTERN}$",
                "Use lower-case letters, numbers and hyphens only, such as 'private' or 'part-2'.",
            )
        ],
        help_text="Leave empty for the day's main meeting. For a second meeting on the same "
        "day, a short name such as 'private' or 'part-2': it goes into the meeting's address.",
    )
    code = models.CharField(
        "meeting code",
        max_length=30,
        blank=True,
        help_text="Starts each item's reference when the board numbers items by meeting code, "
        "for example PUB25/07. Leave blank to make it from the board's prefix, year and month.",
    )
    # Goes up with every change a secretary makes on the meeting form, so that a form
    # loaded before someone else's change is refused rather than undoing it.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "date", "session"],
                name="one_meeting_per_board_per_session",
                violation_error_message="The board already has a meeting with this session "
                "name on this day.",
            )
        ]

    def __str__(self):
        name = f"{self.board} – {self.date:%-d %B %Y}"
        return f"{name} ({self.session_name})" if self.session else name

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
        session_taken = self._session_taken()
        if session_taken:
            errors["session"] = session_taken
        if errors:
            raise ValidationError(errors)

    def _session_taken(self):
        """Why this meeting's session name is already used on its day, if it is."""
        if not (self.board_id and self.starts_at):
            return None
        same_day = Meeting.objects.filter(board_id=self.board_id, date=self.date)
        if not same_day.filter(session=self.session).exclude(pk=self.pk).exists():
            return None
        if not self.session:
            return (
                f"The board already has a meeting on {self.date:%-d %B %Y}. To hold another "
                "that day, give this one a session name such as 'private'."
            )
        return (
            f"The board already has a meeting called '{self.session}' on "
            f"{self.date:%-d %B %Y}: each meeting on the same day needs its own session name."
        )

    def url_args(self):
        return [self.board.slug, self.day]

    @property
    def session_name(self):
        """The session as people read it: 'part-2' is 'Part 2'; empty for the main meeting."""
        return self.session.replace("-", " ").capitalize()

    @property
    def day_name(self):
        """The meeting as a list of meetings names it: '2 December 2020 (Private)'."""
        day = f"{self.date:%-d %B %Y}"
        return f"{day} ({self.session_name})" if self.session else day

    @property
    def day(self):
        """The meeting's day in its address: 2027-01-13, or 2027-01-13-private."""
        return str(MeetingDay(self.date, self.session))

    @property
    def finishes_by(self):
        """Its end, or the end of its day when no end time is given."""
        if self.ends_at:
            return self.ends_at
        next_day = self.date + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))

    @property
    def venue_to_be_confirmed(self):
        """Neither a place nor a link yet: the agenda says so rather than guessing."""
        return not self.location and not self.online_link

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


class ExemptParagraph(models.IntegerChoices):
    """The kinds of exempt information in Part 1 of Schedule 12A to the Local Government Act
    1972, in plain words: a council committee may exclude the public only for these."""

    PERSON = 1, "1. Information about a particular person"
    IDENTITY = 2, "2. Information likely to reveal who a person is"
    FINANCIAL = 3, "3. Financial or business affairs of a person or organisation"
    LABOUR_RELATIONS = 4, "4. Consultations or negotiations on labour relations with staff"
    LEGAL_ADVICE = 5, "5. Legal advice protected by legal professional privilege"
    NOTICES_AND_ORDERS = 6, "6. A notice, order or direction the authority intends to make"
    CRIME = 7, "7. Preventing, investigating or prosecuting crime"


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
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_items",
        verbose_name="sub-item of",
        help_text="Leave blank for an item of its own; choose an item to make this one of its "
        "sub-items (4.1, 4.2 or 33/22 a, b).",
    )
    # Position among its siblings: the section's items, or the parent's sub-items.
    position = models.PositiveSmallIntegerField(default=0)
    # The internal order of the whole agenda (1, 2, 3...), whatever the board's references.
    number = models.PositiveSmallIntegerField(default=0, editable=False)
    # The running number the reference is made from: in the meeting, or through the year for
    # the schemes that continue across meetings; for a sub-item, its place under the parent.
    serial = models.PositiveIntegerField(null=True, editable=False)
    reference = models.CharField(max_length=40, blank=True, editable=False)
    minute_serial = models.PositiveIntegerField(null=True, editable=False)
    minute_reference = models.CharField(max_length=40, blank=True, editable=False)
    start_time = models.TimeField(
        "start time", null=True, blank=True, help_text="Optional, for example 10:30."
    )
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
    action = models.CharField("action asked", max_length=20, choices=Action.choices, blank=True)
    format = models.CharField(max_length=20, choices=ItemFormat.choices, blank=True)
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
    exempt_paragraph = models.PositiveSmallIntegerField(
        "paragraph of Schedule 12A",
        choices=ExemptParagraph.choices,
        null=True,
        blank=True,
        help_text="For boards under the Local Government Act 1972: the kind of exempt "
        "information that makes the item confidential. The resolution to exclude the public "
        "names it.",
    )
    urgent = models.BooleanField(
        "urgent business",
        default=False,
        help_text="For business that cannot wait for the next meeting, such as an item added "
        "after the agenda went out.",
    )
    urgency_reason = models.CharField(
        "why it is urgent",
        max_length=300,
        blank=True,
        help_text="Shown with the item on the agenda and in the minutes.",
    )
    # Goes up with every change of what the item form shows (see Meeting.version).
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[presenters])

    class Meta:
        ordering = ["number", "id"]

    def __str__(self):
        return f"{self.reference or self.number}. {self.title}"

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
        errors.update(self._urgency_errors())
        errors.update(self._exempt_paragraph_errors())
        errors.update(self._parent_errors())
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self):
        if not self.parent_id:
            return {}
        parent = self.parent
        if parent.pk == self.pk or parent.meeting_id != self.meeting_id:
            return {"parent": "Choose another item of this meeting's agenda."}
        if parent.parent_id:
            return {"parent": "A sub-item cannot have sub-items of its own: choose a main item."}
        if self.pk and self.sub_items.exists():
            return {"parent": "This item has sub-items of its own, so it cannot be a sub-item."}
        return {}

    def _exempt_paragraph_errors(self):
        """Under the Local Government Act 1972 the public may be excluded only for exempt
        information, so each confidential item names its paragraph of Schedule 12A."""
        if not self.confidential or self.exempt_paragraph or not self.meeting_id:
            return {}
        under_1972_act = BoardSettings.objects.filter(
            board_id=self.meeting.board_id,
            exempt_business_law=ExemptBusinessLaw.LOCAL_GOVERNMENT,
        ).exists()
        if not under_1972_act:
            return {}
        return {
            "exempt_paragraph": "Choose the paragraph of Schedule 12A that makes the item "
            "exempt: this board excludes the public under the Local Government Act 1972, "
            "and the resolution must name it."
        }

    def _urgency_errors(self):
        if self.urgent and not self.urgency_reason.strip():
            return {
                "urgency_reason": "Say why the item is urgent: the agenda and the minutes "
                "give the reason for taking urgent business."
            }
        return {}


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
