"""A sheet's grid, as the reader reads it, against a plain model of what it must say.

The grid keeps each row's cells in a small dictionary and rebuilds a row once, however many of
its cells a formula, an error or a merge touches (a hostile sheet may hold thousands in a row).
The model below says the same thing the slow, obvious way: one dictionary by (row, column),
each formula cleared and each merge filled down in the file's order.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.excel.reader.book import SheetCells
from generator.excel.reader.grid import Grid
from generator.worksheet.limits import LIMITS

Position = tuple[int, int]


def model(sheet: SheetCells, formulas: dict[Position, str]) -> dict[str, Any]:
    values = {
        (row, column): value
        for row, cells in sheet.rows.items()
        for column, value in cells.items()
        if (row, column) not in formulas
    }
    errors = {key: error for key, error in sheet.errors.items() if key not in formulas}
    longest = LIMITS.max_cell_text
    too_long = sorted(k for k, v in values.items() if isinstance(v, str) and len(v) > longest)
    spans = {}
    for min_row, min_col, max_row, max_col in sheet.merged:
        first = (min_row, min_col)
        if first not in values and first not in errors and first not in formulas:
            continue
        if max_col > min_col:
            spans[first] = max_col
        if first in values:
            for row in range(min_row + 1, max_row + 1):
                values[(row, min_col)] = values[first]
    held = sorted({*values, *errors, *formulas})
    by_row: dict[int, list[int]] = {}
    for row, column in held:
        by_row.setdefault(row, []).append(column)
    return {"values": values, "too_long": too_long, "spans": spans, "by_row": by_row}


def as_read(grid: Grid) -> dict[str, Any]:
    values = {(r, c): v for r, cells in grid.cells.items() for c, v in cells.items()}
    in_order = all(list(cells) == sorted(cells) for cells in grid.cells.values())
    assert in_order, "each row's cells in column order"
    return {
        "values": values,
        "too_long": sorted(grid.too_long),
        "spans": grid.spans,
        "by_row": grid.by_row,
    }


def sheet_of(values: dict[Position, Any], errors=None, merged=None) -> SheetCells:
    rows: dict[int, dict[int, Any]] = {}
    for (row, column), value in sorted(values.items()):
        rows.setdefault(row, {})[column] = value
    return SheetCells("Part 5 Invite List", rows, dict(errors or {}), list(merged or []))


def test_a_long_text_merged_down_is_one_cell_too_long_not_one_per_row() -> None:
    long = "x" * (LIMITS.max_cell_text + 1)
    sheet = sheet_of({(4, 12): long, (4, 1): "Pat Reyes"}, merged=[(4, 12, 6, 12)])

    grid = Grid(sheet)

    assert grid.too_long == [(4, 12)]
    assert grid.value(6, 12) == long  # read in every row it covers, reported once


def test_formulas_and_errors_across_a_whole_row_leave_the_rest_of_the_row() -> None:
    values = {(5, column): 0 for column in range(1, 400)} | {(5, 400): "kept"}
    formulas = {(5, column): "=1-1" for column in range(1, 400)}
    errors = {(6, column): "#N/A" for column in range(1, 400)}

    grid = Grid(sheet_of(values, errors), formulas)

    assert grid.cells == {5: {400: "kept"}}
    assert grid.by_row[5] == list(range(1, 401))
    assert grid.by_row[6] == list(range(1, 400))


def test_a_merge_starting_where_another_filled_down_reads_on() -> None:
    """Two merges one below the other, the second starting in a cell the first filled: read in
    the file's order, as a program writing each into the cells would."""
    sheet = sheet_of({(4, 2): "Nonprofit"}, merged=[(4, 2, 5, 2), (5, 2, 7, 2)])

    assert [Grid(sheet).value(row, 2) for row in range(4, 9)] == ["Nonprofit"] * 4 + [None]


positions = st.tuples(st.integers(1, 5), st.integers(1, 4))  # small: merges meet values
cell_values = st.one_of(
    st.sampled_from(["x", "Yes", "", "Nonprofit", "y" * (LIMITS.max_cell_text + 1)]),
    st.integers(-1, 2),
    st.booleans(),
)
merges = st.tuples(positions, st.integers(0, 3), st.integers(0, 2)).map(
    lambda m: (m[0][0], m[0][1], m[0][0] + m[1], m[0][1] + m[2])
)


@settings(max_examples=300, deadline=None)
@given(
    values=st.dictionaries(positions, cell_values, max_size=30),
    errors=st.dictionaries(positions, st.sampled_from(["#N/A", "#REF!"]), max_size=5),
    formulas=st.dictionaries(positions, st.just("=A1"), max_size=5),
    merged=st.lists(merges, max_size=6),
)
def test_the_grid_says_what_the_plain_model_says(values, errors, formulas, merged) -> None:
    values = {key: value for key, value in values.items() if value != "" and key not in errors}
    sheet = sheet_of(values, errors, merged)

    assert as_read(Grid(sheet, formulas)) == model(sheet, formulas)
