"""Fixtures every test gets: no real credentials, no real keyring, no real settings."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator

# Before anything imports Qt or qasync.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"

import keyring
import pytest
from helpers.keyring_fakes import MemoryKeyring


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests on the GUI tests' qasync loop run last, in their order: once that loop
    exists it is this thread's running loop for good (tests/gui/conftest.py), and
    asyncio.run, which the other tests use, refuses to start while a loop runs."""
    items.sort(key=lambda item: "qasync_loop" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    """A developer's own token, API URL or settings never leak into a test."""
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)
    monkeypatch.delenv("TOGGL_INSPECTOR_API_URL", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))  # the lookup history


@pytest.fixture
def restore_root_logging():
    """For tests that run the entry point in-process: it reconfigures the root logger."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook  # configure_logging installs its own
    yield
    sys.excepthook, threading.excepthook = hooks
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty in-memory keyring for every test (it raises like real backends do)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def permissive_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask set to let group and others read (0o022), or everything (0o000)."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)
