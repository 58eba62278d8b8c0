"""Files that are not workbooks of this layout: one sentence naming the file, exit 2, no traceback.

Each case is made by a small function, so the test needs no binary fixtures.
"""

from __future__ import annotations

import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator.cli import main
from generator.common.errors import LayoutVersionError, UnsafeWorkbookError, WorkbookError
from generator.excel.reader import read_workbook
from generator.excel.safety import LIMITS
from generator.excel.writer import write_workbook
from generator.worksheet import DEFAULT_VOCABULARY, PART2

MiB = 1024 * 1024


def good(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "good.xlsx", DEFAULT_VOCABULARY, "Elm Grove")


def rezip(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """Copy a package entry by entry; ``change`` may rewrite or (returning None) drop each."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def empty(tmp: Path) -> Path:
    (tmp / "empty.xlsx").write_bytes(b"")
    return tmp / "empty.xlsx"


def text_file(tmp: Path) -> Path:
    (tmp / "list.xlsx").write_text("Organization name,Type\nLibrary,Local government\n")
    return tmp / "list.xlsx"


def legacy_xls(tmp: Path) -> Path:
    (tmp / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    return tmp / "old.xls"


def password_protected(tmp: Path) -> Path:
    # Encrypted OOXML is an OLE compound file whose directory names an EncryptionInfo stream.
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le")
    (tmp / "locked.xlsx").write_bytes(body + b"\0" * 512)
    return tmp / "locked.xlsx"


def word_document(tmp: Path) -> Path:
    from docx import Document

    Document().save(tmp / "letter.docx")
    (tmp / "letter.docx").rename(tmp / "letter.xlsx")
    return tmp / "letter.xlsx"


def truncated_zip(tmp: Path) -> Path:
    data = good(tmp).read_bytes()
    (tmp / "cut.xlsx").write_bytes(data[: len(data) // 2])
    return tmp / "cut.xlsx"


def corrupt_entry(tmp: Path) -> Path:
    data = bytearray(good(tmp).read_bytes())
    start = data.find(b"xl/worksheets/sheet2.xml") + 40
    data[start : start + 200] = bytes(200)
    (tmp / "corrupt.xlsx").write_bytes(bytes(data))
    return tmp / "corrupt.xlsx"


def plain_zip(tmp: Path) -> Path:
    with zipfile.ZipFile(tmp / "photos.xlsx", "w") as package:
        package.writestr("photo.txt", "not a workbook")
    return tmp / "photos.xlsx"


def other_workbook(tmp: Path) -> Path:
    workbook = Workbook()
    workbook.active.append(["Budget", 2026])
    workbook.save(tmp / "budget.xlsx")
    return tmp / "budget.xlsx"


def headings_removed(tmp: Path) -> Path:
    from openpyxl import load_workbook

    path = good(tmp)
    workbook = load_workbook(path)
    sheet = workbook[PART2.sheet]
    sheet.unmerge_cells("A2:A3")
    sheet["A2"] = "Name"
    workbook.save(path)
    return path


def newer_version(tmp: Path) -> Path:
    from openpyxl import load_workbook

    path = good(tmp)
    workbook = load_workbook(path)
    workbook.defined_names["CoalitionLayoutVersion"].attr_text = "7"
    workbook.save(path)
    return path


def missing(tmp: Path) -> Path:
    return tmp / "nowhere.xlsx"


def folder(tmp: Path) -> Path:
    (tmp / "folder.xlsx").mkdir()
    return tmp / "folder.xlsx"


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL_ENTITY = b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def with_doctype(tmp: Path, name: str, doctype: bytes, entity: bytes) -> Path:
    """The first sheet's XML with a DOCTYPE in its prolog and the entity used in a cell."""

    def inject(part: str, data: bytes) -> bytes:
        if part != "xl/worksheets/sheet1.xml":
            return data
        if data.startswith(b"<?xml"):
            data = data.replace(b"?>", b"?>" + doctype, 1)
        else:
            data = doctype + data
        return data.replace(b"<t>Community</t>", b"<t>" + entity + b"</t>", 1)

    return rezip(good(tmp), tmp / name, inject)


def entity_expansion(tmp: Path) -> Path:
    return with_doctype(tmp, "laughs.xlsx", BILLION_LAUGHS, b"&lol3;")


def external_entity(tmp: Path) -> Path:
    return with_doctype(tmp, "xxe.xlsx", EXTERNAL_ENTITY, b"&secret;")


def zip_bomb(tmp: Path) -> Path:
    """Half a megabyte that inflates to half a gigabyte."""
    path = tmp / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * MiB
            for _ in range(512):
                entry.write(chunk)
    return path


def lying_zip_bomb(tmp: Path) -> Path:
    """Declares a tiny size in its headers but inflates to far more. Inflating in bounded
    chunks stops at the declared size, so it is refused as damaged, quickly."""
    path = tmp / "liar.xlsx"
    payload = b"<x>" + b" " * (80 * MiB) + b"</x>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", payload)
    data = bytearray(path.read_bytes())
    # Rewrite the uncompressed size in the local header and in the central directory.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (found := data.find(signature, start)) != -1:
            name_at = found + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 24] == b"xl/worksheets/sheet1.xml":
                data[found + offset : found + offset + 4] = struct.pack("<I", 1000)
            start = found + 4
    path.write_bytes(bytes(data))
    return path


def too_many_entries(tmp: Path) -> Path:
    path = tmp / "many.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        for number in range(LIMITS.max_entries + 1):
            package.writestr(f"xl/media/{number}.txt", b"")
    return path


CASES: list[tuple[Callable[[Path], Path], type[WorkbookError], str]] = [
    (empty, WorkbookError, "is empty"),
    (text_file, WorkbookError, "is not an Excel workbook"),
    (legacy_xls, WorkbookError, "legacy Excel 97-2003"),
    (password_protected, WorkbookError, "password-protected"),
    (word_document, WorkbookError, "is a Word document"),
    (truncated_zip, WorkbookError, "damaged zip"),
    (corrupt_entry, WorkbookError, ""),
    (plain_zip, WorkbookError, "not an Excel workbook"),
    (other_workbook, WorkbookError, "has no sheet 'Part 1 Needs'"),
    (headings_removed, WorkbookError, "has no 'Organization name' heading"),
    (newer_version, LayoutVersionError, "layout version 7"),
    (missing, WorkbookError, "no such file"),
    (folder, WorkbookError, "is a folder"),
    (entity_expansion, UnsafeWorkbookError, "DOCTYPE"),
    (external_entity, UnsafeWorkbookError, "DOCTYPE"),
    (zip_bomb, UnsafeWorkbookError, "refused unread"),
    (lying_zip_bomb, WorkbookError, "damaged"),
    (too_many_entries, UnsafeWorkbookError, "parts, more than"),
]


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_bad_file_is_one_sentence_naming_it(
    tmp_path: Path, make: Callable[[Path], Path], error: type[WorkbookError], words: str
):
    path = make(tmp_path)

    with pytest.raises(error) as raised:
        read_workbook(path)

    message = str(raised.value)
    assert message.startswith(str(path))
    assert words in message
    assert "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_check_exits_2_on_a_bad_file_without_a_traceback(
    tmp_path: Path, make: Callable[[Path], Path], error: type[WorkbookError], words: str
):
    path = make(tmp_path)

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(path) in result.output
    assert "Traceback" not in result.output


def test_a_zip_bomb_is_refused_quickly(tmp_path: Path):
    path = lying_zip_bomb(tmp_path)
    started = time.process_time()

    with pytest.raises(WorkbookError):
        read_workbook(path)

    # Not a benchmark: a generous bound that only an unbounded inflate would break.
    assert time.process_time() - started < 5


@pytest.mark.parametrize("make", [entity_expansion, external_entity])
def test_defusedxml_refuses_entities_even_past_the_first_guard(
    tmp_path: Path, make: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
):
    """Past the inspection, python-calamine refuses an entity it does not know (it reads no
    DOCTYPE), the workbook goes to openpyxl, and defusedxml refuses it there."""
    import openpyxl.xml
    from python_calamine import CalamineError, CalamineWorkbook

    from generator.excel.safety import Inspection

    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed for openpyxl to use it"
    monkeypatch.setattr("generator.excel.reader.inspect_workbook", lambda path: Inspection({}))
    path = make(tmp_path)
    workbook = CalamineWorkbook.from_path(str(path))
    with pytest.raises(CalamineError, match="entity"):
        for title in workbook.sheet_names:
            workbook.get_sheet_by_name(title).to_python()

    with pytest.raises(WorkbookError, match="entity declarations"):
        read_workbook(path)
