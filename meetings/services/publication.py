"""Publishing a meeting: its agenda, its papers once the checklist is clear, supplements of
late papers, each recorded with the notice it gives."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    MeetingStatus,
    Publication,
    PublicationKind,
)
from ..models.publication import clear_working_days
from ..selectors import publication as checklist
from . import packs
from .base import refuse_unless, save


def publication_record(actor, meeting, kind, *, late_reason="", note="", now=None):
    """Record an act of publishing with the notice it gives; late needs a reason."""
    now = now or timezone.now()
    days = clear_working_days(timezone.localtime(now).date(), meeting.date)
    late = kind != PublicationKind.CANCELLATION and days < meeting.board.notice_clear_working_days
    if late:
        refuse_unless(
            late_reason.strip(),
            "late_reason",
            f"This gives {days} clear working day{'s' if days != 1 else ''} of notice; the "
            f"board needs {meeting.board.notice_clear_working_days}. Record why it is late.",
        )
    return save(
        Publication(
            meeting=meeting,
            kind=kind,
            published_at=now,
            published_by=actor,
            clear_working_days=days,
            late=late,
            late_reason=late_reason.strip() if late else "",
            note=note,
        ),
        actor,
        f"Published {kind}",
    )


@transaction.atomic
def meeting_publish_agenda(*, actor, meeting, late_reason="", now=None):
    """Publish the agenda of a draft meeting, recording the notice it gives."""
    refuse_unless(
        meeting.status == MeetingStatus.DRAFT, "status", "The agenda is already published."
    )
    publication = publication_record(
        actor, meeting, PublicationKind.AGENDA, late_reason=late_reason, now=now
    )
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_at = publication.published_at
    meeting.notice_clear_working_days = publication.clear_working_days
    return save(meeting, actor, "Published agenda")


@transaction.atomic
def meeting_publish_papers(*, actor, meeting, late_reason="", now=None):
    """Publish the agenda (if not yet) and every paper, once the checklist is clear."""
    refuse_unless(
        meeting.status in {MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED},
        "status",
        "The papers are already published: issue a supplement for late papers.",
    )
    _checklist_clear(meeting)
    if meeting.status == MeetingStatus.DRAFT:
        meeting_publish_agenda(actor=actor, meeting=meeting, late_reason=late_reason, now=now)
    publication = publication_record(
        actor, meeting, PublicationKind.PAPERS, late_reason=late_reason, now=now
    )
    _publish_papers(actor, meeting, publication, in_supplement=False)
    meeting.status = MeetingStatus.PAPERS_PUBLISHED
    save(meeting, actor, "Published papers")
    packs.pack_build_request(actor=actor, meeting=meeting, reason="Papers published")
    return meeting


@transaction.atomic
def supplement_issue(*, actor, meeting, note="", late_reason="", now=None):
    """Publish papers added since the papers went out, as a supplement."""
    refuse_unless(
        meeting.status == MeetingStatus.PAPERS_PUBLISHED,
        "status",
        "A supplement follows the published papers: publish the papers first.",
    )
    refuse_unless(
        checklist.unpublished_papers(meeting), "papers", "There are no new papers to publish."
    )
    _checklist_clear(meeting)
    publication = publication_record(
        actor, meeting, PublicationKind.SUPPLEMENT, late_reason=late_reason, note=note, now=now
    )
    _publish_papers(actor, meeting, publication, in_supplement=True)
    reason = f"Supplement: {note}" if note else "Supplement"
    packs.pack_build_request(actor=actor, meeting=meeting, reason=reason)
    return publication


def _checklist_clear(meeting):
    problems = checklist.problems(meeting)
    if problems:
        raise ValidationError(
            {"checklist": [f"{problem.where}: {problem.what}" for problem in problems]}
        )


def _publish_papers(actor, meeting, publication, *, in_supplement):
    for paper in checklist.unpublished_papers(meeting):
        paper.published_at = publication.published_at
        paper.in_supplement = in_supplement
        save(paper, actor, "Published paper")
