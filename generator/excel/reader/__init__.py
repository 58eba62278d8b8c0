"""Read a completed workbook into a :class:`~generator.plan.model.CoalitionPlan`.

This is the only module that reads workbooks. It trusts headings, not positions: people insert,
move, sort and add columns and rows, merge cells, re-save in LibreOffice or export from Google
Sheets. What it cannot make sense of becomes a finding at a cell, never an exception, unless the
file is not a workbook of this layout at all (then :class:`~generator.common.errors.WorkbookError`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from generator.common.errors import WorkbookError
from generator.excel.reader.formulas import uncalculated_formulas
from generator.excel.reader.grid import Grid
from generator.excel.reader.metrics import read_metrics
from generator.excel.reader.opening import (
    check_layout_version,
    find_sheet,
    open_workbook,
    read_cover,
    read_vocabulary,
)
from generator.excel.reader.part1 import read_part1
from generator.excel.reader.tables import map_table, read_rows
from generator.excel.safety import inspect_workbook
from generator.plan.checks import run_checks
from generator.plan.findings import Severity
from generator.plan.model import CoalitionPlan
from generator.plan.reading import Reading
from generator.worksheet import COVER_LABELS, LAYOUT_VERSION, PART1_SHEET, TABLES
from generator.worksheet.limits import LIMITS


def read_workbook(path: Path, *, shown_as: Path | None = None) -> Reading:
    """Read ``path``; raise :class:`WorkbookError` only if it is not a readable workbook.

    ``shown_as`` is the name findings and messages give the workbook, when ``path`` is a copy
    made of it (recalculated by LibreOffice, for one).
    """
    path = Path(path)
    shown = Path(shown_as) if shown_as is not None else path
    try:
        inspect_workbook(path)
        workbook = open_workbook(path)
    except WorkbookError as error:
        if shown == path:
            raise
        raise WorkbookError(str(error).replace(str(path), str(shown)), None) from None
    return read_opened(shown, workbook, source=path)


def check_workbook(path: Path, *, shown_as: Path | None = None) -> Reading:
    """Read a workbook and run every check; raises only if the file cannot be read at all.

    The front door every command reads through.
    """
    return run_checks(read_workbook(path, shown_as=shown_as))


def read_opened(path: Path, workbook: Workbook, *, source: Path | None = None) -> Reading:
    """Read a workbook already inspected and opened (see :func:`open_workbook`): ``path``
    names it, ``source`` is the file it was opened from when that is a copy of it."""
    version = check_layout_version(path, workbook)
    vocabulary = read_vocabulary(workbook, path)
    places: dict[str, tuple[str, str]] = {}
    cover = read_cover(workbook, places)
    plan = CoalitionPlan(
        community=cover.community,
        return_to=cover.return_to,
        due=cover.due,
        layout_version=version,
        path=path,
        vocabulary=vocabulary,
    )
    reading = Reading(path, plan)
    for key, label in COVER_LABELS.items():
        text = getattr(cover, key)
        if len(text) > LIMITS.max_cell_text:
            reading.add_too_long(*places[key], text, label)
    if version == 0:
        reading.add(
            Severity.WARNING,
            "no-version",
            f"The workbook does not say which layout version it follows; read as version "
            f"{LAYOUT_VERSION}.",
            suggestion="Start new workbooks with coalition new-workbook.",
        )
        plan.layout_version = LAYOUT_VERSION
    part1_sheet = find_sheet(path, workbook, PART1_SHEET, "Part 1")
    sheets = [find_sheet(path, workbook, table.sheet, table.part) for table in TABLES]
    uncalculated = uncalculated_formulas(source or path, [s.title for s in (part1_sheet, *sheets)])
    part1 = Grid(part1_sheet, uncalculated[part1_sheet.title])
    check_rows(path, part1, 1)
    part1.report_too_long(reading)
    read_part1(reading, part1)
    for table, sheet in zip(TABLES, sheets, strict=True):
        grid = Grid(sheet, uncalculated[sheet.title])
        table_map = map_table(path, grid, table, vocabulary, reading)
        check_rows(path, grid, table_map.first_data_row)
        grid.report_too_long(reading, {**table_map.extras, **table_map.headings})
        reading.tables[table.key] = table_map
        read_rows(reading, grid, table_map)
    _note_blank_rows(reading)
    read_metrics(reading, workbook)
    return reading


def check_rows(path: Path, grid: Grid, first: int) -> None:
    """Refuse a sheet with more rows of answers than a coalition plan may have, before reading
    them: every row costs its checks, its place in the briefing and perhaps a letter."""
    rows = len(grid.rows_from(first))
    if rows > LIMITS.max_rows:
        raise WorkbookError(
            f"sheet {grid.title!r} holds {rows:,} rows of answers, more than the "
            f"{LIMITS.max_rows:,} a coalition plan may have; split the work into several "
            "workbooks, or delete the rows that are not needed.",
            path,
        )


def _note_blank_rows(reading: Reading) -> None:
    """One note, for the whole workbook, that rows holding only what blanks mean were skipped."""
    if not reading.blank_rows:
        return
    total = sum(reading.blank_rows.values())
    where = "; ".join(f"{sheet}: {count}" for sheet, count in reading.blank_rows.items())
    reading.add(
        Severity.WARNING,
        "blank-rows",
        f"{total:,} {'row' if total == 1 else 'rows'} held nothing but unticked checkboxes, "
        "negative marks (No, FALSE, N/A), the default status or values filled down past the "
        f"last name, and {'was' if total == 1 else 'were'} read as empty ({where}).",
        sheet=next(iter(reading.blank_rows)),
        suggestion="Nothing to do; clear those rows if you like.",
    )
