"""Hostile answers in the window (issue #12): compressed bombs, absurd numbers, deep nesting,
repeated keys, odd headers. Each is shown (and marked) or named; the window never ends up
with "Internal error", a status bar stuck on "Looking up…" or an older lookup's details."""

from __future__ import annotations

import pytest
from fault_table import NOTED_ROWS, SHOWN_ROWS
from gui_actions import VIEWER_ZONE, cell, find_row, look_up
from helpers.hostile_json import hostile_entry_text
from PySide6.QtGui import QGuiApplication

from inspector.api import errors
from inspector.api.time_entries import parse_entry_body
from inspector.domain.entry_view import build_entry_view
from inspector.domain.field_tree import MAX_TREE_DEPTH
from inspector.services import LookupResult, NetworkSettings, utc_now
from inspector.ui.entry_tree_model import EntryTreeModel

FAST = NetworkSettings(connect_timeout_s=1, read_timeout_s=1, deadline_s=5, max_attempts=1)


@pytest.fixture
def fast_window(make_window, http_client, demo_server):
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import Credential, CredentialResolver
    from inspector.services.lookup import EntryLookup

    lookup = EntryLookup(
        http_client,
        ApiUrl(demo_server.url),
        CredentialResolver(fixed=Credential(demo_server.token, "demo")),
        network=FAST,
        local_zone=VIEWER_ZONE,
    )
    return make_window(lookup=lookup)


@pytest.mark.parametrize(
    ("entry_id", "code", "words"), SHOWN_ROWS, ids=[str(row[0]) for row in SHOWN_ROWS]
)
def test_a_hostile_answer_is_shown_and_marked(qtbot, fast_window, entry_id, code, words):
    window = fast_window
    look_up(qtbot, window, "5000000404")  # the Request tab holds an older lookup first
    outcome = look_up(qtbot, window, str(entry_id))
    assert isinstance(outcome, LookupResult), outcome
    assert words in cell(window, "Anomalies", code)
    assert window.statusBar().currentMessage().startswith(f"Loaded entry {entry_id} in ")
    assert window.entry_panel.request_details.value_of("URL").endswith(f"/{entry_id}")
    assert window.entry_panel.request_details.value_of("Outcome") == "200 OK"


def test_500_levels_of_lists_open_down_to_the_trees_depth_and_copy(qtbot, fast_window):
    window = fast_window
    look_up(qtbot, window, "5000000918")
    tree = window.entry_panel.tree
    deepest = find_row(window, "Other fields", "nested", *["[0]"] * MAX_TREE_DEPTH)
    assert (
        deepest.siblingAtColumn(1)
        .data()
        .endswith("nested too deeply to show here (the Raw JSON tab has it)")
    )
    assert tree.entry_model.rowCount(deepest) == 0
    tree.select(find_row(window, "Other fields", "nested"))
    tree.copy_value_action.trigger()  # json cannot write 500 levels back: never a crash
    assert QGuiApplication.clipboard().text()
    tree.copy_json_action.trigger()
    assert QGuiApplication.clipboard().text().count("[") >= 500  # indented, nothing lost


def test_a_repeated_id_shows_the_last_one_sent(qtbot, fast_window):
    look_up(qtbot, fast_window, "5000000919")
    assert cell(fast_window, "Entry", "id") == "5000000919"


@pytest.mark.parametrize(("entry_id", "words"), NOTED_ROWS, ids=[str(row[0]) for row in NOTED_ROWS])
def test_a_header_not_taken_as_sent_is_noted_in_the_request_tab(
    qtbot, fast_window, entry_id, words
):
    window = fast_window
    look_up(qtbot, window, str(entry_id))
    assert window.entry_panel.request_details.value_of("Notes") == words
    look_up(qtbot, window, "5000000001")
    assert window.entry_panel.request_details.value_of("Notes") is None  # not the last one's


def test_a_5000_digit_quota_header_leaves_the_status_bar_without_a_quota(qtbot, fast_window):
    outcome = look_up(qtbot, fast_window, "5000000921")
    assert isinstance(outcome, LookupResult)
    assert "quota" not in fast_window.statusBar().currentMessage()


def test_a_5000_digit_retry_after_is_a_day_not_infinity(qtbot, fast_window):
    outcome = look_up(qtbot, fast_window, "5000000922")
    assert isinstance(outcome, errors.RateLimited)
    text = fast_window.message_banner.label.text()
    assert "Toggl asks to wait a day or more." in text and "inf" not in text


def test_a_hostile_view_passes_qtmodeltester(qtmodeltester):
    entry, duplicates = parse_entry_body(hostile_entry_text().encode(), "application/json")
    view = build_entry_view(entry, utc_now(), VIEWER_ZONE, duplicate_keys=duplicates)
    assert {"duplicate_key", "number_out_of_range", "deeply_nested"} <= {
        a.code for a in view.anomalies
    }
    model = EntryTreeModel()
    model.set_view(view)
    qtmodeltester.check(model, force_py=True)
