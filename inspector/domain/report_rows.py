"""Reports API v3 detailed-search rows, as the inspector shows them.

Two pure pieces of the "older than three months" search: the date range cut into spans the
Reports API accepts (calendar years, newest first), and a report's grouped row turned into a
v9-shaped entry, so that the same tree, run state and anomalies show it. Fields v9 has and a
report does not are named, so the tree can say "not available from Reports" instead of
leaving them out silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from inspector.domain.field_catalogue import FieldGroup, FieldInfo

NOT_AVAILABLE = "not available from Reports"

# v9 field <- field of the grouped row (detailed.GroupedTimeEntry)
_FROM_GROUP = (
    ("description", "description"),
    ("billable", "billable"),
    ("project_id", "project_id"),
    ("project_name", "project_name"),
    ("project_color", "project_color"),
    ("client_name", "client_name"),
    ("task_id", "task_id"),
    ("task_name", "task_name"),
    ("tags", "tag_names"),
    ("tag_ids", "tag_ids"),
    ("user_id", "user_id"),
    ("user_name", "username"),
)
# v9 field <- field of one of the group's time_entries (detailed.SingleTimeEntry)
_FROM_TIME_ENTRY = (
    ("id", "id"),
    ("start", "start"),
    ("stop", "stop"),
    ("duration", "seconds"),
    ("at", "at"),
)
# v9 fields a report never carries (the catalogue's other fields): marked, not dropped.
_NEVER_IN_REPORTS = (
    "duronly",
    "server_deleted_at",
    "project_active",
    "project_billable",
    "client_id",
    "user_avatar_url",
    "shared_with",
    "permissions",
    "expense_ids",
    "pid",
    "tid",
    "uid",
    "wid",
)
_REPORT = "Reports API v3 only: "
# What a report carries that v9 does not, shown in its own group with Toggl's meaning.
REPORT_ONLY_FIELDS: dict[str, FieldInfo] = {
    info.name: info
    for info in (
        FieldInfo("email", FieldGroup.REPORT_ONLY, _REPORT + "the entry's user's email address"),
        FieldInfo("project_hex", FieldGroup.REPORT_ONLY, _REPORT + "the project's colour as hex"),
        FieldInfo(
            "hourly_rate_in_cents",
            FieldGroup.REPORT_ONLY,
            _REPORT + "the billable rate that applied, in cents per hour",
        ),
        FieldInfo(
            "billable_amount_in_cents",
            FieldGroup.REPORT_ONLY,
            _REPORT + "what the entry is worth at that rate, in cents",
        ),
        FieldInfo("currency", FieldGroup.REPORT_ONLY, _REPORT + "the currency of the amounts"),
        FieldInfo(
            "row_number",
            FieldGroup.REPORT_ONLY,
            _REPORT + "the row's position in the report (a pagination cursor)",
        ),
        FieldInfo(
            "at_tz",
            FieldGroup.REPORT_ONLY,
            _REPORT + "when the entry was last updated, in the user's time zone",
        ),
    )
}


@dataclass(frozen=True)
class DateSpan:
    """Dates from ``start`` to ``end``, both included: what one search request covers."""

    start: date
    end: date

    @property
    def label(self) -> str:
        """The year, or the exact dates when the span is not within one calendar year."""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def search_spans(since: date, until: date) -> tuple[DateSpan, ...]:
    """``since`` to ``until`` in calendar years, newest first.

    Reports allow at most a year per request (v2 enforced it, v3 does not document it):
    a calendar year is never longer, leap years included, and names itself for progress.
    """
    if since > until:
        raise ValueError(f"the search starts ({since}) after it ends ({until})")
    spans = []
    end = until
    while end >= since:
        spans.append(DateSpan(max(since, date(end.year, 1, 1)), end))
        end = date(end.year - 1, 12, 31)
    return tuple(spans)


def default_since(today: date, years: int) -> date:
    """The first day of the oldest of ``years`` calendar years, this one included."""
    if years < 1:
        raise ValueError(f"at least one year must be searched, not {years}")
    return date(today.year - years + 1, 1, 1)


@dataclass(frozen=True)
class ReportMatch:
    """The entry found in a report: v9-shaped for the view, and the row as received."""

    entry: dict[str, object]
    group: Mapping[str, object]
    not_available: tuple[str, ...]
    extra_fields: Mapping[str, FieldInfo]


def find_entry(rows: Sequence[object], entry_id: int, workspace_id: int) -> ReportMatch | None:
    """The row holding ``entry_id`` (a group may hold several entries), or None.

    Rows of other shapes are passed over: only an entry with exactly this id is ever shown.
    """
    for group in rows:
        if not isinstance(group, dict) or not isinstance(group.get("time_entries"), list):
            continue
        for time_entry in group["time_entries"]:
            if (
                isinstance(time_entry, dict)
                and type(time_entry.get("id")) is int
                and time_entry["id"] == entry_id
            ):
                return entry_from_report(group, time_entry, workspace_id)
    return None


def entry_from_report(
    group: Mapping[str, object], time_entry: Mapping[str, object], workspace_id: int
) -> ReportMatch:
    """Map one of a group's time entries onto v9's field names.

    The group's project, client, task, tags, billable and user belong to each of its entries.
    ``workspace_id`` is the workspace that was searched: a report only holds its own.
    """
    entry: dict[str, object] = {}
    missing = []
    for source, pairs in ((time_entry, _FROM_TIME_ENTRY), (group, _FROM_GROUP)):
        for v9_name, report_name in pairs:
            if report_name in source:
                entry[v9_name] = source[report_name]
            else:
                missing.append(v9_name)
    entry["workspace_id"] = workspace_id
    mapped = {name for _, name in _FROM_GROUP} | {"time_entries"}
    for source, taken in ((group, mapped), (time_entry, {n for _, n in _FROM_TIME_ENTRY})):
        for name, value in source.items():
            if name not in taken and name not in entry:
                entry[name] = value  # report-only (or unknown): shown, never dropped
    return ReportMatch(entry, group, tuple(missing) + _NEVER_IN_REPORTS, REPORT_ONLY_FIELDS)


def entries_from_rows(rows: Sequence[object], workspace_id: int) -> list[dict[str, object]]:
    """Every entry of a page of report rows, v9-shaped (rows of other shapes passed over)."""
    entries = []
    for group in rows:
        if not isinstance(group, dict) or not isinstance(group.get("time_entries"), list):
            continue
        for time_entry in group["time_entries"]:
            if isinstance(time_entry, dict) and type(time_entry.get("id")) is int:
                entries.append(entry_from_report(group, time_entry, workspace_id).entry)
    return entries
