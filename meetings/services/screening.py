"""Conflict screening before a meeting: finding who may be conflicted on which item, the
chair's and secretariat's decision on each finding, and recording an accepted ruling as the
declaration made at the meeting."""

from django.db import transaction
from django.utils import timezone

from partners.audit import save_with_history
from partners.models import shown

from ..models import ConflictFlag, MeetingStatus, Pack, Ruling, ScreeningStatus
from ..selectors.screening import screening_candidates
from .attendance import declaration_record
from .base import refuse, refuse_unless
from .packs import pack_build_request


@transaction.atomic
def screening_run(*, actor, meeting):
    """Screen the agenda against the register: add a finding for each new possible conflict,
    and drop the undecided findings that no longer hold (an item withdrawn, an entry ended).
    Decided findings stay as decided. Returns how many findings are new."""
    refuse_unless(
        meeting.status != MeetingStatus.CANCELLED, "meeting", "This meeting is cancelled."
    )
    candidates = screening_candidates(meeting)
    existing = {
        (flag.item_id, flag.person_id, flag.interest_id): flag
        for flag in ConflictFlag.objects.select_for_update().filter(meeting=meeting)
    }
    still = set()
    added = 0
    for candidate in candidates:
        key = (candidate.item.pk, candidate.person.pk, candidate.interest.pk)
        still.add(key)
        if key in existing:
            continue
        flag = ConflictFlag(
            meeting=meeting,
            item=candidate.item,
            person=candidate.person,
            interest=candidate.interest,
            found_because=candidate.because[:400],
            suggested_ruling=candidate.suggested_ruling,
        )
        save_with_history(flag, actor=actor, reason="Found by screening")
        added += 1
    for key, flag in existing.items():
        if key not in still and flag.status == ScreeningStatus.SUGGESTED:
            flag.delete()
    return added


@transaction.atomic
def flag_decide(*, actor, flag, accept, ruling="", withhold_papers=False):
    """Accept a finding with the chair's ruling (the suggested one, or another), and whether
    the person is to receive the item's papers; or dismiss it. Decided again freely until the
    ruling is recorded as a declaration. A change to whose papers are withheld rebuilds the
    meeting's packs, so that the person's own edition comes or goes."""
    flag = (
        ConflictFlag.objects.select_for_update(of=("self",))
        .select_related("person", "meeting", "item")
        .get(pk=flag.pk)
    )
    refuse_unless(
        flag.declaration_id is None,
        "ruling",
        "This ruling is recorded as a declaration already: change the declaration instead.",
    )
    withheld_before = _withholds(flag)
    if accept:
        refuse_unless(ruling in Ruling.values, "ruling", "Choose the chair's ruling.")
        refuse_unless(
            not (withhold_papers and ruling == Ruling.TAKES_PART),
            "withhold_papers",
            "Someone who stays, speaks and votes on the item receives its papers: choose "
            "another ruling, or let them have the papers.",
        )
        flag.status, flag.ruling = ScreeningStatus.ACCEPTED, ruling
        flag.withhold_papers = withhold_papers
    else:
        flag.status, flag.ruling, flag.withhold_papers = ScreeningStatus.DISMISSED, "", False
    flag.decided_by, flag.decided_at = actor, timezone.now()
    reason = "Ruling accepted" if accept else "Finding dismissed"
    save_with_history(flag, actor=actor, reason=reason)
    if _withholds(flag) != withheld_before and Pack.objects.filter(meeting=flag.meeting).exists():
        change = "withheld from" if _withholds(flag) else "no longer withheld from"
        reason = f"Papers of item {flag.item.reference} {change} {flag.person.full_name}"
        pack_build_request(actor=actor, meeting=flag.meeting, reason=reason)
    return flag


def _withholds(flag):
    return flag.status == ScreeningStatus.ACCEPTED and flag.withhold_papers


@transaction.atomic
def flag_declare(*, actor, flag):
    """Record an accepted ruling as the declaration made at the meeting, in one step: the
    entry's type and words, the item, the ruling; linked to the entry on the register."""
    flag = (
        ConflictFlag.objects.select_for_update(of=("self",))
        .select_related("meeting", "item", "interest__organisation")
        .get(pk=flag.pk)
    )
    refuse_unless(
        flag.status == ScreeningStatus.ACCEPTED, "flag", "Accept a ruling before recording it."
    )
    refuse_unless(flag.declaration_id is None, "flag", "This ruling is recorded already.")
    attendance = flag.meeting.attendance.filter(person=flag.person).first()
    if attendance is None:
        refuse("flag", f"{flag.person.full_name} is not on the attendance list of this meeting.")
    interest = flag.interest
    nature = (
        f"{interest.description} ({interest.organisation_named}, from "
        f"{shown(interest.starts_on, interest.starts_precision)})"
    )
    declaration = declaration_record(
        actor=actor,
        meeting=flag.meeting,
        attendance=attendance,
        item=flag.item,
        interest_type=interest.interest_type,
        nature=nature,
        ruling=flag.ruling,
    )
    declaration.interest = interest
    save_with_history(declaration, actor=actor, reason="Declared from the screening")
    flag.declaration = declaration
    return save_with_history(flag, actor=actor, reason="Recorded as a declaration")
