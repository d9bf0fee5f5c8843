"""What explaining an entry is asked, what it costs before it is spent, and what it found.

Light (no httpx, no keyring): the window imports it before its first paint. The use case
itself is ``inspector.services.context`` (ContextService), shared by the window and `get`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from inspector.domain.explanations import Context, Explanation
from inspector.domain.neighbours import EntrySpan

DEFAULT_QUOTA_RESERVE = 3  # below this many requests left, the app asks before spending


@dataclass(frozen=True)
class PlannedRequest:
    """One request explaining would send (nothing cached answers it)."""

    purpose: str  # for people: "the project", "entries around it", "the owner's time zone"
    method: str  # "GET" or "POST"
    path: str  # e.g. "/api/v9/workspaces/9/projects/7" (no host, no credential)


@dataclass(frozen=True)
class ContextPlan:
    """The price of explaining an entry, known before anything is sent."""

    requests: tuple[PlannedRequest, ...]
    quota_left: int | None  # as the last answer told it; None when unknown
    reserve: int = DEFAULT_QUOTA_RESERVE

    @property
    def cost(self) -> int:
        return len(self.requests)

    @property
    def below_reserve(self) -> bool:
        """Spending this would leave fewer than ``reserve`` requests this hour: ask first."""
        return self.quota_left is not None and self.quota_left - self.cost < self.reserve

    def offer_text(self) -> str:
        """ "Explain: 3 requests, quota left 24" (or "no requests" when all is cached)."""
        noun = "request" if self.cost == 1 else "requests"
        cost = f"{self.cost} {noun}" if self.cost else "no requests (all cached)"
        left = f", quota left {self.quota_left}" if self.quota_left is not None else ""
        return f"Explain: {cost}{left}"


@dataclass(frozen=True)
class EntryContext:
    """What explaining found: the facts, the sentences, the neighbours as spans (a list
    shows them and a click shows one from this data: no request), and what it cost."""

    context: Context
    explanations: tuple[Explanation, ...]
    neighbour_entries: Sequence[dict[str, object]] = field(default_factory=tuple)
    requests_sent: int = 0
    quota_left: int | None = None
    owner_time_zone: str | None = None

    @property
    def spans(self) -> tuple[EntrySpan, ...]:
        return tuple(n.span for n in self.context.neighbours or ())
