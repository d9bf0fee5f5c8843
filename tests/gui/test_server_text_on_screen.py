"""Text from a server (or a person) is shown as text in the window: never Qt's rich text
(tags obeyed, local images loaded), control characters written out rather than obeyed, at
most a few hundred characters with the whole available to copy, and never wider than the
screen (issue #12)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from canned_server import CannedServer
from conftest import run_on_loop
from gui_actions import cell, find_row, look_up, submit_token, wait_dialog_message, wait_signed_in
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QTreeWidget, QWidget

from inspector.api.errors import ApiError, BadRequest
from inspector.api.time_entries import entry_path
from inspector.credentials import CredentialResolver
from inspector.demo import reports
from inspector.demo.dataset import DEMO_WORKSPACE_ID, demo_entry
from inspector.domain.plain_text import ELLIPSIS, SHORT_TEXT_LIMIT
from inspector.domain.raw_json import COPY_HINT, RAW_LINE_LIMIT, readable_raw_json
from inspector.services import LookupResult, ReportsResult, failure_text
from inspector.ui import raw_json_page
from inspector.ui.style import plain_tooltip, shown_text

ENTRY_ID = 5_000_000_777
HOSTILE = "<font size=7 color=red>TOKEN EXPIRED</font>"
CONTROLS = "\x1b[2J\u202egnp.exe"
CONTROLS_SHOWN = "\\x1b[2J\\u202egnp.exe"
MAGENTA = QColor("#ff00ff")
# Past this, a long message has been cut ("a few hundred characters").
FEW_HUNDRED = 2 * SHORT_TEXT_LIMIT


@pytest.fixture
def canned() -> Iterator[CannedServer]:
    with CannedServer() as server:
        yield server


@pytest.fixture
def magenta_png(tmp_path: Path) -> Path:
    """A real image on this machine: rich text would load and paint it."""
    path = tmp_path / "local.png"
    image = QImage(24, 24, QImage.Format.Format_RGB32)
    image.fill(MAGENTA)
    assert image.save(str(path))
    return path


def entry(**changes: object) -> dict[str, object]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    return {**demo_entry(ENTRY_ID, start, 600, start + timedelta(seconds=600)), **changes}


def as_qt_shows_it(tooltip: str) -> str:
    """A tooltip's text as Qt shows it: as rich text when Qt.mightBeRichText says so."""
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def magenta_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    return sum(
        image.pixelColor(x, y) == MAGENTA
        for x in range(image.width())
        for y in range(image.height())
    )


def detail_tooltip(details: QTreeWidget, label: str) -> str:
    for row in range(details.topLevelItemCount()):
        item = details.topLevelItem(row)
        if item is not None and item.text(0) == label:
            return item.toolTip(1)
    raise AssertionError(f"no detail {label!r}")


def assert_plain(label: QLabel) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


# --------------------------------------------------------------------------- rich text


def test_an_html_error_body_and_request_id_are_shown_as_text_and_load_no_image(
    qtbot, make_window, canned, magenta_png
):
    image = f'<img src="file://{magenta_png}">'
    canned.answer(
        entry_path(ENTRY_ID), 400, HOSTILE + image, headers=(("X-Toggl-Request-Id", image),)
    )
    window = make_window(server=canned)
    assert isinstance(look_up(qtbot, window, str(ENTRY_ID)), BadRequest)

    banner = window.message_banner.label
    assert_plain(banner)
    assert f'The server said: "{HOSTILE}{image}".' in banner.text()
    assert f"Request id: {image}." in banner.text()
    assert magenta_pixels(banner) == 0
    details = window.entry_panel.request_details
    assert details.value_of("X-Toggl-Request-Id") == image
    assert as_qt_shows_it(detail_tooltip(details, "X-Toggl-Request-Id")) == image
    assert HOSTILE + image in as_qt_shows_it(detail_tooltip(details, "Message"))


def test_html_and_control_characters_in_an_entry_are_shown_as_written(qtbot, make_window, canned):
    description = HOSTILE + CONTROLS
    canned.answer(
        entry_path(ENTRY_ID),
        200,
        entry(description=description, duration=HOSTILE, **{"note\x1b[31m": "x"}),
    )
    window = make_window(server=canned)
    assert isinstance(look_up(qtbot, window, str(ENTRY_ID)), LookupResult)

    shown = HOSTILE + CONTROLS_SHOWN
    assert cell(window, "Entry", "description") == shown
    tooltip = (
        find_row(window, "Entry", "description")
        .siblingAtColumn(1)
        .data(Qt.ItemDataRole.ToolTipRole)
    )
    assert as_qt_shows_it(tooltip) == shown
    assert cell(window, "Other fields", "note\\x1b[31m") == "x"  # the field's name too

    index = find_row(window, "Entry", "description")
    window.entry_panel.tree.select(index)
    window.entry_panel.tree.copy_value()
    assert QGuiApplication.clipboard().text() == description  # copied as received

    # The wrong type is said in the banner and the anomaly line, as text.
    banner = window.message_banner.label
    assert_plain(banner)
    assert f"duration is string '{HOSTILE}'" in banner.text()
    anomalies = window.entry_panel.anomaly_label
    assert_plain(anomalies)
    assert HOSTILE in anomalies.text()
    assert f"duration is string '{HOSTILE}'" in as_qt_shows_it(anomalies.toolTip())


def test_a_profile_name_in_html_is_shown_as_text_in_the_account_label_and_menu(
    qtbot, make_window, demo_server
):
    first, *others = demo_server.users
    workspaces = (dict(first.workspaces[0], name=HOSTILE), *first.workspaces[1:])
    demo_server.users = (
        replace(first, fullname="<b>Eve</b>" + CONTROLS, workspaces=workspaces),
        *others,
    )
    window = make_window(credentials=CredentialResolver(environ={}))
    dialog = submit_token(qtbot, window, demo_server.token)
    wait_signed_in(qtbot, window, dialog)

    label = window.accounts.label
    assert_plain(label)
    assert label.text().startswith("Signed in as <b>Eve</b>" + CONTROLS_SHOWN[:5])
    assert "\x1b" not in label.text() and "\u202e" not in label.text()
    tooltip = as_qt_shows_it(label.toolTip())
    assert "Signed in as <b>Eve</b>" + CONTROLS_SHOWN in tooltip
    assert f"default workspace {HOSTILE} ({DEMO_WORKSPACE_ID})" in tooltip
    [account] = window.accounts.switch_actions
    assert account.text().startswith("<b>Eve</b>" + CONTROLS_SHOWN)


def test_a_sign_in_refusal_in_html_is_shown_as_text(qtbot, make_window, canned, magenta_png):
    image = f'<img src="file://{magenta_png}">'
    canned.answer("/api/v9/me", 403, HOSTILE + image)
    window = make_window(server=canned, credentials=CredentialResolver(environ={}))
    dialog = submit_token(qtbot, window, canned.token)
    text = wait_dialog_message(qtbot, dialog)
    assert_plain(dialog.message)
    assert HOSTILE + image in text
    assert magenta_pixels(dialog.message) == 0


def test_a_workspace_name_in_html_is_shown_as_text_in_the_reports_search(
    qtbot, make_window, demo_server
):
    first, *others = demo_server.users
    name = HOSTILE + CONTROLS
    workspaces = (dict(first.workspaces[0], name=name), *first.workspaces[1:])
    demo_server.users = (replace(first, workspaces=workspaces), *others)
    window = make_window()
    panel = window.reports.panel
    with qtbot.waitSignal(window.reports.workspaces_loaded, timeout=10_000):
        look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert_plain(panel.offer_label)
    assert panel.workspace_combo.itemText(0) == f"{HOSTILE}{CONTROLS_SHOWN} ({DEMO_WORKSPACE_ID})"
    panel.workspace_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        qtbot.mouseClick(panel.search_button, Qt.MouseButton.LeftButton)
        assert_plain(panel.status_label)
        assert HOSTILE + CONTROLS_SHOWN in panel.status_label.text()
    assert isinstance(found.args[0], ReportsResult)

    badge = window.entry_panel.source_badge
    assert_plain(badge)
    shown = f"Source: Reports API v3 (workspace {HOSTILE}{CONTROLS_SHOWN}, 8200001)"
    assert as_qt_shows_it(badge.toolTip()) == shown
    # Beside the state it may be cut with "…" (whole in the tooltip).
    assert badge.text() == shown or shown.startswith(badge.text().removesuffix("…"))


@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.text(
        # U+00A0 is shown as a space by rich text, like the browser's; lone surrogates are
        # not text.
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\xa0"),
        max_size=400,
    )
    | st.sampled_from([HOSTILE, "a &lt; b", "<!DOCTYPE html><p>x</p>", "<b>\n</b>  x\n"])
)
def test_a_tooltip_shows_exactly_its_text_with_controls_written_out(qapp, text):
    # (A paragraph of rich text ends without the last line break: nothing to see there.)
    assert as_qt_shows_it(plain_tooltip(text)).rstrip("\n") == shown_text(text).rstrip("\n")


# --------------------------------------------------------------------------- long strings

LONG = 50_000


def _long_wrong_type(canned: CannedServer) -> None:
    canned.answer(entry_path(ENTRY_ID), 200, entry(duration="9" * LONG))


def _long_request_id(canned: CannedServer) -> None:
    canned.answer(entry_path(ENTRY_ID), 400, "Bad", headers=(("X-Toggl-Request-Id", "f" * LONG),))


def _long_error_word(canned: CannedServer) -> None:
    canned.answer(entry_path(ENTRY_ID), 400, "x" * LONG)


@pytest.mark.parametrize("answer", [_long_wrong_type, _long_request_id, _long_error_word])
def test_a_long_unbroken_string_never_widens_the_window(qtbot, make_window, canned, answer):
    canned.answer(entry_path(5_000_000_001), 200, entry(id=5_000_000_001))
    window = make_window(server=canned)
    look_up(qtbot, window, "5000000001")
    window.layout().activate()
    width = window.width()
    screen = window.screen().availableGeometry().width()

    answer(canned)
    look_up(qtbot, window, str(ENTRY_ID))
    assert window.message_banner.isVisible()
    window.layout().activate()  # what the next turn of the event loop would do
    assert window.width() == width
    assert window.minimumSizeHint().width() <= screen


def test_a_long_message_is_cut_in_the_banner_and_copied_whole(qtbot, make_window, canned):
    request_id = "f" * LONG
    canned.answer(entry_path(ENTRY_ID), 400, "Bad", headers=(("X-Toggl-Request-Id", request_id),))
    window = make_window(server=canned)
    error = look_up(qtbot, window, str(ENTRY_ID))
    assert isinstance(error, ApiError)

    shown = window.message_banner.label.text()
    assert len(shown) <= FEW_HUNDRED and shown.endswith(ELLIPSIS)
    assert shown.startswith("Toggl refused the request as malformed (HTTP 400).")
    window.message_banner.copy_message_action.trigger()
    assert QGuiApplication.clipboard().text() == failure_text(error)
    assert request_id in QGuiApplication.clipboard().text()

    details = window.entry_panel.request_details
    assert len(details.value_of("X-Toggl-Request-Id")) <= SHORT_TEXT_LIMIT
    assert len(as_qt_shows_it(detail_tooltip(details, "X-Toggl-Request-Id"))) <= FEW_HUNDRED
    [row] = details.findItems("X-Toggl-Request-Id", Qt.MatchFlag.MatchExactly, 0)
    details.setCurrentItem(row)
    details.copy_value_action.trigger()
    assert QGuiApplication.clipboard().text() == request_id


def test_a_long_value_is_cut_in_the_tree_and_its_tooltip_and_copied_whole(
    qtbot, make_window, canned
):
    description = "word " * 40_000
    canned.answer(entry_path(ENTRY_ID), 200, entry(description=description))
    window = make_window(server=canned)
    look_up(qtbot, window, str(ENTRY_ID))

    index = find_row(window, "Entry", "description")
    shown = index.siblingAtColumn(1).data()
    assert len(shown) <= SHORT_TEXT_LIMIT and shown.endswith(ELLIPSIS)
    assert description.startswith(shown[:-1])
    tooltip = as_qt_shows_it(index.siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole))
    assert len(tooltip) <= FEW_HUNDRED and tooltip.endswith(ELLIPSIS)
    window.entry_panel.tree.select(index)
    window.entry_panel.tree.copy_value()
    assert QGuiApplication.clipboard().text() == description


@pytest.mark.parametrize("length", [20_000, 300_000])  # laid out at once, and off the UI thread
def test_the_raw_json_tab_cuts_long_lines_and_copy_entry_as_json_has_them_all(
    qtbot, make_window, canned, length
):
    raw = entry(description="é" * length + "\x1b", tags=["x" * length])
    canned.answer(entry_path(ENTRY_ID), 200, raw)
    window = make_window(server=canned)
    look_up(qtbot, window, str(ENTRY_ID))
    panel = window.entry_panel
    panel.tabs.setCurrentWidget(panel.raw_view)
    qtbot.waitUntil(lambda: COPY_HINT in panel.raw_view.toPlainText(), timeout=5000)

    lines = panel.raw_view.toPlainText().split("\n")
    assert max(len(line) for line in lines) <= RAW_LINE_LIMIT + 100
    cut = [line for line in lines if COPY_HINT in line]
    assert len(cut) == 2
    assert cut[0].startswith('  "description": "éé')
    line_length = len('  "description": "') + length + len("\\u001b") + len('",')
    assert f"… {line_length - RAW_LINE_LIMIT:,} more characters; {COPY_HINT}" in cut[0]
    assert f'  "id": {ENTRY_ID},' in lines

    panel.tree.copy_entry_json()
    assert json.loads(QGuiApplication.clipboard().text()) == raw


def test_raw_json_laid_out_for_an_older_entry_never_replaces_the_newer_one(
    qtbot, make_window, canned, monkeypatch
):
    big, small = entry(description="x" * 300_000), entry(id=5_000_000_001)
    canned.answer(entry_path(ENTRY_ID), 200, big)
    canned.answer(entry_path(5_000_000_001), 200, small)
    started, release, returned = threading.Event(), threading.Event(), threading.Event()

    def slow_layout(body: str) -> str:  # the worker thread's part, held until released
        if len(body) > 300_000:
            started.set()
            release.wait(10)
        try:
            return readable_raw_json(body)
        finally:
            returned.set()

    monkeypatch.setattr(raw_json_page, "readable_raw_json", slow_layout)
    window = make_window(server=canned)
    panel = window.entry_panel
    panel.tabs.setCurrentWidget(panel.raw_view)
    look_up(qtbot, window, str(ENTRY_ID))
    assert panel.raw_view.toPlainText().startswith("Laying out 0.3 MB of JSON…")
    qtbot.waitUntil(started.is_set)
    look_up(qtbot, window, "5000000001")
    assert '"id": 5000000001' in panel.raw_view.toPlainText()

    returned.clear()
    release.set()
    qtbot.waitUntil(returned.is_set)

    async def a_few_turns_of_the_loop() -> None:
        for _ in range(5):
            await asyncio.sleep(0)

    run_on_loop(qtbot, a_few_turns_of_the_loop())
    shown = panel.raw_view.toPlainText()
    assert COPY_HINT not in shown  # the older, longer entry's layout was dropped
    assert json.loads(shown) == small
