"""Recording lookups in the history, reading them back, and what changed since (issue #14),
for both faces. No Qt, no httpx.

- ``HistoryRecorder``: synchronous, for `get` (and under ``HistoryService``): records a
  finding unless recording is off, and turns every failure into a sentence, never an
  exception: the app works on without history.
- ``HistoryService``: the same for the window, each call on one worker thread of its own (in
  the order asked, never on the UI thread); the database is opened by the first call.
- ``stored_answer`` / ``stored_view`` / ``what_changed``: the entry a stored lookup holds,
  as the tree shows it (no request), and the differences from a newer answer;
  ``compare_stored``: two stored lookups' answers side by side (two entries, or one twice).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from inspector.domain.entry_view import EntryView, build_entry_view
from inspector.domain.json_reading import read_json
from inspector.history import HistoryEntry, HistoryUnavailable, LookupHistory
from inspector.services.findings import Finding
from inspector.services.types import LookupResult

if TYPE_CHECKING:  # reading stored answers back: not when `get` only records one
    from inspector.domain.answer_diff import Change

log = logging.getLogger("inspector.history")

T = TypeVar("T")

HISTORY_ENV = "TOGGL_INSPECTOR_HISTORY"  # "off": record nothing (get --no-history too)


def recording_wanted(environ: Mapping[str, str]) -> bool:
    """False when TOGGL_INSPECTOR_HISTORY says off (off, 0, false, no)."""
    return environ.get(HISTORY_ENV, "").strip().lower() not in ("off", "0", "false", "no")


class HistoryRecorder:
    def __init__(
        self,
        history: LookupHistory | Callable[[], LookupHistory] = LookupHistory.default,
        *,
        enabled: bool = True,
    ) -> None:
        """``history``: the store, or how to make it (called at the first use only, so a
        run that records nothing never even looks for the data directory). ``enabled``
        False: record nothing (the setting, or `get --no-history`); reading still works."""
        self._history = history if isinstance(history, LookupHistory) else None
        self._make = history if not isinstance(history, LookupHistory) else None
        self.enabled = enabled

    @property
    def history(self) -> LookupHistory:
        if self._history is None:
            assert self._make is not None
            self._history = self._make()
        return self._history

    @property
    def path(self) -> Path:
        """Where the history is kept (or will be): nothing is opened or created."""
        if self._history is not None:
            return self._history.path
        assert self._make is not None
        return self._make().path  # a LookupHistory opens nothing until its first use

    def record(
        self,
        finding: Finding,
        account: str,
        api_origin: str,
        options: Mapping[str, object] | None = None,
    ) -> str | None:
        """Record ``finding``; what went wrong or was dealt with (a damaged file moved
        aside), as a sentence for a person, or None."""
        if not self.enabled:
            return None
        try:
            self.history.record(finding.history_record(account, api_origin, options))
        except HistoryUnavailable as error:
            return str(error)
        return self.history.take_problem()

    def close(self) -> None:
        if self._history is not None:
            self._history.close()


class HistoryService:
    """The history for the window: every call is run in order on a worker thread of its
    own, and answers ``(value, problem)``: the problem a sentence to tell the person (the
    history locked, a damaged file moved aside), or None; it never raises for the history
    (an unusable history answers the empty value)."""

    def __init__(self, recorder: HistoryRecorder | None = None) -> None:
        self.recorder = recorder or HistoryRecorder()
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="history"
        )
        self._closed = False

    @property
    def enabled(self) -> bool:
        return self.recorder.enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self.recorder.enabled = value

    async def _call(self, function: Callable[[], T], fallback: T) -> tuple[T, str | None]:
        loop = asyncio.get_running_loop()

        def run() -> tuple[T, str | None]:
            try:
                value = function()
            except HistoryUnavailable as error:
                return fallback, str(error)
            return value, self.recorder.history.take_problem()

        return await loop.run_in_executor(self._worker, run)

    async def record(
        self,
        finding: Finding,
        account: str,
        api_origin: str,
        options: Mapping[str, object] | None = None,
    ) -> str | None:
        """Record ``finding`` (unless recording is off); the problem to tell, or None."""
        if not self.enabled:
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._worker, partial(self.recorder.record, finding, account, api_origin, options)
        )

    async def recent(
        self, limit: int = 100, before_row: int | None = None
    ) -> tuple[list[HistoryEntry], str | None]:
        return await self._call(
            lambda: self.recorder.history.recent(limit, before_row=before_row), []
        )

    async def search(self, text: str, limit: int = 100) -> tuple[list[HistoryEntry], str | None]:
        return await self._call(lambda: self.recorder.history.search(text, limit), [])

    async def entry(self, row_id: int) -> tuple[HistoryEntry | None, str | None]:
        return await self._call(lambda: self.recorder.history.entry(row_id), None)

    async def previous(
        self, entry_id: int, api_origin: str, before_row: int | None = None
    ) -> tuple[HistoryEntry | None, str | None]:
        """The newest stored answer that found ``entry_id`` at this API, to diff against."""
        return await self._call(
            lambda: self.recorder.history.previous(entry_id, api_origin, before_row=before_row),
            None,
        )

    async def compare(
        self, first_row: int, second_row: int
    ) -> tuple[Comparison | None, str | None]:
        """Two stored lookups compared, the older first (None: one is no longer stored).
        Read and compared on the worker thread: a big answer never holds up the window."""

        def read_and_compare() -> Comparison | None:
            history = self.recorder.history
            first, second = history.entry(first_row), history.entry(second_row)
            if first is None or second is None:
                return None
            older, newer = sorted((first, second), key=lambda entry: entry.row_id)
            return compare_stored(older, newer)

        return await self._call(read_and_compare, None)

    async def clear(self) -> str | None:
        _, problem = await self._call(self.recorder.history.clear, None)
        return problem

    def close(self) -> None:
        """Finish what was asked, then close the database (at quit; again: nothing)."""
        if self._closed:
            return
        self._closed = True
        self._worker.submit(self.recorder.close)
        self._worker.shutdown(wait=True)


def stored_answer(entry: HistoryEntry) -> dict[str, object] | None:
    """The entry object a stored lookup holds (a Reports page: its row, v9-shaped), or None
    (not found, or its body was not kept or cannot be read)."""
    if entry.body is None:
        return None
    try:
        value = read_json(entry.body).value
    except (ValueError, RecursionError):
        return None
    if entry.source == "reports":
        from inspector.domain.report_rows import find_entry

        if not isinstance(value, list) or entry.workspace_id is None:
            return None
        match = find_entry(value, entry.entry_id, entry.workspace_id)
        return match.entry if match is not None else None
    return value if isinstance(value, dict) else None


def stored_view(entry: HistoryEntry, now: datetime, local_zone: tzinfo | None) -> EntryView | None:
    """The stored answer as the tree shows it ("as fetched at T, not refreshed"): no
    request. None when there is no answer to show."""
    if entry.body is None:
        return None
    try:
        document = read_json(entry.body)
    except (ValueError, RecursionError):
        return None
    value = document.value
    if entry.source == "reports":
        from inspector.domain.report_rows import NOT_AVAILABLE, find_entry

        if not isinstance(value, list) or entry.workspace_id is None:
            return None
        match = find_entry(value, entry.entry_id, entry.workspace_id)
        if match is None:
            return None
        return build_entry_view(
            match.entry,
            now,
            local_zone,
            unavailable=dict.fromkeys(match.not_available, NOT_AVAILABLE),
            extra_fields=match.extra_fields,
            duplicate_keys=document.duplicate_keys,
        )
    if not isinstance(value, dict):
        return None
    return build_entry_view(value, now, local_zone, duplicate_keys=document.duplicate_keys)


def what_changed(previous: HistoryEntry, current: LookupResult) -> tuple[Change, ...] | None:
    """What changed from the stored answer to ``current`` (field path, old, new); None
    when the stored one has no answer to compare with."""
    from inspector.domain.answer_diff import diff_answers

    before = stored_answer(previous)
    if before is None:
        return None
    return diff_answers(before, dict(current.view.raw))


@dataclass(frozen=True)
class Comparison:
    """Two stored lookups' answers compared: ``changes`` from ``older``'s answer to
    ``newer``'s, or None with ``unanswered`` the one that holds no answer to compare."""

    older: HistoryEntry
    newer: HistoryEntry
    changes: tuple[Change, ...] | None
    unanswered: HistoryEntry | None = None


def compare_stored(older: HistoryEntry, newer: HistoryEntry) -> Comparison:
    """What differs between the answers two stored lookups hold (no request)."""
    from inspector.domain.answer_diff import diff_answers

    answers = []
    for entry in (older, newer):
        answer = stored_answer(entry)
        if answer is None:
            return Comparison(older, newer, None, unanswered=entry)
        answers.append(answer)
    return Comparison(older, newer, diff_answers(answers[0], answers[1]))
