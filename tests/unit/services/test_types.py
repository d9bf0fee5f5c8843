"""The light types (inspector.services, .types, .context_types, .quota): the window imports
them before its first paint, so they must not pull in httpx, keyring or the lookup itself."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from inspector.services import ReportsResult


def test_importing_the_services_package_imports_nothing_heavy() -> None:
    probe = (
        "import sys, inspector.services, inspector.services.types, "
        "inspector.services.context_types, inspector.services.quota; "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('httpx', 'httpcore', 'anyio', 'keyring') or m in "
        "('inspector.services.lookup', 'inspector.services.reports', "
        "'inspector.services.context', "
        "'inspector.services.sign_in', 'inspector.credentials')); print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[3],
        timeout=60,
    )  # this checkout's package
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_reports_results_own_fields_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        ReportsResult(None, None, None, "keyring", None, "source", 1, date(2024, 1, 1), 3)  # type: ignore[arg-type, misc]


def test_the_context_types_pull_in_no_domain_module_and_zones_load_when_first_named() -> None:
    # The window imports them before its first paint (issue #16): what explaining uses is
    # imported when an entry is explained, zoneinfo when a zone is first named.
    probe = (
        "import sys, inspector.services.context_types, inspector.domain.owner_day as day; "
        "names = ('inspector.domain.explanations', 'inspector.domain.neighbours', "
        "'inspector.domain.entry_view', 'zoneinfo'); "
        "print(sorted(m for m in names if m in sys.modules)); "
        "print(day.zone_named('Europe/Berlin'), 'zoneinfo' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[3],
        timeout=60,
    )  # this checkout's package
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "Europe/Berlin True"]
