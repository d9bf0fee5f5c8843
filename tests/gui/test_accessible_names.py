"""What a screen reader gets from the window: every control has a name (what Qt's
accessibility interface says, which is what AT-SPI passes on), the main ones a description,
and a named label's text is in its name (Qt exposes no text of a QLabel that has one)."""

from __future__ import annotations

import re

from gui_actions import look_up
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from inspector.api import errors

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QTabBar,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
)
MAIN_CONTROLS = (
    "entryIdInput",
    "metaCheckBox",
    "includeSharingCheckBox",
    "fetchButton",
    "cancelButton",
    "messageBanner",
    "runStateLabel",
    "anomalyLabel",
    "entryTabs",
    "entryTree",
    "treeFilterInput",
    "explainButton",
    "demoEntryList",
)
IDENTIFIER = re.compile(r"[a-z]+[A-Z][A-Za-z]*")  # an objectName, not words to say


def said(widget: QWidget, text: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid(), widget
    return interface.text(text)


def is_control(widget: QWidget) -> bool:
    """Something a person operates: a button, field, box, list, tree, table or tab bar, or
    anything Tab stops at. Not a view's header (the view reads out its column headers), nor
    a spin box's own field (Qt presents the spin box as one control, its field hidden)."""
    if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QAbstractSpinBox):
        return False
    return isinstance(widget, CONTROLS) or bool(widget.focusPolicy().value & 1)  # TabFocus


def opened_dialogs(qtbot, window) -> list[QWidget]:
    dialogs = [
        window.open_network_settings(),
        window.open_about(),
        window.reports.open_settings(),
        window.context.open_settings(),
        window.accounts.open_sign_in(),
    ]
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
    return dialogs


def test_every_control_of_the_window_and_its_dialogs_has_a_name(qtbot, window):
    look_up(qtbot, window, "5000000404")  # the Reports offer and the deleted check shown too
    dialogs = opened_dialogs(qtbot, window)
    controls = [
        widget
        for top in (window, *dialogs)
        for widget in (top, *top.findChildren(QWidget))
        if is_control(widget)
    ]
    assert len(controls) > 40  # the walk reached the window's parts, dialogs and Qt's own
    unnamed, unsayable = [], []
    for widget in controls:
        name = said(widget, QAccessible.Text.Name)
        where = f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent())}"
        if not name.strip():
            unnamed.append(where)
        elif IDENTIFIER.fullmatch(name):
            unsayable.append(f"{where}: {name!r}")
        own = widget.objectName() and not widget.objectName().startswith("qt_")
        if own and not widget.accessibleName():
            unnamed.append(f"{where} (no accessibleName of its own)")
    assert unnamed == []
    assert unsayable == []


def test_the_main_controls_have_a_description(qtbot, window):
    for object_name in MAIN_CONTROLS:
        widget = window.findChild(QWidget, object_name)
        assert widget is not None, object_name
        description = widget.accessibleDescription()
        assert len(description.split()) >= 4, object_name
        assert said(widget, QAccessible.Text.Description) == description
        assert description != said(widget, QAccessible.Text.Name)


def test_a_named_label_says_what_it_shows(qtbot, window):
    state = window.entry_panel.run_state_label
    assert said(state, QAccessible.Text.Name) == "Run state"  # nothing shown yet
    look_up(qtbot, window, "5000000001")
    assert said(state, QAccessible.Text.Name) == "Run state: Stopped · 1:23:45"
    anomalies = said(window.entry_panel.anomaly_label, QAccessible.Text.Name)
    assert anomalies == "Anomalies: No anomalies found."

    assert isinstance(look_up(qtbot, window, "5000000404"), errors.NotFound)
    message = said(window.message_banner.label, QAccessible.Text.Name)
    assert message.startswith("Message: Time entry 5000000404 was not found (HTTP 404).")


def test_qt_parts_inside_controls_are_named_after_them(qtbot, window):
    clear_buttons = window.lookup_bar.id_input.findChildren(QAbstractButton)
    names = [said(button, QAccessible.Text.Name) for button in clear_buttons]
    assert names == ["Clear Time entry ID"]
    combo = window.reports.panel.workspace_combo
    assert said(combo.lineEdit(), QAccessible.Text.Name) == "Reports workspace"
    assert said(combo.view(), QAccessible.Text.Name) == "Reports workspace: choices"


def test_every_control_of_our_own_has_a_description(qtbot, window):
    """A screen reader's second sentence: what the control does, for every control the app
    names (Qt's own inner parts, such as a line edit's clear button, say what they are)."""
    look_up(qtbot, window, "5000000404")  # the Reports offer and the deleted check shown too
    window.several_ids.show_panel()
    dialogs = opened_dialogs(qtbot, window)
    missing = sorted(
        {
            widget.objectName()
            for top in (window, *dialogs)
            for widget in (top, *top.findChildren(QWidget))
            if is_control(widget)
            and widget.objectName()
            and not widget.objectName().startswith("qt_")
            and len(widget.accessibleDescription().split()) < 3
        }
    )
    assert missing == [], " ".join(missing)
