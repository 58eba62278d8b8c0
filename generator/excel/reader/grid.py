"""A sheet's values by position, built only from the cells the file holds."""

from __future__ import annotations

import bisect
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.text import cell_text
from generator.plan.findings import Severity
from generator.plan.reading import Reading
from generator.worksheet.limits import LIMITS


class Grid:
    """A sheet's values by (row, column), with every cell of a merged range reading its value.

    Built from the cells the file holds, never from the rectangle they span: one value typed
    at XFD1048576 must not make the reader visit seventeen billion empty cells. (safety.py has
    already bounded the merged ranges.)
    """

    def __init__(self, sheet: Worksheet) -> None:
        self.title = sheet.title
        # openpyxl's public iterators walk the whole rectangle, creating every cell on the way;
        # its cell dictionary holds only what the file holds.
        self.values: dict[tuple[int, int], Any] = {}
        #: Cells that show a spreadsheet error (#N/A, #REF! ...): read as empty, and reported.
        self.errors: dict[tuple[int, int], str] = {}
        #: Cells holding more text than a spreadsheet cell can: read, and reported.
        self.too_long: list[tuple[int, int]] = []
        for key, cell in sheet._cells.items():
            if cell.value is None:
                continue
            if cell.data_type == "e":
                self.errors[key] = str(cell.value)
            else:
                self.values[key] = cell.value
                if isinstance(cell.value, str) and len(cell.value) > LIMITS.max_cell_text:
                    self.too_long.append(key)
        for cell_range in sheet.merged_cells.ranges:
            value = self.values.get((cell_range.min_row, cell_range.min_col))
            if value is None:
                continue
            for row in range(cell_range.min_row, cell_range.max_row + 1):
                for column in range(cell_range.min_col, cell_range.max_col + 1):
                    self.values[(row, column)] = value
        #: The columns each row holds something in, both in order; the only ones worth reading.
        self.by_row: dict[int, list[int]] = {}
        for row, column in sorted([*self.values, *self.errors]):
            self.by_row.setdefault(row, []).append(column)
        self.rows = list(self.by_row)
        #: The columns that hold something, in order.
        self.columns = sorted({column for _, column in self.values})
        self.max_column = self.columns[-1] if self.columns else 0

    def rows_from(self, first: int) -> list[int]:
        return self.rows[bisect.bisect_left(self.rows, first) :]

    def value(self, row: int, column: int) -> Any:
        return self.values.get((row, column))

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column))

    def report_too_long(self, reading: Reading, headings: dict[int, str] | None = None) -> None:
        """An error for each cell longer than a spreadsheet cell can hold, in sheet order."""
        for row, column in sorted(self.too_long):
            reading.add_too_long(
                self.title,
                f"{get_column_letter(column)}{row}",
                str(self.values[(row, column)]),
                (headings or {}).get(column, ""),
            )

    def report_error(self, reading: Reading, row: int, column: int, heading: str) -> None:
        """A finding if this cell shows a spreadsheet error rather than an answer."""
        error = self.errors.get((row, column))
        if error is None:
            return
        reading.add(
            Severity.WARNING,
            "spreadsheet-error",
            f"The cell shows the spreadsheet error {error}; it was read as empty.",
            sheet=self.title,
            cell=f"{get_column_letter(column)}{row}",
            column=heading,
            value=error,
            suggestion="Correct the formula, or type the answer itself.",
        )
