"""Process start to first painted window, and RSS then: the inspector against a bare window."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, VENV_BIN, clean_env, median, time_to_line

RUNS = 7


def measure_startup() -> dict[str, float]:
    inspector = [str(VENV_BIN / "toggl-inspector"), "--api-url", "http://127.0.0.1:9", "-v"]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    times: dict[str, list[float]] = {"inspector": [], "bare": []}
    rss: dict[str, list[float]] = {"inspector": [], "bare": []}
    with tempfile.TemporaryDirectory() as home:
        env = clean_env(Path(home))
        time_to_line(inspector, "First paint", env)  # warm the file cache for both
        time_to_line(bare, "First paint", env)
        for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits both alike
            for name, command in (("inspector", inspector), ("bare", bare)):
                elapsed, resident = time_to_line(command, "First paint", env)
                times[name].append(elapsed)
                rss[name].append(resident)
    return {
        "startup_inspector_ms": median(times["inspector"]),
        "startup_bare_ms": median(times["bare"]),
        "startup_ratio": median(times["inspector"]) / median(times["bare"]),
        "rss_first_paint_inspector_mb": median(rss["inspector"]),
        "rss_first_paint_bare_mb": median(rss["bare"]),
        "rss_first_paint_ratio": median(rss["inspector"]) / median(rss["bare"]),
    }
