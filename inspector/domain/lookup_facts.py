"""What one lookup found, as the ticket summary, the exports and the history read it.

``LookupFacts`` is plain data the services fill in from a lookup (its result or error, the
account and API it used, when it was fetched); the helpers here read an entry's fields the
way all of them show it. Text from the server is shown plainly: control characters written
out, one-line values bounded, and every secret a ``redact`` function knows replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.field_tree import readable
from inspector.domain.plain_text import SHORT_TEXT_LIMIT, bounded, show_controls
from inspector.domain.timestamps import format_duration

# Replaces every secret it knows in a text ("[redacted]"); the app passes the log's
# redactor, which knows each secret (and its Basic-auth forms) the process has used.
Redact = Callable[[str], str]

FROM_V9 = "v9"
FROM_REPORTS = "reports"


def unchanged(text: str) -> str:
    return text


class LookupOutcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    ERROR = "error"


STATE_CODES = {
    RunState.RUNNING: "running",
    RunState.STOPPED: "stopped",
    RunState.DURATION_ONLY: "duration_only",
}


@dataclass(frozen=True)
class LookupFacts:
    entry_id: int
    outcome: LookupOutcome
    view: EntryView | None = None  # the entry, when found
    message: str | None = None  # what went wrong, when not found or failed
    source: str = FROM_V9  # FROM_V9 or FROM_REPORTS
    workspace_id: int | None = None  # the workspace a Reports search found it in
    account: str | None = None  # who asked: an email, or where the token came from
    api_origin: str | None = None  # scheme://host[:port]
    request_id: str | None = None  # Toggl's X-Toggl-Request-Id
    fetched_at: datetime | None = None
    owner_time_zone: str | None = None  # the owner's IANA zone, where known

    @property
    def raw(self) -> Mapping[str, object]:
        return self.view.raw if self.view is not None else {}

    @property
    def state_code(self) -> str | None:
        return STATE_CODES[self.view.run_state] if self.view is not None else None

    def duration_seconds(self, now: datetime) -> int | None:
        """Elapsed at ``now`` while running, else the recorded duration."""
        view = self.view
        if view is None:
            return None
        if view.run_state is RunState.RUNNING:
            elapsed = view.elapsed_seconds(now)
            return None if elapsed is None else int(elapsed)
        return view.recorded_duration

    def duration_text(self, now: datetime) -> str | None:
        seconds = self.duration_seconds(now)
        return None if seconds is None else format_duration(seconds)

    def text(self, name: str) -> str | None:
        """A string field as sent (None when absent, null or not a string)."""
        value = self.raw.get(name)
        return value if isinstance(value, str) else None

    def number(self, name: str) -> int | None:
        value = self.raw.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def user(self) -> str | None:
        """The user's name (meta), else "user ID"."""
        name = self.text("user_name")
        if name:
            return name
        user_id = self.number("user_id")
        return f"user {user_id}" if user_id is not None else None

    def named(self, name_field: str, id_field: str, noun: str) -> str | None:
        name = self.text(name_field)
        if name:
            return name
        value = self.number(id_field)
        return f"{noun} {value}" if value is not None else None

    @property
    def project(self) -> str | None:
        return self.named("project_name", "project_id", "project")

    @property
    def client(self) -> str | None:
        return self.named("client_name", "client_id", "client")

    @property
    def task(self) -> str | None:
        return self.named("task_name", "task_id", "task")

    @property
    def tags(self) -> list[str] | None:
        """The tags' names; None when the entry says null (no tags, or deleted ones)."""
        value = self.raw.get("tags")
        if not isinstance(value, list):
            return None
        return [item if isinstance(item, str) else str(item) for item in value]

    @property
    def tags_text(self) -> str:
        value = self.raw.get("tags")
        if "tags" not in self.raw:
            return "not sent"
        if value is None:
            return "none (null: no tags, or their tags were deleted)"
        tags = self.tags
        return ", ".join(tags) if tags else "none"

    @property
    def shared_with_text(self) -> str:
        """ "2 users, 1 accepted: Ann (not accepted), Bo (accepted)"."""
        if "shared_with" not in self.raw:
            return "not asked (include sharing off)"
        users = self.raw.get("shared_with")
        if not isinstance(users, list) or not users:
            return "nobody"
        names = []
        accepted = 0
        for user in users:
            if not isinstance(user, dict):
                names.append("?")
                continue
            name = user.get("user_name")
            label = name if isinstance(name, str) and name else f"user {user.get('user_id')}"
            status = user.get("accepted")
            accepted += status is True
            if isinstance(status, bool):  # only true and false say yes or no
                label += " (accepted)" if status else " (not accepted)"
            names.append(label)
        count = f"{len(users)} user{'s' if len(users) != 1 else ''}, {accepted} accepted"
        return f"{count}: {', '.join(names)}"

    @property
    def anomaly_messages(self) -> list[str]:
        return [anomaly.message for anomaly in self.view.anomalies] if self.view else []

    @property
    def source_text(self) -> str:
        if self.source == FROM_REPORTS:
            where = f" (workspace {self.workspace_id})" if self.workspace_id is not None else ""
            return f"Reports API v3{where}"
        workspace = self.number("workspace_id")
        return "Toggl API v9" + (f", workspace {workspace}" if workspace is not None else "")


def plain(text: str, redact: Redact = unchanged, limit: int | None = SHORT_TEXT_LIMIT) -> str:
    """Server text for one line: secrets redacted, control characters written out (and
    redacted again, so a secret spelled with its escapes is caught too), bounded."""
    shown = redact(show_controls(redact(readable(text))))
    return shown if limit is None else bounded(shown, limit)


def utc_iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, e.g. 2026-11-30T09:00:00Z."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
