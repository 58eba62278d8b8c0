"""Read a completed workbook into a :class:`~generator.plan.model.CoalitionPlan`.

This is the only module that reads workbooks. It trusts headings, not positions: people insert,
move, sort and add columns and rows, merge cells, re-save in LibreOffice or export from Google
Sheets. What it cannot make sense of becomes a finding at a cell, never an exception, unless the
file is not a workbook of this layout at all (then :class:`~generator.common.errors.WorkbookError`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from generator.excel.reader.grid import Grid
from generator.excel.reader.metrics import read_metrics
from generator.excel.reader.opening import (
    check_layout_version,
    find_sheet,
    open_workbook,
    read_community,
    read_vocabulary,
)
from generator.excel.reader.part1 import read_part1
from generator.excel.reader.tables import map_table, read_rows
from generator.excel.safety import inspect_workbook
from generator.plan.checks import run_checks
from generator.plan.findings import Severity
from generator.plan.model import CoalitionPlan
from generator.plan.reading import Reading
from generator.worksheet import LAYOUT_VERSION, PART1_SHEET, TABLES


def read_workbook(path: Path) -> Reading:
    """Read ``path``; raise :class:`WorkbookError` only if it is not a readable workbook."""
    path = Path(path)
    inspect_workbook(path)
    return read_opened(path, open_workbook(path))


def check_workbook(path: Path) -> Reading:
    """Read a workbook and run every check; raises only if the file cannot be read at all.

    The front door every command reads through.
    """
    return run_checks(read_workbook(path))


def read_opened(path: Path, workbook: Workbook) -> Reading:
    """Read a workbook already inspected and opened from ``path`` (see :func:`open_workbook`)."""
    version = check_layout_version(path, workbook)
    vocabulary = read_vocabulary(workbook)
    plan = CoalitionPlan(
        community=read_community(workbook),
        layout_version=version,
        path=path,
        vocabulary=vocabulary,
    )
    reading = Reading(path, plan)
    if version == 0:
        reading.add(
            Severity.WARNING,
            "no-version",
            f"The workbook does not say which layout version it follows; read as version "
            f"{LAYOUT_VERSION}.",
            suggestion="Start new workbooks with coalition new-workbook.",
        )
        plan.layout_version = LAYOUT_VERSION
    read_part1(reading, Grid(find_sheet(path, workbook, PART1_SHEET, "Part 1")))
    for table in TABLES:
        grid = Grid(find_sheet(path, workbook, table.sheet, table.part))
        table_map = map_table(path, grid, table, vocabulary, reading)
        reading.tables[table.key] = table_map
        read_rows(reading, grid, table_map)
    read_metrics(reading, workbook)
    return reading
