"""Keyring backends for tests, all built on one in-memory MemoryKeyring.

MemoryKeyring behaves like a real backend (deleting a missing entry raises
PasswordDeleteError) and records what it was asked; the others change one thing about it:
a keyring that cannot be used at all (NoKeyring, like the fail backend on a headless
machine), one that keeps nothing (ForgetfulKeyring, like the null backend), one that holds
nothing and takes nothing (EmptyKeyring), one that cannot store (NoStoringKeyring), and
ones that wait like an unlock prompt (GatedKeyring until released, HangingKeyring until its
gate opens, SlowKeyring for 20 s in another process).
"""

from __future__ import annotations

import sys
import threading
import time

import keyring.errors
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict; records every lookup (and the thread it ran on) and every delete."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, secrets: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.secrets = dict(secrets or {})
        self.lookups: list[tuple[str, str]] = []
        self.threads: list[int] = []
        self.deletes: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.lookups.append((service, username))
        self.threads.append(threading.get_ident())
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.deletes.append((service, username))
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)  # as real backends do


class NoKeyring(MemoryKeyring):
    """A keyring that cannot be used, like the fail backend on a headless machine."""

    def get_password(self, service: str, username: str) -> str | None:
        self.lookups.append((service, username))
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


class ForgetfulKeyring(MemoryKeyring):
    """Like keyring's "null" backend: accepts secrets and keeps none."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class EmptyKeyring(MemoryKeyring):
    """Holds nothing and takes nothing: storing fails (read-only)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("read-only")


class NoStoringKeyring(MemoryKeyring):
    """Reads and deletes work; storing fails (a locked collection, say)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Collection is locked")


class GatedKeyring(MemoryKeyring):
    """Set or delete waits until released, like a keyring showing an unlock prompt."""

    def __init__(self, gate: str) -> None:
        super().__init__()
        self.gate = gate
        self.entered = threading.Event()
        self.release = threading.Event()

    def _wait(self, call: str) -> None:
        if call == self.gate:
            self.entered.set()
            self.release.wait(20)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait("set")
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._wait("delete")
        super().delete_password(service, username)


class HangingKeyring(MemoryKeyring):
    """Reads wait for an unlock prompt nobody answers (until ``gate`` is set, or 30 s)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.gate.wait(30)
        return super().get_password(service, username)


class SlowKeyring(MemoryKeyring):
    """Takes 20 s to answer a read, like one waiting on an unlock prompt.

    Loaded into the app's own process (tests/e2e) through
    PYTHON_KEYRING_BACKEND=helpers.keyring_fakes.SlowKeyring, with tests/ on PYTHONPATH;
    it says on stderr when it is asked."""

    def get_password(self, service: str, username: str) -> str | None:
        print(f"slow keyring asked for {service}/{username} INFO", file=sys.stderr, flush=True)
        time.sleep(20)
        return super().get_password(service, username)


class FileKeyring(MemoryKeyring):
    """Secrets in a JSON file (``path``, else $TEST_KEYRING_FILE): one keyring the test and
    the app's own process (tests/e2e, through PYTHON_KEYRING_BACKEND=
    helpers.keyring_fakes.FileKeyring with tests/ on PYTHONPATH) both see. Tests only."""

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        self._path = path

    @property
    def path(self) -> str:
        import os

        return self._path or os.environ["TEST_KEYRING_FILE"]

    def _load(self) -> dict[tuple[str, str], str]:
        import json

        try:
            with open(self.path, encoding="utf-8") as file:
                return {(s, u): p for s, u, p in json.load(file)}
        except FileNotFoundError:
            return {}

    def _save(self, secrets: dict[tuple[str, str], str]) -> None:
        import json

        with open(self.path, "w", encoding="utf-8") as file:
            json.dump([[s, u, p] for (s, u), p in secrets.items()], file)

    def get_password(self, service: str, username: str) -> str | None:
        self.secrets = self._load()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets = self._load()
        super().set_password(service, username, password)
        self._save(self.secrets)

    def delete_password(self, service: str, username: str) -> None:
        self.secrets = self._load()
        try:
            super().delete_password(service, username)
        finally:
            self._save(self.secrets)
