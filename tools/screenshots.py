"""`./dev screenshots`: pictures of the real window for the README and docs/.

Each picture is the inspector's own MainWindow, built in this process as the GUI tests build
it, looking entries up over a real socket on the built-in demo API, offscreen. The demo's
data, the window's clock and the viewer's time zone are fixed and the window has a fixed
size, so the same code draws the same picture (only the milliseconds a lookup took, in the
status bar, vary). Settings, the account list and the lookup history live in a scratch
directory: a person's own files and keyring are never touched.

    python -m tools.screenshots [--out docs/images] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from PySide6.QtCore import (
    QMessageLogContext,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QtMsgType,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QToolButton

from inspector.accounts import AccountFile
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo import explain_data, reports
from inspector.demo.dataset import iso_at
from inspector.demo.server import DemoServer
from inspector.history import LookupHistory
from inspector.services import LookupResult, ReportsResult
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.services.lookup_history import HistoryRecorder, HistoryService
from inspector.services.sign_in import VerifiedSignIn
from inspector.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docs" / "images"
SIZE = QSize(1280, 800)
# The moment every picture is taken at: the demo's entries are dated from it.
NOW = datetime(2026, 11, 30, 9, 41, 7, tzinfo=UTC)
VIEWER_ZONE = ZoneInfo("Europe/Berlin")  # "on this computer"
WAIT_S = 15.0  # for one step (a lookup, a search, explaining): generous on a busy machine

RUNNING_ID = 5_000_000_002
SHARED_ID = 5_000_000_006
INCONSISTENT_ID = 5_000_000_014
UNICODE_ID = 5_000_000_011
CHANGED_ID = 5_000_000_001


class Clock:
    """The window's and the lookups' clock: stands still at ``now`` until moved."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# --- waiting for what the window does (never for a while) -----------------------------------
async def emitted(
    signal: SignalInstance, act: Callable[[], object], timeout: float = WAIT_S
) -> Any:
    """Do ``act`` and wait for ``signal``'s next emission; its first argument (or None)."""
    loop = asyncio.get_running_loop()
    caught: asyncio.Future[tuple[Any, ...]] = loop.create_future()

    def catch(*args: Any) -> None:
        if not caught.done():
            caught.set_result(args)

    signal.connect(catch)
    try:
        act()
        args = await asyncio.wait_for(caught, timeout)
    finally:
        signal.disconnect(catch)
    return args[0] if args else None


async def next_turn() -> None:
    """One turn of Qt's event loop: what was posted (layouts, zero timers) is done."""
    loop = asyncio.get_running_loop()
    turned: asyncio.Future[None] = loop.create_future()

    def turn() -> None:
        if not turned.done():
            turned.set_result(None)

    QTimer.singleShot(0, turn)
    await turned


async def until(condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    """Until ``condition`` holds, checked at each turn of the event loop."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"screenshots: {what} did not happen in {timeout:.0f} s")
        await next_turn()


# --- the studio: a demo API, scratch files, windows ------------------------------------------
@dataclass
class Studio:
    server: DemoServer
    http: httpx.AsyncClient
    scratch: Path
    clock: Clock

    def window(self, *, size: QSize = SIZE) -> MainWindow:
        """A window as `--demo` opens it: the demo list, signed in as the demo user (in
        memory only), with its settings, accounts and history in the scratch directory."""
        settings = QSettings(str(self.scratch / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            None,
            settings,
            demo_entries=self.server.demo_ids(),
            clock=self.clock,
            account_file=AccountFile(self.scratch / "accounts.json"),
            history_service=self._history,
        )
        lookup = EntryLookup(
            self.http,
            ApiUrl(self.server.url),
            CredentialResolver(environ={}),
            local_zone=VIEWER_ZONE,
            clock=self.clock,
        )
        window.set_lookup(lookup, memory_only_accounts=True)
        window.accounts.adopt_demo_account(
            VerifiedSignIn(
                Credential(self.server.token, "demo"),
                self.server.users[0].identity(),
                self.clock().isoformat(timespec="seconds"),
                lookup.api_url.origin,
            )
        )
        window.resize(size)
        window.show()
        return window

    def _history(self) -> HistoryService:
        path = self.scratch / "data" / "history.sqlite3"
        return HistoryService(HistoryRecorder(LookupHistory(path, clock=self.clock)))


@contextlib.asynccontextmanager
async def studio(scratch: Path) -> AsyncIterator[Studio]:
    server = DemoServer(now=NOW).start()
    http = create_http_client()
    try:
        yield Studio(server, http, scratch, Clock(NOW))
    finally:
        await http.aclose()
        server.stop()


@contextlib.contextmanager
def application_look(dark: bool = False) -> Iterator[None]:
    """Fusion with its own light palette (the same on every desktop) or a dark one, a text
    cursor that stands still; what the application looked like before is restored."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "screenshots need a QApplication"
    style, palette, flash = app.style().name(), QPalette(app.palette()), app.cursorFlashTime()
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setCursorFlashTime(0)  # a text cursor that blinks is caught on or off by chance
    try:
        yield
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        app.setCursorFlashTime(flash)


def dark_palette() -> QPalette:
    """What a dark desktop gives the app, every role Fusion paints with set (also the
    palette tests/gui/test_palette_contrast measures contrast under)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in {
        roles.Window: "#353535",
        roles.WindowText: "#f0f0f0",
        roles.Base: "#232323",
        roles.AlternateBase: "#2e2e2e",
        roles.Text: "#f0f0f0",
        roles.Button: "#3c3c3c",
        roles.ButtonText: "#f0f0f0",
        roles.BrightText: "#ff5555",
        roles.Highlight: "#2a82da",
        roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#2b2b2b",
        roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#a0a0a0",
        roles.Link: "#6cb4ff",
        roles.Light: "#505050",
        roles.Midlight: "#454545",
        roles.Mid: "#2a2a2a",
        roles.Dark: "#1e1e1e",
        roles.Shadow: "#141414",
    }.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return palette


# --- what a person does -----------------------------------------------------------------------
async def look_up(
    window: MainWindow, entry_id: int, *, meta: bool = False, sharing: bool = False
) -> object:
    """Type the ID, tick the options, Fetch; the outcome (a LookupResult or an ApiError)."""
    bar = window.lookup_bar
    bar.meta_box.setChecked(meta)
    bar.sharing_box.setChecked(sharing)
    bar.id_input.setText(str(entry_id))
    return await emitted(window.lookup_finished, window.start_lookup)


async def found(window: MainWindow, entry_id: int, **options: bool) -> LookupResult:
    outcome = await look_up(window, entry_id, **options)
    if not isinstance(outcome, LookupResult):
        raise RuntimeError(f"screenshots: entry {entry_id} was not found: {outcome!r}")
    return outcome


async def history_written(window: MainWindow) -> None:
    await until(
        lambda: window.history.service is not None and window.history.idle, "the history record"
    )


# --- the pictures -------------------------------------------------------------------------------
async def running(studio: Studio, window: MainWindow) -> None:
    await found(window, RUNNING_ID, meta=True)


async def shared(studio: Studio, window: MainWindow) -> None:
    await found(window, SHARED_ID, meta=True, sharing=True)
    show_group_at_top(window, "Sharing")


def show_group_at_top(window: MainWindow, label: str) -> None:
    """Scroll the tree as a person would, until the group ``label`` is its first row."""
    tree = window.entry_panel.tree
    model = tree.entry_model
    rows = (model.index(row, 0) for row in range(model.rowCount()))
    group = next((index for index in rows if index.data() == label), None)
    if group is None:
        raise RuntimeError(f"screenshots: the tree has no group {label!r}")
    tree.scrollTo(group, QAbstractItemView.ScrollHint.PositionAtTop)


async def anomalies(studio: Studio, window: MainWindow) -> None:
    await found(window, INCONSISTENT_ID, meta=True)
    await explain(window)


async def explain(window: MainWindow) -> None:
    button = window.entry_panel.explain_offer.explain_button
    await until(button.isEnabled, "Explain offered")
    await emitted(window.context.loaded, button.click)


async def overlapping(studio: Studio, window: MainWindow) -> None:
    """Two entries of the same hour, explained: the overlap hatched in the day strip."""
    await found(window, explain_data.OVERLAP_FIRST_ID, meta=True)
    await explain(window)


async def old_entry(studio: Studio, window: MainWindow) -> None:
    """An entry older than v9 reaches: the 404, then the Reports search in the default
    workspace, year by year and page by page, until the report of its year holds it."""
    panel = window.reports.panel
    await look_up(window, reports.OLD_LATER_PAGE_ID, meta=True)
    await until(panel.search_button.isEnabled, "the Reports search offered")
    outcome = await emitted(window.lookup_finished, panel.search_button.click)
    if not isinstance(outcome, ReportsResult):
        raise RuntimeError(f"screenshots: the Reports search did not find it: {outcome!r}")


async def changes(studio: Studio, window: MainWindow) -> None:
    """The same entry looked up again 47 minutes later, after the customer fixed it: the
    History dock lists the lookups, the Changes tab what changed."""
    await window_history_open(window)
    # Room for the dock's lines and the changes: the demo list gives way, as it would to a
    # person dragging the splitter.
    window.resizeDocks([window.history], [360], Qt.Orientation.Horizontal)
    window.splitter.setSizes([window.splitter.width() - 230, 230])
    await found(window, CHANGED_ID, meta=True)
    await history_written(window)
    for other in (RUNNING_ID, SHARED_ID):
        await found(window, other, meta=True)
        await history_written(window)
    entry = studio.server.entries[CHANGED_ID]
    before = copy.deepcopy(entry)
    try:
        studio.clock.now = NOW + timedelta(minutes=47)
        stop = datetime.fromisoformat(str(entry["stop"])) + timedelta(minutes=15)
        duration = entry["duration"]
        assert isinstance(duration, int)
        entry.update(
            description="Refund call with Acme (customer fixed the project)",
            stop=stop.isoformat(),  # as the demo writes it
            duration=duration + 15 * 60,
            tags=["billing", "refund"],
            at=iso_at(studio.clock.now),
        )
        await emitted(window.history.changes_found, lambda: window.lookup_bar.look_up(CHANGED_ID))
        await history_written(window)
    finally:
        entry.clear()
        entry.update(before)
        studio.clock.now = NOW
    panel = window.entry_panel
    await until(
        lambda: panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.changes_view)), "the Changes tab"
    )
    panel.tabs.setCurrentWidget(panel.changes_view)
    await until(lambda: window.history.list.count() == 4, "the History dock's list")


async def window_history_open(window: MainWindow) -> None:
    window.history_action.trigger()  # View → History, Ctrl+H
    await until(window.history.isVisible, "the History dock")


TICKET_TEXT = (
    "Ticket: the customer says 5000000001, #5000000006 and\n"
    "https://api.track.toggl.com/api/v9/me/time_entries/5000000012 look wrong;\n"
    "also 5000000014 and 5000000404."
)


async def several_ids(studio: Studio, window: MainWindow) -> None:
    """A ticket's text pasted: its IDs priced, looked up two at a time, one row opened."""
    controller = window.several_ids
    controller.take_text(TICKET_TEXT, "pasted")
    panel = controller.panel
    await emitted(controller.finished, panel.look_up_button.click)
    table = panel.table
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the longest first
    table.selectRow(0)
    table.activated.emit(table.currentIndex())
    await until(lambda: window.entry_panel.shown is not None, "the row shown in the tree")


async def unicode(studio: Studio, window: MainWindow) -> None:
    await found(window, UNICODE_ID, meta=True)


@dataclass(frozen=True)
class Shot:
    name: str  # docs/images/NAME.png
    caption: str
    take: Callable[[Studio, MainWindow], Awaitable[None]]
    dark: bool = False


SHOTS = (
    Shot("running", "A running entry: its state, times and summary", running),
    Shot("shared", "An entry shared with several users (meta and include sharing)", shared),
    Shot("anomalies", "An entry with anomalies, explained", anomalies),
    Shot("reports", "An old entry found through the Reports API", old_entry),
    Shot("history-changes", "The History dock and what changed since the last lookup", changes),
    Shot(
        "several-ids",
        "A ticket's IDs looked up together: priced first, sorted by duration, one row opened",
        several_ids,
    ),
    Shot("unicode", "Unicode, emoji and right-to-left text, shown as sent", unicode),
    Shot(
        "dark",
        "Under a dark desktop theme: two overlapping entries, explained",
        overlapping,
        dark=True,
    ),
)


async def take_screenshots(
    out_dir: Path, names: Sequence[str] = (), *, size: QSize = SIZE
) -> list[Path]:
    """Take the shots named (all by default) into ``out_dir``; the files written. Runs on
    the running qasync loop of a QApplication."""
    unknown = set(names) - {shot.name for shot in SHOTS}
    if unknown:
        raise ValueError(f"no such screenshot: {', '.join(sorted(unknown))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for shot in SHOTS:
        if names and shot.name not in names:
            continue
        with tempfile.TemporaryDirectory(prefix="toggl-inspector-shot-") as scratch:
            async with studio(Path(scratch)) as place:
                with application_look(dark=shot.dark):
                    written.append(await _take(place, shot, out_dir, size))
    return written


async def _take(place: Studio, shot: Shot, out_dir: Path, size: QSize) -> Path:
    window = place.window(size=size)
    try:
        await until(lambda: window.isVisible() and window.runner.lookup is not None, "the window")
        await shot.take(place, window)
        await next_turn()
        await next_turn()  # what the last step posted, then what that posted
        await until(lambda: clear_buttons_still(window), "the ID field's clear button")
        image = window.grab()
        path = out_dir / f"{shot.name}.png"
        if image.size() != size or not image.save(str(path)):
            raise RuntimeError(f"screenshots: {path} not saved ({image.size()} wanted {size})")
        return path
    finally:
        window.close()
        await window.wait_for_lookup()
        window.deleteLater()


def clear_buttons_still(window: MainWindow) -> bool:
    """A line edit's clear button fades in or out (Qt animates it for 160 ms): whether every
    one has finished, so that a picture never catches one half drawn."""
    for edit in window.findChildren(QLineEdit):
        if not edit.isClearButtonEnabled():
            continue
        wanted = 1.0 if edit.text() and edit.isEnabled() and not edit.isReadOnly() else 0.0
        for button in edit.findChildren(QToolButton):
            opacity = button.property("opacity")  # Qt's own QLineEditIconButton's
            if isinstance(opacity, float) and opacity != wanted:
                return False
    return True


# --- the command -------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where the PNGs go")
    parser.add_argument(
        "--only", nargs="+", default=[], choices=[shot.name for shot in SHOTS], metavar="NAME"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="toggl-inspector-shots-") as scratch:
        # Nothing reaches a person's own history, keyring or settings, whatever asks.
        os.environ["TOGGL_INSPECTOR_DATA_DIR"] = str(Path(scratch) / "data")
        os.environ["TOGGL_INSPECTOR_CONFIG_DIR"] = str(Path(scratch) / "config")
        os.environ.pop("TOGGL_API_TOKEN", None)
        import keyring
        from keyring.backends import fail

        keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
        written = _run(args.out, args.only, warnings)
    for path in written:
        print(path)
    for warning in warnings:  # as in the tests, a Qt warning means something is wrong
        print(f"Qt warning: {warning}", file=sys.stderr)
    return 1 if warnings else 0


# What the offscreen platform cannot do with native windows: harmless there (and in the
# tests, see qt_log_ignore in pyproject.toml).
OFFSCREEN_NOTES = ("This plugin does not support",)


def _run(out_dir: Path, names: Sequence[str], warnings: list[str]) -> list[Path]:
    import qasync  # type: ignore[import-untyped]  # qasync ships no type information

    def keep(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not message.startswith(OFFSCREEN_NOTES):
            warnings.append(message)

    qInstallMessageHandler(keep)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Toggl Entry Inspector")
    app.setQuitOnLastWindowClosed(False)  # each shot's window closes; the run goes on
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(take_screenshots(out_dir, names))  # type: ignore[no-any-return]
    finally:
        loop.close()
        asyncio.set_event_loop(None)


if __name__ == "__main__":
    sys.exit(main())
