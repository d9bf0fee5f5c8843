"""The start-up baseline: a bare PySide6 main window with the same imports of Qt as the app.

The app's pre-paint modules are read (not imported) and every name they import from
PySide6 is imported here too, so Qt's own import cost, lazy class and enum creation
included, is in both measurements and the ratio shows what the app adds. Prints
"First paint" to stderr when painted, then waits to be killed.
"""

import ast
import importlib
import sys
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "inspector" / "ui"
PRE_PAINT_MODULES = (
    "launch.py",
    "main_window.py",
    "lookup_runner.py",
    "lookup_bar.py",
    "lookup_feedback.py",
    "entry_panel.py",
    "entry_tree_view.py",
    "entry_tree_model.py",
    "message_banner.py",
    "request_details.py",
    "reports_controller.py",
    "reports_panel.py",
    "accounts_controller.py",
    "account_label.py",
    "demo_panel.py",
    "style.py",
    "settings_values.py",
)


def same_qt_imports() -> None:
    for name in PRE_PAINT_MODULES:
        tree = ast.parse((UI / name).read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: what runs before the first paint
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    getattr(module, alias.name)


if "--minimal" not in sys.argv:
    same_qt_imports()

from PySide6.QtGui import QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


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
