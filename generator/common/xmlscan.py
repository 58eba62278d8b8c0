"""One XML part of a package from someone else, read as a parser would read it, before any does.

A parser does not trust a part's name or extension: it finds the encoding from the first bytes
and the encoding declaration (XML 1.0, appendix F), so a part may be UTF-32, UTF-16 without a
byte-order mark, EBCDIC, or any encoding its declaration names (UTF-7 included). A DOCTYPE, and
with it every entity declaration, can hide in any of them. :class:`PartScan` detects the encoding
the same way, decodes the part as it inflates, chunk by chunk, refuses a DOCTYPE in the decoded
text and in the raw bytes (so that a parser reading it either way finds none), and counts the
elements a parser would build.

A part whose encoding the parser could read but Python cannot decode is refused rather than
waved through.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib

# Encodings by their first bytes: byte-order marks first, then the "<?" of a declaration (or
# the "<" of a first tag) in each layout, as libxml2 and expat detect them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC: the declaration says which EBCDIC
)
#: UCS-4 in the unusual byte orders 2143 and 3412, which no Python codec decodes.
_UNUSUAL_ORDERS = (b"\x00\x00\xff\xfe", b"\xfe\xff\x00\x00", b"\x00\x00<\x00", b"\x00<\x00\x00")
_DECLARATION = re.compile(
    r"""<\?xml\s+version\s*=\s*(["'])[^"']*\1\s*(?:encoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\2)?"""
)
_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
_DOCTYPE_LENGTH = len(b"<!doctype")
# A whole tag: attribute values may hold ">" but never "<".
_WHOLE_TAG = re.compile(rb"<(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>")
#: How much of a part's start a declaration may take; the rest decodes as it names.
_HEAD = 1024


class XmlScanError(Exception):
    """A part that must not reach a parser; ``str`` completes "part NAME ...; it was refused"."""


def detect_encoding(head: bytes) -> str | None:
    """The codec a parser would decode a part with, from its first bytes; None if not XML.

    Raises XmlScanError for an encoding a parser may read but Python cannot.
    """
    if head.startswith(_UNUSUAL_ORDERS):
        raise XmlScanError(
            "is written in UCS-4 in an unusual byte order, which this tool cannot read"
        )
    found = next((name for signature, name in _SIGNATURES if head.startswith(signature)), None)
    if found is None:
        if not head.lstrip(b" \t\r\n").startswith(b"<"):
            return None  # neither a byte-order mark nor markup: no parser reads it as XML
        found = "utf-8"
    text = head[:_HEAD].decode(found, errors="replace").lstrip("\ufeff")
    declared = _DECLARATION.match(text)
    name = declared.group(3) if declared else None
    if name is None:
        return found
    if head.startswith(b"\xef\xbb\xbf") or found.startswith(("utf-16", "utf-32")):
        return found  # a byte-order mark or a two- or four-byte layout wins, as in the parsers
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise XmlScanError(
            f"names the encoding {name!r}, which this tool cannot read to check it"
        ) from None


class PartScan:
    """One part, fed as it inflates: refuses a DOCTYPE, counts elements, yields settled text.

    :meth:`feed` returns the part's text as UTF-8, up to the last ``<`` seen (everything when
    ``final``), so that a caller matching whole tags never sees one cut by a chunk boundary. A
    tag held back longer than ``max_tag`` bytes is given up unless it matches ``guard``, which
    is refused instead (it could not be checked); :attr:`gave_up` then says so, since a caller
    matching whole tags may have missed it. (What is held back runs from the last ``<``: a
    whole tag followed by a long text, a cell's 30,000 characters, was not cut, and is no tag
    given up.)
    """

    def __init__(
        self, max_tag: int = 65_536, guard: re.Pattern[bytes] | None = None, guarded: str = ""
    ) -> None:
        self.max_tag, self.guard, self.guarded = max_tag, guard, guarded
        self.xml = False
        self.encoding = ""
        self.elements = 0
        #: Whether a tag too long to hold back was passed on unchecked, perhaps cut in two.
        self.gave_up = False
        self._started = False
        self._decoder: codecs.IncrementalDecoder | None = None
        self._tail = b""
        self._raw_tail = b""

    def feed(self, chunk: bytes, final: bool = False) -> bytes:
        if not self._started:
            if not chunk and not final:
                return b""
            self._started = True
            encoding = detect_encoding(chunk)
            self.xml, self.encoding = encoding is not None, encoding or ""
            if encoding is not None and encoding != "utf-8":
                self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        if not self.xml:
            return b""
        raw = self._raw_tail + chunk
        if _has_doctype(raw):  # as bytes too: for a parser that ignores the declaration
            raise XmlScanError("declares a DOCTYPE (XML entities), which a genuine part never does")
        self._raw_tail = raw[-_DOCTYPE_LENGTH:]
        if self._decoder is not None:
            chunk = self._decoder.decode(chunk, final).encode("utf-8", errors="replace")
        data = self._tail + chunk
        if self._decoder is not None and _has_doctype(data):
            raise XmlScanError(
                f"declares a DOCTYPE (XML entities) in {self.encoding}, which a genuine part "
                "never does"
            )
        cut = len(data) if final else data.rfind(b"<")
        if cut == -1:
            cut = len(data)
        settled, self._tail = data[:cut], data[cut:]
        if len(self._tail) > self.max_tag:
            if self.guard is not None and self.guard.match(self._tail):
                raise XmlScanError(f"has a {self.guarded} tag too long to check")
            self.gave_up = self.gave_up or _WHOLE_TAG.match(self._tail) is None
            settled, self._tail = data, b""
        self.elements += (
            settled.count(b"<")
            - settled.count(b"</")
            - _count_rare(settled, b"<!")
            - _count_rare(settled, b"<?")
        )
        return settled


def _has_doctype(data: bytes) -> bool:
    # A DOCTYPE holds a "!", which a single-byte search finds at memory speed; the pattern,
    # several times slower, looks from there on only.
    bang = data.find(b"!")
    return bang != -1 and _DOCTYPE.search(data, max(bang - 1, 0)) is not None


def _count_rare(text: bytes, pair: bytes) -> int:
    """``text.count(pair)``, searched only from the first to the last of its second byte, rare
    in a part: a single byte is found at memory speed, a pair a hundred times slower."""
    first = text.find(pair[1:])
    if first == -1:
        return 0
    return text.count(pair, max(first - 1, 0), text.rfind(pair[1:]) + 1)


def scan_package(archive: zipfile.ZipFile) -> None:
    """Every part of a package whose sizes are already bounded, read whole through
    :class:`PartScan`; XmlScanError names the part ("part word/document.xml declares ...")."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        try:
            PartScan().feed(archive.read(info), final=True)
        except XmlScanError as error:
            raise XmlScanError(f"part {info.filename} {error}") from None
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError):
            raise XmlScanError(f"part {info.filename} is damaged and cannot be read") from None
