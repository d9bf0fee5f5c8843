"""The window by keyboard alone: Ctrl+L to the ID field, Tab through every control in the
order a person reads them, and out of every one again."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inspector.demo.dataset import SLOW_ENTRY_ID
from inspector.ui.main_window import MainWindow


def tab_stops_shown(window: MainWindow) -> set[QWidget]:
    """Every control Tab could stop at right now (shown, enabled, taking focus by Tab)."""
    return {
        widget
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
    }


def names(widgets: Iterable[QWidget]) -> list[str]:
    return [widget.objectName() or type(widget).__name__ for widget in widgets]


def press_tab_around(qtbot: QtBot, window: MainWindow, key: Qt.Key = Qt.Key.Key_Tab) -> list:
    """Focus the ID field, then press Tab until the focus is back there (or 100 presses)."""
    window.lookup_bar.id_input.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lookup_bar.id_input)
    visited = [window.lookup_bar.id_input]
    for _ in range(100):
        qtbot.keyClick(QApplication.focusWidget(), key)
        focused = QApplication.focusWidget()
        if focused is window.lookup_bar.id_input:
            return visited
        visited.append(focused)
    raise AssertionError(f"Tab never came back to the ID field: {visited[-5:]}")


@pytest.fixture
def active_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_ctrl_l_goes_to_the_id_field_with_its_text_selected(qtbot, active_window):
    window = active_window
    window.lookup_bar.id_input.setText("5000000001")
    window.entry_panel.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.entry_panel.tree)

    qtbot.keyClick(window.entry_panel.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert QApplication.focusWidget() is window.lookup_bar.id_input
    assert window.lookup_bar.id_input.selectedText() == "5000000001"
    qtbot.keyClicks(QApplication.focusWidget(), "5000000002")  # typing replaces the old ID
    assert window.lookup_bar.id_input.text() == "5000000002"
    # Again from the field itself (already focused): the text is selected anew.
    qtbot.keyClick(window.lookup_bar.id_input, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lookup_bar.id_input.selectedText() == "5000000002"


def test_tab_goes_through_the_controls_in_reading_order_and_reaches_each(qtbot, active_window):
    window = active_window
    bar = window.lookup_bar
    bar.look_up(SLOW_ENTRY_ID)  # Cancel can be reached only while a lookup runs
    qtbot.waitUntil(bar.cancel_button.isEnabled)

    visited = press_tab_around(qtbot, window)

    assert window.demo_panel is not None
    main_controls = [
        bar.id_input,
        bar.meta_box,
        bar.sharing_box,
        bar.fetch_button,
        bar.cancel_button,
        window.entry_panel.tabs.tabBar(),
        window.entry_panel.fields_page.filter_input,
        window.entry_panel.tree,
        window.demo_panel.demo_list,
    ]
    assert names(visited[:5]) == names(main_controls[:5])  # the lookup row, one after another
    assert names(widget for widget in visited if widget in main_controls) == names(main_controls)
    assert len(visited) == len(set(visited))  # no control twice in one round
    assert set(visited) == tab_stops_shown(window)  # and none left out
    window.cancel_lookup()


def test_shift_tab_goes_the_same_way_back(qtbot, active_window):
    forward = press_tab_around(qtbot, active_window)
    backward = press_tab_around(qtbot, active_window, Qt.Key.Key_Backtab)
    assert backward == [forward[0], *reversed(forward[1:])]


@pytest.mark.parametrize("tab", ["Fields", "Around", "Raw JSON", "Request"])
def test_no_tab_page_keeps_the_focus(qtbot, active_window, tab):
    """Whatever page is shown, Tab goes through its controls and on, back to the ID field."""
    window = active_window
    tabs = window.entry_panel.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith(tab))
    tabs.setTabEnabled(index, True)  # the Around tab waits for an entry otherwise
    tabs.setCurrentIndex(index)

    visited = press_tab_around(qtbot, window)

    assert set(visited) == tab_stops_shown(window)
