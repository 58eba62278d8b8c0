"""The text of an output as a picture of it would show it, read without LibreOffice.

Shared by ``docs/make_pictures.py`` (which keeps the lines of each picture found here) and
``tests/test_pictures.py`` (which checks that the current output still has them).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook


def output_text(path: Path) -> str:
    """Every piece of text of a .docx or .xlsx, whitespace folded, in reading order."""
    if path.suffix == ".xlsx":
        return _workbook_text(path)
    return _document_text(path)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _workbook_text(path: Path) -> str:
    workbook = load_workbook(path, read_only=True, data_only=True)
    pieces = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [_fold(str(value)) for value in row if value is not None]
            pieces.extend(cells)
            pieces.append(" ".join(cells))  # a printed line may run across a row's cells
    workbook.close()
    return "\n".join(pieces)


def _document_text(path: Path) -> str:
    pieces = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            xml = archive.read(name).decode("utf-8")
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                text = re.sub(r"<w:(?:br|cr|tab)/>", " ", paragraph)
                pieces.append(_fold(html.unescape(re.sub(r"<[^>]+>", "", text))))
    return "\n".join(pieces)
