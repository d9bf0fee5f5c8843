"""Small actions a person performs in the window, for the GUI tests."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from inspector.ui.main_window import MainWindow

VIEWER_ZONE = ZoneInfo("Europe/Berlin")  # a zone with DST, unlike the test machine's UTC


def type_id_and_fetch(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.lookup_bar.id_input.clear()
    qtbot.keyClicks(window.lookup_bar.id_input, text)
    qtbot.mouseClick(window.lookup_bar.fetch_button, Qt.MouseButton.LeftButton)


def look_up(qtbot: QtBot, window: MainWindow, text: str, timeout: int = 10_000) -> object:
    """Type the ID, click Fetch, wait for the outcome (a LookupResult or an ApiError)."""
    with qtbot.waitSignal(window.lookup_finished, timeout=timeout) as blocker:
        type_id_and_fetch(qtbot, window, text)
    return blocker.args[0]


def find_row(window_or_model: MainWindow | QAbstractItemModel, *labels: str) -> QModelIndex:
    """The index of the row reached by following labels from the top (group, field, ...)."""
    model = (
        window_or_model.entry_panel.tree.entry_model
        if isinstance(window_or_model, MainWindow)
        else window_or_model
    )
    parent = QModelIndex()
    for label in labels:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() == label:
                parent = index
                break
        else:
            raise AssertionError(f"no row {label!r} under {parent.data()!r}")
    return parent


def cell(window: MainWindow, *labels: str, column: int = 1) -> str:
    return find_row(window, *labels).siblingAtColumn(column).data()


def top_level_labels(window: MainWindow) -> list[str]:
    model = window.entry_panel.tree.entry_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def sign_in_dialog(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    """The open sign-in dialog (opened from the Account menu if none is open)."""
    dialog = window.accounts.dialog
    if dialog is None:
        window.accounts.sign_in_action.trigger()
        dialog = window.accounts.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def submit_token(qtbot: QtBot, window: MainWindow, token: str):  # type: ignore[no-untyped-def]
    """Type an API token into the sign-in dialog and press Sign in; returns the dialog."""
    dialog = sign_in_dialog(qtbot, window)
    qtbot.mouseClick(dialog.token_mode, Qt.MouseButton.LeftButton)
    dialog.token_input.clear()
    qtbot.keyClicks(dialog.token_input, token)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def submit_password(qtbot: QtBot, window: MainWindow, email: str, password: str):  # type: ignore[no-untyped-def]
    dialog = sign_in_dialog(qtbot, window)
    qtbot.mouseClick(dialog.password_mode, Qt.MouseButton.LeftButton)
    dialog.email_input.clear()
    qtbot.keyClicks(dialog.email_input, email)
    dialog.password_input.clear()
    qtbot.keyClicks(dialog.password_input, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def wait_signed_in(qtbot: QtBot, window: MainWindow, dialog) -> None:  # type: ignore[no-untyped-def]
    """Until the dialog has closed after a successful sign-in (a failed one stays open)."""
    qtbot.waitUntil(lambda: window.accounts.dialog is not dialog, timeout=10_000)
    assert window.accounts.label.full_text.startswith("Signed in as")


def wait_dialog_message(qtbot: QtBot, dialog) -> str:  # type: ignore[no-untyped-def]
    """Until the dialog shows a problem (its inputs usable again); returns the text."""
    qtbot.waitUntil(
        lambda: dialog.sign_in_button.isEnabled() and dialog.message.isVisible(), timeout=10_000
    )
    return dialog.message.text()


def origin_of(server: object) -> str:
    """The API origin of a demo server (its accounts belong there)."""
    from inspector.domain.api_origin import url_origin

    return url_origin(server.url)  # type: ignore[attr-defined]


def entry_of(server: object) -> str:
    """The keyring service under which the accounts of a demo server keep their secrets."""
    from inspector.credentials import keyring_service

    return keyring_service(origin_of(server))
