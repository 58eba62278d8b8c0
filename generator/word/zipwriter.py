"""The .docx package written by hand: zip entries deflated once, headers packed per document.

Python's zipfile recompresses and rewrites every entry for every file; a batch of letters shares
all but a few parts, so those are deflated once with their headers and copied as bytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

from generator.word.batch import _Part


@dataclass
class ZipEntry:
    """One zip entry: ready-made bytes when static, a template when rendered per document."""

    name: str
    name_bytes: bytes
    flags: int
    dos_time: int
    dos_date: int
    local: bytes = b""  # static: local header + deflated data
    central: bytes = b""  # static: central record up to (not including) the offset field
    part: _Part | None = None


def deflate(data: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def zip_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800  # the "name is UTF-8" flag


def dos_stamp(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def local_header(entry: ZipEntry, crc: int, compressed: int, size: int) -> bytes:
    return (
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            entry.flags,
            zipfile.ZIP_DEFLATED,
            entry.dos_time,
            entry.dos_date,
            crc,
            compressed,
            size,
            len(entry.name_bytes),
            0,
        )
        + entry.name_bytes
    )


def central_head(entry: ZipEntry, crc: int, compressed: int, size: int) -> bytes:
    return struct.pack(
        "<IHHHHHHIIIHHHHHI",
        0x02014B50,
        20,
        20,
        entry.flags,
        zipfile.ZIP_DEFLATED,
        entry.dos_time,
        entry.dos_date,
        crc,
        compressed,
        size,
        len(entry.name_bytes),
        0,
        0,
        0,
        0,
        0,
    )
