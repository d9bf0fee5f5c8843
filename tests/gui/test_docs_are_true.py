"""The docs' promises that code can check: the stable widget names (docs/widgets.md) and the
demo IDs (docs/demo-api.md)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from inspector.demo.server import demo_catalogue

DOCS = Path(__file__).parents[2] / "docs"
WIDGETS = (DOCS / "widgets.md").read_text(encoding="utf-8")
DEMO_API = (DOCS / "demo-api.md").read_text(encoding="utf-8")
REQUIRED_NAMES = [
    "entryIdInput",
    "metaCheckBox",
    "includeSharingCheckBox",
    "fetchButton",
    "cancelButton",
    "entryTree",
    "runStateLabel",
    "messageBanner",
]


def _names_in_first_column(text: str) -> list[str]:
    cells = re.findall(r"^\| ([^|]+) \|", text, flags=re.M)
    return [name for cell in cells for name in re.findall(r"`([A-Za-z]+)`", cell)]


def test_every_stable_name_in_the_docs_exists_with_an_accessible_name(qtbot, window):
    names = _names_in_first_column(WIDGETS)
    assert set(REQUIRED_NAMES) <= set(names)
    for dialog in (
        window.open_network_settings(),
        window.open_about(),  # names in dialogs
        window.reports.open_settings(),
        window.context.open_settings(),
        window.accounts.open_sign_in(),
    ):
        qtbot.waitExposed(dialog)
    window.several_ids.show_panel()  # a dock built at its first use
    for name in names:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_the_docs_list_every_demo_id():
    catalogue = demo_catalogue()
    rows = dict(re.findall(r"^\| (\d{10}) \| (.+?) \|$", DEMO_API, flags=re.M))
    assert rows == {str(entry.entry_id): entry.label for entry in catalogue}
