"""Links that open an entry in the window, ``toggl-inspector://entry/123?meta=1&include_sharing=1``,
and the message a later start of the app hands to the window already open. Parsed here,
without I/O, into a request or a reason fit to show a person: nothing malformed is looked up.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from inspector.domain.entry_id import InvalidEntryId, parse_entry_id
from inspector.domain.link_scheme import LINK_SCHEME as LINK_SCHEME  # re-exported: where it was
from inspector.domain.plain_text import one_line

LINK_HOST = "entry"
LINK_FORM = f"{LINK_SCHEME}://{LINK_HOST}/ID?meta=1&include_sharing=1"
# Far longer than any link this app writes; a longer text is refused before it is parsed.
MAX_LINK_LENGTH = 2000
LINK_OPTIONS = ("meta", "include_sharing")
_TRUE = ("1", "true")
_FALSE = ("0", "false")
# What a link may hold as written (RFC 3986's characters); anything else is named.
_LINK_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")

# The message one start of the app hands to the window already open: one JSON line.
HANDOVER_VERSION = 1
MAX_HANDOVER_BYTES = 4096


class InvalidEntryLink(ValueError):
    """The text is not a link to an entry; ``str(error)`` is the reason, fit to show a person."""


class MalformedHandover(ValueError):
    """A message on the window's socket that no start of this app sends."""


@dataclass(frozen=True)
class EntryRequest:
    """Look this entry up; an option left None keeps the box as the window has it ticked."""

    entry_id: int
    meta: bool | None = None
    include_sharing: bool | None = None


@dataclass(frozen=True)
class Handover:
    """What a later start asks of the window already open: ``target`` as given on its
    command line (an ID or a link; None: only show the window), and the options it was
    given (None: not given)."""

    target: str | None = None
    meta: bool | None = None
    include_sharing: bool | None = None


def is_entry_link(text: str) -> bool:
    """Whether ``text`` is meant as one of this app's links (valid or not)."""
    return text.strip()[: len(LINK_SCHEME) + 1].lower() == LINK_SCHEME + ":"


def entry_link(request: EntryRequest) -> str:
    """The link that opens ``request``."""
    options = [
        f"{name}={int(value)}"
        for name, value in zip(LINK_OPTIONS, (request.meta, request.include_sharing), strict=True)
        if value is not None
    ]
    query = "?" + "&".join(options) if options else ""
    return f"{LINK_SCHEME}://{LINK_HOST}/{request.entry_id}{query}"


def parse_entry_link(text: str) -> EntryRequest:
    """The request ``text`` links to, or :class:`InvalidEntryLink` with a specific reason."""
    link = text.strip()
    if len(link) > MAX_LINK_LENGTH:
        raise InvalidEntryLink(
            f"This link is {len(link)} characters long: an entry link is far shorter."
        )
    if not is_entry_link(link):
        raise InvalidEntryLink(f"This is not a {LINK_SCHEME}:// link; write it as {LINK_FORM}.")
    for position, char in enumerate(link, start=1):
        if char not in _LINK_CHARACTERS:
            shown = (
                "a space"
                if char == " "
                else (f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}")
            )
            raise InvalidEntryLink(
                f"The link holds {shown} at position {position}, which a link cannot hold."
            )
    try:
        parts = urlsplit(link)
    except ValueError as error:
        raise InvalidEntryLink(f"The link is malformed: {error}.") from None
    if not link[len(LINK_SCHEME) + 1 :].startswith("//"):
        raise InvalidEntryLink(f"The link lacks '//' after '{LINK_SCHEME}:': write {LINK_FORM}.")
    if parts.netloc.lower() != LINK_HOST:
        raise InvalidEntryLink(
            f"The link names {_quoted(parts.netloc)} where '{LINK_HOST}' belongs: "
            f"write {LINK_FORM}."
        )
    if parts.fragment or link.endswith("#"):
        raise InvalidEntryLink(
            f"The link ends with '#{_shown(parts.fragment)}': an entry link has no '#' part."
        )
    entry_id = _entry_id(parts.path)
    meta, include_sharing = _options(parts.query)
    return EntryRequest(entry_id, meta, include_sharing)


def entry_request(
    target: str, meta: bool | None = None, include_sharing: bool | None = None
) -> EntryRequest:
    """An ID (in any form the ID field accepts) or a link; ``meta`` and ``include_sharing``,
    when given (command-line flags), win over the link's own.

    Raises :class:`InvalidEntryLink` or :class:`~inspector.domain.entry_id.InvalidEntryId`.
    """
    if is_entry_link(target):
        link = parse_entry_link(target)
        return EntryRequest(
            link.entry_id,
            link.meta if meta is None else meta,
            link.include_sharing if include_sharing is None else include_sharing,
        )
    return EntryRequest(parse_entry_id(target).value, meta, include_sharing)


def encode_handover(handover: Handover) -> bytes:
    message = {
        "v": HANDOVER_VERSION,
        "target": handover.target,
        "meta": handover.meta,
        "include_sharing": handover.include_sharing,
    }
    import json  # only when handing over: the window's start does not need it otherwise

    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def decode_handover(line: bytes) -> Handover:
    """The handover in one line as :func:`encode_handover` writes it, or
    :class:`MalformedHandover` saying what is wrong with it. A target that is not a link must
    be a valid ID (a start refuses any other before it hands anything over); a link is
    checked later, where its reason can be shown."""
    if len(line) > MAX_HANDOVER_BYTES:
        raise MalformedHandover(f"{len(line)} bytes, more than {MAX_HANDOVER_BYTES}")
    import json

    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MalformedHandover("not a line of JSON") from None
    except RecursionError:  # a few thousand "[" fit in the byte limit
        raise MalformedHandover("JSON nested too deeply") from None
    if not isinstance(message, dict):
        raise MalformedHandover("not a JSON object")
    version = message.get("v")
    if type(version) is not int or version != HANDOVER_VERSION:  # true == 1 in Python
        raise MalformedHandover(f"version {_shown(repr(message.get('v')))}, not {HANDOVER_VERSION}")
    unknown = sorted(set(message) - {"v", "target", *LINK_OPTIONS})
    if unknown:
        raise MalformedHandover(f"unknown keys {_shown(', '.join(map(str, unknown)))}")
    target = message.get("target")
    if target is not None and not isinstance(target, str):
        raise MalformedHandover("the target is not text")
    if target is not None and not is_entry_link(target):
        try:
            parse_entry_id(target)
        except InvalidEntryId as error:
            raise MalformedHandover(f"the target is not an entry ID: {error}") from None
    flags = [message.get(name) for name in LINK_OPTIONS]
    if any(flag is not None and not isinstance(flag, bool) for flag in flags):
        raise MalformedHandover("meta and include_sharing must be true, false or null")
    return Handover(target, flags[0], flags[1])


def _entry_id(path: str) -> int:
    segments = path.split("/")[1:]  # the path starts with "/" whenever it is not empty
    if segments and segments[-1] == "":
        segments.pop()  # toggl-inspector://entry/123/ as well
    if not segments or segments == [""]:
        raise InvalidEntryLink(f"The link names no entry ID: write {LINK_FORM}.")
    if len(segments) > 1:
        raise InvalidEntryLink(
            f"The link has {_quoted('/'.join(segments[1:]))} after the entry ID: write {LINK_FORM}."
        )
    try:
        return parse_entry_id(segments[0]).value
    except InvalidEntryId as error:
        raise InvalidEntryLink(f"The link's entry ID is not valid: {error}") from None


def _options(query: str) -> tuple[bool | None, bool | None]:
    values: dict[str, bool] = {}
    for field in query.split("&") if query else ():
        name, has_value, value = (unquote(part) for part in field.partition("="))
        if not field:
            raise InvalidEntryLink(
                f"The link's options {_quoted(query)} have an empty part: write {LINK_FORM}."
            )
        if name not in LINK_OPTIONS:
            raise InvalidEntryLink(
                f"The link has the option {_quoted(name)}; it knows only meta and include_sharing."
            )
        if name in values:
            raise InvalidEntryLink(f"The link gives {name} twice.")
        if value.lower() in _TRUE and has_value:
            values[name] = True
        elif value.lower() in _FALSE:
            values[name] = False
        else:
            written = f"{name}={_shown(value)}" if has_value else f"{name} without a value"
            raise InvalidEntryLink(
                f"The link has {written}: write {name}=1 or {name}=0 (true and false work too)."
            )
    return values.get("meta"), values.get("include_sharing")


def _shown(text: str) -> str:
    return one_line(text, 60)


def _quoted(text: str) -> str:
    return f"'{_shown(text)}'"
