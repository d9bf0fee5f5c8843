"""The OS keyring for real: SecretVault and CredentialResolver against gnome-keyring's Secret
Service in a private D-Bus session (dbus-run-session), never the in-memory keyring of
conftest.py.

Everything that touches the real backend runs in child processes with a clean environment:
HOME and XDG_* inside the test's temporary folder, no PYTHON_KEYRING_BACKEND, and the only
D-Bus session the one dbus-run-session makes. Each step is this file run as a script
(`python test_real_secret_service.py STEP`), printing one JSON line and never a secret.

Needs the Debian packages dbus-daemon (dbus-run-session) and gnome-keyring; `./dev test`
installs them where it can. Without them the tests are skipped, saying which program is
missing.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVICE = "toggl-inspector"
EMAIL = "integration@example.com"
MARKER_ENV = "INSPECTOR_TEST_MARKER"
EMAIL_ENV = "INSPECTOR_TEST_EMAIL"
PASSWORD_ENV = "INSPECTOR_TEST_KEYRING_PASSWORD"
STEP_TIMEOUT = 20.0  # seconds a keyring call may take in a child before it counts as hung
SESSION_TIMEOUT = 90.0  # the whole D-Bus session, all steps
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
PROGRAMS = {"dbus-run-session": "dbus-daemon", "gnome-keyring-daemon": "gnome-keyring"}


# ---------------------------------------------------------------------------------------
# Child side: run as a script inside the D-Bus session. Prints JSON, never the secret.
# ---------------------------------------------------------------------------------------


def _emit(step: str, **facts: object) -> None:
    print(json.dumps({"step": step, **facts}), flush=True)


def _backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _files_holding(root: Path, needle: str) -> tuple[list[str], list[str]]:
    """Every regular file under root, and those whose bytes contain needle (UTF-8 or
    UTF-16, in case something wrote it wide)."""
    files, holding = [], []
    forms = [needle.encode(), needle.encode("utf-16-le")]
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            name = str(path.relative_to(root))
            files.append(name)
            data = path.read_bytes()
            if any(form in data for form in forms):
                holding.append(name)
    return files, holding


def _service_items(email: str) -> list[dict[str, object]]:
    """Items in any Secret Service collection stored for (SERVICE, email), as keyring's
    SecretService backend labels them."""
    import secretstorage

    marker = os.environ[MARKER_ENV]
    bus = secretstorage.dbus_init()
    try:
        found = []
        for collection in secretstorage.get_all_collections(bus):
            for item in collection.search_items({"service": SERVICE, "username": email}):
                found.append(
                    {
                        "collection": collection.collection_path,
                        "collection_label": collection.get_label(),
                        "attributes": item.get_attributes(),
                        "secret_matches": item.get_secret() == marker.encode(),
                    }
                )
        return found
    finally:
        bus.close()


async def _child_step(step: str) -> None:
    from inspector.credentials import (
        ActiveAccount,
        CredentialResolver,
        KeyringUnavailable,
        SecretVault,
    )
    from inspector.domain.api_origin import DEFAULT_ORIGIN

    email, marker = os.environ[EMAIL_ENV], os.environ[MARKER_ENV]
    home = Path(os.environ["HOME"])
    if step == "store":
        await asyncio.wait_for(
            SecretVault().store(email, marker, origin=DEFAULT_ORIGIN), STEP_TIMEOUT
        )
        _emit(step, backend=_backend_name())
    elif step == "resolve":  # a new process: only the Secret Service can have kept it
        credential = await asyncio.wait_for(
            CredentialResolver(
                environ={}, active=ActiveAccount(email, uses_password=False, origin=DEFAULT_ORIGIN)
            ).resolve(),
            STEP_TIMEOUT,
        )
        _emit(
            step,
            backend=_backend_name(),
            found=credential is not None,
            matches=credential is not None and credential.secret == marker,
            source=credential and credential.source,
            is_token=credential is not None and credential.is_token,
        )
    elif step == "inspect":
        import keyring

        files, holding = _files_holding(home, marker)
        _emit(
            step,
            items=_service_items(email),
            keyring_get_matches=keyring.get_password(SERVICE, email) == marker,
            files=files,
            files_holding_marker=holding,
        )
    elif step == "delete":
        vault = SecretVault()
        await asyncio.wait_for(vault.delete(email, origin=DEFAULT_ORIGIN), STEP_TIMEOUT)
        await asyncio.wait_for(
            vault.delete(email, origin=DEFAULT_ORIGIN), STEP_TIMEOUT
        )  # twice: no error
        _emit(
            step,
            read_after=await asyncio.wait_for(
                vault.read(email, origin=DEFAULT_ORIGIN), STEP_TIMEOUT
            ),
        )
    elif step == "gone":  # a new process again
        resolver = CredentialResolver(
            environ={}, active=ActiveAccount(email, uses_password=False, origin=DEFAULT_ORIGIN)
        )
        credential = await asyncio.wait_for(resolver.resolve(), STEP_TIMEOUT)
        _emit(
            step,
            read=await asyncio.wait_for(
                SecretVault().read(email, origin=DEFAULT_ORIGIN), STEP_TIMEOUT
            ),
            resolved=credential is not None,
            keyring_problem=resolver.keyring_problem,
            items=_service_items(email),
        )
    elif step == "store-unavailable":
        started = time.monotonic()
        outcome: dict[str, object] = {"backend": _backend_name()}
        try:
            await asyncio.wait_for(
                SecretVault().store(email, marker, origin=DEFAULT_ORIGIN), STEP_TIMEOUT
            )
        except KeyringUnavailable as error:
            outcome.update(error=str(error), marker_in_error=marker in str(error))
        except TimeoutError:
            outcome.update(timed_out=True)
        else:
            outcome.update(stored=True)
        files, holding = _files_holding(home, marker)
        _emit(
            step,
            seconds=round(time.monotonic() - started, 3),
            files=files,
            files_holding_marker=holding,
            **outcome,
        )
    else:
        raise SystemExit(f"unknown step {step!r}")


# ---------------------------------------------------------------------------------------
# Test side
# ---------------------------------------------------------------------------------------


def _require_programs() -> str:
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if missing:
        pytest.skip(
            "real Secret Service test skipped: " + " and ".join(missing) + " not found "
            "on PATH (Debian packages: "
            + " ".join(PROGRAMS[name] for name in missing)
            + "; `./dev test` installs them where it runs as root with apt-get)"
        )
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("real Secret Service test skipped: bash not found on PATH")
    return bash


@pytest.fixture
def session_dirs(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fresh HOME, and a short XDG_RUNTIME_DIR (sockets live there: their paths have a
    108-byte limit that pytest's tmp_path can exceed)."""
    home = tmp_path / "home"
    home.mkdir()
    runtime = Path(tempfile.mkdtemp(prefix="tik-run-"))  # mode 0700
    try:
        yield home, runtime
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def _child_env(home: Path, runtime: Path, marker: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        # This checkout's package, even when the venv's editable install is another one's.
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        EMAIL_ENV: EMAIL,
        MARKER_ENV: marker,
        PASSWORD_ENV: secrets.token_urlsafe(12),
    }


def _run_session(bash: str, script: str, env: dict[str, str]) -> tuple[int, str, str]:
    """`dbus-run-session -- bash -c script` in its own process group, killed whole if it
    outlives SESSION_TIMEOUT."""
    process = subprocess.Popen(
        ["dbus-run-session", "--", bash, "-c", script],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=SESSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"the D-Bus session hung for {SESSION_TIMEOUT} s:\n{out}\n{err}")
    return process.returncode, out, err


def _step(python_flags: str, step: str) -> str:
    return f'"$PY" {python_flags} "$STEPS" {step}'


def _facts(out: str) -> dict[str, dict]:
    return {
        line["step"]: line
        for line in (json.loads(text) for text in out.splitlines() if text.startswith("{"))
    }


def _daemons_left(home: Path, wait: float = 5.0) -> list[int]:
    """Pids of processes still running with this HOME (the daemons of the session)."""
    needle = b"HOME=" + str(home).encode() + b"\0"
    deadline = time.monotonic() + wait
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if needle in (entry / "environ").read_bytes():
                        left.append(int(entry.name))
                except OSError:
                    pass
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def test_store_resolve_delete_through_unlocked_gnome_keyring(session_dirs) -> None:
    bash = _require_programs()
    home, runtime = session_dirs
    marker = "tik-marker-" + secrets.token_hex(16)
    env = _child_env(home, runtime, marker)
    env.update(PY=sys.executable, STEPS=__file__)
    flags = "-W error"  # the suite's filterwarnings=error, in the children too
    script = "\n".join(
        [
            "set -eu",
            # Creates and unlocks the 'login' collection without a prompt.
            f'eval "$(printf %s "${PASSWORD_ENV}" | gnome-keyring-daemon --unlock '
            '--components=secrets --daemonize)"',
            *(_step(flags, step) for step in ("store", "resolve", "inspect", "delete", "gone")),
        ]
    )
    started = time.monotonic()
    code, out, err = _run_session(bash, script, env)
    seconds = time.monotonic() - started
    print(f"D-Bus session with gnome-keyring, five child steps: {seconds:.2f} s")
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    facts = _facts(out)

    assert facts["store"]["backend"] == SECRET_SERVICE_BACKEND
    resolved = facts["resolve"]
    assert resolved["backend"] == SECRET_SERVICE_BACKEND
    assert resolved["found"] and resolved["matches"], resolved
    assert resolved["source"] == "keyring" and resolved["is_token"]

    inspected = facts["inspect"]
    assert inspected["keyring_get_matches"]
    assert len(inspected["items"]) == 1, inspected["items"]
    item = inspected["items"][0]
    assert item["collection"] == "/org/freedesktop/secrets/collection/login"
    assert item["attributes"]["service"] == SERVICE
    assert item["attributes"]["username"] == EMAIL
    assert item["secret_matches"]
    # Kept on disk by the Secret Service, encrypted: the plaintext is in no file,
    # gnome-keyring's own store included.
    assert ".local/share/keyrings/login.keyring" in inspected["files"], inspected["files"]
    assert inspected["files_holding_marker"] == []

    assert facts["delete"]["read_after"] is None
    gone = facts["gone"]
    assert gone == {
        "step": "gone",
        "read": None,
        "resolved": False,
        "keyring_problem": None,
        "items": [],
    }

    assert marker not in out and marker not in err
    assert _files_holding(home, marker)[1] == []
    assert (home / ".local/share/keyrings/login.keyring").stat().st_size > 0
    assert _daemons_left(home) == [], "gnome-keyring-daemon outlived its D-Bus session"
    assert seconds < 30


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(
            "gnome-keyring-daemon --start --components=secrets --daemonize",
            id="started-not-unlocked",
        ),
        pytest.param("", id="activated-by-dbus"),
    ],
)
def test_store_fails_plainly_when_the_secret_service_is_locked(session_dirs, start: str) -> None:
    """No unlock password: gnome-keyring can only ask through a prompt, and with no
    display the prompt is dismissed at once. The vault says so in one plain line, fast,
    and nothing falls back to a file."""
    bash = _require_programs()
    home, runtime = session_dirs
    marker = "tik-marker-" + secrets.token_hex(16)
    env = _child_env(home, runtime, marker)
    env.update(PY=sys.executable, STEPS=__file__)
    # keyring's SecretService backend leaves its D-Bus socket open when it cannot get a
    # collection (a ResourceWarning at exit): shown, not made an error, in this child.
    flags = "-W error -W default::ResourceWarning"
    script = "\n".join(
        [
            "set -eu",
            f'eval "$({start} </dev/null)"' if start else ":",
            _step(flags, "store-unavailable"),
        ]
    )
    started = time.monotonic()
    code, out, err = _run_session(bash, script, env)
    seconds = time.monotonic() - started
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    facts = _facts(out)["store-unavailable"]
    print(f"{seconds:.2f} s; the vault said: {facts.get('error')}")

    assert facts["backend"] == SECRET_SERVICE_BACKEND  # the real service, locked
    assert "error" in facts, facts  # neither stored nor hung
    message = facts["error"]
    assert message.startswith("The OS keyring ")
    assert "\n" not in message and "Traceback" not in message
    assert not facts["marker_in_error"]
    assert facts["seconds"] < 10
    assert facts["files_holding_marker"] == []
    assert not any("keyring" in name and "login" in name for name in facts["files"])
    assert marker not in out and marker not in err
    assert _files_holding(home, marker)[1] == []
    assert _daemons_left(home) == []
    assert seconds < 30


if __name__ == "__main__":
    asyncio.run(_child_step(sys.argv[1]))
