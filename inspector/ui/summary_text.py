"""The shown entry in plain words (no Qt): who, what, and its start – stop in a zone.
Server text is returned as received: the labels that show it make it plain and bounded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from inspector.domain.run_state import RunState

if TYPE_CHECKING:
    from inspector.domain.entry_view import EntryView
    from inspector.domain.identity import Identity


def _text(raw: object) -> str | None:
    return raw.strip() if isinstance(raw, str) and raw.strip() else None


def _integer(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def who_text(fields: Mapping[str, object], identity: Identity | None) -> str:
    """The user's name and email as far as known: the entry's own fields (meta, Reports),
    else the signed-in account's when the entry is theirs."""
    user_id = _integer(fields.get("user_id"))
    name = _text(fields.get("user_name")) or _text(fields.get("username"))
    email = _text(fields.get("email"))
    if identity is not None and user_id == identity.user_id:
        name = name or _text(identity.name)
        email = email or identity.email
    who = name or (f"user {user_id}" if user_id is not None else "unknown user")
    if email:
        who += f" ({email})"
    if user_id is not None and name:
        who += f" · user {user_id}"
    return who


def what_text(fields: Mapping[str, object]) -> str:
    """Description · project / client / task · tags · billable."""
    description = _text(fields.get("description"))
    parts = [f"“{description}”" if description else "(no description)"]
    project_id = _integer(fields.get("project_id"))
    project = _text(fields.get("project_name")) or (
        f"project {project_id}" if project_id is not None else "no project"
    )
    where = [project]
    client = _text(fields.get("client_name"))
    if client:
        where.append(f"client {client}")
    task = _text(fields.get("task_name")) or _integer(fields.get("task_id"))
    if task is not None:
        where.append(f"task {task}")
    parts.append(" / ".join(where))
    tags = fields.get("tags")
    if isinstance(tags, list) and tags:
        parts.append("tags: " + ", ".join(str(tag) for tag in tags))
    else:
        parts.append("no tags")
    billable = fields.get("billable")
    if isinstance(billable, bool):
        parts.append("billable" if billable else "not billable")
    return " · ".join(parts)


def _zone_label(moment: datetime) -> str:
    offset = moment.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset not in ("", "+0000") else "UTC"
    name = moment.tzname() or ""
    return f"{name} ({offset})" if name and name != offset else offset


def span_text(view: EntryView, zone: tzinfo | None, *, utc: bool = False) -> str:
    """Start – stop in ``zone`` (None: this computer's), the stop's date only when it
    differs from the start's; notes for a derived stop and a running entry."""
    if view.start is None:
        return "no start time"
    try:
        start = view.start.astimezone(UTC if utc else zone)
        stop = view.stop.astimezone(UTC if utc else zone) if view.stop is not None else None
    except (OverflowError, ValueError, OSError):
        return "outside the range this computer can show"
    shown = start.strftime("%Y-%m-%d %H:%M:%S")
    zone_label = "" if utc else f" {_zone_label(start)}"
    if stop is None:  # the zone follows the time it belongs to
        end = "running" if view.run_state is RunState.RUNNING else "no stop"
        return f"{shown}{zone_label} – {end}"
    same_day = stop.date() == start.date()
    end = stop.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M:%S") + zone_label
    if view.stop_is_derived:
        end += " (derived: start + duration)"
    return f"{shown} – {end}"
