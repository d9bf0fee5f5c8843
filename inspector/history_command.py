"""`toggl-inspector history`: the recorded lookups, newest first, for people and scripts.

No httpx, no keyring, no Qt: reading the history sends nothing.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterable
from typing import TextIO

from inspector.domain.exports import csv_text_cell, json_line
from inspector.domain.lookup_facts import plain
from inspector.history import HistoryEntry, HistoryUnavailable, LookupHistory

FORMAT_TEXT = "text"
FORMAT_JSONL = "jsonl"
FORMAT_CSV = "csv"
CSV_COLUMNS = (
    "row_id",
    "fetched_at",
    "entry_id",
    "outcome",
    "run_state",
    "account",
    "api_origin",
    "source",
    "workspace_id",
    "description",
    "user_name",
    "project_name",
    "request_id",
    "message",
)
_CSV_TEXT = frozenset(
    {"account", "description", "user_name", "project_name", "request_id", "message"}
)
EXIT_OK = 0
EXIT_UNAVAILABLE = 1


def run_history(
    *,
    limit: int,
    output: str = FORMAT_TEXT,
    search: str | None = None,
    clear: bool = False,
    history: LookupHistory | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Print the newest ``limit`` lookups (those matching ``search``), or clear them all."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    history = history or LookupHistory.default()
    try:
        if clear:
            history.clear()
            print(f"The history in {history.path} is cleared.", file=stdout)
            return EXIT_OK
        entries = history.search(search, limit) if search else history.recent(limit)
    except HistoryUnavailable as error:
        print(f"toggl-inspector: error: {plain(str(error), limit=None)}", file=stderr)
        return EXIT_UNAVAILABLE
    finally:
        problem = history.take_problem()
        history.close()
    if problem:
        print(f"toggl-inspector: note: {plain(problem, limit=None)}", file=stderr)
    try:
        stdout.write(history_text(entries, output))
        stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    return EXIT_OK


def history_text(entries: Iterable[HistoryEntry], output: str) -> str:
    entries = list(entries)
    if output == FORMAT_JSONL:
        return "".join(json_line(_row(entry)) + "\n" for entry in entries)
    if output == FORMAT_CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for entry in entries:
            row = _row(entry)
            writer.writerow(
                csv_text_cell(str(row[name] or "")) if name in _CSV_TEXT else _cell(row[name])
                for name in CSV_COLUMNS
            )
        return buffer.getvalue()
    if not entries:
        return "No lookups recorded.\n"
    return "".join(_line(entry) + "\n" for entry in entries)


def _row(entry: HistoryEntry) -> dict[str, object]:
    return {
        "row_id": entry.row_id,
        "fetched_at": entry.fetched_at.isoformat().replace("+00:00", "Z"),
        "entry_id": entry.entry_id,
        "outcome": entry.outcome,
        "run_state": entry.run_state,
        "account": entry.account,
        "api_origin": entry.api_origin,
        "source": entry.source,
        "workspace_id": entry.workspace_id,
        "options": dict(entry.options),
        "description": entry.description,
        "user_name": entry.user_name,
        "project_name": entry.project_name,
        "request_id": entry.request_id,
        "message": entry.message,
        "body_length": entry.body_length,
        "body_kept": entry.body_kept,
    }


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _line(entry: HistoryEntry) -> str:
    """ "2026-11-30 12:00:00 UTC  5000000001  found  stopped  who at where  description"."""
    when = entry.fetched_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    what = entry.description if entry.outcome == "found" else entry.message
    parts = [
        when,
        str(entry.entry_id),
        entry.outcome,
        entry.run_state or "-",
        plain(f"{entry.account} at {entry.api_origin}", limit=80),
        plain(what or "-", limit=120),
    ]
    return "  ".join(parts)
