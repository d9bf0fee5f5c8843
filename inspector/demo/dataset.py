"""The demo API's entries: one of every state and oddity the inspector must show.

Times are laid out relative to the moment the server starts, so running entries have a
sensible elapsed time and everything stays inside the ~3-month window of /me/time_entries.
IDs are above 2**32 on purpose: real IDs are 64-bit and a 32-bit assumption must show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

DEMO_API_TOKEN = "5eed5eed5eed5eed5eed5eed5eed5eed"  # 32 hex digits, like a real token
DEMO_USER_ID = 6_100_001
DEMO_WORKSPACE_ID = 8_200_001

SLOW_ENTRY_ID = 5_000_000_020
SLOW_ENTRY_DELAY_S = 3.0


@dataclass(frozen=True)
class DemoEntry:
    entry_id: int
    label: str  # what the entry demonstrates, shown in the window's list of demo IDs


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def iso_at(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def demo_entry(
    entry_id: int, start: datetime, duration: int | None, stop: datetime | None, **overrides: object
) -> dict[str, object]:
    project_id, task_id = 201_000_001, 301_000_001
    entry: dict[str, object] = {
        "id": entry_id,
        "workspace_id": DEMO_WORKSPACE_ID,
        "project_id": project_id,
        "task_id": task_id,
        "billable": True,
        "start": iso(start),
        "stop": iso(stop) if stop else None,
        "duration": duration,
        "description": "Customer call: invoice question",
        "tags": ["support", "billing"],
        "tag_ids": [17_000_001, 17_000_002],
        "duronly": True,
        "at": iso_at((stop or start) + timedelta(seconds=2, microseconds=694_469)),
        "server_deleted_at": None,
        "user_id": DEMO_USER_ID,
        "uid": DEMO_USER_ID,
        "wid": DEMO_WORKSPACE_ID,
        "pid": project_id,
        "tid": task_id,
        "permissions": ["read", "write"],
        "shared_with": [],
        "client_name": "Acme Corp",
        "project_name": "Support",
        "project_color": "#0b83d9",
        "project_active": True,
        "project_billable": True,
        "task_name": "Tier 2 tickets",
        "user_name": "Demo User",
        "user_avatar_url": "https://assets.track.toggl.com/images/profile.png",
    }
    entry.update(overrides)
    return entry


def build_dataset(
    now: datetime | None = None,
) -> tuple[dict[int, dict[str, object]], list[DemoEntry]]:
    """Return (entries by id, the catalogue of demo IDs with what each shows)."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    day = timedelta(days=1)
    hour = timedelta(hours=1)
    entries: dict[int, dict[str, object]] = {}
    catalogue: list[DemoEntry] = []

    def add(entry_id: int, label: str, entry: dict[str, object]) -> None:
        entries[entry_id] = entry
        catalogue.append(DemoEntry(entry_id, label))

    def stopped(
        entry_id: int, start: datetime, seconds: int, **overrides: object
    ) -> dict[str, object]:
        return demo_entry(entry_id, start, seconds, start + timedelta(seconds=seconds), **overrides)

    add(5_000_000_001, "Stopped, every meta field", stopped(5_000_000_001, now - 2 * day, 5025))
    running_start = now - timedelta(hours=1, minutes=23, seconds=45)
    add(
        5_000_000_002,
        "Running (duration -1)",
        demo_entry(5_000_000_002, running_start, -1, None, description="Debugging sync issue"),
    )
    legacy_start = now - timedelta(minutes=42, seconds=10)
    add(
        5_000_000_003,
        "Running (legacy -start_epoch)",
        demo_entry(
            5_000_000_003,
            legacy_start,
            -int(legacy_start.timestamp()),
            None,
            description="Open Sourcing",
            tags=[],
            tag_ids=[],
        ),
    )
    add(
        5_000_000_004,
        "Duration only (stop null)",
        demo_entry(5_000_000_004, now - 3 * day, 5400, None, description="Workshop (manual entry)"),
    )
    zero_start = now - 4 * day
    add(
        5_000_000_005,
        "Zero length (stopped)",
        demo_entry(5_000_000_005, zero_start, 0, zero_start, description="Accidental click"),
    )
    add(
        5_000_000_006,
        "Shared with several users",
        stopped(
            5_000_000_006,
            now - 5 * day,
            2700,
            description="Pairing session",
            shared_with=[
                {"accepted": True, "user_id": 6_100_002, "user_name": "Ana Lima"},
                {"accepted": False, "user_id": 6_100_003, "user_name": "Bjørn Østergaard"},
                {"accepted": True, "user_id": 6_100_004, "user_name": "Chen Wei"},
            ],
        ),
    )
    add(
        5_000_000_007,
        "Tags null",
        stopped(5_000_000_007, now - 6 * day, 900, tags=None, tag_ids=None),
    )
    add(
        5_000_000_008,
        "Tags empty",
        stopped(5_000_000_008, now - 6 * day + hour, 1200, tags=[], tag_ids=[]),
    )
    many = [f"tag-{index:02d}" for index in range(1, 13)]
    add(
        5_000_000_009,
        "Many tags",
        stopped(
            5_000_000_009,
            now - 7 * day,
            3600,
            tags=many,
            tag_ids=[17_000_100 + index for index in range(1, 13)],
        ),
    )
    add(
        5_000_000_010,
        "Description null",
        stopped(5_000_000_010, now - 8 * day, 600, description=None),
    )
    add(
        5_000_000_011,
        "Unicode, emoji, right-to-left",
        stopped(
            5_000_000_011,
            now - 9 * day,
            1800,
            description="Réunion ☕ 🚀 — مراجعة التقرير الشهري — 日本語のメモ",
        ),
    )
    add(
        5_000_000_012,
        "Deleted entry",
        stopped(
            5_000_000_012,
            now - 10 * day,
            1500,
            description="Removed by mistake",
            server_deleted_at=iso_at(now - 9 * day),
        ),
    )
    add(
        5_000_000_013,
        "Extra unknown fields",
        stopped(
            5_000_000_013,
            now - 11 * day,
            2400,
            client_id=401_000_001,
            expense_ids=[],
            rate_cents=12_500,
            integration={"provider": "jira", "ext_id": "SUP-1234"},
        ),
    )
    add(
        5_000_000_014,
        "Inconsistent data",
        demo_entry(
            5_000_000_014,
            now - 12 * day,
            4000,
            now - 12 * day + timedelta(seconds=3000),
            pid=201_000_999,
            description="Imported from a CSV with errors",
        ),
    )
    add(
        5_000_000_015,
        "Start in the future",
        stopped(5_000_000_015, now + 2 * day, 1800, description="Clock skew on a device"),
    )
    add(
        SLOW_ENTRY_ID,
        f"Slow answer ({SLOW_ENTRY_DELAY_S:.0f} s): try Cancel",
        stopped(SLOW_ENTRY_ID, now - 13 * day, 3000, description="A slow server"),
    )
    return entries, catalogue
