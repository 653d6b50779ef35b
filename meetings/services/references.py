"""Numbering an agenda: the order of its items (1, 2, 3... whatever the board calls them) and
the references the board writes for its items and their minutes, in the board's scheme.

References are the record: papers, minutes and the action log quote them. Until the agenda is
published they follow every move; from then on an item keeps its reference, and an item added
later takes the next one free. Schemes that run through a year continue from the board's earlier
meetings of that year, so numbering one meeting may renumber the board's later unpublished ones.

For the financial year scheme the two-digit running number continues through the financial
year (GBP/1920/01 ... GBP/1920/31), so that no two items of the board share a reference.
"""

import datetime
from collections import defaultdict

from django.db.models import Max

from ..models import (
    AgendaItem,
    BoardSettings,
    ItemReferenceScheme,
    Meeting,
    MeetingStatus,
    MinuteReferenceScheme,
    SubItemStyle,
)
from .base import refuse, save_fields

SCHEME_SETTING = "item_reference_scheme"
MINUTE_SETTING = "minute_reference_scheme"


def financial_year(day):
    """April to March, written as the NHS does: 1920 for April 2019 to March 2020."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first % 100:02d}{(first + 1) % 100:02d}"


def meeting_code(meeting, board_settings):
    """The meeting's own code, or the board's prefix with the meeting's year and month."""
    prefix = board_settings.item_reference_prefix.strip()
    return meeting.code.strip() or f"{prefix}{meeting.date:%y/%m}"


def item_reference(board_settings, meeting, serial):
    scheme, prefix = board_settings.item_reference_scheme, board_settings.item_reference_prefix
    if scheme == ItemReferenceScheme.YEARLY:
        return f"{serial}/{meeting.date:%y}"
    if scheme == ItemReferenceScheme.FINANCIAL_YEAR:
        return f"{prefix.strip()}/{financial_year(meeting.date)}/{serial:02d}"
    if scheme == ItemReferenceScheme.MEETING_CODE:
        return f"{meeting_code(meeting, board_settings)}/{serial}"
    return str(serial)


def minute_reference(board_settings, meeting, serial, item_ref):
    if board_settings.minute_reference_scheme == MinuteReferenceScheme.YEARLY:
        return f"{board_settings.minute_reference_prefix.strip()} {meeting.date:%y}/{serial:02d}"
    return item_ref


def letters(serial):
    """a, b ... z, aa, ab ...: sub-items past the 26th keep going."""
    text = ""
    while serial:
        serial, rest = divmod(serial - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def sub_reference(board_settings, parent_reference, serial):
    if board_settings.sub_item_style == SubItemStyle.LETTER:
        return f"{parent_reference} {letters(serial)}"
    return f"{parent_reference}.{serial}"


# Which of the board's meetings share a running number --------------------------------------


def _calendar_year(day):
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


def _financial_year_span(day):
    first = day.year if day.month >= 4 else day.year - 1
    return datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31)


def item_span(board_settings, day):
    """The days whose meetings share the running number of items, or None: each meeting."""
    scheme = board_settings.item_reference_scheme
    if scheme == ItemReferenceScheme.YEARLY:
        return _calendar_year(day)
    if scheme == ItemReferenceScheme.FINANCIAL_YEAR:
        return _financial_year_span(day)
    return None


def minute_span(board_settings, day):
    if board_settings.minute_reference_scheme == MinuteReferenceScheme.YEARLY:
        return _calendar_year(day)
    return None


def _others_in(meeting, span):
    if span is None:
        return AgendaItem.objects.none()
    return AgendaItem.objects.filter(
        meeting__board_id=meeting.board_id, meeting__date__range=span, parent__isnull=True
    ).exclude(meeting=meeting)


def _start_and_taken(meeting, span, field):
    """Where this meeting's running number starts (after the earlier meetings of the span),
    and the numbers published meetings of the span already use (a later one, say)."""
    others = _others_in(meeting, span)
    earlier = others.filter(meeting__starts_at__lt=meeting.starts_at)
    start = (earlier.aggregate(top=Max(field))["top"] or 0) + 1
    # Unpublished meetings are numbered again after this one; published ones keep theirs.
    published = others.filter(meeting__agenda_published_at__isnull=False)
    taken = set(published.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True))
    return start, taken


def _assign(items, field, start, taken, keep):
    """Give each item a running number from `start`, skipping `taken`; with `keep`, items
    that have one keep it and the others take the next ones free."""
    kept = {getattr(i, field) for i in items if keep and getattr(i, field) is not None}
    following = max(max(kept) + 1, start) if kept else start
    for item in items:
        if keep and getattr(item, field) is not None:
            continue
        while following in taken or following in kept:
            following += 1
        setattr(item, field, following)
        following += 1


# Numbering -------------------------------------------------------------------------------------


def numbering_settings(board_id):
    """The board's settings as saved now: a board object read earlier may still hold the
    defaults it had then, and numbering with them would renumber the agenda back."""
    return BoardSettings.objects.filter(board_id=board_id).first() or BoardSettings(
        board_id=board_id
    )


def agenda_order(meeting):
    """The meeting's items in agenda order: by section, then place, each item's sub-items
    straight after it."""
    sections = {s.pk: s.position for s in meeting.sections.all()}
    items = list(meeting.items.select_related("section"))
    children = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.position, i.pk)):
        if item.parent_id:
            children[item.parent_id].append(item)
    mains = [i for i in items if not i.parent_id]
    mains.sort(key=lambda i: (sections[i.section_id], i.section_id, i.position, i.pk))
    return [row for main in mains for row in [main, *children[main.pk]]]


REFERENCE_FIELDS = ["number", "serial", "reference", "minute_serial", "minute_reference"]


def references_assign(actor, meeting, board_settings):
    """Number one meeting's agenda and write its references; save only what changed.
    Returns the items in agenda order."""
    items = agenda_order(meeting)
    before = {i.pk: [getattr(i, name) for name in REFERENCE_FIELDS] for i in items}
    keep = meeting.is_published
    mains = [i for i in items if not i.parent_id]
    start, taken = _start_and_taken(meeting, item_span(board_settings, meeting.date), "serial")
    _assign(mains, "serial", start, taken, keep)
    span = minute_span(board_settings, meeting.date)
    start, taken = _start_and_taken(meeting, span, "minute_serial")
    _assign(mains, "minute_serial", start, taken, keep)
    by_parent = defaultdict(list)
    for item in items:
        if item.parent_id:
            by_parent[item.parent_id].append(item)
    for main in mains:
        _write(main, board_settings, meeting, keep)
        _assign(by_parent[main.pk], "serial", 1, set(), keep)
        for sub in by_parent[main.pk]:
            sub.minute_serial = sub.serial
            _write(sub, board_settings, meeting, keep, parent=main)
    for number, item in enumerate(items, start=1):
        item.number = number
        if [getattr(item, name) for name in REFERENCE_FIELDS] != before[item.pk]:
            save_fields(item, actor, "Renumbered agenda", REFERENCE_FIELDS)
    return items


def _write(item, board_settings, meeting, keep, parent=None):
    if keep and item.reference:
        return
    if parent is None:
        item.reference = item_reference(board_settings, meeting, item.serial)
        item.minute_reference = minute_reference(
            board_settings, meeting, item.minute_serial, item.reference
        )
    else:
        item.reference = sub_reference(board_settings, parent.reference, item.serial)
        item.minute_reference = sub_reference(board_settings, parent.minute_reference, item.serial)


def following_meetings(meeting, board_settings):
    """The board's later unpublished meetings whose numbers continue from this one's."""
    spans = [item_span(board_settings, meeting.date), minute_span(board_settings, meeting.date)]
    if spans == [None, None]:
        return []
    return list(
        Meeting.objects.filter(
            board_id=meeting.board_id,
            starts_at__gt=meeting.starts_at,
            agenda_published_at__isnull=True,
            status__in=MeetingStatus.open(),
            date__lte=max(span[1] for span in spans if span),
        )
        .exclude(pk=meeting.pk)
        .order_by("starts_at")
    )


def meetings_renumber(actor, meetings, *, setting=SCHEME_SETTING):
    """Number these meetings (in date order) and refuse, naming `setting`, if any reference
    they get is already another item's."""
    numbered = []
    for meeting in sorted(meetings, key=lambda m: m.starts_at):
        board_settings = numbering_settings(meeting.board_id)
        numbered += [(meeting, i) for i in references_assign(actor, meeting, board_settings)]
    if numbered:
        _refuse_repeats(numbered, numbering_settings(numbered[0][0].board_id), setting)


def _refuse_repeats(numbered, board_settings, setting):
    checks = [("reference", "item", board_settings.item_reference_scheme != "meeting", setting)]
    yearly_minutes = board_settings.minute_reference_scheme == MinuteReferenceScheme.YEARLY
    checks.append(("minute_reference", "minute", yearly_minutes, MINUTE_SETTING))
    for field, what, board_wide, name in checks:
        seen = {}
        for meeting, item in numbered:
            key = (getattr(item, field), None if board_wide else meeting.pk)
            if key in seen:
                _repeat(name, what, key[0], item, seen[key])
            seen[key] = item
        if board_wide:
            _refuse_repeats_elsewhere(numbered, field, what, name)


def _refuse_repeats_elsewhere(numbered, field, what, name):
    board_id = numbered[0][0].board_id
    mine = {getattr(item, field): item for _, item in numbered}
    clash = (
        AgendaItem.objects.filter(meeting__board_id=board_id, **{f"{field}__in": mine})
        .exclude(pk__in=[item.pk for _, item in numbered])
        .select_related("meeting")
        .first()
    )
    if clash is not None:
        _repeat(name, what, getattr(clash, field), mine[getattr(clash, field)], clash)


def _repeat(setting, what, reference, item, other):
    refuse(
        setting,
        f"This would give the {what} reference {reference} twice (item {item.title!r} of the "
        f"meeting of {item.meeting.date:%-d %B %Y} and item {other.title!r} of the meeting of "
        f"{other.meeting.date:%-d %B %Y}): every {what} must have its own reference. Keep the "
        "scheme until the year is over, give each meeting its own code, or change the prefix.",
    )
