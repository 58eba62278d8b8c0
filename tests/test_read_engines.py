"""python-calamine and openpyxl read every workbook alike: the reader's two ways in.

The reader reads with python-calamine and falls back to openpyxl for what calamine cannot read
(generator/excel/reader/fast.py). Both must give the same reading: every finding with its cell,
message and value, the plan, the cells left unread. Compared here over every workbook the tests
keep (the sample, the fixtures, the corpus as LibreOffice and as a script filled it) and over
workbooks of every kind of value hypothesis can put in answer cells: numbers as int and float,
dates and times, booleans, formulas without results, spreadsheet errors, text of any kind, merged
cells.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_corpus import CORPUS, cases, fill_with_openpyxl
from openpyxl.cell import MergedCell
from test_reader_properties import OPTIONS as TYPED_OPTIONS

from generator.common.cells import cell_name, cell_position, column_index, column_letter
from generator.common.cells import range_bounds as our_range_bounds
from generator.common.errors import WorkbookError
from generator.excel.reader import check_workbook
from generator.excel.reader.book import destinations
from generator.excel.reader.fast import CalamineBook
from generator.excel.safety import inspect_workbook
from generator.excel.styles import put_text
from generator.excel.writer import build_workbook, write_workbook
from generator.plan.reading import Reading
from generator.worksheet import DEFAULT_VOCABULARY, FIRST_DATA_ROW, PART1_SHEET, TABLES
from generator.worksheet.placement import place_part1, place_table

ROOT = Path(__file__).parent.parent
KEPT = sorted(
    [
        *(ROOT / "sample_workbooks").glob("*.xlsx"),
        *(ROOT / "tests" / "fixtures").glob("*.xlsx"),
        *CORPUS.glob("*.xlsx"),
    ]
)


def reading_of(reading: Reading) -> dict[str, Any]:
    """All a reading says, in a form two readings compare in."""
    return {
        "findings": [finding.to_dict() for finding in reading.findings],
        "plan": repr(reading.plan),
        "unread": sorted(reading.unread),
        "blank_rows": reading.blank_rows,
        "part1": repr(reading.part1),
        "tables": repr(reading.tables),
    }


def assert_read_alike(path: Path) -> None:
    """Both ways read ``path`` alike, and calamine's way really read it (it fell back to
    openpyxl for none of it)."""
    inspection = inspect_workbook(path)
    assert inspection.openpyxl_only == {}
    book = CalamineBook(path, inspection)  # raises CannotReadFast if calamine cannot
    for title in book.titles:
        book.sheet(title)
    book.close()
    fast = outcome(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COALITION_READER", "openpyxl")
        slow = outcome(path)
    assert fast == slow


def outcome(path: Path) -> dict[str, Any]:
    """The reading, or the sentence refusing the workbook (a heading overwritten, say)."""
    try:
        return reading_of(check_workbook(path))
    except WorkbookError as error:
        return {"refused": str(error)}


@pytest.mark.parametrize("path", KEPT, ids=lambda p: p.name)
def test_every_workbook_kept_reads_alike_both_ways(path: Path) -> None:
    assert_read_alike(path)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_every_corpus_case_a_script_filled_reads_alike_both_ways(case, tmp_path: Path) -> None:
    assert_read_alike(fill_with_openpyxl(case, tmp_path / f"{case.name}.xlsx"))


def test_a_workbook_with_its_mobility_metrics_reads_alike_both_ways(tmp_path: Path) -> None:
    from generator.data.metrics import standing_for

    csv = ROOT / "tests" / "fixtures" / "synthetic-mobility-metrics_county_longitudinal.csv"
    standing = standing_for(csv, county="39177")
    path = tmp_path / "metrics.xlsx"
    write_workbook(path, DEFAULT_VOCABULARY, "Forest County", standing=standing)

    assert check_workbook(path).plan.standing.standings  # the sheet was read
    assert_read_alike(path)


def test_dates_in_a_workbook_of_the_1904_date_system_read_alike_both_ways(tmp_path: Path) -> None:
    """Excel for Mac once counted days from 1904: the same number is another date there. Both
    ways read the workbook's own system (the cover's date, and dates typed into answers)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from generator.plan.model import Cover

    workbook = build_workbook(DEFAULT_VOCABULARY, Cover("Elm Grove", due="2026-06-30"))
    workbook.epoch = CALENDAR_MAC_1904
    cells = workbook["Instructions"].iter_rows()
    due = next(cell for row in cells for cell in row if cell.value == "June 30, 2026")
    due.value = dt.date(2026, 6, 30)  # a date, as a spreadsheet program saves one typed
    invitees = workbook[TABLES[-1].sheet]
    for offset, value in enumerate([dt.datetime(2026, 5, 4, 9, 30), dt.date(1999, 12, 31)]):
        invitees.cell(FIRST_DATA_ROW + offset, 1).value = f"Member {offset}"
        invitees.cell(FIRST_DATA_ROW + offset, 10).value = value
    path = tmp_path / "mac.xlsx"
    workbook.save(path)

    assert check_workbook(path).plan.due == "2026-06-30"
    assert_read_alike(path)


# --- Any value in any answer cell ---------------------------------------------------------------

ROWS = range(FIRST_DATA_ROW, FIRST_DATA_ROW + 4)


def answer_cells() -> list[tuple[str, int, int]]:
    cells = [
        (PART1_SHEET, row.row, column)
        for row in place_part1(DEFAULT_VOCABULARY).rows
        for column in (1, 2, 3)
    ]
    for table in TABLES:
        for placed in place_table(table, DEFAULT_VOCABULARY):
            cells.extend((table.sheet, row, placed.index) for row in ROWS)
        cells.extend((table.sheet, row, column) for row in (2, 3, 30) for column in (1, 5, 60))
    return cells


CELLS = answer_cells()
# The options test_reader_properties types, and two more negatives.
OPTIONS = [*TYPED_OPTIONS, "N/A", "FALSE"]


class Formula(str):
    """A formula saved without its result, as a script saves one."""


class Error(str):
    """A cell showing a spreadsheet error."""


values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(OPTIONS),
    st.sampled_from(["", " ", "  Yes  ", "a, b; c\nd", "\u00a0x\u00a0", "0", "1", "1.0"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from([0, 1, 0.0, 1.0, 2, 0.5, 1e-7, 12345678901]),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.builds(dt.time, st.integers(0, 23), st.integers(0, 59)),
    st.sampled_from([Formula("=1+1"), Formula("=A1"), Formula('=""')]),
    st.sampled_from([Error("#N/A"), Error("#REF!"), Error("#DIV/0!")]),
)
merges = st.tuples(st.sampled_from(CELLS), st.integers(0, 2), st.integers(0, 3))


def put(cell: Any, value: object) -> None:
    if isinstance(cell, MergedCell):
        return  # covered by a merged heading: no cell to type into
    if isinstance(value, Formula | Error):
        cell.value = str(value)  # openpyxl saves "=..." as a formula, "#N/A" as an error
    elif isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.tuples(st.sampled_from(CELLS), values), min_size=1, max_size=60),
    st.lists(merges, max_size=3),
)
def test_any_values_read_alike_both_ways(edits, merged) -> None:
    workbook = build_workbook(DEFAULT_VOCABULARY, "Elm Grove")
    for (sheet, row, column), value in edits:
        put(workbook[sheet].cell(row, column), value)
    for (sheet, row, column), down, across in merged:
        if down or across:
            top = f"{cell_name(row, column)}:{cell_name(row + down, column + across)}"
            if not any(top in str(r) for r in workbook[sheet].merged_cells.ranges):
                with contextlib.suppress(ValueError):  # overlaps one already there
                    workbook[sheet].merge_cells(top)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "filled.xlsx"
        workbook.save(path)
        assert_read_alike(path)


# --- The small parts calamine's way needed of its own -------------------------------------------


@given(st.integers(1, 16_384), st.integers(1, 1_048_576))
def test_cell_names_are_openpyxls(column: int, row: int) -> None:
    from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
    from openpyxl.utils.cell import get_column_letter as theirs

    assert column_letter(column) == theirs(column)
    assert column_index(theirs(column)) == column_index_from_string(theirs(column)) == column
    name = f"{theirs(column)}{row}"
    assert cell_name(row, column) == name
    assert cell_position(name) == coordinate_to_tuple(name)


@pytest.mark.parametrize(
    "ref", ["A1", "$B$2:$C$9", "A:A", "$A:$C", "2:5", "$3:$3", "XFD1048576", "A1:XFD1048576"]
)
def test_ranges_are_read_as_openpyxl_reads_them(ref: str) -> None:
    from openpyxl.utils import range_boundaries

    assert our_range_bounds(ref) == range_boundaries(ref.replace("$", ""))


@pytest.mark.parametrize(
    "text",
    [
        "Lists!$A$2:$A$30",
        "'Lists'!$A$2:$A$30",
        "'Part 1 Needs'!$B$4",
        "Lists!$A:$A",
        "Lists!$A$2:$A$5,Lists!$C$2:$C$5",
        "'Lists'!$A$2,'Other sheet'!$B$3:$B$4",
        '"3"',
        "3",
        "SUM(Lists!A1:A3)",
        "#REF!",
    ],
)
def test_defined_names_cover_the_areas_openpyxl_finds(text: str) -> None:
    """The areas, as the reader uses them: none at all when one of them names no cells."""
    from openpyxl.utils import range_boundaries
    from openpyxl.workbook.defined_name import DefinedName

    def usable(areas: list[tuple[str, str]], bounds: Any) -> list[tuple[str, str]]:
        try:
            for _, ref in areas:
                bounds(ref.replace("$", ""))
        except ValueError:
            return []
        return areas

    try:
        theirs = list(DefinedName("name", attr_text=text).destinations)
    except (AttributeError, ValueError):
        theirs = []  # openpyxl fails on some texts that name no range; ours finds none
    ours = list(destinations(text))
    assert usable(ours, our_range_bounds) == usable(theirs, range_boundaries)


def test_a_name_whose_range_was_deleted_covers_no_cells() -> None:
    """Excel writes "Lists!#REF!" when the rows a name covered are deleted. openpyxl read it as
    the whole Lists sheet (an empty range has no bounds), every option of every list then
    becoming one of this list's; the reader now reads such a list as not given."""
    assert list(destinations("Lists!#REF!")) == []
