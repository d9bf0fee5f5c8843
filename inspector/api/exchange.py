"""What one lookup sent and received, for the "Request details" panel and the log."""

from __future__ import annotations

from dataclasses import dataclass, field

from inspector.domain.plain_text import one_line
from inspector.domain.timestamps import format_duration


@dataclass(frozen=True)
class Timeouts:
    """Per request; the lookup as a whole also has a deadline (NetworkSettings)."""

    connect_s: float = 10.0
    read_s: float = 30.0


@dataclass(frozen=True)
class Quota:
    remaining: int | None
    resets_in_s: int | None


@dataclass
class ExchangeRecord:
    """Filled in as the lookup goes; never holds a credential (auth travels in a header)."""

    method: str = "GET"
    url: str = ""
    proxy: str | None = None  # the proxy the last attempt went through (no credentials)
    status: int | None = None
    elapsed_ms: float | None = None  # of the last attempt
    attempts: int = 0
    request_id: str | None = None
    quota: Quota = field(default_factory=lambda: Quota(None, None))
    outcome: str = ""  # "200 OK", or what went wrong in a few words: "Not found (404)"
    message: str = ""  # a failure's whole sentence
    # Headers of the last answer that were not taken as sent (unreadable, absurd), each a
    # sentence: "Retry-After '99999…' (5,000 characters) asks for a day or more; ..."
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs, in the order a support engineer reads them."""

        def shown(value: object) -> str:
            return "—" if value is None or value == "" else str(value)

        return [
            ("Method", self.method),
            ("URL", shown(self.url)),
            ("Proxy", self.proxy or "none (direct connection)"),
            ("Status", shown(self.status)),
            ("Time taken", "—" if self.elapsed_ms is None else f"{self.elapsed_ms:.0f} ms"),
            ("Attempts", str(self.attempts)),
            ("X-Toggl-Request-Id", shown(self.request_id)),
            ("X-Toggl-Quota-Remaining", shown(self.quota.remaining)),
            ("X-Toggl-Quota-Resets-In", _seconds(self.quota.resets_in_s)),
            ("Outcome", shown(self.outcome)),
            *((("Message", self.message),) if self.message else ()),
            *((("Notes", " ".join(self.notes)),) if self.notes else ()),
        ]


def _seconds(value: int | None) -> str:
    """A number of seconds with its unit, and as h:mm:ss when that helps: "3600 s (1:00:00)"."""
    if value is None:
        return "—"
    return f"{value} s" if abs(value) < 60 else f"{value} s ({format_duration(value)})"


def header_excerpt(value: str, limit: int = 40) -> str:
    """A header's value for a note: quoted, control characters shown, a long one cut with
    its length said."""
    shown = f"'{one_line(value.strip(), limit)}'"
    return shown if len(value) <= limit else f"{shown} ({len(value):,} characters)"
