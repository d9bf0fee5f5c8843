"""Small actions a person performs in the window, for the GUI tests."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from inspector.ui.main_window import MainWindow

VIEWER_ZONE = ZoneInfo("Europe/Berlin")  # a zone with DST, unlike the test machine's UTC


def type_id_and_fetch(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.id_input.clear()
    qtbot.keyClicks(window.id_input, text)
    qtbot.mouseClick(window.fetch_button, Qt.MouseButton.LeftButton)


def look_up(qtbot: QtBot, window: MainWindow, text: str, timeout: int = 10_000) -> object:
    """Type the ID, click Fetch, wait for the outcome (a LookupResult or an ApiError)."""
    with qtbot.waitSignal(window.lookup_finished, timeout=timeout) as blocker:
        type_id_and_fetch(qtbot, window, text)
    return blocker.args[0]


def find_row(window_or_model: MainWindow | QAbstractItemModel, *labels: str) -> QModelIndex:
    """The index of the row reached by following labels from the top (group, field, ...)."""
    model = getattr(window_or_model, "model", window_or_model)
    parent = QModelIndex()
    for label in labels:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() == label:
                parent = index
                break
        else:
            raise AssertionError(f"no row {label!r} under {parent.data()!r}")
    return parent


def cell(window: MainWindow, *labels: str, column: int = 1) -> str:
    return find_row(window, *labels).siblingAtColumn(column).data()


def top_level_labels(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]
