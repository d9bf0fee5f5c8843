"""Several IDs and the account, against the demo API over real sockets: after signing in as
someone else the dock shows nothing of the other account's run (no frozen quota pause, no
outcome, no export dialog), and a run stopped by a refused credential offers to sign in,
as a single lookup does."""

from __future__ import annotations

from gui_actions import submit_token, wait_signed_in
from PySide6.QtCore import Qt
from test_several_ids_window import FOUND, drop, entry_requests, run_plan

from inspector.credentials import CredentialResolver
from inspector.demo.account import TESTER_API_TOKEN
from inspector.demo.server import DemoServer
from inspector.services.batch_types import BatchStop


def signed_in_window(qtbot, make_window, server: DemoServer):
    """A window signed in as the demo user (a sign-in, not a fixed credential: it can
    change), the quota spent by that sign-in's own request known."""
    window = make_window(server=server, credentials=CredentialResolver(environ={}))
    wait_signed_in(qtbot, window, submit_token(qtbot, window, server.token))
    return window


def sign_in_as_the_tester(qtbot, window) -> None:
    wait_signed_in(qtbot, window, submit_token(qtbot, window, TESTER_API_TOKEN))
    assert window.accounts.label.full_text.startswith("Signed in as Demo Tester")


def test_signing_in_as_someone_else_during_the_quota_pause_ends_it_on_screen(qtbot, make_window):
    with DemoServer(hourly_quota=6, quota_resets_in_s=3600) as server:
        window = signed_in_window(qtbot, make_window, server)
        drop(window, " ".join(map(str, FOUND)))
        panel = window.several_ids.panel
        qtbot.mouseClick(panel.look_up_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(panel.pause_label.isVisible, timeout=10_000)
        asked = len(entry_requests(server))
        sign_in_as_the_tester(qtbot, window)  # the sign-in's own requests fit in the reserve
        assert not window.several_ids.is_running
        assert len(entry_requests(server)) == asked  # nothing more was asked
    assert not panel.pause_label.isVisible()  # no countdown frozen on screen
    assert panel.progress_label.isVisible() and panel.progress_label.full_text == ""
    assert panel.outcome_label.full_text == ""
    assert panel.plan_label.full_text.startswith("The account changed")
    assert panel.model.rowCount() == 0
    assert not panel.cancel_button.isEnabled() and not panel.look_up_button.isEnabled()


def test_signing_in_as_someone_else_after_a_run_clears_its_outcome_and_export(
    qtbot, make_window, demo_server, tmp_path
):
    window = signed_in_window(qtbot, make_window, demo_server)
    drop(window, "5000000001 5000000004 5000000005")
    panel = window.several_ids.panel
    run_plan(qtbot, window)
    assert panel.outcome_label.full_text.startswith("3 IDs: 3 found")
    qtbot.mouseClick(panel.export_csv_button, Qt.MouseButton.LeftButton)
    export = window.several_ids.export
    dialog = export.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.selectFile(str(tmp_path / "results.csv"))

    sign_in_as_the_tester(qtbot, window)
    assert panel.outcome_label.full_text == ""
    assert panel.model.rowCount() == 0
    assert export.dialog is None  # closed: nothing left to accept


REFUSED_IN_THE_MIDDLE = "5000000001 5000000401 5000000004 5000000005 5000000006 5000000007"


def test_a_run_refused_for_its_credential_offers_to_sign_in_as_a_single_lookup_does(
    qtbot, make_window, demo_server
):
    window = signed_in_window(qtbot, make_window, demo_server)
    drop(window, REFUSED_IN_THE_MIDDLE)
    outcome = run_plan(qtbot, window)
    assert outcome.stopped is BatchStop.SIGN_IN
    banner = window.message_banner
    text = banner.label.full_text
    assert text.startswith("Several IDs stopped at entry 5000000401: ")
    assert "HTTP 401" in text and text.endswith(f"{len(outcome.not_looked_up)} IDs not looked up.")
    assert banner.isVisible() and banner.sign_in_button.isVisible()

    qtbot.mouseClick(banner.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.accounts.dialog is not None)
    qtbot.waitExposed(window.accounts.dialog)


def test_with_a_credential_a_sign_in_cannot_change_the_stop_is_said_without_the_offer(
    qtbot, window
):
    drop(window, REFUSED_IN_THE_MIDDLE)
    assert run_plan(qtbot, window).stopped is BatchStop.SIGN_IN
    banner = window.message_banner
    assert banner.label.full_text.startswith("Several IDs stopped at entry 5000000401: ")
    assert banner.isVisible() and not banner.sign_in_button.isVisible()
