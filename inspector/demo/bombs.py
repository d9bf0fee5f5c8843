"""Compressed bodies that unpack to far more than any answer: the demo's decompression bombs.

Compressing gigabytes of zeros for real takes seconds; a deflate stream of zeros is
periodic, though. After a full flush the compressor starts afresh, so each further MiB of
zeros compresses to the very same bytes: a bomb of N MiB is that block N times, built in
milliseconds. The gzip trailer's CRC-32 of so many zeros is found the same way zlib's
``crc32_combine`` does it, by squaring the CRC's shift operator (no byte is hashed twice).
"""

from __future__ import annotations

import functools
import gzip
import struct
import zlib

MIB = 1024 * 1024
_GZIP_HEADER = bytes((0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 255))  # deflate, no name, mtime 0
_CRC32_POLYNOMIAL = 0xEDB88320


@functools.cache
def gzip_of_zeros(mib: int) -> bytes:
    """A valid gzip member that unpacks to ``mib`` MiB of zero bytes (about 1 KB per MiB)."""
    if mib < 1:
        raise ValueError("at least one MiB")
    zeros = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(zeros) + compressor.flush(zlib.Z_FINISH)
    size = mib * MIB
    trailer = struct.pack("<II", crc32_of_zeros(size), size & 0xFFFFFFFF)
    return _GZIP_HEADER + block * (mib - 1) + last + trailer


@functools.cache
def gzip_of_gzip_of_zeros(mib: int) -> bytes:
    """The bomb of issue #12: gzip of (gzip of ``mib`` MiB of zeros), a few kilobytes."""
    return gzip.compress(gzip_of_zeros(mib), compresslevel=9, mtime=0)


def crc32_of_zeros(length: int) -> int:
    """zlib.crc32(bytes(length)), without hashing ``length`` bytes: the CRCs of runs of
    1, 2, 4, ... zeros, combined for the bits of ``length``."""
    crc = 0  # of no bytes at all
    run_crc, run = zlib.crc32(b"\0"), 1
    while length:
        if length & 1:
            crc = _crc32_combine(crc, run_crc, run)
        run_crc, run = _crc32_combine(run_crc, run_crc, run), run * 2
        length >>= 1
    return crc


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    row = 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[row]) for row in range(32)]


def _crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from crc1 = crc32(A), crc2 = crc32(B) and len(B) (zlib's method)."""
    if length2 <= 0:
        return crc1
    odd = [_CRC32_POLYNOMIAL] + [1 << row for row in range(31)]  # one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2
