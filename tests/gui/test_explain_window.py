"""Explaining an entry in the window (issue #13), quota first: nothing is asked unless
Explain is clicked (or automatic context is on), the price is shown before spending, the
reserve is kept unless the person says otherwise, a 403 leaves the entry shown, a stale
answer never lands, and the entries around it are shown from the list's data.

Against a fake of the service (tests/gui/fake_context.py) until the real one is merged;
the entry itself comes from the demo API over a real socket."""

from __future__ import annotations

from collections import Counter

import pytest
from fake_context import (
    AROUND,
    CLOSE_BY,
    DUPLICATE,
    OVERLAPPING,
    PROJECT,
    RUNNING,
    FakeContextService,
)
from gui_actions import cell, look_up
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from inspector.services import LookupResult
from inspector.ui.context_controller import SETTINGS_AUTOMATIC, SETTINGS_RESERVE
from inspector.ui.main_window import MainWindow

STOPPED_ID = 5_000_000_001  # Stopped · 1:23:45
RUNNING_ID = 5_000_000_002
DELETED_ID = 5_000_000_012
NOT_FOUND_ID = 5_000_000_404


@pytest.fixture
def fake() -> FakeContextService:
    return FakeContextService()


@pytest.fixture
def window(make_window, fake) -> MainWindow:
    return make_window(context_services=fake.factory)


def explain(qtbot, window: MainWindow) -> None:
    """Click Explain and wait for the context to land."""
    with qtbot.waitSignal(window.context.loaded, timeout=5000):
        qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)


def offer_text(window: MainWindow) -> str:
    return window.entry_panel.explain_offer.label.full_text


def visible_buttons(window: MainWindow) -> set[str]:
    offer = window.entry_panel.explain_offer
    buttons = (offer.explain_button, offer.anyway_button, offer.not_now_button)
    return {button.objectName() for button in buttons if button.isVisible()}


def served(demo_server) -> int:
    return len(demo_server.served)


# --- quota first ---------------------------------------------------------------------------
def test_nothing_is_asked_until_explain_is_clicked_and_the_price_comes_first(
    qtbot, window, fake, demo_server
):
    look_up(qtbot, window, str(STOPPED_ID))
    assert offer_text(window) == "Explain: 3 requests, quota left 24"
    assert visible_buttons(window) == {"explainButton"}
    assert "GET /api/v9/me" in window.entry_panel.explain_offer.label.toolTip()
    assert fake.sent == [] and fake.explained == []
    assert served(demo_server) == 1  # the lookup, nothing else
    assert not window.entry_panel.tabs.isTabEnabled(1)  # Around: nothing known yet

    explain(qtbot, window)
    assert len(fake.sent) == 3
    assert window.statusBar().currentMessage() == "Context: 3 requests · quota left 21"
    assert offer_text(window) == "Explained: 3 requests · quota left 21"
    assert visible_buttons(window) == set()
    assert served(demo_server) == 1


def test_each_request_is_counted_in_the_status_bar_as_it_goes(qtbot, window, fake):
    fake.held = True
    look_up(qtbot, window, str(STOPPED_ID))
    messages: list[str] = []
    window.context.loading.connect(lambda _plan, text: messages.append(text))
    qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.waiting == 1)
    assert messages == [
        "Context: asking 3 requests…",
        "Context: request 1 of 3…",
        "Context: request 2 of 3…",
        "Context: request 3 of 3…",
    ]
    assert window.statusBar().currentMessage() == messages[-1]
    assert window.entry_panel.explain_offer.label.full_text == messages[-1]
    with qtbot.waitSignal(window.context.loaded):
        fake.release()


def test_without_a_service_nothing_is_offered(qtbot, make_window, demo_server):
    window = make_window(context_services=lambda lookup, identity: None)
    look_up(qtbot, window, str(STOPPED_ID))
    assert not window.entry_panel.explain_offer.isVisible()
    look_up(qtbot, window, str(NOT_FOUND_ID))
    assert window.reports.panel.isVisible()
    assert not window.deleted_check.offer.isVisible()
    assert served(demo_server) == 2


def test_automatic_context_loads_by_itself_after_each_lookup(qtbot, make_window, fake, settings):
    settings.setValue(SETTINGS_AUTOMATIC, True)
    window = make_window(context_services=fake.factory)
    with qtbot.waitSignal(window.context.loaded, timeout=5000):
        look_up(qtbot, window, str(STOPPED_ID))
    assert fake.explained == [STOPPED_ID]
    assert window.entry_panel.neighbour_list.entries.rowCount() == 4


def test_automatic_context_is_off_by_default_and_set_in_the_settings_dialog(
    qtbot, window, fake, settings
):
    assert window.context.automatic is False
    assert window.context.reserve == 3
    dialog = window.context.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.objectName() == "contextSettingsDialog"
    dialog.automatic_box.setChecked(True)
    dialog.reserve_box.setValue(10)
    dialog.accept()
    assert window.context.automatic is True
    assert window.context.reserve == 10
    settings.sync()
    assert settings.value(SETTINGS_RESERVE) in (10, "10")


def test_below_the_reserve_it_asks_first_and_not_now_sends_nothing(qtbot, window, fake):
    fake.quota_left = 5  # 3 requests would leave 2, below the reserve of 3
    look_up(qtbot, window, str(STOPPED_ID))
    assert offer_text(window) == "Explain: 3 requests, quota left 5"
    qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)
    assert visible_buttons(window) == {"explainAnywayButton", "notNowButton"}
    assert "would leave 2, below the reserve of 3" in offer_text(window)
    assert fake.sent == []

    qtbot.mouseClick(window.entry_panel.explain_offer.not_now_button, Qt.MouseButton.LeftButton)
    assert fake.sent == [] and fake.explained == []
    assert visible_buttons(window) == {"explainButton"}
    assert window.statusBar().currentMessage() == "Not explained: nothing was sent."
    assert QApplication.activeModalWidget() is None  # asked in place, never a modal box

    qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.context.loaded, timeout=5000):
        qtbot.mouseClick(window.entry_panel.explain_offer.anyway_button, Qt.MouseButton.LeftButton)
    assert len(fake.sent) == 3


def test_automatic_context_asks_first_below_the_reserve_too(qtbot, make_window, fake, settings):
    settings.setValue(SETTINGS_AUTOMATIC, True)
    settings.setValue(SETTINGS_RESERVE, 30)
    window = make_window(context_services=fake.factory)
    look_up(qtbot, window, str(STOPPED_ID))
    assert visible_buttons(window) == {"explainAnywayButton", "notNowButton"}
    assert "below the reserve of 30" in offer_text(window)
    assert fake.sent == []


# --- what it finds -------------------------------------------------------------------------
def test_a_403_on_a_context_call_leaves_the_entry_and_says_what_was_not_checked(
    qtbot, window, fake
):
    fake.forbidden = {PROJECT, AROUND}
    look_up(qtbot, window, str(STOPPED_ID))
    explain(qtbot, window)
    panel = window.entry_panel
    assert panel.run_state_label.full_text == "Stopped · 1:23:45"
    assert cell(window, "Entry", "id") == str(STOPPED_ID)
    why = panel.summary.explanation_label.full_text
    assert "Not checked: entries around it (HTTP 403: not accessible to this account)" in why
    assert "Not checked: the project (HTTP 403" in why
    assert panel.neighbour_list.entries.rowCount() == 1  # the entry alone: none around


def test_the_summary_says_what_who_when_and_why(qtbot, window, fake):
    window.lookup_bar.meta_box.setChecked(True)
    look_up(qtbot, window, str(STOPPED_ID))
    summary = window.entry_panel.summary
    assert summary.who_label.full_text.startswith("Demo User")
    what = summary.what_label.full_text
    assert "“Customer call: invoice question”" in what
    assert "Support / client Acme Corp / task Tier 2 tickets" in what
    assert "tags: support, billing" in what
    times = summary.times_label.text()
    assert "UTC" in times and "This computer" in times
    assert "time zone not asked yet" in times
    explain(qtbot, window)
    times = summary.times_label.text()
    assert "Owner: 2026-" in times and ", America/New_York" in times
    assert " EST" in times or " EDT" in times
    why = summary.explanation_label.full_text
    assert f"• Entry {STOPPED_ID + DUPLICATE} is an exact duplicate" in why
    assert f"• Overlaps entry {STOPPED_ID + OVERLAPPING} by 0:05:00" in why


def test_a_deleted_entry_says_deleted_in_its_state(qtbot, window):
    look_up(qtbot, window, str(DELETED_ID))
    panel = window.entry_panel
    state = panel.run_state_label.full_text
    assert state.startswith("Deleted · was stopped")
    assert panel.run_state_label.palette().color(QPalette.ColorRole.WindowText).hslHue() < 15  # red
    assert "The entry was deleted" in panel.summary.explanation_label.full_text
    look_up(qtbot, window, str(STOPPED_ID))
    assert not panel.run_state_label.full_text.startswith("Deleted")


def test_a_stale_context_answer_never_lands_on_a_newer_entry(qtbot, window, fake):
    fake.held = fake.late = True  # the first answer comes even after being cancelled
    look_up(qtbot, window, str(STOPPED_ID))
    qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.waiting == 1)
    landed: list[object] = []
    window.context.loaded.connect(lambda *args: landed.append(args))

    look_up(qtbot, window, str(RUNNING_ID))
    assert offer_text(window).startswith("Explain: 3 requests")
    fake.release()
    qtbot.waitUntil(lambda: fake.answered == [STOPPED_ID])
    panel = window.entry_panel
    assert landed == []
    assert window.context.context is None
    assert panel.neighbour_list.entries.rowCount() == 0
    assert not panel.tabs.isTabEnabled(1)
    assert str(STOPPED_ID + DUPLICATE) not in panel.summary.explanation_label.full_text
    assert offer_text(window).startswith("Explain: 3 requests")  # the new entry's offer


def test_a_new_lookup_cancels_the_context_still_loading(qtbot, window, fake):
    fake.held = True
    look_up(qtbot, window, str(STOPPED_ID))
    qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.waiting == 1)
    look_up(qtbot, window, str(RUNNING_ID))
    qtbot.waitUntil(lambda: not window.context.is_loading)
    assert fake.answered == []


# --- the entries around it -----------------------------------------------------------------
def test_clicking_a_neighbour_shows_it_from_the_list_without_a_request(
    qtbot, window, fake, demo_server
):
    look_up(qtbot, window, str(STOPPED_ID))
    explain(qtbot, window)
    panel = window.entry_panel
    listed = panel.neighbour_list
    assert listed.entry_ids == [  # by start; the duplicate after the entry (same start)
        STOPPED_ID + CLOSE_BY,
        STOPPED_ID + OVERLAPPING,
        STOPPED_ID,
        STOPPED_ID + DUPLICATE,
    ]
    assert panel.tabs.tabText(1) == "Around (3)"
    row = listed.entry_ids.index(STOPPED_ID + OVERLAPPING)
    assert listed.text(row, 3) == "Standup <b>notes</b>"  # plain text, as received
    assert listed.text(row, 1) == "overlaps by 0:05:00"
    assert listed.text(listed.entry_ids.index(STOPPED_ID), 1) == "this entry"
    header = listed.entries.headerData(2, Qt.Orientation.Horizontal)
    assert header == "Start – stop (America/New_York)"
    before = (served(demo_server), len(fake.sent))

    panel.tabs.setCurrentWidget(listed)
    rect = listed.visualRect(listed.entries.index(row, 1))
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.tabs.currentWidget() is panel.fields_page
    assert cell(window, "Entry", "id") == str(STOPPED_ID + OVERLAPPING)
    assert cell(window, "Entry", "description") == "Standup <b>notes</b>"
    assert panel.listed_banner.isVisible()
    assert panel.listed_label.full_text == (
        f"Entry {STOPPED_ID + OVERLAPPING}, shown from the list of entries around "
        f"{STOPPED_ID}, not fetched."
    )
    assert panel.day_strip.selected == STOPPED_ID + OVERLAPPING
    assert panel.run_state_label.full_text == "Stopped · 1:23:45"  # the summary stays
    assert (served(demo_server), len(fake.sent)) == before  # no request

    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert cell(window, "Entry", "id") == str(STOPPED_ID)
    assert not panel.listed_banner.isVisible()
    assert (served(demo_server), len(fake.sent)) == before


def test_the_list_of_entries_around_is_a_sound_model(qtbot, qtmodeltester, window, fake):
    fake.with_running = True
    look_up(qtbot, window, str(RUNNING_ID))
    explain(qtbot, window)
    qtmodeltester.check(window.entry_panel.neighbour_list.entries)


def test_the_raw_json_tab_follows_the_entry_shown_from_the_list(qtbot, window):
    look_up(qtbot, window, str(STOPPED_ID))
    explain(qtbot, window)
    panel = window.entry_panel
    panel.neighbour_list.select(STOPPED_ID + CLOSE_BY)
    panel.tabs.setCurrentWidget(panel.raw_view)
    assert f'"id": {STOPPED_ID + CLOSE_BY}' in panel.raw_view.toPlainText()
    panel.show_inspected()
    panel.tabs.setCurrentWidget(panel.raw_view)
    assert f'"id": {STOPPED_ID},' in panel.raw_view.toPlainText()


# --- the day strip -------------------------------------------------------------------------
def pixels(widget: QWidget, area: QRect | None = None) -> Counter[tuple[int, int, int]]:
    image = (widget.grab(area) if area is not None else widget.grab()).toImage()
    return Counter(
        image.pixelColor(x, y).getRgb()[:3]
        for x in range(image.width())
        for y in range(image.height())
    )


def reddish(colour: tuple[int, int, int]) -> bool:
    red, green, blue = colour
    return red > 150 and green < 110 and blue < 110


def bar_centre(strip, entry_id: int) -> QPoint:
    bar = next(bar for bar in strip.bars if bar.entry_id == entry_id)
    rect = strip.bar_rect(bar)
    assert rect is not None
    return rect.center().toPoint()


def test_the_day_strip_paints_the_entry_and_its_neighbours(qtbot, window):
    look_up(qtbot, window, str(STOPPED_ID))
    strip = window.entry_panel.day_strip
    highlight = strip.palette().color(QPalette.ColorRole.Highlight).getRgb()[:3]
    alone = pixels(strip)
    assert alone[highlight] > 20  # before explaining: the entry alone, on its UTC day
    assert not any(reddish(colour) for colour in alone)
    assert strip.day is not None and strip.day.label.endswith("· UTC")

    explain(qtbot, window)
    assert strip.day.label.endswith("· America/New_York")
    assert {bar.entry_id for bar in strip.bars} == {
        STOPPED_ID,
        STOPPED_ID + OVERLAPPING,
        STOPPED_ID + DUPLICATE,
        STOPPED_ID + CLOSE_BY,
    }
    painted = pixels(strip)
    assert painted[highlight] > 20
    assert sum(count for colour, count in painted.items() if reddish(colour)) > 20  # overlap


def test_the_day_strip_names_an_entry_on_hover_and_chooses_it_on_click(qtbot, window, fake):
    look_up(qtbot, window, str(STOPPED_ID))
    explain(qtbot, window)
    strip = window.entry_panel.day_strip
    centre = bar_centre(strip, STOPPED_ID)
    qtbot.mouseMove(strip, centre)
    qtbot.waitUntil(lambda: f"Entry {STOPPED_ID}:" in strip.toolTip())
    assert "this entry" in strip.toolTip()

    around = bar_centre(strip, STOPPED_ID + CLOSE_BY)
    qtbot.mouseMove(strip, around)
    QApplication.sendEvent(
        strip, QHelpEvent(QEvent.Type.ToolTip, around, strip.mapToGlobal(around))
    )
    assert QToolTip.text().startswith(f"Entry {STOPPED_ID + CLOSE_BY}: Email triage")
    QToolTip.hideText()

    sent = len(fake.sent)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=around)
    listed = window.entry_panel.neighbour_list
    assert listed.current_entry() == STOPPED_ID + CLOSE_BY
    assert cell(window, "Entry", "id") == str(STOPPED_ID + CLOSE_BY)
    assert strip.selected == STOPPED_ID + CLOSE_BY
    assert len(fake.sent) == sent


def test_a_running_neighbour_runs_out_to_the_right_edge(qtbot, window, fake):
    fake.with_running = True
    look_up(qtbot, window, str(RUNNING_ID))
    explain(qtbot, window)
    strip = window.entry_panel.day_strip
    running = next(bar for bar in strip.bars if bar.stop is None and not bar.inspected)
    rect = strip.bar_rect(running)
    assert rect is not None and rect.right() >= strip.width() - 2
    why = window.entry_panel.summary.explanation_label.full_text
    assert f"Entry {RUNNING_ID + RUNNING} is running too" in why


# --- a deleted entry after a v9 404 ----------------------------------------------------------
def test_after_a_404_was_it_deleted_is_offered_with_its_price_and_finds_it(
    qtbot, window, fake, demo_server
):
    deleted = look_up(qtbot, window, str(DELETED_ID))  # the demo's deleted entry, as data
    assert isinstance(deleted, LookupResult)
    fake.deleted = {NOT_FOUND_ID: {**deleted.view.raw, "id": NOT_FOUND_ID}}
    look_up(qtbot, window, str(NOT_FOUND_ID))
    check = window.deleted_check.offer
    assert window.reports.panel.isVisible() and check.isVisible()
    assert check.check_button.text() == "Was it deleted? (1 request, quota left 24)"
    assert fake.sent == []

    with qtbot.waitSignal(window.lookup_finished, timeout=5000) as blocker:
        qtbot.mouseClick(check.check_button, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], LookupResult)
    assert len(fake.sent) == 1
    panel = window.entry_panel
    assert panel.run_state_label.full_text.startswith("Deleted · was stopped")
    assert "The entry was deleted" in panel.summary.explanation_label.full_text
    assert not window.reports.panel.isVisible()
    assert window.statusBar().currentMessage() == (
        f"Found deleted entry {NOT_FOUND_ID}: 1 request · quota left 23"
    )
    assert offer_text(window).startswith("Explain:")  # and it can be explained further


def test_was_it_deleted_says_so_when_it_was_not(qtbot, window, fake):
    look_up(qtbot, window, str(NOT_FOUND_ID))
    check = window.deleted_check.offer
    with qtbot.waitSignal(window.lookup_finished, timeout=5000):
        qtbot.mouseClick(check.check_button, Qt.MouseButton.LeftButton)
    assert check.label.full_text == "Not among your deleted entries either (1 request)."
    assert window.reports.panel.isVisible()  # the Reports search is still there to try
    assert len(fake.sent) == 1


def test_was_it_deleted_asks_first_below_the_reserve(qtbot, window, fake):
    fake.quota_left = 2
    look_up(qtbot, window, str(NOT_FOUND_ID))
    check = window.deleted_check.offer
    qtbot.mouseClick(check.check_button, Qt.MouseButton.LeftButton)
    assert check.anyway_button.isVisible() and check.not_now_button.isVisible()
    qtbot.mouseClick(check.not_now_button, Qt.MouseButton.LeftButton)
    assert fake.sent == []
    assert check.check_button.isVisible()


# --- how it looks ----------------------------------------------------------------------------
def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.04045 else ((value_ + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(first: QColor, second: QColor) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def pixel_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The strongest contrast of any pixel against the most common one (the background)."""
    counts = pixels(widget, area)
    background = QColor(*counts.most_common(1)[0][0])
    return max(contrast(background, QColor(*colour)) for colour in counts)


@pytest.fixture
def dark_palette(qapp):
    before = qapp.palette()
    qapp.setPalette(QPalette(QColor("#353535")))
    yield
    qapp.setPalette(before)


def test_the_summary_reads_on_a_dark_palette(qtbot, dark_palette, window):
    look_up(qtbot, window, str(DELETED_ID))
    explain(qtbot, window)
    summary = window.entry_panel.summary
    state = summary.state_label.palette()
    assert (
        contrast(state.color(QPalette.ColorRole.WindowText), state.color(QPalette.ColorRole.Window))
        >= 4.5
    )
    assert state.color(QPalette.ColorRole.Window).lightness() < 128  # dark, like the window
    for label in (
        summary.state_label,
        summary.who_label,
        summary.what_label,
        summary.times_label,
        summary.anomaly_label,
        summary.explanation_label,
        window.entry_panel.explain_offer.label,
    ):
        palette = label.palette()
        if label is not summary.state_label:
            assert (
                contrast(
                    palette.color(QPalette.ColorRole.WindowText),
                    window.entry_panel.palette().color(QPalette.ColorRole.Window),
                )
                >= 4.5
            ), label.objectName()
        assert pixel_contrast(label) >= 4.5, label.objectName()

    # The banner over an entry shown from the list keeps its own (light) colours, for its
    # text too (its label is transparent: measured where it sits on the banner).
    panel = window.entry_panel
    panel.neighbour_list.select(DELETED_ID + CLOSE_BY)
    assert pixel_contrast(panel.listed_banner, panel.listed_label.geometry()) >= 4.5


def test_context_never_widens_the_window(qtbot, window, fake):
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    look_up(qtbot, window, str(DELETED_ID))
    fake.with_running = True
    explain(qtbot, window)
    window.entry_panel.neighbour_list.select(DELETED_ID + OVERLAPPING)
    for part in (
        window.entry_panel.summary,
        window.entry_panel.explain_offer,
        window.entry_panel.day_strip,
        window.entry_panel.listed_banner,
        window.entry_panel,
    ):
        assert part.minimumSizeHint().width() <= 800, part.objectName()
    assert window.minimumSizeHint().width() <= 800
    QApplication.processEvents()
    assert window.width() == 800
