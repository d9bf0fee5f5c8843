"""The saved accounts: who they are and which one is active. Never a secret (those are in
the OS keyring, see inspector.credentials); shared by the window and `get`.

A JSON file beside the window's settings, written atomically.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from inspector.domain.api_origin import DEFAULT_ORIGIN, url_origin
from inspector.domain.identity import ActiveAccount, Identity

log = logging.getLogger("inspector.accounts")

CONFIG_DIR_ENV = "TOGGL_INSPECTOR_CONFIG_DIR"
FILE_NAME = "accounts.json"


@dataclass(frozen=True)
class Account:
    identity: Identity
    uses_password: bool  # signs in with email + password, else with an API token
    verified_at: str  # ISO 8601, UTC: when /me last confirmed the credential
    origin: str  # scheme://host[:port] of the API /me was asked: its secret goes there only

    @property
    def email(self) -> str:
        return self.identity.email

    @property
    def active_account(self) -> ActiveAccount:
        return ActiveAccount(self.email, self.uses_password, self.origin)

    def menu_text(self) -> str:
        name = self.identity.name or self.email
        how = "email and password" if self.uses_password else "API token"
        return f"{name} <{self.email}> ({how})"


@dataclass
class Accounts:
    """The accounts saved for one API origin (the only ones its lookups may use) and the
    active one's email, as kept on disk; the accounts of other origins ride along
    untouched (``elsewhere``), never used here."""

    saved: list[Account] = field(default_factory=list)
    active_email: str | None = None
    origin: str = DEFAULT_ORIGIN
    elsewhere: list[Account] = field(default_factory=list)
    active_elsewhere: dict[str, str] = field(default_factory=dict)  # origin -> email

    @property
    def active(self) -> Account | None:
        return self.find(self.active_email) if self.active_email else None

    @property
    def other_origins(self) -> tuple[str, ...]:
        """The origins other accounts were verified against, each once, in saved order."""
        return tuple(dict.fromkeys(account.origin for account in self.elsewhere))

    def find(self, email: str) -> Account | None:
        return next((a for a in self.saved if _same_email(a.email, email)), None)

    def put(self, account: Account) -> None:
        """Add or replace (same email: the same account) and make it the active one."""
        if account.origin != self.origin:
            raise ValueError(
                f"An account verified against {account.origin} cannot be saved among "
                f"those of {self.origin}."
            )
        self.saved = [a for a in self.saved if not _same_email(a.email, account.email)]
        self.saved.append(account)
        self.active_email = account.email

    def remove(self, email: str) -> None:
        self.saved = [a for a in self.saved if not _same_email(a.email, email)]
        if self.active_email and _same_email(self.active_email, email):
            self.active_email = self.saved[0].email if self.saved else None


def _same_email(first: str, second: str) -> bool:
    """Toggl treats addresses case-insensitively: one account, however it was typed."""
    return first.lower() == second.lower()


def default_config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("toggl-inspector", appauthor=False)


@dataclass
class _Everything:
    """The whole file: every origin's accounts and each origin's active email."""

    accounts: list[Account] = field(default_factory=list)
    active: dict[str, str] = field(default_factory=dict)


class AccountFile:
    def __init__(self, path: Path, *, own_directory: bool = False) -> None:
        """``own_directory``: the directory is the app's own (not one named in the
        environment) and is made private (0700) even if it exists already."""
        self.path = path
        self.own_directory = own_directory

    @classmethod
    def default(cls, environ: Mapping[str, str] = os.environ) -> AccountFile:
        own = not environ.get(CONFIG_DIR_ENV, "").strip()
        return cls(default_config_dir(environ) / FILE_NAME, own_directory=own)

    def load(self, origin: str = DEFAULT_ORIGIN) -> Accounts:
        """The accounts saved for ``origin`` (the others kept aside, unused); a missing or
        damaged file is an empty list (and said in the log)."""
        everything = self._read(log_damage=True) or _Everything()
        saved = [a for a in everything.accounts if a.origin == origin]
        accounts = Accounts(
            saved,
            everything.active.get(origin),
            origin,
            [a for a in everything.accounts if a.origin != origin],
            {o: e for o, e in everything.active.items() if o != origin},
        )
        if accounts.active is None:
            accounts.active_email = None
        return accounts

    def _read(self, *, log_damage: bool) -> _Everything | None:
        """What the file holds; None when it is missing or damaged."""
        import json  # here, not at import: the window is created before it needs them

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            accounts = [_account_from_json(item) for item in data.get("accounts", [])]
            active = _active_from_json(data.get("active"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            if log_damage:
                log.warning(
                    "Saved accounts in %s could not be read (%s); starting without",
                    self.path,
                    type(error).__name__,
                )
            return None
        return _Everything(accounts, active)

    def save(self, accounts: Accounts) -> None:
        """Write ``accounts.origin``'s accounts; those of every other origin stay as the
        file has them now (another window may have changed them since they were read).

        Atomic and durable: a temporary file, fsynced, renamed over the list, then the
        directory fsynced. A temporary file is removed when the save fails; one left by a
        process killed mid-save is removed by the next save. Raises OSError.
        """
        import json
        import tempfile

        from inspector.private_files import PRIVATE_FILE, make_private_directory

        directory = self.path.parent
        make_private_directory(directory, ours=self.own_directory)  # 0700, like the file
        with _saving_lock(directory):
            _remove_stale_temporaries(directory)
            on_disk = self._read(log_damage=False) or _Everything(
                accounts.elsewhere, accounts.active_elsewhere
            )
            active = {o: e for o, e in on_disk.active.items() if o != accounts.origin}
            if accounts.active_email:
                active[accounts.origin] = accounts.active_email
            kept = [a for a in on_disk.accounts if a.origin != accounts.origin]
            data = {
                "accounts": [_account_to_json(a) for a in kept + accounts.saved],
                "active": active,
            }
            handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=directory)
            try:
                if os.name == "posix":
                    os.fchmod(handle, PRIVATE_FILE)  # mkstemp's 0600, whatever the umask
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(data, file, indent=2)
                    file.flush()
                    os.fsync(file.fileno())  # the bytes are on disk before the name is
                os.replace(temporary, self.path)  # a crash mid-write leaves the old file whole
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            _fsync_directory(directory)  # and the rename too


TEMPORARY_PREFIX = ".accounts-"  # mkstemp adds 8 random characters
_LOCK_WAIT_S = 5.0
_STALE_WITHOUT_LOCK_S = 3600.0


@contextlib.contextmanager
def _saving_lock(directory: Path) -> Iterator[None]:
    """One saver at a time in ``directory`` (POSIX: an flock on the directory itself, so no
    lock file is left, released by the kernel when its holder dies: every temporary file
    found while holding it is stale)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; stale files are judged by age instead
        yield
        return
    import time

    descriptor = os.open(directory, os.O_RDONLY)
    try:
        give_up = time.monotonic() + _LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > give_up:
                    raise OSError(
                        f"another process has been saving {directory / FILE_NAME} for "
                        f"over {_LOCK_WAIT_S:g} s"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _remove_stale_temporaries(directory: Path) -> None:
    """Temporary files of saves that never finished (the process was killed): ours only
    (their prefix), in this directory only. They hold a whole account list."""
    import time

    locked = os.name == "posix"
    for leftover in directory.glob(TEMPORARY_PREFIX + "*"):
        try:
            if not locked and time.time() - leftover.stat().st_mtime < _STALE_WITHOUT_LOCK_S:
                continue  # maybe another process's save in progress
            leftover.unlink()
            log.info("Removed %s, left by a save that never finished", leftover.name)
        except OSError as error:
            log.warning("Could not remove %s: %s", leftover, error)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory to fsync it; its rename is durable enough
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _account_to_json(account: Account) -> dict[str, object]:
    return {
        "origin": account.origin,
        "identity": asdict(account.identity),
        "uses_password": account.uses_password,
        "verified_at": account.verified_at,
    }


def _account_from_json(item: dict[str, object]) -> Account:
    identity = item["identity"]
    if not isinstance(identity, dict):
        raise TypeError("identity")
    # Written before origins were recorded: Toggl's own API, where those users signed in.
    origin = item.get("origin", DEFAULT_ORIGIN)
    if not isinstance(origin, str):
        raise TypeError("origin")
    return Account(
        Identity(**identity),
        bool(item["uses_password"]),
        str(item["verified_at"]),
        url_origin(origin),
    )


def _active_from_json(active: object) -> dict[str, str]:
    """{origin: email}; a bare email (an older file) is the default origin's."""
    if isinstance(active, str):
        return {DEFAULT_ORIGIN: active}
    if isinstance(active, dict):
        return {
            url_origin(o): e for o, e in active.items() if isinstance(o, str) and isinstance(e, str)
        }
    return {}
