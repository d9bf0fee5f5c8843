"""A person types an ID, fetches, and sees the entry: the main path through the window."""

from __future__ import annotations

import itertools
import json
import time
from datetime import UTC, datetime, timedelta

from gui_actions import cell, find_row, look_up, top_level_labels, type_id_and_fetch
from PySide6.QtCore import Qt, QTimer

from inspector.api.errors import NotFound
from inspector.services import LookupResult

STOPPED_ID = "5000000001"
RUNNING_ID = "5000000002"
SHARED_ID = "5000000006"


def test_typing_an_id_and_clicking_fetch_fills_the_tree(qtbot, window, demo_server):
    window.lookup_bar.meta_box.setChecked(True)
    result = look_up(qtbot, window, STOPPED_ID)

    assert isinstance(result, LookupResult)
    # Without include_sharing the API sends no sharing fields, so there is no such group.
    assert top_level_labels(window) == [
        "Entry",
        "Time",
        "Project and task",
        "Tags",
        "User and workspace",
        "Legacy ids",
    ]
    assert cell(window, "Entry", "id") == STOPPED_ID
    assert cell(window, "Project and task", "project_name") == "Support"
    assert cell(window, "Time", "duration", "h:mm:ss") == "1:23:45"
    assert window.entry_panel.run_state_label.text() == "Stopped · 1:23:45"
    assert window.statusBar().currentMessage().startswith(f"Loaded entry {STOPPED_ID} in ")
    assert " ms" in window.statusBar().currentMessage()
    assert demo_server.served[-1].path.endswith(STOPPED_ID)


def test_enter_in_the_id_field_fetches(qtbot, window):
    qtbot.keyClicks(window.lookup_bar.id_input, STOPPED_ID)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.keyClick(window.lookup_bar.id_input, Qt.Key.Key_Return)
    assert isinstance(blocker.args[0], LookupResult)


def test_meta_and_sharing_checkboxes_change_what_is_asked_and_shown(qtbot, window):
    look_up(qtbot, window, SHARED_ID)
    assert "Sharing" not in top_level_labels(window)
    labels_without_meta = _field_labels(window, "Project and task")
    assert "project_name" not in labels_without_meta

    window.lookup_bar.meta_box.setChecked(True)
    window.lookup_bar.sharing_box.setChecked(True)
    look_up(qtbot, window, SHARED_ID)
    assert "project_name" in _field_labels(window, "Project and task")
    assert cell(window, "Sharing", "shared_with") == "3 users, 2 accepted"
    assert cell(window, "Sharing", "shared_with", "Ana Lima") == "accepted"
    assert cell(window, "Sharing", "shared_with", "Bjørn Østergaard") == "not accepted"
    assert cell(window, "Sharing", "shared_with", "Chen Wei", "user_id") == "6100004"


def test_times_are_shown_in_utc_and_the_viewers_zone(qtbot, window):
    result = look_up(qtbot, window, STOPPED_ID)
    start = result.view.start
    berlin = start.astimezone(result.view.start.tzinfo).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Berlin")
    )
    assert cell(window, "Time", "start", "UTC") == start.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert cell(window, "Time", "start", "local").startswith(berlin.strftime("%Y-%m-%d %H:%M:%S"))
    assert "UTC+01:00" in cell(window, "Time", "start", "local") or "UTC+02:00" in cell(
        window, "Time", "start", "local"
    )
    times = window.entry_panel.times_label.text()
    assert f"UTC: {start.strftime('%Y-%m-%d %H:%M:%S')} – " in times
    assert f"This computer: {berlin.strftime('%Y-%m-%d %H:%M:%S')} – " in times


def test_a_running_entry_shows_running_and_its_elapsed_time_ticks(qtbot, make_window):
    now = [datetime.now(UTC)]
    window = make_window(clock=lambda: now[0])
    look_up(qtbot, window, RUNNING_ID)
    first = window.entry_panel.run_state_label.text()
    assert first.startswith("Running · 1:23:")
    assert first.endswith("elapsed")

    now[0] += timedelta(minutes=10)
    qtbot.waitUntil(
        lambda: window.entry_panel.run_state_label.text().startswith("Running · 1:33:"),
        timeout=3000,
    )


def test_the_run_state_of_each_demo_kind(qtbot, window):
    expected = {
        "5000000003": "Running",  # legacy -start_epoch
        "5000000004": "Stopped, duration only",
        "5000000005": "Stopped",  # zero length is not running
    }
    for entry_id, state in expected.items():
        look_up(qtbot, window, entry_id)
        assert window.entry_panel.run_state_label.text().split(" · ")[0] == state, entry_id
    assert cell(window, "Time", "duration", "h:mm:ss") == "0:00:00"

    look_up(qtbot, window, "5000000004")
    assert cell(window, "Time", "stop") == "null"
    assert find_row(window, "Time", "stop", "Derived stop, UTC").isValid()
    assert "derived" in window.entry_panel.times_label.text()


def test_anomalies_are_listed(qtbot, window):
    look_up(qtbot, window, "5000000014")
    assert window.entry_panel.anomaly_label.property("found") is True
    assert "disagrees with stop − start" in window.entry_panel.anomaly_label.text()
    assert "(+1 more, see Anomalies)" in window.entry_panel.anomaly_label.text()
    assert "legacy pid" in window.entry_panel.anomaly_label.toolTip()
    assert top_level_labels(window)[0] == "Anomalies"
    assert "legacy pid 201000999 differs" in cell(window, "Anomalies", "legacy_pid_mismatch")

    look_up(qtbot, window, "5000000012")
    assert "Deleted entry" in window.entry_panel.anomaly_label.text()

    look_up(qtbot, window, STOPPED_ID)
    assert "Anomalies" not in top_level_labels(window)
    assert window.entry_panel.anomaly_label.text() == "No anomalies found."
    assert window.entry_panel.anomaly_label.property("found") is False


def test_unknown_fields_are_shown_under_other_fields(qtbot, window):
    look_up(qtbot, window, "5000000013")
    assert top_level_labels(window)[-1] == "Other fields"
    assert cell(window, "Other fields", "rate_cents") == "12500"
    assert cell(window, "Other fields", "integration", "provider") == "jira"
    assert cell(window, "Project and task", "client_id") == "401000001"


def test_raw_json_tab_holds_the_body_as_received(qtbot, window):
    result = look_up(qtbot, window, "5000000011")
    assert window.entry_panel.raw_view.toPlainText() == ""  # laid out only when someone looks
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    raw = window.entry_panel.raw_view.toPlainText()
    assert json.loads(raw) == json.loads(result.response.body_text)
    assert "مراجعة التقرير" in raw and "🚀" in raw
    assert window.entry_panel.raw_view.isReadOnly()


def test_an_error_is_shown_in_the_banner_and_clears_the_previous_entry(qtbot, window):
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    look_up(qtbot, window, STOPPED_ID)
    assert window.entry_panel.tree.entry_model.rowCount() > 0
    assert window.entry_panel.raw_view.toPlainText() != ""

    outcome = look_up(qtbot, window, "5000000404")
    assert isinstance(outcome, NotFound)
    assert window.message_banner.label.isVisible()
    assert "was not found (HTTP 404)" in window.message_banner.label.text()
    assert (
        window.entry_panel.tree.entry_model.rowCount() == 0
    )  # never the old entry under the new ID
    assert window.entry_panel.raw_view.toPlainText() == ""
    assert window.entry_panel.run_state_label.text() == ""
    assert window.statusBar().currentMessage() == (
        "Entry 5000000404 is not in the last three months (v9 404): it can be searched in the "
        "Reports API."
    )


def test_each_server_fault_gets_its_own_message(qtbot, window):
    messages = {
        "5000000401": "did not accept the sign-in (HTTP 401)",
        "5000000403": "do not have access to time entry 5000000403 (HTTP 403)",
        "5000000500": "server failed (HTTP 500)",
    }
    for entry_id, fragment in messages.items():
        look_up(qtbot, window, entry_id)
        assert fragment in window.message_banner.label.text(), entry_id


def test_clicking_a_demo_entry_looks_it_up(qtbot, window):
    item = window.demo_panel.demo_list.item(1)
    rect = window.demo_panel.demo_list.visualItemRect(item)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(
            window.demo_panel.demo_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert blocker.args[0].request.entry_id == 5000000002
    assert window.lookup_bar.id_input.text() == "5000000002"


def test_window_keeps_repainting_and_takes_clicks_during_a_slow_lookup(
    qtbot, make_window, demo_server
):
    demo_server.delays[5000000001] = 1.0
    window = make_window()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    clicked_while_busy: list[bool] = []

    def click_meta() -> None:
        qtbot.mouseClick(window.lookup_bar.meta_box, Qt.MouseButton.LeftButton)
        clicked_while_busy.append(window.is_looking_up and window.lookup_bar.meta_box.isChecked())

    timer.start()
    QTimer.singleShot(300, click_meta)
    look_up(qtbot, window, STOPPED_ID)
    timer.stop()

    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert len(ticks) > 40
    # A blocked loop would show one gap of about the server's 1 s delay.
    assert max(gaps) < 0.4, f"largest gap between 5 ms ticks: {max(gaps) * 1000:.0f} ms"
    assert clicked_while_busy == [True]


def _field_labels(window, group: str) -> list[str]:
    parent = find_row(window, group)
    return [
        window.entry_panel.tree.entry_model.index(row, 0, parent).data()
        for row in range(window.entry_panel.tree.entry_model.rowCount(parent))
    ]


def test_type_id_and_fetch_helper_is_what_a_person_does(qtbot, window):
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        type_id_and_fetch(qtbot, window, f"  {STOPPED_ID}  ")
    assert cell(window, "Entry", "id") == STOPPED_ID


def test_the_raw_tab_never_shows_an_older_entry(qtbot, window):
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    look_up(qtbot, window, STOPPED_ID)
    assert '"id": 5000000001' in window.entry_panel.raw_view.toPlainText()
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.fields_page)
    look_up(qtbot, window, RUNNING_ID)
    assert window.entry_panel.raw_view.toPlainText() == ""
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    assert '"id": 5000000002' in window.entry_panel.raw_view.toPlainText()
