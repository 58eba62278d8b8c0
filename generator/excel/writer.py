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

import datetime as dt
import math
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator import __version__
from generator.common.fileio import atomic_path, check_writable
from generator.common.text import cell_text, needs_text_guard, xml_safe
from generator.plan.model import CoalitionPlan, records_of
from generator.worksheet import (
    CHECKLIST_KEYS,
    CHECKLISTS,
    FIRST_DATA_ROW,
    GROUP_ROW,
    GROUP_WITH_SPECIFICS,
    HEADING_ROW,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    LISTS,
    LISTS_SHEET,
    MARK,
    META_SHEET,
    PART1_HEADINGS,
    PART1_SHEET,
    PART2,
    PART4,
    PARTNER_TABLES,
    PARTNERS_NAME,
    PILLAR_HEADING,
    SPECIFICS_PROMPT,
    STATUSES,
    TABLE_ROWS,
    TABLES,
    TITLE_ROW,
    VERSION_NAME,
    Column,
    Kind,
    Table,
    Vocabulary,
)
from generator.worksheet.placement import (
    PART1_FIRST_ROW,
    PlacedColumn,
    key_letter,
    place_lists,
    place_part1,
    place_table,
)

# --- Look ---------------------------------------------------------------------------------------


def _font(
    size: float = 11, *, bold: bool = False, italic: bool = False, color: str | None = None
) -> Font:
    """Calibri, named and sized: a font without them prints in a serif in LibreOffice."""
    return Font(name="Calibri", size=size, bold=bold, italic=italic, color=color)


NAVY = "1F3864"
TEAL = "2E75B6"
SAND = "7F6000"
_thin = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
TITLE_FONT = _font(bold=True, size=14, color=NAVY)
HEADING_FONT = _font(bold=True, color="FFFFFF")
HEADING_FILL = PatternFill("solid", fgColor=NAVY)
GROUP_FILL = PatternFill("solid", fgColor=TEAL)
EXTRA_FILL = PatternFill("solid", fgColor=SAND)
SECTION_FILL = PatternFill("solid", fgColor="D9E2F3")
ANSWER_FILL = PatternFill("solid", fgColor="FFFBEA")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
MARK_ALIGN = Alignment(horizontal="center", vertical="top")  # level with the row's text
# A group heading starts where its group starts, so that it shows on screen and on paper
# whenever the group's first column does (a centred one is off the page of a split group).
GROUP_ALIGN = Alignment(horizontal="left", vertical="center", indent=1)
ROTATED = Alignment(horizontal="center", vertical="bottom", text_rotation=90, wrap_text=True)
OPEN = Protection(locked=False)
MARK_WIDTH = 5.5
MATRIX_HEADING_HEIGHT = 190
LINE_HEIGHT = 15  # points per line of 11-point text
PLAIN_FILL = PatternFill("solid", fgColor="FFFFFF")

# Printing: the width between the default 0.75-inch margins of a landscape Letter page, in points,
# and the smallest scale that still prints 11-point text legibly (about 6.5 points).
PRINTABLE_WIDTH_PT = 684
MIN_PRINT_SCALE = 0.6

# Excel's limits on validation texts; longer ones make Excel "repair" the file.
PROMPT_TITLE_MAX = 32
PROMPT_MAX = 255


# --- Entry points -------------------------------------------------------------------------------


def write_workbook(
    path: Path,
    vocabulary: Vocabulary,
    community: str = "",
    plan: CoalitionPlan | None = None,
    force: bool = False,
) -> Path:
    """Write a new workbook (filled from ``plan`` if given) to ``path``, atomically."""
    path = Path(path)
    check_writable(path, force)
    workbook = build_workbook(vocabulary, community, plan)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path


def build_workbook(
    vocabulary: Vocabulary, community: str = "", plan: CoalitionPlan | None = None
) -> Workbook:
    workbook = Workbook()
    instructions = workbook.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    community = community or (plan.community if plan else "")

    _write_lists(workbook, vocabulary)
    _write_meta(workbook, community)
    _write_instructions(instructions, vocabulary, community)
    _write_part1(workbook.create_sheet(PART1_SHEET, 1), vocabulary, plan)
    for position, table in enumerate(TABLES, start=2):
        sheet = workbook.create_sheet(table.sheet, position)
        _write_table(sheet, table, vocabulary)
        if plan is not None:
            _fill_table(sheet, table, vocabulary, plan)
    _write_partner_list(workbook, vocabulary)

    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet is instructions
    return workbook


# --- Cells --------------------------------------------------------------------------------------


def put_text(cell: Cell, value: str) -> None:
    """Write user text so that it stays text: never a formula, never an XML error."""
    cell.value = xml_safe(value)
    if needs_text_guard(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def _heading(cell: Cell, text: str, fill: PatternFill = HEADING_FILL) -> None:
    put_text(cell, text)  # headings include a coalition's own options
    cell.font = HEADING_FONT
    cell.fill = fill
    cell.alignment = CENTER
    cell.border = BORDER


def _validation(
    sqref: str,
    *,
    list_name: str | None,
    title: str,
    prompt: str,
    error: str = "",
    error_title: str = "Not in the list",
    style: str = "stop",
) -> DataValidation:
    # Excel refuses (and "repairs" away) texts over its limits; they are cut here as a last
    # resort, and tests keep the declared texts within them.
    validation = DataValidation(
        type="list" if list_name else None,
        formula1=list_name,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=list_name is not None,
        promptTitle=title[:PROMPT_TITLE_MAX],
        prompt=prompt[:PROMPT_MAX],
        errorTitle=error_title[:PROMPT_TITLE_MAX] if list_name else None,
        error=error[:PROMPT_MAX] if list_name else None,
        errorStyle=style if list_name else None,
    )
    for cell_range in sqref.split():
        validation.add(cell_range)
    return validation


def _protect(sheet: Worksheet) -> None:
    """Lock headings against slips while leaving rows free to add, sort and resize."""
    protection = sheet.protection
    protection.sheet = True
    # In openpyxl these flags say what is *forbidden*; False allows it.
    for action in (
        "formatCells",
        "formatColumns",
        "formatRows",
        "insertRows",
        "deleteRows",
        "sort",
        "autoFilter",
        "insertHyperlinks",
    ):
        setattr(protection, action, False)


def _print_setup(sheet: Worksheet, title_rows: str | None) -> None:
    """Landscape, one page wide, headings on every page; wide tables get more pages (below)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = "&A - page &P of &N"


def _width_pt(width: float) -> float:
    """A column's printed width in points: Excel's width unit is a 7-pixel digit, plus padding."""
    return (width * 7 + 5) * 0.75


def _pages_wide(widths: list[float]) -> int:
    """How many pages wide a table must print so that its text stays legible.

    One page wide would shrink the 53 columns of Parts 2 and 3 to 3-point text. Instead a wide
    table spreads over as few pages as keep the scale at MIN_PRINT_SCALE or more, each page
    repeating the key column (the organization or the member), so every page reads on its own.
    """
    total = sum(_width_pt(w) for w in widths)
    capacity = PRINTABLE_WIDTH_PT / MIN_PRINT_SCALE
    if total <= capacity:
        return 1
    key = _width_pt(widths[0])
    return math.ceil((total - key) / (capacity - key))


def _line_count(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column; errs towards one line too many, never too few."""
    # A width unit is one digit; average text runs about 15% narrower, word wrapping loses some.
    per_line = max(4, int(width * 1.15))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def fit_row(sheet: Worksheet, row: int, cells: list[tuple[str, float]]) -> None:
    """Give a written row the height of its longest text.

    Neither LibreOffice nor Excel fits a row to wrapped text that a program wrote: without a
    height, long answers would be cut off (on screen) or overprint the next row (in print).
    """
    lines = max((_line_count(text, width) for text, width in cells if text), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = lines * LINE_HEIGHT + 3


# --- Lists and meta -----------------------------------------------------------------------------


LISTS_NOTE = (
    "These lists are the workbook's vocabulary. Types of organization feed the dropdown in Parts "
    "2 and 3: to add one, select an option below its heading (not the first), insert a whole row "
    "there and type the new option, so that the dropdown's range grows with it. Keep one option "
    "per cell, without commas or semicolons.",
    "Groups, areas and assets are also the rows of Part 1 and the mark columns of Parts 2 and 3. "
    "To change those, make a new workbook with coalition new-workbook --config (see docs/"
    "workbook.md); the Status and Mark lists belong to the tool and stay as they are.",
)


LISTS_WIDTH = 72


def _write_lists(workbook: Workbook, vocabulary: Vocabulary) -> None:
    sheet = workbook.create_sheet(LISTS_SHEET)
    placements, pillar_column = place_lists(vocabulary)
    for placement in placements:
        _heading(sheet.cell(placement.heading_row, placement.column), placement.spec.heading)
        for row, option in enumerate(placement.options, start=placement.first_row):
            put_text(sheet.cell(row, placement.column), option)
            sheet.cell(row, placement.column).alignment = WRAP_TOP
            fit_row(sheet, row, [(option, LISTS_WIDTH)])
        workbook.defined_names[placement.spec.name] = DefinedName(
            placement.spec.name,
            attr_text=f"{quote_sheetname(LISTS_SHEET)}!{placement.reference}",
        )
        if placement.spec.key == "areas":
            _heading(sheet.cell(placement.heading_row, pillar_column), PILLAR_HEADING)
            for row, area in enumerate(placement.options, start=placement.first_row):
                put_text(sheet.cell(row, pillar_column), vocabulary.pillar_of(area) or "")
    sheet.column_dimensions[get_column_letter(placements[0].column)].width = LISTS_WIDTH
    sheet.column_dimensions[get_column_letter(pillar_column)].width = 50
    note_column = pillar_column + 2
    sheet.column_dimensions[get_column_letter(note_column)].width = 60
    row = 1
    for paragraph in LISTS_NOTE:
        note = sheet.cell(row, note_column, paragraph)
        note.alignment = WRAP_TOP
        sheet.merge_cells(
            start_row=row, start_column=note_column, end_row=row + 5, end_column=note_column
        )
        row += 7
    _print_setup(sheet, None)
    sheet.page_setup.orientation = "portrait"


def _write_meta(workbook: Workbook, community: str) -> None:
    """A hidden sheet with facts about the workbook (and, later, the partner-list helpers)."""
    sheet = workbook.create_sheet(META_SHEET)
    facts = [
        ("layout_version", LAYOUT_VERSION),
        ("community", community),
        ("created_by", f"coalition {__version__}"),
        ("created", dt.date.today().isoformat()),
    ]
    for row, (key, value) in enumerate(facts, start=1):
        sheet.cell(row, 1, key)
        if isinstance(value, str):
            put_text(sheet.cell(row, 2), value)
        else:
            sheet.cell(row, 2, value)
    sheet.sheet_state = "hidden"
    # Shown again by someone curious, its formulas must not be typed over.
    sheet.protection.sheet = True
    workbook.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text=str(LAYOUT_VERSION))


def _write_partner_list(workbook: Workbook, vocabulary: Vocabulary) -> None:
    """The organizations of Parts 2 and 3, stacked and compacted, behind the Partners name.

    Column D stacks both tables' name columns, E counts the non-blank ones so far, and F picks the
    n-th non-blank with MATCH, so the dropdown lists names without gaps in every program.
    """
    sheet = workbook[META_SHEET]
    total = TABLE_ROWS * len(PARTNER_TABLES)
    last = total + 1
    sheet["D1"], sheet["E1"], sheet["F1"] = "stacked", "count", "partners"
    row = 2
    for table in PARTNER_TABLES:
        letter = key_letter(table, vocabulary)
        source = quote_sheetname(table.sheet)
        for data_row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + TABLE_ROWS):
            ref = f"{source}!${letter}${data_row}"
            sheet.cell(row, 4, f'=IF(TRIM({ref})="","",TRIM({ref}))')
            previous = f"E{row - 1}+" if row > 2 else ""
            sheet.cell(row, 5, f'={previous}IF(D{row}="",0,1)')
            sheet.cell(
                row,
                6,
                f'=IFERROR(INDEX($D$2:$D${last},MATCH({row - 1},$E$2:$E${last},0)),"")',
            )
            row += 1
    workbook.defined_names[PARTNERS_NAME] = DefinedName(
        PARTNERS_NAME, attr_text=f"{quote_sheetname(META_SHEET)}!$F$2:$F${last}"
    )


# --- Instructions -------------------------------------------------------------------------------

INTRO = (
    "Use this workbook to brainstorm a list of potential partner organizations to invite to your "
    "Mobility Coalition. Cast a broad net and consider organizations already doing upward "
    "mobility-related work, organizations you may not have worked with before, and organizations "
    "that may oppose your cause but whose participation will be critical to success. Answer "
    "based on your preliminary understanding of your local mobility conditions, and return to it "
    "once you have conducted a more comprehensive analysis."
)

HOW_TO = (
    "Yellow cells are for your answers; headings are locked so they are not changed by accident.",
    "Where a cell offers a dropdown arrow, choose from the list. To mark an option (Part 1, and "
    f"the columns of populations, domains and assets in Parts 2 and 3), choose \u201c{MARK}\u201d "
    "(or type it). Leave it blank for no.",
    "Parts 4 and 5 offer the organizations you entered in Parts 2 and 3: enter partners there "
    "first.",
    "Several people can fill in copies of this workbook; `coalition merge` joins them and lists "
    "every disagreement.",
    "Run `coalition check` on the finished workbook: it reports every problem by sheet and cell.",
    "Do not rename sheets or headings; you may insert and delete rows and sort. The sheets are "
    "protected without a password: to add columns of your own, unprotect the sheet first.",
)

STATUS_MEANINGS = {
    "Invite": "an invitation letter should be written and sent.",
    "Keep informed": "not invited now; send updates (the worksheet's \u201ckeep informed\u201d "
    "category).",
    "Invited": "the invitation has gone out.",
    "Accepted": "they said yes.",
    "Declined": "they said no, for now.",
}


INSTRUCTIONS_WIDTH = 110


def _write_instructions(sheet: Worksheet, vocabulary: Vocabulary, community: str) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = INSTRUCTIONS_WIDTH
    sheet.sheet_view.showGridLines = False
    row = 1

    def line(label: str, text: str, *, bold: bool = False) -> None:
        nonlocal row
        label_cell = sheet.cell(row, 1, label)
        label_cell.font = _font(bold=True, color=NAVY)
        label_cell.alignment = WRAP_TOP
        text_cell = sheet.cell(row, 2)
        put_text(text_cell, text)  # the community's name is the user's text
        text_cell.alignment = WRAP_TOP
        if bold:
            text_cell.font = _font(bold=True)
        fit_row(sheet, row, [(text, INSTRUCTIONS_WIDTH)])
        row += 1

    title = sheet.cell(row, 1, "Identifying Potential Coalition Members")
    title.font = _font(bold=True, size=18, color=NAVY)
    row += 1
    sub = sheet.cell(
        row,
        1,
        "A worksheet of the Urban Institute's Toolkit for Increasing Upward Mobility in Your "
        "Community, as a workbook.",
    )
    sub.font = _font(italic=True, color="595959")
    row += 2
    line("Community", community)
    community_cell = sheet.cell(row - 1, 2)
    community_cell.fill = ANSWER_FILL
    community_cell.protection = OPEN
    community_cell.border = BORDER
    sheet.cell(row - 1, 2).comment = Comment(
        "The community or coalition this workbook is for; it appears on the report and letters.",
        "coalition",
    )
    row += 1
    line("About", INTRO)
    for number, tip in enumerate(HOW_TO, start=1):
        line("How to fill it in" if number == 1 else "", tip)
    row += 1

    parts = [
        (
            "Part 1",
            f"{PART1_SHEET}: Identify your coalition's needs. Which groups face the greatest "
            "barriers to upward mobility, which areas are of greatest concern, and what assets "
            "your coalition needs. Mark every option that applies; for People of color, write "
            "the specific racial or ethnic group(s); for Other, say what you mean.",
        ),
    ]
    for table in TABLES:
        parts.append((table.part, f"{table.sheet}: {table.title}. {table.guidance}"))
    for part, text in parts:
        line(part, text)
    row += 1
    line(
        "Example",
        f"{PART2.title}: " + " | ".join(PART2.example),
    )
    line("", f"{PART4.title}: " + " | ".join(PART4.example))
    row += 1
    for number, status in enumerate(STATUSES):
        line(
            "Status (Part 5)" if number == 0 else "",
            f"{status}: {STATUS_MEANINGS.get(status, '')}",
        )
    row += 1
    line(
        "Part 5 letters",
        "The columns under \u201cFor letters and tracking\u201d are not in the worksheet: they "
        "hold what an invitation letter and its follow-up need (salutation, email, mailing "
        "address, the sender's title, the status).",
    )
    row += 1
    footer = sheet.cell(
        row,
        1,
        f"Layout version {LAYOUT_VERSION}, made by coalition {__version__}. Option lists: see "
        f"the {LISTS_SHEET} sheet.",
    )
    footer.font = _font(italic=True, color="808080", size=9)
    _protect(sheet)
    _print_setup(sheet, None)
    sheet.page_setup.orientation = "portrait"


# --- Part 1 -------------------------------------------------------------------------------------


PART1_WIDTHS = (72, 12, 60)  # option, mark, details


def _write_part1(sheet: Worksheet, vocabulary: Vocabulary, plan: CoalitionPlan | None) -> None:
    layout = place_part1(vocabulary)
    for letter, width in zip("ABC", PART1_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    title = sheet.cell(TITLE_ROW, 1, "Part 1: Identify Your Coalition's Needs")
    title.font = TITLE_FONT
    guide = sheet.cell(
        2,
        1,
        f"Choose \u201c{MARK}\u201d beside every option that applies. Use Details for the "
        "specific racial or ethnic group(s) and to describe Other.",
    )
    guide.alignment = WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    sheet.row_dimensions[2].height = 30
    for column, text in enumerate(PART1_HEADINGS, start=1):
        _heading(sheet.cell(PART1_FIRST_ROW - 1, column), text)

    for checklist in CHECKLISTS:
        row = layout.questions[checklist.key]
        cell = sheet.cell(row, 1, checklist.question)
        cell.font = _font(bold=True, color=NAVY)
        cell.fill = SECTION_FILL
        cell.alignment = WRAP_TOP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    for pillar, row in layout.pillars.items():
        cell = sheet.cell(row, 1)
        put_text(cell, pillar)
        cell.font = _font(italic=True, bold=True, color=TEAL)

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
        fit_row(
            sheet,
            item.row,
            [(item.option, PART1_WIDTHS[0] - 2), (details or "", PART1_WIDTHS[2])],
        )
        if item.option == GROUP_WITH_SPECIFICS and item.checklist == "groups":
            sheet.add_data_validation(
                _validation(
                    f"C{item.row}",
                    list_name=None,
                    title="Specific group(s)",
                    prompt=f"{SPECIFICS_PROMPT}, for example Black, Latino, Hmong.",
                )
            )
        elif item.option == vocabulary.other:
            sheet.add_data_validation(
                _validation(
                    f"C{item.row}",
                    list_name=None,
                    title="Describe Other",
                    prompt="If you chose Other, say what you mean here.",
                )
            )
    sheet.add_data_validation(
        _validation(
            " ".join(mark_cells),
            list_name="Mark",
            title="Mark this option",
            prompt=f"Choose {MARK} if this applies to your community; leave blank if not.",
            error=f"Choose {MARK} from the list, or leave the cell blank.",
        )
    )
    sheet.freeze_panes = f"A{PART1_FIRST_ROW}"
    _protect(sheet)
    _print_setup(sheet, f"{PART1_FIRST_ROW - 1}:{PART1_FIRST_ROW - 1}")


def _part1_choices(plan: CoalitionPlan | None) -> dict[tuple[str, str], str]:
    if plan is None:
        return {}
    return {
        (key, choice.label): choice.details
        for key in CHECKLIST_KEYS
        for choice in getattr(plan.needs, key)
    }


# --- Tables -------------------------------------------------------------------------------------


def _write_table(sheet: Worksheet, table: Table, vocabulary: Vocabulary) -> None:
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
            _heading(sheet.cell(GROUP_ROW, first.index), column.heading, GROUP_FILL)
            sheet.cell(GROUP_ROW, first.index).alignment = GROUP_ALIGN
            _merge_row(sheet, GROUP_ROW, first.index, last.index)
            for cell in cells:
                heading = sheet.cell(HEADING_ROW, cell.index)
                put_text(heading, cell.heading)
                heading.font = _font(bold=True, size=9, color="FFFFFF")
                heading.fill = GROUP_FILL
                heading.alignment = ROTATED
                heading.border = BORDER
                sheet.column_dimensions[cell.letter].width = MARK_WIDTH
        elif column.worksheet:
            _heading(sheet.cell(GROUP_ROW, first.index), column.heading)
            sheet.merge_cells(
                start_row=GROUP_ROW,
                start_column=first.index,
                end_row=HEADING_ROW,
                end_column=first.index,
            )
            sheet.column_dimensions[first.letter].width = column.width
        else:
            _heading(sheet.cell(HEADING_ROW, first.index), column.heading, EXTRA_FILL)
            sheet.column_dimensions[first.letter].width = column.width
        for cell in cells:
            _open_column(sheet, cell, column)
        sheet.add_data_validation(_column_validation(table, column, cells))

    extras = [p for p in placed if p.group and not p.option]
    if extras:
        _heading(sheet.cell(GROUP_ROW, extras[0].index), extras[0].group, EXTRA_FILL)
        sheet.cell(GROUP_ROW, extras[0].index).alignment = Alignment(
            horizontal="left", vertical="center", indent=1, wrap_text=True
        )
        _merge_row(sheet, GROUP_ROW, extras[0].index, extras[-1].index)
        # Over the single Notes column of Parts 2 and 3 the group heading needs two lines.
        width = sum(sheet.column_dimensions[p.letter].width for p in extras)
        lines = _line_count(extras[0].group, width * 0.9)  # bold text is wider
        sheet.row_dimensions[GROUP_ROW].height = max(lines, 1) * LINE_HEIGHT + 3
    title_end = min(8, last_column)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=title_end)
    for index in range(1, last_column + 1):
        # Beyond the title, row 1 is not an answer: plain and locked, not the column's yellow.
        sheet.cell(TITLE_ROW, index).fill = PLAIN_FILL
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)
    _protect(sheet)
    _print_setup(sheet, f"{GROUP_ROW}:{HEADING_ROW}")
    pages = _pages_wide([sheet.column_dimensions[p.letter].width for p in placed])
    sheet.page_setup.fitToWidth = pages
    if pages > 1:
        sheet.print_title_cols = "A:A"


def _merge_row(sheet: Worksheet, row: int, first: int, last: int) -> None:
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
        return _validation(
            sqref,
            list_name="Mark",
            title=column.heading[:PROMPT_TITLE_MAX],
            prompt=f"{column.prompt} Choose {MARK} under each option that applies.",
            error=f"Choose {MARK}, or leave the cell blank.",
        )
    if column.kind is Kind.CHOICE:
        assert column.list_key is not None
        name = next(spec.name for spec in LISTS if spec.key == column.list_key)
        return _validation(
            sqref,
            list_name=name,
            title=title,
            prompt=column.prompt,
            error=f"Choose a value from the list. The options are on the {LISTS_SHEET} sheet.",
        )
    if column.kind is Kind.PARTNER:
        # A warning, not a stop: the partner may simply not be entered in Part 2 or 3 yet.
        return _validation(
            sqref,
            list_name=PARTNERS_NAME,
            title=title,
            prompt=column.prompt,
            error="This organization is not in Part 2 or Part 3 yet. Add it there, or keep it "
            "anyway: coalition check will remind you.",
            error_title="Not in Part 2 or Part 3",
            style="warning",
        )
    return _validation(sqref, list_name=None, title=title, prompt=column.prompt)


def _fill_table(
    sheet: Worksheet, table: Table, vocabulary: Vocabulary, plan: CoalitionPlan
) -> None:
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
