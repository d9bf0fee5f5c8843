"""What the window remembers between runs, and where its API token comes from."""

from __future__ import annotations

import os
from pathlib import Path

from gui_actions import entry_of, look_up, origin_of
from PySide6.QtCore import QSettings, Qt, QUrl

from inspector.accounts import Account, Accounts
from inspector.api.errors import MissingCredentials, Unauthorized
from inspector.credentials import CredentialResolver
from inspector.services import LookupResult


def test_checkboxes_and_geometry_are_remembered_between_runs(qtbot, make_window, settings):
    first = make_window()
    first.lookup_bar.meta_box.setChecked(True)
    first.lookup_bar.sharing_box.setChecked(True)
    # A size of our own choosing, above the window's minimum and within the offscreen
    # screen's 800x600.
    size = (first.minimumSizeHint().width() + 3, 480)
    first.resize(*size)
    first.close()

    reread = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    second = make_window()
    assert second.lookup_bar.meta_box.isChecked()
    assert second.lookup_bar.sharing_box.isChecked()
    assert (second.width(), second.height()) == size
    assert reread.value("lookup/meta") in (True, "true")

    second.lookup_bar.meta_box.setChecked(False)
    second.close()
    assert not make_window().lookup_bar.meta_box.isChecked()


def test_settings_never_hold_the_token(qtbot, make_window, settings, demo_server):
    window = make_window()
    window.lookup_bar.meta_box.setChecked(True)
    look_up(qtbot, window, "5000000001")
    window.close()
    settings.sync()
    with open(settings.fileName(), encoding="utf-8") as file:
        assert demo_server.token not in file.read()


def test_the_token_from_the_environment_is_used(qtbot, make_window, demo_server):
    credentials = CredentialResolver(environ={"TOGGL_API_TOKEN": demo_server.token})
    window = make_window(credentials=credentials)
    result = look_up(qtbot, window, "5000000001")
    assert isinstance(result, LookupResult)
    assert result.credential_source == "environment"


def test_the_active_accounts_token_from_the_keyring_is_used(
    qtbot, make_window, demo_server, memory_keyring, account_file
):
    memory_keyring.set_password(entry_of(demo_server), "demo.user@example.com", demo_server.token)
    accounts = Accounts(origin=origin_of(demo_server))
    accounts.put(
        Account(
            demo_server.users[0].identity(),
            False,
            "2026-11-01T10:00:00+00:00",
            origin_of(demo_server),
        )
    )
    account_file.save(accounts)
    window = make_window(credentials=CredentialResolver(environ={}))
    result = look_up(qtbot, window, "5000000001")
    assert isinstance(result, LookupResult)
    assert result.credential_source == "keyring"


def test_without_a_sign_in_the_window_says_how_and_offers_it(qtbot, make_window, demo_server):
    window = make_window(credentials=CredentialResolver(environ={}))
    outcome = look_up(qtbot, window, "5000000001")
    assert isinstance(outcome, MissingCredentials)
    text = window.message_banner.label.text()
    assert "Not signed in" in text and "Sign in" in text
    assert "TOGGL_API_TOKEN" in text
    assert "https://track.toggl.com/profile" in text
    assert window.message_banner.sign_in_button.isVisible()
    assert demo_server.received == []  # nothing was sent without credentials


def test_a_wrong_token_is_reported_without_showing_it(qtbot, make_window):
    marker = "0123456789abcdef0123456789abcdef"
    window = make_window(credentials=CredentialResolver(environ={"TOGGL_API_TOKEN": marker}))
    outcome = look_up(qtbot, window, "5000000001")
    assert isinstance(outcome, Unauthorized)
    assert "HTTP 401" in window.message_banner.label.text()
    # Signing in would not help: the environment's token wins. The banner says so.
    assert "TOGGL_API_TOKEN" in window.message_banner.label.text()
    assert not window.message_banner.sign_in_button.isVisible()
    assert marker not in window.message_banner.label.text()
    assert marker not in window.statusBar().currentMessage()
    assert marker not in window.windowTitle()


def test_the_window_carries_the_app_icon(window):
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.pixelColor(6, 32).alpha() == 255  # the SVG really rendered, edge to edge


def test_the_about_dialog_names_the_version_qt_and_python(qtbot, window):
    import platform
    from importlib.metadata import version

    from PySide6.QtCore import qVersion

    dialog = window.open_about()
    qtbot.waitExposed(dialog)
    text = dialog.text.text()
    assert f"Toggl Entry Inspector {version('toggl-inspector')}" in text
    assert f"Qt {qVersion()}" in text
    assert f"Python {platform.python_version()}" in text
    dialog.close()


def test_about_says_where_the_files_are_and_opens_their_folders(
    qtbot, make_window, tmp_path, monkeypatch, account_file, settings
):
    monkeypatch.setenv("TOGGL_INSPECTOR_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    for folder in ("logs", "data", "config"):
        (tmp_path / folder).mkdir()
    window = make_window()
    dialog = window.open_about()
    qtbot.waitExposed(dialog)
    expected = {
        "Log": tmp_path / "logs" / "inspector.log",
        "Settings": Path(settings.fileName()),
        "Accounts": account_file.path,
        "History": tmp_path / "data" / "history.sqlite3",
    }
    assert {what: label.text() for what, label in dialog.path_labels.items()} == {
        what: str(path) for what, path in expected.items()
    }
    opened = []
    dialog.open_url = opened.append  # the desktop's file manager is not started in tests
    for what in expected:
        qtbot.mouseClick(dialog.folder_buttons[what], Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(path.parent)) for path in expected.values()]
    dialog.close()


def test_the_settings_file_is_private_and_stays_so_across_syncs(
    tmp_path, monkeypatch, permissive_umask
):
    from helpers.file_modes import file_mode

    from inspector.ui.launch import open_settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = open_settings()
    file = settings.fileName()
    assert file_mode(file) == 0o600
    assert file_mode(os.path.dirname(file)) == 0o700
    for value in range(3):  # Qt replaces the file at each sync
        settings.setValue("lookup/last_id", 5000000001 + value)
        settings.sync()
        assert file_mode(file) == 0o600
    from inspector.ui.launch import keep_settings_private

    keep_settings_private(settings)
    assert file_mode(file) == 0o600
    scratch = open_settings(str(tmp_path / "scratch" / "settings.ini"))
    scratch.setValue("x", 1)
    scratch.sync()
    assert file_mode(scratch.fileName()) == 0o600
    assert file_mode(tmp_path / "scratch") == 0o700
