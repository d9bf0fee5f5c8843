"""The history at work in the window (issue #14): Up/Down in the empty ID field walk it,
*Record lookups* off records nothing (and stays off after a restart), *Clear history…*
erases it (asked first), and two lookups chosen in the dock are compared in the Changes tab
from their stored answers, with no request."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from gui_actions import VIEWER_ZONE, look_up
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.history import FILE_NAME, LookupHistory
from inspector.services.lookup import EntryLookup
from inspector.services.lookup_history import HistoryService
from inspector.ui.main_window import MainWindow

ENTRY = "/api/v9/me/time_entries/"
FIRST, SECOND = "5000000001", "5000000002"


@pytest.fixture
def data_dir(monkeypatch, tmp_path) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(data))
    return data


@pytest.fixture
def reopen(qtbot, http_client, demo_server, account_file, tmp_path):
    """The window started anew: new settings object on the same file, same history."""

    def make() -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        credentials = CredentialResolver(fixed=Credential(demo_server.token, "demo"))
        lookup = EntryLookup(
            http_client, ApiUrl(demo_server.url), credentials, local_zone=VIEWER_ZONE
        )
        window = MainWindow(lookup, settings, account_file=account_file)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def stored_rows(data_dir: Path) -> int:
    """Rows in the history database, read as another program would."""
    if not (data_dir / FILE_NAME).exists():
        return 0
    history = LookupHistory(data_dir / FILE_NAME)
    try:
        return history.count()
    finally:
        history.close()


def entry_requests(demo_server) -> int:
    return sum(1 for target in demo_server.received_targets if target.startswith(ENTRY))


def settled(qtbot, window) -> None:
    """The history has recorded, listed and fed the walk all it was given."""
    qtbot.waitUntil(lambda: window.history.service is not None and window.history.idle)


def items(window) -> list[str]:
    return [window.history.list.item(row).text() for row in range(window.history.list.count())]


def open_history(qtbot, window) -> None:
    if not window.history.isVisible():
        window.history_action.trigger()
    qtbot.waitUntil(window.history.isVisible)


def key(qtbot, window, which: Qt.Key) -> str:
    qtbot.keyClick(window.lookup_bar.id_input, which)
    return window.lookup_bar.id_input.text()


def close(qtbot, window) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())


# --- Up/Down in the ID field ------------------------------------------------------------
def test_up_and_down_in_the_empty_id_field_walk_the_lookups_sending_nothing(
    qtbot, make_window, demo_server, data_dir
):
    window = make_window()
    bar = window.lookup_bar
    bar.meta_box.setChecked(True)
    look_up(qtbot, window, FIRST)
    bar.meta_box.setChecked(False)
    look_up(qtbot, window, SECOND)
    look_up(qtbot, window, FIRST)  # again: walked once, as the newest
    look_up(qtbot, window, SECOND)
    settled(qtbot, window)
    bar.id_input.clear()
    sent = entry_requests(demo_server)

    assert key(qtbot, window, Qt.Key.Key_Up) == SECOND
    assert not bar.meta_box.isChecked()
    assert key(qtbot, window, Qt.Key.Key_Up) == FIRST
    assert not bar.meta_box.isChecked()  # its newest lookup was without meta
    assert key(qtbot, window, Qt.Key.Key_Up) == FIRST  # the oldest stays
    assert key(qtbot, window, Qt.Key.Key_Down) == SECOND
    assert key(qtbot, window, Qt.Key.Key_Down) == ""  # past the newest: empty again
    assert key(qtbot, window, Qt.Key.Key_Down) == ""
    assert entry_requests(demo_server) == sent  # nothing until Enter
    assert not bar.id_error.isVisible() and not window.message_banner.isVisible()

    # Typing ends the walk; a field with something typed keeps its keys.
    assert key(qtbot, window, Qt.Key.Key_Up) == SECOND
    qtbot.keyClick(bar.id_input, Qt.Key.Key_Backspace)
    assert key(qtbot, window, Qt.Key.Key_Up) == SECOND[:-1]
    assert key(qtbot, window, Qt.Key.Key_Down) == SECOND[:-1]

    # Enter on a walked ID looks it up, as typed.
    bar.id_input.clear()
    key(qtbot, window, Qt.Key.Key_Up)
    key(qtbot, window, Qt.Key.Key_Up)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        qtbot.keyClick(bar.id_input, Qt.Key.Key_Return)
    assert found.args[0].request.entry_id == int(FIRST)
    assert entry_requests(demo_server) == sent + 1


def test_the_walk_restores_the_options_and_starts_from_the_history_after_a_restart(
    qtbot, make_window, reopen, data_dir
):
    window = make_window()
    window.lookup_bar.meta_box.setChecked(True)
    window.lookup_bar.sharing_box.setChecked(True)
    look_up(qtbot, window, FIRST)
    settled(qtbot, window)
    close(qtbot, window)

    again = reopen()
    bar = again.lookup_bar
    bar.meta_box.setChecked(False)
    bar.sharing_box.setChecked(False)
    settled(qtbot, again)  # the newest lookups were read from the database
    assert key(qtbot, again, Qt.Key.Key_Up) == FIRST
    assert bar.meta_box.isChecked() and bar.sharing_box.isChecked()  # as it was asked
    assert key(qtbot, again, Qt.Key.Key_Down) == ""
    assert not bar.meta_box.isChecked() and not bar.sharing_box.isChecked()  # as before


def test_with_an_empty_history_up_does_nothing_and_says_nothing(qtbot, make_window, data_dir):
    window = make_window()
    settled(qtbot, window)
    message = window.statusBar().currentMessage()
    assert key(qtbot, window, Qt.Key.Key_Up) == ""
    assert key(qtbot, window, Qt.Key.Key_Down) == ""
    assert window.statusBar().currentMessage() == message
    assert not window.lookup_bar.id_error.isVisible() and not window.message_banner.isVisible()


# --- Record lookups, Clear history ------------------------------------------------------
def test_with_record_lookups_off_nothing_is_recorded_even_after_a_restart(
    qtbot, make_window, reopen, demo_server, data_dir
):
    window = make_window()
    open_history(qtbot, window)
    controls = window.history.controls
    assert controls.record_box.isChecked() and not controls.off_label.isVisible()
    look_up(qtbot, window, FIRST)  # recorded: it can be opened and refreshed later
    settled(qtbot, window)
    assert stored_rows(data_dir) == 1

    controls.record_box.click()
    assert not controls.record_box.isChecked()
    assert "not recorded" in controls.off_label.full_text and controls.off_label.isVisible()
    look_up(qtbot, window, SECOND)
    window.history.list.itemActivated.emit(window.history.list.item(0))
    qtbot.waitUntil(window.history.banner.isVisible)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        window.history.banner.refresh.click()  # Refresh: a lookup like any other
    settled(qtbot, window)
    assert stored_rows(data_dir) == 1
    assert len(items(window)) == 1
    window.lookup_bar.id_input.clear()
    assert key(qtbot, window, Qt.Key.Key_Up) == FIRST  # the unrecorded ones are not walked
    close(qtbot, window)

    again = reopen()
    settled(qtbot, again)
    assert not again.history.controls.record_box.isChecked()
    look_up(qtbot, again, SECOND)
    settled(qtbot, again)
    assert stored_rows(data_dir) == 1

    again.history.controls.record_box.click()  # on again: recorded again
    look_up(qtbot, again, SECOND)
    settled(qtbot, again)
    assert stored_rows(data_dir) == 2


def test_the_environment_turns_recording_off_whatever_the_setting(
    qtbot, make_window, data_dir, monkeypatch
):
    monkeypatch.setenv("TOGGL_INSPECTOR_HISTORY", "off")
    window = make_window()
    settled(qtbot, window)
    controls = window.history.controls
    assert not controls.record_box.isChecked() and not controls.record_box.isEnabled()
    assert "TOGGL_INSPECTOR_HISTORY=off" in controls.off_label.full_text
    look_up(qtbot, window, FIRST)
    settled(qtbot, window)
    assert stored_rows(data_dir) == 0
    assert key(qtbot, window, Qt.Key.Key_Up) == FIRST  # typed by look_up: not a walk
    window.lookup_bar.id_input.clear()
    assert key(qtbot, window, Qt.Key.Key_Up) == ""


def test_clear_history_asks_first_then_erases_every_lookup(qtbot, make_window, reopen, data_dir):
    window = make_window()
    look_up(qtbot, window, FIRST)
    look_up(qtbot, window, SECOND)
    open_history(qtbot, window)
    qtbot.waitUntil(lambda: len(items(window)) == 2)

    box = window.history.controls.ask_to_clear()  # as the button does
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Cancel).click()
    settled(qtbot, window)
    assert stored_rows(data_dir) == 2 and len(items(window)) == 2

    window.history.controls.clear_button.click()
    box = window.history.controls.confirm
    qtbot.waitUntil(box.isVisible)
    assert box.objectName() == "historyClearConfirm"
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: items(window) == [])
    settled(qtbot, window)
    assert stored_rows(data_dir) == 0
    assert window.statusBar().currentMessage() == "History cleared."
    window.lookup_bar.id_input.clear()
    assert key(qtbot, window, Qt.Key.Key_Up) == ""  # nothing left to walk
    close(qtbot, window)

    again = reopen()
    open_history(qtbot, again)
    settled(qtbot, again)
    assert items(again) == [] and stored_rows(data_dir) == 0


# --- Two lookups compared ---------------------------------------------------------------
def changes(window) -> list[tuple[str, str, str]]:
    tree = window.entry_panel.changes_view.list
    return [
        tuple(tree.topLevelItem(row).text(column) for column in range(3))
        for row in range(tree.topLevelItemCount())
    ]


def choose(window, *rows: int) -> None:
    window.history.list.clearSelection()
    for row in rows:
        window.history.list.item(row).setSelected(True)


def test_two_entries_from_the_history_are_compared_side_by_side_without_a_request(
    qtbot, make_window, demo_server, data_dir
):
    window = make_window()
    look_up(qtbot, window, FIRST)
    look_up(qtbot, window, SECOND)
    open_history(qtbot, window)
    qtbot.waitUntil(lambda: len(items(window)) == 2)
    history = window.history
    choose(window, 0)
    assert not history.compare_action.isEnabled()  # two are needed
    choose(window, 0, 1)
    assert history.compare_action.isEnabled()
    sent = entry_requests(demo_server)

    panel = window.entry_panel
    history.compare_button.click()
    qtbot.waitUntil(lambda: panel.tabs.currentWidget() is panel.changes_view)
    rows = {path: (a, b) for path, a, b in changes(window)}
    old, new = demo_server.entries[int(FIRST)], demo_server.entries[int(SECOND)]
    for field in ("id", "description", "duration", "start"):
        assert field in rows, field
    assert rows["id"] == (FIRST, SECOND)
    assert old["description"] in rows["description"][0]
    assert new["description"] in rows["description"][1]
    assert rows["duration"][1] == "-1"  # the second is running
    header = panel.changes_view.list.headerItem()
    assert (header.text(1), header.text(2)) == (f"A: entry {FIRST}", f"B: entry {SECOND}")
    heading = panel.changes_view.label.full_text
    assert f"A: entry {FIRST} as fetched at" in heading
    assert f"B: entry {SECOND} as fetched at" in heading
    assert f"{len(rows)} fields differ" in heading
    assert panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.changes_view))
    assert entry_requests(demo_server) == sent  # stored answers only

    # A lookup that holds no answer is named, not compared; a new lookup clears the tab.
    look_up(qtbot, window, "5000000999")  # not found
    qtbot.waitUntil(lambda: len(items(window)) == 3)
    choose(window, 0, 1)
    history.compare_action.trigger()
    qtbot.waitUntil(lambda: "Not compared" in window.statusBar().currentMessage())
    assert "entry 5000000999" in window.statusBar().currentMessage()
    assert "not found" in window.statusBar().currentMessage()
    assert changes(window) == []


class ListingAfterALookup(HistoryService):
    """The history's first listing for the walk comes back only once let go: a lookup is
    recorded meanwhile, as on a slow disk at start-up."""

    def __init__(self) -> None:
        super().__init__()
        self.let_go = asyncio.Event()

    async def recent(self, limit: int = 100, before_row: int | None = None):
        listed = await super().recent(limit, before_row)  # read before the lookup is stored
        await self.let_go.wait()
        return listed


def test_a_lookup_recorded_while_the_history_is_first_read_is_walked_too(
    qtbot, make_window, data_dir
):
    service = ListingAfterALookup()
    window = make_window(history_service=lambda: service)
    look_up(qtbot, window, FIRST)
    qtbot.waitUntil(lambda: stored_rows(data_dir) == 1)
    service.let_go.set()  # the listing read before FIRST was stored is told now
    settled(qtbot, window)
    window.lookup_bar.id_input.clear()
    assert key(qtbot, window, Qt.Key.Key_Up) == FIRST
