"""Entries asked for from outside the window: what a later start hands over on the socket,
and links (macOS gives them as events). The two-process path is in tests/e2e/test_one_window.py."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.domain.entry_link import Handover, encode_handover
from inspector.services import LookupResult
from inspector.ui import single_instance
from inspector.ui.entry_requests import EntryRequests
from inspector.ui.single_instance import InstanceServer, instance_address

SHARED_ID = 5000000006
LINK = f"toggl-inspector://entry/{SHARED_ID}?meta=1&include_sharing=1"


# --------------------------------------------------------------------------- the window's side


def test_what_comes_before_the_window_can_look_up_waits_then_is_looked_up(qtbot, window):
    requests = EntryRequests(window)
    window.lookup_bar.meta_box.setChecked(False)
    requests.receive(Handover(LINK))
    assert not window.is_looking_up

    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        requests.start()

    result = found.args[0]
    assert isinstance(result, LookupResult)
    assert (result.request.entry_id, result.request.meta, result.request.include_sharing) == (
        SHARED_ID,
        True,
        True,
    )
    assert window.lookup_bar.id_input.text() == str(SHARED_ID)
    assert window.lookup_bar.meta_box.isChecked()


def test_an_id_handed_over_keeps_the_boxes_unless_told(qtbot, window):
    requests = EntryRequests(window)
    requests.start()
    window.lookup_bar.sharing_box.setChecked(True)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        requests.receive(Handover(str(SHARED_ID), meta=False))
    assert found.args[0].request.include_sharing is True
    assert found.args[0].request.meta is False


def test_nothing_is_looked_up_once_the_window_has_closed(qtbot, window):
    requests = EntryRequests(window)
    requests.start()
    window.close()
    with qtbot.assertNotEmitted(window.runner.started):
        requests.receive(Handover(str(SHARED_ID)))
    assert window.lookup_bar.id_input.text() == ""


def test_a_link_s_options_are_used_once_and_not_remembered(qtbot, window, settings):
    """A link in a ticket asks for meta and sharing for its entry; the boxes the person
    ticked for every lookup stay as they were remembered (also at the next start)."""
    for box in (window.lookup_bar.meta_box, window.lookup_bar.sharing_box):
        box.setChecked(True)
        box.setChecked(False)  # the person's choice, remembered
    requests = EntryRequests(window)
    requests.start()
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        requests.receive(Handover(LINK))
    assert found.args[0].request.meta is True
    assert window.lookup_bar.meta_box.isChecked()  # what the shown entry was fetched with
    settings.sync()
    assert settings.value("lookup/meta") in (False, "false")
    assert settings.value("lookup/include_sharing") in (False, "false")


def test_a_link_that_cannot_be_opened_is_said_and_nothing_is_looked_up(qtbot, window, caplog):
    requests = EntryRequests(window)
    requests.start()
    with qtbot.assertNotEmitted(window.runner.started):
        requests.receive(Handover("toggl-inspector://entry/12x?meta=1"))
    banner = window.message_banner
    assert banner.kind == "error"
    assert "The link's entry ID is not valid: 'x' at position 3" in banner.label.text()
    assert banner.label.text().endswith("Nothing was looked up.")
    assert "Refused a link" in caplog.text


def test_a_start_without_an_id_only_brings_the_window_forward(qtbot, window, caplog):
    caplog.set_level(logging.INFO, "inspector.ui")
    requests = EntryRequests(window)
    requests.start()
    with qtbot.assertNotEmitted(window.runner.started):
        requests.receive(Handover())
    assert "brought this window to the front" in caplog.text


def test_a_link_the_system_opens_in_the_app_is_looked_up(qtbot, window):
    """What macOS does with a link while the app runs (or to the app it starts)."""
    requests = EntryRequests(window, watch_links_opened=True)
    requests.start()
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl(LINK)))
    assert found.args[0].request.entry_id == SHARED_ID
    assert found.args[0].request.include_sharing is True


# --------------------------------------------------------------------------- the socket


@pytest.fixture
def server(qtbot: QtBot, tmp_path) -> InstanceServer:
    server = InstanceServer(str(tmp_path / "s"))
    assert server.listen()
    yield server
    server.close()


def connected_client(qtbot: QtBot, server: InstanceServer) -> QLocalSocket:
    client = QLocalSocket()
    with qtbot.waitSignal(client.connected):
        client.connectToServer(server.server_name)
    return client


def test_the_socket_only_its_user_may_open(server):
    assert stat.S_IMODE(os.stat(server.server_name).st_mode) & 0o077 == 0


def test_a_well_formed_line_is_handed_over_and_answered(qtbot, server):
    client = connected_client(qtbot, server)
    with qtbot.waitSignal(server.handed_over) as handed:
        client.write(encode_handover(Handover(LINK, meta=False)))
    assert handed.args[0] == Handover(LINK, meta=False)
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0)
    assert bytes(client.readAll().data()) == single_instance.ACCEPTED


@pytest.mark.parametrize(
    ("sent", "said"),
    [
        (b"hello\n", "not a line of JSON"),
        (b'{"v": 1, "target": "1; rm -rf ~"}\n', "the target is not an entry ID"),
        (b"1" * 5000, "more than 4096 bytes without a line end"),
    ],
    ids=["not JSON", "not an ID", "too long"],
)
def test_a_malformed_message_is_ignored_and_said_in_the_log(qtbot, server, caplog, sent, said):
    client = connected_client(qtbot, server)
    with qtbot.assertNotEmitted(server.handed_over), qtbot.waitSignal(client.disconnected):
        client.write(sent)
    assert f"Ignored a malformed message on {server.server_name}: {said}" in caplog.text
    # The window still listens.
    next_client = connected_client(qtbot, server)
    with qtbot.waitSignal(server.handed_over):
        next_client.write(encode_handover(Handover("123")))


def test_a_connection_that_never_sends_a_whole_line_is_dropped(qtbot, server, caplog, monkeypatch):
    monkeypatch.setattr(single_instance, "IDLE_CONNECTION_MS", 50)
    client = connected_client(qtbot, server)
    with qtbot.waitSignal(client.disconnected, timeout=5000):
        client.write(b'{"v": 1')
    assert "no whole line came in time" in caplog.text


# --------------------------------------------------------------------------- its address


def test_the_address_holds_the_user_and_the_api_in_a_private_directory(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    environ = {"XDG_RUNTIME_DIR": str(runtime)}
    demo = instance_address("demo", environ)
    real = instance_address("https://api.track.toggl.com", environ)
    assert demo is not None and real is not None
    assert demo.server_name != real.server_name  # a demo window and a real one are apart
    assert os.path.dirname(demo.server_name) == str(runtime)
    assert f"toggl-inspector-{os.getuid()}-" in os.path.basename(demo.server_name)
    assert demo.lock_path == demo.server_name + ".lock"


@pytest.fixture
def short_tmp(monkeypatch) -> Iterator[Path]:
    """A temporary directory with a short path (a socket's path must stay under 100 bytes),
    standing in for the system's."""
    directory = Path(tempfile.mkdtemp(prefix="ti", dir="/tmp"))
    monkeypatch.setattr(single_instance.tempfile, "gettempdir", lambda: str(directory))
    yield directory
    shutil.rmtree(directory)


def test_a_runtime_directory_others_may_enter_is_not_used(short_tmp):
    shared = short_tmp / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    address = instance_address("demo", {"XDG_RUNTIME_DIR": str(shared)})
    assert address is not None
    own = short_tmp / f"toggl-inspector-{os.getuid()}"
    assert os.path.dirname(address.server_name) == str(own)
    assert stat.S_IMODE(own.stat().st_mode) == 0o700


def test_no_address_when_the_fallback_directory_is_open_to_others(short_tmp, caplog):
    own = short_tmp / f"toggl-inspector-{os.getuid()}"
    own.mkdir()
    own.chmod(0o777)  # made by someone else, or loosened: not a place for the socket
    assert instance_address("demo", {}) is None
    assert "One window per user is off" in caplog.text
