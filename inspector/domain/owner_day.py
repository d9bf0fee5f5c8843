"""Which calendar day an entry falls on for its owner, for UTC and for this computer.

Toggl's web timer uses the device clock, Reports the tracker's profile zone: one entry can
sit on different days in different views, which is a common reason an entry "looks wrong".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # zoneinfo (~4 ms) when a zone is first named, not before the first paint
    from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class OwnerDay:
    zone_name: str | None  # the owner's IANA zone, None when unknown
    owner_start: datetime | None  # the start in the owner's zone
    utc_day: date
    local_day: date
    unknown_zone: str | None = None  # a zone name that was given but is not a known zone

    @property
    def owner_day(self) -> date | None:
        return self.owner_start.date() if self.owner_start else None

    @property
    def differs_from_utc(self) -> bool:
        return self.owner_day is not None and self.owner_day != self.utc_day

    @property
    def differs_from_local(self) -> bool:
        return self.owner_day is not None and self.owner_day != self.local_day

    @property
    def day_differs(self) -> bool:
        return self.differs_from_utc or self.differs_from_local


def zone_named(name: object) -> ZoneInfo | None:
    """The IANA zone of that name, or None (not a string, empty, or not a zone)."""
    if not isinstance(name, str) or not name.strip() or len(name) > 64:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def owner_day(start: datetime, owner_zone: str | None, local_zone: tzinfo | None) -> OwnerDay:
    """Where ``start`` falls for the owner (``owner_zone`` an IANA name from /me or the
    workspace's users), in UTC and for this computer (``local_zone`` None: its own zone)."""
    zone = zone_named(owner_zone) if owner_zone else None
    return OwnerDay(
        zone_name=str(zone) if zone else None,
        owner_start=start.astimezone(zone) if zone else None,
        utc_day=start.astimezone(UTC).date(),
        local_day=start.astimezone(local_zone).date(),
        unknown_zone=owner_zone if owner_zone and zone is None else None,
    )


@dataclass(frozen=True)
class MemberZone:
    """What a workspace's members list says about one user's time zone."""

    member: bool  # the user is in the list
    zone_name: str | None  # their profile zone as listed; None when not listed


def member_zone(members: Iterable[object], user_id: int) -> MemberZone:
    """Find ``user_id`` among GET /workspaces/{wid}/workspace_users items (``uid`` is the
    user; ``id`` is the membership, never compared) and read their ``timezone``."""
    for item in members:
        if not isinstance(item, Mapping):
            continue
        uid = item.get("uid", item.get("user_id"))
        if isinstance(uid, bool) or uid != user_id:
            continue
        zone = item.get("timezone")
        return MemberZone(True, zone.strip() if isinstance(zone, str) and zone.strip() else None)
    return MemberZone(False, None)
