"""Look at a workbook from someone else before any parser touches it.

An .xlsx is a zip of XML files. A small zip can inflate to gigabytes (a "zip bomb"), and XML can
declare entities that expand without end or reach for outside files. openpyxl guards against
neither decompression nor (without defusedxml) entities. So before parsing, this module:

* tells apart what people actually send: legacy .xls, password-protected workbooks, Word
  documents and OpenDocument files renamed .xlsx, empty files, folders;
* checks the zip's entry count, declared sizes and compression ratios against the limits below;
* inflates every entry in bounded chunks and stops as soon as an entry produces more than it
  declared or the total passes the limit, so a lying header costs little time and no memory;
* refuses any XML part that declares a DOCTYPE (no part of a genuine workbook does).

The limits are generous for a coalition plan: the sample workbook inflates to about 1.5 MB.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import UnsafeWorkbookError, WorkbookError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_entries: int = 2_000
    max_entry_size: int = 64 * MiB  # inflated size of one part
    max_total_size: int = 256 * MiB  # inflated size of the whole package
    max_ratio: float = 200.0  # inflated / compressed, for parts over ratio_floor
    ratio_floor: int = 1 * MiB  # small parts of repeated XML compress very well, legitimately
    doctype_scan: int = 65_536  # bytes at the start of each XML part searched for a DOCTYPE


LIMITS = Limits()

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1 * MiB


def inspect_workbook(path: Path, limits: Limits = LIMITS) -> None:
    """Raise a one-sentence error if ``path`` is not a workbook that is safe to parse."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError("no such file.", path)
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
    for info in infos:
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
    for info in infos:
        if info.is_dir():
            continue
        produced = 0
        head = b""
        with package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                if len(head) < limits.doctype_scan:
                    head += chunk[: limits.doctype_scan - len(head)]
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
        if info.filename.endswith((".xml", ".rels", ".vml")) and b"<!DOCTYPE" in head.upper():
            raise UnsafeWorkbookError(
                f"part {info.filename} declares a DOCTYPE (XML entities), which a genuine "
                "workbook never does; it was refused unread.",
                path,
            )
