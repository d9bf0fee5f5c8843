"""The inspector's main window: composes the parts (lookup bar, banner, Reports panel, entry
panel, demo list, accounts), owns the menus, the status bar and the window's own settings.
The parts talk through signals; none of them knows this class.

Built in two steps: what the first paint shows (lookup bar, summary, Fields tab, menu
titles, status bar), then right after it the rest with its modules (``finish_building``). A
window given its lookup machinery at once (tests, scripts) is built whole at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from inspector.ui.account_label import AccountLabel
from inspector.ui.entry_panel import EntryPanel
from inspector.ui.lookup_bar import LookupBar
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.status import StatusLine

if TYPE_CHECKING:  # imported for real only after the first paint (finish_building)
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from inspector.accounts import AccountFile
    from inspector.demo.dataset import DemoEntry
    from inspector.domain.entry_view import EntryView
    from inspector.domain.identity import Identity
    from inspector.history import HistoryEntry
    from inspector.services import LookupResult
    from inspector.services.lookup import EntryLookup
    from inspector.services.lookup_history import HistoryService
    from inspector.ui.about_dialog import AboutDialog
    from inspector.ui.context_protocol import ContextServiceFactory
    from inspector.ui.demo_panel import DemoPanel
    from inspector.ui.network_settings_dialog import NetworkSettingsDialog

SETTINGS_GEOMETRY = "window/geometry"


def utc_now() -> datetime:
    """The default clock (inspector.services.utc_now, imported when first asked)."""
    from inspector.services import utc_now as services_utc_now

    return services_utc_now()


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
        self._clock = clock
        self._startup_hint = startup_hint
        self._painted = False
        self._built = False
        self.setWindowTitle("Toggl Entry Inspector")
        self._status = StatusLine()
        self.setStatusBar(self._status)

        self._context_services = context_services
        self._history_service = history_service
        self.runner = LookupRunner(lookup, self)
        self.runner.finished.connect(self.lookup_finished)
        self.lookup_bar = LookupBar(self.runner, settings, self._status)
        self._account_file = account_file
        self.entry_panel = EntryPanel(self.runner, self._status, clock, identity=self._own_identity)
        self.demo_panel: DemoPanel | None = None
        if demo_entries:
            from inspector.ui.demo_panel import DemoPanel

            self.demo_panel = DemoPanel(demo_entries)
        # The menus' titles are on the first paint; their actions come with their parts.
        titles = ("&Edit", "&View", "&Tools", "&Help")
        self._menus = {title: self.menuBar().addMenu(title) for title in titles}
        self._account_menu = self.menuBar().addMenu("&Account")
        self._lay_out()
        self._account_label = AccountLabel()  # as high as it stays: the status bar never moves
        self._status.addPermanentWidget(self._account_label)

        geometry = settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if lookup is not None:
            self.finish_building()
            self.accounts.attach(lookup)
            self._attach_context(lookup)

    # --- construction -------------------------------------------------------------------
    def finish_building(self) -> None:
        """Everything the first paint does not show, and the wiring between the parts, in
        the order the parts listen to the runner (once; launch calls it after the first
        paint)."""
        if self._built:
            return
        self._built = True
        from inspector.account_session import AccountSession
        from inspector.ui.accounts_controller import AccountsController
        from inspector.ui.batch_controller import BatchController
        from inspector.ui.context_controller import ContextController
        from inspector.ui.deleted_check import DeletedCheck
        from inspector.ui.history_panel import HistoryPanel
        from inspector.ui.lookup_feedback import LookupFeedback
        from inspector.ui.message_banner import MessageBanner
        from inspector.ui.reports_controller import ReportsController
        from inspector.ui.style import app_icon, name_inner_parts
        from inspector.ui.text_drops import TextDrops
        from inspector.ui.ticket_copy import TicketCopy

        status, clock, settings = self._status, self._clock, self._settings
        self.lookup_bar.finish_building()
        self.message_banner = MessageBanner()
        self.feedback = LookupFeedback(
            self.runner, self.message_banner, status, self, asker=self._asker_text
        )
        session = AccountSession(self._account_file)
        self.accounts = AccountsController(
            session, status, self, label=self._account_label, menu=self._account_menu
        )
        # The parts below follow the feedback: what they say (a Reports search, a context
        # loading, a deleted entry found) is the status line's last word.
        self.context = ContextController(self.runner, status, settings, self)
        self.entry_panel.finish_building(self.context)
        self.reports = ReportsController(self.runner, session, status, settings, self)
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
        self.several_ids.sign_in_needed.connect(self._show_problem)
        self.lookup_bar.several_ids_pasted.connect(self.several_ids.take_pasted)
        TextDrops(self).text_dropped.connect(self.several_ids.take_text)
        self._fill_menus()
        # Messages take the entry's place above the summary (its height is the splitter's):
        # what appears there never moves the tabs, the demo list or the window's size.
        for notice in (self.message_banner, self.reports.panel, self.history.banner):
            self.entry_panel.notices.add(notice)
        name_inner_parts(self)  # Qt's own parts of our controls, named for screen readers

        self.accounts.signed_in.connect(self.runner.signed_in)
        self.accounts.sign_in_abandoned.connect(self.runner.forget_retry_after_sign_in)
        self.accounts.account_changed.connect(self._after_account_change)
        self.accounts.problem.connect(self._show_problem)
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
        self.setWindowIcon(app_icon())  # loads the SVG plugin: not before the first paint
        if self._startup_hint:
            self.show_banner(self._startup_hint, "hint")

    def _fill_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        edit = self._menus["&Edit"]
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
        self.history_action = self.history.toggleViewAction()
        self.history_action.setText("&History")
        self.history_action.setObjectName("historyAction")
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self._menus["&View"].addAction(self.history_action)
        self.addAction(self.history_action)
        self._menus["&View"].addAction(self.several_ids.show_action)
        tools = self._menus["&Tools"]
        self.settings_action = QAction("&Network settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_network_settings)
        tools.addAction(self.settings_action)
        tools.addAction(self.reports.settings_action)
        tools.addAction(self.lookup_bar.options_mark.refetch_action)
        tools.addAction(self.context.settings_action)
        self.about_action = QAction("&About Toggl Entry Inspector", self)
        self.about_action.triggered.connect(self.open_about)
        self._menus["&Help"].addAction(self.about_action)

    def _lay_out(self) -> None:
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
        if self._built:
            self.reports.shut_down()
            self.context.shut_down()
            self.history.shut_down()
            self.several_ids.shut_down()
        self.entry_panel.stop()
        self._settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
        self.closed.emit()

    def set_lookup(self, lookup: EntryLookup, *, memory_only_accounts: bool = False) -> None:
        """The window is shown before the lookup machinery is loaded; this attaches it."""
        self.finish_building()
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
        from inspector.ui.context_protocol import default_context_service

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

    def _show_problem(self, text: str, offer_sign_in: bool) -> None:
        self.show_banner(text, "error", offer_sign_in=offer_sign_in)

    def show_banner(
        self, text: str, kind: str, *, offer_retry: bool = False, offer_sign_in: bool = False
    ) -> None:
        banner = self.message_banner
        banner.show_message(text, kind, offer_retry=offer_retry, offer_sign_in=offer_sign_in)

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
        from inspector.ui.network_settings_dialog import open_network_settings

        runner = self.runner
        return open_network_settings(self, self._settings, lambda: runner.lookup, self._status)

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
