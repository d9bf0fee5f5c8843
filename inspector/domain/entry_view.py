"""A raw time entry turned into what the inspector shows: state, times, anomalies, fields."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from inspector.domain.field_catalogue import (
    FIELD_CATALOGUE,
    SHARED_WITH_FIELDS,
    UNKNOWN_FIELD_DESCRIPTION,
    FieldGroup,
    FieldInfo,
)
from inspector.domain.field_tree import (
    MAX_TREE_DEPTH,
    FieldNode,
    ValueKind,
    child_path,
    derived_node,
    display_value,
    kind_of,
    plural,
    readable,
    unavailable_node,
    value_node,
)
from inspector.domain.json_reading import DuplicateKey
from inspector.domain.run_state import RunState as RunState  # re-exported: where it was
from inspector.domain.timestamps import (
    InvalidTimestamp,
    format_duration,
    format_local,
    format_moment,
    format_utc,
    moment_after,
    parse_timestamp,
    utc_from_epoch,
)

TIMESTAMP_FIELDS = ("start", "stop", "at", "server_deleted_at")
# Toggl's durations are whole seconds while start/stop are exact: allow a second of rounding.
DURATION_TOLERANCE_S = 1
# A viewer's clock may run a little behind the server's; only a later start is odd.
FUTURE_START_TOLERANCE = timedelta(seconds=60)
# Toggl's API is written in Go: every integer it sends fits in 64 bits. One that does not
# is shown (and flagged), never used to derive the entry's state or times.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Anomalies of one kind (numbers out of range, repeated keys) named one by one; the rest
# are counted in one more line.
ANOMALIES_NAMED_PER_KIND = 10
_LEGACY_IDS = (
    ("pid", "project_id"),
    ("tid", "task_id"),
    ("uid", "user_id"),
    ("wid", "workspace_id"),
)
_EXPECTED_TYPES: dict[str, tuple[ValueKind, ...]] = {
    "id": (ValueKind.INTEGER,),
    "duration": (ValueKind.INTEGER,),
    "workspace_id": (ValueKind.INTEGER,),
    "user_id": (ValueKind.INTEGER,),
    "project_id": (ValueKind.INTEGER, ValueKind.NULL),
    "task_id": (ValueKind.INTEGER, ValueKind.NULL),
    "billable": (ValueKind.BOOLEAN,),
    "description": (ValueKind.STRING, ValueKind.NULL),
    "tags": (ValueKind.LIST, ValueKind.NULL),
    "tag_ids": (ValueKind.LIST, ValueKind.NULL),
    "shared_with": (ValueKind.LIST, ValueKind.NULL),
}


@dataclass(frozen=True)
class Anomaly:
    code: str
    message: str


@dataclass(frozen=True)
class FieldGroupView:
    group: FieldGroup
    fields: tuple[FieldNode, ...]

    @property
    def title(self) -> str:
        return self.group.value


@dataclass(frozen=True)
class EntryView:
    entry_id: int | None
    raw: Mapping[str, object]
    run_state: RunState
    start: datetime | None
    stop: datetime | None  # as sent, or derived from start + duration (see stop_is_derived)
    stop_is_derived: bool
    recorded_duration: int | None  # the non-negative duration the API sent, if any
    anomalies: tuple[Anomaly, ...]
    groups: tuple[FieldGroupView, ...]

    def elapsed_seconds(self, now: datetime) -> float | None:
        """How long a running entry has been running at ``now``; None when unknowable."""
        if self.run_state is not RunState.RUNNING:
            return None
        if self.start is not None:
            return (now - self.start).total_seconds()
        duration = _json_integer(self.raw.get("duration"))
        if duration is not None and duration < -1:
            return now.timestamp() + duration
        return None

    def shown_duration(self, now: datetime) -> str:
        """h:mm:ss for the entry: elapsed while running, recorded otherwise, '?' if unknown."""
        seconds = (
            self.elapsed_seconds(now)
            if self.run_state is RunState.RUNNING
            else (self.recorded_duration)
        )
        return "?" if seconds is None else format_duration(seconds)


def build_entry_view(
    raw: Mapping[str, object],
    now: datetime,
    local_zone: tzinfo | None,
    *,
    unavailable: Mapping[str, str] | None = None,
    extra_fields: Mapping[str, FieldInfo] | None = None,
    duplicate_keys: Sequence[DuplicateKey] = (),
    field_tree: bool = True,
) -> EntryView:
    """Derive everything the inspector shows about one entry from its raw JSON object.

    ``unavailable`` names fields its source cannot carry (a report has no ``shared_with``),
    each with the text shown in its place; ``extra_fields`` describes fields only that
    source has; ``duplicate_keys`` are keys the answer held more than once (the raw object
    kept the last). Anomaly checks look at what was sent only, so a missing field is not odd.
    ``field_tree`` False leaves ``groups`` empty (a table of many entries shows none of
    them; building them is most of the work): everything else is the same.
    """
    anomalies: list[Anomaly] = []
    anomalies += _named_at_most(
        [Anomaly("duplicate_key", duplicate.message) for duplicate in duplicate_keys],
        "duplicate_key",
        "more keys appear more than once",
    )
    anomalies += _type_anomalies(raw)
    anomalies += _shape_anomalies(raw)
    times = {name: _parse_time_field(raw, name, anomalies) for name in TIMESTAMP_FIELDS}
    duration = _json_integer(raw.get("duration"))
    start, stop = times["start"], times["stop"]
    state = derive_run_state(duration, raw.get("stop"))

    stop_is_derived = False
    if state is RunState.DURATION_ONLY and start is not None and duration is not None:
        stop = moment_after(start, duration)
        stop_is_derived = stop is not None
        if stop is None:
            anomalies.append(
                Anomaly(
                    "duration_out_of_range", f"duration {duration} s reaches past the year 9999."
                )
            )
    anomalies += _time_anomalies(raw, state, start, stop, stop_is_derived, duration, now)
    anomalies += _legacy_id_anomalies(raw)
    if raw.get("server_deleted_at") is not None:
        when = times["server_deleted_at"]
        shown = format_utc(when) if when else display_value(raw.get("server_deleted_at"))
        anomalies.append(Anomaly("deleted", f"Deleted entry: server_deleted_at is {shown}."))

    return EntryView(
        entry_id=_json_integer(raw.get("id")),
        raw=raw,
        run_state=state,
        start=start,
        stop=stop,
        stop_is_derived=stop_is_derived,
        recorded_duration=duration if duration is not None and duration >= 0 else None,
        anomalies=tuple(anomalies),
        groups=_field_groups(
            raw,
            times,
            state,
            duration,
            stop if stop_is_derived else None,
            local_zone,
            unavailable or {},
            {**FIELD_CATALOGUE, **(extra_fields or {})},
        )
        if field_tree
        else (),
    )


def _json_integer(value: object) -> int | None:
    """A JSON integer that fits in 64 bits, as an int; None for anything else (true and
    false included, and integers no Toggl field can hold: 10**400 has no duration)."""
    if isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX:
        return value
    return None


def derive_run_state(duration: int | None, stop: object) -> RunState:
    """Running: negative duration (-1 or legacy -start_epoch), or null stop and no
    non-negative duration. Duration only: null stop with a non-negative duration."""
    if duration is not None and duration < 0:
        return RunState.RUNNING
    if stop is None:
        return RunState.RUNNING if duration is None else RunState.DURATION_ONLY
    return RunState.STOPPED


def _parse_time_field(
    raw: Mapping[str, object], name: str, anomalies: list[Anomaly]
) -> datetime | None:
    value = raw.get(name)
    if value is None:
        return None
    try:
        return parse_timestamp(value)
    except InvalidTimestamp as error:
        anomalies.append(Anomaly(f"bad_{name}", f"{name} cannot be read: {error}."))
        return None


def _type_anomalies(raw: Mapping[str, object]) -> list[Anomaly]:
    found = []
    if "start" not in raw or raw.get("start") is None:
        found.append(Anomaly("missing_start", "The entry has no start time."))
    for name, expected in _EXPECTED_TYPES.items():
        if name in raw and kind_of(raw[name]) not in expected:
            wanted = " or ".join(kind.value for kind in expected)
            found.append(
                Anomaly(
                    f"bad_type_{name}",
                    f"{name} is {kind_of(raw[name]).value} {display_value(raw[name])!r}, "
                    f"expected {wanted}.",
                )
            )
    return found


def _time_anomalies(
    raw: Mapping[str, object],
    state: RunState,
    start: datetime | None,
    stop: datetime | None,
    stop_is_derived: bool,
    duration: int | None,
    now: datetime,
) -> list[Anomaly]:
    found = []
    if duration is not None and duration < 0 and raw.get("stop") is not None:
        found.append(
            Anomaly(
                "negative_duration_with_stop",
                f"duration is {duration} (running) but stop is set "
                f"({display_value(raw.get('stop'))}).",
            )
        )
    if start is not None and stop is not None and not stop_is_derived and stop < start:
        found.append(
            Anomaly(
                "stop_before_start", f"stop {format_utc(stop)} is before start {format_utc(start)}."
            )
        )
    if (
        state is RunState.STOPPED
        and start is not None
        and stop is not None
        and duration is not None
        and duration >= 0
    ):
        span = (stop - start).total_seconds()
        if abs(span - duration) > DURATION_TOLERANCE_S:
            found.append(
                Anomaly(
                    "duration_mismatch",
                    f"duration {duration} s ({format_duration(duration)}) disagrees with "
                    f"stop − start = {span:.0f} s ({format_duration(span)}).",
                )
            )
    if start is not None and start > now + FUTURE_START_TOLERANCE:
        found.append(
            Anomaly(
                "start_in_future",
                f"start {format_utc(start)} is in the future "
                f"({format_duration((start - now).total_seconds())} from now).",
            )
        )
    if duration is not None and duration < -1 and start is not None:
        encoded = utc_from_epoch(-duration)
        if encoded is None:
            found.append(
                Anomaly(
                    "start_epoch_mismatch", f"duration {duration} encodes no possible start time."
                )
            )
        elif abs((encoded - start).total_seconds()) > DURATION_TOLERANCE_S:
            found.append(
                Anomaly(
                    "start_epoch_mismatch",
                    f"duration {duration} encodes a start of {format_utc(encoded)}, "
                    f"but start is {format_utc(start)}.",
                )
            )
    return found


def _legacy_id_anomalies(raw: Mapping[str, object]) -> list[Anomaly]:
    found = []
    for legacy, current in _LEGACY_IDS:
        old, new = raw.get(legacy), raw.get(current)
        if old is not None and new is not None and _differ(old, new):
            found.append(
                Anomaly(
                    f"legacy_{legacy}_mismatch",
                    f"legacy {legacy} {display_value(old)} differs from {current} "
                    f"{display_value(new)}.",
                )
            )
    return found


def _differ(old: object, new: object) -> bool:
    """Whether two JSON values differ; lists nested too deeply to compare do."""
    try:
        return old != new
    except RecursionError:
        return True


def _shape_anomalies(raw: Mapping[str, object]) -> list[Anomaly]:
    """Numbers no field of Toggl's API can hold, and values nested past what the tree shows.

    A walk without recursion: json accepts about 990 levels of nesting."""
    numbers: list[Anomaly] = []
    nested: list[Anomaly] = []
    for name, value in raw.items():
        path = child_path("", name)
        if not isinstance(value, (list, dict)):
            numbers.extend(_number_anomaly(path, value))
            continue
        depth, shown_depth = _walk(path, value, numbers)
        if shown_depth > MAX_TREE_DEPTH:
            nested.append(
                Anomaly(
                    "deeply_nested",
                    f"{path} is nested {depth} levels deep; the tree opens the first "
                    f"{MAX_TREE_DEPTH}, the Raw JSON tab has them all.",
                )
            )
    return [
        *_named_at_most(numbers, "number_out_of_range", "more numbers are out of range"),
        *nested,
    ]


def _walk(
    path: str, value: list[object] | dict[str, object], numbers: list[Anomaly]
) -> tuple[int, int]:
    """(levels of nesting in ``value``, levels holding anything), noting odd numbers."""
    depth = shown_depth = 1
    stack: list[tuple[str, list[object] | dict[str, object], int]] = [(path, value, 1)]
    while stack:
        here, container, level = stack.pop()
        shown_depth = max(shown_depth, level)
        items: Iterator[tuple[str | int, object]] = (
            iter(container.items()) if isinstance(container, dict) else enumerate(container)
        )
        for key, item in items:
            if isinstance(item, (list, dict)):
                depth = max(depth, level + 1)
                if item:
                    stack.append((child_path(here, key), item, level + 1))
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                numbers.extend(_number_anomaly(child_path(here, key), item))
        depth = max(depth, level)
    return depth, shown_depth


def _number_anomaly(path: str, value: object) -> list[Anomaly]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        return [
            Anomaly(
                "number_out_of_range",
                f"{path} is {display_value(value)}, beyond any 64-bit integer: no field "
                "of Toggl's API holds such a number.",
            )
        ]
    if isinstance(value, float) and not math.isfinite(value):
        return [
            Anomaly(
                "number_out_of_range",
                f"{path} is {display_value(value)}: not a finite number (a number too large "
                "for a 64-bit float reads as Infinity; NaN and Infinity are not JSON).",
            )
        ]
    return []


def _named_at_most(anomalies: list[Anomaly], code: str, rest: str) -> list[Anomaly]:
    """The first ANOMALIES_NAMED_PER_KIND, and one line counting the others."""
    if len(anomalies) <= ANOMALIES_NAMED_PER_KIND:
        return anomalies
    others = len(anomalies) - ANOMALIES_NAMED_PER_KIND
    return [
        *anomalies[:ANOMALIES_NAMED_PER_KIND],
        Anomaly(code, f"{others:,} {rest} (not named one by one)."),
    ]


def _field_groups(
    raw: Mapping[str, object],
    times: Mapping[str, datetime | None],
    state: RunState,
    duration: int | None,
    derived_stop: datetime | None,
    local_zone: tzinfo | None,
    unavailable: Mapping[str, str],
    catalogue: Mapping[str, FieldInfo],
) -> tuple[FieldGroupView, ...]:
    by_group: dict[FieldGroup, list[FieldNode]] = {group: [] for group in FieldGroup}
    known = [name for name in catalogue if name in raw or name in unavailable]
    unknown = [name for name in [*raw, *unavailable] if name not in catalogue]
    unknown = list(dict.fromkeys(unknown))  # a name both sent and unavailable: once
    for name in known + unknown:
        info = catalogue.get(name)
        group = info.group if info else FieldGroup.OTHER
        description = info.description if info else UNKNOWN_FIELD_DESCRIPTION
        if name not in raw:
            by_group[group].append(
                unavailable_node(name, child_path("", name), unavailable[name], description)
            )
            continue
        value = raw[name]
        path = child_path("", name)
        extra: tuple[FieldNode, ...] = ()
        moment = times.get(name)
        if moment is not None:
            extra = _time_children(path, moment, local_zone)
        elif name == "stop" and derived_stop is not None:
            extra = _time_children(path, derived_stop, local_zone, prefix="Derived stop, ")
        elif name == "duration" and duration is not None:
            extra = (_duration_child(path, duration, state),)
        if name == "shared_with" and isinstance(value, list):
            by_group[group].append(_shared_with_node(path, value, description))
        else:
            node = value_node(readable(name), path, value, description, extra)
            if moment is not None:
                node = replace(node, readable_value=format_moment(moment, local_zone))
            elif name == "duration" and duration is not None:
                node = replace(node, readable_value=_readable_duration(duration))
            by_group[group].append(node)
    return tuple(FieldGroupView(group, tuple(nodes)) for group, nodes in by_group.items() if nodes)


def _time_children(
    path: str, moment: datetime, local_zone: tzinfo | None, prefix: str = ""
) -> tuple[FieldNode, ...]:
    why = "start + duration, since stop is null" if prefix else "the same moment"
    return (
        derived_node(f"{prefix}UTC", path, format_utc(moment), f"Derived: {why}, in UTC"),
        derived_node(
            f"{prefix}local",
            path,
            format_local(moment, local_zone),
            f"Derived: {why}, in this computer's time zone",
        ),
    )


def _readable_duration(duration: int) -> str:
    """h:mm:ss; a running entry's negative duration is no length of time."""
    return format_duration(duration) if duration >= 0 else "running"


def _duration_child(path: str, duration: int, state: RunState) -> FieldNode:
    if duration == -1:
        text = "running (v9 writes -1 while the timer is on)"
    elif duration < 0:
        encoded = utc_from_epoch(-duration)
        since = format_utc(encoded) if encoded else "an impossible start time"
        text = f"running since {since} (legacy -start_epoch)"
    else:
        text = format_duration(duration)
    label = "h:mm:ss" if duration >= 0 else "meaning"
    return derived_node(label, path, text, f"Derived: what duration {duration} means")


def _shared_with_node(path: str, users: list[object], description: str) -> FieldNode:
    """One child per user, labelled by name, its value saying whether the share is accepted."""
    base = value_node("shared_with", path, users, description)
    children = []
    for index, (user, generic) in enumerate(zip(users, base.children, strict=True)):
        if not isinstance(user, dict):
            children.append(generic)
            continue
        name = user.get("user_name")
        label = (
            readable(name)
            if isinstance(name, str) and name
            else f"user {display_value(user.get('user_id'))}"
        )
        accepted = user.get("accepted")
        # Only true and false say yes or no: 1 is not "accepted" (nor counted as such below),
        # and a list or object (unhashable) is shown as it is.
        if isinstance(accepted, bool):
            status = "accepted" if accepted else "not accepted"
        else:
            status = display_value(accepted)
        members = tuple(
            replace(member, description=SHARED_WITH_FIELDS.get(member.label))
            for member in generic.children
        )
        children.append(
            FieldNode(
                label=label,
                path=child_path(path, index),
                value=user,
                display=status,
                kind=ValueKind.OBJECT,
                type_name="object",
                description="A user this entry is shared with",
                children=members,
            )
        )
    accepted_count = sum(
        1 for user in users if isinstance(user, dict) and user.get("accepted") is True
    )
    display = f"{plural(len(users), 'user')}, {accepted_count} accepted" if users else base.display
    return FieldNode(
        label=base.label,
        path=path,
        value=users,
        display=display,
        kind=base.kind,
        type_name=base.type_name,
        description=description,
        children=tuple(children),
    )
