"""What the window needs of the service that explains an entry (issue #13,
``inspector.services.context.ContextService``), written down as a Protocol: the window's
parts depend on this shape, not on the module (which imports httpx, after the first paint).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from inspector.domain.identity import Identity
from inspector.services import LookupResult
from inspector.services.context_types import ContextPlan, DeletedCheck, EntryContext

if TYPE_CHECKING:
    from inspector.services.lookup import EntryLookup


class ContextService(Protocol):
    def forget(self) -> None:
        """Drop what this session has cached (the next explanation asks again)."""
        ...

    def plan(self, result: LookupResult) -> ContextPlan:
        """What explaining ``result`` would ask, priced; sends nothing."""
        ...

    async def explain(
        self,
        result: LookupResult,
        plan: ContextPlan | None = None,
        on_progress: Callable[[object], None] | None = None,
    ) -> EntryContext:
        """Ask what the plan says; a 402 or 403 is told in ``context.unchecked``, never
        raised. ``on_progress`` hears of each request before it is sent."""
        ...

    def plan_deleted_check(self, entry_id: int) -> ContextPlan:
        """The price of asking whether a v9 404 is a deleted entry; sends nothing."""
        ...

    async def deleted_check(self, entry_id: int, plan: ContextPlan | None = None) -> DeletedCheck:
        """Whether ``entry_id`` is among the recently changed entries (deleted ones
        included): ``found`` is the entry then, ``sentence`` says what was found."""
        ...


# Made when the lookup machinery is attached: the lookup, and who is signed in (the owner
# of /me/time_entries' entries), asked each time since the account can change.
ContextServiceFactory = Callable[
    ["EntryLookup", Callable[[], Identity | None]], ContextService | None
]


def default_context_service(
    lookup: EntryLookup, own_identity: Callable[[], Identity | None]
) -> ContextService | None:
    """The service explaining entries (inspector.services.context), made when the lookup
    machinery is attached, after the first paint (it imports httpx)."""
    from inspector.services.context import ContextService as RealContextService

    return RealContextService(lookup, own_identity)
