"""The hourly quota as the last answer told it: one gauge the lookups, the Reports search and
explaining an entry all report to, so a price can be set against what is left before anything
is spent. Light (no httpx): the window may read it at any time.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.api.exchange import Quota


@dataclass
class QuotaGauge:
    """Toggl's X-Toggl-Quota-Remaining and -Resets-In, from the latest answer that sent them
    (an answer without them leaves the last known value)."""

    remaining: int | None = None
    resets_in_s: int | None = None

    def observe(self, quota: Quota) -> None:
        if quota.remaining is not None:
            self.remaining = quota.remaining
            self.resets_in_s = quota.resets_in_s
