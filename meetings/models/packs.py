"""Board packs: the public and members' PDFs of a meeting, their versions and their builds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .agenda import Meeting


class Edition(models.TextChoices):
    PUBLIC = "public", "Public edition"
    MEMBERS = "members", "Members' edition"


class BuildStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a worker"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


# A build still to finish: a periodic task sends the waiting ones to a worker again.
UNFINISHED = [BuildStatus.WAITING, BuildStatus.QUEUED, BuildStatus.RUNNING]


class PackBuild(models.Model):
    """One request to build a meeting's packs (both editions), and how it went.

    The row is written in the same transaction as whatever asked for it; the broker is only
    told afterwards, so a build is never lost when the broker is down.

    A job row, not an audited record, so it has no history: its status, stage and progress
    change many times a build, some through conditional `QuerySet.update()`s that let one
    worker alone claim a step. What the portal published, by whom and why, is the history
    of the `Pack` rows a build records.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    status = models.CharField(
        max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    reason = models.CharField(
        max_length=300, help_text="Why it was built, e.g. 'Papers published'."
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    parts_total = models.PositiveSmallIntegerField(default=0)
    # The generated parts the cache lacked when the build started: one render task each.
    parts_needed = models.JSONField(default=list, blank=True)
    assembling = models.BooleanField(default=False)
    parts_rendered = models.PositiveSmallIntegerField(
        default=0, help_text="Parts WeasyPrint had to render: the rest came from the cache."
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Pack build of {self.meeting} ({self.get_status_display().lower()})"


def pack_file_path(instance, filename):
    meeting = instance.meeting
    # A person's edition is named by their id alone: a file name is no place for a name.
    person = f"-{instance.person_id}" if instance.person_id else ""
    name = f"{instance.edition}{person}-v{instance.version}.pdf"
    return f"packs/{meeting.board.slug}/{meeting.day}/{name}"


class Pack(models.Model):
    """One version of one edition of a meeting's pack. The newest version is the one served;
    a row exists only once its file is complete.

    A published version is a record of what the board was sent, so it is audited like the
    papers in it: saved through `save_with_history`, never with `QuerySet.update()`."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    edition = models.CharField(max_length=10, choices=Edition.choices)
    # Set for a person's own edition: the edition they would share, less the papers of the
    # items a ruling withholds from them. Everyone else shares the edition of their kind.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="prepared for",
    )
    version = models.PositiveSmallIntegerField()
    build = models.ForeignKey(PackBuild, on_delete=models.PROTECT, related_name="packs")
    file = models.FileField(upload_to=pack_file_path, max_length=300)
    page_count = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=300, blank=True)
    built_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "edition", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "edition", "version"],
                condition=models.Q(person__isnull=True),
                name="one_pack_per_edition_version",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person", "version"],
                condition=models.Q(person__isnull=False),
                name="one_personal_pack_per_version",
            ),
        ]

    def __str__(self):
        prepared = f" for {self.person}" if self.person_id else ""
        return f"{self.get_edition_display()}{prepared} of {self.meeting}, v{self.version}"
