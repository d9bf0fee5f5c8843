"""What the window's tasks (a lookup, explaining, a several-IDs run) do when one ends in an
exception: a bug, not Toggl's answer, reported like any crash (through the redacting log)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio


def reported_bug(task: asyncio.Task[None]) -> BaseException | None:
    """The exception ``task`` ended with, after handing it to ``sys.excepthook``; None when
    it returned or was cancelled. The caller then says in the window that it stopped."""
    if task.cancelled():
        return None
    error = task.exception()
    if error is not None:
        sys.excepthook(type(error), error, error.__traceback__)
    return error
