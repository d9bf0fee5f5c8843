"""Indenting a JSON body for reading without changing a single token of it.

json.loads + json.dumps would re-spell numbers (1E2 -> 100.0), re-escape strings and drop
duplicate keys; a support engineer comparing with what the server sent needs the tokens
exactly as received, so only the white space between tokens is rewritten here.
"""

from __future__ import annotations

import json
import re

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.DOTALL)


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
        match = _TOKEN.match(body, position)
        if match is None:
            return body
        position = match.end()
        string, punctuation, bare = match.groups()
        if punctuation is None and after_value:
            return body  # two values in a row: not JSON, leave it alone
        after_value = punctuation is None or punctuation in ("}", "]")
        if punctuation in ("{", "["):
            closes_at_once = _next_non_space(body, position) in ("}", "]")
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
            pieces.append(string if string is not None else bare)
    return "".join(pieces)


def _next_non_space(text: str, position: int) -> str:
    rest = text[position:].lstrip()
    return rest[:1]
