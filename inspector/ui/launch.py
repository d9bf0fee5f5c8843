"""Starting the GUI: QApplication, the qasync loop, the window, and a clean shutdown."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6  # noqa: F401  (imported before qasync so that qasync picks PySide6)
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from inspector.ui.entry_requests import EntryRequests
from inspector.ui.main_window import MainWindow

if TYPE_CHECKING:
    from inspector.accounts import AccountFile
    from inspector.api.base_url import ApiUrl
    from inspector.demo.dataset import DemoEntry
    from inspector.ui.single_instance import InstanceServer, WindowClaim

log = logging.getLogger("inspector.ui")

ORGANIZATION = "toggl-inspector"
APPLICATION = "Toggl Entry Inspector"


@dataclass(frozen=True)
class GuiOptions:
    api_url: ApiUrl | None  # None with demo: the embedded demo API's URL
    demo: bool = False
    entry_id: int | None = None
    meta: bool | None = None
    include_sharing: bool | None = None
    screenshot: str | None = None  # save a PNG after the first lookup, then quit
    self_test: bool = False  # demo lookup, check the build, print a report, quit
    started_at: float = 0.0  # time.monotonic() when the process reached main()
    verbose: bool = False
    link_problem: str | None = None  # why the link given cannot be opened: said, not looked up
    # This process is the app (not a caller of run_gui): what start-up made is frozen out of
    # the cycle collector's walks once lookups can run (gc.freeze, as for the imports).
    freeze_start_up: bool = False


def open_settings(path: str | None = None) -> QSettings:
    """INI file in the platform's config directory (no secrets are ever written to it, but
    it tells what a person looked up): its directory 0700 and the file 0600, made before Qt
    writes it. Qt replaces the file at each sync and gives the new one the old one's mode
    (Qt 6.11, checked by a test); keep_settings_private checks again after a sync."""
    if path is not None:
        settings = QSettings(path, QSettings.Format.IniFormat)
    else:
        settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, "inspector"
        )
    from inspector.private_files import create_private_file, make_private_directory

    file = Path(settings.fileName())
    try:
        # The default location is the app's own directory (~/.config/toggl-inspector).
        make_private_directory(file.parent, ours=path is None)
        create_private_file(file)
    except OSError as error:  # Qt reports what it cannot write; settings are no reason to stop
        log.warning("Settings file %s could not be prepared: %s", file, error)
    return settings


def keep_settings_private(settings: QSettings) -> None:
    """Write the settings now and make sure the file Qt wrote is still 0600."""
    from inspector.private_files import keep_private

    settings.sync()
    keep_private(settings.fileName())


def run_gui(options: GuiOptions, claim: WindowClaim | None = None) -> int:
    """Paint the window first, then load what lookups need (asyncio, httpx, keyring, the
    demo server) and run: a person sees the window as soon as a bare Qt window would.

    ``claim``: this window is its user's one window for the API; it listens for later
    starts once it can look entries up (see single_instance)."""
    try:
        return _run_window(options, claim)
    finally:
        if claim is not None:
            claim.release()


def _run_window(options: GuiOptions, claim: WindowClaim | None) -> int:
    existing = QApplication.instance()
    # One QApplication per process; tests may have made it already.
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName("toggl-inspector")  # matches resources/toggl-inspector.desktop
    app.setQuitOnLastWindowClosed(False)  # the main coroutine decides when to stop
    with contextlib.ExitStack() as scratch:
        # A self-test leaves the user's own settings alone; the demo their accounts.
        scratch_dir = _scratch_dir(scratch) if options.self_test or options.demo else None
        settings = open_settings(f"{scratch_dir}/settings.ini" if options.self_test else None)
        account_file = _scratch_accounts(scratch_dir) if scratch_dir else None
        window = MainWindow(
            None, settings, demo_entries=_demo_ids(options.demo), account_file=account_file
        )
        window.first_painted.connect(
            lambda: log.info(
                "First paint after %.0f ms", (time.monotonic() - options.started_at) * 1000
            )
        )
        if options.meta is not None:
            window.lookup_bar.meta_box.setChecked(options.meta)
        if options.include_sharing is not None:
            window.lookup_bar.sharing_box.setChecked(options.include_sharing)
        # macOS gives a link opened while the app runs (or starts it) as an event.
        requests = EntryRequests(window, watch_links_opened=sys.platform == "darwin")
        window.show()
        shown_after_s = time.monotonic() - options.started_at
        app.processEvents()  # the first paint, before the heavier imports below
        window.finish_building()  # what the first paint does not show
        from inspector.ui.style import app_icon

        app.setWindowIcon(app_icon())  # the SVG plugin too: after the first paint

        import asyncio

        import qasync  # type: ignore[import-untyped]  # qasync ships no type information

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            result: int = loop.run_until_complete(
                _main(app, window, settings, options, shown_after_s, (claim, requests))
            )
            return result
        finally:
            loop.close()
            asyncio.set_event_loop(None)
            keep_settings_private(settings)  # the last sync, before Qt's own at exit


def _scratch_accounts(scratch_dir: str) -> AccountFile:
    """The demo's and the self-test's account list: in their scratch directory."""
    from inspector.accounts import FILE_NAME, AccountFile

    return AccountFile(Path(scratch_dir) / FILE_NAME)


def _scratch_dir(stack: contextlib.ExitStack) -> str:
    import tempfile

    return stack.enter_context(tempfile.TemporaryDirectory())


def _demo_ids(demo: bool) -> list[DemoEntry]:
    if not demo:
        return []
    from inspector.demo.catalogue import demo_catalogue

    return demo_catalogue()


async def _main(
    app: QApplication,
    window: MainWindow,
    settings: QSettings,
    options: GuiOptions,
    shown_after_s: float,
    outside: tuple[WindowClaim | None, EntryRequests],
) -> int:
    import asyncio
    import os

    from inspector import __version__
    from inspector.logs import configure_logging
    from inspector.ui.network_settings_dialog import load_network_settings

    configure_logging(options.verbose, os.environ)  # now the log file too
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import CredentialResolver
    from inspector.services.lookup import EntryLookup, create_http_client

    app.setApplicationVersion(__version__)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    restore_signals = _close_on_signals(app, window)
    demo = None
    if options.demo:
        from inspector.demo.server import DemoServer

        demo = DemoServer().start()
    http = create_http_client()
    claim, requests = outside
    server: InstanceServer | None = None
    try:
        if demo is not None:
            api_url = ApiUrl(demo.url)
        else:
            assert options.api_url is not None
            api_url = options.api_url
        # The demo signs in as its demo user whatever TOGGL_API_TOKEN says.
        credentials = CredentialResolver(environ={}) if demo else CredentialResolver()
        window.set_lookup(
            EntryLookup(http, api_url, credentials, network=load_network_settings(settings)),
            memory_only_accounts=demo is not None,
        )
        if options.freeze_start_up:
            import gc

            gc.freeze()
        log.info("Window shown (API %s)", api_url.root)
        if claim is not None:
            server = claim.serve(app)  # from here later starts hand over (queued for now)
            if server is not None:
                server.handed_over.connect(requests.receive)
                window.closed.connect(server.close)  # no hand-over to a closing window
        if demo is not None:
            from inspector.credentials import Credential
            from inspector.services import utc_now
            from inspector.services.sign_in import VerifiedSignIn

            window.accounts.adopt_demo_account(
                VerifiedSignIn(
                    Credential(demo.token, "demo"),
                    demo.users[0].identity(),
                    utc_now().isoformat(timespec="seconds"),
                    api_url.origin,
                )
            )
            window.show_banner(
                f"Demo mode: signed in to the built-in demo Toggl API at {demo.url}. "
                "Pick an ID from the list on the right, or type one. Account → Sign in… "
                "also works here (nothing is saved).",
                "hint",
            )
        elif window.accounts.session.needs_sign_in:
            window.accounts.open_sign_in()
        else:
            # The keyring may take long (an unlock prompt): closing the window meanwhile
            # must still end the app at once.
            found = asyncio.ensure_future(credentials.resolve())
            closing = asyncio.ensure_future(closed.wait())
            await asyncio.wait({found, closing}, return_when=asyncio.FIRST_COMPLETED)
            closing.cancel()
            if found.done() and found.result() is None:
                window.show_banner(
                    credentials.how_to_provide(api_url.origin), "hint", offer_sign_in=True
                )
            found.cancel()
        if closed.is_set():
            return 0
        result = 0
        if options.entry_id is not None:
            window.lookup_bar.look_up(options.entry_id)
        elif options.link_problem is not None:
            window.show_banner(f"{options.link_problem} Nothing was looked up.", "error")
        requests.start()
        if options.screenshot:
            result = await _screenshot_after_lookup(window, options.screenshot)
            window.close()
        elif options.self_test:
            from inspector.ui.self_test import run_self_test

            result = await run_self_test(window, shown_after_s)
            window.close()
        if not closed.is_set():
            await closed.wait()
        return result
    finally:
        if server is not None:
            server.close()  # a later start opens a window of its own from now on
        restore_signals()
        window.cancel_lookup(quiet=True)
        await window.wait_for_lookup()  # its request ends before the client closes
        await http.aclose()
        if demo is not None:
            demo.stop()


async def _screenshot_after_lookup(window: MainWindow, path: str) -> int:
    """For documentation and end-to-end tests: wait for the first lookup, grab the window."""
    import asyncio

    await window.wait_for_lookup()
    await asyncio.sleep(0)  # let the tree paint once
    saved = window.grab().save(path)
    log.info("Screenshot %s to %s", "saved" if saved else "NOT saved", path)
    return 0 if saved else 1


def _close_on_signals(app: QApplication, window: MainWindow) -> Callable[[], None]:
    """Ctrl+C / SIGTERM close the window cleanly, even while Qt's loop is idle in C++.

    Python runs signal handlers only when it gets control; the wake-up socket wakes Qt's
    loop (through a socket notifier), which hands control to Python. Returns the undo.
    """
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(BlockingIOError):
            reader.recv(64)

    notifier.activated.connect(drain)
    previous = {
        number: signal.signal(number, lambda *_: QTimer.singleShot(0, window.close))
        for number in (signal.SIGINT, signal.SIGTERM)
    }

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()

    return restore
