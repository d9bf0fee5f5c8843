"""The lookup history in the window: every lookup recorded, the panel (Ctrl+H), a stored
answer shown at once with no request until Refresh, a broken history said plainly."""

from __future__ import annotations

from gui_actions import look_up
from PySide6.QtGui import QKeySequence

from inspector.history import FILE_NAME

ENTRY = "/api/v9/me/time_entries/"


def entry_requests(demo_server) -> int:
    return sum(1 for target in demo_server.received_targets if target.startswith(ENTRY))


def items(window) -> list[str]:
    return [window.history.list.item(row).text() for row in range(window.history.list.count())]


def open_history(qtbot, window) -> None:
    window.history_action.trigger()  # View → History, Ctrl+H
    qtbot.waitUntil(window.history.isVisible)


def test_lookups_are_listed_newest_first_searched_and_opened_without_a_request(
    qtbot, make_window, demo_server, monkeypatch, tmp_path
):
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    look_up(qtbot, window, "5000000001")
    look_up(qtbot, window, "5000000002")
    open_history(qtbot, window)
    qtbot.waitUntil(lambda: len(items(window)) == 2)
    assert items(window)[0].startswith("5000000002")
    assert items(window)[1].startswith("5000000001")
    assert "Customer call: invoice question" in items(window)[1]

    window.history.search_input.setText("invoice")
    qtbot.waitUntil(lambda: len(items(window)) == 1)
    assert items(window)[0].startswith("5000000001")

    before = entry_requests(demo_server)
    window.history.list.itemActivated.emit(window.history.list.item(0))
    qtbot.waitUntil(window.history.banner.isVisible)
    label = window.history.banner.label.full_text
    assert "Entry 5000000001 as fetched at" in label and "not refreshed" in label
    model = window.entry_panel.tree.entry_model
    assert model.rowCount() > 0
    assert entry_requests(demo_server) == before  # nothing asked

    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        window.history.banner.refresh.click()
    assert entry_requests(demo_server) == before + 1
    assert not window.history.banner.isVisible()
    assert window.entry_panel.shown is not None
    assert window.entry_panel.shown.request.entry_id == 5000000001


def test_the_panel_toggles_with_ctrl_h(qtbot, window):
    assert window.history_action.shortcut() == QKeySequence("Ctrl+H")
    assert not window.history.isVisible()
    open_history(qtbot, window)
    window.history_action.trigger()
    qtbot.waitUntil(lambda: not window.history.isVisible())


def test_a_damaged_history_is_said_and_the_window_works_on(
    qtbot, make_window, demo_server, monkeypatch, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    (data / FILE_NAME).write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(data))
    window = make_window()
    result = look_up(qtbot, window, "5000000001")
    assert window.entry_panel.shown is result
    open_history(qtbot, window)
    qtbot.waitUntil(lambda: window.history.problem_label.isVisible(), timeout=5000)
    assert "works on without it" in window.history.problem_label.full_text
    look_up(qtbot, window, "5000000002")  # still looks up
    assert window.entry_panel.shown.request.entry_id == 5000000002


def test_an_unusable_history_directory_is_said(
    qtbot, make_window, demo_server, monkeypatch, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the directory would be")
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(blocker))
    window = make_window()
    open_history(qtbot, window)
    look_up(qtbot, window, "5000000001")
    qtbot.waitUntil(lambda: window.history.problem_label.isVisible(), timeout=5000)
    assert window.entry_panel.shown is not None
