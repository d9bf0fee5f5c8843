"""Colours come from the palette: under a light and under a dark palette (Fusion with a dark
QPalette, what a dark desktop gives the app) the run state, the anomalies, the banner and the
source badge are readable, measured on the rendered pixels as WCAG contrast (at least
4.5:1), and switching the palette while the window is open restyles what is on screen.

A deleted entry says so in its state, in a warning colour; anomalies in the tree look like
warnings (icon, warning colour, upright), not like derived values (grey italics)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from gui_actions import find_row, look_up
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from inspector.api import errors
from inspector.demo import reports
from inspector.services import LookupResult, ReportsResult
from inspector.ui.palette_colours import follow_palette
from tools.screenshots import dark_palette

MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text
STOPPED_ID, RUNNING_ID, DELETED_ID = "5000000001", "5000000002", "5000000012"
INCONSISTENT_ID = "5000000014"  # two anomalies
NOT_FOUND_ID = "5000000404"
WORKSPACE_KEY = "reports/workspace/demo"


# --- WCAG contrast, written out here so that the app's own helper is not what checks it ----
def luminance(colour: QColor) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: QColor, second: QColor) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rendered(widget: QWidget, rect: QRect | None = None) -> tuple[QColor, QColor, float]:
    """(background, text, contrast) as painted: the background is the most common pixel of
    the widget (or of ``rect`` in it), the text the pixel standing out most from it."""
    image = (widget.grab(rect) if rect else widget.grab()).toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(memoryview(bytes(image.constBits())).cast("I"))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(value) for value in pixels), key=lambda c: contrast(c, background))
    return background, text, contrast(background, text)


def assert_readable(widget: QWidget, what: str, rect: QRect | None = None) -> tuple[QColor, QColor]:
    """(background, text) as painted, the text readable on it."""
    background, text, ratio = rendered(widget, rect)
    assert text != background, f"{what}: nothing drawn"
    assert ratio >= MIN_CONTRAST, f"{what}: {text.name()} on {background.name()} is {ratio:.2f}:1"
    return background, text


def is_warm(colour: QColor) -> bool:
    """Red, orange or amber (pale or deep): a warning's hue, not a grey or a blue."""
    hue = colour.hslHue()  # -1 for a grey
    return (0 <= hue <= 50 or hue >= 340) and colour.hslSaturation() >= 60


# --- palettes --------------------------------------------------------------------------------
def light_palette() -> QPalette:
    return QApplication.style().standardPalette()


@pytest.fixture
def app_palette(qapp) -> Iterator[None]:
    """Whatever the test sets on the application is undone after it."""
    before = QPalette(qapp.palette())
    yield
    qapp.setPalette(before)


@pytest.fixture(params=["light", "dark"])
def themed_window(request, qapp, app_palette, make_window):
    qapp.setStyle("Fusion")
    qapp.setPalette(dark_palette() if request.param == "dark" else light_palette())
    return make_window()


def anomaly_rows(window) -> list[QModelIndex]:
    model = window.entry_panel.tree.entry_model
    group = find_row(window, "Anomalies")
    return [model.index(row, 1, group) for row in range(model.rowCount(group))]


def assert_anomaly_rows_readable(window) -> list[QColor]:
    tree = window.entry_panel.tree
    texts = []
    for index in anomaly_rows(window):
        rect = tree.visualRect(index)
        assert rect.isValid() and tree.viewport().rect().contains(rect.center())
        texts.append(assert_readable(tree.viewport(), f"anomaly row {index.row()}", rect)[1])
    return texts


# --- the tests -------------------------------------------------------------------------------
def test_state_anomalies_banner_and_badge_are_readable(qtbot, themed_window, settings):
    window = themed_window
    panel = window.entry_panel
    state = panel.run_state_label
    for entry_id, starts in (
        (RUNNING_ID, "Running"),
        (STOPPED_ID, "Stopped"),
        (DELETED_ID, "Deleted · was stopped"),
    ):
        assert isinstance(look_up(qtbot, window, entry_id), LookupResult)
        assert state.full_text.startswith(starts)
        assert_readable(state, f"state {state.full_text!r}")

    look_up(qtbot, window, INCONSISTENT_ID)
    assert_readable(panel.anomaly_label, "anomaly line")
    warnings = assert_anomaly_rows_readable(window)
    assert len(warnings) == 2 and all(is_warm(colour) for colour in warnings), warnings

    banner = window.message_banner.label
    assert isinstance(look_up(qtbot, window, NOT_FOUND_ID), errors.NotFound)
    assert window.message_banner.kind == "info"  # the way to an old entry, not a failure
    assert_readable(banner, "not-found banner")
    for kind in ("error", "warning", "hint", "info"):
        window.show_banner(f"A {kind} to read.", kind)
        assert_readable(banner, f"{kind} banner")

    window.lookup_bar.id_input.setText("12a")  # refused as typed, the reason in red
    assert window.lookup_bar.id_error.isVisible()
    assert_readable(window.lookup_bar.id_error, "ID problem")

    settings.setValue(WORKSPACE_KEY, 8_200_001)  # so that the search needs no choosing
    with qtbot.waitSignal(window.reports.workspaces_loaded, timeout=10_000):
        look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    assert isinstance(found.args[0], ReportsResult)
    qtbot.waitUntil(panel.source_badge.isVisible)
    assert panel.source_badge.text().startswith("Source: Reports API")
    assert_readable(panel.source_badge, "source badge")


def test_a_deleted_entry_says_so_in_its_state_in_a_warning_colour(qtbot, window):
    state = window.entry_panel.run_state_label
    look_up(qtbot, window, STOPPED_ID)
    stopped_background, stopped_text, _ = rendered(state)
    look_up(qtbot, window, DELETED_ID)
    assert state.full_text == "Deleted · was stopped · 0:25:00"
    background, text, _ = rendered(state)
    assert is_warm(text) and is_warm(background), (text.name(), background.name())
    assert not is_warm(stopped_text) and not is_warm(stopped_background)


def test_anomalies_in_the_tree_look_like_warnings_not_like_derived_values(qtbot, window):
    look_up(qtbot, window, INCONSISTENT_ID)
    model = window.entry_panel.tree.entry_model
    derived = find_row(window, "Time", "duration", "h:mm:ss").siblingAtColumn(1)
    assert derived.data(Qt.ItemDataRole.FontRole).italic()  # derived values: grey italics
    derived_colour = derived.data(Qt.ItemDataRole.ForegroundRole).color()

    group = find_row(window, "Anomalies")
    assert not group.data(Qt.ItemDataRole.DecorationRole).isNull()  # the warning icon
    for value in anomaly_rows(window):
        name = value.siblingAtColumn(0)
        assert not name.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert value.siblingAtColumn(2).data() == "anomaly"
        font = value.data(Qt.ItemDataRole.FontRole)
        assert font is None or not font.italic()
        for cell in (name, value):
            colour = cell.data(Qt.ItemDataRole.ForegroundRole).color()
            assert is_warm(colour) and colour != derived_colour, colour.name()
    assert "disagrees with stop − start" in model.index(0, 1, group).data()

    on_screen = assert_anomaly_rows_readable(window)
    assert all(is_warm(colour) for colour in on_screen)


def test_switching_to_a_dark_palette_restyles_what_is_on_screen(
    qtbot, qapp, app_palette, make_window
):
    qapp.setStyle("Fusion")
    qapp.setPalette(light_palette())
    window = make_window()
    panel = window.entry_panel
    look_up(qtbot, window, INCONSISTENT_ID)
    window.show_banner("Something to know.", "hint")
    light = {
        "banner": rendered(window.message_banner.label)[0],
        "state": rendered(panel.run_state_label)[0],
        "anomaly": rendered(panel.anomaly_label)[1],
        "row": assert_anomaly_rows_readable(window)[0],
    }

    qapp.setPalette(dark_palette())
    qtbot.waitUntil(lambda: rendered(panel.tree.viewport())[0] == QColor("#232323"))
    dark = {
        "banner": assert_readable(window.message_banner.label, "hint banner")[0],
        "state": assert_readable(panel.run_state_label, "state")[0],
        "anomaly": rendered(panel.anomaly_label)[1],
        "row": assert_anomaly_rows_readable(window)[0],
    }
    # Tinted backgrounds went dark with the window; warning text went light to stay readable.
    assert luminance(dark["banner"]) < 0.1 < luminance(light["banner"])
    assert luminance(dark["state"]) < 0.1 < luminance(light["state"])
    assert luminance(dark["anomaly"]) > luminance(light["anomaly"])
    assert luminance(dark["row"]) > luminance(light["row"])
    assert_readable(panel.anomaly_label, "anomaly line")


def test_a_colour_scheme_change_restyles_too(qtbot, qapp):
    """Qt says the system's scheme changed (a desktop switched to dark): parts restyle even
    when no palette change comes with it."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[int] = []
    follow_palette(widget, lambda: calls.append(1))
    assert calls == [1]
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert calls == [1, 1]
