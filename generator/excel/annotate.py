"""A copy of a checked workbook with every finding highlighted, explained, and listed.

The input is never touched: the copy is written next to nothing but its own name, atomically.
The copy is the file a convener opens next, so it keeps none of the sender's formulas unless
asked to (:mod:`generator.excel.formulas`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.errors import OutputError
from generator.common.fileio import atomic_path, check_writable
from generator.excel.formulas import Neutralised, neutralise
from generator.excel.reader.opening import open_workbook
from generator.excel.styles import (
    ERROR_FILL,
    HEADING_FILL,
    HEADING_FONT,
    WARNING_FILL,
    fit_row,
    put_text,
)
from generator.plan.findings import Finding, summary
from generator.worksheet import DEFAULT_VOCABULARY, Vocabulary

FINDINGS_SHEET = "Findings"
#: Findings the copy marks and lists: a page of a hundred is already more than anyone reads
#: there, and each costs a comment; past these, the Findings sheet says how many more there are.
MAX_FINDINGS = 5_000
AUTHOR = "coalition check"
HEADINGS = ("Severity", "Where", "Problem", "Suggestion", "Column", "Value")
WIDTHS = (10, 24, 60, 48, 26, 26)


@dataclass(frozen=True)
class Annotated:
    """The annotated copy written, and what of the sender's formulas it replaced."""

    path: Path
    neutralised: Neutralised


def check_annotation_target(source: Path, output: Path, force: bool) -> None:
    """Refuse, before the workbook is even read, an annotated copy that must not be written:
    over the workbook checked, under a name that is not .xlsx, or over a file without --force."""
    source, output = Path(source), Path(output)
    if output.resolve() == source.resolve():
        raise OutputError(
            "is the workbook being checked; the annotated copy needs another name.", output
        )
    # Excel will not open an .xlsx workbook named .xlsm or .xls, and the copy keeps no macros.
    check_writable(output, force, suffix=".xlsx", what="annotated copy")


def write_annotated_copy(
    source: Path,
    findings: list[Finding],
    output: Path,
    force: bool,
    *,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    keep_formulas: bool = False,
) -> Annotated:
    """Write the annotated copy of ``source``, and say what of the sender's it replaced.

    Unless ``keep_formulas``, the copy holds no formula of the sender's, only the values they
    showed (:mod:`generator.excel.formulas`); ``vocabulary`` is the workbook's, by which the
    tool's own formulas are recognised.
    """
    source, output = Path(source), Path(output)
    check_annotation_target(source, output, force)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # With the formulas kept, keep the links to other workbooks they may point at.
        workbook = load_workbook(source, keep_links=keep_formulas)
    neutralised = Neutralised()
    if not keep_formulas:
        neutralised = neutralise(workbook, open_workbook(source), vocabulary)

    shown = findings[:MAX_FINDINGS]
    anchors: dict[str, dict[str, tuple[int, int]]] = {}
    for finding in shown:
        if not (finding.sheet and finding.cell) or finding.sheet not in workbook.sheetnames:
            continue
        try:
            coordinate_from_string(finding.cell)
        except ValueError:
            continue
        sheet = workbook[finding.sheet]
        cell = sheet[finding.cell]
        note = f"{finding.severity.value.upper()}: {finding.message}"
        if isinstance(cell, MergedCell):
            # Inside cells merged by hand only the first holds a value, a fill and a comment.
            if sheet.title not in anchors:
                anchors[sheet.title] = _merge_anchors(sheet)
            cell = sheet.cell(*anchors[sheet.title][finding.cell])
            note = f"{finding.cell}: {note}"
        cell.fill = ERROR_FILL if finding.is_error else WARNING_FILL
        if finding.suggestion:
            note += f"\n{finding.suggestion}"
        if cell.comment is not None:  # keep what people wrote, and earlier findings
            note = f"{cell.comment.text}\n\n{note}"
        comment = Comment(note, AUTHOR)
        comment.width, comment.height = 320, 140
        cell.comment = comment

    name = FINDINGS_SHEET
    while name in workbook.sheetnames:
        name += "+"
    sheet = workbook.create_sheet(name, 0)
    title = sheet.cell(1, 1, f"coalition check: {summary(findings)} in {source.name}")
    title.font = Font(bold=True, size=13)
    notes = [neutralised.summary()] if neutralised else []
    if len(findings) > len(shown):
        notes.append(
            f"The first {len(shown):,} of {len(findings):,} findings are shown here and marked in "
            "the sheets; coalition check (or its --format json) lists them all."
        )
    if notes:
        put_text(sheet.cell(2, 1), " ".join(notes))
    for column, (heading, width) in enumerate(zip(HEADINGS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(3, column, heading)
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    for row, finding in enumerate(shown, start=4):
        values = (
            finding.severity.value,
            finding.where,
            finding.message,
            finding.suggestion,
            finding.column,
            finding.value,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            put_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row, 1).fill = ERROR_FILL if finding.is_error else WARNING_FILL
        fit_row(sheet, row, list(zip(values, WIDTHS, strict=True)))
        if finding.sheet in workbook.sheetnames and finding.cell:
            link = sheet.cell(row, 2)
            link.hyperlink = f"#{quote_sheetname(finding.sheet)}!{finding.cell}"
            link.font = Font(color="0563C1", underline="single")
    sheet.freeze_panes = "A4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "3:3"
    if shown:
        sheet.auto_filter.ref = f"A3:F{3 + len(shown)}"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = other is sheet
    workbook.active = 0
    with atomic_path(output) as tmp:
        workbook.save(tmp)
    return Annotated(output, neutralised)


def _merge_anchors(sheet: Worksheet) -> dict[str, tuple[int, int]]:
    """The first cell of the merged range each merged cell belongs to (safety.py has bounded the
    cells of all merged ranges)."""
    anchors: dict[str, tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                anchors[f"{get_column_letter(column)}{row}"] = (merged.min_row, merged.min_col)
    return anchors
