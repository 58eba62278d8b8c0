"""A sheet's values by position, built only from the cells the file holds, and the cells whose
value cannot be read (a spreadsheet error, a formula never calculated)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.common.cells import column_letter
from generator.common.english import listed
from generator.common.text import cell_text
from generator.excel.reader.book import SheetCells
from generator.plan.findings import Severity
from generator.plan.reading import Reading
from generator.worksheet.limits import LIMITS
from generator.worksheet.marks import MARK_SUGGESTION

#: What a person can do about a formula without a saved value.
RECALCULATE_HINT = (
    "Open and save the workbook in Excel or LibreOffice, or run the command with --recalculate."
)

#: Past this many cells of one column with the same problem, a finding counts them instead of
#: naming each.
_NAMED_CELLS = 4


@dataclass(frozen=True)
class _Unread:
    row: int
    column: int
    heading: str
    code: str  # "spreadsheet-error" | "formula-not-calculated"
    value: str  # the error shown, or the formula


def _by_row(positions: list[tuple[int, int]]) -> dict[int, set[int]]:
    """Cells' columns, by row."""
    rows: dict[int, set[int]] = {}
    for row, column in positions:
        rows.setdefault(row, set()).add(column)
    return rows


def _without(
    rows: dict[int, dict[int, Any]], cleared: Mapping[tuple[int, int], object]
) -> dict[int, dict[int, Any]]:
    """The rows without the ``cleared`` cells: each row touched copied once, the others
    shared; a row left with nothing is left out."""
    kept = dict(rows)
    for row, columns in _by_row(list(cleared)).items():
        held = kept.get(row)
        if held is None or columns.isdisjoint(held):
            continue
        remaining = {column: value for column, value in held.items() if column not in columns}
        if remaining:
            kept[row] = remaining
        else:
            del kept[row]
    return kept


class Grid:
    """A sheet's values by row, then column.

    Built from the cells the file holds, never from the rectangle they span: one value typed
    at XFD1048576 must not make the reader visit seventeen billion empty cells. (safety.py has
    already bounded the merged ranges.)

    A value merged down several rows reads in each of them (one organization type for two
    partners). A value merged across several columns reads in its first column only; the reader
    reports the merge where it covers several answers (:attr:`spans`).
    """

    def __init__(self, sheet: SheetCells, uncalculated: Mapping[tuple[int, int], str] = {}) -> None:
        self.title = sheet.title
        #: Cells whose formula has no saved value: read as empty, and reported.
        self.formulas: dict[tuple[int, int], str] = dict(uncalculated)
        #: Cells that show a spreadsheet error (#N/A, #REF! ...): read as empty, and reported.
        self.errors: dict[tuple[int, int], str] = {
            key: error for key, error in sheet.errors.items() if key not in self.formulas
        }
        #: Each row's values by column, in column order. The sheet's own rows are shared, not
        #: copied; a row read otherwise (a formula without a value, a merge filled down) is
        #: copied once, however many of its cells are: a hostile sheet may hold thousands.
        self.cells: dict[int, dict[int, Any]] = _without(sheet.rows, self.formulas)
        #: Cells holding more text than a spreadsheet cell can, among those the file holds (a
        #: merge filled down repeats no finding): read, and reported.
        longest = LIMITS.max_cell_text
        self.too_long: list[tuple[int, int]] = [
            (row, column)
            for row, cells in self.cells.items()
            for column, value in cells.items()
            if type(value) is str and len(value) > longest  # calamine and openpyxl give str
        ]
        #: Merged ranges wider than one column, by their first cell: the last column covered.
        self.spans: dict[tuple[int, int], int] = {}
        self._fill_merges_down(sheet.merged)
        #: The columns each row holds something in (a value, an error, a formula), both in
        #: order; the only ones worth reading.
        self.by_row: dict[int, list[int]] = {row: list(cells) for row, cells in self.cells.items()}
        for row, columns in _by_row([*self.errors, *self.formulas]).items():
            self.by_row[row] = sorted(columns.union(self.by_row.get(row, ())))
        self.rows = sorted(self.by_row)
        #: The columns that hold something, in order.
        self.columns = sorted({column for cells in self.cells.values() for column in cells})
        self.max_column = self.columns[-1] if self.columns else 0
        self._unread: list[_Unread] = []

    def _fill_merges_down(self, merged: list[tuple[int, int, int, int]]) -> None:
        """Read a value merged down in each row it covers, and note merges across columns.

        Merges are taken in the file's order, each seeing what the ones before filled in (as
        when each was written into the cells at once); the rows they fill are rebuilt once at
        the end, in column order."""
        filled: dict[int, dict[int, Any]] = {}

        def value(row: int, column: int) -> Any:
            held = filled.get(row, {}).get(column)
            return self.value(row, column) if held is None else held

        for min_row, min_col, max_row, max_col in merged:
            first = value(min_row, min_col)
            if first is None and not self.unreadable(min_row, min_col):
                continue  # a merge of blanks
            if max_col > min_col:
                self.spans[(min_row, min_col)] = max_col
            if first is None:
                continue
            for row in range(min_row + 1, max_row + 1):
                filled.setdefault(row, {})[min_col] = first
        for row, values in filled.items():
            self.cells[row] = dict(sorted({**self.cells.get(row, {}), **values}.items()))

    def rows_from(self, first: int) -> list[int]:
        return self.rows[bisect.bisect_left(self.rows, first) :]

    def value(self, row: int, column: int) -> Any:
        cells = self.cells.get(row)
        return None if cells is None else cells.get(column)

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column))

    def report_too_long(self, reading: Reading, headings: dict[int, str] | None = None) -> None:
        """An error for each cell longer than a spreadsheet cell can hold, in sheet order."""
        for row, column in sorted(self.too_long):
            reading.add_too_long(
                self.title,
                f"{column_letter(column)}{row}",
                str(self.cells[row][column]),
                (headings or {}).get(column, ""),
            )

    def holds(self, row: int, column: int) -> bool:
        """Whether the cell holds anything: a value, an error or a formula."""
        key = (row, column)
        return column in self.cells.get(row, ()) or key in self.errors or key in self.formulas

    def unreadable(self, row: int, column: int) -> bool:
        return (row, column) in self.errors or (row, column) in self.formulas

    def note_unreadable(self, reading: Reading, row: int, column: int, heading: str) -> bool:
        """Record an answer cell whose value cannot be read; whether it was one.

        The findings come from :meth:`report_unreadable`, one per column and problem, so that a
        formula filled down five hundred rows is one finding, not five hundred.
        """
        key = (row, column)
        if key in self.formulas:
            unread = _Unread(row, column, heading, "formula-not-calculated", self.formulas[key])
        elif key in self.errors:
            unread = _Unread(row, column, heading, "spreadsheet-error", self.errors[key])
        else:
            return False
        self._unread.append(unread)
        reading.unread.add((self.title, f"{column_letter(column)}{row}"))
        return True

    def report_unreadable(self, reading: Reading) -> None:
        """One finding per column and problem, at its first cell, naming or counting the rest."""
        groups: dict[tuple[int, str, str], list[_Unread]] = {}
        for unread in self._unread:
            shown = unread.value if unread.code == "spreadsheet-error" else ""
            groups.setdefault((unread.column, unread.code, shown), []).append(unread)
        for cells in groups.values():
            cells.sort(key=lambda u: u.row)
            first, others = cells[0], cells[1:]
            names = [f"{column_letter(u.column)}{u.row}" for u in others]
            if not others:
                more = ""
            elif len(others) <= _NAMED_CELLS:
                more = (
                    f" So does {listed(names)}." if len(names) == 1 else f" So do {listed(names)}."
                )
            else:
                more = f" So do {len(others)} more cells of this column, down to {names[-1]}."
            if first.code == "spreadsheet-error":
                message = (
                    f"The cell shows the spreadsheet error {first.value}; it was read as empty."
                )
                suggestion = "Correct the formula, or type the answer itself."
            else:
                message = "This formula has no saved value, so it was read as empty."
                suggestion = RECALCULATE_HINT
            reading.add(
                Severity.ERROR,
                first.code,
                message + more,
                sheet=self.title,
                cell=f"{column_letter(first.column)}{first.row}",
                column=first.heading,
                value=first.value,
                suggestion=suggestion,
            )
        self._unread = []


def report_span(
    reading: Reading, grid: Grid, row: int, column: int, headings: Mapping[int, str]
) -> None:
    """A finding when a value merged across columns covers several answers (``headings``, by
    sheet column): it was read in the first of them only."""
    last = grid.spans.get((row, column))
    if last is None:
        return
    covered = [c for c in sorted(headings) if column <= c <= last]
    if len(covered) < 2:
        return
    first, end = headings[covered[0]], headings[covered[-1]]
    reading.add(
        Severity.ERROR,
        "merged-across",
        f"One value covers {first} to {end}; it was read as {first} only.",
        sheet=grid.title,
        cell=f"{column_letter(column)}{row}",
        column=first,
        value=grid.text(row, column),
        suggestion="Split it into its columns: unmerge the cells and write each answer in its own.",
    )


def report_strays(
    reading: Reading, grid: Grid, strays: Mapping[int, list[int]], where: str, suggestion: str
) -> None:
    """One finding per column for values typed where no answer belongs (``strays``: rows by
    sheet column); ``where`` says where they are."""
    for column, rows in sorted(strays.items()):
        letter = column_letter(column)
        first = rows[0]
        text = grid.text(first, column) or grid.errors.get((first, column), "")
        more = ""
        if len(rows) > 1:
            more = f" (nor {len(rows) - 1} more of this column, down to {letter}{rows[-1]})"
        reading.add(
            Severity.WARNING,
            "outside-answers",
            f"\u201c{text}\u201d is {where}, so it was not read{more}.",
            sheet=grid.title,
            cell=f"{letter}{first}",
            value=text,
            suggestion=suggestion,
        )


def report_not_a_mark(
    reading: Reading, sheet: str, cell: str, column: str, value: Any, read_as: str
) -> None:
    """An error for a mark cell holding something that is no mark (never guessed); ``read_as``
    ends the sentence, saying what the cell was read as."""
    text = cell_text(value)
    reading.unread.add((sheet, cell))
    reading.add(
        Severity.ERROR,
        "not-a-mark",
        f"\u201c{text}\u201d is not a mark{read_as}",
        sheet=sheet,
        cell=cell,
        column=column,
        value=text,
        suggestion=MARK_SUGGESTION,
    )
