"""Look at a workbook from someone else before any parser touches it.

An .xlsx is a zip of XML files. A small zip can inflate to gigabytes (a "zip bomb"), XML can
declare entities that expand without end or reach for outside files, and a few megabytes of
empty rows or styles can cost a parser minutes and gigabytes. openpyxl guards against none of
these (and against entities only with defusedxml). So before parsing, this module:

* refuses what is not a regular file (a named pipe would keep the reader waiting for ever);
* tells apart what people actually send: legacy .xls, password-protected workbooks, Word
  documents and OpenDocument files renamed .xlsx, empty files, folders;
* checks the zip's entry count, declared sizes and compression ratios against the limits;
* inflates every entry in bounded chunks and stops as soon as an entry produces more than it
  declared or the total passes the limit, so a lying header costs little time and no memory;
* reads every XML part in the encoding a parser would find (:mod:`generator.common.xmlscan`,
  UTF-16 and UTF-32 included) and refuses any that declares a DOCTYPE;
* counts, as the parts inflate, the rows, cells, shared texts and XML elements a parser would
  build, and the cells named by merged ranges, hyperlinks and comments (openpyxl makes one object
  per cell of those: a single tag naming A1:XFD1048576 is 17 billion objects), and stops at the
  first count past its bound (:mod:`generator.worksheet.limits`);
* measures, from the cells' references, the rectangle each part's cells span, and says which
  parts only openpyxl, which holds the cells a file holds, may read: python-calamine holds a
  sheet as one rectangle, so not a part whose rectangle is far larger than its cells (a value at
  A1 and another at XFD1048576 ask for 17 billion), whose cells are written in a way their
  references cannot be read from here, or which is not in UTF-8 (calamine reads UTF-16 as empty).

The limits are generous for a coalition plan: the sample workbook inflates to about 0.4 MB and
holds 20,000 XML elements.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from generator.common.errors import UnsafeWorkbookError, WorkbookError
from generator.common.fileio import require_regular_file
from generator.common.xmlscan import PartScan, XmlScanError
from generator.worksheet.limits import LIMITS, Limits, MiB

__all__ = ["LIMITS", "Inspection", "Limits", "inspect_workbook"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1 * MiB
# The start of a tag whose ref openpyxl expands cell by cell, and the whole tag: attribute values
# may hold ">" but never "<", which keeps a look-alike inside a comment from swallowing a real tag.
_RANGE_START = re.compile(rb"<(?:[\w.-]+:)?(?:mergeCell|hyperlink|comment)(?=[\s/>])")
_RANGE_TAG = re.compile(_RANGE_START.pattern + rb"(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>")
_REF = re.compile(rb"""(?<![\w.-])ref\s*=\s*(["'])([^"'<]*)\1""")
_CELLS = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?")
_RANGE_WORDS = (b"mergeCell", b"hyperlink", b"comment")
# What a parser makes one object of: a row, a cell, a shared text, whatever the namespace prefix
# (any name a parser would take for one, not only ASCII); one pass finds all three. A prefix ends
# at the first ":", so giving back none of it ("++") loses no match and saves retrying each tag.
_COUNTED = re.compile(rb"<(?:[^\s<>/:!?]++:)?(c|row|si)[\s/>]")
# Every prefixed match of _COUNTED holds one of these; a text without any has only unprefixed
# ones, which bytes.count finds exactly and several times faster once every byte that may end a
# name reads as a space (the regex tries a prefix at every "<" and lists every match).
_PREFIXED = re.compile(rb":(?:c|row|si)[\s/>]")
_NAME_ENDS = bytes(end for end in range(256) if re.fullmatch(rb"[\s/>]", bytes([end])))
_ENDS_AS_SPACE = bytes.maketrans(_NAME_ENDS, b" " * len(_NAME_ENDS))
# A cell's reference as nearly every program writes it, first: the cells a rectangle is measured
# from. A cell written otherwise makes the part one to measure no further (see Inspection).
_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')

#: A rectangle may hold this many times the cells its part holds, or up to the floor whatever
#: they hold, and still be given to a reader that holds the rectangle: a sheet's marks fill one
#: column in ten, so its rectangle is ten times its cells. calamine spends 32 bytes a cell.
DENSE_FACTOR = 16
DENSE_FLOOR = 262_144


@dataclass(frozen=True)
class Inspection:
    """What inspecting a workbook found, beyond its being safe to parse."""

    #: Parts that only openpyxl may read, with why: a rectangle too large for the cells, a cell
    #: whose reference was not measured, an encoding other than UTF-8.
    openpyxl_only: dict[str, str]


def inspect_workbook(path: Path, limits: Limits = LIMITS) -> Inspection:
    """Raise a one-sentence error if ``path`` is not a workbook that is safe to parse."""
    path = Path(path)
    require_regular_file(path, WorkbookError, missing="file", what="a workbook")
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
            return _inflate_all(path, package, infos, limits)
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
) -> Inspection:
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
        scan.measure()
    return Inspection(scan.openpyxl_only)


class _Scan:
    """Reads each part as it inflates, chunk by chunk, for what must never reach the parser.

    A part is XML if its first bytes say so, whatever its name (openpyxl follows the package's
    relationships, not file extensions); every count runs over the text as a parser decodes it.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.range_cells = self.rows = self.cells = self.shared_strings = self.elements = 0
        self.part = ""
        self.scan = PartScan()
        self.openpyxl_only: dict[str, str] = {}
        self._part_cells = 0
        self._first_row = self._last_row = 0
        self._letters: set[bytes] = set()
        self._references = 0

    def start(self, part: str) -> None:
        self.part = part
        self.scan = PartScan(
            self.limits.max_tag, _RANGE_START, "merged-range, hyperlink or comment"
        )
        self._part_cells = self._references = self._first_row = self._last_row = 0
        self._letters = set()

    def measure(self) -> None:
        """Record the part just read as one for openpyxl only, if it is (see
        :class:`Inspection`)."""
        if self.scan.xml and self.scan.encoding != "utf-8":
            self.openpyxl_only[self.part] = f"written in {self.scan.encoding}"
        elif self.scan.gave_up:
            # A cell written in a tag too long to hold back may have gone unmeasured.
            self.openpyxl_only[self.part] = "a tag too long to measure"
        elif self._references != self._part_cells:
            self.openpyxl_only[self.part] = 'a cell without a reference written as r="A1" first'
        elif self._references:
            columns = [_column(letters.decode()) for letters in self._letters]
            rows = self._last_row - self._first_row + 1
            width = max(columns) - min(columns) + 1
            if rows * width > max(DENSE_FACTOR * self._references, DENSE_FLOOR):
                self.openpyxl_only[self.part] = (
                    f"cells spread over {rows:,} rows and {width:,} columns"
                )

    def feed(self, chunk: bytes, final: bool = False) -> None:
        before = self.scan.elements
        try:
            text = self.scan.feed(chunk, final)
        except XmlScanError as error:
            raise self._refuse(str(error)) from None
        if not text:
            return
        found = [at for word in _RANGE_WORDS if (at := text.find(word)) != -1]
        if found:  # a plain search first: far quicker
            # No such tag starts before the "<" that precedes the first of those words (a tag's
            # namespace prefix holds no "<"): the pattern looks from there, not through every
            # cell before (they come at the end of a sheet, after its cells).
            start = max(text.rfind(b"<", 0, min(found)), 0)
            for tag in _RANGE_TAG.finditer(text, start):
                self._count(tag.group(0))
        limits = self.limits
        rows, cells, shared_strings = _count_counted(text)
        self.rows += rows
        if self.rows > limits.max_sheet_rows:
            raise self._too_many(
                f"{limits.max_sheet_rows:,} rows in its sheets, empty ones included"
            )
        self.cells += cells
        if self.cells > limits.max_cells:
            raise self._too_many(
                f"{limits.max_cells:,} cells in its sheets, empty formatted ones included"
            )
        if cells:
            self._measure_cells(text, cells)
        self.shared_strings += shared_strings
        if self.shared_strings > limits.max_shared_strings:
            raise self._too_many(f"{limits.max_shared_strings:,} different texts")
        self.elements += self.scan.elements - before
        if self.elements > limits.max_elements:
            raise self._too_many(f"{limits.max_elements:,} XML elements")

    def _measure_cells(self, text: bytes, cells: int) -> None:
        self._part_cells += cells
        references = _REFERENCE.findall(text)
        if not references:
            return
        self._references += len(references)
        # A sheet's thousands of cells share a few dozen columns and rows: keep the distinct
        # ones, gathered in C (a dict's keys are the letters), before any Python loop.
        self._letters.update(dict(references))
        rows = [int(row) for row in set(map(itemgetter(1), references))]
        first, last = min(rows), max(rows)
        if self._first_row == 0 or first < self._first_row:
            self._first_row = first
        self._last_row = max(self._last_row, last)

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

    def _too_many(self, what: str) -> UnsafeWorkbookError:
        return UnsafeWorkbookError(
            f"holds more than {what} (counted up to part {self.part}), far more than a coalition "
            "plan needs, so it was refused unread; delete what is unused below and beside the "
            "answers, save it and try again.",
            self.path,
        )

    def _refuse(self, what: str) -> UnsafeWorkbookError:
        return UnsafeWorkbookError(f"part {self.part} {what}; it was refused unread.", self.path)


def _count_counted(text: bytes) -> tuple[int, int, int]:
    """The rows, cells and shared texts in ``text``: exactly what ``_COUNTED`` finds."""
    if _PREFIXED.search(text):
        counted = _COUNTED.findall(text)
        return counted.count(b"row"), counted.count(b"c"), counted.count(b"si")
    spaced = text.translate(_ENDS_AS_SPACE)
    return spaced.count(b"<row "), spaced.count(b"<c "), spaced.count(b"<si ")


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
