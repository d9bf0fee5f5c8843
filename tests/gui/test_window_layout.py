"""The window at a support person's desk (issue #15, items 2 and 3): at most 800 px wide at
its least with the demo list, nothing cut or overlapping at 800×600, 1280×800 and
1920×1080 (screenshots kept in the test's directory), its size never changed by what it
shows, and nothing under the mouse moved by a message: the demo list and the tabs stay
where they are when a banner, the Reports offer, the options mark or an ID's problem
appears."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gui_actions import look_up
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from inspector.api import errors
from inspector.demo import reports
from inspector.demo.dataset import demo_entry
from inspector.demo.server import DemoServer
from inspector.services import LookupResult, ReportsResult
from inspector.ui.main_window import MainWindow

LONG_ID = 5_000_000_777  # an entry with server text far longer than any window
WORKSPACE_KEY = "reports/workspace/demo"
# Demo entries that answer at once (no retries, waits or megabytes): every state, the
# Unicode and anomalies ones, sharing, deletion, the Explain cases and the refusals.
QUICK = [
    *range(5_000_000_001, 5_000_000_016),
    *range(5_000_000_030, 5_000_000_043),
    5_000_000_400,
    5_000_000_401,
    5_000_000_403,
    5_000_000_404,
    5_000_000_500,
    *range(5_000_000_900, 5_000_000_908),
    5_000_000_909,
    5_000_000_916,
    5_000_000_917,
    5_000_000_919,
    5_000_000_923,
    LONG_ID,
]


@pytest.fixture
def long_text_server() -> Iterator[DemoServer]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    words = "Very long description " * 400 + "x" * 5000
    long_entry = demo_entry(
        LONG_ID,
        start,
        600,
        None,  # duration only: the derived stop is the widest times line
        description=words,
        project_name="P" * 3000,
        tags=["t" * 400] * 30,
        user_name="U" * 2000,
    )
    with DemoServer(extra_entries={LONG_ID: long_entry}) as server:
        yield server


@pytest.fixture
def window(make_window, long_text_server) -> MainWindow:
    return make_window(server=long_text_server)


def settle(window: MainWindow) -> None:
    """What the next turns of the event loop would do: layouts done, the size settled."""
    for _ in range(3):
        window.layout().activate()
        QApplication.processEvents()


def resize(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    settle(window)


def in_window(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def important(window: MainWindow, entry_shown: bool) -> dict[str, QWidget]:
    bar, panel = window.lookup_bar, window.entry_panel
    parts: dict[str, QWidget] = {
        "ID field": bar.id_input,
        "Fetch": bar.fetch_button,
        "Cancel": bar.cancel_button,
        "meta": bar.meta_box,
        "include sharing": bar.sharing_box,
        "tabs": panel.tabs,
    }
    if entry_shown:  # otherwise messages stand in its place
        parts["state"] = panel.run_state_label
    if window.demo_panel is not None:
        parts["demo list"] = window.demo_panel.demo_list
    return parts


def assert_laid_out(window: MainWindow, entry_shown: bool = True) -> None:
    """Every important part visible, whole inside the window, none over another; the tree
    inside the tabs; the summary's content no wider than the area showing it (nothing cut
    at its right edge)."""
    frame = window.rect()
    parts = important(window, entry_shown)
    rects = {name: in_window(widget, window) for name, widget in parts.items()}
    for name, widget in parts.items():
        assert widget.isVisible(), name
        assert frame.contains(rects[name]), (name, rects[name], frame)
        assert rects[name].width() > 0 and rects[name].height() > 0, name
    names = list(rects)
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            assert not rects[first].intersects(rects[second]), (first, second)
    tabs = rects["tabs"]
    tree = in_window(window.entry_panel.tree, window)
    assert tabs.contains(tree) and tree.height() >= 60, tree
    area = window.entry_panel.summary_area
    assert area.widget().width() <= area.viewport().width()
    if entry_shown:  # on screen, not scrolled away or cut by the summary's area
        viewport = in_window(area.viewport(), window)
        assert viewport.contains(rects["state"]), (viewport, rects["state"])


def test_at_its_least_the_window_is_at_most_800_wide_with_the_demo_list(qtbot, window):
    assert window.demo_panel is not None and window.demo_panel.isVisible()
    assert window.minimumSizeHint().width() <= 800
    resize(qtbot, window, 800, 600)
    assert (window.width(), window.height()) == (800, 600)
    # The demo list gives way to the entry, but stays usable.
    assert window.demo_panel.width() >= 140
    assert window.lookup_bar.id_input.width() >= 150


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (1920, 1080)])
def test_screenshots_nothing_cut_or_overlapping(qtbot, window, size, tmp_path: Path):
    resize(qtbot, window, *size)
    for entry_id, name in ((5_000_000_004, "duration-only"), (5_000_000_006, "shared")):
        assert isinstance(look_up(qtbot, window, str(entry_id)), LookupResult)
        settle(window)
        assert window.grab().save(str(tmp_path / f"{name}-{size[0]}x{size[1]}.png"))
        assert_laid_out(window)
        assert (window.width(), window.height()) == size
    # After a 404: the banner and the Reports offer where the entry would be.
    assert isinstance(look_up(qtbot, window, str(reports.OLD_RECENT_ID)), errors.NotFound)
    settle(window)
    assert window.grab().save(str(tmp_path / f"not-found-{size[0]}x{size[1]}.png"))
    assert window.message_banner.isVisible() and window.reports.panel.isVisible()
    assert_laid_out(window, entry_shown=False)
    assert (window.width(), window.height()) == size
    for notice in (window.message_banner, window.reports.panel):
        assert in_window(notice, window).intersects(in_window(window.entry_panel, window))


def look_up_everything(qtbot, window: MainWindow, settings) -> None:
    """Every quick demo entry, a Reports search found and one that finds nothing, and
    messages of every kind and length; the window's size is checked after each."""
    size = (window.width(), window.height())

    def same_size(what: object) -> None:
        settle(window)
        assert (window.width(), window.height()) == size, what
        assert window.minimumSizeHint().width() <= size[0], what

    for entry_id in QUICK:
        look_up(qtbot, window, str(entry_id))
        same_size(entry_id)
    # Explained: the owner's zone, the sentences, the strip with the entries around it.
    look_up(qtbot, window, "5000000004")
    with qtbot.waitSignal(window.context.loaded, timeout=10_000):
        window.entry_panel.explain_offer.explain_button.click()
    same_size("explained")
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    for entry_id, outcome in (
        (reports.OLD_RECENT_ID, ReportsResult),
        (reports.ANCIENT_ID, errors.NotFoundInReports),
    ):
        look_up(qtbot, window, str(entry_id))  # the workspace chosen before is preselected
        with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
            window.reports.panel.search_button.click()
        assert isinstance(found.args[0], outcome)
        same_size(entry_id)
    for kind in ("error", "warning", "hint"):
        window.show_banner("A message " * 200 + "y" * 20_000, kind, offer_retry=True)
        same_size(kind)
    window.lookup_bar.id_input.setText("12a" * 100)
    same_size("refused ID")


@pytest.mark.parametrize("size", ["least", (800, 600), (1280, 800)])
def test_nothing_shown_changes_the_windows_size(qtbot, window, settings, size):
    if size == "least":  # where any part that grew would push the window wider
        hint = window.minimumSizeHint()
        resize(qtbot, window, hint.width(), hint.height())
    else:
        resize(qtbot, window, *size)
    look_up_everything(qtbot, window, settings)


def positions(window: MainWindow) -> tuple[QRect, int, QRect]:
    assert window.demo_panel is not None
    return (
        in_window(window.demo_panel.demo_list, window),
        in_window(window.entry_panel.tabs, window).top(),
        in_window(window.entry_panel.summary_area, window),
    )


def test_messages_move_neither_the_demo_list_nor_the_tabs(qtbot, window, settings):
    resize(qtbot, window, 1280, 800)
    look_up(qtbot, window, "5000000001")
    settle(window)
    before = positions(window)

    def unmoved(what: str) -> None:
        settle(window)
        assert positions(window) == before, what

    window.show_banner("Demo mode: signed in to the built-in demo Toggl API. " * 4, "hint")
    unmoved("hint banner")
    window.lookup_bar.id_input.setText("12a")
    assert window.lookup_bar.id_error.isVisible()
    unmoved("refused ID")
    window.lookup_bar.meta_box.click()
    assert window.lookup_bar.options_mark.fetch_again_button.isVisible()
    unmoved("options mark")
    window.lookup_bar.meta_box.click()

    with qtbot.waitSignal(window.reports.workspaces_loaded, timeout=10_000):
        look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert window.message_banner.isVisible() and window.reports.panel.isVisible()
    assert window.deleted_check.offer.isVisible()
    unmoved("404: banner, Reports offer, deleted check")
    window.reports.panel.workspace_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        window.reports.panel.search_button.click()
    assert isinstance(found.args[0], ReportsResult)
    assert window.entry_panel.source_badge.isVisible()
    unmoved("source badge")
    look_up(qtbot, window, "5000000500")
    assert window.message_banner.retry_button.isVisible()
    unmoved("error banner with Retry")


def test_a_click_on_the_demo_list_during_a_404_hits_the_entry_aimed_at(qtbot, window):
    """The lookup a click starts cannot move the next entry of the list from under the
    mouse (it did when the banner pushed the list down)."""
    demo_list = window.demo_panel.demo_list
    target = next(
        row
        for row in range(demo_list.count())
        if demo_list.item(row).data(Qt.ItemDataRole.UserRole) == reports.OLD_RECENT_ID
    )
    viewport = demo_list.viewport()
    aim = viewport.mapTo(window, demo_list.visualItemRect(demo_list.item(target + 1)).center())
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        qtbot.mouseClick(
            viewport,
            Qt.MouseButton.LeftButton,
            pos=demo_list.visualItemRect(demo_list.item(target)).center(),
        )
    settle(window)
    assert window.reports.panel.isVisible()
    assert window.childAt(aim) is viewport
    assert demo_list.itemAt(viewport.mapFrom(window, aim)) is demo_list.item(target + 1)
