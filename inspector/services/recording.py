"""What the server said during one use case: kept on its ExchangeRecord and told to the log.

A lookup and a Reports search end the same way: with a result, whose outcome is the last
status, or with the ApiError that stopped them, which then carries the record (what was
sent and received) and the request id a person can quote to Toggl's support.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType

from inspector.api.errors import ApiError
from inspector.api.exchange import ExchangeRecord


class Recording:
    """Use as ``with Recording(record, log, "Entry 5", tally) as recording:`` around the
    use case, and call ``recording.succeeded()`` once it has its result.

    ``subject`` starts each log line; ``tally`` says how many requests it took (and
    whatever else is worth a line), e.g. "attempts 2, request id abc".
    """

    def __init__(
        self,
        record: ExchangeRecord,
        log: logging.Logger,
        subject: str,
        tally: Callable[[ExchangeRecord], str],
    ) -> None:
        self.record = record
        self.log = log
        self.subject = subject
        self.tally = tally

    def __enter__(self) -> Recording:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if isinstance(error, ApiError):
            self.failed(error)
        # the error (if any) goes on: nothing is swallowed here

    def failed(self, error: ApiError) -> None:
        record = self.record
        error.record = record
        error.request_id = error.request_id or record.request_id  # e.g. cut mid-body
        record.outcome, record.message = error.outcome, error.message
        self.log.info(
            "%s: %s: %s (%s)", self.subject, record.outcome, record.message, self.tally(record)
        )

    def succeeded(self, found: str = "", took: str = "") -> None:
        """``found`` is added to the outcome ("200 OK: found in 2023"), ``took`` only to
        the log line ("200 OK in 120 ms")."""
        record = self.record
        record.outcome = f"{record.status} OK{found}"
        self.log.info("%s: %s%s (%s)", self.subject, record.outcome, took, self.tally(record))
