"""Why an entry may look wrong to a customer, in sentences: deletion, a project that is gone
or archived, tags removed, workspace rounding and billable rules, the owner's calendar day,
and the entries around it. Pure: the facts come from the caller (and may be missing)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.neighbours import Neighbour, Relation
from inspector.domain.owner_day import OwnerDay
from inspector.domain.timestamps import format_duration, format_utc, parse_timestamp

PROJECT_STATES = ("upcoming", "active", "ended", "archived", "deleted")


@dataclass(frozen=True)
class ProjectFacts:
    """From GET /workspaces/{wid}/projects/{pid}."""

    project_id: int
    name: str
    status: str | None  # upcoming, active, ended, archived, deleted; None when not said
    active: bool | None
    billable: bool | None
    deleted_at: str | None = None

    @classmethod
    def from_json(cls, body: Mapping[str, object], project_id: int) -> ProjectFacts:
        status = body.get("status")
        deleted_at = body.get("server_deleted_at")
        return cls(
            project_id=project_id,
            name=_text(body.get("name")),
            status=status if isinstance(status, str) and status else None,
            active=_flag(body.get("active")),
            billable=_flag(body.get("billable")),
            deleted_at=deleted_at if isinstance(deleted_at, str) else None,
        )

    @property
    def state(self) -> str:
        if self.deleted_at or self.status == "deleted":
            return "deleted"
        if self.status:
            return self.status
        if self.active is False:
            return "archived"
        return "active"


@dataclass(frozen=True)
class WorkspaceFacts:
    """From GET /workspaces/{wid}."""

    workspace_id: int
    name: str
    rounding: int | None  # -1 down, 0 nearest, 1 up
    rounding_minutes: int | None
    projects_enforce_billable: bool | None
    hide_start_end_times: bool | None

    @classmethod
    def from_json(cls, body: Mapping[str, object], workspace_id: int) -> WorkspaceFacts:
        return cls(
            workspace_id=workspace_id,
            name=_text(body.get("name")),
            rounding=_integer(body.get("rounding")),
            rounding_minutes=_integer(body.get("rounding_minutes")),
            projects_enforce_billable=_flag(body.get("projects_enforce_billable")),
            hide_start_end_times=_flag(body.get("hide_start_end_times")),
        )


@dataclass(frozen=True)
class Unchecked:
    """Something the explanation could not look at, and why (e.g. a 403 or the quota)."""

    what: str
    why: str


@dataclass(frozen=True)
class Context:
    """What is known around an entry; every part is optional."""

    owner_day: OwnerDay | None = None
    neighbours: Sequence[Neighbour] | None = None  # None: not looked at
    project: ProjectFacts | None = None
    workspace: WorkspaceFacts | None = None
    unchecked: Sequence[Unchecked] = field(default_factory=tuple)


@dataclass(frozen=True)
class Explanation:
    code: str
    sentence: str


def explain(view: EntryView, context: Context, now: datetime) -> list[Explanation]:
    """Every reason found, most telling first."""
    found: list[Explanation] = []
    found += _deletion(view)
    found += _neighbour_reasons(context.neighbours, now)
    found += _day_reasons(context.owner_day)
    found += _project_reasons(view, context.project)
    found += _tag_reasons(view)
    found += _workspace_reasons(view, context.workspace, context.project)
    found += [
        Explanation("unchecked", f"Not checked: {item.what} ({item.why})")
        for item in context.unchecked
    ]
    return found


def rounded_seconds(seconds: int, minutes: int, direction: int) -> int:
    """A duration as a workspace's rounding shows it in reports."""
    step = minutes * 60
    if step <= 0:
        return seconds
    if direction < 0:
        return (seconds // step) * step
    if direction > 0:
        return math.ceil(seconds / step) * step
    return math.floor(seconds / step + 0.5) * step


def _deletion(view: EntryView) -> list[Explanation]:
    deleted = view.raw.get("server_deleted_at")
    if deleted is None:
        return []
    try:
        when = format_utc(parse_timestamp(deleted))
    except ValueError:
        when = str(deleted)
    return [
        Explanation(
            "deleted",
            f"The entry was deleted ({when}): it no longer shows in the timer, the calendar "
            "or reports, though the API still answers for it for a while.",
        )
    ]


def _neighbour_reasons(neighbours: Sequence[Neighbour] | None, now: datetime) -> list[Explanation]:
    reasons = []
    for neighbour in neighbours or ():
        other = neighbour.span.entry_id
        if neighbour.relation is Relation.DUPLICATE:
            reasons.append(
                Explanation(
                    "duplicate",
                    f"Entry {other} is an exact duplicate (same start, stop, description and "
                    "project): reports count the time twice.",
                )
            )
        elif neighbour.relation is Relation.RUNNING:
            reasons.append(
                Explanation(
                    "second_running",
                    f"Entry {other} is running too: Toggl keeps one running entry per user, so "
                    "one of them was probably started from another device or app.",
                )
            )
        elif neighbour.relation is Relation.OVERLAP:
            reasons.append(
                Explanation(
                    "overlap",
                    f"Overlaps entry {other} by {format_duration(neighbour.overlap_seconds)}: "
                    "the same time is counted in both.",
                )
            )
    return reasons


def _day_reasons(day: OwnerDay | None) -> list[Explanation]:
    if day is None:
        return []
    if day.unknown_zone:
        return [
            Explanation(
                "unknown_zone",
                f"The owner's time zone {day.unknown_zone!r} is not a zone this computer knows.",
            )
        ]
    if day.owner_start is None or not day.day_differs:
        return []
    owner = day.owner_start.strftime("%a %Y-%m-%d %H:%M")
    return [
        Explanation(
            "owner_day_differs",
            f"For its owner ({day.zone_name}) the entry starts {owner}, on "
            f"{day.owner_day:%a %Y-%m-%d}; in UTC that is {day.utc_day:%a %Y-%m-%d} and on "
            f"this computer {day.local_day:%a %Y-%m-%d}. Reports use the owner's profile zone "
            "and the web timer the device's clock, so the entry can appear under another day.",
        )
    ]


def _project_reasons(view: EntryView, project: ProjectFacts | None) -> list[Explanation]:
    if "project_id" in view.raw and view.raw.get("project_id") is None:
        return [
            Explanation(
                "no_project",
                "No project: either none was ever set, or the project was deleted later "
                "(Toggl then clears project_id on its entries).",
            )
        ]
    if project is None:
        return []
    name = f"“{project.name}”" if project.name else str(project.project_id)
    state = project.state
    if state == "deleted":
        sentence = f"Project {name} is deleted: it no longer appears in pickers or reports."
    elif state == "archived":
        sentence = (
            f"Project {name} is archived: the entry keeps it, but it is hidden from the "
            "project picker and from reports filtered on active projects."
        )
    elif state == "ended":
        sentence = f"Project {name} has ended (its end date passed)."
    elif state == "upcoming":
        sentence = f"Project {name} has not started yet (its start date is ahead)."
    else:
        return []
    return [Explanation(f"project_{state}", sentence)]


def _tag_reasons(view: EntryView) -> list[Explanation]:
    if "tags" in view.raw and view.raw.get("tags") is None:
        return [
            Explanation(
                "no_tags",
                "No tags: either none were set, or they were deleted later (Toggl removes a "
                "deleted tag from its entries without changing `at`).",
            )
        ]
    return []


def _workspace_reasons(
    view: EntryView, workspace: WorkspaceFacts | None, project: ProjectFacts | None
) -> list[Explanation]:
    if workspace is None:
        return []
    reasons = []
    minutes = workspace.rounding_minutes or 0
    duration = view.recorded_duration
    if minutes > 0 and workspace.rounding is not None:
        direction = {-1: "down", 0: "to the nearest", 1: "up"}.get(
            max(-1, min(1, workspace.rounding)), "to the nearest"
        )
        shown = ""
        if duration is not None and view.run_state is not RunState.RUNNING:
            rounded = rounded_seconds(duration, minutes, workspace.rounding)
            if rounded != duration:
                shown = (
                    f": reports show {format_duration(rounded)} where the entry holds "
                    f"{format_duration(duration)}"
                )
        reasons.append(
            Explanation(
                "rounding",
                f"The workspace rounds durations in reports {direction} {minutes} "
                f"minute{'s' if minutes != 1 else ''}{shown}.",
            )
        )
    enforced = workspace.projects_enforce_billable and project is not None and project.billable
    if enforced and view.raw.get("billable") is False:
        reasons.append(
            Explanation(
                "billable_enforced",
                "The workspace enforces billable time on billable projects, yet this entry is "
                "not billable (it was probably created before the rule, or through the API).",
            )
        )
    if workspace.hide_start_end_times:
        reasons.append(
            Explanation(
                "times_hidden",
                "The workspace hides start and end times from members: they see durations only.",
            )
        )
    return reasons


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
