"""What every part of the window shares about looks: colours, the icon, how a widget is
named for tests, scripts and screen readers, and how text from a server or a person is put
into a tooltip."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QToolButton,
    QWidget,
)

from inspector.domain.entry_view import RunState
from inspector.domain.plain_text import SHORT_TEXT_LIMIT, bounded, one_line, show_controls

ICON_PATH = Path(__file__).resolve().parent / "icons" / "toggl-inspector.svg"

# Colours follow the palette: every tint is an accent mixed into the palette's own window
# colour, and every text colour is the accent made dark or light enough to be read on what
# it is drawn on (WCAG: at least 4.5:1). So a light, a dark or a high-contrast palette all
# get readable text, and nothing needs a colour picked by hand per theme.
MIN_CONTRAST = 4.5  # WCAG AA for text
TEXT_CONTRAST = 5.0  # what our text colours aim for: a margin over the minimum
BORDER_CONTRAST = 3.0  # WCAG for the edge of a control (the ID field's error border)
ERROR_ACCENT = "#d93025"
WARNING_ACCENT = "#e37400"
HINT_ACCENT = "#1a73e8"
INFO_ACCENT = "#00838f"
# The run state label's accent; a stopped entry is neutral (the palette's text colour).
RUN_STATE_ACCENTS = {RunState.RUNNING: "#1e8e3e", RunState.DURATION_ONLY: WARNING_ACCENT}
DELETED_ACCENT = ERROR_ACCENT  # a deleted entry's state warns
BANNER_ACCENTS = {
    "error": ERROR_ACCENT,
    "warning": WARNING_ACCENT,
    "hint": HINT_ACCENT,
    "info": INFO_ACCENT,
}
# Tree values: booleans and numbers tinted, so null/false/0/[] never look alike.
BOOLEAN_ACCENT = "#8e44ad"
NUMBER_ACCENT = "#1f6fb2"
# Where entries overlap (the day strip): red on light and dark alike.
OVERLAP_COLOUR = "#d93025"
TREE_NAME_COLUMN_WIDTH = 220

AnyWidget = TypeVar("AnyWidget", bound=QWidget)


# What a screen reader says about the main controls besides their names (README: "Stable
# widget names"), by object name, in one place.
ACCESSIBLE_DESCRIPTIONS = {
    "entryIdInput": "The ID of the time entry to look up, digits only; Enter fetches it",
    "metaCheckBox": "Also ask for the names of the project, client, task and user",
    "includeSharingCheckBox": "Also ask who the entry is shared with",
    "fetchButton": "Look up the entry whose ID is typed",
    "cancelButton": "Stop the lookup that is running",
    "messageBanner": "What went wrong or what to do, about the last lookup",
    "retryButton": "Send the failed request again",
    "runStateLabel": "Whether the entry is running, stopped or deleted, and for how long",
    "anomalyLabel": "What looks wrong in the entry's data",
    "sourceBadge": "Which API the entry shown came from",
    "entryTabs": "The entry's fields, the entries around it, its raw JSON, the request",
    "entryTree": "The entry's fields as received, anomalies first; Ctrl+C copies a value",
    "treeFilterInput": "Show only the fields whose name or value holds this text",
    "explainButton": "Ask Toggl about what surrounds the entry; costs the requests shown",
    "demoEntryList": "Entries of the built-in demo API; choosing one looks it up",
    "reportsWorkspaceCombo": "The workspace whose reports are searched for the entry",
    "reportsSearchButton": "Search the workspace's reports for the entry",
    "historyList": "Entries looked up before, newest first; choosing one shows its answer",
}
# A label's own name for a screen reader (named() keeps it): the label's text follows it.
_LABEL_ROLE = "accessibleWhat"


def named(widget: AnyWidget, name: str, accessible: str | None = None) -> AnyWidget:
    """Give ``widget`` its stable object name (README: "stable widget names"), the name a
    screen reader says and, for the main controls, its description; returns the widget with
    its own type. A label's name is followed by what it shows (``say_label_text``)."""
    widget.setObjectName(name)
    if name in ACCESSIBLE_DESCRIPTIONS:
        widget.setAccessibleDescription(ACCESSIBLE_DESCRIPTIONS[name])
    if isinstance(widget, QLabel):
        widget.setProperty(_LABEL_ROLE, accessible or name)
        say_label_text(widget, widget.text())
    else:
        widget.setAccessibleName(accessible or name)
    return widget


def say_label_text(label: QLabel, text: str) -> None:
    """A screen reader reads only the name of a label that has one (Qt then exposes its text
    nowhere): so a named label's name is what it is and what it shows, "Run state: Running ·
    0:01:05". Labels call this whenever their text changes."""
    what = label.property(_LABEL_ROLE)
    if isinstance(what, str):
        label.setAccessibleName(f"{what}: {text}" if text else what)


def name_inner_parts(root: QWidget) -> None:
    """Names for the parts Qt builds inside our controls, which a screen reader meets as
    controls of their own: a line edit's clear button, an editable combo box's field and
    list, and the menu bar's button for menus that do not fit."""
    for edit in root.findChildren(QLineEdit):
        for button in edit.findChildren(QToolButton):  # the clear button
            if not button.accessibleName() and edit.accessibleName():
                button.setAccessibleName(f"Clear {edit.accessibleName()}")
    for combo in root.findChildren(QComboBox):
        inner = combo.lineEdit()
        if inner is not None and not inner.accessibleName():
            inner.setAccessibleName(combo.accessibleName())
        if not combo.view().accessibleName():
            combo.view().setAccessibleName(f"{combo.accessibleName()}: choices")
    for bar in root.findChildren(QMenuBar):
        for button in bar.findChildren(QToolButton):
            if not button.accessibleName():
                button.setAccessibleName("More menus")


# --- colours from the palette ---------------------------------------------------------------
def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance (0 black .. 1 white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.red())
        + 0.7152 * linear(colour.green())
        + 0.0722 * linear(colour.blue())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio, 1 (none) .. 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mixed(base: QColor, accent: QColor, amount: float) -> QColor:
    """``amount`` (0..1) of ``accent`` over ``base``."""
    return QColor(
        round(base.red() + (accent.red() - base.red()) * amount),
        round(base.green() + (accent.green() - base.green()) * amount),
        round(base.blue() + (accent.blue() - base.blue()) * amount),
    )


def readable(colour: QColor, *backgrounds: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """``colour``, darkened or lightened (towards whichever of black or white stands out
    more from ``backgrounds``) just enough to reach ``minimum`` against every one of them."""

    def worst(candidate: QColor) -> float:
        return min(contrast_ratio(candidate, background) for background in backgrounds)

    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    target = black if worst(black) >= worst(white) else white
    steps = 40
    for step in range(steps + 1):
        candidate = mixed(colour, target, step / steps)
        if worst(candidate) >= minimum:
            return candidate
    return target


def is_dark(palette: QPalette) -> bool:
    """A dark palette: its text lighter than its window (QT-ASYNC-TESTING.md, dark theme).
    The palette decides because it is what the text is drawn on; the system's colour scheme
    (Qt 6.5+) only settles a palette that does not say."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    if window != text:
        return window < text
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


@dataclass(frozen=True)
class Tint:
    """A message's or a badge's own colours: a background, its text and a border."""

    background: QColor
    text: QColor
    border: QColor

    def style(self) -> str:
        """As a style sheet's declarations."""
        return (
            f"background:{self.background.name()};color:{self.text.name()};"
            f"border:1px solid {self.border.name()};"
        )


def tint(accent: QColor | str, palette: QPalette, strength: float = 1.0) -> Tint:
    """``accent`` mixed into the palette's window colour (more of it on a dark palette, where
    a faint tint does not show; ``strength`` scales it), with text in the accent's hue,
    readable on that."""
    accent = QColor(accent)
    window = palette.color(QPalette.ColorRole.Window)
    dark = is_dark(palette)
    background = mixed(window, accent, (0.3 if dark else 0.12) * strength)
    return Tint(
        background,
        readable(accent, background),
        mixed(window, accent, (0.6 if dark else 0.35) * strength),
    )


def state_colours(state: RunState, deleted: bool, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of the run state label: green running, amber duration-only, red
    deleted, neutral stopped."""
    if deleted:
        colours = tint(DELETED_ACCENT, palette)
    elif state in RUN_STATE_ACCENTS:
        colours = tint(RUN_STATE_ACCENTS[state], palette)
    else:  # the palette's own text colour, faintly
        colours = tint(palette.color(QPalette.ColorRole.WindowText), palette, strength=0.5)
    return colours.background, colours.text


def warning_text_colour(palette: QPalette, *on: QPalette.ColorRole) -> QColor:
    """Text that warns (anomalies), readable on the palette's window colour or on the
    roles given (a tree's Base and AlternateBase)."""
    backgrounds = [palette.color(role) for role in on or (QPalette.ColorRole.Window,)]
    return readable(QColor(WARNING_ACCENT), *backgrounds)


def error_text_style(palette: QPalette) -> str:
    """Style sheet for a line saying what is wrong (the ID field's, the sign-in dialog's)."""
    colour = readable(QColor(ERROR_ACCENT), palette.color(QPalette.ColorRole.Window))
    return f"color:{colour.name()};"


def hint_text_style(palette: QPalette) -> str:
    """Style sheet for a line saying what is going on (the sign-in dialog, while it asks)."""
    colour = readable(QColor(HINT_ACCENT), palette.color(QPalette.ColorRole.Window))
    return f"color:{colour.name()};"


def input_error_border(palette: QPalette) -> str:
    colour = readable(
        QColor(ERROR_ACCENT), palette.color(QPalette.ColorRole.Base), minimum=BORDER_CONTRAST
    )
    return f"border:1px solid {colour.name()};"


def banner_style(kind: str, palette: QPalette) -> str:
    """The message banner's look for ``kind`` (error, warning, hint, info)."""
    return tint(BANNER_ACCENTS[kind], palette).style() + "padding:6px;"


def source_badge_style(palette: QPalette) -> str:
    return tint(HINT_ACCENT, palette).style() + "padding:2px 8px;font-weight:bold;"


def value_colours(palette: QPalette) -> dict[str, QColor]:
    """The tree's tinted values, readable on both of its alternating row colours."""
    rows = (
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.AlternateBase),
    )
    return {
        "boolean": readable(QColor(BOOLEAN_ACCENT), *rows),
        "number": readable(QColor(NUMBER_ACCENT), *rows),
        "warning": readable(QColor(WARNING_ACCENT), *rows),
    }


def surrounding_palette(widget: QWidget) -> QPalette:
    """The palette ``widget`` is shown on: its parent's (its own may be its style sheet's)."""
    parent = widget.parentWidget()
    return parent.palette() if parent is not None else QApplication.palette()


class _PaletteFollower(QObject):
    """Runs ``restyle`` again whenever the palette around the widget changes (the
    application's palette changed, light to dark or back) or the system's colour scheme does.
    It watches the widget's parent too: a widget with a style sheet of its own is not told
    when the application's palette changes (Qt 6.11), its parent is."""

    def __init__(self, widget: QWidget, restyle: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._parent: QWidget | None = None
        self._restyle = restyle
        self._restyling = False
        widget.installEventFilter(self)
        self._watch_parent()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.follow)

    def _watch_parent(self) -> None:
        parent = self._widget.parentWidget()
        if parent is self._parent:
            return
        if self._parent is not None:
            self._parent.removeEventFilter(self)
        self._parent = parent
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.ParentChange and watched is self._widget:
            self._watch_parent()
            self.follow()
        elif kind == QEvent.Type.PaletteChange:
            self.follow()
        return False

    def follow(self, _scheme: object = None) -> None:
        if self._restyling:  # restyling changes the widget's own palette: once is enough
            return
        self._restyling = True
        try:
            self._restyle()
        finally:
            self._restyling = False


def follow_palette(widget: QWidget, restyle: Callable[[], None]) -> Callable[[], None]:
    """Run ``restyle`` now and whenever ``widget``'s palette or the colour scheme changes;
    returns it, to be called when what it shows changes too."""
    follower = _PaletteFollower(widget, restyle)
    follower.follow()
    return follower.follow


def keep_styled(widget: QWidget, style_for: Callable[[QPalette], str]) -> Callable[[], None]:
    """Give ``widget`` the style sheet ``style_for`` makes from the palette around it, now
    and whenever that palette or the colour scheme changes."""
    return follow_palette(widget, lambda: set_style(widget, style_for(surrounding_palette(widget))))


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
