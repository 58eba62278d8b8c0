"""A workbook as the reader sees it, whichever library parsed it: its sheets' titles, each sheet's
values, errors and merged ranges, its defined names.

Two libraries can fill it. python-calamine (:mod:`generator.excel.reader.fast`) reads values
ten times faster than openpyxl and is the reader's own; openpyxl (:class:`OpenpyxlBook`) is the
fallback for what calamine cannot read, and the reader of workbooks already open in openpyxl
(the upgrade migrates one in memory, then reads it). Both give the same cells: a value that is
an empty string is no value, numbers compare equal whether int or float, and everything the
reader makes of a value goes through :func:`~generator.common.text.cell_text`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.cells import range_bounds
from generator.excel.reader.formulas import Uncalculated, uncalculated_formulas

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

Position = tuple[int, int]  # (row, column), from 1


@dataclass
class SheetCells:
    """What one sheet holds: only the cells the file holds, never the rectangle they span.

    Values are kept row by row, as both parsers give them: a row's few cells in one small
    dictionary, in column order. One dictionary keyed by (row, column) would cost a tuple and two
    integers per cell, and a second pass to find each row's cells again.
    """

    title: str
    #: Every cell holding a value, an empty string excepted, by row, then column (both in
    #: order); a spreadsheet error is no value. A row holding no value is not there.
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)
    #: Cells showing a spreadsheet error (#N/A, #REF! ...), with the error shown.
    errors: dict[Position, str] = field(default_factory=dict)
    #: Merged ranges: (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def value(self, row: int, column: int) -> Any:
        """The cell's value, or None."""
        cells = self.rows.get(row)
        return None if cells is None else cells.get(column)

    def shown(self, position: Position) -> Any:
        """What the cell shows: its value, the error it shows, or None."""
        value = self.value(*position)
        return self.errors.get(position) if value is None else value

    def positions(self) -> list[Position]:
        """Every cell holding a value or an error, in sheet order."""
        held = [(row, column) for row, cells in self.rows.items() for column in cells]
        return sorted({*held, *self.errors}) if self.errors else sorted(held)


class Book(ABC):
    """A workbook's sheets and names. Sheets are read when first asked for."""

    #: The worksheets' titles, in tab order (chart sheets hold no cells, and are left out).
    titles: list[str]
    #: Every sheet's title, chart sheets included, for messages.
    sheetnames: list[str]
    #: The workbook's defined names (not one sheet's), with their text ("Lists!$A$2:$A$9").
    names: dict[str, str]

    def __init__(self) -> None:
        self._sheets: dict[str, SheetCells] = {}

    def sheet(self, title: str) -> SheetCells:
        """The sheet of exactly that title (one of :attr:`titles`), read once."""
        if title not in self._sheets:
            self._sheets[title] = self._read(title)
        return self._sheets[title]

    def forget(self, title: str) -> None:
        """Let a sheet's cells go once they are read into the plan: a workbook's answers are
        held once, as records, not also as cells."""
        self._sheets.pop(title, None)

    @abstractmethod
    def _read(self, title: str) -> SheetCells:
        """The sheet of exactly that title, read from the file."""

    @abstractmethod
    def uncalculated(self, titles: list[str]) -> dict[str, Uncalculated]:
        """For each title, the cells whose formula has no saved value."""

    def named_cells(self, name: str) -> list[tuple[SheetCells, int, int]]:
        """The cells holding a value in the ranges a defined name covers, in sheet order.

        A name may cover a whole column or the whole sheet: only the cells held are visited.
        No cells when the name is missing or names something other than ranges.
        """
        text = self.names.get(name)
        if text is None:
            return []
        try:
            areas = list(destinations(text))
            cells = []
            for title, ref in areas:
                if title not in self.titles:
                    continue
                low_col, low_row, high_col, high_row = range_bounds(ref)
                sheet = self.sheet(title)
                cells.extend(
                    (sheet, row, column)
                    for row, column in sheet.positions()
                    if (low_row or 1) <= row <= (high_row or row)
                    and (low_col or 1) <= column <= (high_col or column)
                )
        except ValueError:  # one area past reading makes the name unreadable, as in openpyxl
            return []
        return cells


# A sheet's title and a range, as a defined name holds them: 'Part 1'!$A$2:$A$9 or Lists!A:A.
_AREA = re.compile(
    r"\s*(?:'(?P<quoted>(?:[^']|'')*)'|(?P<plain>[^'!\s,]*))!(?P<ref>[$A-Za-z0-9:]+)\s*"
)


def destinations(text: str) -> Iterator[tuple[str, str]]:
    """The (sheet title, range) areas a defined name's text covers, as openpyxl's
    ``DefinedName.destinations`` gives them: none unless the text starts with a range (a
    constant or a formula covers no cells); the areas of a union ("A!$A$1,A!$B$2") in order."""
    pieces = _top_level_pieces(text.strip().removeprefix("="))
    if not pieces or _AREA.fullmatch(pieces[0]) is None:
        return
    for piece in pieces:
        found = _AREA.fullmatch(piece)
        if found is not None:
            title = found.group("plain") or (found.group("quoted") or "").replace("''", "'")
            yield title, found.group("ref")


def _top_level_pieces(text: str) -> list[str]:
    """The text split at its commas outside quotes."""
    pieces, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif char == "," and not quoted:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


class OpenpyxlBook(Book):
    """A workbook openpyxl has loaded (``data_only=True``); ``source`` is the file it came from,
    looked at again for formulas without saved values."""

    def __init__(self, workbook: Workbook, source: Path | None = None) -> None:
        super().__init__()
        self.workbook, self.source = workbook, source
        self.titles = [sheet.title for sheet in workbook.worksheets]
        self.sheetnames = list(workbook.sheetnames)
        self.names = {
            name: definition.attr_text or "" for name, definition in workbook.defined_names.items()
        }

    def _read(self, title: str) -> SheetCells:
        worksheet = next(ws for ws in self.workbook.worksheets if ws.title == title)
        cells = SheetCells(title)
        rows = cells.rows
        # openpyxl's public iterators walk the whole rectangle, creating every cell on the way;
        # its cell dictionary holds only what the file holds, in the order the file wrote them.
        for (row, column), cell in sorted(worksheet._cells.items()):
            value = cell.value
            if value is None or value == "":
                continue
            if cell.data_type == "e":
                cells.errors[(row, column)] = str(value)
            else:
                rows.setdefault(row, {})[column] = value
        cells.merged = [
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
        ]
        return cells

    def uncalculated(self, titles: list[str]) -> dict[str, Uncalculated]:
        if self.source is None:
            return {title: {} for title in titles}
        return uncalculated_formulas(self.source, titles)
