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
