"""The window's first paint shows what a bare window of the same widgets would and no more
(issue #16): the rest is built right after it (``finish_building``, as launch does) without
moving anything the person already sees, and the modules of what is not on screen yet are
not even imported before that paint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from inspector.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _place(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _seen(window: MainWindow) -> dict[str, object]:
    """Where what the person sees is, and what the tab and menu bars say."""
    panel, tabs = window.entry_panel, window.entry_panel.tabs
    return {
        "places": [
            _place(part, window)
            for part in (
                window.lookup_bar,
                window.lookup_bar.id_input,
                panel.summary_area,
                panel.times_label,
                tabs,
                panel.tree,
                window.statusBar(),
            )
        ],
        # Empty, the state label shows nothing: its bold face (after the first paint) may
        # make it wider, never taller.
        "state row": (panel.run_state_label.y(), panel.run_state_label.height()),
        "tabs": [(tabs.tabText(i), tabs.isTabEnabled(i)) for i in range(tabs.count())],
        "current tab": tabs.currentIndex(),
        "menus": [action.text() for action in window.menuBar().actions()],
        "size": window.size(),
    }


def _menu_items(window: MainWindow) -> dict[str, int]:
    return {
        action.text(): len(menu.actions())
        for action in window.menuBar().actions()
        if (menu := action.menu()) is not None
    }


def test_what_is_built_after_the_first_paint_moves_nothing_on_screen(qtbot, settings):
    window = MainWindow(None, settings)  # as launch makes it: no lookup machinery yet
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    before = _seen(window)
    assert before["tabs"] == [
        ("Fields", True),
        ("Around", False),
        ("Raw JSON", True),
        ("Request", True),
        ("Changes", False),
    ]
    assert _menu_items(window) == {"&Edit": 0, "&View": 0, "&Tools": 0, "&Help": 0, "&Account": 0}

    window.finish_building()  # launch: right after the first paint
    panel = window.entry_panel
    strip = panel.day_strip
    qtbot.waitUntil(lambda: strip.isVisible() and strip.height() == strip.sizeHint().height())

    assert _seen(window) == before  # the strip took its room, the tabs their places
    assert [panel.tabs.widget(i) for i in range(1, 5)] == [
        panel.neighbour_list,
        panel.raw_view,
        panel.request_details,
        panel.changes_view,
    ]
    assert all(count > 0 for count in _menu_items(window).values())
    assert window.history_action.text() == "&History" and not window.history.isVisible()
    assert not window.windowIcon().isNull()
    window.close()


def test_the_first_paint_imports_none_of_what_it_does_not_show(tmp_path):
    """The modules behind the parts built after the first paint (and the lookup's types)
    are imported by ``finish_building``, not before: start-up pays only for what it shows."""
    probe = f"""
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from inspector.ui.main_window import MainWindow
window = MainWindow(None, QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat))
window.show()
app.processEvents()
later = [
    "inspector.ui.history_panel", "inspector.ui.context_controller", "inspector.ui.day_strip",
    "inspector.ui.reports_controller", "inspector.ui.batch_controller",
    "inspector.ui.raw_json_page", "inspector.ui.accounts_controller",
    "inspector.ui.palette_colours", "inspector.domain.entry_view",
    "inspector.domain.field_tree", "inspector.services.types", "json",
]
print(sorted(name for name in [*later, "inspector.accounts"] if name in sys.modules))
window.finish_building()
print(sorted(name for name in later if name not in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "[]"]
