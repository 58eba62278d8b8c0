"""Parts 2 to 5 as sheets: two heading rows, mark matrices, dropdowns, and the rows of a plan."""

from __future__ import annotations

from copy import copy
from enum import Enum

from openpyxl.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
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
from generator.excel.writer.sheet_setup import (
    PAPER_ROW_HEIGHT,
    PRINTABLE_HEIGHT_PT,
    Block,
    PagePlan,
    column_pt,
    plan_pages,
    print_setup,
    protect,
)
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
    """One table of Parts 2 to 5: its title, two rows of headings, dropdowns, paper layout."""
    placed = place_table(table, vocabulary)
    runs = _column_runs(table, placed)
    for column, cells in runs:
        for cell in cells:
            width = MARK_WIDTH if column.kind is Kind.MARKS else column.width
            sheet.column_dimensions[cell.letter].width = width
    plan = plan_pages(_blocks(runs, vocabulary), matrix=any(p.option for p in placed))
    _write_title(sheet, table, placed[-1].index, matrix=any(p.option for p in placed))
    for column, cells in runs:
        _write_headings(sheet, column, cells, plan)
        for cell in cells:
            _open_column(sheet, cell, column)
        sheet.add_data_validation(_column_validation(table, column, cells))
    _write_extras_heading(sheet, [p for p in placed if p.group and not p.option], plan)
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)
    protect(sheet)
    print_setup(
        sheet,
        title=f"{table.part}: {table.title}",
        title_rows=f"{GROUP_ROW}:{HEADING_ROW}",
        plan=plan,
    )
    _rule_a_page(sheet, plan)


def _write_title(sheet: Worksheet, table: Table, last_column: int, *, matrix: bool) -> None:
    title = sheet.cell(TITLE_ROW, 1, f"{table.part}: {table.title}")
    title.font = TITLE_FONT
    sheet.row_dimensions[TITLE_ROW].height = 24
    sheet.row_dimensions[HEADING_ROW].height = MATRIX_HEADING_HEIGHT if matrix else 45
    sheet.merge_cells(
        start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=min(8, last_column)
    )
    for index in range(1, last_column + 1):
        # Beyond the title, row 1 is not an answer: plain and locked, not the column's yellow.
        sheet.cell(TITLE_ROW, index).fill = PLAIN_FILL


def _write_headings(
    sheet: Worksheet, column: Column, cells: list[PlacedColumn], plan: PagePlan
) -> None:
    """A column's headings: a mark group over its options, a worksheet column over both rows,
    one of the tool's own in the lower row (under the extras' group heading)."""
    first = cells[0]
    if column.kind is Kind.MARKS:
        # The group's heading stands over each page's share of its columns, so that every
        # printed page says what its marks are.
        for chunk in _per_page(cells, plan):
            heading_cell(sheet.cell(GROUP_ROW, chunk[0].index), column.heading, GROUP_FILL)
            sheet.cell(GROUP_ROW, chunk[0].index).alignment = GROUP_ALIGN
            merge_row(sheet, GROUP_ROW, chunk[0].index, chunk[-1].index)
        for cell in cells:
            heading = sheet.cell(HEADING_ROW, cell.index)
            put_text(heading, cell.heading)
            heading.font = font(bold=True, size=9, color="FFFFFF")
            heading.fill = GROUP_FILL
            heading.alignment = ROTATED
            heading.border = BORDER
    elif column.worksheet:
        heading_cell(sheet.cell(GROUP_ROW, first.index), column.heading)
        sheet.merge_cells(
            start_row=GROUP_ROW,
            start_column=first.index,
            end_row=HEADING_ROW,
            end_column=first.index,
        )
    else:
        heading_cell(sheet.cell(HEADING_ROW, first.index), column.heading, EXTRA_FILL)


def _write_extras_heading(sheet: Worksheet, extras: list[PlacedColumn], plan: PagePlan) -> None:
    """The heading over the tool's own columns, on each page's share of them."""
    for chunk in _per_page(extras, plan):
        heading_cell(sheet.cell(GROUP_ROW, chunk[0].index), chunk[0].group, EXTRA_FILL)
        sheet.cell(GROUP_ROW, chunk[0].index).alignment = Alignment(
            horizontal="left", vertical="center", indent=1, wrap_text=True
        )
        merge_row(sheet, GROUP_ROW, chunk[0].index, chunk[-1].index)
        # Over the single Notes column of Parts 2 and 3 the group heading needs two lines.
        width = sum(sheet.column_dimensions[p.letter].width for p in chunk)
        lines = line_count(chunk[0].group, width * 0.9)  # bold text is wider
        height = max(lines, 1) * LINE_HEIGHT + 3
        sheet.row_dimensions[GROUP_ROW].height = max(
            height, sheet.row_dimensions[GROUP_ROW].height or 0
        )


def _rule_a_page(sheet: Worksheet, plan: PagePlan) -> None:
    """On paper: from the headings (the page header carries the title) down a page of ruled
    rows to write in; the workbook still takes TABLE_ROWS answers on screen."""
    headings = (sheet.row_dimensions[GROUP_ROW].height or LINE_HEIGHT) + (
        sheet.row_dimensions[HEADING_ROW].height or LINE_HEIGHT
    )
    rows = int((PRINTABLE_HEIGHT_PT * 100 / plan.scale - headings) // PAPER_ROW_HEIGHT)
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + rows):
        sheet.row_dimensions[row].height = PAPER_ROW_HEIGHT
    set_print_area(sheet, FIRST_DATA_ROW + rows - 1)


def set_print_area(sheet: Worksheet, last_row: int) -> None:
    """Print from the headings to ``last_row`` (or further, where answers go on)."""
    last_column = sheet.max_column
    last_row = max(last_row, sheet.max_row)
    sheet.print_area = f"A{GROUP_ROW}:{get_column_letter(last_column)}{last_row}"


def _blocks(runs: list[tuple[Column, list[PlacedColumn]]], vocabulary: Vocabulary) -> list[Block]:
    """The table's columns as blocks a page keeps together: a mark group may be cut between
    pillars (areas) or anywhere (the other lists); a plain column is a block of its own."""
    blocks = []
    for column, cells in runs:
        width = MARK_WIDTH if column.kind is Kind.MARKS else column.width
        columns = tuple(c.index for c in cells)
        cuts: frozenset[int] = frozenset()
        if column.kind is Kind.MARKS:
            pillars = [vocabulary.pillar_of(c.option or "") for c in cells]
            if column.list_key == "areas":
                cuts = frozenset(
                    c.index
                    for c, before, now in zip(cells[1:], pillars, pillars[1:], strict=False)
                    if now != before
                )
            else:
                cuts = frozenset(columns[1:])
        blocks.append(Block(columns, tuple(column_pt(width) for _ in cells), cuts))
    return blocks


def _per_page(cells: list[PlacedColumn], plan: PagePlan) -> list[list[PlacedColumn]]:
    """Consecutive cells split where pages break."""
    chunks: list[list[PlacedColumn]] = []
    for cell in cells:
        if not chunks or cell.index in plan.breaks:
            chunks.append([])
        chunks[-1].append(cell)
    return chunks


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
    dimension.alignment = _ALIGNMENT.get(column.kind, WRAP_TOP)


#: Marks centred; an address shrinks to its column rather than wrap mid-word.
_ALIGNMENT = {
    Kind.MARKS: MARK_ALIGN,
    Kind.EMAIL: Alignment(vertical="top", shrink_to_fit=True),
}


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
    styles: dict[tuple[bool, Kind], StyleArray] = {}
    for offset, record in enumerate(records_of(plan, table)):
        row = FIRST_DATA_ROW + offset
        written: list[tuple[str, float]] = []
        for column, cells in _column_runs(table, placed):
            value = getattr(record, column.attribute, "")
            if column.kind is Kind.MARKS:
                wanted = set(value)
                for cell in cells:
                    if cell.option in wanted:
                        _answer(sheet.cell(row, cell.index), MARK, styles, centered=True)
                continue
            text = value.value if isinstance(value, Enum) else cell_text(value)
            text = _with_unplaced(table, column, record, vocabulary, text)
            if text:
                _answer(sheet.cell(row, cells[0].index), text, styles, kind=column.kind)
                written.append((text, column.width))
        fit_row(sheet, row, written)
    set_print_area(sheet, 0)  # the rows just written, if they go past the page of ruled rows


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


def _answer(
    cell: Cell,
    text: str,
    styles: dict[tuple[bool, Kind], StyleArray],
    centered: bool = False,
    kind: Kind = Kind.TEXT,
) -> None:
    """An answer cell: styled like its column's answers, then its text (never a formula).

    The first cell of each look is styled attribute by attribute; the others copy its style
    record, since openpyxl hashes every style object on every assignment (most of a minute for
    the 170,000 answers of the largest plan the bounds allow).
    """
    known = styles.get((centered, kind))
    if known is not None:
        cell._style = copy(known)
    else:
        cell.protection = OPEN
        cell.fill = ANSWER_FILL
        cell.border = BORDER
        cell.alignment = MARK_ALIGN if centered else _ALIGNMENT.get(kind, WRAP_TOP)
        styles[(centered, kind)] = copy(cell._style)
    put_text(cell, text)
