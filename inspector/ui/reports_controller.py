"""What the window does about entries /me/time_entries cannot reach: after a v9 404 it
offers (or, when set so, starts) a Reports API search, in a workspace that is the one the
person chose before for this account, else the account's default, else asked for: never
guessed. The search itself runs on the lookup runner, so Cancel, the guard against stale
answers, the banner and the tree are the same as for v9.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from inspector.api.errors import ApiError, NotFound, NotFoundInReports
from inspector.services import (
    DEFAULT_REPORT_YEARS,
    EARLIEST_REPORT_YEAR,
    MAX_REPORT_YEARS,
    LookupRequest,
    LookupResult,
    ReportsRequest,
    ReportsResult,
    SearchProgress,
)
from inspector.ui.lookup_runner import LookupRunner, SearchRun
from inspector.ui.reports_panel import ReportsPanel, ReportsSettingsDialog
from inspector.ui.settings_values import read_bool
from inspector.ui.status import StatusSink
from inspector.ui.style import shown_line

if TYPE_CHECKING:
    import asyncio

    from inspector.api.account import Workspace
    from inspector.api.retry import RetryWait
    from inspector.services.reports import ReportsSearch

SETTINGS_AUTO_SEARCH = "reports/auto_search"
SETTINGS_YEARS = "reports/years"
SETTINGS_WORKSPACE = "reports/workspace/{account}"  # the choice is remembered per account


def _years_text(request: ReportsRequest) -> str:
    """The years a search of set years covers: "2017–2021", or "2017"."""
    first = request.since.year if request.since is not None else None
    last = request.until.year if request.until is not None else None
    return f"{first}–{last}" if first != last else str(first)


class AccountContext(Protocol):
    """Whose choices apply, and what their saved profile says (no request to /me)."""

    def account_key(self) -> str: ...

    def default_workspace_id(self) -> int | None: ...


class ReportsController(QObject):
    workspaces_loaded = Signal()  # the picker holds /me/workspaces (for tests and scripts)

    def __init__(
        self,
        runner: LookupRunner,
        accounts: AccountContext,
        status: StatusSink,
        settings: QSettings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._accounts = accounts
        self._status = status
        self._settings = settings
        self._dialog_parent = parent
        self.panel = ReportsPanel()
        self.panel.search_requested.connect(self.search_offered)
        self.panel.further_requested.connect(self.search_further_back)
        self.settings_action = QAction("&Reports search settings…", parent)
        self.settings_action.triggered.connect(self.open_settings)
        self._offered: int | None = None  # the entry v9 did not find
        self._searching: ReportsRequest | None = None
        self._last_search: ReportsRequest | None = None  # what Retry searches again
        self._last_run: SearchRun | None = None  # how it runs on the runner (its own, known)
        self._further: ReportsRequest | None = None  # the older years, after nothing found
        self._requests_sent = 0
        self._workspaces: list[Workspace] | None = None  # listed once per account
        self._loading: asyncio.Task[None] | None = None
        # Connected after the lookup feedback's (the window builds that first), so what is
        # said here about a search is the status line's last word.
        runner.started.connect(lambda _request, searching: self._starting(searching))
        runner.cancelled.connect(lambda _request, quiet: self._cancelled(quiet))
        runner.progress.connect(self._show_progress)
        runner.succeeded.connect(lambda result, _ms: self._result_shown(result))
        runner.failed.connect(lambda request, error, _searched: self._lookup_failed(request, error))

    # --- settings -----------------------------------------------------------------------
    @property
    def auto_search(self) -> bool:
        return read_bool(self._settings, SETTINGS_AUTO_SEARCH)

    @property
    def years(self) -> int:
        try:
            years = int(str(self._settings.value(SETTINGS_YEARS, DEFAULT_REPORT_YEARS)))
        except ValueError:
            return DEFAULT_REPORT_YEARS
        return min(max(years, 1), MAX_REPORT_YEARS)

    def _workspace_key(self) -> str:
        return SETTINGS_WORKSPACE.format(account=self._accounts.account_key())

    def remembered_workspace(self) -> int | None:
        value = str(self._settings.value(self._workspace_key(), "") or "")
        return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else None

    def known_workspace(self) -> int | None:
        """The person's own earlier choice wins over the account's default."""
        return self.remembered_workspace() or self._accounts.default_workspace_id()

    def open_settings(self) -> ReportsSettingsDialog:
        dialog = ReportsSettingsDialog(self.auto_search, self.years, self._dialog_parent)
        dialog.applied.connect(self._save_settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save_settings(self, auto_search: bool, years: int) -> None:
        self._settings.setValue(SETTINGS_AUTO_SEARCH, auto_search)
        self._settings.setValue(SETTINGS_YEARS, years)
        self._settings.sync()
        self._status.showMessage("Reports search settings saved.", 5000)

    # --- following the account and the runner --------------------------------------------
    def account_changed(self) -> None:
        """Another account's workspaces are other workspaces: list them anew; an offer made
        for the other account's 404 is withdrawn."""
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        self._workspaces = None
        self._withdraw()

    def withdraw_unless_about(self, entry_id: int | None) -> None:
        """Another ID typed: the offer made for the previous one's 404 goes (not while
        its search runs: Cancel stops that)."""
        if self._offered is not None and entry_id != self._offered and not self._runner.is_running:
            self._withdraw()

    def _withdraw(self) -> None:
        self._offered = None
        self._offer_further(None)
        self.panel.setVisible(False)

    def _starting(self, searching: bool) -> None:
        """A lookup or search (or its Retry) starts: a new v9 lookup withdraws the offer."""
        self._requests_sent = 0
        if searching:
            # Another part's search (a check for a deleted entry) is not this one's.
            own = self._last_run is not None and self._runner.current_search is self._last_run
            self._searching = self._last_search if own else None
            if own:
                self._offer_further(None)
            return
        self._withdraw()

    def _cancelled(self, quiet: bool) -> None:
        request, self._searching = self._searching, None
        if request is None:
            return
        text = (
            f"Reports search for entry {request.entry_id} cancelled after "
            f"{self._cost(self._requests_sent)}."
        )
        self.panel.status_label.setText(text)
        if not quiet:
            self._status.showMessage(text)

    def _show_progress(self, progress: SearchProgress) -> None:
        self._requests_sent = progress.request_number
        self.panel.status_label.setText(f"{progress.text} Cancel stops it.")
        self._status.showMessage(progress.text)

    def _result_shown(self, result: LookupResult) -> None:
        """Found (by the search or another way, say as a deleted entry): the offer goes."""
        self._searching = None
        self._withdraw()
        if not isinstance(result, ReportsResult) or result.found_in is None:
            return
        quota = result.response.quota.remaining
        self._status.showMessage(
            f"Found entry {result.request.entry_id} in {result.found_in.label} after "
            f"{self._cost(result.requests)}"
            + (f" · quota left {quota}" if quota is not None else "")
        )

    def _lookup_failed(self, request: LookupRequest, error: ApiError) -> None:
        """A v9 404 offers the search (or starts it); a search's failure says its cost."""
        searched, self._searching = self._searching, None
        if searched is not None:
            sent = error.record.attempts if error.record else self._requests_sent
            text = f"Reports search for entry {searched.entry_id} ended after {self._cost(sent)}."
            self.panel.status_label.setText(text)
            self._status.showMessage(text)
            if isinstance(error, NotFoundInReports):
                self._offer_further(self._older_than(searched))
        elif isinstance(error, NotFound) and self._runner.current_search is None:
            self.offer(request.entry_id)  # v9's 404 (another part's search keeps the offer)

    def _older_than(self, searched: ReportsRequest) -> ReportsRequest | None:
        """The ``years`` calendar years before those ``searched`` (None: Toggl's first)."""
        lookup = self._runner.lookup
        if searched.since is not None:
            oldest = searched.since.year
        elif lookup is not None:  # as the search counts: from the user's today
            oldest = (lookup.clock().date() + timedelta(days=1)).year - searched.years + 1
        else:
            return None
        newest = oldest - 1
        if newest < EARLIEST_REPORT_YEAR:
            return None
        first = max(newest - self.years + 1, EARLIEST_REPORT_YEAR)
        return ReportsRequest(
            searched.entry_id,
            searched.workspace_id,
            searched.workspace_name,
            since=date(first, 1, 1),
            until=date(newest, 12, 31),
        )

    def _offer_further(self, request: ReportsRequest | None) -> None:
        self._further = request
        button = self.panel.further_button
        if request is not None and request.since is not None and request.until is not None:
            years = request.until.year - request.since.year + 1
            span = _years_text(request)
            button.setText(f"Search further back: {span}")
            button.setToolTip(
                f"Search {span} in the same workspace: at least {years} more "
                f"request{'s' if years > 1 else ''}, each counted against the quota"
            )
        button.setVisible(request is not None)

    def search_further_back(self) -> None:
        """The panel's button after nothing was found: the older years, same workspace."""
        request = self._further
        if request is not None and self._offered == request.entry_id:
            self._run_search(request)

    def shut_down(self) -> None:
        if self._loading is not None:
            self._loading.cancel()

    # --- the offer and the search ---------------------------------------------------------
    def offer(self, entry_id: int) -> None:
        self._offered = entry_id
        self.panel.offer_label.setText(
            f"Search entry {entry_id} in a workspace's reports: the last {self.years} "
            "calendar years, newest first; each request counts against Toggl's hourly quota."
        )
        self.panel.status_label.setText("")
        self._offer_further(None)
        self._fill_workspaces()
        self.panel.setVisible(True)
        workspace = self.known_workspace()
        if self.auto_search and workspace is not None:
            # Once the failed lookup's task has finished: a search replaces it, not nests.
            QTimer.singleShot(0, lambda: self._search_if_still_offered(entry_id, workspace))
        elif self._workspaces is None:
            self._load_workspaces()

    def _search_if_still_offered(self, entry_id: int, workspace_id: int) -> None:
        if self._offered == entry_id and not self._runner.is_running:
            self.search(entry_id, workspace_id)

    def search_offered(self) -> None:
        """The panel's button: search in the chosen workspace, and remember the choice."""
        if self._offered is None:
            return
        workspace = self._chosen_workspace()
        if workspace is None:
            return
        self._settings.setValue(self._workspace_key(), workspace)
        self._settings.sync()
        self.search(self._offered, workspace)

    def search(self, entry_id: int, workspace_id: int) -> None:
        self._run_search(
            ReportsRequest(entry_id, workspace_id, self._name_of(workspace_id), years=self.years)
        )

    def _run_search(self, request: ReportsRequest) -> None:
        lookup = self._runner.lookup
        if lookup is None:
            return
        from inspector.services.reports import ReportsSearch  # httpx: after the first paint

        entry_id = request.entry_id
        searcher = ReportsSearch(lookup)

        def run(
            on_wait: Callable[[RetryWait], None], on_progress: Callable[[SearchProgress], None]
        ) -> Awaitable[LookupResult]:
            return searcher.search(request, on_progress, on_wait)

        self._last_search, self._last_run = request, run
        self._runner.start(LookupRequest(entry_id), run)
        years = f", {_years_text(request)}" if request.until is not None else ""
        text = f"Searching the Reports API of workspace {request.workspace_label}{years}…"
        self.panel.status_label.setText(text)
        self._status.showMessage(text)

    def _chosen_workspace(self) -> int | None:
        combo = self.panel.workspace_combo
        text = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and text == combo.itemText(index):
            return int(combo.itemData(index))
        if text.isascii() and text.isdigit() and 0 < int(text) < 2**63:
            return int(text)
        self.panel.status_label.setText(
            "Choose the workspace to search from the list, or type its ID (digits only)."
            if not text
            else f"“{text}” is not a workspace: choose one from the list, or "
            "type its ID (digits only)."
        )
        return None

    def _name_of(self, workspace_id: int) -> str:
        for workspace in self._workspaces or ():
            if workspace.workspace_id == workspace_id:
                return workspace.name
        return ""

    def _fill_workspaces(self) -> None:
        combo = self.panel.workspace_combo
        typed = combo.currentText() if combo.currentIndex() < 0 else ""
        combo.clear()
        for workspace in self._workspaces or ():
            combo.addItem(
                f"{shown_line(workspace.name)} ({workspace.workspace_id})"
                if workspace.name
                else str(workspace.workspace_id),
                workspace.workspace_id,
            )
        preferred = self.known_workspace()
        if preferred is None:
            combo.setCurrentIndex(-1)
            combo.setEditText(typed)  # what the person typed meanwhile stays
            return
        index = combo.findData(preferred)
        if index < 0:
            combo.addItem(f"Workspace {preferred}", preferred)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _load_workspaces(self) -> None:
        lookup = self._runner.lookup
        if lookup is None or (self._loading is not None and not self._loading.done()):
            return
        import asyncio

        from inspector.services.reports import ReportsSearch

        self._loading = asyncio.ensure_future(self._load(ReportsSearch(lookup)))

    async def _load(self, search: ReportsSearch) -> None:
        line = self.panel.workspace_line
        line.setPlaceholderText("Loading your workspaces…")
        try:
            self._workspaces = await search.workspaces()
        except ApiError as error:
            line.setPlaceholderText("Type a workspace ID")
            self.panel.status_label.setText(
                f"Your workspaces could not be listed: {error.message} Type a workspace ID instead."
            )
            return
        line.setPlaceholderText("Choose or type a workspace ID")
        self._fill_workspaces()
        self.workspaces_loaded.emit()

    @staticmethod
    def _cost(requests: int) -> str:
        noun = "request" if requests == 1 else "requests"
        return f"{requests} {noun} ({requests} counted against the quota)"
