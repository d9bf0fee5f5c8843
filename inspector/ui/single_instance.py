"""One window per user and API: a later start hands its request to the window already open,
over a local socket only this user can reach, and exits without a window of its own.

The socket is in a directory only this user may enter ($XDG_RUNTIME_DIR, else a 0700
directory of ours in the temporary directory), its name holds the user id and a digest of
the API (so a demo window and a window on the real API are separate), and Qt makes it 0700
too (UserAccessOption; on Windows a named pipe only this user may open). A lock file, held
from looking for a window to listening, keeps two starts at once from both serving. QtNetwork
is loaded before the first paint only when a socket is there to hand over to.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import tempfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

if TYPE_CHECKING:  # the hand-over message is read and written only when there is one
    from PySide6.QtNetwork import QLocalSocket

    from inspector.domain.entry_link import Handover

log = logging.getLogger("inspector.ui")

# A first start holds the lock until it listens, just after its first paint: wait that long.
LOCK_WAIT_MS = 10_000
CONNECT_WAIT_MS = 1_000
ANSWER_WAIT_MS = 5_000
# A connection that sends no whole line in this time is dropped.
IDLE_CONNECTION_MS = 5_000
ACCEPTED = b"ok\n"
# sun_path holds 108 bytes on Linux, 104 on macOS.
MAX_SOCKET_PATH_BYTES = 100


@dataclass(frozen=True)
class InstanceAddress:
    server_name: str  # a socket's absolute path (POSIX) or a pipe's name (Windows)
    lock_path: str

    @property
    def is_file(self) -> bool:
        return os.path.isabs(self.server_name)


def user_id() -> str:
    """The uid (POSIX) or the user name (Windows, where pipe names are machine-wide)."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    import getpass

    return re.sub(r"[^A-Za-z0-9_.-]", "_", getpass.getuser())


def instance_address(
    api_key: str, environ: Mapping[str, str] = os.environ
) -> InstanceAddress | None:
    """Where the window for this user and ``api_key`` listens; None when no place only this
    user can reach is found (said in the log: every start then opens its own window)."""
    # A name, not a secret: a checksum tells the APIs apart (hashlib's OpenSSL costs 3 ms).
    digest = f"{zlib.crc32(api_key.encode()):08x}"
    name = f"toggl-inspector-{user_id()}-{digest}"
    if os.name != "posix":
        return InstanceAddress(name, os.path.join(tempfile.gettempdir(), name + ".lock"))
    directory = _private_directory(environ)
    if directory is None:
        return None
    path = os.path.join(directory, name)
    if len(os.fsencode(path)) > MAX_SOCKET_PATH_BYTES:
        log.warning("One window per user is off: the socket path %s is too long", path)
        return None
    return InstanceAddress(path, path + ".lock")


def _private_directory(environ: Mapping[str, str]) -> str | None:
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and _only_mine(runtime):
        return runtime
    own = os.path.join(tempfile.gettempdir(), f"toggl-inspector-{user_id()}")
    try:
        os.mkdir(own, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        log.warning("One window per user is off: %s", error)
        return None
    if _only_mine(own):
        return own
    log.warning("One window per user is off: %s is not a directory only you can enter", own)
    return None


def _only_mine(path: str) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


class WindowClaim:
    """This start's claim to be its user's window for an API: either a window is open
    already (hand the request over, then exit) or this start becomes it (listen once the
    window can look up). The lock is held in between."""

    def __init__(self, address: InstanceAddress) -> None:
        self.address = address
        self._lock = QLockFile(address.lock_path)
        self._stale_socket = False

    @classmethod
    def take(cls, api_key: str) -> WindowClaim | None:
        """None when the claim cannot be made: this start opens a window of its own."""
        address = instance_address(api_key)
        if address is None:
            return None
        claim = cls(address)
        if not claim._lock.tryLock(LOCK_WAIT_MS):
            log.warning(
                "One window per user is off for this start: %s stayed locked (%s)",
                address.lock_path,
                claim._lock.error().name,
            )
            return None
        return claim

    @property
    def window_may_listen(self) -> bool:
        """A window's socket is there (a pipe's name is always worth trying)."""
        return not self.address.is_file or os.path.exists(self.address.server_name)

    def hand_over(self, handover: Handover) -> bool | None:
        """True: the window open already took ``handover``; False: it did not answer;
        None: no window listens (a socket left by one that crashed is noted, and replaced
        when this start listens)."""
        if not self.window_may_listen:
            return None
        from PySide6.QtNetwork import QLocalSocket

        from inspector.domain.entry_link import encode_handover

        socket = QLocalSocket()
        socket.connectToServer(self.address.server_name)
        if not socket.waitForConnected(CONNECT_WAIT_MS):
            log.info("No window answers on %s: this start opens one", self.address.server_name)
            self._stale_socket = self.address.is_file
            return None
        socket.write(encode_handover(handover))
        socket.waitForBytesWritten(ANSWER_WAIT_MS)
        answered = socket.waitForReadyRead(ANSWER_WAIT_MS) and bytes(socket.readLine().data())
        socket.disconnectFromServer()
        return answered == ACCEPTED

    def serve(self, parent: QObject) -> InstanceServer | None:
        """Listen for later starts (after the first paint), then let go of the lock."""
        try:
            server = InstanceServer(self.address.server_name, parent)
            return server if server.listen(replace=self._stale_socket) else None
        finally:
            self.release()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


class InstanceServer(QObject):
    """Listens for later starts; each whole, well-formed line is a :class:`Handover`."""

    handed_over = Signal(object)  # a Handover

    def __init__(self, server_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.server_name = server_name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self, *, replace: bool = False) -> bool:
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        if replace:
            # Connecting failed under the lock: whoever made it is gone.
            QLocalServer.removeServer(self.server_name)
            log.info("Removed the socket a window left behind: %s", self.server_name)
        listening = self._server.listen(self.server_name)
        if not listening and (
            self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError
        ):
            QLocalServer.removeServer(self.server_name)
            listening = self._server.listen(self.server_name)
        if listening:
            log.info("Later starts hand their entries to this window (%s)", self.server_name)
        else:
            log.warning(
                "One window per user is off: cannot listen on %s: %s",
                self.server_name,
                self._server.errorString(),
            )
        return listening

    def close(self) -> None:
        self._server.close()  # removes the socket file

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is not None:
                _Conversation(socket, self)


class _Conversation(QObject):
    """One later start's connection: one line in, "ok" out; anything else is dropped."""

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(server)
        self._socket = socket
        self._server = server
        self._received = bytearray()
        self._done = False
        socket.setParent(self)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(lambda: self._refuse("no whole line came in time"))
        self._idle.start(IDLE_CONNECTION_MS)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._ended)
        self._read()

    def _read(self) -> None:
        if self._done:
            return
        from inspector.domain.entry_link import (
            MAX_HANDOVER_BYTES,
            MalformedHandover,
            decode_handover,
        )

        self._received += bytes(self._socket.readAll().data())
        line, newline, _rest = bytes(self._received).partition(b"\n")
        if not newline:
            if len(self._received) > MAX_HANDOVER_BYTES:
                self._refuse(f"more than {MAX_HANDOVER_BYTES} bytes without a line end")
            return
        try:
            handover = decode_handover(line)
        except MalformedHandover as error:
            self._refuse(str(error))
            return
        except Exception as error:  # a message no start sends never reaches the crash log
            self._refuse(f"unreadable ({type(error).__name__})")
            return
        self._finish()
        self._socket.write(ACCEPTED)
        self._socket.flush()
        self._socket.disconnectFromServer()
        self._server.handed_over.emit(handover)

    def _refuse(self, reason: str) -> None:
        if self._done:
            return
        log.warning("Ignored a malformed message on %s: %s", self._server.server_name, reason)
        self._finish()
        self._socket.abort()
        self.deleteLater()

    def _ended(self) -> None:
        if not self._done and self._received:
            self._refuse("the connection ended before a whole line")
        self._finish()
        self.deleteLater()  # the socket with it, once what was written has gone out

    def _finish(self) -> None:
        self._done = True
        self._idle.stop()
