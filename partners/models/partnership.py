"""Organisations, partnerships, boards, people and their memberships of boards."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    FOUNDATION_TRUST = "foundation_trust", "NHS foundation trust"
    CCG_ICB = "ccg_icb", "Clinical commissioning group / integrated care board"
    COUNTY_COUNCIL = "county_council", "County council"
    UNITARY_COUNCIL = "unitary_council", "Unitary council"
    DISTRICT_COUNCIL = "district_council", "District council"
    PCN = "pcn", "Primary care network"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    VCFSE = "vcfse", "Voluntary, community, faith and social enterprise (VCFSE)"
    AMBULANCE_SERVICE = "ambulance_service", "Ambulance service"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A partner organisation: a trust, a commissioner, a council, a PCN, a VCFSE body..."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="For example LTHTR or BwD.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the partner's address.")
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation", args=[self.slug])


class PartnershipKind(models.TextChoices):
    ICS = "ics", "Integrated care system"
    ICP = "icp", "Integrated care partnership"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"


# Which kind of partnership each kind sits inside: ICS > ICP > neighbourhood.
PARTNERSHIP_PARENT_KIND = {
    PartnershipKind.ICS: None,
    PartnershipKind.ICP: PartnershipKind.ICS,
    PartnershipKind.NEIGHBOURHOOD: PartnershipKind.ICP,
}


class Partnership(models.Model):
    """A system (ICS), a place (ICP) or a neighbourhood, and the organisations in it."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=PartnershipKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The system an ICP belongs to, or the ICP a neighbourhood belongs to.",
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    members = models.ManyToManyField(
        Organisation, blank=True, related_name="partnerships", verbose_name="partner organisations"
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        expected = PARTNERSHIP_PARENT_KIND.get(self.kind)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": "An integrated care system sits inside no other."})
        if expected is not None and (self.parent is None or self.parent.kind != expected):
            kind, parent_kind = self.get_kind_display(), PartnershipKind(expected).label
            raise ValidationError(
                {"parent": f"A {kind.lower()} must sit inside an {parent_kind.lower()}."}
            )


class BoardKind(models.TextChoices):
    PARTNERSHIP_BOARD = "partnership_board", "Partnership board"
    EXECUTIVE = "executive", "Executive"
    COMMITTEE = "committee", "Committee"
    PROGRAMME_BOARD = "programme_board", "Programme board"
    ADVISORY_GROUP = "advisory_group", "Advisory group"
    CELL = "cell", "Cell"


class Board(models.Model):
    """A board, committee or group that meets, decides or recommends."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Used in the board's address, for example ics-board.",
        error_messages={"unique": "Another board already uses this slug: choose another."},
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="boards")
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_boards",
        help_text="The board this one reports to, if any.",
    )
    kind = models.CharField(max_length=30, choices=BoardKind.choices)
    code = models.CharField(
        max_length=10,
        blank=True,
        help_text="Starts the board's action codes, e.g. ICSB gives ICSB201202-01.",
    )
    purpose = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    declarations_guidance = models.TextField(
        "declarations of interest guidance",
        blank=True,
        help_text="How members declare interests at this board's meetings: a page of every "
        "board pack. Separate paragraphs with a blank line.",
    )
    meets_in_public = models.BooleanField(default=True)
    notice_clear_working_days = models.PositiveSmallIntegerField(
        "notice (clear working days)",
        default=5,
        help_text="Working days between sending the agenda and the meeting, neither counted.",
    )
    quorum_voting_members = models.PositiveSmallIntegerField(
        "quorum: voting members present",
        default=1,
        validators=[MinValueValidator(1)],
        help_text="The fewest voting members who must be present for the meeting to be quorate.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_confidential", "See the board's confidential business"),
            ("manage_meetings", "Run the board's meetings as its secretariat"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:board", args=[self.slug])

    def clean(self):
        if self.reports_to_id is None:
            return
        if self.pk is not None and self.reports_to_id == self.pk:
            raise ValidationError({"reports_to": "A board cannot report to itself."})
        if self.pk is not None and self.pk in self.reports_to.chain_of_reporting_ids():
            raise ValidationError(
                {
                    "reports_to": f"{self.reports_to} already reports, through other boards, "
                    f"to {self.name}: the reporting line would go round in a circle."
                }
            )

    def chain_of_reporting_ids(self):
        """Ids of the boards this one reports to, nearest first (one query per level)."""
        seen = []
        board = self.reports_to
        while board is not None and board.pk not in seen:
            seen.append(board.pk)
            board = board.reports_to
        return seen


class QuorumRequirement(models.Model):
    """Part of a board's quorum rule: at least N voting members from one kind of organisation."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="quorum_requirements")
    organisation_kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    minimum = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "organisation_kind"],
                name="one_quorum_requirement_per_organisation_kind",
                violation_error_message="This kind of organisation already has a quorum minimum.",
            )
        ]

    def __str__(self):
        return f"at least {self.minimum} from {self.get_organisation_kind_display().lower()}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Every person needs an email address to sign in with.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "may use the admin", default=False, help_text="Governance administrators need this."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    # Password hashes and sign-in times are not governance: keep them out of the audit trail.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="email_unique_whatever_its_case",
                violation_error_message="Another person already signs in with this email address.",
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    CHAIR = "chair", "Chair"
    DEPUTY_CHAIR = "deputy_chair", "Deputy chair"
    MEMBER = "member", "Member"
    IN_ATTENDANCE = "in_attendance", "In attendance"
    SECRETARIAT = "secretariat", "Secretariat"


VOTING_ROLES = {Role.CHAIR, Role.DEPUTY_CHAIR, Role.MEMBER}


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        """Memberships in force on a day (today by default).

        A membership runs from its start date up to, but not including, its end date:
        ending a membership today removes access today.
        """
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), starts_on__lte=on)

    def overlapping(self, starts_on, ends_on):
        """Memberships whose period shares at least one day with [starts_on, ends_on)."""
        overlap = Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
        if ends_on is not None:
            overlap &= Q(starts_on__lt=ends_on)
        return self.filter(overlap)


class Membership(models.Model):
    """A person's seat on a board: their role, vote, the organisation they represent, when."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="memberships", verbose_name="person"
    )
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    voting = models.BooleanField(default=True)
    representing = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="representing organisation",
    )
    constituency = models.CharField(
        max_length=100,
        blank=True,
        help_text="The group the seat belongs to in the minutes, for example ICP Leads.",
    )
    starts_on = models.DateField("from", default=timezone.localdate)
    ends_on = models.DateField(
        "to", null=True, blank=True, help_text="The first day the person is no longer a member."
    )

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "role", "user__full_name"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.board}"

    @property
    def period(self):
        end = f" to {self.ends_on:%-d %B %Y}" if self.ends_on else ""
        return f"from {self.starts_on:%-d %B %Y}{end}"

    def is_active(self, on=None):
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = "A membership must end after it starts: check the two dates."
        if self.voting and self.role not in VOTING_ROLES:
            errors["voting"] = f"People {self.get_role_display().lower()} do not vote."
        if not errors and self.board_id and self.starts_on:
            errors.update(self._clashes())
        if errors:
            raise ValidationError(errors)

    def _clashes(self):
        others = (
            Membership.objects.filter(board_id=self.board_id)
            .exclude(pk=self.pk)
            .overlapping(self.starts_on, self.ends_on)
            .select_related("user")
        )
        errors = {}
        if self.user_id and any(m.user_id == self.user_id for m in others):
            errors["user"] = f"{self.user} already has a membership of this board for these dates."
        if self.role == Role.CHAIR:
            chair = next((m for m in others if m.role == Role.CHAIR), None)
            if chair is not None:
                errors["role"] = (
                    f"The board already has a chair for these dates: {chair.user} "
                    f"({chair.period}). End that membership first."
                )
        return errors
