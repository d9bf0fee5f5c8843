"""`get` stays light (issues #14 and #16): sqlite3 and the history module only when a
lookup is recorded or the history read; the several-IDs run only for several IDs; --dry-run
imports not even the HTTP client; the keyring only when a saved account's secret is
needed; explaining, the Reports search, the trust store (plain http to loopback) and the
package metadata only when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from inspector.accounts import Account, AccountFile
from inspector.api.base_url import ApiUrl
from inspector.demo.server import DemoServer

HEAVY = ("sqlite3", "inspector.history", "inspector.services.batch", "httpx")
# What `get ID --json` with TOGGL_API_TOKEN does not need (issue #16).
NOT_FOR_A_TOKEN = (
    "keyring",
    "inspector.accounts",
    "truststore",
    "importlib.metadata",
    "inspector.services.context",
    "inspector.services.reports",
)


def imported_after(
    code: str, names: Sequence[str] = HEAVY, env: dict[str, str] | None = None
) -> set[str]:
    listing = f"','.join(m for m in {tuple(names)!r} if m in sys.modules)"
    probe = f"import sys\n{code}\nprint('IMPORTED:' + {listing})"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
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


def get_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Its own config, data and log directories; a keyring that would fail if asked."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TOGGL_")}
    env.update(
        TOGGL_INSPECTOR_CONFIG_DIR=str(tmp_path / "config"),
        TOGGL_INSPECTOR_DATA_DIR=str(tmp_path / "data"),
        TOGGL_INSPECTOR_LOG_DIR=str(tmp_path / "log"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        **extra,
    )
    return env


def get_json(url: str, expected_exit: int) -> str:
    return (
        "from inspector.app import main\n"
        f"assert main(['get', '5000000001', '--json', '--api-url', {url!r}]) == {expected_exit}"
    )


def test_get_with_the_environment_token_reads_no_keyring_and_nothing_it_does_not_need(
    tmp_path,
):
    with DemoServer() as server:
        env = get_env(tmp_path, TOGGL_API_TOKEN=server.token)
        imported = imported_after(get_json(server.url, 0), NOT_FOR_A_TOKEN, env)
        assert [s.status for s in server.served] == [200]  # it did look the entry up
    assert imported == set()


def test_get_with_a_saved_account_reads_its_secret_from_the_keyring(tmp_path):
    with DemoServer() as server:
        origin = ApiUrl(server.url).origin
        file = AccountFile(tmp_path / "config" / "accounts.json")
        accounts = file.load(origin)
        user = server.users[0].identity()
        accounts.put(Account(user, False, "2026-01-01T00:00:00+00:00", origin))
        file.save(accounts)
        # The fail backend: the keyring is asked and cannot answer, so nothing is sent.
        imported = imported_after(get_json(server.url, 4), ("keyring",), get_env(tmp_path))
        assert server.served == []
    assert imported == {"keyring"}


def collector_after(code: str, env: dict[str, str]) -> str:
    probe = f"import gc, sys\n{code}\nprint('GC:', gc.isenabled(), gc.get_freeze_count() > 0)"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rpartition("GC:")[2].strip()


def test_the_command_freezes_what_it_imported_and_collects_again_for_the_lookup(tmp_path):
    # Frozen: no collection walks the start-up objects again, nor the one at exit. The
    # collector is on again before the lookup: a long several-IDs run still frees memory.
    with DemoServer() as server:
        code = (
            f"sys.argv = ['toggl-inspector', 'get', '5000000001', '--api-url', {server.url!r}]\n"
            "from inspector.app import main\n"
            "assert main() == 0"
        )
        env = get_env(tmp_path, TOGGL_API_TOKEN=server.token)
        assert collector_after(code, env) == "True True"


def test_a_caller_of_main_keeps_its_collector_as_it_was(tmp_path):
    with DemoServer() as server:
        env = get_env(tmp_path, TOGGL_API_TOKEN=server.token)
        assert collector_after(get_json(server.url, 0), env) == "True False"
