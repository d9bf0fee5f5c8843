"""Faults as a person meets them in the window: messages, countdown, Retry, request details."""

from __future__ import annotations

import re

import pytest
from fault_servers import fail_dns_for, full_backlog_port, refusing_port
from fault_table import FAULT_ROWS, QUICK
from gui_actions import cell, look_up, type_id_and_fetch
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from inspector.api import errors
from inspector.services import LookupResult, NetworkSettings
from inspector.ui.style import shown_line

FAST = NetworkSettings(connect_timeout_s=1, read_timeout_s=1, deadline_s=5, max_attempts=3)


@pytest.fixture
def fast_window(make_window, http_client, demo_server):
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import Credential, CredentialResolver
    from inspector.services.lookup import EntryLookup

    def make(network: NetworkSettings = FAST, **options):
        lookup = EntryLookup(
            http_client,
            ApiUrl(demo_server.url),
            CredentialResolver(fixed=Credential(demo_server.token, "demo")),
            network=network,
        )
        return make_window(lookup=lookup, **options)

    return make


@pytest.mark.parametrize(
    ("entry_id", "error_name", "words"), FAULT_ROWS, ids=[str(row[0]) for row in FAULT_ROWS]
)
def test_every_row_of_the_fault_matrix_reaches_the_banner(
    qtbot, fast_window, entry_id, error_name, words
):
    window = fast_window(NetworkSettings(**QUICK))
    look_up(qtbot, window, "5000000001")
    outcome = look_up(qtbot, window, str(entry_id))
    assert type(outcome).__name__ == error_name
    assert words in window.message_banner.label.text()
    assert window.entry_panel.tree.entry_model.rowCount() == 0  # the previous entry is gone
    details = window.entry_panel.request_details
    assert details.value_of("Outcome").startswith(type(outcome).title)
    assert details.value_of("Message") == shown_line(outcome.message)


@pytest.mark.parametrize(
    ("entry_id", "words", "retry_offered"),
    [
        ("5000000400", "malformed (HTTP 400)", False),
        ("5000000402", "quota is used up (HTTP 402). It resets in 0:20:34", False),
        ("5000000421", "plan feature", False),
        ("5000000410", "retired this endpoint", False),
        ("5000000901", "JSON null instead of a time entry", True),
        ("5000000907", "answered with entry 5000000001; not shown", True),
        ("5000000909", "text/html instead of JSON", True),
    ],
)
def test_each_fault_has_its_own_message_and_nothing_stale_is_shown(
    qtbot, fast_window, entry_id, words, retry_offered
):
    window = fast_window()
    look_up(qtbot, window, "5000000001")
    outcome = look_up(qtbot, window, entry_id)
    assert isinstance(outcome, errors.ApiError)
    assert words in window.message_banner.label.text()
    assert window.message_banner.label.property("kind") == "error"
    assert window.message_banner.retry_button.isVisible() is retry_offered
    assert (
        window.entry_panel.tree.entry_model.rowCount() == 0
        and window.entry_panel.raw_view.toPlainText() == ""
    )


def test_a_retry_counts_down_in_the_banner_and_cancel_stops_it(qtbot, fast_window, demo_server):
    window = fast_window()
    type_id_and_fetch(qtbot, window, "5000000503")
    qtbot.waitUntil(lambda: "Retrying in" in window.message_banner.label.text(), timeout=5000)
    text = window.message_banner.label.text()
    assert "unavailable for the moment (HTTP 503)" in text
    assert "(attempt 2 of 3); Cancel stops it." in text
    assert window.message_banner.label.property("kind") == "warning"

    requests_so_far = len(demo_server.received)
    qtbot.mouseClick(window.lookup_bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.message_banner.label.isVisible()
    assert window.statusBar().currentMessage() == "Lookup of entry 5000000503 cancelled."
    qtbot.wait(1500)  # longer than the backoff: a retry that was not stopped would arrive
    assert len(demo_server.received) == requests_so_far


def test_after_the_last_attempt_the_error_says_how_many_and_offers_retry(
    qtbot, fast_window, demo_server
):
    window = fast_window(NetworkSettings(max_attempts=2, deadline_s=10))
    outcome = look_up(qtbot, window, "5000000500")
    assert isinstance(outcome, errors.ServerError)
    assert (
        '(HTTP 500). The server said: "Internal Server Error". Tried 2 times.'
        in window.message_banner.label.text()
    )
    assert window.message_banner.retry_button.isVisible()

    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        qtbot.mouseClick(window.message_banner.retry_button, Qt.MouseButton.LeftButton)
    assert list(demo_server.received).count("/api/v9/me/time_entries/5000000500") == 4


def test_a_flaky_server_is_retried_and_the_entry_shown(qtbot, fast_window):
    window = fast_window()
    result = look_up(qtbot, window, "5000000520")
    assert isinstance(result, LookupResult)
    assert cell(window, "Entry", "id") == "5000000520"
    assert window.entry_panel.request_details.value_of("Attempts") == "2"
    assert not window.message_banner.label.isVisible()


def test_the_request_tab_shows_what_was_sent_and_received(qtbot, fast_window, demo_server):
    window = fast_window()
    window.lookup_bar.meta_box.setChecked(True)
    look_up(qtbot, window, "5000000001")
    details = window.entry_panel.request_details
    assert details.value_of("Method") == "GET"
    assert details.value_of("URL") == (
        f"{demo_server.url}/api/v9/me/time_entries/5000000001?meta=true"
    )
    assert details.value_of("Status") == "200"
    assert details.value_of("Time taken").endswith(" ms")
    assert len(details.value_of("X-Toggl-Request-Id")) == 32
    assert details.value_of("X-Toggl-Quota-Remaining").isdigit()

    look_up(qtbot, window, "5000000404")
    assert details.value_of("Status") == "404"
    assert details.value_of("Outcome") == "Not found (404)"
    assert "was not found (HTTP 404)" in details.value_of("Message")
    all_text = " ".join(
        details.topLevelItem(row).text(1) for row in range(details.topLevelItemCount())
    )
    assert demo_server.token not in all_text


def test_the_request_tab_copies_a_value_or_everything_from_its_menu(qtbot, fast_window):
    window = fast_window()
    look_up(qtbot, window, "5000000404")
    details = window.entry_panel.request_details
    window.entry_panel.tabs.setCurrentWidget(details)
    qtbot.waitExposed(details)
    resets_in = details.value_of("X-Toggl-Quota-Resets-In")
    assert re.fullmatch(r"\d+ s \(\d+:\d\d:\d\d\)", resets_in), resets_in
    outcome_row = next(
        details.topLevelItem(row)
        for row in range(details.topLevelItemCount())
        if details.topLevelItem(row).text(0) == "Outcome"
    )
    details.customContextMenuRequested.emit(details.visualItemRect(outcome_row).center())
    menu = next(
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMenu) and widget.isVisible()
    )
    copy_value, copy_all = menu.actions()
    assert (copy_value.text(), copy_all.text()) == ("Copy value", "Copy all")
    copy_value.trigger()
    assert QGuiApplication.clipboard().text() == "Not found (404)"
    copy_all.trigger()
    menu.close()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert "Status: 404" in lines and "Outcome: Not found (404)" in lines
    assert any(line.startswith("Message: Time entry 5000000404 was not found") for line in lines)


def test_a_wrongly_typed_field_shows_the_entry_with_a_warning(qtbot, fast_window):
    window = fast_window()
    look_up(qtbot, window, "5000000905")
    assert cell(window, "Time", "duration") == "600"
    assert window.message_banner.label.property("kind") == "warning"
    assert "duration is string" in window.message_banner.label.text()


def test_a_dripping_server_ends_at_the_deadline_and_the_window_stays_live(qtbot, fast_window):
    window = fast_window(NetworkSettings(read_timeout_s=2, deadline_s=1.5))
    outcome = look_up(qtbot, window, "5000000911")
    assert isinstance(outcome, errors.DeadlineExceeded)
    assert "1.5 s deadline" in window.message_banner.label.text()
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


def test_network_settings_are_edited_saved_and_used(qtbot, fast_window, settings):
    window = fast_window()
    dialog = window.open_network_settings()
    qtbot.waitExposed(dialog)
    dialog.inputs["max_attempts"].setValue(1)
    dialog.inputs["deadline_s"].setValue(7.5)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert float(settings.value("network/deadline_s")) == 7.5
    outcome = look_up(qtbot, window, "5000000503")
    assert outcome.record.attempts == 1  # no retries any more

    from inspector.ui.network_settings_dialog import load_network_settings

    assert load_network_settings(settings) == NetworkSettings(
        connect_timeout_s=FAST.connect_timeout_s,
        read_timeout_s=FAST.read_timeout_s,
        deadline_s=7.5,
        max_attempts=1,
    )


def test_unreadable_or_out_of_range_settings_fall_back_safely(settings):
    from inspector.ui.network_settings_dialog import load_network_settings

    settings.setValue("network/connect_timeout_s", "soon")
    settings.setValue("network/max_attempts", 99)
    loaded = load_network_settings(settings)
    assert loaded.connect_timeout_s == NetworkSettings().connect_timeout_s
    assert loaded.max_attempts == 5


def test_cancelling_while_a_body_is_dripping_in_leaves_nothing_behind(
    qtbot, fast_window, demo_server
):
    import gc

    window = fast_window(NetworkSettings(read_timeout_s=5, deadline_s=30))
    type_id_and_fetch(qtbot, window, "5000000911")
    qtbot.waitUntil(lambda: "/api/v9/me/time_entries/5000000911" in demo_server.received)
    qtbot.wait(700)  # let a byte or two of the body arrive: the cancel lands mid-body
    qtbot.mouseClick(window.lookup_bar.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_looking_up)
    gc.collect()  # a suspended stream generator would be finalised (and complain) here
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


@pytest.fixture
def window_for_url(make_window, http_client):
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import Credential, CredentialResolver
    from inspector.services.lookup import EntryLookup

    def make(url: str):
        lookup = EntryLookup(
            http_client,
            ApiUrl(url),
            CredentialResolver(fixed=Credential("t" * 32, "test")),
            network=NetworkSettings(**QUICK),
        )
        return make_window(lookup=lookup)

    return make


def test_a_refused_connection_in_the_window(qtbot, window_for_url):
    with refusing_port() as port:
        window = window_for_url(f"http://127.0.0.1:{port}")
        assert isinstance(look_up(qtbot, window, "1"), errors.ConnectionRefused)
    assert (
        "refused the connection: nothing is listening there" in window.message_banner.label.text()
    )
    assert window.message_banner.retry_button.isVisible()


def test_a_connect_timeout_in_the_window(qtbot, window_for_url):
    with full_backlog_port() as port:
        window = window_for_url(f"http://127.0.0.1:{port}")
        assert isinstance(look_up(qtbot, window, "1"), errors.RequestTimedOut)
    assert "within 0.5 s (connect timeout)" in window.message_banner.label.text()


def test_a_tls_failure_in_the_window(qtbot, window_for_url, demo_server):
    window = window_for_url(demo_server.url.replace("http://", "https://"))
    assert isinstance(look_up(qtbot, window, "5000000001"), errors.TlsFailure)
    assert "secure (TLS) connection" in window.message_banner.label.text()


def test_a_dns_failure_in_the_window(qtbot, window_for_url, monkeypatch):
    fail_dns_for(monkeypatch, "entries.toggl.invalid")
    window = window_for_url("https://entries.toggl.invalid")
    assert isinstance(look_up(qtbot, window, "1"), errors.DnsFailure)
    assert "could not be found (DNS)" in window.message_banner.label.text()
