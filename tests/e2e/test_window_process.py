"""The real app, `toggl-inspector --demo`, in its own process (offscreen)."""

from __future__ import annotations

from pathlib import Path

from e2e_process import read_until, run, start, terminate
from PySide6.QtGui import QImage

KNOWN_OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


def _problems(stderr: str) -> list[str]:
    """Lines that would mean a warning, a traceback or a task left pending."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and KNOWN_OFFSCREEN_NOTE not in line and " INFO " not in line
    ]


def test_the_demo_app_looks_an_entry_up_and_saves_a_picture(tmp_path):
    shot = tmp_path / "window.png"
    done = run(
        ["--demo", "5000000006", "--meta", "--include-sharing", "--screenshot", str(shot), "-v"],
        tmp_path,
    )
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert "Loaded entry 5000000006 in" in stderr
    assert _problems(stderr) == []
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 25) for y in range(0, image.height(), 25)
    }
    assert len(colours) > 5  # real pixels, not a blank window


def test_an_invalid_id_on_the_command_line_is_refused(tmp_path):
    done = run(["--demo", "12ab"], tmp_path)
    assert done.returncode == 2
    assert "'a' at position 3 is not allowed" in done.stderr.decode()


def test_sigterm_closes_the_app_cleanly(tmp_path):
    process = start(["--demo", "-v"], tmp_path)
    read_until(process, "Window shown")
    _, rest = terminate(process)
    assert process.returncode == 0
    assert _problems(rest) == []
    settings_files = list((tmp_path / "config").rglob("*.ini"))
    assert settings_files, "the window saved its settings on the way out"


def test_closing_during_a_lookup_exits_within_a_second(tmp_path):
    """SIGTERM while the slow demo entry (3 s) is being fetched: a prompt, clean exit."""
    process = start(["--demo", "5000000020", "-v"], tmp_path)
    read_until(process, "Looking up entry 5000000020")
    took, rest = terminate(process)
    assert process.returncode == 0
    assert took < 1.0, f"took {took:.2f} s to exit"
    assert _problems(rest) == []
    assert "Task was destroyed" not in rest


def test_the_self_test_passes_and_reports_each_check(tmp_path):
    done = run(["--self-test"], tmp_path)
    out = done.stdout.decode()
    assert done.returncode == 0, out + done.stderr.decode()
    for check in (
        "lookup",
        "tree",
        "raw JSON",
        "icon",
        "fonts",
        "keyring",
        "Reports search",
        "sign-in",
        "one window",
    ):
        assert f"self-test: ok   {check}: " in out
    assert "self-test: ok   sign-in: Signed in as Demo Tester" in out
    assert "self-test: passed" in out
    # The user's settings and accounts untouched.
    assert not list((tmp_path / "config").rglob("*.ini"))
    assert not list((tmp_path / "config").rglob("accounts.json"))


def save_an_active_account(home: Path) -> None:
    """As if the window had signed in before (config under the process's home)."""
    from inspector.accounts import Account, AccountFile, Accounts
    from inspector.demo.account import demo_users

    origin = "http://127.0.0.1:9"  # the API the tests below start the window with
    accounts = Accounts(origin=origin)
    accounts.put(Account(demo_users()[0].identity(), False, "2026-11-01T10:00:00+00:00", origin))
    AccountFile(home / "config" / "toggl-inspector" / "accounts.json").save(accounts)


def test_a_first_start_opens_the_sign_in_dialog(tmp_path):
    process = start(["--api-url", "http://127.0.0.1:9", "-v"], tmp_path)
    lines = read_until(process, "Sign-in dialog opened")
    assert any("Window shown" in line for line in lines)
    _took, rest = terminate(process)
    assert process.returncode == 0
    assert _problems(rest) == []


def test_closing_while_the_keyring_is_slow_still_exits_at_once(tmp_path):
    """The keyring read waits on a (simulated) unlock prompt; closing must not wait for it."""
    save_an_active_account(tmp_path)  # so that the start reads its secret
    tests = str(Path(__file__).parents[1])  # where the helpers package is
    process = start(
        ["--api-url", "http://127.0.0.1:9", "-v"],
        tmp_path,
        PYTHON_KEYRING_BACKEND="helpers.keyring_fakes.SlowKeyring",
        PYTHONPATH=tests,
    )
    read_until(
        process, "slow keyring asked for toggl-inspector (http://127.0.0.1:9)/demo.user@example.com"
    )
    took, rest = terminate(process)
    assert process.returncode == 0
    assert took < 2.0, f"took {took:.1f} s to exit"
    assert _problems(rest) == []
