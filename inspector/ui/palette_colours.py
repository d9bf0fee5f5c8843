"""Colours from the palette, so that the window follows a light or a dark desktop: every
tint is an accent mixed into the palette's own window colour, and every text colour is the
accent made dark or light enough to be read on what it is drawn on (WCAG: at least 4.5:1).
A light, a dark or a high-contrast palette all get readable text, and no colour is picked by
hand per theme. Parts that colour themselves restyle when the palette or the system's colour
scheme changes (``follow_palette``, ``keep_styled``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from inspector.domain.run_state import RunState
from inspector.ui.style import set_style

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


# (state, deleted, palette.cacheKey()) -> (background, text): each lookup colours the state
# label, and mixing and contrast-checking the same colours again is wasted work.
_STATE_COLOURS: dict[tuple[RunState, bool, int], tuple[QColor, QColor]] = {}
_STATE_COLOURS_KEPT = 64  # a few states times the palettes a session sees; then start over


def state_colours(state: RunState, deleted: bool, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of the run state label: green running, amber duration-only, red
    deleted, neutral stopped."""
    key = (state, deleted, palette.cacheKey())
    made = _STATE_COLOURS.get(key)
    if made is None:
        if len(_STATE_COLOURS) >= _STATE_COLOURS_KEPT:
            _STATE_COLOURS.clear()
        made = _STATE_COLOURS[key] = _made_state_colours(state, deleted, palette)
    return QColor(made[0]), QColor(made[1])  # copies: a caller may change its own


def _made_state_colours(state: RunState, deleted: bool, palette: QPalette) -> tuple[QColor, QColor]:
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
