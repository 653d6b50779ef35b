"""Saving audited rows with the acting person and the reason recorded in their history.

simple-history only knows the acting user inside a request (through its middleware); tasks,
management commands and services called outside a request would record nobody. Every
service of every app saves audited rows through `save_with_history`.
"""

import datetime
from dataclasses import dataclass

from django.db import models


def save_with_history(instance: models.Model, *, actor, reason: str) -> models.Model:
    """Validate and save one row, recording who did it and why."""
    instance.full_clean()
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()
    return instance


def delete_with_history(instance: models.Model, *, actor, reason: str) -> None:
    """Delete one row, recording who did it and why."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One line of an audit trail: when, who, what and how."""

    when: datetime.datetime
    who: object
    kind: str
    subject: str
    action: str
    reason: str
    changes: list[Change]


ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}
UNTRACKED = {"id", "history_id", "history_date", "history_change_reason", "history_type"}
UNTRACKED |= {"history_user", "history_relation"}


def _shown(record, field):
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    value = getattr(record, field.name, None)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _changes(previous, record):
    fields = [f for f in record.instance_type._meta.concrete_fields if f.name not in UNTRACKED]
    changes = []
    for field in fields:
        if field.attname in record.__dict__ and getattr(previous, field.attname, None) != getattr(
            record, field.attname
        ):
            changes.append(
                Change(field.verbose_name, _shown(previous, field), _shown(record, field))
            )
    return changes


def _describe(record):
    # The model's own __str__ run on the historical record: it reads the record's fields
    # and its select_related rows, where `history_object` would query each related row.
    return record.instance_type.__str__(record)


def history_entries(*histories):
    """Merge historical querysets into one trail, newest first, each change itemised.

    One query per queryset: each record is compared with the previous record of the same
    row in memory, never by asking the database for it.
    """
    entries = []
    for history in histories:
        previous = {}
        for record in history.select_related("history_user").order_by("history_date", "history_id"):
            before = previous.get(record.id)
            changes = (
                _changes(before, record)
                if before is not None and record.history_type == "~"
                else []
            )
            previous[record.id] = record
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=record.history_user,
                    kind=record.instance_type._meta.verbose_name.capitalize(),
                    subject=_describe(record),
                    action=ACTIONS[record.history_type],
                    reason=record.history_change_reason or "",
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
