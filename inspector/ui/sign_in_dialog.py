"""The sign-in dialog: an API token, or email and password. It only collects and shows;
verifying and storing are the accounts controller's (inspector.ui.accounts_controller)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.credentials import PROFILE_URL, Credential
from inspector.services.sign_in import InvalidSignIn, typed_email_login, typed_token
from inspector.ui.palette_colours import error_text_style, hint_text_style
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named

_ERROR_STYLE = error_text_style
_BUSY_STYLE = hint_text_style
MESSAGE_WIDTH = 480


class SignInDialog(QDialog):
    """Emits ``submitted`` with a Credential that looks right (format checked here);
    ``session_only_requested`` when the keyring failed and the person accepts that."""

    submitted = Signal(object)
    session_only_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        email: str = "",
        uses_password: bool = False,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        named(self, "signInDialog", "Sign in to Toggl Track")
        self.setWindowTitle("Sign in to Toggl Track")
        self.setModal(True)
        self.token_mode = named(QRadioButton("API token"), "tokenModeButton", "API token")
        self.password_mode = named(
            QRadioButton("Email and password"), "passwordModeButton", "Email and password"
        )
        modes = QButtonGroup(self)
        modes.addButton(self.token_mode)
        modes.addButton(self.password_mode)

        self.token_input = named(QLineEdit(), "apiTokenInput", "API token")
        self.token_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_input.setPlaceholderText("32 characters, 0-9 and a-f")
        self.profile_link = named(
            QLabel(
                f'Find your API token at the bottom of your <a href="{PROFILE_URL}">Toggl '
                "profile page</a>."
            ),
            "profileLink",
            "Where to find the API token",
        )
        self.profile_link.setOpenExternalLinks(True)
        self.profile_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        token_page = QWidget()
        token_form = QFormLayout(token_page)
        token_form.addRow("API token:", self.token_input)
        token_form.addRow(self.profile_link)

        self.email_input = named(QLineEdit(email), "emailInput", "Email")
        self.email_input.setPlaceholderText("you@example.com")
        self.password_input = named(QLineEdit(), "passwordInput", "Password")
        self.password_input.setEchoMode(QLineEdit.EchoMode.Password)
        password_page = QWidget()
        password_form = QFormLayout(password_page)
        password_form.addRow("Email:", self.email_input)
        password_form.addRow("Password:", self.password_input)

        self.pages = QStackedWidget()
        self.pages.addWidget(token_page)
        self.pages.addWidget(password_page)
        # What Toggl answered comes into these two: plain text (PlainLabel), wrapped at a
        # readable width that no answer widens.
        self.message = named(PlainLabel(), "signInMessage", "Sign-in problem")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)

        buttons = QDialogButtonBox()
        self.sign_in_button = named(
            buttons.addButton("Sign in", QDialogButtonBox.ButtonRole.AcceptRole),
            "signInButton",
            "Sign in",
        )
        self.session_only_button = named(
            buttons.addButton("Use for this session only", QDialogButtonBox.ButtonRole.ActionRole),
            "sessionOnlyButton",
            "Use for this session only",
        )
        self.session_only_button.setToolTip(
            "Keep the credential in memory until the app closes; nothing is written anywhere."
        )
        self.session_only_button.setVisible(False)
        self.cancel_button = named(
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel),
            "signInCancelButton",
            "Cancel",
        )
        self.sign_in_button.setDefault(True)
        # A focused auto-default button takes Enter: after Sign in was disabled while Toggl
        # was asked, focus lands on Cancel, and Enter would then close the dialog unheard.
        self.cancel_button.setAutoDefault(False)
        self.session_only_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self._submit)
        self.session_only_button.clicked.connect(self.session_only_requested)
        self.cancel_button.clicked.connect(self.reject)

        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel("Sign in with:"))
        mode_row.addWidget(self.token_mode)
        mode_row.addWidget(self.password_mode)
        mode_row.addStretch(1)
        layout = QVBoxLayout(self)
        # Grows with its message instead of squeezing the form.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        if reason:
            intro = PlainLabel(reason)
            intro.setFixedWidth(MESSAGE_WIDTH)
            layout.addWidget(intro)
        layout.addLayout(mode_row)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.token_mode.toggled.connect(self._show_mode)
        (self.password_mode if uses_password else self.token_mode).setChecked(True)
        self._show_mode()
        self.message.setFixedWidth(MESSAGE_WIDTH)

    @property
    def uses_password(self) -> bool:
        return self.password_mode.isChecked()

    def _show_mode(self) -> None:
        self.pages.setCurrentIndex(1 if self.uses_password else 0)
        self._field_to_correct().setFocus()

    def _submit(self) -> None:
        try:
            if self.uses_password:
                email, password = typed_email_login(
                    self.email_input.text(), self.password_input.text()
                )
                credential = Credential(password, "typed", email)
            else:
                credential = Credential(typed_token(self.token_input.text()), "typed")
        except InvalidSignIn as error:
            self.show_problem(str(error), clear_password=False)
            return
        self.set_busy("Checking with Toggl…")
        self.submitted.emit(credential)

    def set_busy(self, text: str | None) -> None:
        """While Toggl is asked, the inputs wait; Cancel stays usable."""
        for widget in (
            self.token_mode,
            self.password_mode,
            self.token_input,
            self.email_input,
            self.password_input,
            self.sign_in_button,
            self.session_only_button,
        ):
            widget.setEnabled(text is None)
        if text is not None:
            self._say(text, _BUSY_STYLE)

    def show_problem(
        self, text: str, *, clear_password: bool = True, offer_session_only: bool = False
    ) -> None:
        """Say what went wrong; what was typed stays, except the password."""
        self.set_busy(None)
        if clear_password:
            self.password_input.clear()
        self.session_only_button.setVisible(offer_session_only)
        self._say(text, _ERROR_STYLE)
        # Ready for the next try: Enter signs in again from the field to correct.
        self.sign_in_button.setDefault(True)
        field = self._field_to_correct()
        field.setFocus()
        field.selectAll()

    def _field_to_correct(self) -> QLineEdit:
        if not self.uses_password:
            return self.token_input
        return self.password_input if self.email_input.text() else self.email_input

    def _say(self, text: str, style: Callable[[QPalette], str]) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style(self.palette()))
        self.message.setVisible(True)
