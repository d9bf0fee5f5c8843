"""What the window shows follows the ID being typed (issue #15, items 4 and 11): another ID
withdraws the banner, the Reports offer and the deleted-entry check made for the previous
one; the demo list selects the typed ID's entry, or nothing."""

from __future__ import annotations

from gui_actions import look_up
from PySide6.QtCore import Qt

from inspector.api import errors
from inspector.demo import reports
from inspector.ui.main_window import MainWindow

OLD_ID = reports.OLD_RECENT_ID  # v9 answers 404: the Reports search is offered


def type_text(qtbot, window: MainWindow, text: str) -> None:
    window.lookup_bar.id_input.clear()
    qtbot.keyClicks(window.lookup_bar.id_input, text)


def offers_shown(window: MainWindow) -> tuple[bool, bool, bool]:
    return (
        window.message_banner.isVisible(),
        window.reports.panel.isVisible(),
        window.deleted_check.offer.isVisible(),
    )


def test_typing_another_id_withdraws_what_was_said_about_the_last_one(qtbot, window):
    assert isinstance(look_up(qtbot, window, str(OLD_ID)), errors.NotFound)
    assert offers_shown(window) == (True, True, True)

    # Editing the field back to the same ID keeps them; another ID withdraws them.
    window.lookup_bar.id_input.setText(f" {OLD_ID} ")
    assert offers_shown(window) == (True, True, True)
    type_text(qtbot, window, "5000000002")
    assert offers_shown(window) == (False, False, False)
    assert window.message_banner.label.full_text == ""

    # A failure worth retrying (its Retry belongs to that ID) goes the same way.
    look_up(qtbot, window, "5000000500")
    assert window.message_banner.retry_button.isVisible()
    qtbot.keyClicks(window.lookup_bar.id_input, "1")
    assert not window.message_banner.isVisible()


def test_a_message_about_no_entry_stays_while_typing(qtbot, window):
    window.show_banner("Demo mode: signed in to the built-in demo Toggl API.", "hint")
    type_text(qtbot, window, "5000000003")
    assert window.message_banner.isVisible()


def test_a_search_under_way_is_not_withdrawn_by_typing(qtbot, make_window, settings):
    from inspector.demo.server import DemoServer

    with DemoServer(reports_delay_s=30) as server:
        window = make_window(server=server)
        settings.setValue("reports/workspace/demo", 8_200_001)
        look_up(qtbot, window, str(OLD_ID))
        window.reports.panel.search_button.click()
        assert window.is_looking_up
        type_text(qtbot, window, "5000000002")
        assert window.reports.panel.isVisible()  # Cancel stops it; typing does not
        window.cancel_lookup()


def selected_ids(window: MainWindow) -> list[int]:
    assert window.demo_panel is not None
    return [
        item.data(Qt.ItemDataRole.UserRole) for item in window.demo_panel.demo_list.selectedItems()
    ]


def test_the_demo_list_follows_the_typed_id(qtbot, window, demo_server):
    demo_list = window.demo_panel.demo_list
    type_text(qtbot, window, "5000000004")
    assert selected_ids(window) == [5_000_000_004]
    assert demo_list.currentItem().data(Qt.ItemDataRole.UserRole) == 5_000_000_004
    qtbot.keyClicks(window.lookup_bar.id_input, "9")  # 50000000049: not a demo entry
    assert selected_ids(window) == []
    type_text(qtbot, window, "#5000000006")  # a form the field reduces to an ID
    assert selected_ids(window) == [5_000_000_006]
    type_text(qtbot, window, "50000x")
    assert selected_ids(window) == []
    assert demo_server.received == []  # following the field asks the server nothing


def test_a_click_in_the_demo_list_is_followed_by_the_field_and_back(qtbot, window):
    demo_list = window.demo_panel.demo_list
    item = demo_list.item(2)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        qtbot.mouseClick(
            demo_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=demo_list.visualItemRect(item).center(),
        )
    assert window.lookup_bar.id_input.text() == str(item.data(Qt.ItemDataRole.UserRole))
    assert demo_list.selectedItems() == [item]
