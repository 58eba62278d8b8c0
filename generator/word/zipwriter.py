"""The .docx package written by hand: shared entries packed once, the rest per document.

Python's zipfile recompresses and rewrites every entry of every file. A batch of letters shares
all but a few parts of one template, so :class:`Package` deflates the shared ones once, with
their headers, and each document adds only its own rendered parts.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

#: Deflate level for parts packed per document: level 6 (zlib's default) costs twice level 1 for
#: a few per cent of size on a letter, and a batch writes thousands of them.
COMPRESSION_LEVEL = 1


@dataclass(frozen=True)
class ZipEntry:
    """A zip entry's name and time stamp, as its headers record them."""

    name: str
    name_bytes: bytes
    flags: int
    dos_time: int
    dos_date: int

    @classmethod
    def named(
        cls, name: str, date_time: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)
    ) -> ZipEntry:
        try:
            name_bytes, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            name_bytes, flags = name.encode("utf-8"), 0x800  # the "name is UTF-8" flag
        year, month, day, hour, minute, second = date_time
        year = min(max(year, 1980), 2107)
        dos_time = (hour << 11) | (minute << 5) | (second // 2)
        dos_date = ((year - 1980) << 9) | (month << 5) | day
        return cls(name, name_bytes, flags, dos_time, dos_date)


@dataclass(frozen=True)
class Packed:
    """One entry ready to go in a package: its local header with the deflated data, and its
    central directory record up to (not including) the offset, which depends on the package."""

    entry: ZipEntry
    local: bytes
    central: bytes


def deflate(data: bytes, level: int = COMPRESSION_LEVEL) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def pack(entry: ZipEntry, data: bytes, level: int = COMPRESSION_LEVEL) -> Packed:
    """An entry with its data deflated."""
    return pack_deflated(entry, zlib.crc32(data), deflate(data, level), len(data))


def pack_deflated(entry: ZipEntry, crc: int, compressed: bytes, size: int) -> Packed:
    """An entry whose data is already deflated (and its CRC and size known)."""
    local = (
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            entry.flags,
            zipfile.ZIP_DEFLATED,
            entry.dos_time,
            entry.dos_date,
            crc,
            len(compressed),
            size,
            len(entry.name_bytes),
            0,
        )
        + entry.name_bytes
        + compressed
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHI",
        0x02014B50,
        20,
        20,
        entry.flags,
        zipfile.ZIP_DEFLATED,
        entry.dos_time,
        entry.dos_date,
        crc,
        len(compressed),
        size,
        len(entry.name_bytes),
        0,
        0,
        0,
        0,
        0,
    )
    return Packed(entry, local, central)


class Package:
    """The entries every document of a batch shares, as one block with its directory records.

    :meth:`build` appends a document's own entries after them. (Order within a package means
    nothing to Word or LibreOffice; [Content_Types].xml, always shared, stays first.)
    """

    def __init__(self, shared: Sequence[Packed]) -> None:
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for packed in shared:
            local.append(packed.local)
            central.append(packed.central + struct.pack("<I", offset) + packed.entry.name_bytes)
            offset += len(packed.local)
        self._local = b"".join(local)
        self._central = b"".join(central)
        self._count = len(shared)

    def build(self, own: Sequence[Packed]) -> bytes:
        """The whole .docx: the shared entries, then ``own``, then the directory."""
        local = [self._local]
        central = [self._central]
        offset = len(self._local)
        for packed in own:
            local.append(packed.local)
            central.append(packed.central + struct.pack("<I", offset) + packed.entry.name_bytes)
            offset += len(packed.local)
        directory = b"".join(central)
        count = self._count + len(own)
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), offset, 0)
        return b"".join(local) + directory + end
