"""Unpacking a compressed answer without ever holding more of it than the body cap allows.

httpx unpacks a body as it arrives, but each piece whole: one 64 KB piece of a gzip bomb
becomes 64 MB in one call, and a body compressed twice ("Content-Encoding: gzip, gzip")
becomes gigabytes from a few kilobytes, in one call that no deadline or signal can stop.
Here the inspector reads the raw bytes itself and unpacks them with a limit on every call's
output, so the cap holds while unpacking and the caller can let its event loop run between
pieces. Only what the inspector asks for (``ACCEPT_ENCODING``) is unpacked; anything else,
and a body compressed more than once, is refused with a sentence saying so.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

ACCEPT_ENCODING = "gzip, deflate"
# Output of one call into zlib: small enough that a caller yielding between pieces keeps
# a window painting (64 KiB of zeros unpack in well under a millisecond).
PIECE_BYTES = 64 * 1024

_GZIP = ("gzip", "x-gzip")
_DEFLATE = ("deflate",)


class UnreadableEncoding(ValueError):
    """The answer's Content-Encoding is one the inspector does not unpack; the message is a
    sentence for a person."""


class BodyTooLarge(ValueError):
    """Unpacking would pass the limit: reading stops."""


class CorruptEncoding(ValueError):
    """The bytes do not match their Content-Encoding."""


def codings_of(header: str | None) -> list[str]:
    """The content codings named by a Content-Encoding header, in the order applied,
    lower case, without ``identity`` (which means none)."""
    if not header:
        return []
    named = [part.strip().lower() for part in header.split(",")]
    return [coding for coding in named if coding and coding != "identity"]


def unpacker_for(header: str | None, limit: int) -> Unpacker | None:
    """The Unpacker for an answer's Content-Encoding (None: the body is as sent), or
    UnreadableEncoding saying why it cannot be read."""
    codings = codings_of(header)
    if not codings:
        return None
    shown = ", ".join(codings)
    if len(codings) > 1:
        raise UnreadableEncoding(
            f"The server compressed its answer {len(codings)} times over (Content-Encoding: "
            f"{_bounded(shown)}); the inspector asks for one compression at most and does not "
            "unpack layer upon layer (a few kilobytes that way can unpack to gigabytes). "
            "Nothing was unpacked."
        )
    coding = codings[0]
    if coding in _GZIP:
        return Unpacker(zlib.MAX_WBITS | 16, limit)
    if coding in _DEFLATE:
        return Unpacker(zlib.MAX_WBITS, limit, raw_fallback=True)
    raise UnreadableEncoding(
        f"The server sent its answer encoded as {_bounded(coding)!r} (Content-Encoding), "
        f"which the inspector did not ask for (it asks for {ACCEPT_ENCODING}) and cannot read."
    )


class Unpacker:
    """Unpacks one gzip or deflate stream fed in pieces, never producing more than ``limit``
    bytes in all and at most PIECE_BYTES per step."""

    def __init__(self, wbits: int, limit: int, *, raw_fallback: bool = False) -> None:
        self._wbits = wbits
        self._limit = limit
        self._raw_fallback = raw_fallback  # "deflate" is zlib-wrapped, or raw by mistake
        self._started = False
        self._inflater = zlib.decompressobj(wbits)
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The unpacked pieces of ``data``; raise BodyTooLarge as soon as the output would
        pass the limit, CorruptEncoding when the bytes are not what they claim."""
        while data:
            if self._inflater.eof:
                data = self._next_member(data)
                if not data:
                    return
            room = self._limit - self.produced
            try:
                piece = self._inflater.decompress(data, min(PIECE_BYTES, room + 1))
            except zlib.error as error:
                if self._raw_fallback and not self._started:
                    self._raw_fallback = False
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise CorruptEncoding(str(error)) from None
            self._started = True
            data = self._inflater.unconsumed_tail or (
                self._inflater.unused_data if self._inflater.eof else b""
            )
            yield from self._count(piece)

    def finish(self) -> Iterator[bytes]:
        """What the unpacker still holds once the body has ended."""
        try:
            rest = self._inflater.flush()
        except zlib.error as error:  # pragma: no cover - flush after decompress rarely fails
            raise CorruptEncoding(str(error)) from None
        yield from self._count(rest)

    def _count(self, piece: bytes) -> Iterator[bytes]:
        self.produced += len(piece)
        if self.produced > self._limit:
            raise BodyTooLarge(f"more than {self._limit} bytes once unpacked")
        if piece:
            yield piece

    def _next_member(self, data: bytes) -> bytes:
        """After a gzip member, another may follow (``cat a.gz b.gz``); after a deflate
        stream, nothing can: whatever follows is ignored, as other clients do."""
        if self._wbits & 16 and data[:2] == b"\x1f\x8b":
            self._inflater = zlib.decompressobj(self._wbits)
            return data
        return b""


def _bounded(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
