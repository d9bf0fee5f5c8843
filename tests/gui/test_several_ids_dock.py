"""The "Several IDs" dock beside the entry at a support person's desk (1280×800), against the
demo API over real sockets: it first takes at most a third of the window and never changes
its own height after that (not when the run starts, ends or pauses, nor when rows come in),
the entry's tree keeps its room, and a row opened shows its state in view with the start-up
hint and what was said about another entry withdrawn."""

from __future__ import annotations

import pytest
from gui_actions import look_up
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from inspector.api.errors import NotFound
from inspector.demo import reports
from inspector.demo.server import DemoServer
from inspector.ui.main_window import MainWindow

SIX_IDS = "ids 5000000001 5000000004 5000000005 5000000006 5000000007 5000000012"
OPENED = 5000000006  # Stopped · 0:45:00
DEMO_HINT = (
    "Demo mode: signed in to the built-in demo Toggl API at http://127.0.0.1:1. Pick an ID "
    "from the list on the right, or type one. Account → Sign in… also works here (nothing "
    "is saved)."
)
# What the tree shows at least of the entry beside the dock: a handful of fields (the
# summary above it keeps its whole height; the day strip and the tabs share the rest).
TREE_AT_LEAST = 100


def settle(window: MainWindow) -> None:
    """What the next turns of the event loop would do: layouts done, the size settled."""
    for _ in range(3):
        window.layout().activate()
        QApplication.processEvents()


def at_desk_size(qtbot, window: MainWindow, width: int = 1280, height: int = 800) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    settle(window)


def paste(window: MainWindow, text: str) -> None:
    QApplication.clipboard().setText(text)
    field = window.lookup_bar.id_input
    field.setFocus()
    field.paste()  # the field's own paste (Ctrl+V is caught before it: same offer)


def offer(qtbot, window: MainWindow, text: str = SIX_IDS):
    paste(window, text)
    panel = window.several_ids.panel
    qtbot.waitUntil(panel.isVisible)
    settle(window)
    return panel


def run(qtbot, window: MainWindow) -> None:
    panel = window.several_ids.panel
    with qtbot.waitSignal(window.several_ids.finished, timeout=15_000):
        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
    settle(window)


def open_row(qtbot, window: MainWindow, entry_id: int) -> None:
    """Double-click the row of ``entry_id``, as a person does."""
    panel = window.several_ids.panel
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == str(entry_id))
    panel.table.scrollTo(proxy.index(row, 0))
    at = panel.table.visualRect(proxy.index(row, 1)).center()
    viewport = panel.table.viewport()
    with qtbot.waitSignal(window.several_ids.result_chosen):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    settle(window)


def in_window(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def state_in_view(window: MainWindow) -> bool:
    """The state row lies whole inside what the summary's area shows (not scrolled away)."""
    area = window.entry_panel.summary_area
    state = window.entry_panel.run_state_label
    return state.isVisible() and in_window(area.viewport(), window).contains(
        in_window(state, window)
    )


def test_the_dock_takes_at_most_a_third_and_never_changes_its_own_height(qtbot, window):
    at_desk_size(qtbot, window)
    panel = offer(qtbot, window)
    height = panel.height()
    assert height <= window.height() // 3
    assert panel.table.viewport().height() >= 2 * panel.table.verticalHeader().defaultSectionSize()

    run(qtbot, window)  # rows come in, "Last run: …", the outcome: all longer texts
    assert panel.model.rowCount() == 6
    assert panel.height() == height
    assert not panel.table.horizontalScrollBar().isVisible()  # the columns fit at 1280

    open_row(qtbot, window, OPENED)
    assert panel.height() == height
    assert window.entry_panel.tree.height() >= TREE_AT_LEAST
    assert (window.width(), window.height()) == (1280, 800)


@pytest.mark.parametrize("height", [800, 600])  # at 600 a third is less than it needs
def test_a_plan_past_the_reserve_and_its_quota_pause_do_not_change_the_docks_height(
    qtbot, make_window, height
):
    with DemoServer(hourly_quota=4, quota_resets_in_s=3600) as server:
        window = make_window(server=server)
        at_desk_size(qtbot, window, 1280, height)
        look_up(qtbot, window, "5000000007")  # the quota is known from here on: 3 left
        panel = offer(qtbot, window, "5000000001 5000000004 5000000005 5000000006")
        assert "The quota reserve (2) is reached after 1 lookup" in panel.plan_label.full_text
        shown = panel.height()
        assert shown <= max(height // 3, panel.minimumSizeHint().height())
        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(panel.pause_label.isVisible, timeout=10_000)
        settle(window)
        assert "going on in 0:59:" in panel.pause_label.full_text
        assert panel.height() == shown
        with qtbot.waitSignal(window.several_ids.finished, timeout=10_000):
            qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        settle(window)
        assert panel.outcome_label.full_text.startswith("Cancelled during the quota pause")
        assert panel.height() == shown


def test_a_row_opened_shows_its_state_in_view_and_withdraws_the_start_up_hint(qtbot, make_window):
    window = make_window(startup_hint=DEMO_HINT)
    at_desk_size(qtbot, window)
    assert window.message_banner.isVisible()
    offer(qtbot, window)
    run(qtbot, window)
    assert window.message_banner.isVisible()  # a run shows no entry: the hint stays

    open_row(qtbot, window, OPENED)
    assert window.entry_panel.run_state_label.full_text == "Stopped · 0:45:00"
    assert window.history.banner.isVisible()  # "as fetched at …, not refreshed"
    assert not window.message_banner.isVisible()
    assert state_in_view(window)


def test_what_was_said_about_another_entry_goes_when_a_row_is_opened(qtbot, window):
    at_desk_size(qtbot, window)
    assert isinstance(look_up(qtbot, window, str(reports.OLD_RECENT_ID)), NotFound)
    assert window.message_banner.isVisible() and window.reports.panel.isVisible()
    offer(qtbot, window)
    run(qtbot, window)

    open_row(qtbot, window, OPENED)
    assert not window.message_banner.isVisible()
    assert not window.reports.panel.isVisible()
    assert state_in_view(window)


def test_the_state_stays_in_view_when_the_notices_above_it_do_not_fit(qtbot, window):
    at_desk_size(qtbot, window)
    offer(qtbot, window)
    run(qtbot, window)
    # An account's problem stays whatever entry is shown; the summary made short by hand.
    window.show_banner("The saved account could not be read: " + "details " * 60, "error")
    splitter = window.entry_panel.splitter
    total = sum(splitter.sizes())
    splitter.setSizes([80, total - 80])
    settle(window)

    open_row(qtbot, window, OPENED)
    assert window.message_banner.isVisible() and window.history.banner.isVisible()
    assert state_in_view(window)


def test_a_stored_answer_from_the_history_withdraws_the_start_up_hint(
    qtbot, make_window, monkeypatch, tmp_path
):
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    earlier = make_window()
    look_up(qtbot, earlier, "5000000001")
    earlier.history_action.trigger()
    qtbot.waitUntil(lambda: earlier.history.list.count() == 1)
    earlier.close()

    window = make_window(startup_hint=DEMO_HINT)  # the next day's start, hint and all
    window.history_action.trigger()
    qtbot.waitUntil(lambda: window.history.list.count() == 1)
    assert window.message_banner.isVisible()
    window.history.list.itemActivated.emit(window.history.list.item(0))
    qtbot.waitUntil(window.history.banner.isVisible)
    assert not window.message_banner.isVisible()
