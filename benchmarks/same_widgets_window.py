"""The start-up baseline: a bare window showing the same kinds of widgets as the inspector's
first paint, with no application logic.

A menu bar with three menus; a row with a label, the ID field, two checkboxes and two
buttons; a state label and a grid of time labels; a tab widget whose first page is a tree
view with three columns, the second a plain-text edit, the third an empty page; a status
bar with a permanent label. Only QtWidgets (and what it loads) is imported, as a person
writing this window by hand would, and the Qt namespace for what such a window sets on
those widgets: the time labels' names aligned right, their values plain text (they show a
server's text) and selectable. PySide6 builds the whole Qt namespace (its enums) on first
use, about 16 ms: any window that aligns a label pays it. Prints "First paint" to stderr
when painted, then waits to be killed.
"""

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class Window(QMainWindow):
    painted = False

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Same widgets")
        for title, actions in (
            ("&Edit", ("Copy", "Copy as cURL")),
            ("&Tools", ("Network settings…",)),
            ("&Help", ("About",)),
        ):
            menu = self.menuBar().addMenu(title)
            for text in actions:
                menu.addAction(text)

        central = QWidget()
        column = QVBoxLayout(central)
        row = QHBoxLayout()
        row.addWidget(QLabel("Entry ID:"))
        id_field = QLineEdit()
        id_field.setPlaceholderText("Time entry ID, e.g. 3727977106")
        row.addWidget(id_field, 1)
        row.addWidget(QCheckBox("meta"))
        row.addWidget(QCheckBox("include sharing"))
        row.addWidget(QPushButton("Fetch"))
        cancel = QPushButton("Cancel")
        cancel.setEnabled(False)
        row.addWidget(cancel)
        column.addLayout(row)

        column.addWidget(QLabel("No entry shown"))
        times = QGridLayout()
        for line, name in enumerate(("UTC", "This computer", "Owner")):
            times.addWidget(QLabel(name), line, 0, Qt.AlignmentFlag.AlignRight)
            value = QLabel("-")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            times.addWidget(value, line, 1)
        column.addLayout(times)

        model = QStandardItemModel(0, 3, self)
        model.setHorizontalHeaderLabels(["Field", "Value", "Type"])
        tree = QTreeView()
        tree.setModel(model)
        tabs = QTabWidget()
        tabs.addTab(tree, "Fields")
        tabs.addTab(QPlainTextEdit(readOnly=True), "Raw JSON")
        tabs.addTab(QWidget(), "Request")
        column.addWidget(tabs, 1)
        self.setCentralWidget(central)

        self.statusBar().addPermanentWidget(QLabel("Not signed in"))
        self.resize(1100, 720)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("First paint", file=sys.stderr, flush=True)


app = QApplication(sys.argv[:1])
window = Window()
window.show()
sys.exit(app.exec())
