"""A summary for the support ticket, in Markdown and in plain text: for one entry, and for a
table of results (several IDs).

Server text stays plain: control characters are written out, one-line values are bounded,
Markdown's own characters in it are escaped (a description of ``**urgent** <img …>`` reads
as those characters in the ticket, never as bold or an image), and every secret ``redact``
knows is replaced, in each value and in the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from inspector.domain.entry_view import RunState
from inspector.domain.lookup_facts import (
    LookupFacts,
    LookupOutcome,
    Redact,
    plain,
    unchanged,
)
from inspector.domain.owner_day import zone_named
from inspector.domain.plain_text import SHORT_TEXT_LIMIT
from inspector.domain.timestamps import format_local, format_utc

TABLE_CELL_LIMIT = 40
TABLE_DESCRIPTION_LIMIT = 60
NO_VALUE = "—"

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# that can start emphasis, code, links, images, HTML, entities or a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")

_OUTCOME_TEXT = {
    LookupOutcome.FOUND: "found",
    LookupOutcome.NOT_FOUND: "not found",
    LookupOutcome.ERROR: "error",
}


def markdown_escaped(text: str) -> str:
    """``text`` (already plain: no control characters) as Markdown that shows exactly it."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def entry_summary(
    facts: LookupFacts, now: datetime, *, markdown: bool, redact: Redact = unchanged
) -> str:
    """The summary of one lookup: the entry's state, times (UTC and the owner's zone where
    known), duration, who and what it belongs to, tags, sharing, anomalies, Toggl's request
    id, and which account asked which API when."""
    field = _Fields(markdown, redact)
    lines = [field.title(f"Time entry {facts.entry_id}: {_headline(facts, now)}"), ""]
    rows: list[tuple[str, str | None]] = [
        ("Account", _account_text(facts)),
        ("Source", facts.source_text),
    ]
    view = facts.view
    if view is None:
        rows.append(("Outcome", _OUTCOME_TEXT[facts.outcome]))
        rows.append(("Message", facts.message))
    else:
        rows += [
            ("State", view.run_state.value),
            ("Start", _moment_text(view.start, facts)),
            ("Stop", _stop_text(facts)),
            ("Duration", _duration_text(facts, now)),
            ("User", facts.user),
            ("Project", _project_text(facts)),
            ("Tags", facts.tags_text),
            ("Shared with", facts.shared_with_text),
            ("Description", _description(facts)),
        ]
    lines += [field.line(label, value) for label, value in rows]
    if view is not None:
        anomalies = facts.anomaly_messages
        lines.append(field.line("Anomalies", str(len(anomalies)) if anomalies else "none"))
        lines += [field.sub_item(message) for message in anomalies]
    lines.append(field.line("Toggl request id", facts.request_id))
    lines.append(field.line("Fetched at", _fetched_text(facts)))
    return redact("\n".join(lines) + "\n")


def results_summary(
    results: Sequence[LookupFacts], now: datetime, *, markdown: bool, redact: Redact = unchanged
) -> str:
    """A table of several lookups: ID, outcome, state, start (UTC), duration, user, project,
    description, anomalies; above it how many were found, and who asked which API when."""
    field = _Fields(markdown, redact)
    counts = dict.fromkeys(LookupOutcome, 0)
    for facts in results:
        counts[facts.outcome] += 1
    tally = ", ".join(
        f"{count} {_OUTCOME_TEXT[outcome]}" for outcome, count in counts.items() if count
    )
    noun = "time entry" if len(results) == 1 else "time entries"
    lines = [field.title(f"{len(results)} {noun}: {tally or 'none looked up'}"), ""]
    accounts = {text for facts in results if (text := _account_text(facts))}
    fetched = [facts.fetched_at for facts in results if facts.fetched_at is not None]
    about = []
    if accounts:
        about.append("Account " + (accounts.pop() if len(accounts) == 1 else "several"))
    if fetched:
        first, last = format_utc(min(fetched)), format_utc(max(fetched))
        about.append(f"fetched {first}" if first == last else f"fetched {first} to {last}")
    if about:
        lines += [field.value(" · ".join(about), SHORT_TEXT_LIMIT), ""]
    header = (
        "ID",
        "Outcome",
        "State",
        "Start (UTC)",
        "Duration",
        "User",
        "Project",
        "Description",
        "Anomalies",
    )
    table = [
        [field.value(cell, _limit(column)) for column, cell in enumerate(row)]
        for row in (_table_row(facts, now) for facts in results)
    ]
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---:" if i == 0 else "---" for i in range(len(header))) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in table]
    else:
        widths = [
            max(len(header[i]), *(len(row[i]) for row in table)) if table else len(header[i])
            for i in range(len(header))
        ]
        for row in [list(header), *table]:
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return redact("\n".join(lines) + "\n")


def _limit(column: int) -> int:
    return TABLE_DESCRIPTION_LIMIT if column == 7 else TABLE_CELL_LIMIT


def _table_row(facts: LookupFacts, now: datetime) -> tuple[str, ...]:
    view = facts.view
    if view is None:
        return (
            str(facts.entry_id),
            _OUTCOME_TEXT[facts.outcome],
            NO_VALUE,
            NO_VALUE,
            NO_VALUE,
            NO_VALUE,
            NO_VALUE,
            facts.message or NO_VALUE,
            NO_VALUE,
        )
    anomalies = facts.anomaly_messages
    return (
        str(facts.entry_id),
        _OUTCOME_TEXT[facts.outcome],
        view.run_state.value,
        format_utc(view.start).removesuffix(" UTC") if view.start else NO_VALUE,
        facts.duration_text(facts.fetched_at or now) or NO_VALUE,
        facts.user or NO_VALUE,
        facts.project or NO_VALUE,
        _description(facts) or NO_VALUE,
        "; ".join(anomalies) if anomalies else NO_VALUE,
    )


class _Fields:
    """Lines of a summary in one of the two styles, every value made plain."""

    def __init__(self, markdown: bool, redact: Redact) -> None:
        self.markdown = markdown
        self.redact = redact

    def value(self, text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
        shown = plain(text, self.redact, limit)
        return markdown_escaped(shown) if self.markdown else shown

    def title(self, text: str) -> str:
        return f"### {self.value(text)}" if self.markdown else self.value(text)

    def line(self, label: str, text: str | None) -> str:
        shown = self.value(text) if text else NO_VALUE
        return f"- **{label}:** {shown}" if self.markdown else f"{label}: {shown}"

    def sub_item(self, text: str) -> str:
        return f"  - {self.value(text)}"


def _headline(facts: LookupFacts, now: datetime) -> str:
    view = facts.view
    if view is None:
        return _OUTCOME_TEXT[facts.outcome]
    duration = facts.duration_text(facts.fetched_at or now) or "?"
    if view.run_state is RunState.RUNNING:
        return f"{view.run_state.value}, {duration} elapsed"
    return f"{view.run_state.value}, {duration}"


def _account_text(facts: LookupFacts) -> str | None:
    if facts.account and facts.api_origin:
        return f"{facts.account} at {facts.api_origin}"
    return facts.account or facts.api_origin


def _moment_text(moment: datetime | None, facts: LookupFacts) -> str | None:
    if moment is None:
        return None
    text = format_utc(moment)
    zone = zone_named(facts.owner_time_zone) if facts.owner_time_zone else None
    if zone is not None:
        text += f" · owner's zone ({zone.key}): {format_local(moment, zone)}"
    return text


def _stop_text(facts: LookupFacts) -> str | None:
    view = facts.view
    assert view is not None
    if view.stop is None:
        return "— (running)" if view.run_state is RunState.RUNNING else None
    text = _moment_text(view.stop, facts)
    return f"{text} (derived: start + duration)" if view.stop_is_derived else text


def _duration_text(facts: LookupFacts, now: datetime) -> str | None:
    moment = facts.fetched_at or now
    text = facts.duration_text(moment)
    if text is not None and facts.view is not None and facts.view.run_state is RunState.RUNNING:
        return f"{text} elapsed at {format_utc(moment)}"
    return text


def _project_text(facts: LookupFacts) -> str | None:
    parts = [facts.project or "no project"]
    if facts.client:
        parts.append(f"client {facts.client}")
    if facts.task:
        parts.append(f"task {facts.task}")
    return " · ".join(parts)


def _description(facts: LookupFacts) -> str | None:
    if "description" not in facts.raw:
        return None
    text = facts.text("description")
    return text if text else "(none)"


def _fetched_text(facts: LookupFacts) -> str | None:
    return format_utc(facts.fetched_at) if facts.fetched_at else None
