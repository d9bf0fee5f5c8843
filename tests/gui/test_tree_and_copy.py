"""The tree model itself, how values look, tooltips, and the copy actions."""

from __future__ import annotations

import json

from gui_actions import VIEWER_ZONE, find_row, look_up
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from inspector.domain.entry_view import build_entry_view
from inspector.domain.field_catalogue import FIELD_CATALOGUE
from inspector.services import utc_now
from inspector.ui.entry_tree_model import EntryTreeModel


def _oddities_entry() -> dict:
    return {
        "id": 42,
        "description": "",
        "billable": False,
        "duration": 0,
        "start": "2024-12-16T17:05:25Z",
        "stop": "2024-12-16T17:05:25+00:00",
        "tags": None,
        "tag_ids": [],
        "project_id": None,
        "task_id": 0,
        "shared_with": [
            {"accepted": True, "user_id": 1, "user_name": "Ana"},
            {"accepted": False, "user_id": 2, "user_name": ""},
        ],
        "nested": {"deep": [{"x": None}], "empty": {}},
    }


def test_the_model_passes_qtmodeltester(qtmodeltester):
    model = EntryTreeModel()
    model.set_view(build_entry_view(_oddities_entry(), utc_now(), VIEWER_ZONE))
    qtmodeltester.check(model, force_py=True)
    model.set_view(None)
    qtmodeltester.check(model, force_py=True)


def test_null_empty_false_and_zero_each_look_different(qtbot):
    model = EntryTreeModel()
    model.set_view(build_entry_view(_oddities_entry(), utc_now(), VIEWER_ZONE))

    def row(*labels):
        index = find_row(model, *labels)
        value = index.siblingAtColumn(1)
        font = value.data(Qt.ItemDataRole.FontRole)
        return (
            value.data(),
            index.siblingAtColumn(2).data(),
            bool(font and font.italic()),
            value.data(Qt.ItemDataRole.ForegroundRole),
        )

    null = row("Project and task", "project_id")
    zero = row("Project and task", "task_id")
    false = row("Entry", "billable")
    empty_list = row("Tags", "tag_ids")
    null_list = row("Tags", "tags")
    empty_string = row("Entry", "description")
    looks = [null[:2], zero[:2], false[:2], empty_list[:2], empty_string[:2]]
    assert len(set(looks)) == len(looks)
    assert null[0] == "null" and null[2] is True  # greyed italic null
    assert zero[:2] == ("0", "integer") and zero[2] is False
    assert false[:2] == ("false", "boolean")
    assert empty_list[:2] == ("[] (empty list)", "list[0]")
    assert null_list[:2] == ("null", "null")
    assert empty_string[:2] == ('"" (empty string)', "string")
    assert null[3].color() != zero[3].color()


def test_documented_fields_have_the_api_description_as_tooltip(qtbot, window):
    window.lookup_bar.meta_box.setChecked(True)
    look_up(qtbot, window, "5000000001")
    for group, name in [
        ("Time", "duration"),
        ("Time", "stop"),
        ("Tags", "tag_ids"),
        ("Legacy ids", "pid"),
        ("Project and task", "project_name"),
    ]:
        tooltip = find_row(window, group, name).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == FIELD_CATALOGUE[name].description
    assert "negative" in find_row(window, "Time", "duration").data(Qt.ItemDataRole.ToolTipRole)


def test_unknown_fields_say_so_in_their_tooltip(qtbot, window):
    look_up(qtbot, window, "5000000013")
    tooltip = find_row(window, "Other fields", "rate_cents").data(Qt.ItemDataRole.ToolTipRole)
    assert "Not in Toggl's documentation" in tooltip


def _select(qtbot, window, *labels):
    index = find_row(window, *labels)
    window.entry_panel.tree.select(index)
    window.entry_panel.tree.setFocus()
    qtbot.waitUntil(window.entry_panel.tree.hasFocus)
    return index


def test_copy_value_path_and_entry_with_shortcuts(qtbot, window):
    window.lookup_bar.sharing_box.setChecked(True)
    result = look_up(qtbot, window, "5000000006")
    clipboard = QGuiApplication.clipboard()

    _select(qtbot, window, "Sharing", "shared_with", "Bjørn Østergaard", "user_name")
    qtbot.keyClick(window.entry_panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "Bjørn Østergaard"

    qtbot.keyClick(
        window.entry_panel.tree,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert clipboard.text() == "shared_with[1].user_name"

    _select(qtbot, window, "Tags", "tag_ids")
    qtbot.keyClick(window.entry_panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert json.loads(clipboard.text()) == [17000001, 17000002]

    qtbot.keyClick(
        window.entry_panel.tree,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert json.loads(clipboard.text()) == json.loads(result.response.body_text)
    assert window.statusBar().currentMessage() == "Copied entry as JSON."


def test_the_context_menu_offers_the_copy_actions(qtbot, window):
    look_up(qtbot, window, "5000000001")
    index = _select(qtbot, window, "Entry", "description")
    window.entry_panel.tree.customContextMenuRequested.emit(
        window.entry_panel.tree.visualRect(window.entry_panel.tree.view_index(index)).center()
    )
    menu = next(
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMenu) and widget.isVisible()
    )
    labels = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert labels[:3] == ["Copy value", "Copy field path", "Copy entry as JSON"]
    copy_value = menu.actions()[0]
    copy_value.trigger()
    menu.close()
    assert QGuiApplication.clipboard().text() == "Customer call: invoice question"


def test_times_and_durations_read_plainly_and_copy_as_received(qtbot, window):
    result = look_up(qtbot, window, "5000000001")
    raw = result.view.raw
    start = find_row(window, "Time", "start").siblingAtColumn(1)
    berlin = result.view.start.astimezone(VIEWER_ZONE)
    utc = result.view.start.strftime("%H:%M:%S")
    assert start.data() == f"{berlin:%Y-%m-%d %H:%M:%S} {berlin.tzname()} (UTC {utc})"
    assert raw["start"] in start.data(Qt.ItemDataRole.ToolTipRole)
    assert find_row(window, "Time", "duration").siblingAtColumn(1).data() == "1:23:45"
    assert "5025" in find_row(window, "Time", "duration").siblingAtColumn(1).data(
        Qt.ItemDataRole.ToolTipRole
    )

    clipboard = QGuiApplication.clipboard()
    _select(qtbot, window, "Time", "start")
    qtbot.keyClick(window.entry_panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == raw["start"]
    _select(qtbot, window, "Time", "duration")
    qtbot.keyClick(window.entry_panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "5025"


def test_a_running_entrys_duration_reads_running(qtbot, window):
    look_up(qtbot, window, "5000000002")
    assert find_row(window, "Time", "duration").siblingAtColumn(1).data() == "running"


def test_copy_with_nothing_selected_says_so(qtbot, window):
    window.entry_panel.tree.copy_value()
    assert "select a field first" in window.statusBar().currentMessage()
