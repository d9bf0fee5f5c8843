"""The saved accounts: who they are and which one is active. Never a secret (those are in
the OS keyring, see inspector.credentials); shared by the window and `get`.

A JSON file beside the window's settings, written atomically.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from inspector.domain.identity import ActiveAccount, Identity

log = logging.getLogger("inspector.accounts")

CONFIG_DIR_ENV = "TOGGL_INSPECTOR_CONFIG_DIR"
FILE_NAME = "accounts.json"


@dataclass(frozen=True)
class Account:
    identity: Identity
    uses_password: bool  # signs in with email + password, else with an API token
    verified_at: str  # ISO 8601, UTC: when /me last confirmed the credential

    @property
    def email(self) -> str:
        return self.identity.email

    @property
    def active_account(self) -> ActiveAccount:
        return ActiveAccount(self.email, self.uses_password)

    def menu_text(self) -> str:
        name = self.identity.name or self.email
        how = "email and password" if self.uses_password else "API token"
        return f"{name} <{self.email}> ({how})"


@dataclass
class Accounts:
    """The list and the active account's email, as kept on disk."""

    saved: list[Account] = field(default_factory=list)
    active_email: str | None = None

    @property
    def active(self) -> Account | None:
        return self.find(self.active_email) if self.active_email else None

    def find(self, email: str) -> Account | None:
        return next((a for a in self.saved if _same_email(a.email, email)), None)

    def put(self, account: Account) -> None:
        """Add or replace (same email: the same account) and make it the active one."""
        self.saved = [a for a in self.saved if not _same_email(a.email, account.email)]
        self.saved.append(account)
        self.active_email = account.email

    def remove(self, email: str) -> None:
        self.saved = [a for a in self.saved if not _same_email(a.email, email)]
        if self.active_email and _same_email(self.active_email, email):
            self.active_email = self.saved[0].email if self.saved else None


def _same_email(first: str, second: str) -> bool:
    """Toggl treats addresses case-insensitively: one account, however it was typed."""
    return first.lower() == second.lower()


def default_config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("toggl-inspector", appauthor=False)


class AccountFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def default(cls, environ: Mapping[str, str] = os.environ) -> AccountFile:
        return cls(default_config_dir(environ) / FILE_NAME)

    def load(self) -> Accounts:
        """What was saved; a missing or damaged file is an empty list (and said in the log)."""
        import json  # here, not at import: the window is created before it needs them

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            saved = [_account_from_json(item) for item in data.get("accounts", [])]
            active = data.get("active")
        except FileNotFoundError:
            return Accounts()
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.warning(
                "Saved accounts in %s could not be read (%s); starting without",
                self.path,
                type(error).__name__,
            )
            return Accounts()
        accounts = Accounts(saved, active if isinstance(active, str) else None)
        if accounts.active is None:
            accounts.active_email = None
        return accounts

    def save(self, accounts: Accounts) -> None:
        import json
        import tempfile

        data = {
            "accounts": [_account_to_json(a) for a in accounts.saved],
            "active": accounts.active_email,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".accounts-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, indent=2)
            os.replace(temporary, self.path)  # a crash mid-write leaves the old file whole
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _account_to_json(account: Account) -> dict[str, object]:
    return {
        "identity": asdict(account.identity),
        "uses_password": account.uses_password,
        "verified_at": account.verified_at,
    }


def _account_from_json(item: dict[str, object]) -> Account:
    identity = item["identity"]
    if not isinstance(identity, dict):
        raise TypeError("identity")
    return Account(Identity(**identity), bool(item["uses_password"]), str(item["verified_at"]))
