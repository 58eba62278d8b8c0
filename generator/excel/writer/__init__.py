"""Emit the worksheet as an Excel workbook: one sheet per part, every list answer a dropdown.

Built for Excel, LibreOffice Calc and Google Sheets alike, without macros:

* every dropdown points at a workbook-level defined name on the Lists sheet (inline lists are
  capped at 255 characters, and direct cross-sheet references are dropped by some programs);
* several answers to one question (populations, domains, assets) are a matrix of mark columns
  under one heading: no spreadsheet program has a portable multi-select dropdown;
* the partner dropdowns of Parts 4 and 5 read a list compacted by plain formulas (INDEX/MATCH)
  from Parts 2 and 3, because array functions such as FILTER are not in every program;
* the layout version sits in a defined name and on a hidden sheet, because LibreOffice may show a
  hidden sheet again but keeps defined names.

The writer also fills a workbook from a plan (merge, upgrade, the sample), so that every
workbook this tool writes looks like one it emitted.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from generator.common.fileio import atomic_path, check_writable
from generator.excel.writer.instructions import write_instructions
from generator.excel.writer.lists_sheet import write_lists, write_meta, write_partner_list
from generator.excel.writer.metrics_sheet import write_metrics_sheet
from generator.excel.writer.part1 import write_part1
from generator.excel.writer.tables import fill_table, write_table
from generator.plan.model import CoalitionPlan, Cover
from generator.plan.standing import CommunityStanding
from generator.worksheet import INSTRUCTIONS_SHEET, PART1_SHEET, TABLES, Vocabulary
from generator.worksheet.metrics_sheet import METRICS_SHEET

# --- Entry points -------------------------------------------------------------------------------


def write_workbook(
    path: Path,
    vocabulary: Vocabulary,
    community: str | Cover = "",
    plan: CoalitionPlan | None = None,
    force: bool = False,
    standing: CommunityStanding | None = None,
) -> Path:
    """Write a new workbook (filled from ``plan`` if given) to ``path``, atomically.

    ``community`` is the community's name, or the whole cover (whom to return it to, by when);
    with ``standing``, the workbook carries the community's Mobility Metrics.
    """
    path = Path(path)
    check_writable(path, force, suffix=".xlsx", what="workbook")
    workbook = build_workbook(vocabulary, community, plan, standing)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path


def build_workbook(
    vocabulary: Vocabulary,
    community: str | Cover = "",
    plan: CoalitionPlan | None = None,
    standing: CommunityStanding | None = None,
) -> Workbook:
    """The workbook in memory; the Mobility Metrics of ``standing`` (else the plan's) with it."""
    workbook = Workbook()
    instructions = workbook.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    cover = community if isinstance(community, Cover) else Cover(community)
    if plan is not None:
        given = plan.cover
        cover = Cover(
            cover.community or given.community,
            cover.return_to or given.return_to,
            cover.due or given.due,
        )

    write_lists(workbook, vocabulary)
    write_meta(workbook, cover.community)
    standing = standing or (plan.standing if plan else None)
    write_instructions(instructions, vocabulary, cover, standing.name if standing else "")
    write_part1(workbook.create_sheet(PART1_SHEET, 1), vocabulary, plan, standing)
    for position, table in enumerate(TABLES, start=2):
        sheet = workbook.create_sheet(table.sheet, position)
        write_table(sheet, table, vocabulary)
        if plan is not None:
            fill_table(sheet, table, vocabulary, plan)
    if standing is not None:
        write_metrics_sheet(workbook.create_sheet(METRICS_SHEET, 2 + len(TABLES)), standing)
    write_partner_list(workbook, vocabulary)

    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet is instructions
    return workbook
