"""Files only their owner may read: the log (emails, entry IDs, server messages), the
account list and the window's settings. Directories 0700, files 0600, whatever the umask.

POSIX only: on Windows the per-user folders these live in are private already, and
chmod there only toggles read-only.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"

log = logging.getLogger("inspector.files")


def make_private_directory(path: Path, *, ours: bool) -> None:
    """Create ``path`` and its missing parents 0700. ``ours``: a directory only this app
    uses (e.g. ~/.config/toggl-inspector), set to 0700 if it exists already; never
    a directory someone pointed us at, which may hold other things."""
    missing = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=PRIVATE_DIRECTORY)
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to change
        _set_mode(directory, PRIVATE_DIRECTORY)  # mkdir's mode is cut by the umask
    if ours and not missing:
        _set_mode(path, PRIVATE_DIRECTORY)


def keep_private(path: Path | str) -> None:
    """Make an existing file 0600 (written by an older version, or replaced by a library
    that does not keep modes); a missing one is left missing."""
    if os.path.exists(path):
        _set_mode(Path(path), PRIVATE_FILE)


def create_private_file(path: Path | str) -> None:
    """Create ``path`` empty and 0600 unless it exists, and make it 0600 if it does."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    os.close(descriptor)
    keep_private(path)


def open_private(path: Path | str, flags: int) -> int:
    """``os.open`` of a file that is created 0600 (and made 0600 if it was not)."""
    descriptor = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    if _POSIX:
        try:
            if os.fstat(descriptor).st_mode & 0o777 != PRIVATE_FILE:
                os.fchmod(descriptor, PRIVATE_FILE)
        except OSError:
            os.close(descriptor)
            raise
    return descriptor


def write_private_file(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` whole or not at all: into a
    private temporary file beside it, then renamed over it. A failure midway leaves what
    was at ``path`` untouched, and no temporary file behind. The file is 0600."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            if _POSIX:
                os.fchmod(file.fileno(), PRIVATE_FILE)  # mkstemp's 0600, whatever the umask
            file.write(text)
            file.flush()
            os.fsync(file.fileno())  # the bytes are on disk before the name is
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _set_mode(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError as error:  # not the owner, say: reported, never a reason to fail
        log.warning("Could not make %s private: %s", path, error)
