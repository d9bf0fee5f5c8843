"""What every part of the window shares about looks: colours, the icon, how a widget is
named for tests, scripts and screen readers, and how text from a server or a person is put
into a tooltip."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TypeVar

from PySide6 import QtGui
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from inspector.domain.entry_view import RunState
from inspector.domain.plain_text import SHORT_TEXT_LIMIT, bounded, one_line, show_controls

ICON_PATH = Path(__file__).resolve().parent / "icons" / "toggl-inspector.svg"

# (background, text) per run state. Set through the palette, not a style sheet: a style
# sheet change re-polishes the widget on every lookup.
RUN_STATE_COLOURS = {
    RunState.RUNNING: ("#e6f4ea", "#1e7e34"),
    RunState.STOPPED: ("#eef1f5", "#2c3e50"),
    RunState.DURATION_ONLY: ("#fff4e0", "#8a5300"),
}
ANOMALY_TEXT = "#8a5300"
INPUT_ERROR_TEXT = "color:#a61b1b;"
INPUT_ERROR_BORDER = "border:1px solid #d93025;"
BANNER_STYLES = {
    "error": "background:#fdecea;color:#a61b1b;border:1px solid #f5c2c0;",
    "warning": "background:#fff4e0;color:#7a4b00;border:1px solid #f3d19c;",
    "hint": "background:#e8f1fb;color:#1d4f91;border:1px solid #bcd3f0;",
}
SOURCE_BADGE_STYLE = (
    "background:#e8f1fb;color:#1d4f91;border:1px solid #bcd3f0;padding:2px 8px;font-weight:bold;"
)
TREE_NAME_COLUMN_WIDTH = 220

AnyWidget = TypeVar("AnyWidget", bound=QWidget)


def named(widget: AnyWidget, name: str, accessible: str | None = None) -> AnyWidget:
    """Give ``widget`` its stable object name (README: "stable widget names") and the name a
    screen reader says; returns the widget with its own type."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or name)
    return widget


def set_style(widget: QWidget, style: str) -> None:
    """Restyling re-polishes the widget (about a millisecond): only when it changes."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))


# Writing a control character out only lengthens the text, so the first limit + 1
# characters decide what is shown: a megabyte value costs no more than a short one.


def shown_line(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """Server or user text for one line on screen: domain.plain_text.one_line."""
    return one_line(text[: limit + 1], limit)


def shown_text(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """Server or user text for a place with room for several lines: control characters
    written out (line breaks and tabs kept), at most ``limit`` characters ("…" when cut)."""
    return bounded(show_controls(text[: limit + 1], keep_line_breaks=True), limit)


def menu_text(text: str) -> str:
    """Server or user text as a menu item's text: one line, and an "&" shown as itself
    (Qt takes a single "&" as the item's shortcut letter)."""
    return shown_line(text).replace("&", "&&")


def plain_tooltip(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """``text`` for setToolTip or a model's ToolTipRole, shown as written: control
    characters written out (line breaks kept), at most ``limit`` characters, and never taken
    as rich text. Qt takes a tooltip as rich text whenever Qt.mightBeRichText says so (tags
    obeyed, local images loaded): such text is escaped into a paragraph that keeps its white
    space, so it shows exactly what the plain text says."""
    shown = shown_text(text, limit)
    if not QtGui.Qt.mightBeRichText(shown):
        return shown
    return '<p style="white-space:pre-wrap">' + html.escape(shown, quote=False) + "</p>"
