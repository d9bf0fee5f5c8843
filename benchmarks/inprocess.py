"""Lookup overhead, UI responsiveness and memory, measured inside one app process.

The real MainWindow and EntryLookup run on a qasync loop against the demo API on loopback.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import PySide6  # noqa: F401  (before qasync)
import qasync
from PySide6.QtCore import (
    QEvent,
    QObject,
    QSettings,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from benchmarks.entries import HUGE_ID, LONG_STRINGS_ID, SLOW_ID
from benchmarks.measure import demo_api, median, rss_mb
from inspector.api.auth import ApiAuth
from inspector.api.base_url import ApiUrl
from inspector.api.time_entries import entry_path, entry_query
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.server import demo_catalogue
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.ui.main_window import MainWindow

TYPICAL_ID = 5_000_000_001
CONTEXT_ID = 5_000_000_030  # overlaps another entry: explaining it finds neighbours
OVERHEAD_ROUNDS = 40
MEMORY_LOOKUPS = 100
RAPID_LOOKUPS = 20
GAP_RUNS = 3


class _PaintWatcher(QObject):
    """Resolves a future at the first paint of a widget after being armed."""

    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.future: asyncio.Future[float] | None = None
        widget.installEventFilter(self)

    def arm(self) -> asyncio.Future[float]:
        self.future = asyncio.get_running_loop().create_future()
        return self.future

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.future and not self.future.done():
            self.future.set_result(time.perf_counter())
        return False


class _GapMeter:
    """The largest gap between ticks of a 5 ms Qt timer: how long the UI thread was busy."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> _GapMeter:
        self.ticks = [time.perf_counter()]
        self.timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.timer.stop()
        self.ticks.append(time.perf_counter())

    @property
    def largest_gap_ms(self) -> float:
        return max(b - a for a, b in itertools.pairwise(self.ticks)) * 1000


async def _measure(server_url: str, token: str, scratch: str) -> dict[str, float]:
    results: dict[str, float] = {}
    http = create_http_client()
    bare = httpx.AsyncClient()
    lookup = EntryLookup(
        http, ApiUrl(server_url), CredentialResolver(fixed=Credential(token, "bench"))
    )
    window = MainWindow(
        lookup,
        QSettings(f"{scratch}/settings.ini", QSettings.Format.IniFormat),
        demo_entries=demo_catalogue(),
    )
    window.lookup_bar.meta_box.setChecked(True)
    window.lookup_bar.sharing_box.setChecked(True)
    watcher = _PaintWatcher(window.entry_panel.tree.viewport())
    window.show()
    await asyncio.sleep(0.2)

    async def inspector_lookup(entry_id: int) -> float:
        """Fetch (as the button does) to the tree painted. Typing the ID comes first, with
        its own repaint, as it does for a person; it is not part of the lookup."""
        if window.lookup_bar.id_input.text() != str(entry_id):
            window.lookup_bar.id_input.setText(str(entry_id))
            await asyncio.sleep(0.02)
        painted: list[asyncio.Future[float]] = []
        connection = window.lookup_finished.connect(lambda _: painted.append(watcher.arm()))
        started = time.perf_counter()
        window.start_lookup()
        await window.wait_for_lookup()
        window.lookup_finished.disconnect(connection)
        finished = await painted[0]
        return (finished - started) * 1000

    url = server_url + entry_path(TYPICAL_ID)

    async def bare_lookup() -> float:
        started = time.perf_counter()
        response = await bare.get(
            url, params=entry_query(True, True), auth=ApiAuth.for_token(token).httpx_auth()
        )
        response.json()
        return (time.perf_counter() - started) * 1000

    try:
        await inspector_lookup(TYPICAL_ID)  # warm connections and code paths
        await bare_lookup()
        ours, theirs = [], []
        for _ in range(OVERHEAD_ROUNDS):
            theirs.append(await bare_lookup())
            ours.append(await inspector_lookup(TYPICAL_ID))
        results["lookup_inspector_ms"] = median(ours)
        results["lookup_bare_httpx_ms"] = median(theirs)
        results["lookup_overhead_ms"] = median(ours) - median(theirs)

        # Each scenario runs GAP_RUNS times; its figure is the median of the runs' largest
        # gaps (one stray scheduling hiccup on a busy 2-core machine is not the app).
        async def rapid_lookups() -> None:
            for index in range(RAPID_LOOKUPS):  # as fast as a person clicks through a list
                window.lookup_bar.id_input.setText(str(5_000_000_001 + index % 15))
                window.start_lookup()
                await asyncio.sleep(0.01)
            await inspector_lookup(TYPICAL_ID)

        scenarios = {
            "gap_slow_lookup_ms": lambda: inspector_lookup(SLOW_ID),
            "gap_huge_entry_ms": lambda: inspector_lookup(HUGE_ID),
            "gap_rapid_lookups_ms": rapid_lookups,
        }
        for key, scenario in scenarios.items():
            gaps, durations = [], []
            for _ in range(GAP_RUNS):
                with _GapMeter() as meter:
                    durations.append(await scenario())
                gaps.append(meter.largest_gap_ms)
            results[key] = median(gaps)
            if key == "gap_huge_entry_ms":
                results["huge_entry_render_ms"] = median(durations)

        # Explain, from the click to the strip painted with the entries around it; the
        # lookup before it is not measured.
        strip_painted = _PaintWatcher(window.entry_panel.day_strip)

        async def explain_shown() -> None:
            loaded: asyncio.Future[asyncio.Future[float]] = (
                asyncio.get_running_loop().create_future()
            )

            def arm_when_loaded(*_context: object) -> None:
                if not loaded.done():
                    loaded.set_result(strip_painted.arm())

            connection = window.context.loaded.connect(arm_when_loaded)
            window.entry_panel.explain_offer.explain_button.click()
            await (await loaded)
            window.context.loaded.disconnect(connection)

        gaps = []
        for _ in range(GAP_RUNS):
            await inspector_lookup(CONTEXT_ID)
            await asyncio.sleep(0.1)
            service = window.context.service
            assert service is not None
            service.forget()  # every run sends its requests to the demo process
            with _GapMeter() as meter:
                await explain_shown()
            gaps.append(meter.largest_gap_ms)
        results["gap_context_ms"] = median(gaps)

        ids = [5_000_000_001 + index % 15 for index in range(MEMORY_LOOKUPS)]
        for entry_id in ids[:15]:  # every entry once before the baseline
            await inspector_lookup(entry_id)
        gc.collect()
        before = rss_mb()
        for entry_id in ids:
            await inspector_lookup(entry_id)
        gc.collect()
        results["rss_after_first_mb"] = before
        results["rss_growth_100_lookups_mb"] = rss_mb() - before

        # Last, so that its 10 MB bodies weigh on none of the figures above: the Raw JSON
        # tab of an entry of 1 MB strings, from the click on the tab to the view painted
        # with the entry, and the largest gap of the UI meanwhile.
        panel = window.entry_panel
        raw_painted = _PaintWatcher(panel.raw_view.viewport())

        async def raw_json_tab() -> tuple[float, float]:
            panel.tabs.setCurrentWidget(panel.fields_page)
            await inspector_lookup(LONG_STRINGS_ID)
            await asyncio.sleep(0.2)  # what the lookup itself left to do is not measured
            filled: asyncio.Future[asyncio.Future[float]] = (
                asyncio.get_running_loop().create_future()
            )

            def arm_when_filled() -> None:  # the first paint with the entry in the view
                if not filled.done():
                    filled.set_result(raw_painted.arm())

            connection = panel.raw_json_shown.connect(arm_when_filled)
            with _GapMeter() as meter:
                started = time.perf_counter()
                panel.tabs.setCurrentWidget(panel.raw_view)
                painted = await (await filled)
            panel.raw_json_shown.disconnect(connection)
            return (painted - started) * 1000, meter.largest_gap_ms

        shown, gaps = [], []
        for _ in range(GAP_RUNS):
            shown_ms, gap_ms = await raw_json_tab()
            shown.append(shown_ms)
            gaps.append(gap_ms)
        results["raw_json_shown_ms"] = median(shown)
        results["gap_raw_json_ms"] = median(gaps)
    finally:
        await http.aclose()
        await bare.aclose()
        window.close()
    return results


def _quiet_offscreen_notes(kind, context, message: str) -> None:  # type: ignore[no-untyped-def]
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def measure_in_process() -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # the loop, not the window, ends the measurement
    qInstallMessageHandler(_quiet_offscreen_notes)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with demo_api() as (url, token, _pid), tempfile.TemporaryDirectory() as scratch:
            return loop.run_until_complete(_measure(url, token, scratch))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
