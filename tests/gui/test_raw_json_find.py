"""Find in the Raw JSON tab: Ctrl+F finds in the tab in front (the raw text there, the tree's
filter on Fields), typing selects the next match in any case, Enter/F3 and Shift+Enter/
Shift+F3 step, "n of m" or "not found" is said, Esc closes; a very large body is found in,
not counted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from canned_server import CannedServer
from gui_actions import look_up
from PySide6.QtCore import Qt

from inspector.api.time_entries import entry_path
from inspector.demo.dataset import demo_entry
from inspector.ui.raw_json_page import FIND_LARGE_CHARS

ENTRY_ID = 5000000001


@pytest.fixture
def canned() -> Iterator[CannedServer]:
    with CannedServer() as server:
        yield server


def ctrl_f(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)


def show_raw(qtbot, panel) -> None:
    panel.tabs.setCurrentWidget(panel.raw_view)
    qtbot.waitUntil(lambda: '"id": ' in panel.raw_view.toPlainText(), timeout=10_000)


def selected(view) -> tuple[int, str]:
    cursor = view.textCursor()
    return cursor.selectionStart(), cursor.selectedText()


def test_ctrl_f_on_the_raw_tab_finds_steps_counts_and_closes(qtbot, window):
    look_up(qtbot, window, str(ENTRY_ID))
    panel = window.entry_panel
    view, bar = panel.raw_view, panel.raw_view.find_bar
    show_raw(qtbot, panel)
    text = view.toPlainText()
    # Ctrl+F from the ID field: it finds in the tab in front, the raw text.
    window.lookup_bar.id_input.setFocus()
    qtbot.waitUntil(window.lookup_bar.id_input.hasFocus)
    ctrl_f(qtbot, window.lookup_bar.id_input)
    qtbot.waitUntil(view.find_input.hasFocus)
    assert bar.isVisible() and not panel.fields_page.filter_input.hasFocus()
    assert view.find_input.objectName() == "rawFindInput" and view.find_input.accessibleName()

    starts = [match.start() for match in re.finditer("_id", text, re.IGNORECASE)]
    assert len(starts) >= 3  # workspace_id, project_id, ... in the demo entry
    qtbot.keyClicks(view.find_input, "_ID")  # any case
    assert selected(view) == (starts[0], "_id")
    assert bar.status.text() == f"1 of {len(starts)}"

    qtbot.keyClick(view.find_input, Qt.Key.Key_Return)
    assert selected(view)[0] == starts[1]
    assert bar.status.text() == f"2 of {len(starts)}"
    qtbot.keyClick(view.find_input, Qt.Key.Key_F3)
    assert selected(view)[0] == starts[2]
    qtbot.keyClick(view.find_input, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selected(view)[0] == starts[1]
    qtbot.keyClick(view.find_input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == f"1 of {len(starts)}"
    # Before the first match: round to the last.
    qtbot.keyClick(view.find_input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selected(view)[0] == starts[-1]
    assert bar.status.text() == f"{len(starts)} of {len(starts)}"
    qtbot.keyClick(view.find_input, Qt.Key.Key_Return)
    assert selected(view)[0] == starts[0]

    # Typing on grows the match in place; a text that is not there says so.
    qtbot.keyClicks(view.find_input, text[starts[0] + 3 : starts[0] + 6])
    assert selected(view) == (starts[0], text[starts[0] : starts[0] + 6])
    qtbot.keyClicks(view.find_input, "zzz-not-there")
    assert bar.status.text() == "not found"

    qtbot.keyClick(view.find_input, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(view.hasFocus)
    assert panel.tabs.currentWidget() is view
    assert view.toPlainText() == text  # finding never changes the text


def test_ctrl_f_elsewhere_filters_the_tree_and_a_new_entry_is_searched_anew(qtbot, window):
    look_up(qtbot, window, str(ENTRY_ID))
    panel = window.entry_panel
    panel.tabs.setCurrentWidget(panel.request_details)
    ctrl_f(qtbot, window.lookup_bar.id_input)
    qtbot.waitUntil(panel.fields_page.filter_input.hasFocus)
    assert panel.tabs.currentWidget() is panel.fields_page
    assert not panel.raw_view.find_bar.isVisibleTo(panel.raw_view)

    show_raw(qtbot, panel)
    panel.raw_view.setFocus()
    ctrl_f(qtbot, panel.raw_view)
    qtbot.keyClicks(panel.raw_view.find_input, "5000000002")
    assert panel.raw_view.find_bar.status.text() == "not found"
    look_up(qtbot, window, "5000000002")  # the bar stays open: the new body is searched
    qtbot.waitUntil(lambda: panel.raw_view.find_bar.status.text() == "1 of 1", timeout=10_000)
    assert panel.raw_view.textCursor().selectedText() == "5000000002"


def test_a_very_large_body_is_found_in_without_counting(qtbot, make_window, canned):
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    users = [
        {"user_id": 7_000_000 + index, "user_name": f"User {index:06d}", "accepted": True}
        for index in range(FIND_LARGE_CHARS // 60)
    ]
    raw = demo_entry(ENTRY_ID, start, 60, start + timedelta(seconds=60), shared_with=users)
    canned.answer(entry_path(ENTRY_ID), 200, raw)
    window = make_window(server=canned)
    look_up(qtbot, window, str(ENTRY_ID))
    panel = window.entry_panel
    view = panel.raw_view
    panel.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: "User 000001" in view.toPlainText(), timeout=20_000)
    assert view.document().characterCount() > FIND_LARGE_CHARS
    view.setFocus()
    ctrl_f(qtbot, view)
    last = f"User {len(users) - 1:06d}"
    qtbot.keyClicks(view.find_input, last.lower())
    # Searched when typing pauses (one pass over the text, not one per key).
    qtbot.waitUntil(lambda: view.find_bar.status.text() == "found", timeout=5000)
    assert view.textCursor().selectedText() == last
    assert json.loads(view.toPlainText()) == raw
