"""Parts 2 to 5 as sheets: two heading rows, mark matrices, dropdowns, and the rows of a plan."""

from __future__ import annotations

from enum import Enum

from openpyxl.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.text import cell_text
from generator.excel.styles import (
    ANSWER_FILL,
    BORDER,
    EXTRA_FILL,
    GROUP_ALIGN,
    GROUP_FILL,
    LINE_HEIGHT,
    MARK_ALIGN,
    MARK_WIDTH,
    MATRIX_HEADING_HEIGHT,
    OPEN,
    PLAIN_FILL,
    ROTATED,
    TITLE_FONT,
    WRAP_TOP,
    fit_row,
    font,
    heading_cell,
    line_count,
    put_text,
)
from generator.excel.writer.dropdowns import PROMPT_TITLE_MAX, validation
from generator.excel.writer.sheet_setup import pages_wide, print_setup, protect
from generator.plan.model import CoalitionPlan, records_of
from generator.worksheet import (
    FIRST_DATA_ROW,
    GROUP_ROW,
    HEADING_ROW,
    LISTS,
    LISTS_SHEET,
    MARK,
    PARTNERS_NAME,
    TABLE_ROWS,
    TITLE_ROW,
    Column,
    Kind,
    Table,
    Vocabulary,
)
from generator.worksheet.placement import PlacedColumn, place_table


def write_table(sheet: Worksheet, table: Table, vocabulary: Vocabulary) -> None:
    placed = place_table(table, vocabulary)
    last_column = placed[-1].index
    title = sheet.cell(TITLE_ROW, 1, f"{table.part}: {table.title}")
    title.font = TITLE_FONT
    sheet.row_dimensions[TITLE_ROW].height = 24
    sheet.row_dimensions[HEADING_ROW].height = (
        MATRIX_HEADING_HEIGHT if any(p.option for p in placed) else 45
    )

    for column, cells in _column_runs(table, placed):
        first, last = cells[0], cells[-1]
        if column.kind is Kind.MARKS:
            heading_cell(sheet.cell(GROUP_ROW, first.index), column.heading, GROUP_FILL)
            sheet.cell(GROUP_ROW, first.index).alignment = GROUP_ALIGN
            merge_row(sheet, GROUP_ROW, first.index, last.index)
            for cell in cells:
                heading = sheet.cell(HEADING_ROW, cell.index)
                put_text(heading, cell.heading)
                heading.font = font(bold=True, size=9, color="FFFFFF")
                heading.fill = GROUP_FILL
                heading.alignment = ROTATED
                heading.border = BORDER
                sheet.column_dimensions[cell.letter].width = MARK_WIDTH
        elif column.worksheet:
            heading_cell(sheet.cell(GROUP_ROW, first.index), column.heading)
            sheet.merge_cells(
                start_row=GROUP_ROW,
                start_column=first.index,
                end_row=HEADING_ROW,
                end_column=first.index,
            )
            sheet.column_dimensions[first.letter].width = column.width
        else:
            heading_cell(sheet.cell(HEADING_ROW, first.index), column.heading, EXTRA_FILL)
            sheet.column_dimensions[first.letter].width = column.width
        for cell in cells:
            _open_column(sheet, cell, column)
        sheet.add_data_validation(_column_validation(table, column, cells))

    extras = [p for p in placed if p.group and not p.option]
    if extras:
        heading_cell(sheet.cell(GROUP_ROW, extras[0].index), extras[0].group, EXTRA_FILL)
        sheet.cell(GROUP_ROW, extras[0].index).alignment = Alignment(
            horizontal="left", vertical="center", indent=1, wrap_text=True
        )
        merge_row(sheet, GROUP_ROW, extras[0].index, extras[-1].index)
        # Over the single Notes column of Parts 2 and 3 the group heading needs two lines.
        width = sum(sheet.column_dimensions[p.letter].width for p in extras)
        lines = line_count(extras[0].group, width * 0.9)  # bold text is wider
        sheet.row_dimensions[GROUP_ROW].height = max(lines, 1) * LINE_HEIGHT + 3
    title_end = min(8, last_column)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=title_end)
    for index in range(1, last_column + 1):
        # Beyond the title, row 1 is not an answer: plain and locked, not the column's yellow.
        sheet.cell(TITLE_ROW, index).fill = PLAIN_FILL
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)
    protect(sheet)
    print_setup(sheet, f"{GROUP_ROW}:{HEADING_ROW}")
    pages = pages_wide([sheet.column_dimensions[p.letter].width for p in placed])
    sheet.page_setup.fitToWidth = pages
    if pages > 1:
        sheet.print_title_cols = "A:A"


def merge_row(sheet: Worksheet, row: int, first: int, last: int) -> None:
    """Merge a heading across columns; a one-cell "merge" is left out, Excel calls it damage."""
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _column_runs(
    table: Table, placed: list[PlacedColumn]
) -> list[tuple[Column, list[PlacedColumn]]]:
    runs: list[tuple[Column, list[PlacedColumn]]] = []
    for column in table.columns:
        runs.append((column, [p for p in placed if p.column_field == column.field]))
    return runs


def _open_column(sheet: Worksheet, cell: PlacedColumn, column: Column) -> None:
    """Answer cells: unlocked, tinted and ruled by column, so inserted rows inherit all three.

    The rules matter: a filled cell hides the grid in Excel and LibreOffice, and without them a
    "Yes" in the mark matrix could not be told from its neighbours' columns.
    """
    dimension = sheet.column_dimensions[cell.letter]
    dimension.protection = OPEN
    dimension.fill = ANSWER_FILL
    dimension.border = BORDER
    dimension.alignment = MARK_ALIGN if column.kind is Kind.MARKS else WRAP_TOP


def _column_validation(table: Table, column: Column, cells: list[PlacedColumn]) -> DataValidation:
    last_row = FIRST_DATA_ROW + TABLE_ROWS - 1
    sqref = " ".join(f"{c.letter}{FIRST_DATA_ROW}:{c.letter}{last_row}" for c in cells)
    title = column.heading if len(column.heading) <= PROMPT_TITLE_MAX else table.part
    if column.kind is Kind.MARKS:
        return validation(
            sqref,
            list_name="Mark",
            title=column.heading[:PROMPT_TITLE_MAX],
            prompt=f"{column.prompt} Choose {MARK} under each option that applies.",
            error=f"Choose {MARK}, or leave the cell blank.",
        )
    if column.kind is Kind.CHOICE:
        assert column.list_key is not None
        name = next(spec.name for spec in LISTS if spec.key == column.list_key)
        return validation(
            sqref,
            list_name=name,
            title=title,
            prompt=column.prompt,
            error=f"Choose a value from the list. The options are on the {LISTS_SHEET} sheet.",
        )
    if column.kind is Kind.PARTNER:
        # A warning, not a stop: the partner may simply not be entered in Part 2 or 3 yet.
        return validation(
            sqref,
            list_name=PARTNERS_NAME,
            title=title,
            prompt=column.prompt,
            error="This organization is not in Part 2 or Part 3 yet. Add it there, or keep it "
            "anyway: coalition check will remind you.",
            error_title="Not in Part 2 or Part 3",
            style="warning",
        )
    return validation(sqref, list_name=None, title=title, prompt=column.prompt)


def fill_table(sheet: Worksheet, table: Table, vocabulary: Vocabulary, plan: CoalitionPlan) -> None:
    placed = place_table(table, vocabulary)
    for offset, record in enumerate(records_of(plan, table)):
        row = FIRST_DATA_ROW + offset
        written: list[tuple[str, float]] = []
        for column, cells in _column_runs(table, placed):
            value = getattr(record, column.attribute, "")
            if column.kind is Kind.MARKS:
                wanted = set(value)
                for cell in cells:
                    if cell.option in wanted:
                        _answer(sheet.cell(row, cell.index), MARK, centered=True)
                continue
            text = value.value if isinstance(value, Enum) else cell_text(value)
            text = _with_unplaced(table, column, record, vocabulary, text)
            if text:
                _answer(sheet.cell(row, cells[0].index), text)
                written.append((text, column.width))
        fit_row(sheet, row, written)


def _with_unplaced(
    table: Table, column: Column, record: object, vocabulary: Vocabulary, text: str
) -> str:
    """Keep answers that have no mark column (not in this workbook's lists) in a text column.

    Populations and assets go to their "Other (describe)" column; domains, which have no Other,
    to the notes. Nothing a person wrote is dropped on the way.
    """
    spill: list[str] = []
    for marks in table.columns:
        if marks.kind is not Kind.MARKS:
            continue
        target = marks.other_field or "notes"
        if target != column.field:
            continue
        assert marks.list_key is not None
        known = set(vocabulary.options(marks.list_key))
        unplaced = [v for v in getattr(record, marks.field, []) if v not in known]
        if unplaced:
            prefix = "" if marks.other_field else f"{marks.heading} also: "
            spill.append(prefix + ", ".join(unplaced))
    if column.field == "notes":
        # Columns the user added: their headings and values, one per line.
        extra: dict[str, str] = getattr(record, "extra", {})
        spill.extend(f"{heading}: {value}" for heading, value in extra.items())
    return "\n".join([text, *spill]) if spill else text


def _answer(cell: Cell, text: str, centered: bool = False) -> None:
    put_text(cell, text)
    cell.protection = OPEN
    cell.fill = ANSWER_FILL
    cell.border = BORDER
    cell.alignment = MARK_ALIGN if centered else WRAP_TOP
