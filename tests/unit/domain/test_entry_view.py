"""build_entry_view: run state, derived times, anomalies and the grouped field tree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.demo.dataset import build_dataset
from inspector.domain.entry_view import (
    EntryView,
    RunState,
    build_entry_view,
    derive_run_state,
)
from inspector.domain.field_catalogue import (
    FIELD_CATALOGUE,
    SHARED_WITH_FIELDS,
    UNKNOWN_FIELD_DESCRIPTION,
    FieldGroup,
)
from inspector.domain.field_tree import FieldNode, ValueKind

UTC = UTC
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2024, 12, 16, 18, 0, 0, tzinfo=UTC)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, database=None)

# The real running entry quoted in FACTS.md (legacy -start_epoch duration).
REAL_RUNNING = json.loads(
    '{"id":3727977106,"workspace_id":2230580,"project_id":155392684,"task_id":null,'
    '"billable":false,"start":"2024-12-13T00:18:26+00:00","stop":null,"duration":-1734049107,'
    '"description":"Open Sourcing","tags":[],"tag_ids":[],"duronly":true,'
    '"at":"2024-12-13T00:18:26.835197Z","server_deleted_at":null,"user_id":2166261,'
    '"uid":2166261,"wid":2230580,"pid":155392684}'
)


def entry(**overrides: object) -> dict[str, object]:
    """A consistent stopped entry (1 h from 17:05:25 UTC, 2024-12-16) with overrides."""
    raw: dict[str, object] = {
        "id": 3_727_977_200,
        "workspace_id": 2_230_580,
        "project_id": 155_392_684,
        "task_id": None,
        "billable": False,
        "start": "2024-12-16T15:05:25+00:00",
        "stop": "2024-12-16T16:05:25+00:00",
        "duration": 3600,
        "description": "Support call",
        "tags": [],
        "tag_ids": [],
        "duronly": True,
        "at": "2024-12-16T16:05:27.694469Z",
        "server_deleted_at": None,
        "user_id": 2_166_261,
        "uid": 2_166_261,
        "wid": 2_230_580,
        "pid": 155_392_684,
    }
    raw.update(overrides)
    return raw


def view(raw: dict[str, object], now: datetime = NOW) -> EntryView:
    return build_entry_view(raw, now, BERLIN)


def codes(entry_view: EntryView) -> list[str]:
    return [anomaly.code for anomaly in entry_view.anomalies]


def top_level(entry_view: EntryView) -> dict[str, FieldNode]:
    nodes = [node for group in entry_view.groups for node in group.fields]
    labels = [node.label for node in nodes]
    assert len(labels) == len(set(labels)), "a field shown twice"
    return {node.label: node for node in nodes}


def group_of(entry_view: EntryView, label: str) -> FieldGroup:
    (found,) = [g.group for g in entry_view.groups for n in g.fields if n.label == label]
    return found


def walk(node: FieldNode) -> Iterator[FieldNode]:
    yield node
    for child in node.children:
        yield from walk(child)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --------------------------------------------------------------------------- run state


def test_a_consistent_stopped_entry_is_stopped_with_no_anomalies() -> None:
    shown = view(entry())
    assert shown.run_state is RunState.STOPPED
    assert shown.entry_id == 3_727_977_200
    assert shown.start == utc(2024, 12, 16, 15, 5, 25)
    assert shown.stop == utc(2024, 12, 16, 16, 5, 25)
    assert shown.stop_is_derived is False
    assert shown.recorded_duration == 3600
    assert shown.anomalies == ()
    assert shown.elapsed_seconds(NOW) is None
    assert shown.shown_duration(NOW) == "1:00:00"


def test_duration_minus_one_and_stop_null_is_running() -> None:
    shown = view(entry(stop=None, duration=-1))
    assert shown.run_state is RunState.RUNNING
    assert shown.stop is None
    assert shown.stop_is_derived is False
    assert shown.recorded_duration is None
    assert shown.anomalies == ()


def test_legacy_minus_start_epoch_is_running() -> None:
    shown = view(REAL_RUNNING, now=utc(2024, 12, 13, 1, 18, 26))
    assert shown.run_state is RunState.RUNNING
    assert shown.start == utc(2024, 12, 13, 0, 18, 26)
    assert shown.recorded_duration is None
    assert shown.anomalies == ()  # -1734049107 is exactly the start's epoch


def test_stop_null_with_a_duration_is_duration_only_with_a_derived_stop() -> None:
    shown = view(entry(stop=None, duration=5400))
    assert shown.run_state is RunState.DURATION_ONLY
    assert shown.start == utc(2024, 12, 16, 15, 5, 25)
    assert shown.stop == shown.start + timedelta(seconds=5400)
    assert shown.stop == utc(2024, 12, 16, 16, 35, 25)
    assert shown.stop_is_derived is True
    assert shown.recorded_duration == 5400
    assert shown.elapsed_seconds(NOW) is None
    assert shown.shown_duration(NOW) == "1:30:00"
    assert shown.anomalies == ()


def test_zero_length_entry_is_stopped_not_running() -> None:
    start = "2024-12-12T12:00:00+00:00"
    shown = view(entry(start=start, stop=start, duration=0))
    assert shown.run_state is RunState.STOPPED
    assert shown.start == shown.stop
    assert shown.recorded_duration == 0
    assert shown.elapsed_seconds(NOW) is None
    assert shown.shown_duration(NOW) == "0:00:00"
    assert shown.anomalies == ()


def test_duration_zero_with_stop_null_is_duration_only_not_running() -> None:
    shown = view(entry(stop=None, duration=0))
    assert shown.run_state is RunState.DURATION_ONLY
    assert shown.stop == shown.start
    assert shown.stop_is_derived is True


@pytest.mark.parametrize("overrides", [{"stop": None, "duration": None}, {"stop": None}])
def test_stop_null_and_no_duration_is_running(overrides: dict[str, object]) -> None:
    raw = entry(**overrides)
    if "duration" not in overrides:
        del raw["duration"]
    shown = view(raw)
    assert shown.run_state is RunState.RUNNING
    assert shown.stop is None
    assert shown.recorded_duration is None


@pytest.mark.parametrize(
    ("duration", "stop", "expected"),
    [
        (-1, None, RunState.RUNNING),
        (-1_734_049_107, None, RunState.RUNNING),
        (-2, None, RunState.RUNNING),
        (5400, None, RunState.DURATION_ONLY),
        (0, None, RunState.DURATION_ONLY),
        (None, None, RunState.RUNNING),
        (0, "2024-12-12T12:00:00+00:00", RunState.STOPPED),
        (3600, "2024-12-16T16:05:25+00:00", RunState.STOPPED),
        (None, "2024-12-16T16:05:25+00:00", RunState.STOPPED),
        (-1, "2024-12-16T16:05:25+00:00", RunState.RUNNING),  # any negative duration runs
    ],
)
def test_derive_run_state_table(duration: int | None, stop: object, expected: RunState) -> None:
    assert derive_run_state(duration, stop) is expected


# --------------------------------------------------------------------------- elapsed time


def test_elapsed_seconds_of_a_running_entry_at_a_fixed_now() -> None:
    shown = view(entry(start="2024-12-16T16:36:15+00:00", stop=None, duration=-1))
    assert shown.elapsed_seconds(NOW) == 5025.0
    assert shown.shown_duration(NOW) == "1:23:45"
    later = NOW + timedelta(minutes=10)
    assert shown.elapsed_seconds(later) == 5625.0
    assert shown.shown_duration(later) == "1:33:45"


def test_elapsed_seconds_of_a_legacy_running_entry() -> None:
    now = utc(2024, 12, 13, 1, 0, 36)
    shown = view(REAL_RUNNING, now=now)
    assert shown.elapsed_seconds(now) == 42 * 60 + 10
    assert shown.shown_duration(now) == "0:42:10"


def test_elapsed_seconds_from_the_legacy_duration_when_start_is_missing() -> None:
    raw = dict(REAL_RUNNING)
    del raw["start"]
    # -1734049107 encodes 2024-12-13 00:18:27 UTC (the real start is a second earlier).
    now = datetime.fromtimestamp(1_734_049_107, tz=UTC) + timedelta(hours=2)
    assert now == utc(2024, 12, 13, 2, 18, 27)
    shown = view(raw, now=now)
    assert shown.run_state is RunState.RUNNING
    assert shown.elapsed_seconds(now) == 7200.0
    assert "missing_start" in codes(shown)


def test_elapsed_seconds_is_unknown_without_start_or_legacy_duration() -> None:
    raw = entry(stop=None, duration=-1)
    del raw["start"]
    shown = view(raw)
    assert shown.elapsed_seconds(NOW) is None
    assert shown.shown_duration(NOW) == "?"


# --------------------------------------------------------------------------- anomalies


def test_negative_duration_with_stop() -> None:
    shown = view(entry(duration=-1))
    assert shown.run_state is RunState.RUNNING
    assert codes(shown) == ["negative_duration_with_stop"]
    assert "-1" in shown.anomalies[0].message
    assert "2024-12-16T16:05:25+00:00" in shown.anomalies[0].message


def test_stop_before_start() -> None:
    shown = view(entry(stop="2024-12-16T15:05:24+00:00", duration=0))
    assert "stop_before_start" in codes(shown)
    (anomaly,) = [a for a in shown.anomalies if a.code == "stop_before_start"]
    assert "2024-12-16 15:05:24 UTC" in anomaly.message
    assert "2024-12-16 15:05:25 UTC" in anomaly.message


def test_stop_equal_to_start_is_not_before_start() -> None:
    shown = view(entry(stop="2024-12-16T15:05:25+00:00", duration=0))
    assert "stop_before_start" not in codes(shown)


def test_duration_mismatch() -> None:
    shown = view(entry(duration=4000))
    assert codes(shown) == ["duration_mismatch"]
    message = shown.anomalies[0].message
    assert "4000" in message and "3600" in message


@pytest.mark.parametrize("duration", [3599, 3600, 3601])
def test_no_duration_mismatch_within_one_second(duration: int) -> None:
    assert "duration_mismatch" not in codes(view(entry(duration=duration)))


@pytest.mark.parametrize("duration", [3598, 3602])
def test_duration_mismatch_just_beyond_one_second(duration: int) -> None:
    assert "duration_mismatch" in codes(view(entry(duration=duration)))


def test_duration_mismatch_counts_fractions_of_a_second() -> None:
    # stop - start is 3601.5 s: 1.5 s from 3600 is more than the rounding allowance.
    shown = view(entry(stop="2024-12-16T16:05:26.5+00:00"))
    assert "duration_mismatch" in codes(shown)


def test_deleted() -> None:
    shown = view(entry(server_deleted_at="2024-12-17T09:00:00.123456Z"))
    assert codes(shown) == ["deleted"]
    assert "2024-12-17 09:00:00 UTC" in shown.anomalies[0].message


def test_deleted_with_an_unreadable_timestamp_still_says_deleted() -> None:
    shown = view(entry(server_deleted_at="sometime"))
    assert "deleted" in codes(shown)
    assert "bad_server_deleted_at" in codes(shown)
    (deleted,) = [a for a in shown.anomalies if a.code == "deleted"]
    assert "sometime" in deleted.message


def test_start_in_future() -> None:
    shown = view(entry(start="2024-12-18T18:00:00+00:00", stop="2024-12-18T19:00:00+00:00"))
    assert codes(shown) == ["start_in_future"]
    assert "48:00:00" in shown.anomalies[0].message


@pytest.mark.parametrize("ahead_s", [0, 30, 60])
def test_start_slightly_ahead_of_the_viewer_clock_is_not_flagged(ahead_s: int) -> None:
    start = NOW + timedelta(seconds=ahead_s)
    shown = view(entry(start=start.isoformat(), stop=None, duration=-1))
    assert "start_in_future" not in codes(shown)


def test_start_more_than_a_minute_ahead_is_flagged() -> None:
    start = NOW + timedelta(seconds=61)
    shown = view(entry(start=start.isoformat(), stop=None, duration=-1))
    assert "start_in_future" in codes(shown)


def test_start_epoch_mismatch() -> None:
    raw = dict(REAL_RUNNING, start="2024-12-13T00:28:26+00:00")  # 10 min after the epoch
    shown = view(raw, now=utc(2024, 12, 13, 1, 0, 0))
    assert codes(shown) == ["start_epoch_mismatch"]
    assert "2024-12-13 00:18:27 UTC" in shown.anomalies[0].message  # what the epoch says
    assert "2024-12-13 00:28:26 UTC" in shown.anomalies[0].message  # what start says


@pytest.mark.parametrize("start", ["00:18:26", "00:18:27", "00:18:28"])
def test_start_epoch_within_a_second_is_not_a_mismatch(start: str) -> None:
    raw = dict(REAL_RUNNING, start=f"2024-12-13T{start}+00:00")
    assert "start_epoch_mismatch" not in codes(view(raw, now=utc(2024, 12, 13, 1, 0, 0)))


@pytest.mark.parametrize("start", ["00:18:25", "00:18:29"])
def test_start_epoch_two_seconds_off_is_a_mismatch(start: str) -> None:
    raw = dict(REAL_RUNNING, start=f"2024-12-13T{start}+00:00")
    assert "start_epoch_mismatch" in codes(view(raw, now=utc(2024, 12, 13, 1, 0, 0)))


def test_duration_minus_one_never_is_a_start_epoch_mismatch() -> None:
    assert "start_epoch_mismatch" not in codes(view(entry(stop=None, duration=-1)))


@pytest.mark.parametrize(
    ("legacy", "current", "value"),
    [
        ("pid", "project_id", 201_000_999),
        ("tid", "task_id", 1),
        ("uid", "user_id", 7),
        ("wid", "workspace_id", 8),
    ],
)
def test_legacy_id_mismatch(legacy: str, current: str, value: int) -> None:
    raw = entry(task_id=301, tid=301)
    assert codes(view(raw)) == []
    raw[legacy] = value
    shown = view(raw)
    assert codes(shown) == [f"legacy_{legacy}_mismatch"]
    assert current in shown.anomalies[0].message
    assert str(value) in shown.anomalies[0].message


def test_legacy_pid_with_project_id_null_is_not_a_mismatch() -> None:
    assert codes(view(entry(project_id=None))) == []


def test_bad_type_id() -> None:
    shown = view(entry(id="3727977200"))
    assert codes(shown) == ["bad_type_id"]
    assert "string" in shown.anomalies[0].message
    assert "integer" in shown.anomalies[0].message
    assert shown.entry_id is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", True),
        ("id", 3727977200.0),
        ("duration", True),
        ("duration", "3600"),
        ("billable", 0),
        ("tags", "support"),
        ("workspace_id", None),
        ("description", 5),
    ],
)
def test_bad_types_are_flagged_per_field(field: str, value: object) -> None:
    assert f"bad_type_{field}" in codes(view(entry(**{field: value})))


@pytest.mark.parametrize("how", ["absent", "null"])
def test_missing_start(how: str) -> None:
    raw = entry()
    if how == "absent":
        del raw["start"]
    else:
        raw["start"] = None
    shown = view(raw)
    assert "missing_start" in codes(shown)
    assert shown.start is None


@pytest.mark.parametrize("value", ["yesterday", "2024-12-16T15:05:25", 1734049107, ["x"]])
def test_bad_start(value: object) -> None:
    shown = view(entry(start=value))
    assert "bad_start" in codes(shown)
    assert "missing_start" not in codes(shown)
    assert shown.start is None
    # The raw value is still shown, untouched.
    assert top_level(shown)["start"].value == value


def test_bad_stop() -> None:
    shown = view(entry(stop="later"))
    assert "bad_stop" in codes(shown)
    assert shown.stop is None


def test_anomalies_of_the_demo_dataset() -> None:
    entries, _ = build_dataset(NOW)
    found = {entry_id: codes(view(raw)) for entry_id, raw in entries.items()}
    assert found[5_000_000_012] == ["deleted"]
    assert found[5_000_000_014] == ["duration_mismatch", "legacy_pid_mismatch"]
    assert found[5_000_000_015] == ["start_in_future"]
    others = {
        k: v for k, v in found.items() if k not in (5_000_000_012, 5_000_000_014, 5_000_000_015)
    }
    assert all(v == [] for v in others.values()), others


# --------------------------------------------------------------------------- field groups


def test_unknown_fields_go_to_other_fields_and_keep_their_values() -> None:
    extra = {
        "rate_cents": 12_500,
        "integration": {"provider": "jira", "ext_id": "SUP-1234"},
        "odd key!": None,
        "": [],
        "client_id": 401_000_001,
    }
    shown = view(entry(**extra))
    nodes = top_level(shown)
    for name in ("rate_cents", "integration", "odd key!", ""):
        assert group_of(shown, name) is FieldGroup.OTHER
        assert nodes[name].value == extra[name]
        assert nodes[name].description == UNKNOWN_FIELD_DESCRIPTION
    assert nodes["integration"].display == "2 fields"
    assert [c.label for c in nodes["integration"].children] == ["provider", "ext_id"]
    assert nodes["odd key!"].path == '["odd key!"]'
    # Known but undocumented fields keep their own description and group.
    assert group_of(shown, "client_id") is FieldGroup.PROJECT_AND_TASK
    assert nodes["client_id"].description == FIELD_CATALOGUE["client_id"].description
    other = [g for g in shown.groups if g.group is FieldGroup.OTHER]
    assert other and other[0].title == "Other fields"


def test_every_key_of_the_demo_entries_is_a_top_level_node() -> None:
    entries, _ = build_dataset(NOW)
    for raw in entries.values():
        nodes = top_level(view(raw))
        assert set(nodes) == set(raw)
        for name, value in raw.items():
            assert nodes[name].value == value


_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**31), max_value=2**31),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_timestamps = st.sampled_from(
    [
        "2024-12-16T15:05:25+00:00",
        "2024-12-16T18:07:05.694469Z",
        "2024-12-19T00:00:00Z",
        "not a time",
        "",
    ]
)


@PROPERTY_SETTINGS
@given(
    extra=st.dictionaries(st.text(max_size=12), _json_value, max_size=6),
    known=st.dictionaries(
        st.sampled_from(
            sorted(set(FIELD_CATALOGUE) - {"start", "stop", "at", "server_deleted_at"})
        ),
        _json_value,
        max_size=6,
    ),
    times=st.dictionaries(
        st.sampled_from(["start", "stop", "at", "server_deleted_at"]),
        st.one_of(st.none(), _timestamps),
        max_size=4,
    ),
)
def test_no_field_is_ever_dropped(
    extra: dict[str, object], known: dict[str, object], times: dict[str, object]
) -> None:
    raw = {**extra, **known, **times}
    shown = view(raw)
    nodes = top_level(shown)
    assert set(nodes) == set(raw)
    for name, value in raw.items():
        node = nodes[name]
        assert node.value == value or (node.value != node.value and value != value)
        info = FIELD_CATALOGUE.get(name)
        assert group_of(shown, name) is (info.group if info else FieldGroup.OTHER)
    assert all(anomaly.message for anomaly in shown.anomalies)


def test_groups_come_in_catalogue_order_and_skip_empty_groups() -> None:
    shown = view(entry())
    assert [g.group for g in shown.groups] == [
        FieldGroup.ENTRY,
        FieldGroup.TIME,
        FieldGroup.PROJECT_AND_TASK,
        FieldGroup.TAGS,
        FieldGroup.USER_AND_WORKSPACE,
        FieldGroup.LEGACY_IDS,
    ]


def test_documented_fields_carry_the_catalogue_description() -> None:
    shown = view(entry(shared_with=[], permissions=["read"], project_name="Support"))
    nodes = top_level(shown)
    assert nodes["id"].description == "Time Entry ID"
    assert nodes["start"].description == "Start time in UTC"
    assert nodes["duration"].description.startswith("Time entry duration.")
    assert nodes["pid"].description == "Project ID, legacy field"
    for name, node in nodes.items():
        assert node.description == FIELD_CATALOGUE[name].description, name
        assert group_of(shown, name) is FIELD_CATALOGUE[name].group


def test_null_empty_list_false_and_zero_look_different_in_the_tree() -> None:
    nodes = top_level(
        view(
            entry(
                task_id=None,
                tags=[],
                billable=False,
                duration=0,
                stop="2024-12-16T15:05:25+00:00",
                description="",
            )
        )
    )
    shown = {
        name: (nodes[name].display, nodes[name].type_name)
        for name in ("task_id", "tags", "billable", "duration", "description")
    }
    assert shown == {
        "task_id": ("null", "null"),
        "tags": ("[] (empty list)", "list[0]"),
        "billable": ("false", "boolean"),
        "duration": ("0", "integer"),
        "description": ('"" (empty string)', "string"),
    }


def test_shared_with_has_one_child_per_user() -> None:
    users = [
        {"accepted": True, "user_id": 6_100_002, "user_name": "Ana Lima"},
        {"accepted": False, "user_id": 6_100_003, "user_name": "Bjørn Østergaard"},
        {"accepted": True, "user_id": 6_100_004, "user_name": "Chen Wei"},
    ]
    shown = view(entry(shared_with=users))
    node = top_level(shown)["shared_with"]
    assert group_of(shown, "shared_with") is FieldGroup.SHARING
    assert node.display == "3 users, 2 accepted"
    assert node.value == users
    assert node.description == FIELD_CATALOGUE["shared_with"].description
    assert [c.label for c in node.children] == ["Ana Lima", "Bjørn Østergaard", "Chen Wei"]
    assert [c.display for c in node.children] == ["accepted", "not accepted", "accepted"]
    assert [c.path for c in node.children] == [f"shared_with[{i}]" for i in range(3)]
    for child, user in zip(node.children, users, strict=True):
        assert child.value == user
        assert child.kind is ValueKind.OBJECT
        grandchildren = {g.label: g for g in child.children}
        assert set(grandchildren) == {"user_id", "user_name", "accepted"}
        for key, grandchild in grandchildren.items():
            assert grandchild.value == user[key]
            assert grandchild.description == SHARED_WITH_FIELDS[key]
            assert grandchild.path == f"{child.path}.{key}"
    bjorn = {g.label: g for g in node.children[1].children}
    assert bjorn["accepted"].display == "false"
    assert bjorn["user_name"].path == "shared_with[1].user_name"
    assert bjorn["user_id"].copy_text() == "6100003"


def test_shared_with_user_without_a_name_is_labelled_by_id() -> None:
    users = [{"accepted": None, "user_id": 42, "user_name": ""}, "not a user"]
    node = top_level(view(entry(shared_with=users)))["shared_with"]
    assert node.children[0].label == "user 42"
    assert node.children[0].display == "null"
    assert node.children[1].label == "[1]"
    assert node.children[1].value == "not a user"
    assert node.display == "2 users, 0 accepted"


def test_shared_with_accepted_other_than_true_or_false_is_shown_as_sent() -> None:
    # 1 and 0 are not booleans (the count agrees), and a list or object (unhashable) is
    # shown like any value rather than failing the whole view.
    users = [
        {"accepted": 1, "user_id": 1},
        {"accepted": 0, "user_id": 2},
        {"accepted": [True], "user_id": 3},
        {"accepted": {"at": "2024-12-16T17:05:25Z"}, "user_id": 4},
    ]
    node = top_level(view(entry(shared_with=users)))["shared_with"]
    assert [c.display for c in node.children] == ["1", "0", "true", "1 field"]
    assert node.display == "4 users, 0 accepted"


def test_shared_with_empty_and_null() -> None:
    assert top_level(view(entry(shared_with=[])))["shared_with"].display == "[] (empty list)"
    assert top_level(view(entry(shared_with=None)))["shared_with"].display == "null"


def test_time_fields_have_utc_and_local_children() -> None:
    shown = view(entry(start="2024-07-01T10:00:00Z", stop="2024-07-01T11:00:00.5Z"))
    nodes = top_level(shown)
    start_children = {c.label: c for c in nodes["start"].children}
    assert set(start_children) == {"UTC", "local"}
    assert start_children["UTC"].display == "2024-07-01 10:00:00 UTC"
    assert start_children["local"].display == "2024-07-01 12:00:00 CEST (UTC+02:00)"
    assert all(c.kind is ValueKind.DERIVED for c in start_children.values())
    assert all(
        c.description and c.description.startswith("Derived") for c in start_children.values()
    )
    stop_children = {c.label: c.display for c in nodes["stop"].children}
    assert stop_children == {
        "UTC": "2024-07-01 11:00:00 UTC",
        "local": "2024-07-01 13:00:00 CEST (UTC+02:00)",
    }
    at_children = {c.label: c.display for c in nodes["at"].children}
    assert at_children["local"] == "2024-12-16 17:05:27 CET (UTC+01:00)"
    assert nodes["start"].value == "2024-07-01T10:00:00Z"  # the raw text, untouched
    assert nodes["server_deleted_at"].children == ()


def test_times_and_durations_read_as_people_read_them_and_keep_what_was_sent() -> None:
    nodes = top_level(view(entry(start="2024-07-01T10:00:00Z", duration=5400)))
    start, duration = nodes["start"], nodes["duration"]
    assert start.readable_value == "2024-07-01 12:00:00 CEST (UTC 10:00:00)"
    assert (start.display, start.copy_text()) == ("2024-07-01T10:00:00Z",) * 2
    assert nodes["at"].readable_value == "2024-12-16 17:05:27 CET (UTC 16:05:27)"
    assert duration.readable_value == "1:30:00"
    assert (duration.display, duration.copy_text()) == ("5400", "5400")
    # Not a timestamp or not a duration: nothing reads differently from what was sent.
    assert nodes["server_deleted_at"].readable_value is None
    assert nodes["description"].readable_value is None
    assert top_level(view(entry(duration="600")))["duration"].readable_value is None
    assert top_level(view(entry(start="yesterday")))["start"].readable_value is None


@pytest.mark.parametrize("duration", [-1, -1_734_049_107])
def test_a_running_entrys_duration_reads_running_not_a_negative_length(duration: int) -> None:
    node = top_level(view(entry(stop=None, duration=duration)))["duration"]
    assert node.readable_value == "running"
    assert node.copy_text() == str(duration)


def test_duration_only_entry_shows_a_derived_stop() -> None:
    nodes = top_level(view(entry(stop=None, duration=5400)))
    stop = nodes["stop"]
    assert stop.value is None
    assert stop.display == "null"
    children = {c.label: c for c in stop.children}
    assert set(children) == {"Derived stop, UTC", "Derived stop, local"}
    assert children["Derived stop, UTC"].display == "2024-12-16 16:35:25 UTC"
    assert children["Derived stop, local"].display == "2024-12-16 17:35:25 CET (UTC+01:00)"
    assert "start + duration" in children["Derived stop, UTC"].description


def test_running_entry_has_no_derived_stop() -> None:
    assert top_level(view(entry(stop=None, duration=-1)))["stop"].children == ()


@pytest.mark.parametrize(
    ("duration", "label", "text"),
    [
        (5400, "h:mm:ss", "1:30:00"),
        (0, "h:mm:ss", "0:00:00"),
        (-1, "meaning", "running (v9 writes -1 while the timer is on)"),
        (-1_734_049_107, "meaning", "running since 2024-12-13 00:18:27 UTC (legacy -start_epoch)"),
    ],
)
def test_duration_has_a_derived_meaning(duration: int, label: str, text: str) -> None:
    nodes = top_level(view(entry(stop=None, duration=duration), now=utc(2024, 12, 20)))
    (child,) = nodes["duration"].children
    assert (child.label, child.display, child.kind) == (label, text, ValueKind.DERIVED)
    assert nodes["duration"].value == duration


def test_a_string_duration_has_no_derived_meaning() -> None:
    assert top_level(view(entry(duration="3600")))["duration"].children == ()


def test_local_zone_is_the_one_passed_in() -> None:
    raw = entry(start="2024-12-16T15:05:25Z")
    tokyo = build_entry_view(raw, NOW, ZoneInfo("Asia/Tokyo"))
    start = {c.label: c.display for c in top_level(tokyo)["start"].children}
    assert start["local"] == "2024-12-17 00:05:25 JST (UTC+09:00)"


def test_every_node_has_a_path_and_display() -> None:
    entries, _ = build_dataset(NOW)
    for raw in entries.values():
        for group in view(raw).groups:
            for root in group.fields:
                for node in walk(root):
                    assert node.path
                    assert isinstance(node.display, str)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"stop": None, "duration": 10**12}, "duration_out_of_range"),
        ({"stop": None, "duration": 10**18}, "duration_out_of_range"),
        ({"stop": None, "duration": -(10**12)}, "start_epoch_mismatch"),
        ({"start": "0001-01-01T00:00:00+01:00", "stop": None, "duration": -1}, "bad_start"),
    ],
)
def test_values_beyond_the_calendar_become_anomalies_not_crashes(
    overrides: dict[str, object], code: str
) -> None:
    shown = view(entry(**overrides))
    assert code in codes(shown)
    assert isinstance(shown.shown_duration(NOW), str)


def test_a_start_near_the_end_of_time_still_renders_in_local_time() -> None:
    shown = view(entry(start="9999-12-31T23:30:00Z", stop=None, duration=5))
    local = next(child for child in top_level(shown)["start"].children if child.label == "local")
    assert local.display == "outside the range this computer can show"


def test_without_its_field_tree_a_view_says_all_else_the_same() -> None:
    whole = build_entry_view(REAL_RUNNING, NOW, BERLIN)
    slim = build_entry_view(REAL_RUNNING, NOW, BERLIN, field_tree=False)
    assert whole.groups and slim.groups == ()
    assert slim == EntryView(**{**whole.__dict__, "groups": ()})
