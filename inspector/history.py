"""The lookup history: every lookup (v9 or Reports, window or `get`) in a local SQLite
database, newest first, searchable; never a secret.

Storage beside the account list, below the services: stdlib ``sqlite3`` in WAL mode, in the
platform's data directory (``~/.local/share/toggl-inspector/history.sqlite3`` on Linux;
``TOGGL_INSPECTOR_DATA_DIR`` overrides), the directory 0700 and the files 0600 whatever the
umask. Bounded to the newest ``limit`` lookups (5,000 by default); *clear* erases them
(deleted content is overwritten, ``secure_delete``).

Cheap to make: nothing is opened, and ``sqlite3`` is not even imported, until the first
call (the window makes one after its first paint). Every call blocks (on a busy database,
up to ``busy_timeout_s``) and may come from any thread, one at a time; run it off the UI
thread. What goes wrong is said in plain words (to the caller, who tells the person; the
log has it at INFO):

- locked by another program, or not usable at all (a directory that cannot be made, a file
  written by a newer version): ``HistoryUnavailable``, and nothing is changed on disk;
- damaged (not a database, or a malformed one): the file is moved aside (never deleted),
  named in ``problem``, and a new, empty history is started.

Each text is stored with every secret ``redact`` knows replaced (the log's redactor by
default: it knows each secret, in each form, that this process has sent), and with lone
surrogates written as their escapes (no UTF-8 file can hold one). The body is kept as
received unless it holds a secret (also one the server escaped as JSON does): then it is
written anew with ``[redacted]`` in its place.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from inspector.domain.exports import redacted_json_text
from inspector.domain.field_tree import readable

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger("inspector.history")

T = TypeVar("T")

DATA_DIR_ENV = "TOGGL_INSPECTOR_DATA_DIR"
FILE_NAME = "history.sqlite3"
DEFAULT_LIMIT = 5000
# A body longer than this (a hostile answer of up to 10 MB, say) is not kept: its length
# is, and the history says the body was too large to keep.
MAX_KEPT_BODY_CHARS = 1_000_000
SCHEMA_VERSION = 1
DAMAGED_SUFFIX = ".damaged-"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lookups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL,
    account TEXT NOT NULL,
    api_origin TEXT NOT NULL,
    source TEXT NOT NULL,
    options TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    run_state TEXT,
    description TEXT,
    user_name TEXT,
    project_name TEXT,
    workspace_id INTEGER,
    request_id TEXT,
    message TEXT,
    body_length INTEGER,
    body TEXT
);
CREATE INDEX IF NOT EXISTS lookups_by_entry ON lookups (entry_id, id);
"""
_LISTED = (
    "id, entry_id, account, api_origin, source, options, fetched_at, outcome, run_state, "
    "description, user_name, project_name, workspace_id, request_id, message, body_length"
)


class HistoryUnavailable(Exception):
    """The history cannot be used now; ``str(error)`` says why, for a person."""


@dataclass(frozen=True)
class LookupRecord:
    """One lookup as the history keeps it."""

    entry_id: int
    account: str  # an email, or where the credential came from ("TOGGL_API_TOKEN", "demo")
    api_origin: str  # scheme://host[:port]
    outcome: str  # "found", "not_found" or "error"
    fetched_at: datetime
    source: str = "v9"  # or "reports"
    options: Mapping[str, object] = field(default_factory=dict)  # meta, include_sharing, ...
    run_state: str | None = None  # "running", "stopped", "duration_only"
    description: str | None = None
    user_name: str | None = None
    project_name: str | None = None
    workspace_id: int | None = None
    request_id: str | None = None  # Toggl's X-Toggl-Request-Id
    message: str | None = None  # what went wrong, for not_found and error
    body: str | None = None  # the answer's body as received (the Reports page for reports)


@dataclass(frozen=True, kw_only=True)
class HistoryEntry(LookupRecord):
    """A stored lookup. Lists (``recent``, ``search``) leave ``body`` None; ``entry(row_id)``
    has it, unless it was too large to keep (``body_kept`` False)."""

    row_id: int
    body_length: int | None = None  # characters of the body as received

    @property
    def body_kept(self) -> bool:
        return self.body_length is not None and self.body_length <= MAX_KEPT_BODY_CHARS


def default_data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("toggl-inspector", appauthor=False)


def _log_redact(text: str) -> str:
    from inspector.logs import SECRETS

    return SECRETS.redact(text)


class LookupHistory:
    def __init__(
        self,
        path: Path,
        *,
        limit: int = DEFAULT_LIMIT,
        own_directory: bool = False,
        redact: Callable[[str], str] = _log_redact,
        busy_timeout_s: float = 2.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Nothing is opened here. ``own_directory``: the directory is the app's own (not
        one named in the environment) and is made 0700 even if it exists already."""
        if limit < 1:
            raise ValueError(f"the history keeps at least one lookup, not {limit}")
        self.path = path
        self.limit = limit
        self.own_directory = own_directory
        self.redact = redact
        self.busy_timeout_s = busy_timeout_s
        self.clock = clock
        # The last thing that went wrong and was dealt with (a damaged file moved aside),
        # for a person to be told once: see take_problem().
        self.problem: str | None = None
        self._broken: str | None = None  # set: unusable for the rest of the session
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @classmethod
    def default(
        cls,
        environ: Mapping[str, str] = os.environ,
        *,
        limit: int = DEFAULT_LIMIT,
        busy_timeout_s: float = 2.0,
    ) -> LookupHistory:
        """The history in the platform's data directory (or TOGGL_INSPECTOR_DATA_DIR)."""
        own = not environ.get(DATA_DIR_ENV, "").strip()
        return cls(
            default_data_dir(environ) / FILE_NAME,
            limit=limit,
            own_directory=own,
            busy_timeout_s=busy_timeout_s,
        )

    # --- what the faces use ------------------------------------------------------------
    def record(self, record: LookupRecord) -> int:
        """Keep ``record`` (then drop what is past the limit); its row id."""
        values = self._row_values(record)

        def write(connection: sqlite3.Connection) -> int:
            with _transaction(connection):
                cursor = connection.execute(
                    "INSERT INTO lookups (entry_id, account, api_origin, source, options, "
                    "fetched_at, outcome, run_state, description, user_name, project_name, "
                    "workspace_id, request_id, message, body_length, body) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                connection.execute(
                    "DELETE FROM lookups WHERE id <= "
                    "(SELECT id FROM lookups ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    (self.limit,),
                )
            row_id = cursor.lastrowid
            assert row_id is not None
            return row_id

        return self._run(write, "this lookup was not recorded")

    def recent(self, limit: int = 100, *, before_row: int | None = None) -> list[HistoryEntry]:
        """The newest ``limit`` lookups, newest first (older than ``before_row``, to page)."""
        before = before_row if before_row is not None else 2**63 - 1
        return self._run(
            lambda c: self._entries(
                c,
                f"SELECT {_LISTED} FROM lookups WHERE id < ? ORDER BY id DESC LIMIT ?",
                (before, limit),
            ),
            "the history could not be read",
        )

    def search(self, text: str, limit: int = 100) -> list[HistoryEntry]:
        """Lookups whose ID, description, user or project holds ``text`` (whatever the
        case; ``#123`` as ``123``), newest first; the newest of all for ""."""
        needle = text.strip()
        if not needle:
            return self.recent(limit)
        return self._run(
            lambda c: self._entries(
                c,
                f"SELECT {_LISTED} FROM lookups WHERE "
                "holds(CAST(entry_id AS TEXT), ?1) OR holds(description, ?1) "
                "OR holds(user_name, ?1) OR holds(project_name, ?1) "
                "ORDER BY id DESC LIMIT ?2",
                (needle.lstrip("#").casefold(), limit),
            ),
            "the history could not be searched",
        )

    def entry(self, row_id: int) -> HistoryEntry | None:
        """One stored lookup with its body."""

        def read(connection: sqlite3.Connection) -> HistoryEntry | None:
            row = connection.execute(
                f"SELECT {_LISTED}, body FROM lookups WHERE id = ?", (row_id,)
            ).fetchone()
            return None if row is None else _entry(row)

        return self._run(read, "the history could not be read")

    def previous(
        self, entry_id: int, api_origin: str, *, before_row: int | None = None
    ) -> HistoryEntry | None:
        """The newest lookup that found ``entry_id`` at this API (older than ``before_row``)
        with its body, to show what changed since."""

        def read(connection: sqlite3.Connection) -> HistoryEntry | None:
            row = connection.execute(
                f"SELECT {_LISTED}, body FROM lookups WHERE entry_id = ? AND api_origin = ? "
                "AND outcome = 'found' AND body IS NOT NULL AND id < ? "
                "ORDER BY id DESC LIMIT 1",
                (entry_id, api_origin, before_row if before_row is not None else 2**63 - 1),
            ).fetchone()
            return None if row is None else _entry(row)

        return self._run(read, "the history could not be read")

    def count(self) -> int:
        return self._run(
            lambda c: int(c.execute("SELECT count(*) FROM lookups").fetchone()[0]),
            "the history could not be read",
        )

    def clear(self) -> None:
        """Erase every lookup: the rows, their overwritten pages and the write-ahead log."""

        def erase(connection: sqlite3.Connection) -> None:
            with _transaction(connection):
                connection.execute("DELETE FROM lookups")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("VACUUM")

        self._run(erase, "the history was not cleared")

    def take_problem(self) -> str | None:
        """What went wrong and was dealt with since last asked (then forgotten)."""
        problem, self.problem = self.problem, None
        return problem

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # --- the database ------------------------------------------------------------------
    def _run(self, operation: Callable[[sqlite3.Connection], T], not_done: str) -> T:
        """``operation`` on the open database; a damaged file is moved aside and the
        operation tried once more on a new one. ``not_done`` ends a failure's sentence."""
        import sqlite3

        with self._lock:
            for attempt in (1, 2):
                connection = self._open(not_done)
                try:
                    return operation(connection)
                except sqlite3.Error as error:
                    if attempt == 1 and _is_damage(error):
                        self._move_aside(str(error), not_done)
                        continue
                    raise self._unavailable(error, not_done) from None
            raise AssertionError("unreachable")  # pragma: no cover

    def _open(self, not_done: str) -> sqlite3.Connection:
        import sqlite3

        if self._broken:
            raise HistoryUnavailable(f"{self._broken}; {not_done}.")
        if self._connection is not None:
            return self._connection
        try:
            self._prepare_files()
        except OSError as error:
            self._broken = f"The history database {self.path} cannot be created ({error})"
            log.info("%s; going on without history", self._broken)
            raise HistoryUnavailable(f"{self._broken}; {not_done}.") from None
        for attempt in (1, 2):
            try:
                self._connection = self._connect()
                return self._connection
            except sqlite3.Error as error:
                if attempt == 1 and _is_damage(error):
                    self._move_aside(str(error), not_done)
                    self._prepare_files()
                    continue
                raise self._unavailable(error, not_done) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _prepare_files(self) -> None:
        from inspector.private_files import create_private_file, make_private_directory

        make_private_directory(self.path.parent, ours=self.own_directory)
        create_private_file(self.path)  # 0600 before SQLite opens it; its -wal and -shm
        # files take the database's mode

    def _connect(self) -> sqlite3.Connection:
        import sqlite3

        connection = sqlite3.connect(
            self.path,
            timeout=self.busy_timeout_s,
            isolation_level=None,  # transactions are begun explicitly
            check_same_thread=False,  # any thread, one at a time (self._lock)
        )
        try:
            connection.create_function("holds", 2, _holds, deterministic=True)
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:  # before anything is changed, WAL mode included
                self._broken = (
                    f"The history database {self.path} was written by a newer version of "
                    "the inspector"
                )
                raise HistoryUnavailable(f"{self._broken}; it is left as it is.")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA secure_delete=ON")
            if version < SCHEMA_VERSION:
                with _transaction(connection):
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            else:
                connection.execute("SELECT id FROM lookups LIMIT 1").fetchall()
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self, detail: str, not_done: str) -> None:
        """Close and rename the damaged database (and its -wal and -shm files); never
        deleted. Unusable for the session if even that fails."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        stamp = self.clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}{DAMAGED_SUFFIX}{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}{DAMAGED_SUFFIX}{stamp}-{number}")
        try:
            os.replace(self.path, aside)
            for extra in ("-wal", "-shm"):
                companion = self.path.with_name(self.path.name + extra)
                if companion.exists():
                    os.replace(companion, aside.with_name(aside.name + extra))
        except OSError as error:
            self._broken = (
                f"The history database {self.path} is damaged ({detail}) and could not be "
                f"moved aside ({error})"
            )
            log.info("%s; going on without history", self._broken)
            raise HistoryUnavailable(f"{self._broken}; {not_done}.") from None
        self.problem = (
            f"The history database was damaged ({detail}): it was moved aside to {aside} "
            "and a new, empty history was started."
        )
        log.info("%s", self.problem)

    def _unavailable(self, error: Exception, not_done: str) -> HistoryUnavailable:
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            text = (
                f"The history database {self.path} is locked by another program (it was "
                f"not free within {self.busy_timeout_s:g} s); {not_done}."
            )
        else:
            text = f"The history database {self.path} could not be used ({error}); {not_done}."
        log.info("%s", text)
        return HistoryUnavailable(text)

    def _row_values(self, record: LookupRecord) -> tuple[object, ...]:
        def text(value: str | None) -> str | None:
            return None if value is None else self.redact(readable(value))

        body = record.body
        kept = None
        if body is not None and len(body) <= MAX_KEPT_BODY_CHARS:
            # A secret the server escaped in the body is found too (then the body is
            # written anew without it); one that cannot be taken out leaves no body.
            kept = redacted_json_text(body, self.redact)
        return (
            record.entry_id,
            text(record.account) or "",
            text(record.api_origin) or "",
            record.source,
            text(json.dumps(dict(record.options), ensure_ascii=False, sort_keys=True)),
            record.fetched_at.astimezone(UTC).isoformat(),
            record.outcome,
            record.run_state,
            text(record.description),
            text(record.user_name),
            text(record.project_name),
            record.workspace_id,
            text(record.request_id),
            text(record.message),
            None if body is None else len(body),
            text(kept),
        )

    def _entries(
        self, connection: sqlite3.Connection, query: str, parameters: tuple[object, ...]
    ) -> list[HistoryEntry]:
        return [_entry(row) for row in connection.execute(query, parameters).fetchall()]


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")  # the write lock now, or the busy timeout's error
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _is_damage(error: Exception) -> bool:
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def _holds(haystack: object, needle: object) -> bool:
    return isinstance(haystack, str) and isinstance(needle, str) and needle in haystack.casefold()


def _entry(row: tuple[object, ...]) -> HistoryEntry:
    (
        row_id,
        entry_id,
        account,
        api_origin,
        source,
        options,
        fetched_at,
        outcome,
        run_state,
        description,
        user_name,
        project_name,
        workspace_id,
        request_id,
        message,
        body_length,
        *body,
    ) = row
    try:
        parsed_options = json.loads(str(options))
    except ValueError:
        parsed_options = {}
    return HistoryEntry(
        row_id=int(str(row_id)),
        entry_id=int(str(entry_id)),
        account=str(account),
        api_origin=str(api_origin),
        source=str(source),
        options=parsed_options if isinstance(parsed_options, dict) else {},
        fetched_at=datetime.fromisoformat(str(fetched_at)),
        outcome=str(outcome),
        run_state=_optional_text(run_state),
        description=_optional_text(description),
        user_name=_optional_text(user_name),
        project_name=_optional_text(project_name),
        workspace_id=workspace_id if isinstance(workspace_id, int) else None,
        request_id=_optional_text(request_id),
        message=_optional_text(message),
        body_length=body_length if isinstance(body_length, int) else None,
        body=_optional_text(body[0]) if body else None,
    )


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) else None
