"""What every part of the window shares about looks: colours, the icon, how a widget is
named for tests, scripts and screen readers, and how text from a server or a person is put
into a tooltip."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TypeVar

from PySide6 import QtGui
from PySide6.QtGui import QColor, QIcon, QPalette
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
# The same on a dark palette (each pair keeps a contrast of at least 4.5:1).
RUN_STATE_COLOURS_DARK = {
    RunState.RUNNING: ("#173d22", "#9be3ad"),
    RunState.STOPPED: ("#2b3340", "#dce3ec"),
    RunState.DURATION_ONLY: ("#4a3410", "#ffd28a"),
}
# A deleted entry's state label says so first, in these colours (light, dark).
DELETED_STATE_COLOURS = (("#fdecea", "#a61b1b"), ("#5a1a1a", "#ffc9c4"))
ANOMALY_TEXT = "#8a5300"
ANOMALY_TEXT_DARK = "#f0b35a"
# Where entries overlap (the day strip): red on light and dark alike.
OVERLAP_COLOUR = "#d93025"
INPUT_ERROR_TEXT = "color:#a61b1b;"
INPUT_ERROR_BORDER = "border:1px solid #d93025;"
HINT_TEXT = "#1d4f91"  # on the hint banner's own light background
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


def is_dark(palette: QPalette) -> bool:
    """A dark palette: its text lighter than its window (QT-ASYNC-TESTING.md, dark theme)."""
    return (
        palette.color(QPalette.ColorRole.Window).lightness()
        < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def state_colours(state: RunState, deleted: bool, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of the run state label, for a light or a dark palette."""
    dark = is_dark(palette)
    if deleted:
        background, text = DELETED_STATE_COLOURS[dark]
    else:
        background, text = (RUN_STATE_COLOURS_DARK if dark else RUN_STATE_COLOURS)[state]
    return QColor(background), QColor(text)


def warning_text_colour(palette: QPalette) -> QColor:
    """Text that warns (anomalies), readable on the palette's window colour."""
    return QColor(ANOMALY_TEXT_DARK if is_dark(palette) else ANOMALY_TEXT)


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
