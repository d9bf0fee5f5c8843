"""The reference for start-up: a minimal PySide6 main window (one label) importing nothing of
Qt but what it uses. Prints "First paint" to stderr when painted, then waits to be killed.

The start-up budget is measured against same_widgets_window.py instead, which shows what
the inspector's first paint shows; this one says what any Qt window costs at least.
"""

import sys

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("First paint", file=sys.stderr, flush=True)


app = QApplication(sys.argv[:1])
window = Window()
window.setCentralWidget(QLabel("bare"))
window.resize(1100, 720)
window.show()
sys.exit(app.exec())
