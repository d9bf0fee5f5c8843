"""Every demo ID with what it shows, without starting (or importing) the demo server."""

from __future__ import annotations

from inspector.demo.dataset import DemoEntry, build_dataset
from inspector.demo.explain_data import build_explain_entries
from inspector.demo.faults import build_faults, fault_catalogue
from inspector.demo.reports import build_reports


def demo_catalogue() -> list[DemoEntry]:
    """The entries, those that show why an entry looks wrong, the entries only the Reports
    API reaches, then the faults."""
    return (
        build_dataset()[1]
        + build_explain_entries()[2]
        + build_reports().catalogue
        + fault_catalogue(build_faults())
    )
