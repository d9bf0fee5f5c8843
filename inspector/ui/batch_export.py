"""The several-IDs results out of the window: exported as CSV or JSON Lines (the domain's
exports, as `get --format csv|jsonl` writes them) to a file only its owner may read, and
*Copy summary for ticket* (Markdown). Every secret the process knows is redacted; a file
that cannot be written is said plainly."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from inspector.domain.exports import csv_text, export_row, jsonl_text
from inspector.domain.lookup_facts import LookupFacts
from inspector.domain.ticket_summary import results_summary
from inspector.logs import SECRETS
from inspector.ui.batch_results_model import ResultRow
from inspector.ui.status import StatusSink

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger("inspector.ui")

KINDS = {  # kind: (dialog title, suggested file name, filter)
    "csv": ("Export as CSV", "time-entries.csv", "CSV files (*.csv)"),
    "jsonl": ("Export as JSON Lines", "time-entries.jsonl", "JSON Lines (*.jsonl)"),
}


def export_text(kind: str, results: Sequence[LookupFacts], now: datetime) -> str:
    """The file's whole text, secrets redacted."""
    if kind == "csv":
        return csv_text(results, now, SECRETS.redact)
    return jsonl_text(export_row(facts, now, SECRETS.redact) for facts in results)


class BatchExport(QObject):
    """``exported(path)`` once a file is written; ``failed(text)`` when it could not be."""

    exported = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        rows: Callable[[], Sequence[ResultRow]],
        dialog_parent: QWidget,
        status: StatusSink,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        """``rows``: the results in the order the table shows them."""
        super().__init__(parent)
        self._rows = rows
        self._dialog_parent = dialog_parent
        self._status = status
        self._clock = clock
        self.dialog: QFileDialog | None = None  # the one asking where (tests fill it in)
        self._writing: set[asyncio.Task[None]] = set()

    @property
    def idle(self) -> bool:
        return not self._writing

    def ask_where(self, kind: str) -> QFileDialog:
        """Ask for the file (not modal: the lookups go on meanwhile), then write it."""
        title, name, filter_text = KINDS[kind]
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = QFileDialog(
            self._dialog_parent, title, str(Path.home() / name), filter_text
        )
        dialog.setObjectName("batchExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.fileSelected.connect(lambda path: self.write(kind, path))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()
        return dialog

    def close_dialog(self) -> None:
        """Close the dialog asking where, if one is open (nothing is written)."""
        if self.dialog is not None:
            self.dialog.close()

    def _forget(self, dialog: QFileDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def write(self, kind: str, path: str) -> None:
        """Write the rows as they are now, off the thread that paints."""
        import asyncio

        results = [row.facts for row in self._rows()]
        task = asyncio.ensure_future(self._write(kind, path, results, self._clock()))
        self._writing.add(task)
        task.add_done_callback(self._writing.discard)

    async def _write(self, kind: str, path: str, results: list[LookupFacts], now: datetime) -> None:
        import asyncio

        def work() -> None:
            from inspector.private_files import write_private_file

            # A file already there is replaced only once the new one is whole.
            write_private_file(path, export_text(kind, results, now))

        try:
            await asyncio.to_thread(work)
        except Exception as error:
            if isinstance(error, OSError):
                reason = error.strerror or str(error)
            else:  # a bug, not the disk: in the log, and said like a disk's failure
                log.error("Export to %s failed", path, exc_info=error)
                reason = "something went wrong in the inspector (see the log)"
            text = f"Could not write {path}: {reason}. Nothing was exported."
            self._status.showMessage(text, 15_000)
            self.failed.emit(text)
            return
        noun = "row" if len(results) == 1 else "rows"
        self._status.showMessage(f"Exported {len(results)} {noun} to {path}.", 8000)
        self.exported.emit(path)

    def copy_summary(self) -> None:
        """*Copy summary for ticket*: the table as Markdown, secrets redacted."""
        rows = self._rows()
        if not rows:
            self._status.showMessage("Nothing to copy: no results yet.", 5000)
            return
        text = results_summary(
            [row.facts for row in rows], self._clock(), markdown=True, redact=SECRETS.redact
        )
        QApplication.clipboard().setText(text)
        self._status.showMessage(f"Copied the summary of {len(rows)} results (Markdown).", 3000)

    def shut_down(self) -> None:
        for task in self._writing:
            task.cancel()
