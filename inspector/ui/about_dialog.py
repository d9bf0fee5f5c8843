"""Help → About: what this build is, for bug reports."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def version_lines() -> list[str]:
    from inspector import __version__  # read from package metadata only when shown

    frozen = " (packaged)" if getattr(sys, "frozen", False) else ""
    return [
        f"Toggl Entry Inspector {__version__}{frozen}",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"Python {platform.python_version()} · {platform.system()} {platform.machine()}",
    ]


class AboutDialog(QDialog):
    """Opened with ``open()``; the text is selectable so it can be pasted into a report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setAccessibleName("About")
        self.setWindowTitle("About Toggl Entry Inspector")
        lines = version_lines()
        self.text = QLabel(
            f"<b>{lines[0]}</b><br>{'<br>'.join(lines[1:])}<br><br>"
            "Looks up one Toggl Track time entry and shows all of it."
        )
        self.text.setObjectName("aboutText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        icon.setPixmap(self.windowIcon().pixmap(64, 64))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
