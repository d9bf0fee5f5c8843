"""Every demo ID with what it shows, without starting (or importing) the demo server."""

from __future__ import annotations

from inspector.demo.dataset import DemoEntry, build_dataset
from inspector.demo.faults import build_faults, fault_catalogue


def demo_catalogue() -> list[DemoEntry]:
    """The entries, then the faults."""
    return build_dataset()[1] + fault_catalogue(build_faults())
