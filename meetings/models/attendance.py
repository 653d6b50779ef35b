"""What happens at a meeting: who was there, who came and went, and interests declared."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

# The register of interests: a declaration names its type, and links to its entry.
from partners.models import Breach, Interest, InterestType

from .agenda import AgendaItem, Meeting


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    IN_ATTENDANCE = "in_attendance", "In attendance"
    DEPUTY = "deputy", "Deputy, on behalf of a member"
    OBSERVER = "observer", "Observer"
    GOVERNOR = "governor", "Governor"
    PUBLIC = "public", "Member of the public"
    MINUTES = "minutes", "Minute-taker or administration"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


HERE = {
    AttendanceKind.PRESENT,
    AttendanceKind.IN_ATTENDANCE,
    AttendanceKind.DEPUTY,
    AttendanceKind.OBSERVER,
    AttendanceKind.GOVERNOR,
    AttendanceKind.PUBLIC,
    AttendanceKind.MINUTES,
}

# The heading the minutes list each kind of attendee under; members present are listed
# under their seat's own heading (ICP Leads, Lay members...).
KIND_HEADINGS = {
    AttendanceKind.IN_ATTENDANCE: "In attendance",
    AttendanceKind.DEPUTY: "In attendance",
    AttendanceKind.OBSERVER: "Observers",
    AttendanceKind.GOVERNOR: "Governors",
    AttendanceKind.PUBLIC: "Members of the public",
    AttendanceKind.MINUTES: "Minutes and administration",
}


class Attendance(models.Model):
    """One person's attendance at one meeting, as the minutes record it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendance",
        help_text="Empty for someone without an account: give their name instead.",
    )
    name = models.CharField(
        "name", max_length=200, blank=True, help_text="For someone without an account."
    )
    # As they were on the day: old minutes keep them when the person's title changes.
    job_title = models.CharField("job title on the day", max_length=200, blank=True)
    organisation_name = models.CharField("organisation on the day", max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=AttendanceKind.choices)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputised_by",
        help_text="For a deputy: the member they attend for.",
    )
    voting = models.BooleanField(default=False)
    group = models.CharField(
        max_length=100, blank=True, help_text="The heading in the minutes, e.g. ICP Leads."
    )
    from_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="present from item",
        help_text="For someone present for part of the meeting only.",
    )
    until_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="present until item",
        help_text="For someone present for part of the meeting only.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_attendance_per_person_per_meeting",
                violation_error_message="This person is already on the attendance list.",
            )
        ]

    def __str__(self):
        return f"{self.full_name} – {self.get_kind_display()}"

    @property
    def full_name(self):
        return self.person.full_name if self.person_id else self.name

    @property
    def is_here(self):
        return self.kind in HERE

    @property
    def heading(self):
        """The heading the minutes list this person under."""
        return self.group if self.kind == AttendanceKind.PRESENT else KIND_HEADINGS[self.kind]

    @property
    def part_of_meeting(self):
        """ "for item 7 only", "from item 3", "until item 5", or nothing for all of it."""
        start, end = self.from_item, self.until_item
        if start and end:
            if start.pk == end.pk:
                return f"for item {start.reference} only"
            return f"from item {start.reference} until item {end.reference}"
        if start:
            return f"from item {start.reference}"
        return f"until item {end.reference}" if end else ""

    def clean(self):
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": "Give the name of someone without an account."})
        if self.kind == AttendanceKind.DEPUTY and not self.on_behalf_of_id:
            raise ValidationError({"on_behalf_of": "Say which member the deputy attends for."})
        if self.kind != AttendanceKind.DEPUTY and self.on_behalf_of_id:
            raise ValidationError({"on_behalf_of": "Only a deputy attends on someone's behalf."})


class MovementKind(models.TextChoices):
    ARRIVED = "arrived", "Arrived"
    LEFT = "left", "Left"
    RETURNED = "returned", "Returned"


class Movement(models.Model):
    """Someone arriving late, leaving, or coming back, at an agenda item."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(max_length=10, choices=MovementKind.choices)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="movements")
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "id"]

    def __str__(self):
        return (
            f"{self.attendance.full_name} {self.get_kind_display().lower()} "
            f"at item {self.item.reference}"
        )


class Ruling(models.TextChoices):
    LEAVES = "leaves", "Leaves the room for the item"
    SPEAKS_NOT_VOTES = "speaks_not_votes", "Stays and may speak but not vote"
    TAKES_PART = "takes_part", "Stays, speaks and votes"
    ITEM_DEFERRED = "item_deferred", "Item deferred"


class Declaration(models.Model):
    """An interest declared at a meeting, and the chair's ruling on it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    attendance = models.ForeignKey(
        Attendance, on_delete=models.PROTECT, related_name="declarations", verbose_name="who"
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
        help_text="The item the interest concerns; empty for one declared at the start.",
    )
    interest_type = models.CharField(max_length=20, choices=InterestType.choices)
    nature = models.TextField("nature of the interest")
    ruling = models.CharField("chair's ruling", max_length=20, choices=Ruling.choices)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who chaired the item, when the chair is the one conflicted.",
    )
    # The link between the minutes and the register of interests: the entry the declaration
    # is about, and the breach recorded when it should have been registered and was not.
    interest = models.ForeignKey(
        Interest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_declarations",
        verbose_name="entry on the register",
    )
    breach = models.OneToOneField(
        Breach,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_declaration",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "id"]

    def __str__(self):
        return f"{self.attendance.full_name}: {self.get_interest_type_display().lower()} interest"

    @property
    def nature_sentence(self):
        """The nature as a sentence: one full stop, whether or not the secretary typed it."""
        nature = self.nature.strip()
        return nature if nature.endswith((".", "!", "?")) else f"{nature}."
