"""Whether a meeting was quorate at its opening and at each item, counted from the board's
quorum rule (voting members present, and the minimum from each kind of organisation) over
the attendance as the minutes record it: presence for part of the meeting, arrivals,
departures and returns, and members who may not vote on an item for an interest declared.

Pure reading of rows already fetched: no query of its own besides the board's rule."""

from dataclasses import dataclass

from ..models import MovementKind, Ruling

# A member who may not vote on an item for an interest does not count towards its quorum.
NOT_VOTING = {Ruling.LEAVES, Ruling.SPEAKS_NOT_VOTES}


def _members(count):
    return f"{count} voting member{'' if count == 1 else 's'}"


@dataclass
class Quorum:
    count: int
    quorate: bool
    rule: str
    short_of: list

    def __str__(self):
        said = "Quorate" if self.quorate else "Not quorate"
        short = f" ({'; '.join(self.short_of)})" if self.short_of else ""
        return f"{said}: {_members(self.count)} present{short}; the quorum is {self.rule}."


@dataclass
class MeetingQuorum:
    opening: Quorum
    by_item: dict  # item id: Quorum
    rows: list  # (item, Quorum) in agenda order

    def at(self, item):
        return self.by_item.get(item.pk)


def _kind_in_words(requirement):
    label = requirement.get_organisation_kind_display()
    # "county council" in a sentence, but "NHS trust" keeps its capitals.
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def quorum_rule(board, requirements):
    """The rule in words: "4 voting members including at least 1 from NHS trust"."""
    parts = [f"at least {r.minimum} from {_kind_in_words(r)}" for r in requirements]
    if not parts:
        return _members(board.quorum_voting_members)
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"{_members(board.quorum_voting_members)} including {listed}"


def _present(row, number, moves, *, opening=False):
    """Whether someone was in the room at the item numbered `number` (at its start, for the
    opening of the meeting)."""
    if not row.is_here:
        return False
    if row.from_item_id and row.from_item.number > number:
        return False
    if opening and row.from_item_id and row.from_item.number == number:
        return False
    if row.until_item_id and row.until_item.number < number:
        return False
    here = not any(move.kind == MovementKind.ARRIVED for move in moves)
    for move in moves:
        if move.item.number > number or (opening and move.item.number == number):
            break
        here = move.kind != MovementKind.LEFT
    return here


def _count(board, rule, requirements, voters):
    kinds = [
        row.person.organisation.kind for row in voters if row.person and row.person.organisation
    ]
    short_of = [
        f"{kinds.count(r.organisation_kind)} from {_kind_in_words(r)}"
        for r in requirements
        if kinds.count(r.organisation_kind) < r.minimum
    ]
    quorate = len(voters) >= board.quorum_voting_members and not short_of
    return Quorum(len(voters), quorate, rule, short_of)


def quorum_at_each_item(board, rows, items, movements, declarations):
    """The quorum at the opening and at each item, from rows already read."""
    requirements = list(board.quorum_requirements.all())
    rule = quorum_rule(board, requirements)
    moves = {}
    for move in sorted(movements, key=lambda m: (m.item.number, m.pk)):
        moves.setdefault(move.attendance_id, []).append(move)
    barred = {(d.item_id, d.attendance_id) for d in declarations if d.ruling in NOT_VOTING}
    voting = [row for row in rows if row.voting]
    first = items[0].number if items else 0
    opening = [r for r in voting if _present(r, first, moves.get(r.pk, []), opening=True)]
    by_item = {}
    for item in items:
        here = [
            r
            for r in voting
            if (item.pk, r.pk) not in barred and _present(r, item.number, moves.get(r.pk, []))
        ]
        by_item[item.pk] = _count(board, rule, requirements, here)
    rows = [(item, by_item[item.pk]) for item in items]
    return MeetingQuorum(_count(board, rule, requirements, opening), by_item, rows)
