"""The demo API's Reports API v3 detailed search, with Toggl's request and response shapes.

Old entries (older than the ~3 months /me/time_entries reaches, so v9 answers 404 for them)
spread over several years of the demo workspace, with enough other rows around them that a
search walks pages: pages are PAGE_SIZE rows long and, like a scan, the demo cuts a page
before it applies the `time_entry_ids` filter, so finding one ID takes several requests
(Toggl's own server may well answer in one; the client follows pages either way).

Workspace 8200001 is searchable, 8200002 answers 402 "feature not enabled" (its plan), a
workspace the signed-in user is not a member of answers 403 (the demo's test account's own
workspace is searchable and empty). Bad parameters answer 400 with Toggl's kind of message;
the demo also refuses spans over 366 days, the limit Reports v2 had and clients should keep to.

Other members' entries are only here (v9 answers for one's own entries only): in 8200001 a
member whose profile zone is Asia/Tokyo, in 8200005 (Demo Partner Agency, where the demo
user is no admin, so its members list answers 403) another member's entry.
`user_ids` filters rows before a page is cut (a query filter, unlike `time_entry_ids`), and
`page_size` is honoured when sent (1 to 1000; the demo's own default stays PAGE_SIZE, so
that searches walk pages; Toggl's is 50).
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

from inspector.demo.account import PARTNER_WORKSPACE_ID, SECOND_WORKSPACE_ID
from inspector.demo.dataset import DEMO_USER_ID, DEMO_WORKSPACE_ID, DemoEntry
from inspector.demo.workspaces import (
    PARTNER_MEMBER_ID,
    PARTNER_PROJECT_ID,
    SUPPORT_PROJECT_ID,
    TOKYO_USER_ID,
)

PAGE_SIZE = 2
MAX_PAGE_SIZE = 1000
MAX_SPAN_DAYS = 366
USER_ZONE = ZoneInfo("Europe/Berlin")  # the demo user's profile zone (see account.me)
PLAN_WORKSPACE_ID = SECOND_WORKSPACE_ID  # "Demo Sandbox": its plan lacks the Reports API
FORBIDDEN_WORKSPACE_EXAMPLE = 8_200_003  # any workspace the user is not in answers 403

OLD_RECENT_ID = 5_000_001_001
OLD_GROUPED_ID = 5_000_001_002
OLD_GROUP_PARTNER_ID = 5_000_001_003
OLD_LATER_PAGE_ID = 5_000_001_004
ANCIENT_ID = 5_000_001_005
OTHER_ZONE_ID = 5_000_000_041  # Kenji Sato's (Asia/Tokyo) entry in 8200001
MEMBERS_FORBIDDEN_ID = 5_000_000_042  # Marta Kowalska's entry in 8200005


@dataclass(frozen=True)
class ReportsAnswer:
    status: int
    payload: object
    headers: tuple[tuple[str, str], ...] = ()


class ReportTimeEntry(TypedDict):
    """One entry of a group, as Reports v3 sends it."""

    id: int
    seconds: int
    start: str
    stop: str
    at: str
    at_tz: str


class ReportGroup(TypedDict):
    """One row of the detailed search: a detailed.GroupedTimeEntry and its entries."""

    user_id: int
    username: str
    email: str
    description: str
    project_id: int | None
    project_name: str | None
    project_color: str | None
    project_hex: str | None
    client_name: str | None
    task_id: int | None
    task_name: str | None
    tag_ids: list[int]
    tag_names: list[str]
    billable: bool
    hourly_rate_in_cents: int
    billable_amount_in_cents: int
    currency: str
    row_number: int
    time_entries: list[ReportTimeEntry]


class _GroupOverrides(TypedDict, total=False):
    """The fields of a ReportGroup an entry of the catalogue sets otherwise."""

    user_id: int
    username: str
    email: str
    project_id: int | None
    project_name: str | None
    project_color: str | None
    project_hex: str | None
    client_name: str | None
    task_id: int | None
    task_name: str | None
    tag_ids: list[int]
    tag_names: list[str]
    billable: bool
    billable_amount_in_cents: int


def _stamp(moment: datetime) -> str:
    """Reports give times in the user's zone with its offset, e.g. +02:00 in summer."""
    return moment.astimezone(USER_ZONE).isoformat(timespec="seconds")


def _time_entry(entry_id: int, start: datetime, seconds: int) -> ReportTimeEntry:
    at = start + timedelta(seconds=seconds + 4)
    return {
        "id": entry_id,
        "seconds": seconds,
        "start": _stamp(start),
        "stop": _stamp(start + timedelta(seconds=seconds)),
        "at": at.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "at_tz": _stamp(at),
    }


def _group(
    description: str, *time_entries: ReportTimeEntry, **overrides: Unpack[_GroupOverrides]
) -> ReportGroup:
    """A detailed.GroupedTimeEntry, as the real API sends it (row_number set per search)."""
    seconds = sum(entry["seconds"] for entry in time_entries)
    return {
        "user_id": DEMO_USER_ID,
        "username": "Demo User",
        "email": "demo.user@example.com",
        "description": description,
        "project_id": SUPPORT_PROJECT_ID,
        "project_name": "Support",
        "project_color": "#0b83d9",
        "project_hex": "#0b83d9",
        "client_name": "Acme Corp",
        "task_id": 301_000_001,
        "task_name": "Tier 2 tickets",
        "tag_ids": [17_000_001, 17_000_002],
        "tag_names": ["support", "billing"],
        "billable": True,
        "hourly_rate_in_cents": 12_500,
        "billable_amount_in_cents": round(12_500 * seconds / 3600),
        "currency": "EUR",
        "row_number": 0,
        "time_entries": list(time_entries),
        **overrides,
    }


@dataclass
class ReportsData:
    groups: list[ReportGroup]  # the demo workspace's (8200001)
    catalogue: list[DemoEntry] = field(default_factory=list)
    other_workspaces: dict[int, list[ReportGroup]] = field(default_factory=dict)

    def groups_of(self, workspace_id: int) -> list[ReportGroup]:
        if workspace_id == DEMO_WORKSPACE_ID:
            return self.groups
        return self.other_workspaces.get(workspace_id, [])


def build_reports(now: datetime | None = None) -> ReportsData:
    """The demo workspace's report: the catalogue's old entries among filler rows."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    day = timedelta(days=1)
    data = ReportsData([])

    def add(label: str | None, group: ReportGroup) -> None:
        data.groups.append(group)
        if label:
            data.catalogue.append(DemoEntry(group["time_entries"][0]["id"], label))

    recent = now - 125 * day
    add(
        "Old (4 months): Reports API only",
        _group("Quarterly invoice audit", _time_entry(OLD_RECENT_ID, recent, 4_500)),
    )
    grouped = now - 430 * day
    add(
        "Old (14 months): group of two entries",
        _group(
            "Onboarding a new customer",
            _time_entry(OLD_GROUPED_ID, grouped, 3_600),
            _time_entry(OLD_GROUP_PARTNER_ID, grouped - 2 * day, 1_800),
            tag_ids=[],
            tag_names=[],
            task_id=None,
            task_name=None,
        ),
    )
    # Mid-year, so that the five newer rows before it stay in its year whatever today is:
    # it is on the third page of that year's search.
    three_years = datetime(now.year - 3, 6, 1, 8, 0, tzinfo=UTC)
    for number in range(5):
        add(
            None,
            _group(
                f"Routine ticket {number + 1}",
                _time_entry(
                    5_000_002_001 + number, three_years + (number + 1) * day, 900 + 60 * number
                ),
            ),
        )
    add(
        "Old (3 years): page 3 of its year",
        _group(
            "Migrating the billing data",
            _time_entry(OLD_LATER_PAGE_ID, three_years, 7_200),
            billable=False,
            billable_amount_in_cents=0,
            project_id=None,
            project_name=None,
            project_color=None,
            project_hex=None,
            client_name=None,
        ),
    )
    add(
        "Old (10 years): past the default search",
        _group(
            "Archive: first ticket ever", _time_entry(ANCIENT_ID, now - (10 * 365 + 3) * day, 600)
        ),
    )
    # Another member's row stands where the first filler row was (at most 200 days ago,
    # now 6): no year gains a row, so every search walks the pages it always did.
    _add_other_members(data, now)
    for number in range(1, 3):  # more filler, in the years between
        add(
            None,
            _group(
                f"Weekly sync {number + 1}",
                _time_entry(5_000_002_101 + number, now - (200 + 250 * number) * day, 1_800),
            ),
        )
    return data


def _add_other_members(data: ReportsData, now: datetime) -> None:
    """Entries of other members: 20:30 UTC is 05:30 the next morning in Tokyo."""
    midnight = now.replace(hour=0, minute=0, second=0)
    day = timedelta(days=1)
    kenji: _GroupOverrides = {
        "user_id": TOKYO_USER_ID,
        "username": "Kenji Sato",
        "email": "kenji.sato@example.com",
    }
    night = midnight - 6 * day + timedelta(hours=20, minutes=30)
    data.groups.append(  # one row (a group of two entries): one row more on no page
        _group(
            "Night shift: ticket backlog",
            _time_entry(OTHER_ZONE_ID, night, 4_500),
            _time_entry(5_000_002_201, night + timedelta(hours=1, minutes=45), 1_500),
            **kenji,
        )
    )
    data.catalogue.append(DemoEntry(OTHER_ZONE_ID, "Explain: user in Tokyo (Reports)"))
    data.other_workspaces[PARTNER_WORKSPACE_ID] = [
        _group(
            "Agency onboarding call",
            _time_entry(MEMBERS_FORBIDDEN_ID, midnight - 9 * day + timedelta(hours=15), 4_200),
            user_id=PARTNER_MEMBER_ID,
            username="Marta Kowalska",
            email="marta.kowalska@example.com",
            project_id=PARTNER_PROJECT_ID,
            project_name="Agency retainer",
            project_color="#e36a00",
            project_hex="#e36a00",
            client_name="Partner Agency Ltd",
            task_id=None,
            task_name=None,
        )
    ]
    data.catalogue.append(DemoEntry(MEMBERS_FORBIDDEN_ID, "Explain: members list 403 (8200005)"))


def _latest_start(group: ReportGroup) -> str:
    return max(_utc_date_key(entry) for entry in group["time_entries"])


def _utc_date_key(entry: ReportTimeEntry) -> str:
    return datetime.fromisoformat(entry["start"]).astimezone(UTC).isoformat()


def _entry_date(entry: ReportTimeEntry) -> date:
    return datetime.fromisoformat(entry["start"]).date()  # in the user's zone


def search(
    data: ReportsData,
    workspace_id: int,
    raw_body: bytes,
    member_of: AbstractSet[int] = frozenset(
        {DEMO_WORKSPACE_ID, PLAN_WORKSPACE_ID, PARTNER_WORKSPACE_ID}
    ),
) -> ReportsAnswer:
    """One POST of the detailed search by a member of ``member_of``: the page's rows and
    the next page's cursor (only the demo workspace has any)."""
    if workspace_id not in member_of:
        return ReportsAnswer(403, "Workspace not found/accessible")
    if workspace_id == PLAN_WORKSPACE_ID:
        return ReportsAnswer(402, "Workspace needs to have this feature enabled")
    try:
        body = json.loads(raw_body.decode("utf-8")) if raw_body else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ReportsAnswer(400, "Invalid JSON in the request body")
    if not isinstance(body, dict):
        return ReportsAnswer(400, "The request body must be a JSON object")
    if not body:
        return ReportsAnswer(400, "At least one parameter must be set")
    problem, span = _span(body)
    if problem:
        return ReportsAnswer(400, problem)
    ids = body.get("time_entry_ids")
    if ids is not None and not (isinstance(ids, list) and all(type(item) is int for item in ids)):
        return ReportsAnswer(400, "time_entry_ids must be a list of integers")
    users = body.get("user_ids")
    if users is not None and not (
        isinstance(users, list) and all(type(item) is int for item in users)
    ):
        return ReportsAnswer(400, "user_ids must be a list of integers")
    page_size = body.get("page_size", PAGE_SIZE)
    if type(page_size) is not int or not 1 <= page_size <= MAX_PAGE_SIZE:
        return ReportsAnswer(400, "Invalid page_size")
    rows = [
        group
        for group in data.groups_of(workspace_id)
        if (users is None or group["user_id"] in users)
        and any(span[0] <= _entry_date(entry) <= span[1] for entry in group["time_entries"])
    ]
    rows.sort(key=_latest_start, reverse=True)
    first_row = body.get("first_row_number", 1)
    if type(first_row) is not int or not 1 <= first_row <= max(1, len(rows)):
        return ReportsAnswer(400, "Invalid first_row_number")
    page = rows[first_row - 1 : first_row - 1 + page_size]
    first_id = body.get("first_id")
    if first_id is not None and (not page or page[0]["time_entries"][0]["id"] != first_id):
        return ReportsAnswer(400, "first_id does not match first_row_number")
    headers: tuple[tuple[str, str], ...] = ()
    following = first_row - 1 + page_size
    if following < len(rows):
        headers = (
            ("X-Next-ID", str(rows[following]["time_entries"][0]["id"])),
            ("X-Next-Row-Number", str(following + 1)),
        )
    shown: list[ReportGroup] = []
    for number, group in enumerate(page, start=first_row):
        entries = [
            entry
            for entry in group["time_entries"]
            if span[0] <= _entry_date(entry) <= span[1] and (ids is None or entry["id"] in ids)
        ]
        if entries:
            shown.append({**group, "row_number": number, "time_entries": entries})
    return ReportsAnswer(200, shown, headers)


def _span(body: dict[str, object]) -> tuple[str | None, tuple[date, date]]:
    """(a 400's message or None, the dates searched); no dates: the last 366 days."""
    today = datetime.now(USER_ZONE).date()
    dates = {}
    for name in ("start_date", "end_date"):
        value = body.get(name)
        if value is None:
            continue
        try:
            dates[name] = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            dates[name] = None
        if dates[name] is None or len(str(value)) != 10:
            return f"Invalid {name}: {value!r} (expected YYYY-MM-DD)", (today, today)
    end = dates.get("end_date") or today
    start = dates.get("start_date") or end - timedelta(days=MAX_SPAN_DAYS - 1)
    if end < start:
        return "end_date must not be earlier than start_date", (start, end)
    if (end - start).days + 1 > MAX_SPAN_DAYS:
        return (
            f"The date range must not be longer than {MAX_SPAN_DAYS} days "
            "(search a year at a time)",
            (start, end),
        )
    return None, (start, end)
