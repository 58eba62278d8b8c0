"""Small helpers that do to a workbook what people and other programs do to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.worksheet import FIRST_DATA_ROW, PART1_SHEET


def edit(path: Path, change: Callable[[Workbook], Any]) -> Path:
    """Open a workbook as a person would, change it, save it in place."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def find_row(sheet: Worksheet, column: int, text: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, column).value == text:
            return row
    raise LookupError(f"{text!r} not in column {column} of {sheet.title}")


def find_column(sheet: Worksheet, row: int, text: str) -> int:
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(row, column).value == text:
            return column
    raise LookupError(f"{text!r} not in row {row} of {sheet.title}")


def mark_part1(workbook: Workbook, option: str, mark: Any = "Yes", details: str = "") -> None:
    sheet = workbook[PART1_SHEET]
    row = find_row(sheet, 1, option)
    sheet.cell(row, 2, mark)
    if details:
        sheet.cell(row, 3, details)


def replace_sheet(
    workbook: Workbook, title: str, headings: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Worksheet:
    """Swap a sheet for a hand-made one with a single heading row, as someone might build it."""
    index = workbook.sheetnames.index(title)
    del workbook[title]
    sheet = workbook.create_sheet(title, index)
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    return sheet


def data_row(offset: int = 0) -> int:
    return FIRST_DATA_ROW + offset
