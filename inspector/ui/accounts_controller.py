"""The Account menu, the signed-in label, and the sign-in, verify, switch and sign-out flows.

Every network and keyring call runs as a task on the asyncio loop (keyring calls in a
daemon thread below that), so the window never waits on them.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QWidget

if TYPE_CHECKING:
    import asyncio

    from inspector.accounts import Account, AccountFile
    from inspector.credentials import Credential, CredentialResolver
    from inspector.services.lookup import EntryLookup
    from inspector.services.sign_in import SignIn, VerifiedSignIn
    from inspector.ui.sign_in_dialog import SignInDialog

    Action = Coroutine[Any, Any, None]

log = logging.getLogger("inspector.ui.accounts")

NOT_SIGNED_IN = "Not signed in"
ACCOUNT_LABEL_MAX_WIDTH = 460  # the status bar's messages keep the rest


class AccountLabel(QLabel):
    """The signed-in account in the status bar, shortened with "…" when space is short
    (the full text is its tooltip and ``full_text``): a long name never widens the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's naming)
        width = self.fontMetrics().horizontalAdvance(self.full_text) + 8
        return QSize(min(width, ACCOUNT_LABEL_MAX_WIDTH), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's naming)
        return QSize(min(self.sizeHint().width(), 120), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's naming)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle,
                                              max(0, self.width() - 8))
        if shown != self.text():
            self.setText(shown)


class AccountsController(QObject):
    """``signed_in`` fires after the dialog succeeded, ``sign_in_abandoned`` when it closed
    without; ``account_changed`` whenever the credential for the next lookup may differ
    (sign-in, switch, sign-out); ``problem`` carries a failure for the window's banner and
    whether signing in may cure it."""

    signed_in = Signal()
    sign_in_abandoned = Signal()
    account_changed = Signal()
    problem = Signal(str, bool)

    def __init__(self, window: QMainWindow, account_file: AccountFile | None = None) -> None:
        """The saved accounts are read when lookups are attached, after the first paint
        (``account_file`` None: the default file in the config directory)."""
        from inspector.accounts import Accounts

        super().__init__(window)
        self._window = window
        self._file = account_file
        self._loaded = False
        self.accounts = Accounts()  # until attach() reads the saved ones
        self._unsaved: set[str] = set()  # emails known only in this session (nothing stored)
        self._lookup: EntryLookup | None = None
        self._resolver: CredentialResolver | None = None
        self._sign_in: SignIn | None = None
        self._memory_only = False  # the demo: sign-ins never reach the real keyring
        # The dialog's check-and-keep, and account actions (verify, sign out), each in its
        # own slot: closing the dialog never cancels a sign-out half-way.
        self._dialog_task: asyncio.Task[None] | None = None
        self._action_task: asyncio.Task[None] | None = None
        self._doing = ""  # what the running action does, for a person told to wait
        self.dialog: SignInDialog | None = None
        self._verified: VerifiedSignIn | None = None  # waiting for "this session only"
        self._succeeded = False

        self.label = AccountLabel()
        self.label.setObjectName("accountLabel")
        self.label.setAccessibleName("Signed-in account")
        self.menu = window.menuBar().addMenu("&Account")
        self.sign_in_action = self._action("&Sign in…", "signInAction", self.open_sign_in)
        self.verify_action = self._action("&Verify sign-in", "verifyAction", self.verify)
        self.sign_out_action = self._action("Sign &out", "signOutAction", self.sign_out)
        self._switch_group = QActionGroup(self)
        self._switch_group.setExclusive(True)
        self._refresh()

    def _action(self, text: str, name: str, handler: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.triggered.connect(lambda: handler())
        return action

    # --- wiring ---------------------------------------------------------------------------
    def attach(self, lookup: EntryLookup, *, memory_only: bool = False) -> None:
        """Lookups are ready: read the saved accounts (once); use the lookups' client, API
        and resolver from now on."""
        from inspector.accounts import AccountFile
        from inspector.services.sign_in import SignIn

        if not self._loaded:
            if self._file is None:
                self._file = AccountFile.default()
            self.accounts = self._file.load()
            self._loaded = True
        self._lookup = lookup
        self._resolver = lookup.credentials
        self._sign_in = SignIn(lookup.http, lookup.api_url, lookup.credentials,
                               network=lambda: lookup.network)
        self._memory_only = memory_only
        active = self.accounts.active
        self._resolver.active = active.active_account if active else None
        self._refresh()

    def adopt_demo_account(self, verified: VerifiedSignIn) -> None:
        """The demo: signed in as the demo user for this session, without asking."""
        assert self._resolver is not None
        account = verified.account
        self._resolver.remember(account.email, verified.credential)
        self._use(account, session_only=True)

    def account_key(self) -> str:
        """Whose remembered choices apply (e.g. the Reports workspace): the credential's
        owner as far as known without asking Toggl."""
        resolver = self._resolver
        if resolver is not None and resolver.fixed is not None:
            return resolver.fixed.source
        if resolver is not None and resolver.environment_token:
            return "environment"
        active = self.accounts.active
        return active.email if active else "none"

    def default_workspace_id(self) -> int | None:
        """The active account's default workspace as saved; None for TOGGL_API_TOKEN (its
        owner is not known without asking /me)."""
        resolver = self._resolver
        if resolver is None or resolver.fixed is not None or resolver.environment_token:
            return None
        active = self.accounts.active
        return active.identity.default_workspace_id if active else None

    @property
    def needs_sign_in(self) -> bool:
        """Nothing to sign in with: no fixed credential, no TOGGL_API_TOKEN, no account."""
        resolver = self._resolver
        return (resolver is not None and resolver.fixed is None
                and not resolver.environment_token and self.accounts.active is None)

    def _run_dialog(self, coroutine: Action) -> None:
        import asyncio

        if self._dialog_task is not None and not self._dialog_task.done():
            self._dialog_task.cancel()
        self._dialog_task = asyncio.ensure_future(coroutine)

    def _run_action(self, coroutine: Action, doing: str) -> None:
        """One account action at a time; a second waits for nobody and is refused."""
        import asyncio

        if self._action_task is not None and not self._action_task.done():
            coroutine.close()
            self._status(f"Still {self._doing}: try again in a moment.")
            return
        self._doing = doing
        self._action_task = asyncio.ensure_future(coroutine)

    # --- sign in --------------------------------------------------------------------------
    def open_sign_in(self, reason: str = "") -> SignInDialog:
        from inspector.ui.sign_in_dialog import SignInDialog

        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        active = self.accounts.active
        dialog = SignInDialog(self._window, email=active.email if active else "",
                              uses_password=bool(active and active.uses_password),
                              reason=reason)
        dialog.submitted.connect(lambda credential: self._run_dialog(self._check(credential)))
        dialog.session_only_requested.connect(
            lambda: self._run_dialog(self._keep(session_only=True)))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        self._succeeded = False
        dialog.open()
        log.info("Sign-in dialog opened")
        return dialog

    def _dialog_closed(self) -> None:
        import asyncio

        task = self._dialog_task
        if task is not None and not task.done() and task is not asyncio.current_task():
            task.cancel()  # Cancel while Toggl or the keyring is asked: nothing is kept
        self._verified = None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        if not self._succeeded:
            self.sign_in_abandoned.emit()

    async def _check(self, credential: Credential) -> None:
        from inspector.api.errors import ApiError
        from inspector.services import failure_text

        assert self._sign_in is not None and self.dialog is not None
        try:
            self._verified = await self._sign_in.verify(credential)
        except ApiError as error:
            if self.dialog is not None:
                self.dialog.show_problem(failure_text(error))
            return
        await self._keep(session_only=self._memory_only)

    async def _keep(self, *, session_only: bool) -> None:
        from inspector.credentials import KeyringUnavailable
        from inspector.logs import SECRETS

        verified, dialog = self._verified, self.dialog
        if verified is None or dialog is None or self._sign_in is None:
            return
        email = verified.identity.email
        dialog.set_busy("Saving in the OS keyring…" if not session_only else "Signing in…")
        try:
            account = await self._sign_in.keep(
                verified, session_only=session_only,
                undo_if_cancelled=not self._is_saved(email))
        except KeyringUnavailable as error:
            dialog.show_problem(
                f"Toggl accepted the sign-in of {email}, but it cannot be saved: "
                f"{SECRETS.redact(str(error))}. Nothing was written anywhere. You can use it "
                "for this session only (kept in memory, gone when the app closes).",
                clear_password=False, offer_session_only=True)
            return
        self._use(account, session_only=session_only)
        log.info("Signed in as %s", account.email)
        self._succeeded = True
        dialog.accept()
        self.signed_in.emit()

    def _is_saved(self, email: str) -> bool:
        """Listed, and its secret stored in the keyring in an earlier sign-in."""
        return self.accounts.find(email) is not None and email not in self._unsaved

    def _use(self, account: Account, *, session_only: bool) -> None:
        # A saved account signed in again for this session only stays saved (its stored
        # secret is still in the keyring; sign-out must find it).
        if session_only and not self._is_saved(account.email):
            self._unsaved.add(account.email)
        elif not session_only:
            self._unsaved.discard(account.email)
        self.accounts.put(account)
        self._activate(account)
        self._save()  # after: the window clears its banner when the account changes

    # --- verify, switch, sign out ---------------------------------------------------------
    def verify(self) -> None:
        self._run_action(self._verify(), "verifying")

    async def _verify(self) -> None:
        from inspector.api.errors import ApiError, Forbidden, Unauthorized
        from inspector.services import failure_text

        assert self._lookup is not None and self._sign_in is not None
        self._status("Verifying the sign-in with Toggl…")
        try:  # the keyring's answer within the lookup deadline, as for a lookup
            credential = await self._lookup.resolve_credential()
        except ApiError as error:
            self.problem.emit(failure_text(error), True)
            return
        try:
            verified = await self._sign_in.verify(credential)
        except ApiError as error:
            refused = isinstance(error, (Unauthorized, Forbidden))
            self.problem.emit(("The sign-in no longer works: " if refused else
                               "The sign-in could not be verified: ") + failure_text(error),
                              refused and credential.source != "environment")
            return
        identity = verified.identity
        active = self.accounts.active
        if credential.source != "environment" and active is not None \
                and identity.email.lower() == active.email.lower():
            self.accounts.put(replace(active, identity=identity,
                                      verified_at=verified.verified_at))
            self._save()
        self._refresh()
        whose = ("TOGGL_API_TOKEN belongs to" if credential.source == "environment"
                 else "Verified:")
        self._status(f"{whose} {identity.name or identity.email} ({identity.email}); "
                     f"{identity.workspace_text()}.")

    def switch_to(self, email: str) -> None:
        account = self.accounts.find(email)
        if account is None or account == self.accounts.active:
            return
        self.accounts.active_email = account.email
        self._activate(account)
        self._save()
        self._status(f"Now using {account.email} for lookups.")

    def sign_out(self) -> None:
        account = self.accounts.active
        if account is not None:
            self._run_action(self._sign_out(account), "signing out")

    async def _sign_out(self, account: Account) -> None:
        from inspector.credentials import KeyringUnavailable

        assert self._sign_in is not None
        in_keyring = not self._memory_only and account.email not in self._unsaved
        try:
            await self._sign_in.sign_out(account.email, in_keyring=in_keyring)
        except KeyringUnavailable as error:
            self.problem.emit(f"Could not remove the secret of {account.email} from the OS "
                              f"keyring: {error}. The account stays listed; try again.", False)
            return
        self._unsaved.discard(account.email)
        self.accounts.remove(account.email)
        following = self.accounts.active
        if self._resolver is not None:
            self._resolver.active = following.active_account if following else None
        self._refresh()
        self.account_changed.emit()
        self._save()
        self._status(f"Signed out {account.email}; its secret was removed from the keyring."
                     if in_keyring else f"Signed out {account.email}.")

    # --- showing ---------------------------------------------------------------------------
    def _activate(self, account: Account) -> None:
        if self._resolver is not None:
            self._resolver.active = account.active_account
        self._refresh()
        self.account_changed.emit()

    def _save(self) -> None:
        """Write the saved accounts (never the session-only ones). A file that cannot be
        written is said in the banner; the sign-in still works for this session."""
        from inspector.accounts import Accounts

        assert self._file is not None
        kept = Accounts([a for a in self.accounts.saved if a.email not in self._unsaved],
                        self.accounts.active_email)
        if kept.active is None:
            kept.active_email = kept.saved[-1].email if kept.saved else None
        try:
            self._file.save(kept)
        except OSError as error:
            log.warning("Account list not saved to %s: %s", self._file.path, error)
            self.problem.emit(f"The account list could not be saved to {self._file.path} "
                              f"({error.strerror or error}); the sign-in works until the "
                              "app closes.", False)

    def label_text(self) -> str:
        resolver = self._resolver
        if resolver is None:
            return ""  # not known before the saved accounts are read
        if resolver.fixed is not None:
            return f"Signed in with the {resolver.fixed.source} credential"
        if resolver.environment_token:
            return "API token from the environment (TOGGL_API_TOKEN), not saved"
        active = self.accounts.active
        if active is None:
            return NOT_SIGNED_IN
        text = f"{active.identity.signed_in_text()} · {active.identity.workspace_text()}"
        if self._memory_only:
            text += " · demo"
        elif resolver.kept_for_session_only(active.email):
            text += " · this session only"
        return text

    def _refresh(self) -> None:
        self.label.set_full_text(self.label_text())
        environment = self._resolver is not None and bool(self._resolver.environment_token)
        attached = self._resolver is not None
        active = self.accounts.active
        self.sign_in_action.setEnabled(attached)
        self.verify_action.setEnabled(attached and (active is not None or environment))
        self.sign_out_action.setEnabled(attached and active is not None)
        self.sign_out_action.setText(f"Sign &out {active.email}" if active else "Sign &out")
        self.menu.clear()
        for action in (self.sign_in_action, self.verify_action, self.sign_out_action):
            self.menu.addAction(action)
        for action in self._switch_group.actions():
            self._switch_group.removeAction(action)
            action.deleteLater()
        if self.accounts.saved:
            self.menu.addSection("Use for lookups")
        for account in self.accounts.saved:
            action = QAction(account.menu_text(), self._window)
            action.setCheckable(True)
            action.setChecked(account == active)
            action.setEnabled(attached)
            action.setData(account.email)
            action.triggered.connect(lambda _=False, email=account.email: self.switch_to(email))
            self._switch_group.addAction(action)
            self.menu.addAction(action)
        if environment:
            self.menu.addSection("TOGGL_API_TOKEN is set: it wins over saved accounts")

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    @property
    def switch_actions(self) -> list[QAction]:
        return self._switch_group.actions()
