"""Several IDs at once in the window (issue #14), against the demo API over real sockets:
text pasted into the ID field or dropped on the window is offered with its price before
anything is sent; the run fills the results table (sortable; a row opens in the tree with
no request), pauses at the quota reserve and goes on after the reset, keeps what it found
when cancelled, and exports CSV and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest
from gui_actions import look_up, top_level_labels
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from inspector.demo.dataset import demo_entry
from inspector.demo.server import DemoServer
from inspector.domain.exports import CSV_COLUMNS
from inspector.ui.batch_results_model import (
    CELL_LIMIT,
    DESCRIPTION_COLUMN,
    DURATION_COLUMN,
    ID_COLUMN,
    OUTCOME_COLUMN,
    BatchResultsModel,
    ResultRow,
    not_looked_up_row,
)

ENTRY = "/api/v9/me/time_entries/"
FOUND = [5000000001, 5000000004, 5000000005, 5000000006, 5000000007]
TICKET = (
    "Hi support,\n"
    "the customer says #5000000001 and 5000000004 look wrong; see also\n"
    "https://api.track.toggl.com/api/v9/me/time_entries/5000000404?meta=true\n"
    "(ticket 1234, invoice 12.50) and again #5000000001. Thanks!"
)
# Durations whose h:mm:ss text sorts otherwise than their seconds: 0:05:00 < 10:00:00 < 2:00:00
LONG, MEDIUM, SHORT = 5100000001, 5100000002, 5100000003


def entry_requests(server: DemoServer) -> list[str]:
    return [path for path in server.received if path.startswith(ENTRY)]


def paste(qtbot, window, text: str) -> None:
    QApplication.clipboard().setText(text)
    field = window.lookup_bar.id_input
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def drop(window, text: str, on: QWidget | None = None) -> QDropEvent:
    """Drag ``text`` over the window and drop it on the middle of ``on`` (the field tree
    unless said), routed by Qt as a drag from another application is."""
    target = on or window.entry_panel.tree
    at = target.mapTo(window, target.rect().center())
    mime = QMimeData()
    mime.setText(text)
    action = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, mime, buttons, modifiers)
    QApplication.sendEvent(window.windowHandle(), enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(at), action, mime, buttons, modifiers)
    QApplication.sendEvent(window.windowHandle(), event)
    return event


def rows(panel) -> list[list[str]]:
    proxy = panel.proxy
    return [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def run_plan(qtbot, window, timeout: int = 15_000):
    """Press Look up on the offered plan and wait for the run to end; its outcome."""
    panel = window.several_ids.panel
    with qtbot.waitSignal(window.several_ids.finished, timeout=timeout) as blocker:
        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_a_pasted_ticket_shows_the_ids_and_the_price_and_sends_nothing_before_look_up(
    qtbot, window, demo_server
):
    paste(qtbot, window, TICKET)
    panel = window.several_ids.panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.plan_label.full_text.startswith("3 IDs = 3 requests; quota left unknown")
    assert panel.ids_label.full_text == "IDs found: 5000000001, 5000000004, 5000000404"
    assert panel.look_up_button.isEnabled() and panel.look_up_button.text() == "Look up 3 IDs"
    assert window.lookup_bar.id_input.text() == ""  # the field keeps what it held
    assert not window.lookup_bar.id_error.isVisible()
    assert entry_requests(demo_server) == []
    assert panel.model.rowCount() == 0

    outcome = run_plan(qtbot, window)
    assert outcome.requests == 3 == len(entry_requests(demo_server))
    assert [row[ID_COLUMN] for row in rows(panel)] == ["5000000001", "5000000004", "5000000404"]
    assert [row[OUTCOME_COLUMN] for row in rows(panel)] == ["found", "found", "not found"]
    assert panel.progress_label.full_text.startswith("3 of 3 looked up · quota left ")
    assert panel.outcome_label.full_text.startswith("3 IDs: 2 found, 1 not found · 3 requests")


def test_the_price_uses_the_quota_the_last_answer_told_and_cancel_drops_the_plan(
    qtbot, window, demo_server
):
    look_up(qtbot, window, "5000000001")  # the quota is known from here on
    paste(qtbot, window, "5000000004 5000000005")
    panel = window.several_ids.panel
    assert panel.plan_label.full_text.startswith("2 IDs = 2 requests; quota left 599")
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.plan_label.full_text == "Plan dropped: nothing was sent."
    assert not panel.look_up_button.isEnabled()
    assert len(entry_requests(demo_server)) == 1
    assert window.lookup_bar.id_input.text() == "5000000001"


@pytest.fixture
def sortable_server():
    start = datetime.now(UTC) - timedelta(days=2)
    extra = {
        entry_id: demo_entry(entry_id, start, seconds, start + timedelta(seconds=seconds))
        for entry_id, seconds in ((LONG, 36_000), (MEDIUM, 7_200), (SHORT, 300))
    }
    with DemoServer(extra_entries=extra) as server:
        yield server


def test_rows_sort_by_duration_as_numbers_and_a_row_opens_in_the_tree_without_a_request(
    qtbot, make_window, sortable_server
):
    window = make_window(server=sortable_server)
    drop(window, f"{LONG}\n{MEDIUM}\n{SHORT}\n5000000404\n99999")
    run_plan(qtbot, window)
    panel = window.several_ids.panel
    durations = [row[DURATION_COLUMN] for row in rows(panel)]
    assert durations == ["10:00:00", "2:00:00", "0:05:00", "", ""]

    panel.table.sortByColumn(DURATION_COLUMN, Qt.SortOrder.AscendingOrder)
    ids = [row[ID_COLUMN] for row in rows(panel)]
    assert set(ids[:2]) == {"5000000404", "99999"}  # no duration first
    assert ids[2:] == [str(SHORT), str(MEDIUM), str(LONG)]
    panel.table.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    ids = [row[ID_COLUMN] for row in rows(panel)]
    assert ids == [str(SHORT), str(MEDIUM), str(LONG), "5000000404", "99999"]

    sent = len(entry_requests(sortable_server))
    medium_row = [row[ID_COLUMN] for row in rows(panel)].index(str(MEDIUM))
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(medium_row, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # activates the row (Enter, double-click)
    shown = window.entry_panel.shown
    assert shown is not None and shown.request.entry_id == MEDIUM
    assert "Time" in top_level_labels(window)  # the field tree, rebuilt for the row
    assert "2:00:00" in window.entry_panel.run_state_label.text()
    assert window.history.banner.isVisible()
    assert f"Entry {MEDIUM} as fetched at" in window.history.banner.label.full_text
    assert len(entry_requests(sortable_server)) == sent  # nothing asked

    not_found_row = [row[ID_COLUMN] for row in rows(panel)].index("5000000404")
    panel.table.setCurrentIndex(panel.proxy.index(not_found_row, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.entry_panel.shown is shown  # nothing to show: the tree stays
    assert "5000000404: not found" in window.statusBar().currentMessage()


def test_a_ticket_dropped_on_the_id_field_is_offered_too(qtbot, window, demo_server):
    window.lookup_bar.id_input.setText("5000000001")
    drop(window, TICKET, on=window.lookup_bar.id_input)
    panel = window.several_ids.panel
    assert panel.ids_label.full_text == "IDs found: 5000000001, 5000000004, 5000000404"
    assert window.lookup_bar.id_input.text() == "5000000001"
    assert entry_requests(demo_server) == []


def long_ticket(length: int = 41_000) -> str:
    """A ticket with a pasted log longer than a QLineEdit takes by default, its IDs last."""
    line = "2031-05-06 07:08:09 sync worker: retrying the upload, nothing to look up here.\n"
    return line * (length // len(line) + 1) + "Entries: #5000000001, 5000000004 and 5000000404."


def paste_from_the_menu(qtbot, window, text: str) -> None:
    """Right-click the ID field and choose Paste."""
    QApplication.clipboard().setText(text)
    field = window.lookup_bar.id_input
    at = field.rect().center()
    QApplication.sendEvent(
        field, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, field.mapToGlobal(at))
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    (paste_action,) = [a for a in menu.actions() if a.text().replace("&", "").startswith("Paste")]
    assert paste_action.isEnabled()
    paste_action.trigger()
    menu.close()


@pytest.mark.parametrize("how", ["ctrl+v", "menu", "drop"])
def test_a_ticket_longer_than_32767_characters_into_the_id_field_is_offered_whole(
    qtbot, window, demo_server, how
):
    ticket = long_ticket()
    assert len(ticket) > 41_000
    field = window.lookup_bar.id_input
    field.setText("5000000001")
    if how == "ctrl+v":
        paste(qtbot, window, ticket)
    elif how == "menu":
        paste_from_the_menu(qtbot, window, ticket)
    else:
        drop(window, ticket, on=field)
    panel = window.several_ids.panel
    assert panel.ids_label.full_text == "IDs found: 5000000001, 5000000004, 5000000404"
    assert field.text() == "5000000001"
    assert "cut" not in window.statusBar().currentMessage()
    assert entry_requests(demo_server) == []


def test_one_id_pasted_or_chosen_from_the_menu_goes_into_the_field_as_usual(qtbot, window):
    field = window.lookup_bar.id_input
    paste(qtbot, window, "#5000000004")
    assert field.text() == "#5000000004"
    field.clear()
    paste_from_the_menu(qtbot, window, "time_entries/5000000005")
    assert field.text() == "time_entries/5000000005"
    assert not window.several_ids.built


def test_text_the_field_cut_some_other_way_is_said(qtbot, window):
    """A middle-click paste (X11) is not seen before the field takes it: its limit cuts it,
    and the person is told."""
    QApplication.clipboard().setText(long_ticket())
    window.lookup_bar.id_input.paste()  # what a middle-click does, but not a key or the menu
    message = window.statusBar().currentMessage()
    assert message.startswith("The text put in the ID field was cut at 32,767 characters")


def test_typing_two_ids_is_not_taken_for_a_paste(qtbot, window):
    qtbot.keyClicks(window.lookup_bar.id_input, "5000000001 5000000002")
    assert window.lookup_bar.id_input.text() == "5000000001 5000000002"
    assert not window.several_ids.built


def test_a_big_entrys_row_opens_in_the_tree_too(qtbot, make_window):
    start = datetime.now(UTC) - timedelta(days=1)
    big = demo_entry(
        LONG, start, 3600, start + timedelta(hours=1), tags=[f"tag-{i:05d}" for i in range(8000)]
    )
    with DemoServer(extra_entries={LONG: big}) as server:
        window = make_window(server=server)
        drop(window, f"{LONG} 5000000001")
        run_plan(qtbot, window)
        panel = window.several_ids.panel
        assert len(panel.model.row_at(0).finding.result.response.body_text) > 64 * 1024
        panel.row_chosen.emit(panel.model.row_at(0))
        qtbot.waitUntil(lambda: window.entry_panel.shown is not None)
        assert window.entry_panel.shown.request.entry_id == LONG
        assert "Tags" in top_level_labels(window)
        assert len(entry_requests(server)) == 2


def test_server_text_in_the_table_is_plain_and_bounded(qtbot, make_window):
    start = datetime.now(UTC) - timedelta(days=1)
    hostile = "<b>bold</b>\x1b[31mred\u202eevil\nline " + "x" * 5000
    entry = demo_entry(LONG, start, 60, start + timedelta(minutes=1), description=hostile)
    with DemoServer(extra_entries={LONG: entry}) as server:
        window = make_window(server=server)
        drop(window, f"{LONG} 5000000001")
        run_plan(qtbot, window)
    index = window.several_ids.panel.proxy.index(0, DESCRIPTION_COLUMN)
    shown = index.data()
    assert shown.startswith("<b>bold</b>\\x1b[31mred\\u202eevil\\nline xxx")
    assert len(shown) == CELL_LIMIT and shown.endswith("…")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold" in tooltip and "\x1b" not in tooltip and len(tooltip) < 400


def test_rows_that_finish_out_of_order_stand_in_the_order_of_the_text(qtmodeltester):
    model = BatchResultsModel()
    when = datetime.now(UTC)

    def row(order: int) -> ResultRow:
        return not_looked_up_row(order, 5000000001 + order, "cancelled", when, None, None)

    model.add_rows([row(3), row(1)])
    model.add_rows([row(0), row(4), row(2)])  # into the middle, the start and the end
    model.add_rows([])
    assert [model.index(r, ID_COLUMN).data() for r in range(5)] == [
        str(5000000001 + order) for order in range(5)
    ]
    qtmodeltester.check(model)


def test_the_results_model_passes_the_model_tester(qtbot, window, qtmodeltester):
    drop(window, "5000000001 5000000002 5000000404")
    run_plan(qtbot, window)
    qtmodeltester.check(window.several_ids.panel.model)
    qtmodeltester.check(window.several_ids.panel.proxy)


@pytest.fixture
def slow_server():
    # Two lookups that take long: the run is cancelled while they are in flight.
    with DemoServer(delays={5000000004: 60, 5000000005: 60}) as server:
        yield server


def test_cancel_mid_run_keeps_what_was_found_and_names_the_rest(qtbot, make_window, slow_server):
    window = make_window(server=slow_server)
    drop(window, " ".join(str(entry_id) for entry_id in [5000000001, 5000000002, *FOUND[1:]]))
    panel = window.several_ids.panel
    qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: len(entry_requests(slow_server)) == 4)  # two found, two in flight
    assert panel.cancel_button.isEnabled()
    with qtbot.waitSignal(window.several_ids.finished, timeout=10_000) as blocker:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert [finding.entry_id for finding in outcome.findings] == [5000000001, 5000000002]
    table = rows(panel)
    assert [row[OUTCOME_COLUMN] for row in table] == ["found"] * 2 + ["not looked up"] * 4
    assert [row[ID_COLUMN] for row in table[2:]] == [str(i) for i in FOUND[1:]]
    text = panel.outcome_label.full_text
    assert text.startswith("Cancelled. 6 IDs: 2 found, 4 not looked up")
    assert text.endswith("Not looked up: 5000000004, 5000000005, 5000000006, 5000000007")
    assert len(entry_requests(slow_server)) == 4  # the last two were never sent
    assert not panel.cancel_button.isEnabled() and panel.export_csv_button.isEnabled()


def test_the_run_pauses_at_the_quota_reserve_counts_down_and_goes_on_after_the_reset(
    qtbot, make_window
):
    with DemoServer(hourly_quota=4, quota_resets_in_s=2) as server:
        window = make_window(server=server)
        drop(window, " ".join(map(str, FOUND)))
        panel = window.several_ids.panel
        sent_at_pause: list[int] = []
        paused: list[str] = []

        def pause_shown() -> bool:
            if panel.pause_label.isVisible() and not paused:
                sent_at_pause.append(len(entry_requests(server)))
                paused.append(panel.pause_label.full_text)
            return bool(paused)

        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.several_ids.finished, timeout=20_000) as blocker:
            qtbot.waitUntil(pause_shown, timeout=10_000)
        served = [answer.status for answer in server.served]
    outcome = blocker.args[0]
    assert paused[0].startswith("Quota reserve reached (2 left, reserve 2): going on in 0:00:0")
    assert "Cancel stops here" in paused[0]
    assert sent_at_pause == [2]  # 4 an hour, 2 kept in reserve
    assert outcome.stopped is None and [f.entry_id for f in outcome.findings] == FOUND
    assert 402 not in served
    assert [row[OUTCOME_COLUMN] for row in rows(panel)] == ["found"] * len(FOUND)
    assert not panel.pause_label.isVisible()


def test_cancel_during_the_quota_pause_stops_and_keeps_what_was_found(qtbot, make_window):
    with DemoServer(hourly_quota=4, quota_resets_in_s=3600) as server:
        window = make_window(server=server)
        drop(window, " ".join(map(str, FOUND)))
        panel = window.several_ids.panel
        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(panel.pause_label.isVisible, timeout=10_000)
        assert "going on in 0:59:" in panel.pause_label.full_text
        with qtbot.waitSignal(window.several_ids.finished, timeout=10_000) as blocker:
            qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert len(entry_requests(server)) == 2
    assert blocker.args[0].stop_reason == "Cancelled during the quota pause."
    assert [row[OUTCOME_COLUMN] for row in rows(panel)] == ["found"] * 2 + ["not looked up"] * 3
    assert not panel.pause_label.isVisible()


def test_at_the_reserve_the_run_stops_if_so_chosen_and_names_what_it_did_not_look_up(
    qtbot, make_window, settings
):
    with DemoServer(hourly_quota=4, quota_resets_in_s=3600) as server:
        window = make_window(server=server)
        drop(window, " ".join(map(str, FOUND)))
        panel = window.several_ids.panel
        qtbot.mouseClick(panel.stop_choice, Qt.MouseButton.LeftButton)
        outcome = run_plan(qtbot, window)
        assert len(entry_requests(server)) == 2
    assert outcome.not_looked_up == tuple(FOUND[2:])
    assert panel.outcome_label.full_text.startswith(
        "Quota reserve reached (2 left, reserve 2): stopped, 3 IDs not looked up. 5 IDs:"
    )
    assert [row[OUTCOME_COLUMN] for row in rows(panel)] == ["found"] * 2 + ["not looked up"] * 3
    assert settings.value("several_ids/at_reserve") == "stop"  # chosen again next time


def test_the_results_export_as_csv_and_json_lines_to_private_files(
    qtbot, window, demo_server, tmp_path
):
    drop(window, "5000000001 5000000404")
    run_plan(qtbot, window)
    export = window.several_ids.export
    panel = window.several_ids.panel

    written = {}
    for kind, button in (("csv", panel.export_csv_button), ("jsonl", panel.export_jsonl_button)):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = export.dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        path = tmp_path / f"results.{kind}"
        dialog.selectFile(str(path))
        with qtbot.waitSignal(export.exported, timeout=5000):
            dialog.accept()
        written[kind] = path
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    table = list(csv.reader(io.StringIO(written["csv"].read_text(encoding="utf-8"))))
    assert table[0] == list(CSV_COLUMNS)
    assert [(row[0], row[1]) for row in table[1:]] == [
        ("5000000001", "found"),
        ("5000000404", "not_found"),
    ]
    assert table[1][CSV_COLUMNS.index("description")] == "Customer call: invoice question"
    lines = written["jsonl"].read_text(encoding="utf-8").splitlines()
    objects = [json.loads(line) for line in lines]
    assert [(o["id"], o["outcome"]) for o in objects] == [
        (5000000001, "found"),
        (5000000404, "not_found"),
    ]
    assert objects[0]["duration_seconds"] == 5025
    assert demo_server.token not in written["csv"].read_text() + written["jsonl"].read_text()


def test_a_file_that_cannot_be_written_is_said_plainly(qtbot, window, tmp_path):
    drop(window, "5000000001 5000000002")
    run_plan(qtbot, window)
    export = window.several_ids.export
    path = tmp_path / "no such directory" / "results.csv"
    with qtbot.waitSignal(export.failed, timeout=5000) as blocker:
        export.write("csv", str(path))
    assert blocker.args[0] == (
        f"Could not write {path}: No such file or directory. Nothing was exported."
    )
    assert "Could not write" in window.statusBar().currentMessage()
    assert not path.exists()


def raising(*_args, **_kwargs) -> str:
    raise RuntimeError("a bug in the export")


def unwritable(*_args, **_kwargs) -> str:
    return "id,outcome\n5000000001,\ud800\n"  # a lone surrogate: UTF-8 cannot write it


@pytest.mark.parametrize("export_fails", [raising, unwritable])
def test_an_export_that_fails_leaves_the_file_it_would_replace_as_it_was(
    qtbot, window, tmp_path, monkeypatch, export_fails
):
    drop(window, "5000000001 5000000404")
    run_plan(qtbot, window)
    export = window.several_ids.export
    exports = tmp_path / "exports"
    exports.mkdir()
    path = exports / "results.csv"
    path.write_text("the export of last week\n", encoding="utf-8")
    path.chmod(0o644)

    with monkeypatch.context() as patched:
        patched.setattr("inspector.ui.batch_export.csv_text", export_fails)
        with qtbot.waitSignal(export.failed, timeout=5000) as blocker:
            export.write("csv", str(path))
    assert blocker.args[0].startswith(f"Could not write {path}: ")
    assert blocker.args[0].endswith(". Nothing was exported.")
    assert "Could not write" in window.statusBar().currentMessage()
    assert path.read_text(encoding="utf-8") == "the export of last week\n"
    assert sorted(p.name for p in exports.iterdir()) == ["results.csv"]  # no leftovers

    with qtbot.waitSignal(export.exported, timeout=5000):
        export.write("csv", str(path))
    assert path.read_text(encoding="utf-8").startswith("id,outcome,")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in exports.iterdir()) == ["results.csv"]


def test_copy_summary_puts_the_table_on_the_clipboard(qtbot, window):
    drop(window, "5000000001 5000000404")
    run_plan(qtbot, window)
    qtbot.mouseClick(window.several_ids.panel.copy_summary_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.startswith("### 2 time entries: 1 found, 1 not found\n")
    assert "| 5000000001 | found | Stopped |" in text and "| 1:23:45 |" in text
    assert "| 5000000404 | not found |" in text


def test_a_drop_without_ids_is_said_and_changes_nothing(qtbot, window, demo_server):
    window.lookup_bar.id_input.setText("5000000001")
    event = drop(window, "Nothing here but ticket 1234 and 12.50 EUR")
    assert event.isAccepted()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("No time entry IDs in the dropped text (looked for #N, /time_entries/N")
    )
    assert not window.several_ids.built  # no dock built, none shown
    assert window.lookup_bar.id_input.text() == "5000000001"
    assert entry_requests(demo_server) == []


def test_a_drop_with_one_id_looks_it_up_as_usual(qtbot, window):
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        drop(window, "see https://track.toggl.com/…/time_entries/5000000004 please")
    assert blocker.args[0].request.entry_id == 5000000004
    assert window.lookup_bar.id_input.text() == "5000000004"
    assert not window.several_ids.built


def test_each_lookup_of_the_run_is_recorded_in_the_history(
    qtbot, make_window, monkeypatch, tmp_path
):
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    drop(window, "5000000001 5000000004 5000000404")
    run_plan(qtbot, window)
    window.history_action.trigger()
    history = window.history.list

    def listed() -> list[str]:
        return [history.item(row).text().split(" · ")[0] for row in range(history.count())]

    qtbot.waitUntil(lambda: sorted(listed()) == ["5000000001", "5000000004", "5000000404"])
    qtbot.waitUntil(lambda: window.history.idle)


def test_a_row_says_when_it_was_fetched_by_the_window_s_clock(qtbot, make_window):
    """The "as fetched at" of a row opened from the table is the window's time, as for a
    single lookup (a fixed clock in tests and screenshots, the real one otherwise)."""
    fetched = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    window = make_window(clock=lambda: fetched)
    paste(qtbot, window, "5000000001 5000000006")
    run_plan(qtbot, window)
    panel = window.several_ids.panel
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert "as fetched at 2031-05-06 07:08:09 UTC" in window.history.banner.label.full_text
