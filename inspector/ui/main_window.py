"""The inspector's main window: ID input, options, the entry tree, raw JSON, state, status."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontDatabase,
    QIcon,
    QKeySequence,
    QColor,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from inspector.api.errors import (
    ApiError,
    Forbidden,
    InvalidResponse,
    MissingCredentials,
    NetworkError,
    RateLimited,
    ServerError,
    Unauthorized,
)
from inspector.domain.entry_id import InvalidEntryId, parse_entry_id
from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.raw_json import indent_verbatim
from inspector.domain.timestamps import format_local, format_utc
from inspector.services import (
    LookupRequest,
    LookupResult,
    NetworkSettings,
    SearchProgress,
    failure_text,
    utc_now,
)
from inspector.ui.accounts_controller import AccountsController
from inspector.ui.entry_tree_model import COPY_TEXT_ROLE, PATH_ROLE, EntryTreeModel
from inspector.ui.message_banner import MessageBanner
from inspector.ui.reports_controller import ReportsController, SearchRun
from inspector.ui.request_details import RequestDetailsView

if TYPE_CHECKING:  # imported for real only after the first paint (see ui.launch)
    import asyncio

    from inspector.accounts import AccountFile
    from inspector.api.retry import RetryWait
    from inspector.demo.dataset import DemoEntry
    from inspector.services.lookup import EntryLookup
    from inspector.ui.about_dialog import AboutDialog
    from inspector.ui.network_settings_dialog import NetworkSettingsDialog

ICON_PATH = Path(__file__).resolve().parent / "icons" / "toggl-inspector.svg"

log = logging.getLogger("inspector.ui")

# Failures a person may sensibly ask again about; 4xx answers will not change by asking.
_WORTH_RETRYING = (NetworkError, ServerError, RateLimited, InvalidResponse)
# Failures a (new) sign-in may cure.
_SIGN_IN_MAY_HELP = (Unauthorized, Forbidden, MissingCredentials)

AUTO_EXPAND_MAX_ROWS = 200
SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_META = "lookup/meta"
SETTINGS_INCLUDE_SHARING = "lookup/include_sharing"

# (background, text) per state. Set through the palette, not a style sheet: a style sheet
# change re-polishes the widget on every lookup.
_RUN_STATE_COLOURS = {
    RunState.RUNNING: ("#e6f4ea", "#1e7e34"),
    RunState.STOPPED: ("#eef1f5", "#2c3e50"),
    RunState.DURATION_ONLY: ("#fff4e0", "#8a5300"),
}


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))


def _named(widget: QWidget, name: str, accessible: str | None = None) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or name)
    return widget


class MainWindow(QMainWindow):
    """Looks entries up through ``lookup``; only the latest request's answer is ever shown."""

    lookup_finished = Signal(object)  # the LookupResult or ApiError, for tests and scripts
    closed = Signal()
    first_painted = Signal()  # once, when the window has been painted for the first time

    def __init__(
        self,
        lookup: EntryLookup | None,
        settings: QSettings,
        *,
        demo_entries: Sequence[DemoEntry] = (),
        clock: Callable[[], datetime] = utc_now,
        startup_hint: str | None = None,
        account_file: AccountFile | None = None,
    ) -> None:
        super().__init__()
        self._lookup = lookup
        self._settings = settings
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._generation = 0  # bumped per lookup: an answer for an older one is dropped
        self._pending: LookupRequest | None = None
        self._shown: LookupResult | None = None
        self._input_error: str | None = None
        self._last_failed: LookupRequest | None = None
        self._last_error: ApiError | None = None  # why it failed
        # What a sign-in offered after a refused credential asks again (lookup or search).
        self._retry_after_sign_in: tuple[LookupRequest, SearchRun | None] | None = None
        self._pending_search: SearchRun | None = None
        self._last_failed_search: SearchRun | None = None
        self._painted = False
        self.setWindowTitle("Toggl Entry Inspector")
        self.setWindowIcon(app_icon())

        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._refresh_run_state)
        self._build_widgets(demo_entries)
        self.accounts = AccountsController(self, account_file)
        self.statusBar().addPermanentWidget(self.accounts.label)
        self.accounts.signed_in.connect(self._after_sign_in)
        self.accounts.sign_in_abandoned.connect(self._forget_retry_after_sign_in)
        self.accounts.account_changed.connect(self._after_account_change)
        self.accounts.problem.connect(
            lambda text, offer: self.show_banner(text, "error", offer_sign_in=offer))
        self.message_banner.sign_in_requested.connect(self._sign_in_from_banner)
        self._restore_settings()
        if lookup is not None:
            self.accounts.attach(lookup)
        self._set_busy(False)
        if startup_hint:
            self.show_banner(startup_hint, "hint")

    # --- construction -------------------------------------------------------------------
    def _build_widgets(self, demo_entries: Sequence[DemoEntry]) -> None:
        self.id_input = _named(QLineEdit(), "entryIdInput", "Time entry ID")
        self.id_input.setPlaceholderText("Time entry ID, e.g. 3727977106")
        self.id_input.setClearButtonEnabled(True)
        self.meta_box = _named(QCheckBox("meta"), "metaCheckBox", "meta")
        self.meta_box.setToolTip("Ask for related entities: project, client, task and user "
                                 "names (meta=true)")
        self.sharing_box = _named(QCheckBox("include sharing"), "includeSharingCheckBox",
                                  "include sharing")
        self.sharing_box.setToolTip("Ask who the entry is shared with (include_sharing=true)")
        self.fetch_button = _named(QPushButton("Fetch"), "fetchButton", "Fetch")
        self.cancel_button = _named(QPushButton("Cancel"), "cancelButton", "Cancel")
        self.id_error = _named(QLabel(), "entryIdError", "Entry ID problem")
        self.id_error.setStyleSheet("color:#a61b1b;")
        self.id_error.setVisible(False)
        self.reports = ReportsController(self, self._settings)  # entries v9 cannot reach
        self.message_banner = MessageBanner()
        self.message_banner.retry_requested.connect(self.retry_lookup)
        self.banner = self.message_banner.label
        self.retry_button = self.message_banner.retry_button
        self.run_state_label = _named(QLabel(), "runStateLabel", "Run state")
        state_font = QFont(self.run_state_label.font())
        state_font.setPointSizeF(state_font.pointSizeF() * 1.4)
        state_font.setBold(True)
        self.run_state_label.setFont(state_font)
        self.run_state_label.setContentsMargins(10, 4, 10, 4)
        self.run_state_label.setAutoFillBackground(True)
        # Always laid out at its full height, empty or not: the window does not shift (and
        # repaint whole) at every lookup.
        self.run_state_label.setMinimumHeight(
            self.run_state_label.fontMetrics().height() + 8)
        self.run_state_label.setMinimumWidth(  # the longest state text: no sideways shifts
            self.run_state_label.fontMetrics().horizontalAdvance(
                "Stopped, duration only · 10000:00:00") + 20)
        self.times_label = _named(QLabel(), "timesLabel", "Times")
        self.times_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.anomaly_label = _named(QLabel(), "anomalyLabel", "Anomalies")
        self.anomaly_label.setWordWrap(False)
        # Its text never widens the window (a long anomaly is cut, the tooltip has it all).
        self.anomaly_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.anomaly_label.setTextFormat(Qt.TextFormat.PlainText)
        self.anomaly_label.setMinimumHeight(self.anomaly_label.fontMetrics().height())
        self.anomaly_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = EntryTreeModel(self)
        self.tree = _named(QTreeView(), "entryTree", "Entry fields")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 220)
        self.raw_view = _named(QPlainTextEdit(), "rawJsonView", "Raw JSON")
        self.raw_view.setReadOnly(True)
        self.raw_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.tabs = _named(QTabWidget(), "entryTabs", "Entry views")
        self.tabs.addTab(self.tree, "Fields")
        self.tabs.addTab(self.raw_view, "Raw JSON")
        self._raw_view_stale = False
        self.tabs.currentChanged.connect(self._fill_raw_view_if_shown)
        self.request_details = RequestDetailsView()
        self.tabs.addTab(self.request_details, "Request")

        self.copy_value_action = self._action("Copy value", QKeySequence.StandardKey.Copy,
                                              self.copy_value)
        self.copy_path_action = self._action("Copy field path", QKeySequence("Ctrl+Shift+C"),
                                             self.copy_path)
        self.copy_json_action = self._action("Copy entry as JSON", QKeySequence("Ctrl+Shift+J"),
                                             self.copy_entry_json)
        for action in (self.copy_value_action, self.copy_path_action, self.copy_json_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
        self.tree.customContextMenuRequested.connect(self._show_tree_menu)
        self.settings_action = self._action("&Network settings…", QKeySequence("Ctrl+,"),
                                            self.open_network_settings)
        tools = self.menuBar().addMenu("&Tools")
        tools.addAction(self.settings_action)
        tools.addAction(self.reports.settings_action)
        self.about_action = QAction("&About Toggl Entry Inspector", self)
        self.about_action.triggered.connect(self.open_about)
        self.menuBar().addMenu("&Help").addAction(self.about_action)

        inputs = QHBoxLayout()
        inputs.addWidget(QLabel("Entry ID:"))
        inputs.addWidget(self.id_input, 1)
        for widget in (self.meta_box, self.sharing_box, self.fetch_button, self.cancel_button):
            inputs.addWidget(widget)
        state_row = QHBoxLayout()
        state_row.addWidget(self.run_state_label)
        state_row.addWidget(self.times_label, 1)

        entry_panel = QWidget()
        entry_layout = QVBoxLayout(entry_panel)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addWidget(self.reports.badge, 0, Qt.AlignmentFlag.AlignLeft)
        entry_layout.addLayout(state_row)
        entry_layout.addWidget(self.anomaly_label)
        entry_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(entry_panel)
        self.demo_list: QListWidget | None = None
        if demo_entries:
            splitter.addWidget(self._demo_panel(demo_entries))
            splitter.setStretchFactor(0, 1)
            splitter.setStretchFactor(1, 0)
            splitter.setCollapsible(0, False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(inputs)
        layout.addWidget(self.id_error)
        layout.addWidget(self.message_banner)
        layout.addWidget(self.reports.panel)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        # Room for an entry's state row beside the demo list: the window does not grow
        # (and shift everything) at the first entry shown.
        self.resize(1280 if demo_entries else 1100, 720)

        self.id_input.textChanged.connect(self._validate_input)
        self.id_input.returnPressed.connect(self.start_lookup)
        self.fetch_button.clicked.connect(self.start_lookup)
        self.cancel_button.clicked.connect(self.cancel_lookup)
        self.meta_box.toggled.connect(lambda on: self._settings.setValue(SETTINGS_META, on))
        self.sharing_box.toggled.connect(
            lambda on: self._settings.setValue(SETTINGS_INCLUDE_SHARING, on))
        self._show_entry(None)

    def _demo_panel(self, demo_entries: Sequence[DemoEntry]) -> QWidget:
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(panel)
        title = QLabel("<b>Demo entries</b><br>Click one to look it up.")
        layout.addWidget(title)
        self.demo_list = _named(QListWidget(), "demoEntryList", "Demo entries")
        for entry in demo_entries:
            item = QListWidgetItem(f"{entry.entry_id}  {entry.label}")
            item.setData(Qt.ItemDataRole.UserRole, entry.entry_id)
            item.setToolTip(entry.label)
            self.demo_list.addItem(item)
        # Wide enough for every label: a clipped "Answers HTTP 4…" helps nobody.
        self.demo_list.setMinimumWidth(self.demo_list.sizeHintForColumn(0)
                                       + 2 * self.demo_list.frameWidth() + 24)
        self.demo_list.itemActivated.connect(self._look_up_demo_item)
        self.demo_list.itemClicked.connect(self._look_up_demo_item)
        layout.addWidget(self.demo_list, 1)
        return panel

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey,
                handler: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(handler)
        return action

    # --- settings -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self._settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.meta_box.setChecked(_as_bool(self._settings.value(SETTINGS_META, False)))
        self.sharing_box.setChecked(
            _as_bool(self._settings.value(SETTINGS_INCLUDE_SHARING, False)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's naming)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's naming)
        self.cancel_lookup(quiet=True)
        self.reports.shut_down()
        self._elapsed_timer.stop()
        self._settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
        self.closed.emit()

    @property
    def is_looking_up(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def entry_lookup(self) -> EntryLookup | None:
        return self._lookup

    def account_key(self) -> str:
        """Whose choices (e.g. the Reports workspace) apply: the account in use."""
        return self.accounts.account_key()

    def default_workspace_id(self) -> int | None:
        """The signed-in account's default workspace as saved (no request to /me)."""
        return self.accounts.default_workspace_id()

    def set_lookup(self, lookup: EntryLookup, *, memory_only_accounts: bool = False) -> None:
        """The window is shown before the lookup machinery is loaded; this attaches it."""
        self._lookup = lookup
        self.accounts.attach(lookup, memory_only=memory_only_accounts)
        self._set_busy(False)

    def _sign_in_from_banner(self) -> None:
        if self._last_failed is not None and isinstance(self._last_error, _SIGN_IN_MAY_HELP):
            self._retry_after_sign_in = (self._last_failed, self._last_failed_search)
        self.accounts.open_sign_in()

    def _forget_retry_after_sign_in(self) -> None:
        self._retry_after_sign_in = None

    def _after_sign_in(self) -> None:
        """A lookup refused for its credential is asked again, ID and options as they were."""
        retry, self._retry_after_sign_in = self._retry_after_sign_in, None
        if retry is not None:
            self._start(*retry)

    def _after_account_change(self) -> None:
        """What another account's credential fetched is not shown under this one."""
        self.cancel_lookup(quiet=True)
        self.reports.account_changed()
        if self._shown is not None:
            self._show_entry(None)
            self.request_details.show_record(None)
        self.hide_banner()

    async def wait_for_lookup(self) -> None:
        """Return once the current lookup (if any) has finished, however it ended."""
        import asyncio

        if self._task is not None:
            await asyncio.wait([self._task])

    # --- lookups ------------------------------------------------------------------------
    def start_lookup(self) -> None:
        """Validate the ID; if valid, cancel any running lookup and start this one."""
        try:
            parsed = parse_entry_id(self.id_input.text())
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            return
        if self._lookup is not None:  # None only in the instant before start-up completes
            self._start(LookupRequest(parsed.value, self.meta_box.isChecked(),
                                      self.sharing_box.isChecked()))

    def retry_lookup(self) -> None:
        """Ask again for exactly what failed last (the banner's Retry button)."""
        if self._last_failed is not None:
            self._start(self._last_failed, self._last_failed_search)

    def start_search(self, request: LookupRequest, search: SearchRun) -> None:
        """Run a Reports search as this window's lookup (same Cancel, same stale guard)."""
        self._start(request, search)

    def _start(self, request: LookupRequest, search: SearchRun | None = None) -> None:
        self.cancel_lookup(quiet=True)
        if self._retry_after_sign_in is not None and request is not self._retry_after_sign_in[0]:
            self._retry_after_sign_in = None  # a newer lookup: the old one is not retried
        self._generation += 1
        self._pending = request
        self._pending_search = search
        import asyncio  # loaded after the first paint; from then on a dictionary lookup

        # The task is queued before the window changes, so its request goes out before
        # Qt repaints the cleared window: the repaint overlaps the wait for the server.
        self._task = asyncio.ensure_future(self._run_lookup(request, self._generation,
                                                            search))
        self._task.add_done_callback(self._on_task_done)
        self._show_entry(None)
        self.hide_banner()
        self.statusBar().showMessage(f"Looking up entry {request.entry_id}…")
        self._set_busy(True)
        self.reports.starting(search is not None)

    def cancel_lookup(self, quiet: bool = False) -> None:
        if self._task is None or self._task.done():
            return
        self._task.cancel()
        self._generation += 1  # whatever still arrives for it is stale
        self.hide_banner()  # a retry countdown, if one was running
        if not quiet and self._pending is not None:
            self.statusBar().showMessage(f"Lookup of entry {self._pending.entry_id} cancelled.")
        self.reports.cancelled(quiet)
        self._pending = None
        self._set_busy(False)

    async def _run_lookup(self, request: LookupRequest, generation: int,
                          search: SearchRun | None) -> None:
        started = time.perf_counter()

        def on_progress(progress: SearchProgress) -> None:
            if generation == self._generation:
                self.reports.show_progress(progress)

        def on_wait(wait: RetryWait) -> None:
            if generation == self._generation:
                self.message_banner.count_down(wait)
                self.statusBar().showMessage(
                    f"Looking up entry {request.entry_id}: attempt {wait.failed_attempt} "
                    "failed, waiting to retry…")

        try:
            if search is None:
                result = await self._lookup.lookup(request, on_wait=on_wait)
            else:
                result = await search(on_wait, on_progress)
        except ApiError as error:
            if generation == self._generation:
                self._show_error(request, error, search)
                self.lookup_finished.emit(error)
            return
        if generation != self._generation:
            log.debug("Dropped a stale answer for entry %s", request.entry_id)
            return
        self._show_result(result, started)
        self.lookup_finished.emit(result)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            # A bug, not a Toggl answer: say so in the window, report it like any crash.
            self._set_busy(False)
            self.show_banner(f"Internal error: {type(error).__name__}: {error}", "error")
            sys.excepthook(type(error), error, error.__traceback__)

    def _look_up_demo_item(self, item: QListWidgetItem) -> None:
        self.id_input.setText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.start_lookup()

    # --- showing ------------------------------------------------------------------------
    def _show_result(self, result: LookupResult, started: float) -> None:
        self._pending = None
        self._last_failed = None
        self._last_error = None
        self._set_busy(False)
        self.hide_banner()
        self._show_entry(result)
        self.request_details.show_record(result.record)
        odd_types = [a for a in result.view.anomalies if a.code.startswith("bad_type_")]
        if odd_types:
            self.show_banner("The server sent fields of unexpected types; the entry is shown "
                             "as received: " + " ".join(a.message for a in odd_types),
                             "warning")
        total_ms = (time.perf_counter() - started) * 1000
        quota = result.response.quota.remaining
        quota_part = f" · quota left {quota}" if quota is not None else ""
        message = f"Loaded entry {result.request.entry_id} in {total_ms:.0f} ms{quota_part}"
        self.statusBar().showMessage(message)
        log.info("%s (from %s)", message, result.response.url)
        self.reports.result_shown(result)

    def _show_error(self, request: LookupRequest, error: ApiError,
                    search: SearchRun | None = None) -> None:
        self._pending = None
        self._last_failed, self._last_failed_search = request, search
        self._last_error = error
        self._set_busy(False)
        self._show_entry(None)
        self.request_details.show_record(error.record)
        self.show_banner(failure_text(error), "error",
                         offer_retry=isinstance(error, _WORTH_RETRYING),
                         offer_sign_in=isinstance(error, _SIGN_IN_MAY_HELP)
                         and not self._sign_in_cannot_help())
        self.statusBar().showMessage(f"Lookup of entry {request.entry_id} failed.")
        log.info("Lookup of entry %s failed: %s", request.entry_id, error.message)
        self.reports.lookup_failed(request, error)

    def _show_entry(self, result: LookupResult | None) -> None:
        self._shown = result
        view = result.view if result else None
        self.model.set_view(view)
        self.reports.show_source(result)
        if view is not None:
            self.tree.expandToDepth(0)
            # Who an entry is shared with is why people look; a list of thousands is opened
            # by hand (laying out every row would stall the window for nothing).
            self._expand_field("shared_with", max_rows=AUTO_EXPAND_MAX_ROWS)
        self.raw_view.clear()  # never an older entry's body, even behind another tab
        self._raw_view_stale = result is not None
        self._fill_raw_view_if_shown()
        self.times_label.setText(self._times_text(view) if view else "")
        anomalies = view.anomalies if view else ()
        # Exactly one line ("none" is an answer too), so the window never shifts between
        # entries; the full list is the tree's first group and this label's tooltip.
        if anomalies:
            more = f" (+{len(anomalies) - 1} more, see Anomalies)" if len(anomalies) > 1 else ""
            self.anomaly_label.setText(f"⚠ {anomalies[0].message}{more}")
        else:
            self.anomaly_label.setText("No anomalies found." if view else "")
        self.anomaly_label.setToolTip("\n".join(f"⚠ {a.message}" for a in anomalies))
        self.anomaly_label.setProperty("found", bool(anomalies))
        palette = self.anomaly_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         QColor("#8a5300") if anomalies else self.palette().color(
                             QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
        self.anomaly_label.setPalette(palette)
        if view is not None and view.run_state is RunState.RUNNING:
            self._elapsed_timer.start()
        else:
            self._elapsed_timer.stop()
        self._refresh_run_state()

    def _fill_raw_view_if_shown(self) -> None:
        """The raw body is indented and laid out only when its tab is in front: a large
        entry costs nothing there until someone looks."""
        if not self._raw_view_stale or self.tabs.currentWidget() is not self.raw_view:
            return
        self._raw_view_stale = False
        body = self._shown.response.body_text if self._shown else ""
        self.raw_view.setPlainText(indent_verbatim(body) if body else "")

    def _expand_field(self, name: str, max_rows: int) -> None:
        for group_row in range(self.model.rowCount()):
            group = self.model.index(group_row, 0)
            for row in range(self.model.rowCount(group)):
                index = self.model.index(row, 0, group)
                if index.data() == name:
                    if self.model.rowCount(index) <= max_rows:
                        self.tree.expand(index)
                    return

    def _refresh_run_state(self) -> None:
        view = self._shown.view if self._shown else None
        if view is None:
            self.run_state_label.setText("")
            self.run_state_label.setPalette(self.palette())
            return
        text = view.run_state.value
        if view.run_state is RunState.RUNNING:
            text += f" · {view.shown_duration(self._clock())} elapsed"
        elif view.recorded_duration is not None:
            text += f" · {view.shown_duration(self._clock())}"
        self.run_state_label.setText(text)
        background, foreground = _RUN_STATE_COLOURS[view.run_state]
        palette = self.run_state_label.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        self.run_state_label.setPalette(palette)

    def _times_text(self, view: EntryView) -> str:
        zone = self._lookup.local_zone if self._lookup else None

        def line(name: str, moment: datetime | None, note: str = "") -> str:
            if moment is None:
                return f"<b>{name}</b> —{note}"
            return (f"<b>{name}</b> {format_utc(moment)} &nbsp;·&nbsp; "
                    f"{format_local(moment, zone)}{note}")

        stop_note = " (derived: start + duration)" if view.stop_is_derived else ""
        if view.stop is None and view.run_state is RunState.RUNNING:
            stop_note = " (running)"
        return "<br>".join((line("Start", view.start), line("Stop", view.stop, stop_note)))

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self._update_fetch_button()

    def _update_fetch_button(self) -> None:
        self.fetch_button.setEnabled(self._input_error is None and self._lookup is not None)

    def _validate_input(self, text: str) -> None:
        if not text.strip():
            self._show_input_error(None)
            return
        try:
            parsed = parse_entry_id(text)
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            return
        self._show_input_error(None)
        if parsed.reduced_from:
            self.statusBar().showMessage(f"Will look up entry {parsed.value} "
                                         f"(taken from the pasted {parsed.reduced_from}).")

    def _show_input_error(self, reason: str | None) -> None:
        self._input_error = reason
        self.id_error.setText(reason or "")
        self.id_error.setVisible(reason is not None)
        _set_style(self.id_input, "border:1px solid #d93025;" if reason else "")
        self._update_fetch_button()

    def show_banner(self, text: str, kind: str, *, offer_retry: bool = False,
                    offer_sign_in: bool = False) -> None:
        self.message_banner.show_message(text, kind, offer_retry=offer_retry,
                                         offer_sign_in=offer_sign_in)

    def _sign_in_cannot_help(self) -> bool:
        """TOGGL_API_TOKEN (or a fixed credential) wins over any sign-in."""
        return self._lookup is not None and bool(self._lookup.credentials.environment_token
                                                 or self._lookup.credentials.fixed)

    def hide_banner(self) -> None:
        self.message_banner.clear()

    def open_network_settings(self) -> NetworkSettingsDialog:
        # Dialogs are loaded when first opened: their widgets cost start-up time otherwise.
        from inspector.ui.network_settings_dialog import (
            NetworkSettingsDialog,
            load_network_settings,
        )

        dialog = NetworkSettingsDialog(
            self._lookup.network if self._lookup else load_network_settings(self._settings),
            self)
        dialog.applied.connect(self._apply_network_settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_about(self) -> AboutDialog:
        from inspector.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _apply_network_settings(self, network: NetworkSettings) -> None:
        from inspector.ui.network_settings_dialog import save_network_settings

        if self._lookup is not None:
            self._lookup.network = network
        save_network_settings(self._settings, network)
        self.statusBar().showMessage("Network settings saved; they apply to the next lookup.",
                                     5000)

    # --- copying ------------------------------------------------------------------------
    def _show_tree_menu(self, position: QPoint) -> None:
        menu = QMenu(self.tree)
        has_row = self.tree.currentIndex().isValid()
        for action in (self.copy_value_action, self.copy_path_action):
            action.setEnabled(has_row)
            menu.addAction(action)
        self.copy_json_action.setEnabled(self._shown is not None)
        menu.addAction(self.copy_json_action)
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def _current_data(self, role: int) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(index.siblingAtColumn(0), role)
        return value if isinstance(value, str) and value != "" else None

    def copy_value(self) -> None:
        self._copy(self._current_data(COPY_TEXT_ROLE), "value")

    def copy_path(self) -> None:
        self._copy(self._current_data(PATH_ROLE), "field path")

    def copy_entry_json(self) -> None:
        text = indent_verbatim(self._shown.response.body_text) if self._shown else None
        self._copy(text, "entry as JSON")

    def _copy(self, text: str | None, what: str) -> None:
        if text is None:
            self.statusBar().showMessage("Nothing to copy: select a field first.")
            return
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {what}.", 3000)


def _set_style(widget: QWidget, style: str) -> None:
    """Restyling re-polishes the widget (about a millisecond): only when it changes."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def _as_bool(value: object) -> bool:
    """QSettings' INI backend returns strings for booleans written in an earlier run."""
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)
