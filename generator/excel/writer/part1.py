"""Part 1 as a sheet: each question, its options (areas under their pillars), a mark and details."""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.styles import (
    ANSWER_FILL,
    BORDER,
    MARK_ALIGN,
    NAVY,
    OPEN,
    SECTION_FILL,
    TEAL,
    TITLE_FONT,
    WEAK_FILL,
    WRAP_TOP,
    fit_row,
    font,
    heading_cell,
    put_text,
)
from generator.excel.writer.dropdowns import validation
from generator.excel.writer.sheet_setup import print_setup, protect
from generator.plan.model import CoalitionPlan
from generator.plan.standing import CommunityStanding, suggestion
from generator.worksheet import (
    CHECKLIST_KEYS,
    CHECKLISTS,
    GROUP_WITH_SPECIFICS,
    MARK,
    PART1_HEADINGS,
    PART1_TITLE,
    SPECIFICS_PROMPT,
    TITLE_ROW,
    Vocabulary,
)
from generator.worksheet.metrics_sheet import METRICS_SHEET, SUGGESTS_HEADING, SUGGESTS_WIDTH
from generator.worksheet.placement import PART1_FIRST_ROW, place_part1

PART1_WIDTHS = (72, 12, 60)  # option, mark, details
SUGGESTS_COLUMN = len(PART1_WIDTHS) + 1


def write_part1(
    sheet: Worksheet,
    vocabulary: Vocabulary,
    plan: CoalitionPlan | None,
    standing: CommunityStanding | None = None,
) -> None:
    """Part 1; with ``standing``, a read-only column beside it says what the data suggests."""
    layout = place_part1(vocabulary)
    for letter, width in zip("ABC", PART1_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    last_column = len(PART1_WIDTHS) + (1 if standing else 0)
    title = sheet.cell(TITLE_ROW, 1, PART1_TITLE)
    title.font = TITLE_FONT
    guide_text = (
        f"Choose \u201c{MARK}\u201d beside every option that applies. Use Details for the "
        "specific racial or ethnic group(s) and to describe Other."
    )
    if standing:
        guide_text += (
            f" {SUGGESTS_HEADING}: where {standing.name} stands on the Urban Institute's "
            f"Mobility Metrics (see the {METRICS_SHEET} sheet); it suggests, you decide."
        )
    guide = sheet.cell(2, 1)
    put_text(guide, guide_text)
    guide.alignment = WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_column)
    sheet.row_dimensions[2].height = 30
    headings = (*PART1_HEADINGS, SUGGESTS_HEADING) if standing else PART1_HEADINGS
    for column, text in enumerate(headings, start=1):
        heading_cell(sheet.cell(PART1_FIRST_ROW - 1, column), text)
    if standing:
        sheet.column_dimensions["D"].width = SUGGESTS_WIDTH

    for checklist in CHECKLISTS:
        row = layout.questions[checklist.key]
        cell = sheet.cell(row, 1, checklist.question)
        cell.font = font(bold=True, color=NAVY)
        cell.fill = SECTION_FILL
        cell.alignment = WRAP_TOP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    for pillar, row in layout.pillars.items():
        cell = sheet.cell(row, 1)
        put_text(cell, pillar)
        cell.font = font(italic=True, bold=True, color=TEAL)

    chosen = _part1_choices(plan)
    mark_cells: list[str] = []
    for item in layout.rows:
        option_cell = sheet.cell(item.row, 1)
        put_text(option_cell, item.option)
        option_cell.alignment = Alignment(indent=1, wrap_text=True, vertical="top")
        option_cell.border = BORDER
        for column in (2, 3):
            answer = sheet.cell(item.row, column)
            answer.protection = OPEN
            answer.fill = ANSWER_FILL
            answer.border = BORDER
            answer.alignment = MARK_ALIGN if column == 2 else WRAP_TOP
        mark_cells.append(f"B{item.row}")
        details = chosen.get((item.checklist, item.option))
        if details is not None:
            sheet.cell(item.row, 2, MARK)
            if details:
                put_text(sheet.cell(item.row, 3), details)
        said = ""
        if standing and item.checklist == "areas":
            said = suggestion(standing, item.option)
            _write_suggestion(sheet.cell(item.row, SUGGESTS_COLUMN), said, standing, item.option)
        fit_row(
            sheet,
            item.row,
            [
                (item.option, PART1_WIDTHS[0] - 2),
                (details or "", PART1_WIDTHS[2]),
                (said, SUGGESTS_WIDTH),
            ],
        )
        if item.option == GROUP_WITH_SPECIFICS and item.checklist == "groups":
            sheet.add_data_validation(
                validation(
                    f"C{item.row}",
                    list_name=None,
                    title="Specific group(s)",
                    prompt=f"{SPECIFICS_PROMPT}, for example Black, Latino, Hmong.",
                )
            )
        elif item.option == vocabulary.other:
            sheet.add_data_validation(
                validation(
                    f"C{item.row}",
                    list_name=None,
                    title="Describe Other",
                    prompt="If you chose Other, say what you mean here.",
                )
            )
    sheet.add_data_validation(
        validation(
            " ".join(mark_cells),
            list_name="Mark",
            title="Mark this option",
            prompt=f"Choose {MARK} if this applies to your community; leave blank if not.",
            error=f"Choose {MARK} from the list, or leave the cell blank.",
        )
    )
    sheet.freeze_panes = f"A{PART1_FIRST_ROW}"
    protect(sheet)
    print_setup(
        sheet,
        title=PART1_TITLE,
        title_rows=f"{PART1_FIRST_ROW - 1}:{PART1_FIRST_ROW - 1}",
    )


def _write_suggestion(cell: Cell, text: str, standing: CommunityStanding, area: str) -> None:
    """The data's word beside an area: locked, in grey italics, tinted when the area is weak."""
    put_text(cell, text)
    cell.font = font(italic=True, color="404040", size=10)
    cell.alignment = WRAP_TOP
    cell.border = BORDER
    best = standing.area_standing(area)
    if best is not None and best.is_weak:
        cell.fill = WEAK_FILL


def _part1_choices(plan: CoalitionPlan | None) -> dict[tuple[str, str], str]:
    if plan is None:
        return {}
    return {
        (key, choice.label): choice.details
        for key in CHECKLIST_KEYS
        for choice in getattr(plan.needs, key)
    }
