"""The lookup history: every lookup the window makes is recorded (through
``inspector.services.lookup_history.HistoryService``, on its own worker thread, awaited from
tasks: the window never waits for the disk), and a panel (Ctrl+H) lists them newest first,
with a search box. Opening one shows the stored answer in the tree at once, marked as
fetched then and not refreshed: no request until Refresh. Two chosen together are compared
(the Changes tab), from their stored answers. *Record lookups* (QSettings, on by default;
``TOGGL_INSPECTOR_HISTORY=off`` overrides it) and *Clear history…* are in the dock. The ID
field's Up/Down walk is fed from here."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector.api.errors import ApiError
from inspector.domain.entry_view import EntryView
from inspector.domain.timestamps import format_utc
from inspector.services import LookupRequest, LookupResult
from inspector.services.findings import Finding
from inspector.ui.history_controls import HistoryControls
from inspector.ui.id_recall import RECALL_LIMIT, RecalledLookup
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.plain_label import PlainLabel
from inspector.ui.settings_values import read_bool
from inspector.ui.status import StatusSink
from inspector.ui.stored_banner import StoredBanner
from inspector.ui.style import named, plain_tooltip, shown_line

if TYPE_CHECKING:  # asyncio and the history are loaded after the first paint
    import asyncio

    from inspector.history import HistoryEntry
    from inspector.services.lookup_history import HistoryService

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200
SETTINGS_RECORD = "history/record"  # the window's own: `get` does not read it


class HistoryPanel(QDockWidget):
    """The history dock and the recording behind it. ``stored_chosen(view, body, entry)``:
    show a stored answer in the tree (no request)."""

    stored_chosen = Signal(object, str, object)
    # (result, fetched_at, changes): what changed since the history's earlier answer for
    # the entry just found (only when it holds one)
    changes_found = Signal(object, object, object)
    # (older, newer, changes): two stored lookups compared (HistoryEntry, HistoryEntry, Changes)
    compared = Signal(object, object, object)
    # For the ID field's walk: the history's newest lookups (list of RecalledLookup, newest
    # first), at start and after clearing; then each lookup as it is recorded.
    lookups_listed = Signal(object)
    lookup_recorded = Signal(object)
    problem = Signal(str)

    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        clock: Callable[[], datetime],
        account: Callable[[], str],
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("History", parent)
        named(self, "historyPanel", "Lookup history")
        self._runner = runner
        self._status = status
        self._clock = clock
        self._account = account
        self._settings = settings
        self._recording_overridden_by: str | None = None  # the environment says off
        self.service: HistoryService | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._recalled_while_listing: list[RecalledLookup] | None = None
        self._listing = 0  # bumped per listing: an older answer is dropped
        self._comparing = 0  # bumped per comparison asked: an older one is dropped

        body = QWidget()
        self.search_input = named(QLineEdit(), "historySearchInput", "Search the history")
        self.search_input.setPlaceholderText("Search: ID, description, user, project")
        self.search_input.setClearButtonEnabled(True)
        self.list = named(QListWidget(), "historyList", "Lookups, newest first")
        self.problem_label = named(PlainLabel(), "historyProblemLabel", "History problem")
        self.problem_label.setVisible(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.compare_action = QAction("Compare", self)
        self.compare_action.setObjectName("historyCompareAction")
        self.compare_action.setToolTip(
            "Compare the answers of the two lookups chosen (Ctrl+click), from the history:"
            " no request"
        )
        self.compare_action.setEnabled(False)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.list.addAction(self.compare_action)
        self.compare_button = named(QToolButton(), "historyCompareButton", "Compare")
        self.compare_button.setDefaultAction(self.compare_action)
        self.controls = HistoryControls()
        self.controls.show_recording(read_bool(settings, SETTINGS_RECORD, True))
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.compare_button)
        compare_row.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addWidget(self.search_input)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(compare_row)
        layout.addWidget(self.controls)
        self.setWidget(body)
        self.banner = StoredBanner()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_input.textChanged.connect(lambda _text: self._search_timer.start())
        self.list.itemActivated.connect(self._open_item)
        self.list.itemSelectionChanged.connect(
            lambda: self.compare_action.setEnabled(len(self.list.selectedItems()) == 2)
        )
        self.compare_action.triggered.connect(self.compare_selected)
        self.controls.recording_toggled.connect(self._set_recording)
        self.controls.clear_confirmed.connect(self.clear)
        self.visibilityChanged.connect(lambda shown: self.reload() if shown else None)
        runner.succeeded.connect(self._found)
        runner.failed.connect(self._failed)
        runner.started.connect(lambda *_: self.banner.hide_banner())
        self.setVisible(False)

    # --- the service --------------------------------------------------------------------
    def attach(self, service: HistoryService) -> None:
        """After the first paint: the database is opened by the first call (the newest
        lookups, for the ID field's walk)."""
        import os

        from inspector.services.lookup_history import HISTORY_ENV, recording_wanted

        if not recording_wanted(os.environ):
            self._recording_overridden_by = f"{HISTORY_ENV}={os.environ[HISTORY_ENV]}"
        self.service = service
        service.enabled = self.recording
        self.controls.show_recording(self._recording_setting, self._recording_overridden_by)
        self._spawn(self._list_for_recall(service))
        if self.isVisible():
            self.reload()

    # --- the settings: record or not, clear ------------------------------------------
    @property
    def _recording_setting(self) -> bool:
        return read_bool(self._settings, SETTINGS_RECORD, True)

    @property
    def recording(self) -> bool:
        """Lookups are recorded: the setting says so and the environment does not forbid."""
        return self._recording_setting and self._recording_overridden_by is None

    def _set_recording(self, on: bool) -> None:
        self._settings.setValue(SETTINGS_RECORD, on)
        if self.service is not None:
            self.service.enabled = self.recording
        said = "recorded" if on else "no longer recorded"
        self._status.showMessage(f"Lookups are {said} in the history.", 5000)

    def clear(self) -> None:
        """Erase the history (the person has said yes)."""
        if self.service is not None:
            self._spawn(self._clear(self.service))

    async def _clear(self, service: HistoryService) -> None:
        problem = await service.clear()
        self._say_problem(problem)
        if problem is None:
            self._status.showMessage("History cleared.", 5000)
        if self.isVisible():
            self.reload()
        await self._list_for_recall(service)

    async def _list_for_recall(self, service: HistoryService) -> None:
        later: list[RecalledLookup] = []  # recorded while the list is read: told after it
        self._recalled_while_listing = later
        entries, problem = await service.recent(RECALL_LIMIT)
        self._say_problem(problem)
        self.lookups_listed.emit(
            [
                RecalledLookup(entry.entry_id, *_asked(entry.options, "meta", "include_sharing"))
                for entry in entries
            ]
        )
        for lookup in later:
            self.lookup_recorded.emit(lookup)
        if self._recalled_while_listing is later:
            self._recalled_while_listing = None

    @property
    def idle(self) -> bool:
        """Nothing being recorded, read or listed (tests wait for it)."""
        return not self._tasks

    def shut_down(self) -> None:
        self._search_timer.stop()  # a listing due after the window closed: none
        for task in self._tasks:
            task.cancel()
        if self.service is not None:
            self.service.close()

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        import asyncio

        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _say_problem(self, problem: str | None) -> None:
        """Said once, and left in the panel for the session (a moved-aside file is told
        only once by the history)."""
        if problem is not None:
            self.problem_label.setVisible(True)
            self.problem_label.setText(f"History: {problem} The window works on without it.")
            self.problem.emit(problem)

    # --- recording ----------------------------------------------------------------------
    def _origin(self) -> str:
        lookup = self._runner.lookup
        return lookup.api_url.origin if lookup is not None else ""

    def _remember(self, request: LookupRequest) -> None:
        """For the ID field's walk, as soon as the lookup is given to be recorded."""
        if self.service is not None and self.service.enabled:
            lookup = RecalledLookup(request.entry_id, request.meta, request.include_sharing)
            self.lookup_recorded.emit(lookup)
            if self._recalled_while_listing is not None:
                self._recalled_while_listing.append(lookup)

    def _found(self, result: LookupResult, _total_ms: float) -> None:
        finding = Finding.of_result(result, self._clock())
        self._remember(result.request)
        if self.service is not None:
            self._spawn(
                self._compared(self.service, result, finding, self._account(), self._origin())
            )

    async def _compared(
        self,
        service: HistoryService,
        result: LookupResult,
        finding: Finding,
        account: str,
        origin: str,
    ) -> None:
        """The earlier answer is read before this one is recorded (or it would be itself)."""
        from inspector.services.lookup_history import what_changed

        previous, problem = await service.previous(result.request.entry_id, origin)
        self._say_problem(problem)
        await self._recorded(service, finding, account, origin)
        if previous is None:
            return
        import asyncio

        # Parsing the stored body and comparing it takes long for a big entry (10,000
        # users): off the thread that paints (both are pure).
        changes = await asyncio.to_thread(what_changed, previous, result)
        if changes is not None:
            self.changes_found.emit(result, previous.fetched_at, changes)

    def _failed(self, request: LookupRequest, error: ApiError, _searched: bool) -> None:
        self._remember(request)
        self._record(Finding.of_error(request.entry_id, error, self._clock()))

    def record(self, finding: Finding) -> None:
        """A lookup the runner did not make (several IDs at once), recorded like its own;
        the list, if shown, is listed again once such findings pause, not for each."""
        if self.service is not None:
            self._spawn(
                self._recorded(
                    self.service, finding, self._account(), self._origin(), list_soon=True
                )
            )

    def _record(self, finding: Finding) -> None:
        if self.service is not None:
            self._spawn(self._recorded(self.service, finding, self._account(), self._origin()))

    async def _recorded(
        self,
        service: HistoryService,
        finding: Finding,
        account: str,
        origin: str,
        *,
        list_soon: bool = False,
    ) -> None:
        problem = await service.record(finding, account, origin)
        self._say_problem(problem)
        if self.isVisible():
            if list_soon:  # after a run of findings: listed once
                self._search_timer.start()
            else:
                self.reload()

    # --- the list -------------------------------------------------------------------------
    def reload(self) -> None:
        if self.service is not None:
            self._listing += 1
            self._spawn(self._list(self.service, self.search_input.text().strip(), self._listing))

    async def _list(self, service: HistoryService, text: str, listing: int) -> None:
        entries, problem = await (service.search(text) if text else service.recent())
        if listing != self._listing:
            return
        self._say_problem(problem)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(shown_line(_item_text(entry)))
            item.setToolTip(plain_tooltip(_item_text(entry)))
            item.setData(ROW_ID_ROLE, entry.row_id)
            self.list.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        row_id = item.data(ROW_ID_ROLE)
        if self.service is not None and isinstance(row_id, int):
            self._spawn(self._open(self.service, row_id))

    # --- two compared -----------------------------------------------------------------------
    def compare_selected(self) -> None:
        """The two lookups chosen, compared from their stored answers (no request)."""
        rows = [item.data(ROW_ID_ROLE) for item in self.list.selectedItems()]
        if self.service is None or len(rows) != 2:
            return
        self._comparing += 1
        self._spawn(self._compare(self.service, rows[0], rows[1], self._comparing))

    async def _compare(self, service: HistoryService, first: int, second: int, asked: int) -> None:
        comparison, problem = await service.compare(first, second)
        self._say_problem(problem)
        if asked != self._comparing or comparison is None:
            return
        if comparison.changes is None:
            missing = comparison.unanswered
            assert missing is not None
            why = "" if missing.outcome == "found" else f" ({missing.outcome.replace('_', ' ')})"
            self._status.showMessage(
                f"Not compared: the lookup of entry {missing.entry_id} at"
                f" {format_utc(missing.fetched_at)} holds no answer to compare{why}."
            )
            return
        self.compared.emit(comparison.older, comparison.newer, comparison.changes)

    async def _open(self, service: HistoryService, row_id: int) -> None:
        from inspector.services.lookup_history import stored_view

        entry, problem = await service.entry(row_id)
        self._say_problem(problem)
        if entry is None:
            return
        lookup = self._runner.lookup
        zone: tzinfo | None = lookup.local_zone if lookup is not None else None
        import asyncio

        # Up to a megabyte of stored JSON to parse and turn into a view: not on the thread
        # that paints (both are pure).
        view: EntryView | None = await asyncio.to_thread(stored_view, entry, self._clock(), zone)
        if view is None:
            self._status.showMessage(
                f"The history has no answer to show for entry {entry.entry_id}"
                f" ({entry.outcome.replace('_', ' ')})."
            )
            return
        self.stored_chosen.emit(view, entry.body or "", entry)
        self.banner.say(entry.entry_id, entry.fetched_at)


def _item_text(entry: HistoryEntry) -> str:
    parts = [str(entry.entry_id), format_utc(entry.fetched_at)]
    if entry.outcome != "found":
        parts.append(entry.outcome.replace("_", " "))
    parts += [text for text in (entry.description, entry.user_name, entry.project_name) if text]
    return " · ".join(parts)


def _asked(options: Mapping[str, object], *names: str) -> tuple[bool | None, ...]:
    """The options a lookup was asked with (None for one not recorded)."""
    return tuple(value if isinstance(value := options.get(name), bool) else None for name in names)
