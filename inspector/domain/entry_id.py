"""Turning what a person typed or pasted into a time entry ID, or a reason why not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_ENTRY_ID = 2**63 - 1

_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_HASH_FORM = re.compile(r"#([0-9]+)", re.ASCII)
# API URLs are the only links known to carry a time entry ID (the web app has no deep link).
_API_URL_FORM = re.compile(
    r"https?://api\.track\.toggl\.com/api/v9/"
    r"(?:me|workspaces/[0-9]+)/time_entries/([0-9]+)/?(?:\?[^#\s]*)?",
    re.ASCII,
)


class InvalidEntryId(ValueError):
    """The text is not a time entry ID; ``str(error)`` is the reason, fit to show a person."""


@dataclass(frozen=True)
class ParsedEntryId:
    value: int
    reduced_from: str | None = None  # "URL" or "#123" when the ID was taken out of a longer form


def parse_entry_id(text: str) -> ParsedEntryId:
    """Return the ID in ``text`` or raise :class:`InvalidEntryId` with a specific reason.

    Accepted: ASCII digits (surrounding white space trimmed), ``#123``, or a Toggl API URL
    ending in ``/time_entries/123``. The result is always a positive int up to 2**63-1, so
    nothing typed here can reach the request path as anything but digits.
    """
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())  # positions in reasons count from what was typed
    if not stripped:
        raise InvalidEntryId("Enter a time entry ID (a positive whole number).")
    if _ASCII_DIGITS.fullmatch(stripped):
        return ParsedEntryId(_checked_value(stripped))
    if match := _HASH_FORM.fullmatch(stripped):
        return ParsedEntryId(_checked_value(match.group(1)), reduced_from="#ID")
    if match := _API_URL_FORM.fullmatch(stripped):
        return ParsedEntryId(_checked_value(match.group(1)), reduced_from="URL")
    raise InvalidEntryId(_reason_for(stripped, offset))


def _checked_value(digits: str) -> int:
    significant = digits.lstrip("0")
    if len(significant) > len(str(MAX_ENTRY_ID)):  # before int(): Python refuses >4300 digits
        raise InvalidEntryId(_too_large(significant))
    value = int(significant or "0")
    if value == 0:
        raise InvalidEntryId("0 is not a time entry ID: IDs start at 1.")
    if value > MAX_ENTRY_ID:
        raise InvalidEntryId(_too_large(significant))
    return value


def _too_large(significant_digits: str) -> str:
    return (
        f"{len(significant_digits)} digits is too large for a time entry ID "
        f"(the largest is {MAX_ENTRY_ID})."
    )


def _reason_for(text: str, offset: int) -> str:
    """Explain the first thing that makes ``text`` not an ID."""
    if text[0] in "+-":
        return "IDs are positive whole numbers: leave out the sign."
    if text.startswith(("http://", "https://")):
        return "This link does not carry a time entry ID."
    if text == "#":
        return "Type the ID's digits after '#'."
    skip = 1 if text.startswith("#") else 0  # "#123" is a recognised form: judge the rest
    for position, char in enumerate(text[skip:], start=1 + skip + offset):
        if "0" <= char <= "9":
            continue
        if char.isdigit() or unicodedata.category(char) == "Nd":
            return f"'{char}' at position {position} is not an ASCII digit: type the ID with 0-9."
        if char in ".,":
            return "IDs are whole numbers: no decimal point or separator."
        if char.isspace():
            return "IDs have no spaces inside."
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        return f"'{shown}' at position {position} is not allowed: use only the digits 0-9."
    raise AssertionError("unreachable: text of ASCII digits is accepted")  # pragma: no cover
