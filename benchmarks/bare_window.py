"""The start-up baseline: a bare PySide6 main window with the same Qt imports as the app.

Prints "First paint" to stderr when the window has been painted, then waits to be killed
(the benchmark reads its memory while it is still alive).
"""

import sys

from PySide6.QtCore import QTimer  # noqa: F401  (the app imports these modules too)
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
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
