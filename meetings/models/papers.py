"""Papers on agenda items: the standard NHS cover sheet, the other forums a paper went to,
and each version of its PDF and appendices."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .agenda import AgendaItem


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "n/a", "N/A"


class Purpose(models.TextChoices):
    """What the paper asks of the board: one or more of these."""

    APPROVE = "approve", "Approve"
    NOTE = "note", "Note"
    DISCUSS = "discuss", "Discuss"
    ASSURANCE = "assurance", "Assurance"
    DECISION = "decision", "Decision"


class AssuranceLevel(models.TextChoices):
    SUBSTANTIAL = "substantial", "Substantial"
    REASONABLE = "reasonable", "Reasonable"
    LIMITED = "limited", "Limited"
    NONE = "none", "No assurance"


# The cover sheet's Yes / No / N/A questions.
ANSWER_FIELDS = [
    "quality_impact",
    "equality_impact",
    "privacy_impact",
    "financial_impact",
    "associated_risks",
    "on_risk_register",
]


def _answer(verbose_name):
    return models.CharField(verbose_name, max_length=3, choices=Answer.choices, blank=True)


class Paper(models.Model):
    """A paper on an agenda item, with the standard NHS cover sheet as fields."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField("title of paper", max_length=300)
    presented_by = models.CharField(max_length=300)
    authors = models.CharField("author(s)", max_length=300, blank=True)
    contributors = models.CharField(max_length=300, blank=True)
    confidential = models.BooleanField(
        default=False,
        help_text="A paper on a confidential item is confidential whatever this says.",
    )
    purposes = models.JSONField("purpose", default=list, blank=True)
    purpose_detail = models.TextField("purpose of the paper", blank=True)
    executive_summary = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    conflicts_of_interest = models.TextField("conflicts of interest identified", blank=True)
    quality_impact = _answer("quality impact assessment completed")
    equality_impact = _answer("equality impact assessment completed")
    privacy_impact = _answer("privacy impact assessment completed")
    financial_impact = _answer("financial impact assessment completed")
    associated_risks = _answer("associated risks")
    on_risk_register = _answer("are the associated risks on the risk register?")
    risk_description = models.TextField("risk description", blank=True)
    risk_reference = models.CharField("risk reference", max_length=100, blank=True)
    paper_reference = models.CharField(max_length=100, blank=True)
    # Conflict screening reads it: a member with an interest in the supplier is found.
    supplier = models.CharField(
        "supplier, for a decision sought on a contract", max_length=300, blank=True
    )
    # Conflict screening reads these too: a member with an interest in one is found.
    organisations = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="+",
        verbose_name="partner organisations the paper concerns",
    )
    assurance_level = models.CharField(
        "level of assurance offered", max_length=20, choices=AssuranceLevel.choices, blank=True
    )
    strategic_objectives = models.JSONField(
        "links to the board's strategic objectives", default=list, blank=True
    )
    # Counts the changes to the cover sheet: an edit made on an older count is refused, so
    # two people editing at once do not overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    in_supplement = models.BooleanField(default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:paper", args=[self.pk])

    @property
    def is_confidential(self):
        return self.confidential or self.item.confidential

    def clean(self):
        unknown = set(self.purposes or []) - set(Purpose.values)
        if unknown:
            raise ValidationError({"purposes": f"Not a purpose: {', '.join(sorted(unknown))}."})

    @property
    def purposes_display(self):
        labels = dict(Purpose.choices)
        return ", ".join(labels[value] for value in self.purposes if value in labels)


class ForumDiscussion(models.Model):
    """A row of the cover sheet's "other forums that have discussed this paper"."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="forums")
    forum = models.CharField("meeting", max_length=200)
    date_text = models.CharField("date", max_length=100)
    outcome = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.forum} ({self.date_text})"


def paper_file_path(instance, filename):
    # Stored names carry no user input: the download view names the file for people.
    return f"papers/{instance.paper_id}/{timezone.now():%Y%m%d%H%M%S}-{instance.sha256[:16]}.pdf"


class PaperFile(models.Model):
    """One version of a paper's main PDF (slot 0) or of one of its appendices (1, 2, ...).

    Replacing a file adds a version; earlier versions are kept.
    """

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="files")
    slot = models.PositiveSmallIntegerField(default=0, help_text="0 is the paper itself.")
    title = models.CharField(max_length=300, blank=True, help_text="For appendices.")
    version = models.PositiveSmallIntegerField(default=1)
    file = models.FileField(upload_to=paper_file_path, max_length=300)
    original_name = models.CharField(max_length=300)
    size = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["slot", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "slot", "version"], name="one_file_per_paper_slot_version"
            )
        ]

    def __str__(self):
        name = "Paper" if self.slot == 0 else f"Appendix {self.slot}"
        return f"{name}, version {self.version}"

    @property
    def label(self):
        if self.slot == 0:
            return self.paper.title
        return self.title or f"Appendix {self.slot}"
