"""Whatever people type into answer cells, the reader reads on and points at real cells."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import coordinate_from_string

from generator.common.text import xml_safe
from generator.excel.reader import check_workbook
from generator.excel.styles import put_text
from generator.excel.writer import build_workbook
from generator.worksheet import DEFAULT_VOCABULARY, FIRST_DATA_ROW, PART1_SHEET, TABLES
from generator.worksheet.placement import place_part1, place_table

ROWS = range(FIRST_DATA_ROW, FIRST_DATA_ROW + 4)


def answer_cells() -> list[tuple[str, int, int]]:
    cells = [
        (PART1_SHEET, row.row, column)
        for row in place_part1(DEFAULT_VOCABULARY).rows
        for column in (2, 3)
    ]
    for table in TABLES:
        for placed in place_table(table, DEFAULT_VOCABULARY):
            cells.extend((table.sheet, row, placed.index) for row in ROWS)
    return cells


CELLS = answer_cells()
OPTIONS = [
    *DEFAULT_VOCABULARY.groups,
    *DEFAULT_VOCABULARY.areas,
    *DEFAULT_VOCABULARY.organization_types,
    *DEFAULT_VOCABULARY.statuses,
    "Yes",
    "x",
    "No",
]

values = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.sampled_from(OPTIONS),
    st.sampled_from(["=1+1", "+SUM(A1)", "-3", "@x", "{{ 7*7 }}", "a, b; c\nd", "\u202eevil"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)


answer = st.tuples(st.sampled_from(CELLS), values)


# A few answers, or a well-filled workbook. Each example costs a workbook written and read
# (about 0.4 s), so the count is sized by what it finds, measured with bugs put in on purpose:
# a number reaching text-only code was caught within 4 examples on 6 seeds of 6; a message
# quoting a value with its line break within 23 on 15 seeds of 16 (the other, not within 60).
# The former strategy alone (1 to 25 answers) caught the latter within 40 on 3 seeds of 8.
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(answer, min_size=1, max_size=25) | st.lists(answer, min_size=25, max_size=100))
def test_any_answers_are_read_without_crashing_and_findings_point_at_real_cells(edits):
    workbook = build_workbook(DEFAULT_VOCABULARY, "Elm Grove")
    for (sheet, row, column), value in edits:
        cell = workbook[sheet].cell(row, column)
        if isinstance(value, str):
            put_text(cell, value)
        else:
            cell.value = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "filled.xlsx"
        workbook.save(path)

        reading = check_workbook(path)

    for finding in reading.findings:
        assert finding.message and "\n" not in finding.message
        if finding.cell:
            assert finding.sheet in workbook.sheetnames
            _, row = coordinate_from_string(finding.cell)
            assert 1 <= row <= workbook[finding.sheet].max_row + 1
    for partner in reading.plan.partners:
        assert partner.name == xml_safe(partner.name)
