"""The filter over the tree: Ctrl+F, rows whose name or value matches with their groups,
Esc restores every row, copying a filtered row copies its own value; Expand / Collapse all."""

from __future__ import annotations

from gui_actions import look_up
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication


def shown_rows(tree, parent=None) -> list[tuple[str, ...]]:
    """Every row the view's model holds, as its path of names."""
    model = tree.model()
    parent = parent if parent is not None else QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append((index.data(),))
        rows += [(index.data(), *path) for path in shown_rows(tree, index)]
    return rows


def test_filtering_keeps_matching_rows_with_their_groups_and_copies_through_it(qtbot, window):
    look_up(qtbot, window, "5000000001")
    panel = window.entry_panel
    tree, page = panel.tree, panel.fields_page
    everything = shown_rows(tree)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.filter_input.hasFocus)
    assert page.filter_input.objectName() == "treeFilterInput"
    assert page.filter_input.accessibleName()

    qtbot.keyClicks(page.filter_input, "PROJECT")
    rows = shown_rows(tree)
    assert rows and len(rows) < len(everything)
    leaves = [path for path in rows if tree.model().rowCount(_index(tree, path)) == 0]
    assert leaves
    for path in leaves:
        index = _index(tree, path)
        text = f"{index.data()} {index.siblingAtColumn(1).data()}".casefold()
        assert "project" in text, path
    assert ("Project and task",) in rows
    project_id = next(path for path in rows if path[-1] == "project_id")
    assert tree.isExpanded(_index(tree, project_id[:-1]))

    # Copying a filtered row copies its own value, as received.
    tree.setCurrentIndex(_index(tree, project_id))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == str(panel.shown.view.raw["project_id"])

    qtbot.keyClick(page.filter_input, Qt.Key.Key_Escape)
    assert page.filter_input.text() == ""
    assert shown_rows(tree) == everything


def test_expand_and_collapse_all_are_in_the_context_menu(qtbot, window):
    look_up(qtbot, window, "5000000001")
    tree = window.entry_panel.tree
    tree.collapse_all_action.trigger()
    group = tree.model().index(0, 0)
    assert not tree.isExpanded(group)
    tree.expand_all_action.trigger()
    assert tree.isExpanded(group)


def _index(tree, path: tuple[str, ...]) -> QModelIndex:
    model = tree.model()
    parent = QModelIndex()
    for name in path:
        parent = next(
            model.index(row, 0, parent)
            for row in range(model.rowCount(parent))
            if model.index(row, 0, parent).data() == name
        )
    return parent


def test_the_filter_finds_a_time_by_what_was_sent_and_by_what_is_shown(qtbot, window):
    result = look_up(qtbot, window, "5000000001")
    tree, page = window.entry_panel.tree, window.entry_panel.fields_page
    sent = result.view.raw["start"]  # e.g. 2026-11-30T08:15:02+00:00
    page.filter_input.setText(sent[:19])  # the "T" form is only in what was sent
    assert ("Time", "start") in shown_rows(tree)
    page.filter_input.setText(f"(UTC {sent[11:19]})")  # only in what is shown
    assert ("Time", "start") in shown_rows(tree)
