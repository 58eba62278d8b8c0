"""The Mobility Metrics sheet: the community's standing on every measure, read-only.

It opens with what the numbers are and where they came from, then one row per measure under the
headings of :data:`~generator.worksheet.metrics_sheet.METRICS_COLUMNS` (which the reader finds
again), then what each column means. Every cell is locked: the sheet reports, it asks nothing.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.fileio import atomic_path, check_writable
from generator.excel.styles import (
    BAND_FILL,
    BORDER,
    NAVY,
    TITLE_FONT,
    WEAK_FILL,
    WRAP_TOP,
    fit_row,
    font,
    heading_cell,
    put_text,
)
from generator.excel.writer.sheet_setup import print_setup, protect
from generator.plan.standing import CommunityStanding, Standing
from generator.worksheet.metrics_sheet import (
    DIRECTION_WORDS,
    FACT_COMMUNITY,
    FACT_FIPS,
    FACT_GEOGRAPHY,
    FACT_NOTES,
    FACT_SOURCE,
    METRICS_COLUMNS,
    METRICS_SHEET,
    NO_VALUE,
    NOT_IN_FILE,
    PRINTED_COLUMNS,
)

INTRO = (
    "The community's own numbers, from the Urban Institute's Mobility Metrics (\u201cBoosting "
    "Upward Mobility: Metrics to Inform Local Action\u201d), the data behind the areas of "
    "concern of Part 1. Each measure's percentile says where the community stands among the "
    "places with a value in the same year: 100 is the best, in the direction that is better for "
    "that measure. The data suggests; the coalition decides. This sheet is read-only: to bring "
    "newer numbers, make the workbook again with coalition new-workbook --metrics."
)
#: The row of the table's headings: after the title, the introduction and the facts.
HEADING_ROW = 9
NUMBER_FORMATS = {"percentile": "0", "compared": "#,##0", "year": "0"}


def write_metrics_sheet(sheet: Worksheet, standing: CommunityStanding) -> None:
    """Lay the community's standing out on ``sheet``."""
    for index, column in enumerate(METRICS_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.cell(1, 1, f"{METRICS_SHEET}: {standing.name}").font = TITLE_FONT
    intro = sheet.cell(2, 1)
    put_text(intro, INTRO)
    intro.alignment = WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=PRINTED_COLUMNS)
    sheet.row_dimensions[2].height = 48
    facts = (
        (FACT_COMMUNITY, standing.name),
        (FACT_FIPS, standing.fips),
        (FACT_GEOGRAPHY, standing.places),
        (FACT_SOURCE, standing.source),
        (FACT_NOTES, "\n".join(standing.notes)),
    )
    for row, (label, value) in enumerate(facts, start=3):
        if not value:
            continue
        sheet.cell(row, 1, label).font = font(bold=True, color=NAVY)
        put_text(sheet.cell(row, 2), value)  # the FIPS code stays text, zeros and all
        if label == FACT_NOTES:
            sheet.cell(row, 2).alignment = WRAP_TOP
            sheet.merge_cells(
                start_row=row, start_column=2, end_row=row, end_column=PRINTED_COLUMNS
            )
            fit_row(sheet, row, [(value, sum(c.width for c in METRICS_COLUMNS[1:PRINTED_COLUMNS]))])
    for index, column in enumerate(METRICS_COLUMNS, start=1):
        heading_cell(sheet.cell(HEADING_ROW, index), column.heading)
    sheet.row_dimensions[HEADING_ROW].height = 32
    row = HEADING_ROW
    for row, item in enumerate(standing.standings, start=HEADING_ROW + 1):
        _write_row(sheet, row, item)
    row += 2
    for column in METRICS_COLUMNS:
        if not column.prompt:
            continue
        sheet.cell(row, 1, column.heading).font = font(bold=True, color=NAVY, size=9)
        text = sheet.cell(row, 2, column.prompt)
        text.font = font(size=9)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=PRINTED_COLUMNS)
        row += 1
    sheet.freeze_panes = f"B{HEADING_ROW + 1}"
    protect(sheet)
    print_setup(sheet, title=METRICS_SHEET, title_rows=f"{HEADING_ROW}:{HEADING_ROW}")
    last = get_column_letter(PRINTED_COLUMNS)
    sheet.print_area = f"A1:{last}{row}"


def _write_row(sheet: Worksheet, row: int, item: Standing) -> None:
    values: dict[str, object] = {
        "area": item.area,
        "metric": item.metric,
        "measure": item.measure,
        "shown": item.shown or (NOT_IN_FILE if not item.column else NO_VALUE),
        "year": item.year,
        "percentile": item.percentile,
        "compared": item.compared or None,
        "quality": item.quality.label if item.quality else "",
        "direction": DIRECTION_WORDS[item.direction.value],
        "note": item.note,
        "headline": "Yes" if item.headline else "",
        "column": item.column,
        "value": item.value,
    }
    widths = []
    for index, column in enumerate(METRICS_COLUMNS, start=1):
        cell = sheet.cell(row, index)
        value = values[column.field]
        if isinstance(value, str):
            put_text(cell, value)
            widths.append((value, column.width))
        else:
            cell.value = value
        if column.field in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.field]
        cell.alignment = WRAP_TOP
        cell.border = BORDER
        if item.headline:
            cell.font = font(bold=column.field in ("measure", "percentile"))
    if item.headline and item.is_weak:
        for index in range(1, PRINTED_COLUMNS + 1):
            sheet.cell(row, index).fill = WEAK_FILL
    elif row % 2:
        for index in range(1, PRINTED_COLUMNS + 1):
            sheet.cell(row, index).fill = BAND_FILL
    fit_row(sheet, row, widths)


def write_metrics_workbook(path: Path, standing: CommunityStanding, force: bool = False) -> Path:
    """A workbook of the Mobility Metrics sheet alone (``coalition metrics -o``), atomically."""
    path = Path(path)
    check_writable(path, force, suffix=".xlsx", what="workbook")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = METRICS_SHEET
    write_metrics_sheet(sheet, standing)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path
