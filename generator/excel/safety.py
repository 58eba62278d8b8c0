"""Look at a workbook from someone else before any parser touches it.

An .xlsx is a zip of XML files. A small zip can inflate to gigabytes (a "zip bomb"), and XML can
declare entities that expand without end or reach for outside files. openpyxl guards against
neither decompression nor (without defusedxml) entities. So before parsing, this module:

* tells apart what people actually send: legacy .xls, password-protected workbooks, Word
  documents and OpenDocument files renamed .xlsx, empty files, folders;
* checks the zip's entry count, declared sizes and compression ratios against the limits below;
* inflates every entry in bounded chunks and stops as soon as an entry produces more than it
  declared or the total passes the limit, so a lying header costs little time and no memory;
* reads every XML part whole (UTF-8 or UTF-16, whatever its name) and refuses any that declares
  a DOCTYPE (no part of a genuine workbook does);
* adds up the cells named by merged ranges, hyperlinks and comments, which openpyxl turns into
  one object per cell as it loads: a single tag naming A1:XFD1048576 is 17 billion objects.

The limits are generous for a coalition plan: the sample workbook inflates to about 1.5 MB.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from generator.common.errors import UnsafeWorkbookError, WorkbookError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_entries: int = 2_000
    max_entry_size: int = 64 * MiB  # inflated size of one part
    max_total_size: int = 256 * MiB  # inflated size of the whole package
    max_ratio: float = 200.0  # inflated / compressed, for parts over ratio_floor
    ratio_floor: int = 1 * MiB  # small parts of repeated XML compress very well, legitimately
    max_range_cells: int = 100_000  # cells of all merged, hyperlinked and commented ranges
    max_tag: int = 65_536  # bytes of one merged-range, hyperlink or comment tag


LIMITS = Limits()

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1 * MiB
_DOCTYPE = b"<!DOCTYPE"
# The start of a tag whose ref openpyxl expands cell by cell, and the whole tag: attribute values
# may hold ">" but never "<", which keeps a look-alike inside a comment from swallowing a real tag.
_RANGE_START = re.compile(rb"<(?:[\w.-]+:)?(?:mergeCell|hyperlink|comment)(?=[\s/>])")
_RANGE_TAG = re.compile(_RANGE_START.pattern + rb"(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>")
_REF = re.compile(rb"""(?<![\w.-])ref\s*=\s*(["'])([^"'<]*)\1""")
_CELLS = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?")


def inspect_workbook(path: Path, limits: Limits = LIMITS) -> None:
    """Raise a one-sentence error if ``path`` is not a workbook that is safe to parse."""
    path = Path(path)
    try:
        path.stat()  # unlike exists(), tells a missing file from a link loop or a bad folder
    except FileNotFoundError:
        raise WorkbookError("no such file.", path) from None
    except OSError as error:
        raise WorkbookError(f"cannot be read ({error.strerror}).", path) from None
    if path.is_dir():
        raise WorkbookError("is a folder, not a workbook.", path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith(_OLE_MAGIC):
                handle.seek(0)
                _raise_for_ole(path, handle.read(4 * MiB))
    except PermissionError:
        raise WorkbookError("cannot be read (permission denied).", path) from None
    except OSError as error:
        raise WorkbookError(f"cannot be read ({error.strerror}).", path) from None
    if not head:
        raise WorkbookError("is empty (0 bytes); it is not a workbook.", path)
    if not head.startswith(_ZIP_MAGIC):
        raise WorkbookError(
            "is not an Excel workbook (.xlsx); if it is a CSV or another format, open it in "
            "a spreadsheet program and save it as .xlsx.",
            path,
        )
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            _check_declared(path, infos, limits)
            _check_kind(path, {info.filename for info in infos})
            _inflate_all(path, package, infos, limits)
    except (zipfile.BadZipFile, zlib.error) as error:
        raise WorkbookError(f"is a damaged zip file and cannot be read ({error}).", path) from None
    except (NotImplementedError, RuntimeError) as error:
        # Encrypted zip entries or compression methods zipfile does not support.
        raise WorkbookError(f"uses zip features a workbook never needs ({error}).", path) from None
    except EOFError:
        raise WorkbookError("is cut short (the zip ends early).", path) from None


def _raise_for_ole(path: Path, content: bytes) -> None:
    if _ENCRYPTED_MARK in content:
        raise WorkbookError(
            "is password-protected; open it in Excel, remove the password (File > Info > "
            "Protect Workbook) and save it again.",
            path,
        )
    raise WorkbookError(
        "is a legacy Excel 97-2003 file (.xls); open it and save it as an Excel workbook (.xlsx).",
        path,
    )


def _check_declared(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise UnsafeWorkbookError(
            f"has {len(infos)} parts, more than the {limits.max_entries} a workbook may have; "
            "it was refused unread.",
            path,
        )
    total = 0
    names: set[str] = set()
    for info in infos:
        # Programs differ on which copy of a part they read, so a sender could show Excel one
        # thing and this tool another. Part names ignore case in a package, as in Excel.
        if info.filename.casefold() in names:
            raise UnsafeWorkbookError(
                f"has two parts named {info.filename}, so programs may disagree on what it "
                "says; it was refused unread.",
                path,
            )
        names.add(info.filename.casefold())
        if info.file_size > limits.max_entry_size:
            raise UnsafeWorkbookError(
                f"part {info.filename} would inflate to {info.file_size // MiB} MiB, over the "
                f"{limits.max_entry_size // MiB} MiB limit; it was refused unread.",
                path,
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnsafeWorkbookError(
                f"part {info.filename} compresses {info.file_size // max(info.compress_size, 1)} "
                "to 1, the mark of a zip bomb; it was refused unread.",
                path,
            )
        total += info.file_size
    if total > limits.max_total_size:
        raise UnsafeWorkbookError(
            f"would inflate to {total // MiB} MiB, over the {limits.max_total_size // MiB} MiB "
            "limit; it was refused unread.",
            path,
        )


def _check_kind(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" in names:
        return
    if "word/document.xml" in names:
        raise WorkbookError("is a Word document, not an Excel workbook.", path)
    if "ppt/presentation.xml" in names:
        raise WorkbookError("is a PowerPoint file, not an Excel workbook.", path)
    if "content.xml" in names and "mimetype" in names:
        raise WorkbookError(
            "is an OpenDocument file (.ods); open it in LibreOffice and save it as Excel 2007-365 "
            "(.xlsx).",
            path,
        )
    raise WorkbookError("is a zip file but not an Excel workbook (no xl/workbook.xml).", path)


def _inflate_all(
    path: Path, package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits
) -> None:
    """Inflate every part in chunks; never trust the sizes the headers declare."""
    total = 0
    scan = _Scan(path, limits)
    for info in infos:
        if info.is_dir():
            continue
        produced = 0
        scan.start(info.filename)
        with package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                scan.feed(chunk)
                produced += len(chunk)
                total += len(chunk)
                if produced > info.file_size or produced > limits.max_entry_size:
                    raise UnsafeWorkbookError(
                        f"part {info.filename} inflates beyond its declared size; it was "
                        "refused unread.",
                        path,
                    )
                if total > limits.max_total_size:
                    raise UnsafeWorkbookError(
                        f"inflates past the {limits.max_total_size // MiB} MiB limit; it was "
                        "refused unread.",
                        path,
                    )
        scan.feed(b"", final=True)


class _Scan:
    """Reads each part as it inflates, chunk by chunk, for what must never reach the parser.

    A part is XML if its first bytes say so, whatever its name (openpyxl follows the package's
    relationships, not file extensions); UTF-16 parts are decoded so that nothing hides in them.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.range_cells = 0
        self.part = ""
        self.decoder: codecs.IncrementalDecoder | None = None
        self.first = True
        self.xml = False
        self.tail = b""

    def start(self, part: str) -> None:
        self.part, self.first, self.xml, self.tail, self.decoder = part, True, False, b"", None

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.first and (chunk or final):
            self.first = False
            self._sniff(chunk)
        if not self.xml:
            return
        if self.decoder is not None:
            chunk = self.decoder.decode(chunk, final).encode("utf-8")
        data = self.tail + chunk
        if _DOCTYPE in data:
            raise UnsafeWorkbookError(
                f"part {self.part} declares a DOCTYPE (XML entities), which a genuine workbook "
                "never does; it was refused unread.",
                self.path,
            )
        end = 0
        for tag in _RANGE_TAG.finditer(data):
            self._count(tag.group(0))
            end = tag.end()
        # Carry over what a chunk boundary may have cut: a tag starts at "<" and holds no other.
        last_open = data.rfind(b"<", end)
        self.tail = data[last_open:] if last_open != -1 else b""
        if len(self.tail) > self.limits.max_tag:
            if _RANGE_START.match(self.tail):
                raise self._refuse("has a merged-range, hyperlink or comment tag too long to check")
            self.tail = b""

    def _sniff(self, head: bytes) -> None:
        if head.startswith((b"\xff\xfe", b"<\x00")):
            self.decoder = codecs.getincrementaldecoder("utf-16-le")(errors="replace")
        elif head.startswith((b"\xfe\xff", b"\x00<")):
            self.decoder = codecs.getincrementaldecoder("utf-16-be")(errors="replace")
        self.xml = self.decoder is not None or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")

    def _count(self, tag: bytes) -> None:
        for _, raw in _REF.findall(tag):
            ref = raw.decode("ascii", "replace").strip().upper()
            found = _CELLS.fullmatch(ref)
            if found is None:
                raise self._refuse(f"names a cell range this tool cannot check ({ref[:40]!r})")
            first_col, first_row, last_col, last_row = found.groups()
            width = abs(_column(last_col or first_col) - _column(first_col)) + 1
            height = abs(int(last_row or first_row) - int(first_row)) + 1
            self.range_cells += width * height
        if self.range_cells > self.limits.max_range_cells:
            raise self._refuse(
                f"merges, links or comments more than {self.limits.max_range_cells:,} cells"
            )

    def _refuse(self, what: str) -> UnsafeWorkbookError:
        return UnsafeWorkbookError(f"part {self.part} {what}; it was refused unread.", self.path)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
