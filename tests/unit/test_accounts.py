"""The saved account list (no secrets, atomic, damage-tolerant)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.accounts import Account, AccountFile, Accounts
from inspector.domain.identity import ActiveAccount, Identity

ANA = Identity(42, "Ana Lima", "ana@example.com", 7, "Support", "Europe/Lisbon")
BEA = Identity(43, "Bea", "bea@example.com", None)


def account(identity: Identity = ANA, uses_password: bool = False) -> Account:
    return Account(identity, uses_password, "2026-11-29T10:00:00+00:00")


def test_the_file_round_trips_accounts_and_the_active_one(tmp_path: Path) -> None:
    accounts = Accounts()
    accounts.put(account())
    accounts.put(account(BEA, uses_password=True))
    file = AccountFile(tmp_path / "deep" / "accounts.json")
    file.save(accounts)
    again = file.load()
    assert again.saved == accounts.saved
    assert again.active == account(BEA, True)
    assert again.active.active_account == ActiveAccount("bea@example.com", True)
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
