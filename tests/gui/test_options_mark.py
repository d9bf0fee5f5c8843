"""Ticking meta or include sharing after a lookup (issue #15, item 5): by default the window
says the entry shown was fetched without them and offers Fetch again (nothing is sent
until then); set so, it fetches again by itself, exactly once."""

from __future__ import annotations

from gui_actions import look_up
from PySide6.QtCore import Qt

from inspector.demo import reports
from inspector.services import LookupResult
from inspector.ui.main_window import MainWindow
from inspector.ui.options_mark import SETTINGS_REFETCH

ENTRY_ID = 5_000_000_006  # shared with several users
ENTRY_PATH = f"/api/v9/me/time_entries/{ENTRY_ID}"


def asked(server) -> int:
    return server.received.count(ENTRY_PATH)


def mark(window: MainWindow) -> tuple[bool, str]:
    options = window.lookup_bar.options_mark
    return options.fetch_again_button.isVisible(), options.label.full_text


def test_ticking_an_option_marks_the_entry_and_fetch_again_fetches_it_with_it(
    qtbot, window, demo_server
):
    result = look_up(qtbot, window, str(ENTRY_ID))
    assert isinstance(result, LookupResult) and not result.request.meta
    assert mark(window) == (False, "")

    qtbot.mouseClick(window.lookup_bar.meta_box, Qt.MouseButton.LeftButton)
    assert mark(window) == (True, "Fetched without meta.")
    qtbot.mouseClick(window.lookup_bar.sharing_box, Qt.MouseButton.LeftButton)
    assert mark(window) == (
        True,
        "Fetched without meta and without include sharing.",
    )
    assert asked(demo_server) == 1  # nothing sent by ticking

    # Unticking what the entry was fetched with says so too; ticking back clears it.
    qtbot.mouseClick(window.lookup_bar.sharing_box, Qt.MouseButton.LeftButton)
    assert mark(window)[1] == "Fetched without meta."

    window.lookup_bar.id_input.setText("5000000001")  # another ID typed meanwhile
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(
            window.lookup_bar.options_mark.fetch_again_button, Qt.MouseButton.LeftButton
        )
    again = blocker.args[0]
    assert isinstance(again, LookupResult)
    assert again.request.entry_id == ENTRY_ID  # the entry shown, with the options ticked
    assert again.request.meta and not again.request.include_sharing
    assert window.lookup_bar.id_input.text() == str(ENTRY_ID)
    assert asked(demo_server) == 2
    assert mark(window) == (False, "")


def test_set_to_fetch_again_a_ticked_option_fetches_once(qtbot, window, demo_server, settings):
    action = window.lookup_bar.options_mark.refetch_action
    assert not action.isChecked()  # marking is the default
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    assert action in tools.actions()
    action.trigger()
    assert str(settings.value(SETTINGS_REFETCH)).lower() == "true"

    look_up(qtbot, window, str(ENTRY_ID))
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.lookup_bar.sharing_box, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert isinstance(result, LookupResult) and result.request.include_sharing
    assert asked(demo_server) == 2  # exactly one more request
    assert mark(window) == (False, "")
    assert window.entry_panel.shown is result


def test_nothing_is_marked_without_an_entry_or_for_a_reports_result(
    qtbot, window, demo_server, settings
):
    qtbot.mouseClick(window.lookup_bar.meta_box, Qt.MouseButton.LeftButton)
    assert mark(window) == (False, "")  # nothing shown yet
    settings.setValue("reports/workspace/demo", 8_200_001)
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        window.reports.panel.search_button.click()
    qtbot.mouseClick(window.lookup_bar.sharing_box, Qt.MouseButton.LeftButton)
    assert mark(window) == (False, "")  # the Reports API has no such options
