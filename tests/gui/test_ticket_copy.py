"""Copy summary for ticket (Markdown / plain text) and Copy as cURL for the shown entry."""

from __future__ import annotations

from gui_actions import look_up
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu


def _no_secret(text: str, token: str) -> None:
    assert token not in text
    assert "api_token:" not in text.replace("$TOGGL_API_TOKEN:api_token", "")


def test_copy_as_curl_holds_the_placeholder_never_the_token(qtbot, window, demo_server):
    look_up(qtbot, window, "5000000001")
    window.entry_panel.tree.setFocus()
    qtbot.keyClick(
        window,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QGuiApplication.clipboard().text()
    assert text.startswith('curl -u "$TOGGL_API_TOKEN:api_token"')
    assert "/api/v9/me/time_entries/5000000001" in text
    assert demo_server.token not in text
    assert window.statusBar().currentMessage() == "Copied the request as cURL."


def test_summary_for_ticket_in_markdown_and_plain_text(qtbot, window, demo_server):
    look_up(qtbot, window, "5000000001")
    clipboard = QGuiApplication.clipboard()
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    markdown = clipboard.text()
    assert "5000000001" in markdown
    assert "Customer call: invoice question" in markdown
    assert demo_server.token not in markdown

    window.ticket_copy.plain_summary_action.trigger()
    plain = clipboard.text()
    assert "5000000001" in plain and "Customer call: invoice question" in plain
    assert plain != markdown
    assert demo_server.token not in plain


def test_the_edit_menu_and_the_tree_menu_offer_them(qtbot, window):
    edit = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")
    edit.aboutToShow.emit()
    assert not window.ticket_copy.curl_action.isEnabled()  # nothing shown yet
    window.ticket_copy.copy_curl()
    assert "look an entry up first" in window.statusBar().currentMessage()

    look_up(qtbot, window, "5000000001")
    edit.aboutToShow.emit()
    offered = [a for a in edit.actions() if a in window.ticket_copy.actions]
    assert [a.text() for a in offered] == [
        "Copy summary for &ticket",
        "Copy summary as &plain text",
        "Copy as c&URL",
    ]
    assert all(a.isEnabled() for a in offered)

    tree = window.entry_panel.tree
    tree.customContextMenuRequested.emit(tree.viewport().rect().center())
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert labels[-3:] == [
        "Copy summary for &ticket",
        "Copy summary as &plain text",
        "Copy as c&URL",
    ]


def test_an_entry_that_echoes_the_token_never_puts_it_on_the_clipboard(qtbot, window, demo_server):
    demo_server.entries[5_000_000_001]["description"] = f"pasted by mistake: {demo_server.token}"
    look_up(qtbot, window, "5000000001")
    clipboard = QGuiApplication.clipboard()
    for action in (
        window.ticket_copy.summary_action,
        window.ticket_copy.plain_summary_action,
        window.ticket_copy.curl_action,
    ):
        action.trigger()
        assert clipboard.text(), action.text()
        assert demo_server.token not in clipboard.text(), action.text()
    window.ticket_copy.summary_action.trigger()
    assert "pasted by mistake:" in clipboard.text()
