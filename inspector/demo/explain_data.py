"""The demo user's entries that show why an entry may look wrong (issue #13): an overlapping
pair, an exact duplicate, two running entries, an archived project, a deleted project, deleted
tags, a workspace that rounds, and an entry deleted yesterday (v9 answers 404 for it; the
list of entries changed `since` still holds it).

Each scenario sits on a day of its own, four days from the next, so explaining one shows
only what it is there to show: the entries around an entry are asked for from the day before
to the day after. Times are whole hours in UTC, the same calendar day in the demo user's
zone (Europe/Berlin). Another user's entries (another zone, a members list that answers
403) are only in reports: see inspector.demo.reports.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inspector.demo.account import PARTNER_WORKSPACE_ID
from inspector.demo.dataset import DemoEntry, demo_entry, iso_at
from inspector.demo.workspaces import ARCHIVED_PROJECT_ID, PARTNER_PROJECT_ID

OVERLAP_FIRST_ID = 5_000_000_030
OVERLAP_SECOND_ID = 5_000_000_031
DUPLICATE_ID = 5_000_000_032
DUPLICATE_ORIGINAL_ID = 5_000_000_033
RUNNING_FIRST_ID = 5_000_000_034
RUNNING_SECOND_ID = 5_000_000_035
ARCHIVED_PROJECT_ENTRY_ID = 5_000_000_036
DELETED_PROJECT_ENTRY_ID = 5_000_000_037
DELETED_TAGS_ENTRY_ID = 5_000_000_038
ROUNDED_ENTRY_ID = 5_000_000_039
DELETED_YESTERDAY_ID = 5_000_000_040


def build_explain_entries(
    now: datetime | None = None,
) -> tuple[dict[int, dict[str, object]], dict[int, dict[str, object]], list[DemoEntry]]:
    """(entries v9 answers for, entries deleted recently (only `since` lists them), the
    catalogue of both)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    midnight = now.replace(hour=0, minute=0, second=0)
    entries: dict[int, dict[str, object]] = {}
    deleted: dict[int, dict[str, object]] = {}
    catalogue: list[DemoEntry] = []

    def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
        return midnight - timedelta(days=days_ago) + timedelta(hours=hour, minutes=minute)

    def stopped(
        entry_id: int, start: datetime, stop: datetime, **overrides: object
    ) -> dict[str, object]:
        seconds = int((stop - start).total_seconds())
        return demo_entry(entry_id, start, seconds, stop, **overrides)

    def add(entry_id: int, label: str, entry: dict[str, object]) -> None:
        entries[entry_id] = entry
        catalogue.append(DemoEntry(entry_id, label))

    add(
        OVERLAP_FIRST_ID,
        "Explain: overlapping pair (1 of 2)",
        stopped(OVERLAP_FIRST_ID, at(20, 9), at(20, 10), description="Ticket triage"),
    )
    add(
        OVERLAP_SECOND_ID,
        "Explain: overlapping pair (2 of 2)",
        stopped(OVERLAP_SECOND_ID, at(20, 9, 45), at(20, 11), description="Customer call: refund"),
    )
    for entry_id, number in ((DUPLICATE_ID, 1), (DUPLICATE_ORIGINAL_ID, 2)):
        add(
            entry_id,
            f"Explain: exact duplicate ({number} of 2)",
            stopped(entry_id, at(24, 14), at(24, 15, 30), description="Weekly report"),
        )
    add(
        RUNNING_FIRST_ID,
        "Explain: two running entries (1 of 2)",
        demo_entry(RUNNING_FIRST_ID, at(28, 8), -1, None, description="Forgotten timer"),
    )
    add(
        RUNNING_SECOND_ID,
        "Explain: two running entries (2 of 2)",
        demo_entry(
            RUNNING_SECOND_ID,
            at(28, 8, 30),
            -1,
            None,
            description="Started from the phone app",
        ),
    )
    add(
        ARCHIVED_PROJECT_ENTRY_ID,
        "Explain: archived project",
        stopped(
            ARCHIVED_PROJECT_ENTRY_ID,
            at(32, 10),
            at(32, 11),
            description="Moving old invoices",
            project_id=ARCHIVED_PROJECT_ID,
            pid=ARCHIVED_PROJECT_ID,
            project_name="Legacy migration",
            project_color="#9e5bd9",
            project_active=False,
            task_id=None,
            tid=None,
            task_name=None,
        ),
    )
    # Deleting a project clears project_id on its entries and changes `at` (recorded by
    # Toggl's mobile app team); its task goes with it.
    add(
        DELETED_PROJECT_ENTRY_ID,
        "Explain: project deleted (id null)",
        stopped(
            DELETED_PROJECT_ENTRY_ID,
            at(36, 10),
            at(36, 10, 45),
            description="Consulting for a former client",
            project_id=None,
            pid=None,
            task_id=None,
            tid=None,
            client_name=None,
            project_name=None,
            project_color=None,
            project_active=None,
            project_billable=None,
            task_name=None,
            at=iso_at(now - timedelta(days=2)),
        ),
    )
    # Deleting a tag removes it from its entries without changing `at`.
    add(
        DELETED_TAGS_ENTRY_ID,
        "Explain: tags deleted (tags null)",
        stopped(
            DELETED_TAGS_ENTRY_ID,
            at(40, 13),
            at(40, 13, 20),
            description="Tagged work",
            tags=None,
            tag_ids=None,
        ),
    )
    add(
        ROUNDED_ENTRY_ID,
        "Explain: workspace rounds up 15 min",
        stopped(
            ROUNDED_ENTRY_ID,
            at(44, 10),
            at(44, 10, 37),
            description="Agency sync",
            workspace_id=PARTNER_WORKSPACE_ID,
            wid=PARTNER_WORKSPACE_ID,
            project_id=PARTNER_PROJECT_ID,
            pid=PARTNER_PROJECT_ID,
            project_name="Agency retainer",
            project_color="#e36a00",
            client_name="Partner Agency Ltd",
            task_id=None,
            tid=None,
            task_name=None,
        ),
    )
    deleted_at = iso_at(now - timedelta(days=1))
    deleted[DELETED_YESTERDAY_ID] = stopped(
        DELETED_YESTERDAY_ID,
        at(3, 16),
        at(3, 16, 30),
        description="Deleted by a colleague yesterday",
        server_deleted_at=deleted_at,
        at=deleted_at,
    )
    catalogue.append(DemoEntry(DELETED_YESTERDAY_ID, "Explain: deleted yesterday (404)"))
    return entries, deleted, catalogue
