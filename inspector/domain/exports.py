"""A results table as CSV and as JSON Lines, one row per ID looked up.

JSON Lines keeps every value as received (strings escaped as JSON escapes them, and the
characters a terminal or an editor could obey, such as C1 controls, line separators and
bidirectional overrides, written as ``\\uXXXX``, so the line reads the same value back). CSV
is for spreadsheets: control characters written out (``\\n``), and a text cell that starts
with ``=``, ``+``, ``-`` or ``@`` prefixed with ``'`` so a spreadsheet shows it instead of
running it as a formula. Every secret ``redact`` knows is replaced in both.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from inspector.domain.lookup_facts import LookupFacts, Redact, plain, unchanged, utc_iso

CSV_COLUMNS = (
    "id",
    "outcome",
    "state",
    "start",
    "stop",
    "duration_seconds",
    "user_name",
    "project_name",
    "description",
    "anomalies",
)
_CSV_TEXT_COLUMNS = frozenset({"user_name", "project_name", "description", "anomalies"})
_FORMULA_START = ("=", "+", "-", "@")
# Valid in a JSON string only as escapes once written so: C1 controls and DEL, the Unicode
# line and paragraph separators, bidirectional embeddings, overrides and isolates, and lone
# surrogates (which no UTF-8 output can carry). json.dumps already escapes C0 controls.
_UNSAFE_IN_LINE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def export_row(facts: LookupFacts, now: datetime, redact: Redact = unchanged) -> dict[str, object]:
    """One ID's row as a JSON object: at least ``id``, ``outcome`` (``found``,
    ``not_found``, ``error``), ``state``, ``start``, ``stop``, ``duration_seconds``,
    ``description``, ``user_name``, ``project_name`` and ``anomalies`` (``{code,
    message}``), the others where known. Strings as received, secrets redacted."""
    view = facts.view
    row: dict[str, object] = {
        "id": facts.entry_id,
        "outcome": facts.outcome.value,
        "state": facts.state_code,
        "start": utc_iso(view.start) if view else None,
        "stop": utc_iso(view.stop) if view else None,
        "stop_derived": view.stop_is_derived if view else None,
        "duration_seconds": facts.duration_seconds(facts.fetched_at or now),
        "description": facts.text("description"),
        "user_name": facts.text("user_name"),
        "user_id": facts.number("user_id"),
        "project_name": facts.text("project_name"),
        "project_id": facts.number("project_id"),
        "client_name": facts.text("client_name"),
        "task_name": facts.text("task_name"),
        "tags": facts.tags,
        "deleted": view.raw.get("server_deleted_at") is not None if view else None,
        "anomalies": [{"code": a.code, "message": a.message} for a in view.anomalies]
        if view
        else [],
        "source": facts.source,
        "workspace_id": facts.workspace_id if facts.workspace_id else facts.number("workspace_id"),
        "message": facts.message,
        "request_id": facts.request_id,
        "fetched_at": utc_iso(facts.fetched_at),
        "account": facts.account,
        "api_origin": facts.api_origin,
    }
    redacted = redacted_json(row, redact)
    assert isinstance(redacted, dict)
    return redacted


def redacted_json(value: object, redact: Redact) -> object:
    """``value`` with every string in it (keys too) passed through ``redact``."""
    if redact is unchanged:
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redacted_json(item, redact) for item in value]
    if isinstance(value, dict):
        return {redact(str(key)): redacted_json(item, redact) for key, item in value.items()}
    return value


def redacted_json_text(text: str, redact: Redact) -> str | None:
    """JSON text (an answer's body) with every secret ``redact`` knows replaced: as written,
    and in every string as decoded, so one the server escaped (``\\u0026``, ``\\"``) is
    found too. The text is kept as it is unless a decoded string held a secret: then it is
    written anew (compact) with the secret replaced; None when that cannot be done (nested
    too deeply to write)."""
    if redact is unchanged:
        return text
    literal = redact(text)
    try:
        value = json.loads(literal)
    except (ValueError, RecursionError):
        # Replacing the secret as written can cut an escape in two (a password ending in
        # "\" is written "\\"): when the text itself is JSON it is written anew instead.
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return literal  # not JSON that Python reads: what is written is all there is
    else:
        if not _holds_secret(value, redact):
            return literal
    try:
        return json.dumps(redacted_json(value, redact), ensure_ascii=False)
    except RecursionError:
        return None


def _holds_secret(value: object, redact: Redact) -> bool:
    """Whether any string (key or value) in ``value`` holds a secret; without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if redact(item) != item:
                return True
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return False


def json_line(value: object) -> str:
    """``value`` as one line of JSON (UTF-8 text kept, unsafe characters escaped)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_LINE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def jsonl_text(rows: Iterable[Mapping[str, object]]) -> str:
    return "".join(json_line(dict(row)) + "\n" for row in rows)


def csv_row(facts: LookupFacts, now: datetime, redact: Redact = unchanged) -> list[str]:
    """One ID's cells, in CSV_COLUMNS order."""
    row = export_row(facts, now, redact)
    anomalies = row["anomalies"]
    assert isinstance(anomalies, list)
    values: dict[str, object] = {
        **row,
        "anomalies": "; ".join(str(item["message"]) for item in anomalies),
    }
    cells = []
    for column in CSV_COLUMNS:
        value = values[column]
        cell = "" if value is None else str(value)
        cells.append(csv_text_cell(cell, redact) if column in _CSV_TEXT_COLUMNS else cell)
    return cells


def csv_text_cell(text: str, redact: Redact = unchanged) -> str:
    """Server or user text for a CSV cell: secrets redacted, controls written out, and a
    leading ``=``, ``+``, ``-`` or ``@`` defused with ``'`` (no spreadsheet formula)."""
    cell = plain(text, redact, limit=None)
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_text(results: Iterable[LookupFacts], now: datetime, redact: Redact = unchanged) -> str:
    """A header line and one line per ID (RFC 4180 quoting, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for facts in results:
        writer.writerow(csv_row(facts, now, redact))
    return redact(buffer.getvalue())
