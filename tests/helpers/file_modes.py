"""Permission bits of a file or directory, for the tests that check files stay private."""

from __future__ import annotations

import os
import stat


def file_mode(path: str | os.PathLike[str]) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)
