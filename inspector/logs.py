"""Logging for both faces: stderr when asked, and a rotating file in the platform's log
directory with each lookup's outcome and request id. Secrets are redacted on the way out."""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

LOG_DIR_ENV = "TOGGL_INSPECTOR_LOG_DIR"
LOG_FILE_NAME = "inspector.log"
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replaces every registered secret in a record's text before any handler writes it."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def register(self, secret: str) -> None:
        if secret and secret not in self._secrets:
            with self._lock:
                self._secrets.add(secret)
                # At each position the longest secret that starts there (a lookahead, so
                # overlapping occurrences are all found): "pass" never cuts "password1".
                alternation = "|".join(
                    re.escape(s) for s in sorted(self._secrets, key=len, reverse=True)
                )
                self._pattern = re.compile(f"(?=({alternation}))")

    def filter(self, record: logging.LogRecord) -> bool:
        if self._pattern is None:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True

    def redact(self, text: str) -> str:
        """``text`` with every occurrence of every registered secret replaced; where
        occurrences overlap or touch, the whole stretch they cover is one "[redacted]"."""
        pattern = self._pattern
        if pattern is None:
            return text
        spans: list[list[int]] = []
        for match in pattern.finditer(text):
            start, end = match.start(), match.start() + len(match.group(1))
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        if not spans:
            return text
        pieces: list[str] = []
        kept_from = 0
        for start, end in spans:
            pieces += (text[kept_from:start], "[redacted]")
            kept_from = end
        pieces.append(text[kept_from:])
        return "".join(pieces)


SECRETS = RedactSecrets()


class PlainTextFormatter(logging.Formatter):
    """One record, one line: control characters in it (a server's words, say) are written
    out, so nothing can forge a line or steer the terminal that shows the log. A traceback
    keeps its lines, each shown the same way and indented under its record, so none of
    them can pass for a record of its own."""

    def format(self, record: logging.LogRecord) -> str:
        from inspector.domain.plain_text import show_controls

        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = show_controls(self.formatMessage(record))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        blocks = [record.exc_text] if record.exc_text else []
        if record.stack_info:
            blocks.append(self.formatStack(record.stack_info))
        for block in blocks:
            text += "".join("\n  " + show_controls(line) for line in block.split("\n"))
        return text


def log_directory(environ: Mapping[str, str]) -> Path:
    override = environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs  # imported when the log file is set up, not at start-up

    return platformdirs.user_log_path("toggl-inspector", appauthor=False)


def _report_crashes_through_logging() -> None:
    """An unexpected exception (in a Qt slot, a thread, anywhere) is reported through the
    logging handlers, so its text is redacted like every log line, on stderr and in the
    log file alike."""
    crash_log = logging.getLogger("inspector.crash")

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        crash_log.critical(
            "Unexpected error: %s: %s", kind.__name__, error, exc_info=(kind, error, trace)
        )

    def report_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = report
    threading.excepthook = report_thread


def _private_rotating_handler(path: Path) -> logging.Handler:
    """A RotatingFileHandler whose files are 0600 whatever the umask: the log holds email
    addresses, entry IDs and what servers said."""
    from logging.handlers import RotatingFileHandler  # not needed before the first paint

    from inspector.private_files import keep_private, open_private

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            descriptor = open_private(self.baseFilename, os.O_WRONLY | os.O_APPEND)
            return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

        def rotate(self, source: str, dest: str) -> None:
            super().rotate(source, dest)
            keep_private(dest)

    return PrivateRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def configure_logging(
    verbose: bool, environ: Mapping[str, str], log_file: bool = True
) -> Path | None:
    """Set up stderr (INFO with -v, else WARNING) and the log file; return the file's path.

    A log directory that cannot be written is reported once and skipped: logging is never
    a reason for a lookup to fail.
    """
    _report_crashes_through_logging()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(PlainTextFormatter(_FORMAT))
    console.addFilter(SECRETS)
    root.addHandler(console)
    if not log_file:
        return None
    path = log_directory(environ) / LOG_FILE_NAME
    from inspector.private_files import keep_private, make_private_directory

    try:
        # Its own directory (not one named in the environment) is set 0700 if it exists.
        make_private_directory(path.parent, ours=not environ.get(LOG_DIR_ENV, "").strip())
        for number in range(1, BACKUP_COUNT + 1):  # rotated by an older version, say
            keep_private(f"{path}.{number}")
        file_handler = _private_rotating_handler(path)
    except OSError as error:
        logging.getLogger("inspector").warning("No log file (%s): %s", path, error)
        return None
    file_handler.setLevel(logging.INFO)
    file_handler.setFormatter(PlainTextFormatter(_FORMAT))
    file_handler.addFilter(SECRETS)
    root.addHandler(file_handler)
    return path
