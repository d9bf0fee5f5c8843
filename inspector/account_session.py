"""The accounts lookups can use this session, and the rules about them that need no window:
which are saved and which only kept in memory, which one is active, whose choices apply,
what the signed-in line says. The window's Account menu and `get` build on it.

Imports nothing heavy: the window creates it before its first paint, and the account list
(inspector.accounts) is imported when it is first needed, at ``attach`` (after that paint).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from inspector.domain.api_origin import DEFAULT_ORIGIN

if TYPE_CHECKING:
    from inspector.accounts import Account, AccountFile, Accounts
    from inspector.credentials import CredentialResolver
    from inspector.domain.identity import Identity

NOT_SIGNED_IN = "Not signed in"


class AccountSession:
    def __init__(self, file: AccountFile | None = None) -> None:
        """``file`` None: the default account list in the config directory, read at
        ``attach`` (after the first paint)."""
        self._file = file
        self._loaded = False
        self._accounts: Accounts | None = None  # none until attach() reads the saved ones
        self._unsaved: set[str] = set()  # emails known only in this session (nothing stored)
        self.resolver: CredentialResolver | None = None
        self.memory_only = False  # the demo: sign-ins never reach the real keyring
        self.origin = DEFAULT_ORIGIN  # the API lookups go to; set by attach

    def attach(
        self, resolver: CredentialResolver, *, origin: str, memory_only: bool = False
    ) -> None:
        """Lookups to the API at ``origin`` are ready: read the accounts saved for it (once;
        those of other origins are never used here) and tell ``resolver`` which is active."""
        if not self._loaded or origin != self.origin:
            if self._file is None:
                from inspector.accounts import AccountFile

                self._file = AccountFile.default()
            self._accounts = self._file.load(origin)
            if origin != self.origin:
                self._unsaved.clear()  # another API's session-only sign-ins do not apply
            self.origin = origin
            self._loaded = True
        self.resolver = resolver
        self.memory_only = memory_only
        self._tell_resolver()

    @property
    def attached(self) -> bool:
        return self.resolver is not None

    @property
    def accounts(self) -> Accounts:
        """The accounts known this session (empty until ``attach`` reads the saved ones)."""
        if self._accounts is None:
            from inspector.accounts import Accounts

            self._accounts = Accounts()
        return self._accounts

    @property
    def active(self) -> Account | None:
        return self._accounts.active if self._accounts is not None else None

    @property
    def saved(self) -> list[Account]:
        return self._accounts.saved if self._accounts is not None else []

    @property
    def overridden(self) -> bool:
        """A fixed credential or TOGGL_API_TOKEN wins over every account."""
        return self.resolver is not None and self.resolver.overriding is not None

    @property
    def other_origins(self) -> tuple[str, ...]:
        """Origins with saved accounts that lookups here never use."""
        return self._accounts.other_origins if self._accounts is not None else ()

    def elsewhere_text(self) -> str:
        """How many accounts are saved for other APIs (not usable here), or ""."""
        count = len(self._accounts.elsewhere) if self._accounts is not None else 0
        if not count:
            return ""
        origins = self.other_origins
        accounts = "1 account is" if count == 1 else f"{count} accounts are"
        where = "another API" if len(origins) == 1 else f"{len(origins)} other APIs"
        return f"{accounts} saved for {where} ({', '.join(origins)}): not used here"

    @property
    def environment_token_set(self) -> bool:
        return self.resolver is not None and bool(self.resolver.environment_token)

    # --- what the rest of the app asks -------------------------------------------------
    def account_key(self) -> str:
        """Whose remembered choices apply (e.g. the Reports workspace): the credential's
        owner as far as known without asking Toggl."""
        overriding = self.resolver.overriding if self.resolver else None
        if overriding is not None:
            return overriding.source
        active = self.accounts.active
        return active.email if active else "none"

    def default_workspace_id(self) -> int | None:
        """The active account's default workspace as saved; None when a credential that
        wins over accounts is in use (its owner is not known without asking /me)."""
        if self.resolver is None or self.overridden:
            return None
        active = self.accounts.active
        return active.identity.default_workspace_id if active else None

    @property
    def needs_sign_in(self) -> bool:
        """Nothing to sign in with: no fixed credential, no TOGGL_API_TOKEN, no account."""
        return self.resolver is not None and not self.overridden and self.accounts.active is None

    def label_text(self) -> str:
        """The signed-in line of the status bar."""
        return " · ".join(self.label_lines())

    def label_lines(self) -> tuple[str, ...]:
        """The same in lines: who is signed in; the workspace and how the account is kept."""
        resolver = self.resolver
        if resolver is None:
            return ()  # not known before the saved accounts are read
        overriding = resolver.overriding
        if overriding is not None:
            if overriding.source == "environment":
                return ("API token from the environment (TOGGL_API_TOKEN), not saved",)
            return (f"Signed in with the {overriding.source} credential",)
        active = self.accounts.active
        if active is None:
            return (NOT_SIGNED_IN,)
        workspace = active.identity.workspace_text()
        if self.memory_only:
            workspace += " · demo"
        elif resolver.kept_for_session_only(active.active_account):
            workspace += " · this session only"
        return (active.identity.signed_in_text(), workspace)

    def asker_text(self) -> str:
        """Who asks Toggl, and which API, for a message that depends on it (an entry not
        found may be someone else's): "demo.user@example.com on the demo API"."""
        resolver = self.resolver
        overriding = resolver.overriding if resolver is not None else None
        active = self.accounts.active
        if overriding is not None:
            who = (
                "the API token from TOGGL_API_TOKEN"
                if overriding.source == "environment"
                else f"the {overriding.source} credential"
            )
        else:
            who = active.email if active is not None else "no account"
        if self.memory_only:
            where = "the demo API"
        elif self.origin == DEFAULT_ORIGIN:
            where = "Toggl Track"
        else:
            where = self.origin
        return f"{who} on {where}"

    # --- changes -----------------------------------------------------------------------
    def is_saved(self, email: str) -> bool:
        """Listed, and its secret stored in the keyring in an earlier sign-in."""
        return self.accounts.find(email) is not None and email not in self._unsaved

    def in_keyring(self, account: Account) -> bool:
        """Whether signing ``account`` out has a keyring entry to remove."""
        return not self.memory_only and account.email not in self._unsaved

    def use(self, account: Account, *, session_only: bool) -> None:
        """A verified account becomes the active one."""
        # A saved account signed in again for this session only stays saved (its stored
        # secret is still in the keyring; sign-out must find it).
        if session_only and not self.is_saved(account.email):
            self._unsaved.add(account.email)
        elif not session_only:
            self._unsaved.discard(account.email)
        self.accounts.put(account)
        self._tell_resolver()

    def switch_to(self, email: str) -> Account | None:
        """Make a listed account the active one; None if it is unknown or already active."""
        account = self.accounts.find(email)
        if account is None or account == self.accounts.active:
            return None
        self.accounts.active_email = account.email
        self._tell_resolver()
        return account

    def refresh_identity(self, identity: Identity, verified_at: str) -> bool:
        """/me confirmed the active account again: keep what it says now. False when
        ``identity`` is someone else's (e.g. TOGGL_API_TOKEN's owner)."""
        active = self.accounts.active
        if active is None or self.accounts.find(identity.email) != active:
            return False
        self.accounts.put(replace(active, identity=identity, verified_at=verified_at))
        return True

    def signed_out(self, account: Account) -> None:
        self._unsaved.discard(account.email)
        self.accounts.remove(account.email)
        self._tell_resolver()

    def save(self) -> None:
        """Write the saved accounts (never the session-only ones); raises OSError."""
        assert self._file is not None
        kept = replace(
            self.accounts, saved=[a for a in self.accounts.saved if a.email not in self._unsaved]
        )
        if kept.active is None:
            kept.active_email = kept.saved[-1].email if kept.saved else None
        self._file.save(kept)

    @property
    def file_path(self) -> str:
        return str(self._file.path) if self._file else ""

    def _tell_resolver(self) -> None:
        if self.resolver is not None:
            active = self.accounts.active
            self.resolver.active = active.active_account if active else None
            self.resolver.elsewhere = self.accounts.other_origins
