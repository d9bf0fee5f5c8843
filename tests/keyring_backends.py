"""Keyring backends for tests: a working one that records deletes, one that waits like an
unlock prompt, one that cannot store, and none at all (like a headless machine)."""

from __future__ import annotations

import threading

import keyring.errors
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.deletes: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.deletes.append((service, username))
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


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


class NoStoringKeyring(MemoryKeyring):
    """Reads and deletes work; storing fails (a locked collection, say)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Collection is locked")


class NoKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):  # type: ignore[no-untyped-def]
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def set_password(self, service, username, password):  # type: ignore[no-untyped-def]
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service, username):  # type: ignore[no-untyped-def]
        raise keyring.errors.NoKeyringError("No recommended backend was available.")
