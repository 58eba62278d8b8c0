"""The Lists sheet (every option list behind a defined name), the hidden sheet, the partner list.

The partner dropdowns of Parts 4 and 5 read a list compacted by plain formulas (INDEX/MATCH) from
Parts 2 and 3, because array functions such as FILTER are not in every spreadsheet program.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from generator import __version__
from generator.excel.styles import WRAP_TOP, fit_row, heading_cell, put_text
from generator.excel.writer.sheet_setup import print_setup
from generator.worksheet import (
    FIRST_DATA_ROW,
    LAYOUT_VERSION,
    LISTS_SHEET,
    META_SHEET,
    PARTNER_TABLES,
    PARTNERS_NAME,
    PILLAR_HEADING,
    TABLE_ROWS,
    VERSION_NAME,
    Vocabulary,
)
from generator.worksheet.placement import key_letter, place_lists

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


def write_lists(workbook: Workbook, vocabulary: Vocabulary) -> None:
    sheet = workbook.create_sheet(LISTS_SHEET)
    placements, pillar_column = place_lists(vocabulary)
    for placement in placements:
        heading_cell(sheet.cell(placement.heading_row, placement.column), placement.spec.heading)
        for row, option in enumerate(placement.options, start=placement.first_row):
            put_text(sheet.cell(row, placement.column), option)
            sheet.cell(row, placement.column).alignment = WRAP_TOP
            fit_row(sheet, row, [(option, LISTS_WIDTH)])
        workbook.defined_names[placement.spec.name] = DefinedName(
            placement.spec.name,
            attr_text=f"{quote_sheetname(LISTS_SHEET)}!{placement.reference}",
        )
        if placement.spec.key == "areas":
            heading_cell(sheet.cell(placement.heading_row, pillar_column), PILLAR_HEADING)
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
    print_setup(sheet, title="Option lists")
    sheet.page_setup.orientation = "portrait"


def write_meta(workbook: Workbook, community: str) -> None:
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


def write_partner_list(workbook: Workbook, vocabulary: Vocabulary) -> None:
    """The organizations of Parts 2 and 3, stacked and compacted, behind the Partners name."""
    sheet = workbook[META_SHEET]
    sheet["D1"], sheet["E1"], sheet["F1"] = "stacked", "count", "partners"
    for coordinate, formula in partner_list_formulas(vocabulary).items():
        sheet[coordinate] = formula
    last = TABLE_ROWS * len(PARTNER_TABLES) + 1
    workbook.defined_names[PARTNERS_NAME] = DefinedName(
        PARTNERS_NAME, attr_text=f"{quote_sheetname(META_SHEET)}!$F$2:$F${last}"
    )


def partner_list_formulas(vocabulary: Vocabulary) -> dict[str, str]:
    """The only formulas this tool writes, by their cell of the hidden sheet.

    Column D stacks both tables' name columns, E counts the non-blank ones so far, and F picks the
    n-th non-blank with MATCH, so the dropdown lists names without gaps in every program. The
    annotated copy keeps these (and only these) live: see :mod:`generator.excel.formulas`.
    """
    last = TABLE_ROWS * len(PARTNER_TABLES) + 1
    formulas: dict[str, str] = {}
    row = 2
    for table in PARTNER_TABLES:
        letter = key_letter(table, vocabulary)
        source = quote_sheetname(table.sheet)
        for data_row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + TABLE_ROWS):
            ref = f"{source}!${letter}${data_row}"
            previous = f"E{row - 1}+" if row > 2 else ""
            formulas[f"D{row}"] = f'=IF(TRIM({ref})="","",TRIM({ref}))'
            formulas[f"E{row}"] = f'={previous}IF(D{row}="",0,1)'
            formulas[f"F{row}"] = (
                f'=IFERROR(INDEX($D$2:$D${last},MATCH({row - 1},$E$2:$E${last},0)),"")'
            )
            row += 1
    return formulas
