"""Process start to first painted window, and RSS then: the inspector against a bare window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, VENV_BIN, clean_env, median, time_to_line

RUNS = 7


def measure_startup() -> dict[str, float]:
    commands = {
        "inspector": [str(VENV_BIN / "toggl-inspector"), "--api-url", "http://127.0.0.1:9", "-v"],
        # The baseline: the same imports of Qt as the app (see bare_window.py).
        "bare": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")],
        # For reference only: a window importing nothing of Qt but what it uses itself.
        "minimal": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py"), "--minimal"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as home:
        env = clean_env(Path(home))
        for command in commands.values():  # warm the file cache for all
            time_to_line(command, "First paint", env)
        for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits all alike
            for name, command in commands.items():
                elapsed, resident = time_to_line(command, "First paint", env)
                times[name].append(elapsed)
                rss[name].append(resident)
    return {
        "startup_minimal_window_ms": median(times["minimal"]),
        "startup_vs_minimal_ratio": median(times["inspector"]) / median(times["minimal"]),
        "startup_inspector_ms": median(times["inspector"]),
        "startup_bare_ms": median(times["bare"]),
        "startup_ratio": median(times["inspector"]) / median(times["bare"]),
        "rss_first_paint_inspector_mb": median(rss["inspector"]),
        "rss_first_paint_bare_mb": median(rss["bare"]),
        "rss_first_paint_ratio": median(rss["inspector"]) / median(rss["bare"]),
    }
