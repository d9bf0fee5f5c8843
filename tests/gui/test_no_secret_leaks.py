"""The token and the password never leave the keyring and the Authorization header: run the
window through sign-in, lookups, failures, copying and verifying with marker secrets, then
search every file written, every output, the clipboard and every text on screen."""

from __future__ import annotations

import base64
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_actions import (
    look_up,
    submit_password,
    submit_token,
    wait_dialog_message,
    wait_signed_in,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from inspector.credentials import CredentialResolver
from inspector.demo.account import DEMO_EMAIL, DEMO_PASSWORD
from inspector.demo.server import DemoServer
from inspector.logs import LOG_DIR_ENV, configure_logging
from inspector.services import LookupResult

MARKER_TOKEN = "c0ffee00c0ffee00c0ffee00c0ffee00"
WRONG_PASSWORD = "wrong-pass-marker-0451"


def secret_forms() -> list[str]:
    return [
        MARKER_TOKEN,
        DEMO_PASSWORD,
        WRONG_PASSWORD,
        base64.b64encode(f"{DEMO_EMAIL}:{WRONG_PASSWORD}".encode()).decode(),
        base64.b64encode(f"{MARKER_TOKEN}:api_token".encode()).decode(),
        base64.b64encode(f"{DEMO_EMAIL}:{DEMO_PASSWORD}".encode()).decode(),
    ]


@pytest.fixture
def marker_server() -> Iterator[DemoServer]:
    with DemoServer(token=MARKER_TOKEN) as server:
        yield server


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        yield from (path for path in root.rglob("*") if path.is_file())


def screen_texts(window: QWidget, secret_inputs: tuple[QWidget, ...] = ()) -> list[str]:
    """Every text a person can see (or copy), except in the fields the secrets are typed
    into."""
    texts = [window.windowTitle()]
    if hasattr(window, "statusBar"):
        texts.append(window.statusBar().currentMessage())
    for widget in window.findChildren(QWidget):
        if widget in secret_inputs:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts += [widget.text(), widget.toolTip()]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def test_no_secret_reaches_files_logs_outputs_clipboard_or_screen(
    qtbot, make_window, marker_server, tmp_path, capfd, restore_root_logging
):
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    log_dir = tmp_path / "logs"
    configure_logging(True, {LOG_DIR_ENV: str(log_dir)})  # stderr and the file, as verbose
    logging.getLogger("inspector.test").info("log file in use")
    window = make_window(server=marker_server, credentials=CredentialResolver(environ={}))
    window.lookup_bar.meta_box.setChecked(True)
    window.lookup_bar.sharing_box.setChecked(True)

    wrong = submit_password(qtbot, window, DEMO_EMAIL, WRONG_PASSWORD)
    assert "HTTP 401" in wait_dialog_message(qtbot, wrong)
    dialog_texts = screen_texts(wrong, (wrong.token_input, wrong.password_input))
    assert wrong.password_input.text() == ""  # cleared after the refusal
    qtbot.mouseClick(wrong.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.accounts.dialog is None)
    wait_signed_in(qtbot, window, submit_token(qtbot, window, MARKER_TOKEN))
    for entry_id in ("5000000001", "5000000401", "5000000403", "5000000404", "5000000900"):
        look_up(qtbot, window, entry_id)
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    window.entry_panel.tree.copy_entry_json()
    clipboard = [QGuiApplication.clipboard().text()]
    window.entry_panel.tree.select(window.entry_panel.tree.entry_model.index(0, 0))
    window.entry_panel.tree.copy_value()
    clipboard.append(QGuiApplication.clipboard().text())
    window.accounts.verify_action.trigger()
    qtbot.waitUntil(lambda: "Verified" in window.statusBar().currentMessage(), timeout=10_000)
    wait_signed_in(qtbot, window, submit_password(qtbot, window, DEMO_EMAIL, DEMO_PASSWORD))
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.request_details)
    texts = screen_texts(window)
    window.close()

    written = list(files_under(tmp_path)) + [
        path for path in set(Path(tempfile.gettempdir()).iterdir()) - temp_before if path.is_file()
    ]
    assert any(path.name == "inspector.log" for path in written)
    assert any(path.name == "accounts.json" for path in written)
    assert any(path.name == "settings.ini" for path in written)
    captured = capfd.readouterr()
    assert "Looking up entry 5000000001" in captured.err  # the log really was on
    for secret in secret_forms():
        for path in written:
            assert secret not in path.read_text(encoding="utf-8", errors="replace"), path
        assert secret not in captured.out and secret not in captured.err
        assert all(secret not in text for text in clipboard)
        assert all(secret not in text for text in texts + dialog_texts)
