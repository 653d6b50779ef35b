"""What happens at a meeting: who was there, who came and went, and interests declared."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .agenda import AgendaItem, Meeting


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    IN_ATTENDANCE = "in_attendance", "In attendance"
    DEPUTY = "deputy", "Deputy, on behalf of a member"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


HERE = {AttendanceKind.PRESENT, AttendanceKind.IN_ATTENDANCE, AttendanceKind.DEPUTY}


class Attendance(models.Model):
    """One person's attendance at one meeting, as the minutes record it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance"
    )
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
        return f"{self.person} – {self.get_kind_display()}"

    @property
    def is_here(self):
        return self.kind in HERE

    def clean(self):
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
        kind = self.get_kind_display().lower()
        return f"{self.attendance.person} {kind} at item {self.item.reference}"


class InterestType(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    PROFESSIONAL = "professional", "Non-financial professional"
    PERSONAL = "personal", "Non-financial personal"
    INDIRECT = "indirect", "Indirect"


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

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "id"]

    def __str__(self):
        return f"{self.attendance.person}: {self.get_interest_type_display().lower()} interest"
