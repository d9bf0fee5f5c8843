"""Help → About: what this build is, and where it keeps its files, for bug reports."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named

# (what it is, its file; None: not in use)
FilePlace = tuple[str, Path | None]


def version_lines() -> list[str]:
    from inspector import __version__  # read from package metadata only when shown

    frozen = " (packaged)" if getattr(sys, "frozen", False) else ""
    return [
        f"Toggl Entry Inspector {__version__}{frozen}",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"Python {platform.python_version()} · {platform.system()} {platform.machine()}",
    ]


def file_places(settings: QSettings, account_file: str, history: Path | None) -> list[FilePlace]:
    """The log, the settings, the account list and the history database, as this run
    uses them (the environment's overrides included)."""
    from inspector.logs import LOG_FILE_NAME, log_directory

    return [
        ("Log", log_directory(os.environ) / LOG_FILE_NAME),
        ("Settings", Path(settings.fileName())),
        ("Accounts", Path(account_file) if account_file else None),
        ("History", history),
    ]


class AboutDialog(QDialog):
    """Opened with ``open()``; the text is selectable so it can be pasted into a report.
    Each file's folder opens with its *Open folder* button (through ``open_url``)."""

    def __init__(self, parent: QWidget | None = None, places: Sequence[FilePlace] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setAccessibleName("About")
        self.setWindowTitle("About Toggl Entry Inspector")
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
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
        self.folder_buttons: dict[str, QPushButton] = {}
        self.path_labels: dict[str, PlainLabel] = {}
        if places:
            layout.addLayout(self._places_grid(places))
        layout.addWidget(buttons)

    def _places_grid(self, places: Sequence[FilePlace]) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (what, path) in enumerate(places):
            shown = named(PlainLabel(str(path) if path else "not in use"), f"about{what}Path")
            shown.setAccessibleName(f"{what} file")
            shown.setMinimumWidth(360)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = named(
                QPushButton("Open folder"), f"open{what}FolderButton", f"Open the {what} folder"
            )
            button.setAutoDefault(False)  # Enter closes the dialog, as before
            folder = path.parent if path else None
            button.setEnabled(folder is not None and folder.is_dir())
            if folder is not None and not folder.is_dir():
                button.setToolTip("Not created yet")
            button.clicked.connect(lambda _=False, at=folder: self._open(at))
            grid.addWidget(QLabel(f"{what}:"), row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(button, row, 2)
            self.folder_buttons[what] = button
            self.path_labels[what] = shown
        return grid

    def _open(self, folder: Path | None) -> None:
        if folder is not None:
            self.open_url(QUrl.fromLocalFile(str(folder)))
