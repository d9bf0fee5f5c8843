"""pytest-qt with one qasync loop for the session (see shared/design/QT-ASYNC-TESTING.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import httpx
import pytest
import qasync
from gui_actions import VIEWER_ZONE
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from inspector.accounts import AccountFile
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.server import DemoServer
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def qasync_loop(qapp) -> Iterator[qasync.QEventLoop]:
    # already_running: qtbot's waits spin Qt, and that is what runs this loop's callbacks.
    # It also makes this the thread's running loop (httpx and anyio look for one) from now
    # on, and asyncio has no public way to undo that: so the tests that use it run after
    # all others, whose asyncio.run refuses to start while a loop runs (tests/conftest.py).
    # It is never stopped: stopping calls QApplication.exit() and breaks every later wait.
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    executor = qasync.QThreadExecutor(2)  # for asyncio.to_thread (keyring reads)
    loop.set_default_executor(executor)
    yield loop
    executor.shutdown(wait=True)


@pytest.fixture
def event_loop(qasync_loop, qtbot: QtBot) -> Iterator[qasync.QEventLoop]:
    """The loop, running for this test; unhandled task errors and leftover tasks fail it."""
    problems: list[dict[str, Any]] = []
    qasync_loop.set_exception_handler(lambda loop, context: problems.append(context))
    asyncio.set_event_loop(qasync_loop)
    yield qasync_loop
    cancel_leftover_tasks(qtbot)
    asyncio.set_event_loop(None)
    qasync_loop.set_exception_handler(None)
    assert not problems, f"unhandled asyncio errors: {problems}"


def cancel_leftover_tasks(qtbot: QtBot) -> None:
    leftovers = [task for task in asyncio.all_tasks() if not task.done()]
    for task in leftovers:
        task.cancel()
    qtbot.waitUntil(lambda: all(task.done() for task in leftovers), timeout=5000)


def run_on_loop(qtbot: QtBot, coroutine: Coroutine[Any, Any, Any], timeout: int = 5000) -> Any:
    """Run a coroutine to completion on the session loop from test code."""
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def http_client(event_loop, qtbot: QtBot) -> Iterator[httpx.AsyncClient]:
    client = create_http_client()
    yield client
    cancel_leftover_tasks(qtbot)  # a lookup a test left running must not outlive its client
    run_on_loop(qtbot, client.aclose())


@pytest.fixture
def demo_server() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def account_file(tmp_path) -> AccountFile:
    return AccountFile(tmp_path / "config" / "accounts.json")


@pytest.fixture
def make_window(
    qtbot: QtBot,
    http_client: httpx.AsyncClient,
    demo_server: DemoServer,
    settings: QSettings,
    account_file: AccountFile,
) -> Callable[..., MainWindow]:
    def make(
        server: DemoServer | None = None,
        credentials: CredentialResolver | None = None,
        lookup: EntryLookup | None = None,
        **options: Any,
    ) -> MainWindow:
        server = server or demo_server
        credentials = credentials or CredentialResolver(fixed=Credential(server.token, "demo"))
        lookup = lookup or EntryLookup(
            http_client, ApiUrl(server.url), credentials, local_zone=VIEWER_ZONE
        )
        options.setdefault("account_file", account_file)
        window = MainWindow(lookup, settings, demo_entries=server.demo_ids(), **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()
