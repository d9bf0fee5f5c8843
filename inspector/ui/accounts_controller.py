"""The Account menu, the signed-in label, and the sign-in, verify, switch and sign-out flows.
The rules about accounts are inspector.account_session's; this part shows them and runs
the flows.

Every network and keyring call runs as a task on the asyncio loop (keyring calls in a
daemon thread below that), so the window never waits on them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from inspector.account_session import AccountSession
from inspector.domain.plain_text import one_line
from inspector.ui.account_label import AccountLabel
from inspector.ui.status import StatusSink
from inspector.ui.style import menu_text

if TYPE_CHECKING:
    import asyncio

    from inspector.accounts import Account
    from inspector.credentials import Credential
    from inspector.services.lookup import EntryLookup
    from inspector.services.sign_in import SignIn, VerifiedSignIn
    from inspector.ui.sign_in_dialog import SignInDialog

    Action = Coroutine[Any, Any, None]

log = logging.getLogger("inspector.ui.accounts")


class AccountsController(QObject):
    """``signed_in`` fires after the dialog succeeded, ``sign_in_abandoned`` when it closed
    without; ``account_changed`` whenever the credential for the next lookup may differ
    (sign-in, switch, sign-out); ``problem`` carries a failure for the window's banner and
    whether signing in may cure it."""

    signed_in = Signal()
    sign_in_abandoned = Signal()
    account_changed = Signal()
    problem = Signal(str, bool)

    def __init__(
        self,
        session: AccountSession,
        status: StatusSink,
        parent: QWidget,
        *,
        label: AccountLabel | None = None,
        menu: QMenu | None = None,
    ) -> None:
        """The saved accounts are read when lookups are attached, after the first paint.
        ``label`` and ``menu``: the ones the window showed before this was built."""
        super().__init__(parent)
        self.session = session
        self._status_sink = status
        self._parent = parent
        self._lookup: EntryLookup | None = None
        self._sign_in: SignIn | None = None
        # The dialog's check-and-keep, and account actions (verify, sign out), each in its
        # own slot: closing the dialog never cancels a sign-out half-way.
        self._dialog_task: asyncio.Task[None] | None = None
        self._action_task: asyncio.Task[None] | None = None
        self._doing = ""  # what the running action does, for a person told to wait
        self.dialog: SignInDialog | None = None
        self._verified: VerifiedSignIn | None = None  # waiting for "this session only"
        self._succeeded = False

        self.label = label if label is not None else AccountLabel()
        self.menu = menu if menu is not None else QMenu("&Account", parent)
        self.sign_in_action = self._action("&Sign in…", "signInAction", self.open_sign_in)
        self.verify_action = self._action("&Verify sign-in", "verifyAction", self.verify)
        self.sign_out_action = self._action("Sign &out", "signOutAction", self.sign_out)
        self._switch_group = QActionGroup(self)
        self._switch_group.setExclusive(True)
        self._elsewhere_action = QAction("", parent)
        self._elsewhere_action.setObjectName("otherApisAccountsNote")
        self._elsewhere_action.setEnabled(False)
        self._refresh()

    def _action(self, text: str, name: str, handler: Callable[[], object]) -> QAction:
        action = QAction(text, self._parent)
        action.setObjectName(name)
        action.triggered.connect(lambda: handler())
        return action

    # --- wiring ---------------------------------------------------------------------------
    def attach(self, lookup: EntryLookup, *, memory_only: bool = False) -> None:
        """Lookups are ready: read the saved accounts (once); use the lookups' client, API
        and resolver from now on."""
        from inspector.services.sign_in import SignIn

        self.session.attach(
            lookup.credentials, origin=lookup.api_url.origin, memory_only=memory_only
        )
        self._lookup = lookup
        self._sign_in = SignIn(
            lookup.http, lookup.api_url, lookup.credentials, network=lambda: lookup.network
        )
        self._refresh()

    def adopt_demo_account(self, verified: VerifiedSignIn) -> None:
        """The demo: signed in as the demo user for this session, without asking."""
        assert self.session.resolver is not None
        account = verified.account
        self.session.resolver.remember(account.active_account, verified.credential)
        self._use(account, session_only=True)

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
        active = self.session.active
        dialog = SignInDialog(
            self._parent,
            email=active.email if active else "",
            uses_password=bool(active and active.uses_password),
            reason=reason,
        )
        dialog.submitted.connect(lambda credential: self._run_dialog(self._check(credential)))
        dialog.session_only_requested.connect(
            lambda: self._run_dialog(self._keep(session_only=True))
        )
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
        await self._keep(session_only=self.session.memory_only)

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
                verified,
                session_only=session_only,
                undo_if_cancelled=not self.session.is_saved(email),
            )
        except KeyringUnavailable as error:
            dialog.show_problem(
                f"Toggl accepted the sign-in of {email}, but it cannot be saved: "
                f"{SECRETS.redact(str(error))}. Nothing was written anywhere. You can use it "
                "for this session only (kept in memory, gone when the app closes).",
                clear_password=False,
                offer_session_only=True,
            )
            return
        self._use(account, session_only=session_only)
        log.info("Signed in as %s", account.email)
        self._succeeded = True
        dialog.accept()
        self.signed_in.emit()

    def _use(self, account: Account, *, session_only: bool) -> None:
        self.session.use(account, session_only=session_only)
        self._activated()
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
            self.problem.emit(
                (
                    "The sign-in no longer works: "
                    if refused
                    else "The sign-in could not be verified: "
                )
                + failure_text(error),
                refused and credential.source != "environment",
            )
            return
        identity = verified.identity
        if credential.source != "environment" and self.session.refresh_identity(
            identity, verified.verified_at
        ):
            self._save()
        self._refresh()
        whose = "TOGGL_API_TOKEN belongs to" if credential.source == "environment" else "Verified:"
        self._status(
            f"{whose} {identity.name or identity.email} ({identity.email}); "
            f"{identity.workspace_text()}."
        )

    def switch_to(self, email: str) -> None:
        account = self.session.switch_to(email)
        if account is None:
            return
        self._activated()
        self._save()
        self._status(f"Now using {account.email} for lookups.")

    def sign_out(self) -> None:
        account = self.session.active
        if account is not None:
            self._run_action(self._sign_out(account), "signing out")

    async def _sign_out(self, account: Account) -> None:
        from inspector.credentials import KeyringUnavailable

        assert self._sign_in is not None
        in_keyring = self.session.in_keyring(account)
        try:
            await self._sign_in.sign_out(account.active_account, in_keyring=in_keyring)
        except KeyringUnavailable as error:
            self.problem.emit(
                f"Could not remove the secret of {account.email} from the OS "
                f"keyring: {error}. The account stays listed; try again.",
                False,
            )
            return
        self.session.signed_out(account)
        self._refresh()
        self.account_changed.emit()
        self._save()
        self._status(
            f"Signed out {account.email}; its secret was removed from the keyring."
            if in_keyring
            else f"Signed out {account.email}."
        )

    # --- showing ---------------------------------------------------------------------------
    def _activated(self) -> None:
        self._refresh()
        self.account_changed.emit()

    def _save(self) -> None:
        """A file that cannot be written is said in the banner; the sign-in still works for
        this session."""
        try:
            self.session.save()
        except OSError as error:
            path = self.session.file_path
            log.warning("Account list not saved to %s: %s", path, error)
            self.problem.emit(
                f"The account list could not be saved to {path} "
                f"({error.strerror or error}); the sign-in works until the "
                "app closes.",
                False,
            )

    def _refresh(self) -> None:
        session = self.session
        self.label.set_lines(session.label_lines())
        environment = session.environment_token_set
        attached = session.attached
        active = session.active
        self.sign_in_action.setEnabled(attached)
        self.verify_action.setEnabled(attached and (active is not None or environment))
        self.sign_out_action.setEnabled(attached and active is not None)
        self.sign_out_action.setText(
            f"Sign &out {menu_text(active.email)}" if active else "Sign &out"
        )
        self.menu.clear()
        for action in (self.sign_in_action, self.verify_action, self.sign_out_action):
            self.menu.addAction(action)
        for action in self._switch_group.actions():
            self._switch_group.removeAction(action)
            action.deleteLater()
        if session.saved:
            self.menu.addSection("Use for lookups")
        for account in session.saved:
            action = QAction(menu_text(account.menu_text()), self._parent)
            action.setCheckable(True)
            action.setChecked(account == active)
            action.setEnabled(attached)
            action.setData(account.email)
            action.triggered.connect(lambda _=False, email=account.email: self.switch_to(email))
            self._switch_group.addAction(action)
            self.menu.addAction(action)
        elsewhere = session.elsewhere_text()
        if elsewhere:  # listed apart, never usable here: their secrets go to their own API
            self._elsewhere_action.setText(one_line(elsewhere))
            self.menu.addAction(self._elsewhere_action)
        if environment:
            self.menu.addSection("TOGGL_API_TOKEN is set: it wins over saved accounts")

    def _status(self, text: str) -> None:
        self._status_sink.showMessage(text, 8000)

    @property
    def switch_actions(self) -> list[QAction]:
        return self._switch_group.actions()
