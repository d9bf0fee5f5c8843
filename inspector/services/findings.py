"""What looking one ID up found, in the shape every face and the history share: the result
or the error, when, and what it becomes in a ticket summary, an export, the history or a cURL
command.

Light (no httpx, no keyring, no sqlite3, not even the history module until a finding is
recorded): the window may import it before its first paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from inspector.api.errors import ApiError, NotFound
from inspector.domain.curl import curl_command
from inspector.domain.lookup_facts import (
    FROM_REPORTS,
    FROM_V9,
    LookupFacts,
    LookupOutcome,
    Redact,
    unchanged,
)
from inspector.services.types import LookupResult, ReportsResult, failure_text, utc_now

if TYPE_CHECKING:
    from inspector.history import LookupRecord


@dataclass(frozen=True)
class Finding:
    """One ID's outcome: ``result`` when found, ``error`` otherwise."""

    entry_id: int
    outcome: LookupOutcome
    fetched_at: datetime
    result: LookupResult | None = None
    error: ApiError | None = None

    @classmethod
    def of_result(cls, result: LookupResult, fetched_at: datetime | None = None) -> Finding:
        return cls(
            result.request.entry_id, LookupOutcome.FOUND, fetched_at or utc_now(), result=result
        )

    @classmethod
    def of_error(
        cls, entry_id: int, error: ApiError, fetched_at: datetime | None = None
    ) -> Finding:
        outcome = LookupOutcome.NOT_FOUND if isinstance(error, NotFound) else LookupOutcome.ERROR
        return cls(entry_id, outcome, fetched_at or utc_now(), error=error)

    @property
    def message(self) -> str | None:
        """What went wrong, as both faces say it (with the attempts and the request id)."""
        return failure_text(self.error) if self.error is not None else None

    @property
    def request_id(self) -> str | None:
        if self.result is not None:
            return self.result.response.request_id
        return self.error.request_id if self.error is not None else None

    @property
    def source(self) -> str:
        return FROM_REPORTS if isinstance(self.result, ReportsResult) else FROM_V9

    @property
    def requests(self) -> int:
        """How many requests it took (each counted against the hourly quota)."""
        if isinstance(self.result, ReportsResult):
            return self.result.requests
        if self.result is not None:
            return self.result.record.attempts
        record = self.error.record if self.error is not None else None
        return record.attempts if record is not None else 0

    def facts(
        self,
        account: str | None = None,
        api_origin: str | None = None,
        owner_time_zone: str | None = None,
    ) -> LookupFacts:
        """For the ticket summary and the exports."""
        result = self.result
        return LookupFacts(
            entry_id=self.entry_id,
            outcome=self.outcome,
            view=result.view if result is not None else None,
            message=self.message,
            source=self.source,
            workspace_id=result.workspace_id if isinstance(result, ReportsResult) else None,
            account=account,
            api_origin=api_origin,
            request_id=self.request_id,
            fetched_at=self.fetched_at,
            owner_time_zone=owner_time_zone,
        )

    def history_record(
        self, account: str, api_origin: str, options: Mapping[str, object] | None = None
    ) -> LookupRecord:
        """For the history: never a secret (the history redacts what it is given, too)."""
        from inspector.history import LookupRecord  # only when recording: `get` stays light

        result = self.result
        facts = self.facts(account, api_origin)
        asked: dict[str, object] = {}
        if result is not None:
            asked.update(meta=result.request.meta, include_sharing=result.request.include_sharing)
        asked.update(options or {})
        return LookupRecord(
            entry_id=self.entry_id,
            account=account,
            api_origin=api_origin,
            outcome=self.outcome.value,
            fetched_at=self.fetched_at,
            source=self.source,
            options=asked,
            run_state=facts.state_code,
            description=facts.text("description"),
            user_name=facts.text("user_name"),
            project_name=facts.text("project_name"),
            workspace_id=facts.workspace_id or facts.number("workspace_id"),
            request_id=self.request_id,
            message=self.message,
            body=result.response.body_text if result is not None else None,
        )


def curl_for(result: LookupResult, redact: Redact = unchanged) -> str:
    """*Copy as cURL* for the request that found ``result`` (``$TOGGL_API_TOKEN`` in place of
    the token). A Reports search: the year it was found in, first page."""
    if isinstance(result, ReportsResult):
        import json

        body = {
            "start_date": result.found_in.start.isoformat(),
            "end_date": result.found_in.end.isoformat(),
            "time_entry_ids": [result.request.entry_id],
        }
        url = result.response.url
        return curl_command("POST", url, json.dumps(body), redact)
    return curl_command("GET", result.response.url, redact=redact)
