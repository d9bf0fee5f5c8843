"""Several IDs at once in the window: 1,000 IDs looked up through the Several IDs dock
against the demo API (in its own process, with an hourly quota that holds them all), and
the largest gap of the UI and the growth of RSS meanwhile. The run is made GAP_RUNS times
(the table cleared by each new one, as in the window); the gap is the median of the runs'
largest gaps, as for the other gap rows, and the RSS growth the largest after any run.

`python -m benchmarks.several_ids --serve` is that demo API: it prints its URL, token and
IDs, and serves until killed.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IDS = 1_000
FIRST_ID = 7_000_000_001
WARM_UP_IDS = 20  # looked up first: the dock and the service are loaded before measuring
GAP_RUNS = 3
# Every lookup of every run fits above the reserve: the runs never pause.
HOURLY_QUOTA = GAP_RUNS * IDS + WARM_UP_IDS + 100


def _entries() -> dict[int, dict[str, object]]:
    from inspector.demo.dataset import demo_entry

    start = datetime.now(UTC) - timedelta(days=2)
    return {
        entry_id: demo_entry(
            entry_id,
            start + timedelta(minutes=index),
            60 * (index % 600),
            start + timedelta(minutes=index, seconds=60 * (index % 600)),
            description=f"Ticket work {index}",
        )
        for index, entry_id in enumerate(range(FIRST_ID, FIRST_ID + IDS + WARM_UP_IDS))
    }


class _BusyMeter:
    """The largest gap between ticks of a 5 ms Qt timer (as benchmarks.inprocess measures
    it), and the most CPU time the UI thread itself spent between two ticks: on a busy
    machine a gap can be far longer than the app's own work in it (the process was not
    running), and this tells the two apart."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[tuple[float, float]] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append((time.perf_counter(), time.thread_time()))

    def __enter__(self) -> _BusyMeter:
        self.ticks = []
        self._tick()
        self.timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.timer.stop()
        self._tick()

    @property
    def largest_gap_ms(self) -> float:
        return max(b[0] - a[0] for a, b in itertools.pairwise(self.ticks)) * 1000

    @property
    def most_busy_ms(self) -> float:
        return max(b[1] - a[1] for a, b in itertools.pairwise(self.ticks)) * 1000


def serve() -> None:
    from inspector.demo.server import DemoServer

    with DemoServer(extra_entries=_entries(), hourly_quota=HOURLY_QUOTA) as server:
        print(json.dumps({"url": server.url, "token": server.token}), flush=True)
        threading.Event().wait()


async def _measure(url: str, token: str, scratch: str) -> dict[str, float]:
    from PySide6.QtCore import QSettings

    from benchmarks.measure import median, rss_mb
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import Credential, CredentialResolver
    from inspector.services.lookup import EntryLookup, create_http_client
    from inspector.ui.main_window import MainWindow

    http = create_http_client()
    lookup = EntryLookup(http, ApiUrl(url), CredentialResolver(fixed=Credential(token, "bench")))
    window = MainWindow(lookup, QSettings(f"{scratch}/settings.ini", QSettings.Format.IniFormat))
    window.lookup_bar.meta_box.setChecked(True)
    window.show()
    await asyncio.sleep(0.2)
    gc.freeze()  # as the app does once lookups can run (ui.launch, freeze_start_up)
    batch = window.several_ids

    async def run(first: int, count: int) -> float:
        """Text with ``count`` IDs dropped on the window, Look up pressed, to the run's end."""
        done: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        connection = batch.finished.connect(lambda outcome: done.done() or done.set_result(outcome))
        batch.take_text("\n".join(f"#{first + index}" for index in range(count)))
        await asyncio.sleep(0.1)  # the plan shown and painted, as a person reads it
        started = time.perf_counter()
        batch.panel.look_up_button.click()
        await done
        batch.finished.disconnect(connection)
        return time.perf_counter() - started

    try:
        await run(FIRST_ID + IDS, WARM_UP_IDS)
        await asyncio.sleep(0.3)
        gc.collect()
        before = rss_mb()
        gaps, busy, durations, growth = [], [], [], []
        for _ in range(GAP_RUNS):
            with _BusyMeter() as meter:
                durations.append(await run(FIRST_ID, IDS))
            gaps.append(meter.largest_gap_ms)
            busy.append(meter.most_busy_ms)
            while not window.history.idle:  # every lookup recorded
                await asyncio.sleep(0.05)
            rows = batch.panel.model.rowCount()
            if rows != IDS:
                raise RuntimeError(f"{rows} rows for {IDS} IDs")
            gc.collect()
            growth.append(rss_mb() - before)
        return {
            "several_ids_gap_ms": median(gaps),
            "several_ids_busy_ms": median(busy),
            "several_ids_rss_growth_mb": max(growth),
            "several_ids_run_s": median(durations),
        }
    finally:
        window.close()
        await http.aclose()


def measure_several_ids() -> dict[str, float]:
    import PySide6  # noqa: F401  (before qasync)
    import qasync
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from benchmarks.inprocess import _quiet_offscreen_notes
    from benchmarks.measure import demo_api, server_apart

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_quiet_offscreen_notes)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    data_dir = os.environ.get("TOGGL_INSPECTOR_DATA_DIR")
    try:
        with (
            demo_api("benchmarks.several_ids", "--serve") as (url, token, pid),
            tempfile.TemporaryDirectory() as scratch,
            server_apart(pid),
        ):
            os.environ["TOGGL_INSPECTOR_DATA_DIR"] = scratch  # the history, not the user's
            return loop.run_until_complete(_measure(url, token, scratch))
    finally:
        if data_dir is None:
            os.environ.pop("TOGGL_INSPECTOR_DATA_DIR", None)
        else:
            os.environ["TOGGL_INSPECTOR_DATA_DIR"] = data_dir
        loop.close()
        asyncio.set_event_loop(None)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        print(json.dumps(measure_several_ids(), indent=2))
