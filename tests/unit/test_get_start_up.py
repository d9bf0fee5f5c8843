"""`get` stays light (issue #14): sqlite3 and the history module only when a lookup is
recorded or the history read; the several-IDs run only for several IDs; --dry-run imports
not even the HTTP client."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlite3", "inspector.history", "inspector.services.batch", "httpx")


def imported_after(code: str) -> set[str]:
    listing = f"','.join(m for m in {HEAVY!r} if m in sys.modules)"
    probe = f"import sys\n{code}\nprint('IMPORTED:' + {listing})"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.rpartition("IMPORTED:")[2].strip()
    return {name for name in listed.split(",") if name}


def test_importing_the_command_imports_no_history_and_no_batch():
    assert imported_after("import inspector.cli") == {"httpx"}


def test_a_dry_run_imports_not_even_httpx():
    code = (
        "from inspector.app import main\n"
        "assert main(['get', '5000000001', '5000000002', '--dry-run']) == 0"
    )
    assert imported_after(code) == set()


def test_get_without_history_opens_no_database(tmp_path):
    code = (
        "import os\n"
        f"os.environ['TOGGL_INSPECTOR_DATA_DIR'] = {str(tmp_path)!r}\n"
        "from inspector.app import main\n"
        "assert main(['get', '5000000001', '--demo', '--no-history']) == 0"
    )
    assert "sqlite3" not in imported_after(code)
    assert list(tmp_path.iterdir()) == []
