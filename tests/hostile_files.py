"""Hostile workbooks made the way an attacker makes them: by writing the package's XML directly.

A spreadsheet program (and openpyxl) would refuse to write most of these, which is the point:
the reader must cope with files no program would write.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape


def sheet_part(path: Path, title: str) -> str:
    """The name of the part that holds the sheet of that title, found as a reader finds it."""
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    sheet = next(
        tag for tag in re.findall(r"<sheet\s[^>]*>", workbook) if f'name="{escape(title)}"' in tag
    )
    rid = re.search(r'r:id="([^"]+)"', sheet).group(1)  # type: ignore[union-attr]
    relation = next(
        tag for tag in re.findall(r"<Relationship\s[^>]*>", rels) if f'Id="{rid}"' in tag
    )
    target = re.search(r'Target="([^"]+)"', relation)
    assert target, relation
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def rewrite(
    source: Path, target: Path, change: Callable[[str, bytes], bytes | Iterable[bytes]]
) -> Path:
    """Copy a package part by part through ``change``, which may stream a part as chunks."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if isinstance(data, bytes):
                new.writestr(info.filename, data)
                continue
            with new.open(info.filename, "w", force_zip64=True) as entry:
                for chunk in data:
                    entry.write(chunk)
    return target


def in_part(part: str, edit: Callable[[str], str]) -> Callable[[str, bytes], bytes]:
    """A change that edits one part's XML as text."""

    def change(name: str, data: bytes) -> bytes:
        return edit(data.decode("utf-8")).encode("utf-8") if name == part else data

    return change


def before_sheet_data_end(part: str, rows: Callable[[], Iterator[bytes]]) -> Callable:
    """A change that streams extra rows into a sheet, before ``</sheetData>``."""

    def change(name: str, data: bytes) -> bytes | Iterator[bytes]:
        if name != part:
            return data
        head, tail = data.split(b"</sheetData>", 1)

        def chunks() -> Iterator[bytes]:
            yield head
            yield from rows()
            yield b"</sheetData>" + tail

        return chunks()

    return change


def set_cell(source: Path, target: Path, sheet: str, ref: str, text: str) -> Path:
    """One cell of a sheet set to an inline string of any length, where no program would."""
    part = sheet_part(source, sheet)
    cell = f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
    row = int(re.sub(r"[A-Z]", "", ref))

    def edit(xml: str) -> str:
        existing = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)
        if existing.search(xml):
            return existing.sub(lambda _: cell, xml, count=1)
        if re.search(rf'<row r="{row}"[^>]*/>', xml):
            return re.sub(rf'<row r="{row}"([^>]*)/>', rf'<row r="{row}"\1>{cell}</row>', xml)
        if re.search(rf'<row r="{row}"[^>]*>', xml):
            return re.sub(rf'(<row r="{row}"[^>]*>)', lambda m: m.group(1) + cell, xml, count=1)
        return xml.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>', 1)

    return rewrite(source, target, in_part(part, edit))
