"""Decompression bombs (issue #12): how fast they are refused, what memory that costs, and
how long the window stops painting meanwhile; in the window and in `get`.

The demo API (in its own process) serves 5000000913, gzip of gzip of 4 GiB of zeros
(9.7 KB, "Content-Encoding: gzip, gzip"), and 5000000914, gzip of 4 GiB of zeros (4.2 MB).
Before the fix the first grew the process to 8.4 GB for about 27 s.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6  # noqa: F401  (before qasync)
import qasync
from PySide6.QtCore import QSettings, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from benchmarks.inprocess import _GapMeter, _quiet_offscreen_notes
from benchmarks.measure import ROOT, VENV_BIN, clean_env, demo_api, median, rss_mb
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.ui.main_window import MainWindow

BOMBS = {"stacked": 5_000_000_913, "single": 5_000_000_914}
TYPICAL_ID = 5_000_000_001
RUNS = 3


def _peak_rss_reset() -> bool:
    """Start a new peak (VmHWM) from the current RSS; False where Linux does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    kilobytes = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")
    )
    return kilobytes / 1024


async def _window_figures(server_url: str, token: str, scratch: str) -> dict[str, float]:
    http = create_http_client()
    lookup = EntryLookup(
        http, ApiUrl(server_url), CredentialResolver(fixed=Credential(token, "bench"))
    )
    window = MainWindow(lookup, QSettings(f"{scratch}/settings.ini", QSettings.Format.IniFormat))
    window.show()
    await asyncio.sleep(0.2)

    async def refuse(entry_id: int) -> float:
        window.lookup_bar.id_input.setText(str(entry_id))
        await asyncio.sleep(0.02)
        started = time.perf_counter()
        window.start_lookup()
        await window.wait_for_lookup()
        took = (time.perf_counter() - started) * 1000
        text = window.message_banner.label.text()
        if "unpack" not in text:
            raise RuntimeError(f"bomb {entry_id} was not refused: {text!r}")
        return took

    results: dict[str, float] = {}
    try:
        window.lookup_bar.id_input.setText(str(TYPICAL_ID))
        window.start_lookup()
        await window.wait_for_lookup()  # connections and code paths warm
        timings: dict[str, list[float]] = {name: [] for name in BOMBS}
        gaps, growth = [], []
        for _ in range(RUNS):
            before = rss_mb()
            resettable = _peak_rss_reset()
            with _GapMeter() as meter:
                for name, entry_id in BOMBS.items():
                    timings[name].append(await refuse(entry_id))
            gaps.append(meter.largest_gap_ms)
            growth.append((_peak_rss_mb() if resettable else rss_mb()) - before)
        results["bomb_stacked_window_ms"] = median(timings["stacked"])
        results["bomb_single_window_ms"] = median(timings["single"])
        results["bomb_window_gap_ms"] = median(gaps)
        results["bomb_window_rss_growth_mb"] = max(growth)
    finally:
        await http.aclose()
        window.close()
    return results


def _get_run(entry_id: int, server_url: str, env: dict[str, str]) -> tuple[float, float, str]:
    """(ms, peak RSS MB, stderr) of one `get` in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(VENV_BIN / "toggl-inspector"), "get", str(entry_id), "--api-url", server_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert process.stderr is not None
    stderr = process.stderr.read().decode(errors="replace")
    _, _, usage = os.wait4(process.pid, 0)
    took = (time.perf_counter() - started) * 1000
    process.returncode = 0  # reaped above; keeps Popen from waiting again
    return took, usage.ru_maxrss / 1024, stderr


def _get_figures(server_url: str, token: str) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as home:
        env = clean_env(Path(home), TOGGL_API_TOKEN=token, PYTHONPATH=str(ROOT))
        typical = [_get_run(TYPICAL_ID, server_url, env)[1] for _ in range(RUNS)]
        took, peaks = [], []
        for _ in range(RUNS):
            for entry_id in BOMBS.values():
                ms, peak, stderr = _get_run(entry_id, server_url, env)
                if "unpack" not in stderr:
                    raise RuntimeError(f"get did not refuse bomb {entry_id}: {stderr!r}")
                took.append(ms)
                peaks.append(peak)
    results["bomb_get_ms"] = max(took)
    results["bomb_get_rss_typical_mb"] = median(typical)
    results["bomb_get_rss_over_typical_mb"] = max(peaks) - median(typical)
    return results


def measure_bombs() -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]
    qInstallMessageHandler(_quiet_offscreen_notes)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with demo_api() as (url, token, _pid):
            with tempfile.TemporaryDirectory() as scratch:
                results = loop.run_until_complete(_window_figures(url, token, scratch))
            results.update(_get_figures(url, token))
            return results
    finally:
        loop.close()
        asyncio.set_event_loop(None)
