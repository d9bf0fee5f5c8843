"""The entry's tabs: Fields, Around, Raw JSON, Request, Changes. The first paint shows the
Fields page and the other tabs' titles; their pages are put in the places kept for them
right after (``put_pages``), with the titles, tooltips and states those places had."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from inspector.ui.style import named

AROUND_TAB = "Around"
TITLES = (AROUND_TAB, "Raw JSON", "Request", "Changes")


class EntryTabs(QTabWidget):
    def __init__(self, fields_page: QWidget) -> None:
        super().__init__()
        named(self, "entryTabs", "Entry views")
        self.addTab(fields_page, "Fields")
        self._kept = [QWidget() for _title in TITLES]
        for place, title in zip(self._kept, TITLES, strict=True):
            self.addTab(place, title)
        self.setTabEnabled(self.indexOf(self._kept[-1]), False)  # no earlier answer yet
        self._around: QWidget = self._kept[0]
        self._around_count: int | None = None  # what the Around tab says (None: disabled)
        self._around_labelled = False
        self.label_around(None)

    def put_pages(self, *pages: QWidget) -> None:
        """The pages of the tabs after Fields, in order, where their places were kept."""
        current = self.currentIndex()
        for place, page in zip(self._kept, pages, strict=True):
            index = self.indexOf(place)
            title, tip = self.tabText(index), self.tabToolTip(index)
            enabled = self.isTabEnabled(index)
            self.removeTab(index)
            self.insertTab(index, page, title)
            self.setTabToolTip(index, tip)
            self.setTabEnabled(index, enabled)
            place.deleteLater()
        self._around = pages[0]
        self._kept = []
        self.setCurrentIndex(current)

    def label_around(self, count: int | None) -> None:
        """The Around tab: how many entries explaining found (None: not explained, and
        disabled). A tab bar lays itself out anew at any change: changed only when it
        changes."""
        if count == self._around_count and self._around_labelled:
            return
        self._around_count, self._around_labelled = count, True
        around = self.indexOf(self._around)
        self.setTabText(around, f"{AROUND_TAB} ({count})" if count is not None else AROUND_TAB)
        self.setTabEnabled(around, count is not None)
        self.setTabToolTip(
            around,
            "The entries around this one, as explaining found them"
            if count is not None
            else "Explain lists the entries around this one",
        )
