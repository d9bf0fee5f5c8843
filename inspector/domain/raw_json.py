"""Indenting a JSON body for reading without changing a single token of it, and cutting
what no one can read on one line.

json.loads + json.dumps would re-spell numbers (1E2 -> 100.0), re-escape strings and drop
duplicate keys; a support engineer comparing with what the server sent needs the tokens
exactly as received, so only the white space between tokens is rewritten here.

Both functions run in time linear in the body and never spend long in one call into C
(a string's end is found with str.find, not one regular expression over a megabyte), so a
worker thread running them leaves the interpreter to the window every few milliseconds.
"""

from __future__ import annotations

import json
import re

_SPACE = re.compile(r"\s*")
_BARE = re.compile(r'[^\s{}\[\]:,"]+')
_PUNCTUATION = frozenset("{}[],:")

# A line longer than this is shown cut: a text view that lays out a megabyte on one line
# freezes the window for a minute, and nobody reads it there.
RAW_LINE_LIMIT = 4000
COPY_HINT = "Copy entry as JSON has them all"


def indent_verbatim(body: str, indent: str = "  ") -> str:
    """Return ``body`` re-indented; if it is not valid JSON, return it unchanged."""
    try:
        json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested past what json reads
        return body
    pieces: list[str] = []
    depth = 0
    position = 0
    after_value = False
    body_end = len(body.rstrip())
    while position < body_end:
        position = _skip_space(body, position)
        punctuation: str | None = None
        first = body[position]
        if first == '"':
            end = _string_end(body, position)
            if end < 0:
                return body
            token = body[position:end]
        elif first in _PUNCTUATION:
            token = punctuation = first
            end = position + 1
        else:
            match = _BARE.match(body, position)
            if match is None:
                return body
            token, end = match.group(), match.end()
        position = end
        if punctuation is None and after_value:
            return body  # two values in a row: not JSON, leave it alone
        after_value = punctuation is None or punctuation in ("}", "]")
        if punctuation in ("{", "["):
            after = _skip_space(body, position)
            closes_at_once = body[after : after + 1] in ("}", "]")
            depth += 1
            pieces.append(punctuation if closes_at_once else punctuation + "\n" + indent * depth)
        elif punctuation in ("}", "]"):
            depth -= 1
            if depth < 0:
                return body
            if pieces and not pieces[-1].endswith(("{", "[")):
                pieces.append("\n" + indent * depth)
            pieces.append(punctuation)
        elif punctuation == ",":
            pieces.append(",\n" + indent * depth)
        elif punctuation == ":":
            pieces.append(": ")
        else:
            pieces.append(token)
    return "".join(pieces)


def cut_long_lines(text: str, limit: int = RAW_LINE_LIMIT) -> str:
    """``text`` with every line longer than ``limit`` characters cut there, followed by how
    many characters were left out and where to get them."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    lines: list[str] = []
    start = 0
    while True:
        end = text.find("\n", start)
        last = end < 0
        if last:
            end = len(text)
        length = end - start
        if length > limit:
            lines.append(
                f"{text[start : start + limit]} … {length - limit:,} more characters; {COPY_HINT}"
            )
        else:
            lines.append(text[start:end])
        if last:
            return "\n".join(lines)
        start = end + 1


def readable_raw_json(body: str, line_limit: int = RAW_LINE_LIMIT) -> str:
    """The Raw JSON view's text: ``body`` indented verbatim, each line at most
    ``line_limit`` characters (plus the note of what was cut)."""
    return cut_long_lines(indent_verbatim(body), line_limit)


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    assert match is not None  # \s* always matches
    return match.end()


def _string_end(text: str, start: int) -> int:
    """Where the string literal opening at ``start`` ends (just past its closing quote),
    or -1 if it never closes."""
    search = start + 1
    while True:
        quote = text.find('"', search)
        if quote < 0:
            return -1
        backslashes = 0
        while text[quote - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return quote + 1
        search = quote + 1
