"""The inspector's main window: composes the parts (lookup bar, banner, Reports panel, entry
panel, demo list, accounts), owns the menus, the status bar and the window's own settings.
The parts talk through signals; none of them knows this class."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from inspector.account_session import AccountSession
from inspector.services import NetworkSettings, utc_now
from inspector.ui.accounts_controller import AccountsController
from inspector.ui.batch_controller import BatchController
from inspector.ui.context_controller import ContextController
from inspector.ui.deleted_check import DeletedCheck
from inspector.ui.demo_panel import DemoPanel
from inspector.ui.entry_panel import EntryPanel
from inspector.ui.history_panel import HistoryPanel
from inspector.ui.lookup_bar import LookupBar
from inspector.ui.lookup_feedback import LookupFeedback
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.message_banner import MessageBanner
from inspector.ui.reports_controller import ReportsController
from inspector.ui.status import StatusLine
from inspector.ui.style import app_icon, name_inner_parts
from inspector.ui.text_drops import TextDrops
from inspector.ui.ticket_copy import TicketCopy

if TYPE_CHECKING:  # imported for real only after the first paint (see ui.launch)
    from inspector.accounts import AccountFile
    from inspector.demo.dataset import DemoEntry
    from inspector.domain.entry_view import EntryView
    from inspector.domain.identity import Identity
    from inspector.history import HistoryEntry
    from inspector.services import LookupResult
    from inspector.services.lookup import EntryLookup
    from inspector.services.lookup_history import HistoryService
    from inspector.ui.about_dialog import AboutDialog
    from inspector.ui.context_protocol import ContextService, ContextServiceFactory
    from inspector.ui.network_settings_dialog import NetworkSettingsDialog

SETTINGS_GEOMETRY = "window/geometry"


def default_context_service(
    lookup: EntryLookup, own_identity: Callable[[], Identity | None]
) -> ContextService | None:
    """The service explaining entries (inspector.services.context), made when the lookup
    machinery is attached, after the first paint (it imports httpx)."""
    from inspector.services.context import ContextService as RealContextService

    return RealContextService(lookup, own_identity)


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
        context_services: ContextServiceFactory | None = None,
        history_service: Callable[[], HistoryService] | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._painted = False
        self.setWindowTitle("Toggl Entry Inspector")
        self.setWindowIcon(app_icon())
        status = StatusLine()
        self.setStatusBar(status)

        self._context_services = context_services
        self._history_service = history_service
        self.runner = LookupRunner(lookup, self)
        self.runner.finished.connect(self.lookup_finished)
        self.lookup_bar = LookupBar(self.runner, settings, status)
        self.message_banner = MessageBanner()
        self.feedback = LookupFeedback(
            self.runner, self.message_banner, status, self, asker=self._asker_text
        )
        self.accounts = AccountsController(AccountSession(account_file), status, self)
        # The parts below follow the feedback: what they say (a Reports search, a context
        # loading, a deleted entry found) is the status line's last word.
        self.context = ContextController(self.runner, status, settings, self)
        self.entry_panel = EntryPanel(
            self.runner, status, clock, self.context, identity=self._own_identity
        )
        self.reports = ReportsController(self.runner, self.accounts.session, status, settings, self)
        self.deleted_check = DeletedCheck(self.runner, status, lambda: self.context.reserve, self)
        self.reports.panel.add_offer(self.deleted_check.offer)
        self.ticket_copy = TicketCopy(
            self.runner, lambda: self.entry_panel.shown, status, clock, self._account_email, self
        )
        self.entry_panel.tree.add_menu_actions(self.ticket_copy.actions)
        self.history = HistoryPanel(self.runner, status, clock, self._account_name, settings, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.stored_chosen.connect(self._show_stored)
        self.history.changes_found.connect(self.entry_panel.changes_view.show_changes)
        self.history.compared.connect(self.entry_panel.changes_view.show_comparison)
        self.history.lookups_listed.connect(self.lookup_bar.recall.set_lookups)
        self.history.lookup_recorded.connect(self.lookup_bar.recall.remember)
        self.history.banner.refresh_requested.connect(self.lookup_bar.look_up)
        self.history.problem.connect(lambda text: status.showMessage(f"History: {text}", 8000))
        self.several_ids = BatchController(
            self.runner, status, clock, self._account_name, self._lookup_options, settings, self
        )
        self.several_ids.panel_built.connect(
            lambda dock: self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        )
        self.several_ids.found.connect(self.history.record)
        self.several_ids.result_chosen.connect(self._show_found_earlier)
        self.several_ids.single_id.connect(self.lookup_bar.look_up)
        self.several_ids.sign_in_needed.connect(
            lambda text, offer: self.show_banner(text, "error", offer_sign_in=offer)
        )
        self.lookup_bar.several_ids_pasted.connect(self.several_ids.take_pasted)
        TextDrops(self).text_dropped.connect(self.several_ids.take_text)
        self.demo_panel = DemoPanel(demo_entries) if demo_entries else None
        self._build_menus()
        self._lay_out()
        status.addPermanentWidget(self.accounts.label)
        name_inner_parts(self)  # Qt's own parts of our controls, named for screen readers

        self.accounts.signed_in.connect(self.runner.signed_in)
        self.accounts.sign_in_abandoned.connect(self.runner.forget_retry_after_sign_in)
        self.accounts.account_changed.connect(self._after_account_change)
        self.accounts.problem.connect(
            lambda text, offer: self.show_banner(text, "error", offer_sign_in=offer)
        )
        self.message_banner.sign_in_requested.connect(self._sign_in_from_banner)
        if self.demo_panel is not None:
            self.demo_panel.entry_chosen.connect(self.lookup_bar.look_up)
            self.lookup_bar.typed_id_changed.connect(self.demo_panel.follow)
        # Another ID typed, or another entry shown without a lookup (a stored answer, a row
        # of several IDs): what was said about the previous one goes, and so does a hint.
        for part in (self.feedback, self.reports, self.deleted_check):
            self.lookup_bar.typed_id_changed.connect(part.withdraw_unless_about)
            self.entry_panel.entry_shown.connect(part.withdraw_unless_about)
        self.entry_panel.entry_shown.connect(self.message_banner.withdraw_hint)
        self.entry_panel.shown_changed.connect(self.lookup_bar.options_mark.follow_shown)

        geometry = settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if lookup is not None:
            self.accounts.attach(lookup)
            self._attach_context(lookup)
        if startup_hint:
            self.show_banner(startup_hint, "hint")

    # --- construction -------------------------------------------------------------------
    def _build_menus(self) -> None:
        edit = self.menuBar().addMenu("&Edit")
        edit.aboutToShow.connect(self.ticket_copy.update_enabled)
        self.focus_id_action = QAction("&Go to the entry ID", self)
        self.focus_id_action.setObjectName("focusEntryIdAction")
        self.focus_id_action.setShortcut(QKeySequence("Ctrl+L"))
        self.focus_id_action.triggered.connect(self.lookup_bar.focus_id_input)
        edit.addAction(self.focus_id_action)
        self.addAction(self.focus_id_action)
        edit.addSeparator()
        for action in self.ticket_copy.actions:
            edit.addAction(action)
            self.addAction(action)  # the shortcuts work with the menu closed
        view = self.menuBar().addMenu("&View")
        self.history_action = self.history.toggleViewAction()
        self.history_action.setText("&History")
        self.history_action.setObjectName("historyAction")
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(self.history_action)
        self.addAction(self.history_action)
        view.addAction(self.several_ids.show_action)
        tools = self.menuBar().addMenu("&Tools")
        self.settings_action = QAction("&Network settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_network_settings)
        tools.addAction(self.settings_action)
        tools.addAction(self.reports.settings_action)
        tools.addAction(self.lookup_bar.options_mark.refetch_action)
        tools.addAction(self.context.settings_action)
        self.about_action = QAction("&About Toggl Entry Inspector", self)
        self.about_action.triggered.connect(self.open_about)
        self.menuBar().addMenu("&Help").addAction(self.about_action)
        self.menuBar().addMenu(self.accounts.menu)

    def _lay_out(self) -> None:
        # Messages take the entry's place above the summary (its height is the splitter's):
        # what appears there never moves the tabs, the demo list or the window's size.
        for notice in (self.message_banner, self.reports.panel, self.history.banner):
            self.entry_panel.notices.add(notice)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lookup_bar)
        layout.addWidget(self.entry_panel, 1)
        # The demo list beside the whole column: nothing in the column moves it.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(column)
        self.splitter.setCollapsible(0, False)
        if self.demo_panel is not None:
            # As wide as its labels need when there is room; a narrower window takes from
            # both sides, the entry's more.
            self.splitter.addWidget(self.demo_panel)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.resize(1280 if self.demo_panel is not None else 1100, 720)

    # --- the window's life ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel(quiet=True)
        self.reports.shut_down()
        self.context.shut_down()
        self.entry_panel.stop()
        self.history.shut_down()
        self.several_ids.shut_down()
        self._settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
        self.closed.emit()

    def set_lookup(self, lookup: EntryLookup, *, memory_only_accounts: bool = False) -> None:
        """The window is shown before the lookup machinery is loaded; this attaches it."""
        self.runner.attach(lookup)
        self.accounts.attach(lookup, memory_only=memory_only_accounts)
        self._attach_context(lookup)

    def _attach_history(self) -> None:
        """The history service (its database is opened by its first call, on its thread)."""
        if self.history.service is not None:
            return
        if self._history_service is not None:
            self.history.attach(self._history_service())
            return
        from inspector.services.lookup_history import HistoryService

        self.history.attach(HistoryService())

    def _attach_context(self, lookup: EntryLookup) -> None:
        self._attach_history()
        make = self._context_services or default_context_service
        service = make(lookup, self._own_identity)
        self.context.attach(service)
        self.deleted_check.attach(service)

    def _own_identity(self) -> Identity | None:
        """Who is signed in (the owner of every /me/time_entries answer), as saved; None
        when TOGGL_API_TOKEN speaks instead (its owner is not known without asking /me)."""
        session = self.accounts.session
        if session.environment_token_set:
            return None
        active = session.active
        return active.identity if active is not None else None

    def _account_name(self) -> str:
        """Who asked, for the history: the account's email, or the credential's source."""
        lookup = self.runner.lookup
        overriding = lookup.credentials.overriding if lookup is not None else None
        if overriding is not None:
            return overriding.source
        return self._account_email() or "no account"

    def _show_stored(self, view: EntryView, body: str, entry: HistoryEntry) -> None:
        self.entry_panel.show_stored(view, body)
        self.ticket_copy.update_enabled()

    def _asker_text(self) -> str:
        return self.accounts.session.asker_text()

    def _show_found_earlier(self, result: LookupResult, fetched_at: datetime) -> None:
        """A row of the several-IDs table, as it was found (no request; Refresh asks)."""
        self.context.clear()
        self.entry_panel.show_result(result)
        self.ticket_copy.mark_fetched_at(result, fetched_at)
        self.history.banner.say(result.request.entry_id, fetched_at)

    def _lookup_options(self) -> tuple[bool, bool]:
        bar = self.lookup_bar
        return bar.meta_box.isChecked(), bar.sharing_box.isChecked()

    def _account_email(self) -> str | None:
        active = self.accounts.session.active
        return active.email if active is not None else None

    # --- what launch, the self-test, scripts and tests drive -------------------------------
    @property
    def entry_lookup(self) -> EntryLookup | None:
        return self.runner.lookup

    @property
    def is_looking_up(self) -> bool:
        return self.runner.is_running

    def start_lookup(self) -> None:
        """Look up what the ID field holds, as Enter or Fetch would."""
        self.lookup_bar.submit()

    def cancel_lookup(self, quiet: bool = False) -> None:
        self.runner.cancel(quiet)

    async def wait_for_lookup(self) -> None:
        await self.runner.wait()

    def show_banner(
        self, text: str, kind: str, *, offer_retry: bool = False, offer_sign_in: bool = False
    ) -> None:
        self.message_banner.show_message(
            text, kind, offer_retry=offer_retry, offer_sign_in=offer_sign_in
        )

    # --- between the parts ----------------------------------------------------------------
    def _sign_in_from_banner(self) -> None:
        self.runner.retry_after_sign_in()
        self.accounts.open_sign_in()

    def _after_account_change(self) -> None:
        """What another account's credential fetched is not shown under this one."""
        self.runner.cancel(quiet=True)
        self.reports.account_changed()
        self.context.clear()
        self.entry_panel.clear()
        self.message_banner.clear()
        self.several_ids.account_changed()

    # --- dialogs ----------------------------------------------------------------------------
    def open_network_settings(self) -> NetworkSettingsDialog:
        # Dialogs are loaded when first opened: their widgets cost start-up time otherwise.
        from inspector.ui.network_settings_dialog import (
            NetworkSettingsDialog,
            load_network_settings,
        )

        lookup = self.runner.lookup
        dialog = NetworkSettingsDialog(
            lookup.network if lookup else load_network_settings(self._settings), self
        )
        dialog.applied.connect(self._apply_network_settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _apply_network_settings(self, network: NetworkSettings) -> None:
        from inspector.ui.network_settings_dialog import save_network_settings

        if self.runner.lookup is not None:
            self.runner.lookup.network = network
        save_network_settings(self._settings, network)
        self.statusBar().showMessage("Network settings saved; they apply to the next lookup.", 5000)

    def open_about(self) -> AboutDialog:
        from inspector.ui.about_dialog import AboutDialog, file_places

        history = self.history.service
        places = file_places(
            self._settings,
            self.accounts.session.file_path,
            history.recorder.path if history is not None else None,
        )
        dialog = AboutDialog(self, places)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
