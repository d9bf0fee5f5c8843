"""Text from a server or a person, made safe to show: control characters made visible (shown,
never obeyed by a terminal, a log file or a widget) and length bounded.

Every face uses these: `get`'s text output, log records, and the window's labels and tooltips.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
# One line on screen: the banner, a label, a tooltip line.
SHORT_TEXT_LIMIT = 300

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL; the Unicode line and paragraph separators; the bidirectional
# embeddings, overrides and isolates that can make text read backwards. Joiners and the
# like (U+200D in emoji) are left alone: they change no meaning of the text around them.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def show_controls(text: str, *, keep_line_breaks: bool = False) -> str:
    r"""``text`` with each control character written out (``\x1b``, ``\n``, ``\u202e``).

    ``keep_line_breaks`` leaves newlines and tabs as they are, for multi-line places.
    """
    pattern = _CONTROLS_BUT_LINES if keep_line_breaks else _CONTROLS
    return pattern.sub(_escape, text)


def bounded(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """At most ``limit`` characters, the last one "…" when something was cut."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def one_line(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """Server or user text for one line on screen: controls shown, then bounded."""
    return bounded(show_controls(text), limit)
