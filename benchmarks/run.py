"""`./dev bench`: measure, print a table, write JSON, fail on a broken budget.

Every figure stands next to a baseline measured in the same run (a bare Qt window showing
the same kinds of widgets, a bare httpx GET, curl), so the ratios hold on a noisy machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.measure import ROOT


@dataclass(frozen=True)
class Budget:
    key: str
    limit: float
    label: str


BUDGETS = [
    Budget("startup_ratio", 1.25, "start-up vs bare window, same widgets (ratio)"),
    Budget("lookup_overhead_ms", 5.0, "lookup overhead vs bare httpx (ms)"),
    Budget("gap_slow_lookup_ms", 16.0, "largest UI gap, 1 s lookup (ms)"),
    Budget("gap_huge_entry_ms", 50.0, "largest UI gap, 10k users + 5k tags (ms)"),
    Budget("gap_rapid_lookups_ms", 16.0, "largest UI gap, 20 rapid lookups (ms)"),
    Budget(
        "gap_context_ms",
        16.0,
        "largest UI gap while context loads, Explain to day strip painted (ms)",
    ),
    Budget("raw_json_shown_ms", 1000.0, "Raw JSON tab, 10 MB body with 1 MB strings: shown (ms)"),
    Budget(
        "gap_raw_json_ms",
        50.0,
        "Raw JSON tab, 10 MB body with 1 MB strings: largest UI gap while it is laid out (ms)",
    ),
    Budget("rss_growth_100_lookups_mb", 5.0, "RSS growth over 100 lookups (MB)"),
    Budget(
        "rss_first_paint_ratio", 1.15, "RSS at first paint vs bare window, same widgets (ratio)"
    ),
    Budget("cli_vs_httpx_ratio", 1.5, "get --json vs python -c 'httpx.get(…)', same URL (ratio)"),
    Budget("several_ids_gap_ms", 16.0, "1,000 IDs against the demo API: largest UI gap (ms)"),
    Budget(
        "several_ids_rss_growth_mb",
        50.0,
        "1,000 IDs against the demo API: RSS growth (MB)",
    ),
    Budget("cli_imports_qt", 0.0, "get imports Qt (1 = yes)"),
    Budget("bomb_stacked_window_ms", 2000.0, "gzip-in-gzip bomb refused, window (ms)"),
    Budget("bomb_single_window_ms", 2000.0, "gzip bomb (4 GiB of zeros) refused, window (ms)"),
    Budget("bomb_window_gap_ms", 50.0, "largest UI gap while refusing them (ms)"),
    Budget("bomb_window_rss_growth_mb", 200.0, "peak RSS growth while refusing them, window (MB)"),
    Budget("bomb_get_ms", 2000.0, "either bomb refused by get, slowest (ms)"),
    Budget(
        "bomb_get_rss_over_typical_mb",
        200.0,
        "get's peak RSS refusing one, over a typical get (MB)",
    ),
]
ROWS = [  # (key, label) of every figure, in the order of the table
    ("startup_inspector_ms", "start-up, inspector (ms)"),
    ("startup_same_widgets_ms", "start-up, bare window with the same widgets (ms)"),
    ("startup_ratio", None),
    ("startup_minimal_window_ms", "start-up, minimal window (one label; reference) (ms)"),
    ("startup_vs_minimal_ratio", "start-up vs minimal window (ratio, reference)"),
    ("rss_first_paint_inspector_mb", "RSS at first paint, inspector (MB)"),
    ("rss_first_paint_same_widgets_mb", "RSS at first paint, bare window, same widgets (MB)"),
    ("rss_first_paint_ratio", None),
    ("lookup_inspector_ms", "lookup, Fetch to tree painted (ms)"),
    ("lookup_bare_httpx_ms", "lookup, bare httpx GET + json (ms)"),
    ("lookup_overhead_ms", None),
    ("gap_slow_lookup_ms", None),
    ("huge_entry_render_ms", "10k users + 5k tags, Fetch to painted (ms)"),
    ("gap_huge_entry_ms", None),
    ("gap_rapid_lookups_ms", None),
    ("gap_context_ms", None),
    ("raw_json_shown_ms", None),
    ("gap_raw_json_ms", None),
    ("rss_after_first_mb", "RSS after the first lookups (MB)"),
    ("rss_growth_100_lookups_mb", None),
    ("several_ids_run_s", "1,000 IDs against the demo API, Look up to the last row (s)"),
    ("several_ids_gap_ms", None),
    (
        "several_ids_busy_ms",
        "1,000 IDs: most CPU time of the UI thread between two ticks (ms, reference)",
    ),
    ("several_ids_rss_growth_mb", None),
    ("cli_get_json_ms", "get --json (ms)"),
    ("cli_bare_httpx_ms", "python -c 'import httpx; httpx.get(…)', same URL (ms)"),
    ("cli_vs_httpx_ratio", None),
    ("cli_curl_ms", "curl -s, same URL (ms)"),
    ("cli_vs_curl_ratio", "get --json vs curl (ratio, start-up dominated)"),
    ("cli_import_ms", "import inspector.cli (ms)"),
    ("cli_imports_qt", None),
    ("bundle_one_dir_mb", "bundle, one-dir (MB)"),
    ("frozen_first_window_ms", "frozen app, start to first window (ms)"),
    ("bomb_stacked_window_ms", None),
    ("bomb_single_window_ms", None),
    ("bomb_window_gap_ms", None),
    ("bomb_window_rss_growth_mb", None),
    ("bomb_get_ms", None),
    ("bomb_get_rss_typical_mb", "get, peak RSS of a typical lookup (MB)"),
    ("bomb_get_rss_over_typical_mb", None),
]


def measure_bundle() -> dict[str, float]:
    """When `./dev package` has built dist/, its size and start-up."""
    bundle = ROOT / "dist" / "toggl-inspector"
    if not (bundle / "toggl-inspector").exists():
        return {}
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import first_window_ms, size_mb

    return {
        "bundle_one_dir_mb": size_mb(bundle),
        "frozen_first_window_ms": first_window_ms([str(bundle / "toggl-inspector")]),
    }


def table(results: dict[str, float]) -> str:
    labels = {budget.key: budget for budget in BUDGETS}
    lines = [
        f"Benchmarks, {date.today()}, {os.cpu_count()} cores",
        "",
        "| figure | value | budget |",
        "|---|---|---|",
    ]
    for key, label in ROWS:
        if key not in results:
            continue
        budget = labels.get(key)
        shown = label or (budget.label if budget else key)
        value = results[key]
        limit = (
            ""
            if budget is None
            else (f"≤ {budget.limit:g} {'ok' if value <= budget.limit else 'MISSED'}")
        )
        lines.append(f"| {shown} | {value:.2f} | {limit} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "benchmarks.json")
    parser.add_argument(
        "--only", choices=["startup", "inprocess", "several_ids", "cli", "bombs", "bundle"]
    )
    args = parser.parse_args()
    from benchmarks.bombs import measure_bombs
    from benchmarks.cli_bench import measure_cli
    from benchmarks.inprocess import measure_in_process
    from benchmarks.several_ids import measure_several_ids
    from benchmarks.startup import measure_startup

    steps = {
        "startup": measure_startup,
        "inprocess": measure_in_process,
        "several_ids": measure_several_ids,
        "cli": measure_cli,
        "bombs": measure_bombs,
        "bundle": measure_bundle,
    }
    results: dict[str, float] = {}
    for name, step in steps.items():
        if args.only in (None, name):
            print(f"measuring {name}…", file=sys.stderr, flush=True)
            results.update(step())
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {"date": str(date.today()), "cores": os.cpu_count(), "results": results}, indent=2
        )
    )
    print(f"\nJSON: {args.json}")
    missed = [
        budget
        for budget in BUDGETS
        if budget.key in results
        and (math.isnan(results[budget.key]) or results[budget.key] > budget.limit)
    ]
    for budget in missed:
        print(
            f"BUDGET MISSED: {budget.label}: {results[budget.key]:.2f} > {budget.limit:g}",
            file=sys.stderr,
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
