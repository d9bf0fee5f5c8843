"""The saved account list (no secrets, atomic, damage-tolerant)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.accounts import Account, AccountFile, Accounts
from inspector.domain.api_origin import DEFAULT_ORIGIN
from inspector.domain.identity import ActiveAccount, Identity

ANA = Identity(42, "Ana Lima", "ana@example.com", 7, "Support")
BEA = Identity(43, "Bea", "bea@example.com", None)


def account(identity: Identity = ANA, uses_password: bool = False) -> Account:
    return Account(identity, uses_password, "2026-11-29T10:00:00+00:00", DEFAULT_ORIGIN)


def test_the_file_round_trips_accounts_and_the_active_one(tmp_path: Path) -> None:
    accounts = Accounts()
    accounts.put(account())
    accounts.put(account(BEA, uses_password=True))
    file = AccountFile(tmp_path / "deep" / "accounts.json")
    file.save(accounts)
    again = file.load()
    assert again.saved == accounts.saved
    assert again.active == account(BEA, True)
    assert again.active.active_account == ActiveAccount("bea@example.com", True, DEFAULT_ORIGIN)
    assert [p.name for p in file.path.parent.iterdir()] == ["accounts.json"]  # no temp left


def test_the_same_email_is_the_same_account(tmp_path: Path) -> None:
    accounts = Accounts()
    accounts.put(account())
    accounts.put(account(Identity(42, "Ana L.", "ANA@example.com", 7), uses_password=True))
    assert len(accounts.saved) == 1 and accounts.active.uses_password


def test_removing_the_active_account_makes_another_active() -> None:
    accounts = Accounts()
    accounts.put(account())
    accounts.put(account(BEA))
    accounts.remove("bea@example.com")
    assert accounts.active == account()
    accounts.remove("ana@example.com")
    assert accounts.active is None and accounts.saved == []


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "[]",
        '{"accounts": [{"identity": 3}]}',
        '{"accounts": [{"identity": {"user_id": 1}}]}',
        "\udcff",
    ],
)
def test_a_damaged_file_reads_as_no_accounts(tmp_path: Path, content: str) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert AccountFile(path).load() == Accounts()


def test_an_active_email_without_its_account_is_no_active_account(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(json.dumps({"accounts": [], "active": "ghost@example.com"}), encoding="utf-8")
    assert AccountFile(path).load().active is None


def test_the_default_file_follows_the_config_override(tmp_path: Path) -> None:
    file = AccountFile.default({"TOGGL_INSPECTOR_CONFIG_DIR": str(tmp_path)})
    assert file.path == tmp_path / "accounts.json"


# --- accounts are tied to the API origin that verified them --------------------------------
OTHER = "http://127.0.0.1:8765"


def test_a_file_written_before_origins_were_recorded_means_toggls_own_api(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(
        json.dumps(
            {
                "accounts": [
                    {
                        "identity": {
                            "user_id": 42,
                            "name": "Ana Lima",
                            "email": "ana@example.com",
                            "default_workspace_id": 7,
                            "default_workspace_name": "Support",
                        },
                        "uses_password": False,
                        "verified_at": "2026-11-29T10:00:00+00:00",
                    }
                ],
                "active": "ana@example.com",
            }
        ),
        encoding="utf-8",
    )
    toggl = AccountFile(path).load("https://api.track.toggl.com")
    assert toggl.active == account()
    assert toggl.active.active_account.origin == "https://api.track.toggl.com"
    elsewhere = AccountFile(path).load(OTHER)
    assert elsewhere.saved == [] and elsewhere.active is None
    assert elsewhere.other_origins == ("https://api.track.toggl.com",)


def test_each_origin_keeps_its_own_accounts_and_active_one(tmp_path: Path) -> None:
    file = AccountFile(tmp_path / "accounts.json")
    toggl = Accounts()
    toggl.put(account())
    file.save(toggl)
    local = file.load(OTHER)
    local.put(Account(ANA, True, "2026-11-30T10:00:00+00:00", OTHER))  # the same email
    local.put(Account(BEA, False, "2026-11-30T10:00:00+00:00", OTHER))
    file.save(local)
    again = file.load()
    assert again.saved == [account()] and again.active == account()  # untouched
    assert file.load(OTHER).active_email == "bea@example.com"
    assert [a.email for a in file.load(OTHER).saved] == ["ana@example.com", "bea@example.com"]


def test_saving_one_origin_keeps_what_another_window_saved_for_another(tmp_path: Path) -> None:
    file = AccountFile(tmp_path / "accounts.json")
    local = file.load(OTHER)  # read before the other window signs in to Toggl
    toggl = file.load()
    toggl.put(account())
    file.save(toggl)
    local.put(Account(BEA, False, "2026-11-30T10:00:00+00:00", OTHER))
    file.save(local)
    assert file.load().active == account()


def test_an_account_of_another_origin_cannot_join_the_list(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot be saved among"):
        Accounts().put(Account(ANA, False, "2026-11-30T10:00:00+00:00", OTHER))


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://api.track.toggl.com", "https://api.track.toggl.com"),
        ("https://API.Track.Toggl.com:443/api", "https://api.track.toggl.com"),
        ("http://127.0.0.1:8765/prefix", "http://127.0.0.1:8765"),
        ("http://localhost:80", "http://localhost"),
        ("https://[::1]:9443", "https://[::1]:9443"),
    ],
)
def test_an_origin_is_scheme_host_and_port(url: str, origin: str) -> None:
    from inspector.api.base_url import parse_api_url

    assert parse_api_url(url).origin == origin


# --- a save killed half-way leaves nothing behind ----------------------------------------
# Saves in a loop; after writing each temporary file it says so and waits for a word from
# the test, which lets it finish a few saves and kills it (SIGKILL) in the middle of one.
SAVING_LOOP = """
import json, sys
from pathlib import Path
from inspector.accounts import Account, AccountFile, Accounts
from inspector.domain.identity import Identity

real_dump = json.dump

def dump_then_wait(*args, **kwargs):
    real_dump(*args, **kwargs)
    print("written", flush=True)
    sys.stdin.readline()

file = AccountFile(Path(sys.argv[1]))
accounts = Accounts()
for number in range(20):
    identity = Identity(number, "Person %d" % number, "p%d@example.com" % number, 7, "Support")
    accounts.put(Account(identity, False, "2026-11-29T10:00:00+00:00", accounts.origin))
file.save(accounts)
json.dump = dump_then_wait
while True:
    file.save(accounts)
"""


def test_saves_killed_half_way_leave_no_temporary_files(tmp_path: Path) -> None:
    import os
    import random
    import signal
    import subprocess
    import sys

    checkout = Path(__file__).resolve().parents[2]
    path = tmp_path / "config" / "accounts.json"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    for _ in range(20):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVING_LOOP, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert saver.stdin is not None and saver.stdout is not None
        for _ in range(random.randrange(3)):  # a few whole saves...
            assert saver.stdout.readline() == b"written\n"
            saver.stdin.write(b"go\n")
            saver.stdin.flush()
        assert saver.stdout.readline() == b"written\n"
        saver.send_signal(signal.SIGKILL)  # ...and one killed half-way
        saver.wait(10)
        saver.stdin.close()
        saver.stdout.close()
        assert len(json.loads(path.read_text(encoding="utf-8"))["accounts"]) == 20
    AccountFile(path).save(AccountFile(path).load())  # the next ordinary save
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".accounts-")] == []
    assert len(AccountFile(path).load().saved) == 20


def test_a_failed_save_removes_its_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import os

    file = AccountFile(tmp_path / "accounts.json")
    accounts = Accounts()
    accounts.put(account())

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        file.save(accounts)
    assert list(tmp_path.iterdir()) == []


def test_only_our_own_leftovers_in_that_directory_are_removed(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "nested").mkdir(parents=True)
    keep = [
        config / "accounts-notes.txt",
        config / ".accountsbackup",
        config / "nested" / ".accounts-abc12345",
        tmp_path / ".accounts-def67890",
    ]
    for path in [*keep, config / ".accounts-x1y2z3w4"]:
        path.write_text("{}", encoding="utf-8")
    AccountFile(config / "accounts.json").save(Accounts())
    assert all(path.exists() for path in keep)
    assert not (config / ".accounts-x1y2z3w4").exists()


def test_the_config_directory_and_list_are_private_whatever_the_umask(
    tmp_path: Path, permissive_umask: int
) -> None:
    from helpers.file_modes import file_mode

    config = tmp_path / "home" / ".config" / "toggl-inspector"
    file = AccountFile(config / "accounts.json")
    accounts = Accounts()
    accounts.put(account())
    file.save(accounts)
    assert file_mode(config) == file_mode(config.parent) == 0o700
    assert file_mode(file.path) == 0o600


def test_the_apps_own_config_directory_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, permissive_umask: int
) -> None:
    from helpers.file_modes import file_mode

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    own = tmp_path / "toggl-inspector"
    own.mkdir(mode=0o755)
    own.chmod(0o755)  # made by an older version
    (own / "accounts.json").write_text('{"accounts": []}', encoding="utf-8")
    (own / "accounts.json").chmod(0o644)
    file = AccountFile.default({})
    assert file.path == own / "accounts.json"
    file.save(file.load())
    assert file_mode(own) == 0o700 and file_mode(own / "accounts.json") == 0o600


def test_a_file_saved_before_time_zones_were_kept_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    old = {
        "user_id": 42,
        "name": "Ana Lima",
        "email": "ana@example.com",
        "default_workspace_id": 7,
        "default_workspace_name": "Support",
    }
    path.write_text(
        json.dumps(
            {
                "accounts": [
                    {"identity": old, "uses_password": False, "verified_at": "2026-11-01"}
                ],
                "active": "ana@example.com",
            }
        ),
        encoding="utf-8",
    )
    active = AccountFile(path).load().active
    assert active is not None and active.identity.timezone is None
    assert active.identity.default_workspace_name == "Support"
