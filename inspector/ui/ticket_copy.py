"""Copying the shown entry for a support ticket: its summary in Markdown or plain text
(``inspector.domain.ticket_summary``), and the request that found it as a cURL command
(``$TOGGL_API_TOKEN`` in place of the token: the clipboard never holds a secret)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from inspector.logs import SECRETS
from inspector.services import LookupResult
from inspector.services.findings import Finding, curl_for
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.status import StatusSink


class TicketCopy(QObject):
    """Three actions on the entry ``shown()`` returns: *Copy summary for ticket* (Markdown),
    *Copy summary as plain text* and *Copy as cURL*."""

    def __init__(
        self,
        runner: LookupRunner,
        shown: Callable[[], LookupResult | None],
        status: StatusSink,
        clock: Callable[[], datetime],
        account: Callable[[], str | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shown = shown
        self._status = status
        self._clock = clock
        self._account = account
        self._fetched: tuple[LookupResult, datetime] | None = None
        runner.succeeded.connect(self._remember_when)
        self.summary_action = self._action(
            "Copy summary for &ticket", "copySummaryAction", "Ctrl+Shift+T", self.copy_markdown
        )
        self.plain_summary_action = self._action(
            "Copy summary as &plain text",
            "copyPlainSummaryAction",
            "Ctrl+Alt+T",
            self.copy_plain,
        )
        self.curl_action = self._action(
            "Copy as c&URL", "copyCurlAction", "Ctrl+Shift+U", self.copy_curl
        )

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.summary_action, self.plain_summary_action, self.curl_action)

    def _action(self, text: str, name: str, shortcut: str, handler: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(handler)
        return action

    def _remember_when(self, result: LookupResult, _total_ms: float) -> None:
        self._fetched = (result, self._clock())

    def mark_fetched_at(self, result: LookupResult, fetched_at: datetime) -> None:
        """An answer shown from elsewhere (the history): when it was fetched."""
        self._fetched = (result, fetched_at)

    def update_enabled(self) -> None:
        enabled = self._shown() is not None
        for action in self.actions:
            action.setEnabled(enabled)

    def _finding(self) -> Finding | None:
        result = self._shown()
        if result is None:
            return None
        fetched = self._fetched
        when = fetched[1] if fetched is not None and fetched[0] is result else None
        return Finding.of_result(result, when)

    def summary_text(self, *, markdown: bool) -> str | None:
        finding = self._finding()
        if finding is None or finding.result is None:
            return None
        origin = finding.result.response.url
        facts = finding.facts(self._account(), _origin_of(origin))
        from inspector.domain.ticket_summary import entry_summary  # when copied

        # An entry that echoes the token (in a description, an error) never carries it into
        # the clipboard: the known secrets are redacted, as get's summary does.
        return entry_summary(facts, self._clock(), markdown=markdown, redact=SECRETS.redact)

    def copy_markdown(self) -> None:
        self._copy(self.summary_text(markdown=True), "summary for the ticket (Markdown)")

    def copy_plain(self) -> None:
        self._copy(self.summary_text(markdown=False), "summary as plain text")

    def copy_curl(self) -> None:
        result = self._shown()
        text = curl_for(result, redact=SECRETS.redact) if result is not None else None
        self._copy(text, "the request as cURL")

    def _copy(self, text: str | None, what: str) -> None:
        if text is None:
            self._status.showMessage("Nothing to copy: look an entry up first.")
            return
        QApplication.clipboard().setText(text)
        self._status.showMessage(f"Copied {what}.", 3000)


def _origin_of(url: str) -> str | None:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if sep else None
