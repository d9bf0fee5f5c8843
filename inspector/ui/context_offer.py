"""One row under the summary: Explain's price before anything is spent ("Explain: 3
requests, quota left 24" and the Explain button); below the quota reserve, the question
(Explain anyway / Not now) in place of a modal box; then progress, and what it cost. Shows
only: the context controller decides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from inspector.services.context_types import ContextPlan
from inspector.ui.plain_label import OneLineLabel
from inspector.ui.style import named, plain_tooltip


def _requests_listed(plan: ContextPlan) -> str:
    if not plan.requests:
        return "Everything it needs is known already: nothing would be sent."
    lines = [f"{request.method} {request.path} ({request.purpose})" for request in plan.requests]
    return "Explaining would send:\n" + "\n".join(lines)


class ExplainOffer(QFrame):
    explain_requested = Signal()
    explain_anyway_requested = Signal()
    not_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "contextOffer", "Explain this entry")
        self.label = named(OneLineLabel(), "contextOfferLabel", "Explain: price and progress")
        self.explain_button = named(QPushButton("Explain"), "explainButton", "Explain")
        self.explain_button.setToolTip(
            "Ask Toggl about the entries around this one, its project and its workspace"
        )
        self.anyway_button = named(
            QPushButton("Explain anyway"), "explainAnywayButton", "Explain anyway"
        )
        self.not_now_button = named(QPushButton("Not now"), "notNowButton", "Not now")
        self.explain_button.clicked.connect(self.explain_requested)
        self.anyway_button.clicked.connect(self.explain_anyway_requested)
        self.not_now_button.clicked.connect(self.not_now_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The label takes the room the buttons leave: its text never moves them (a move
        # would lay the window out anew at each lookup).
        layout.addWidget(self.label, 1)
        for button in (self.explain_button, self.anyway_button, self.not_now_button):
            layout.addWidget(button)
        # Always a button's height, buttons or not: the panel does not shift as it changes.
        self.setMinimumHeight(self.explain_button.sizeHint().height())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.clear()

    def _show(self, text: str, *buttons: QPushButton, tooltip: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(plain_tooltip(tooltip, 2000) if tooltip else "")
        self.explain_button.setEnabled(True)
        for button in (self.explain_button, self.anyway_button, self.not_now_button):
            if button.isVisibleTo(self) != (button in buttons):  # each change: a layout pass
                button.setVisible(button in buttons)

    def clear(self) -> None:
        """Nothing to explain (a lookup runs): no price, and the Explain button stays where
        it is, disabled, so the row keeps its shape from one entry to the next."""
        self._show("", self.explain_button)
        self.explain_button.setEnabled(False)

    def show_offer(self, plan: ContextPlan) -> None:
        """The price, before anything is sent."""
        self._show(plan.offer_text(), self.explain_button, tooltip=_requests_listed(plan))

    def ask(self, plan: ContextPlan) -> None:
        """Below the reserve: asked in place, nothing sent until Explain anyway."""
        left = (plan.quota_left or 0) - plan.cost
        text = (
            f"{plan.offer_text()}. That would leave {max(left, 0)}, below the reserve of "
            f"{plan.reserve}: explain anyway?"
        )
        self._show(
            text,
            self.anyway_button,
            self.not_now_button,
            tooltip=f"{text}\n\n{_requests_listed(plan)}",
        )

    def show_progress(self, text: str) -> None:
        self._show(text)

    def show_done(self, text: str) -> None:
        self._show(text)

    def show_failed(self, text: str) -> None:
        self._show(text, self.explain_button)
