"""Cancel, a newer lookup winning over an older one, and refusing bad input before sending."""

from __future__ import annotations

import asyncio

import pytest
from gui_actions import cell, look_up, type_id_and_fetch
from PySide6.QtCore import Qt

from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.services import LookupResult
from inspector.services.lookup import EntryLookup

SLOW_ID = 5000000001
FAST_ID = "5000000002"


def test_cancel_stops_a_slow_lookup_and_shows_nothing(qtbot, make_window, demo_server):
    demo_server.delays[SLOW_ID] = 5.0
    window = make_window()
    type_id_and_fetch(qtbot, window, str(SLOW_ID))
    qtbot.waitUntil(lambda: window.is_looking_up)
    assert window.lookup_bar.cancel_button.isEnabled()

    qtbot.mouseClick(window.lookup_bar.cancel_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.is_looking_up)
    assert window.statusBar().currentMessage() == f"Lookup of entry {SLOW_ID} cancelled."
    assert not window.lookup_bar.cancel_button.isEnabled()
    assert window.lookup_bar.fetch_button.isEnabled()
    assert window.entry_panel.tree.entry_model.rowCount() == 0


def test_a_newer_lookup_wins_over_a_slower_older_one(qtbot, make_window, demo_server):
    demo_server.delays[SLOW_ID] = 0.8
    window = make_window()
    type_id_and_fetch(qtbot, window, str(SLOW_ID))
    qtbot.waitUntil(lambda: any(path.endswith(str(SLOW_ID)) for path in demo_server.received))

    result = look_up(qtbot, window, FAST_ID)
    assert result.request.entry_id == int(FAST_ID)
    # Wait until the server has finished answering the old request, then look again.
    qtbot.waitUntil(
        lambda: any(r.path.endswith(str(SLOW_ID)) for r in demo_server.served), timeout=5000
    )
    qtbot.wait(100)
    assert cell(window, "Entry", "id") == FAST_ID
    assert window.entry_panel.run_state_label.text().startswith("Running")


class _UncancellableLookup(EntryLookup):
    """A lookup that ignores cancellation (as a misbehaving library might): only the
    window's own check of which request is the latest can keep its answer off screen."""

    async def lookup(self, request, on_wait=lambda wait: None):
        answer = asyncio.ensure_future(super().lookup(request, on_wait))
        while True:
            try:
                return await asyncio.shield(answer)
            except asyncio.CancelledError:
                continue


def test_an_answer_that_arrives_after_a_newer_request_is_dropped(
    qtbot, make_window, demo_server, http_client
):
    demo_server.delays[SLOW_ID] = 0.6
    lookup = _UncancellableLookup(
        http_client,
        ApiUrl(demo_server.url),
        CredentialResolver(fixed=Credential(demo_server.token, "demo")),
    )
    window = make_window(lookup=lookup)
    outcomes = []
    window.lookup_finished.connect(outcomes.append)

    type_id_and_fetch(qtbot, window, str(SLOW_ID))
    qtbot.waitUntil(lambda: any(path.endswith(str(SLOW_ID)) for path in demo_server.received))
    look_up(qtbot, window, FAST_ID)
    qtbot.waitUntil(
        lambda: any(r.path.endswith(str(SLOW_ID)) for r in demo_server.served), timeout=5000
    )
    qtbot.wait(200)  # the shielded old answer is delivered to the loop now; it must be dropped

    assert [o.request.entry_id for o in outcomes] == [int(FAST_ID)]
    assert cell(window, "Entry", "id") == FAST_ID


@pytest.mark.parametrize(
    "text, reason",
    [
        ("abc", "'a' at position 1 is not allowed"),
        ("-5", "leave out the sign"),
        ("1.5", "no decimal point"),
        ("0", "IDs start at 1"),
        ("１２３", "not an ASCII digit"),
        ("99999999999999999999", "too large"),
        ("123/../me", "'/' at position 4"),
        ("123?meta=true", "'?' at position 4"),
        ("1 2", "no spaces inside"),
    ],
)
def test_bad_input_is_refused_inline_and_never_sent(qtbot, window, demo_server, text, reason):
    window.lookup_bar.id_input.insert(
        text
    )  # as a paste would (QTest cannot type full-width digits)
    assert window.lookup_bar.id_error.isVisible()
    assert reason in window.lookup_bar.id_error.text()
    assert not window.lookup_bar.fetch_button.isEnabled()

    qtbot.keyClick(window.lookup_bar.id_input, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert not window.is_looking_up
    assert demo_server.served == []


def test_empty_input_and_enter_says_what_to_type(qtbot, window, demo_server):
    qtbot.keyClick(window.lookup_bar.id_input, Qt.Key.Key_Return)
    assert "Enter a time entry ID" in window.lookup_bar.id_error.text()
    assert demo_server.served == []


def test_fixing_the_input_clears_the_reason(qtbot, window):
    qtbot.keyClicks(window.lookup_bar.id_input, "12x")
    assert window.lookup_bar.id_error.isVisible()
    qtbot.keyClick(window.lookup_bar.id_input, Qt.Key.Key_Backspace)
    assert not window.lookup_bar.id_error.isVisible()
    assert window.lookup_bar.fetch_button.isEnabled()


def test_a_pasted_hash_form_is_reduced_to_the_id(qtbot, window):
    result = look_up(qtbot, window, "#5000000001")
    assert isinstance(result, LookupResult)
    assert result.request.entry_id == 5000000001


def test_closing_the_window_during_a_lookup_cancels_it_cleanly(qtbot, make_window, demo_server):
    demo_server.delays[SLOW_ID] = 5.0
    window = make_window()
    type_id_and_fetch(qtbot, window, str(SLOW_ID))
    qtbot.waitUntil(lambda: window.is_looking_up)
    with qtbot.waitSignal(window.closed):
        window.close()
    qtbot.waitUntil(lambda: not window.is_looking_up)
