"""Read a completed workbook into a :class:`~generator.plan.model.CoalitionPlan`.

This is the only module that reads workbooks. It trusts headings, not positions: people insert,
move, sort and add columns and rows, merge cells, re-save in LibreOffice or export from Google
Sheets. What it cannot make sense of becomes a finding at a cell, never an exception, unless the
file is not a workbook of this layout at all (then :class:`~generator.common.errors.WorkbookError`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator.common.errors import WorkbookError
from generator.excel.reader.book import Book, OpenpyxlBook
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
from generator.excel.reader.rows import read_rows
from generator.excel.reader.tables import map_table
from generator.excel.safety import inspect_workbook
from generator.plan.checks import run_checks
from generator.plan.findings import Severity
from generator.plan.model import CoalitionPlan
from generator.plan.reading import Reading
from generator.worksheet import COVER_LABELS, LAYOUT_VERSION, PART1_SHEET, TABLES
from generator.worksheet.limits import LIMITS

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

T = TypeVar("T")

#: Set to "openpyxl" to read every workbook with openpyxl, the reader's fallback (benchmarks
#: and tests compare the two ways).
READER_VARIABLE = "COALITION_READER"


def read_workbook(
    path: Path, *, shown_as: Path | None = None, engine: str | None = None
) -> Reading:
    """Read ``path``; raise :class:`WorkbookError` only if it is not a readable workbook.

    ``shown_as`` is the name findings and messages give the workbook, when ``path`` is a copy
    made of it (recalculated by LibreOffice, for one). ``engine`` ("calamine" or "openpyxl")
    chooses the library that parses it; by default python-calamine, and openpyxl for a workbook
    calamine cannot read or hold within bounds (:mod:`generator.excel.reader.fast`).
    """
    path = Path(path)
    shown = Path(shown_as) if shown_as is not None else path
    engine = engine or os.environ.get(READER_VARIABLE) or "calamine"
    inspection = _named_as(shown, path, inspect_workbook)
    if engine != "openpyxl":
        from generator.excel.reader.fast import CalamineBook, CannotReadFast

        try:
            book = CalamineBook(path, inspection)
            try:
                return read_book(shown, book)
            finally:
                book.close()
        except CannotReadFast:
            pass  # openpyxl reads it, or says in one sentence why it cannot
    workbook = _named_as(shown, path, open_workbook)
    return read_opened(shown, workbook, source=path)


def _named_as(shown: Path, path: Path, step: Callable[[Path], T]) -> T:
    """``step(path)``, its error naming the workbook as ``shown``."""
    try:
        return step(path)
    except WorkbookError as error:
        if shown == path:
            raise
        raise WorkbookError(str(error).replace(str(path), str(shown)), None) from None


def check_workbook(path: Path, *, shown_as: Path | None = None) -> Reading:
    """Read a workbook and run every check; raises only if the file cannot be read at all.

    The front door every command reads through.
    """
    return run_checks(read_workbook(path, shown_as=shown_as))


def read_opened(path: Path, workbook: Workbook, *, source: Path | None = None) -> Reading:
    """Read a workbook already inspected and opened in openpyxl (see :func:`open_workbook`):
    ``path`` names it, ``source`` is the file it was opened from when that is a copy of it."""
    return read_book(path, OpenpyxlBook(workbook, source or path))


def read_book(path: Path, book: Book) -> Reading:
    """Read a workbook already inspected and opened, whichever library opened it; ``path``
    names it in findings."""
    version = check_layout_version(path, book)
    vocabulary = read_vocabulary(book, path)
    places: dict[str, tuple[str, str]] = {}
    cover = read_cover(book, places)
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
    part1_sheet = find_sheet(path, book, PART1_SHEET, "Part 1")
    sheets = [find_sheet(path, book, table.sheet, table.part) for table in TABLES]
    # Every answer sheet's formulas in one look at the package (openpyxl's way opens it again).
    uncalculated = book.uncalculated([part1_sheet, *sheets])
    part1 = Grid(book.sheet(part1_sheet), uncalculated[part1_sheet])
    check_rows(path, part1, 1)
    part1.report_too_long(reading)
    read_part1(reading, part1)
    for table, sheet in zip(TABLES, sheets, strict=True):
        grid = Grid(book.sheet(sheet), uncalculated[sheet])
        table_map = map_table(path, grid, table, vocabulary, reading)
        check_rows(path, grid, table_map.first_data_row)
        grid.report_too_long(reading, {**table_map.extras, **table_map.headings})
        reading.tables[table.key] = table_map
        read_rows(reading, grid, table_map)
        book.forget(sheet)
    _note_blank_rows(reading)
    read_metrics(reading, book)
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
