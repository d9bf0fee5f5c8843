"""What every part of the window shares about looks: colours, the icon, and how a widget is
named for tests, scripts and screen readers."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from inspector.domain.entry_view import RunState

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
