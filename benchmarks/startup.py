"""Process start to first painted window, and RSS then: the inspector against a bare window
showing the same kinds of widgets (the baseline) and a minimal window (for reference)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, VENV_BIN, clean_env, median, time_to_line

RUNS = 9


def measure_startup() -> dict[str, float]:
    commands = {
        "inspector": [str(VENV_BIN / "toggl-inspector"), "--api-url", "http://127.0.0.1:9", "-v"],
        # The baseline: what the first paint shows, written by hand, no application logic.
        "same_widgets": [sys.executable, str(ROOT / "benchmarks" / "same_widgets_window.py")],
        # For reference only: the least any Qt window costs (one label).
        "minimal": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")],
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
    inspector, baseline, minimal = (
        median(times[name]) for name in ("inspector", "same_widgets", "minimal")
    )
    return {
        "startup_inspector_ms": inspector,
        "startup_same_widgets_ms": baseline,
        "startup_ratio": inspector / baseline,
        "startup_minimal_window_ms": minimal,
        "startup_vs_minimal_ratio": inspector / minimal,
        "rss_first_paint_inspector_mb": median(rss["inspector"]),
        "rss_first_paint_same_widgets_mb": median(rss["same_widgets"]),
        "rss_first_paint_ratio": median(rss["inspector"]) / median(rss["same_widgets"]),
    }
