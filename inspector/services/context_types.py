"""What explaining an entry is asked, what it costs before it is spent, and what it found.

Light (no httpx, no keyring): the window imports it before its first paint. The use case
itself is ``inspector.services.context`` (ContextService), shared by the window and `get`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

if TYPE_CHECKING:  # named in annotations only: importing this costs no domain module
    from inspector.domain.explanations import Context, Explanation, Unchecked
    from inspector.domain.neighbours import EntrySpan
    from inspector.services.types import LookupResult

DEFAULT_QUOTA_RESERVE = 3  # below this many requests left, the app asks before spending
SOURCE_SINCE = "Toggl API v9 /me/time_entries?since (deleted entries included)"


@dataclass(frozen=True)
class PlannedRequest:
    """One request explaining would send (nothing cached answers it)."""

    purpose: str  # for people: "the project", "entries around it", "the owner's time zone"
    method: str  # "GET" or "POST"
    path: str  # e.g. "/api/v9/workspaces/9/projects/7" (no host, no credential)
    query: tuple[tuple[str, str], ...] = ()  # e.g. (("since", "1793491200"),)

    @property
    def target(self) -> str:
        """The path with its query, as it is sent: "/api/v9/me/time_entries?since=…"."""
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path


@dataclass(frozen=True)
class ContextPlan:
    """The price of explaining an entry, known before anything is sent."""

    requests: tuple[PlannedRequest, ...]
    quota_left: int | None  # as the last answer told it; None when unknown
    reserve: int = DEFAULT_QUOTA_RESERVE
    # Each planned request is tried at most this often (429, 5xx, network failures, as a
    # lookup is); no other request is ever sent.
    max_attempts: int = 1
    declined: str | None = None  # why nothing is to be sent (see decline)

    @property
    def cost(self) -> int:
        return len(self.requests)

    @property
    def most_requests(self) -> int:
        """The most this can send, every retry included."""
        return self.cost * self.max_attempts

    @property
    def below_reserve(self) -> bool:
        """Spending this would leave fewer than ``reserve`` requests this hour: ask first."""
        return self.quota_left is not None and self.quota_left - self.cost < self.reserve

    def decline(self, reason: str) -> ContextPlan:
        """The same plan with nothing to send: explaining then uses what is cached and what
        the entry itself says, and names each part left unchecked with ``reason`` (e.g.
        "the quota is kept for lookups")."""
        return replace(self, requests=(), declined=reason)

    def offer_text(self) -> str:
        """ "Explain: 3 requests, quota left 24" (or "no requests" when all is cached)."""
        noun = "request" if self.cost == 1 else "requests"
        cost = f"{self.cost} {noun}" if self.cost else "no requests (all cached)"
        left = f", quota left {self.quota_left}" if self.quota_left is not None else ""
        return f"Explain: {cost}{left}"


@dataclass(frozen=True)
class ContextProgress:
    """Told before each request explaining sends, so a person sees where it is."""

    request: PlannedRequest
    number: int  # of this request within the plan, from 1
    count: int  # the plan's requests
    quota_left: int | None  # as the last answer told it

    @property
    def text(self) -> str:
        """ "Explaining: the project (request 2 of 3)…"."""
        return f"Explaining: {self.request.purpose} (request {self.number} of {self.count})…"


@dataclass(frozen=True)
class EntryContext:
    """What explaining found: the facts, the sentences, the neighbours as spans (a list
    shows them and a click shows one from this data: no request), and what it cost."""

    context: Context
    explanations: tuple[Explanation, ...]
    # The entries around it (v9-shaped, as received or mapped from a report), in the order
    # of context.neighbours: every one of them, related or merely close by.
    neighbour_entries: Sequence[dict[str, object]] = field(default_factory=tuple)
    requests_sent: int = 0  # every attempt, retries included
    quota_left: int | None = None
    owner_time_zone: str | None = None  # the IANA zone the owner's day was read in
    sent: tuple[PlannedRequest, ...] = ()  # the plan's requests that were sent, in order
    plan: ContextPlan | None = None  # what was priced (and agreed to)
    owner_is_signed_in_user: bool | None = None  # None: not known

    @property
    def spans(self) -> tuple[EntrySpan, ...]:
        return tuple(n.span for n in self.context.neighbours or ())

    @property
    def unchecked(self) -> Sequence[Unchecked]:
        return self.context.unchecked


@dataclass(frozen=True)
class DeletedCheck:
    """After a v9 404: is the entry among the signed-in user's entries changed (deleted ones
    included) since ``since``? ``found`` is then the entry, its view marked deleted when it
    was; ``sentence`` says what was found, for people."""

    entry_id: int
    since: datetime
    checked: bool  # False: nothing was sent (the plan was declined)
    found: LookupResult | None
    sentence: str
    requests_sent: int = 0
    quota_left: int | None = None

    @property
    def deleted(self) -> bool:
        return self.found is not None and self.found.view.raw.get("server_deleted_at") is not None
