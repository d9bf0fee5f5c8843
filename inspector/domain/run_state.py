"""Whether an entry runs: on its own so that what only names the states (the window's
colours) need not import the whole entry view before the first paint. Re-exported by
inspector.domain.entry_view."""

from __future__ import annotations

from enum import Enum


class RunState(Enum):
    RUNNING = "Running"
    STOPPED = "Stopped"
    DURATION_ONLY = "Stopped, duration only"
