"""Parts 2 to 5: each table's columns found by their headings, then every row read.

People insert, move, sort and add columns; the headings, not the positions, say what a column is.
A column of the user's own is kept (as ``extra``) so that merge and upgrade carry it along. The
rows are then read by :mod:`.rows`.
"""

from __future__ import annotations

from pathlib import Path

from generator.common.cells import column_letter
from generator.common.errors import WorkbookError
from generator.common.text import fold
from generator.excel.reader.grid import Grid
from generator.plan.findings import Severity
from generator.plan.reading import HEADER_SEARCH_ROWS, Reading, TableMap
from generator.worksheet import Column, Kind, Table, Vocabulary


def _names(column: Column) -> set[str]:
    return {fold(column.heading), *(fold(a) for a in column.aliases)}


def map_table(
    path: Path, grid: Grid, table: Table, vocabulary: Vocabulary, reading: Reading
) -> TableMap:
    top = _heading_row(grid, table)
    if top is None:
        raise WorkbookError(
            f"sheet {grid.title!r} has no {table.key_column.heading!r} heading in its first "
            f"{HEADER_SEARCH_ROWS} rows.",
            path,
        )
    width = grid.max_column
    upper = [grid.text(top, c) for c in range(1, width + 1)]
    lower = [grid.text(top + 1, c) for c in range(1, width + 1)]
    two_rows = _is_second_heading_row(table, upper, lower)
    table_map = TableMap(table, grid.title, top + (2 if two_rows else 1))
    mark_columns = {name: c for c in table.columns if c.kind is Kind.MARKS for name in _names(c)}
    plain_columns = {
        name: c for c in table.columns if c.kind is not Kind.MARKS for name in _names(c)
    }
    group = ""
    for index in range(width):
        up, low = upper[index], lower[index] if two_rows else ""
        if up:
            group = up
        elif not low:
            continue
        column_index = index + 1
        heading = low if low and low != up else up
        marks = mark_columns.get(fold(group)) if low and low != up else None
        if marks is not None:
            assert marks.list_key is not None
            match = reading.matcher.match(low, vocabulary.options(marks.list_key))
            option = match.option or low
            table_map.columns.setdefault(marks.field, []).append(column_index)
            table_map.options[column_index] = option
            table_map.headings[column_index] = f"{marks.heading}: {option}"
            if match.option is None:
                reading.add(
                    Severity.WARNING,
                    "unknown-option-column",
                    f"Column \u201c{low}\u201d under \u201c{marks.heading}\u201d is not an option "
                    "of its list; its marks are read as that text.",
                    sheet=grid.title,
                    cell=f"{column_letter(column_index)}{top + 1}",
                    column=marks.heading,
                    value=low,
                    suggestion=match.did_you_mean,
                )
            continue
        declared = plain_columns.get(fold(heading)) or mark_columns.get(fold(heading))
        if declared is None or declared.field in table_map.columns:
            # A column of the user's own (or a repeated heading): carried along, not checked,
            # so that a merge or an upgrade keeps what was written in it.
            table_map.extras[column_index] = heading
            continue
        table_map.columns[declared.field] = [column_index]
        table_map.headings[column_index] = declared.heading
    for column in table.columns:
        if column.field in table_map.columns:
            continue
        if column.required:
            raise WorkbookError(
                f"sheet {grid.title!r} has no {column.heading!r} column (looked for its "
                f"heading in rows {top}-{top + 1}).",
                path,
            )
    return table_map


def _heading_row(grid: Grid, table: Table) -> int | None:
    names = _names(table.key_column)
    for row in grid.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        for column in grid.columns:
            if fold(grid.text(row, column)) in names:
                return row
    return None


def _is_second_heading_row(table: Table, upper: list[str], lower: list[str]) -> bool:
    """Whether the row under the headings holds sub-headings (this tool's layout) or answers."""
    key_index = next(
        (i for i, text in enumerate(upper) if fold(text) in _names(table.key_column)), 0
    )
    # In this tool's layout the key heading spans both rows (merged), so the cell below it
    # repeats the heading or is empty; in a one-row layout it holds the first answer.
    below_key = lower[key_index] if key_index < len(lower) else ""
    if below_key and fold(below_key) != fold(upper[key_index]):
        return False
    return any(lower)
