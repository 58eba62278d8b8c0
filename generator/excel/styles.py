"""How the workbooks this tool writes look: fonts, fills, borders, and text that stays text.

The writer, the annotated copy and the merge's Conflicts sheet share these, so that every sheet
the tool writes looks like one family.
"""

from __future__ import annotations

import math

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.errors import OutputError
from generator.common.text import needs_text_guard, xml_safe
from generator.worksheet.limits import LIMITS


def font(
    size: float = 11, *, bold: bool = False, italic: bool = False, color: str | None = None
) -> Font:
    """Calibri, named and sized: a font without them prints in a serif in LibreOffice."""
    return Font(name="Calibri", size=size, bold=bold, italic=italic, color=color)


NAVY = "1F3864"


TEAL = "2E75B6"


SAND = "7F6000"


_thin = Side(style="thin", color="BFBFBF")


BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


TITLE_FONT = font(bold=True, size=14, color=NAVY)


HEADING_FONT = font(bold=True, color="FFFFFF")


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


MARK_WIDTH = 5  # wide enough for "Yes"; narrow enough that a group prints on a page at 100%


MATRIX_HEADING_HEIGHT = 190


LINE_HEIGHT = 15  # points per line of 11-point text
MAX_ROW_HEIGHT = 409  # points: Excel refuses taller rows


PLAIN_FILL = PatternFill("solid", fgColor="FFFFFF")
#: Cells that need a person's attention: an error (and a merge conflict), a warning; and the
#: banding of long listings.
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
WARNING_FILL = PatternFill("solid", fgColor="FFE699")
BAND_FILL = PatternFill("solid", fgColor="F2F2F2")
#: What the data flags as weak (Mobility Metrics): a soft orange, no alarm.
WEAK_FILL = PatternFill("solid", fgColor="FCE4D6")


def put_text(cell: Cell, value: str) -> None:
    """Write user text so that it stays text: never a formula, never an XML error, never cut.

    openpyxl cuts a longer text to what a cell can hold without a word; here it is an
    OutputError naming the cell (without a file: the caller knows which file it writes).
    """
    if len(value) > LIMITS.max_cell_text:
        raise OutputError(
            f"{cell.parent.title}!{cell.coordinate} would hold {len(value):,} characters, more "
            f"than the {LIMITS.max_cell_text:,} a spreadsheet cell can hold"
        )
    cell.value = xml_safe(value)
    if needs_text_guard(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def heading_cell(cell: Cell, text: str, fill: PatternFill = HEADING_FILL) -> None:
    put_text(cell, text)  # headings include a coalition's own options
    cell.font = HEADING_FONT
    cell.fill = fill
    cell.alignment = CENTER
    cell.border = BORDER


def line_count(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column; errs towards one line too many, never too few."""
    # A width unit is one digit; average text runs about 15% narrower, word wrapping loses some.
    per_line = max(4, int(width * 1.15))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def fit_row(sheet: Worksheet, row: int, cells: list[tuple[str, float]]) -> None:
    """Give a written row the height of its longest text.

    Neither LibreOffice nor Excel fits a row to wrapped text that a program wrote: without a
    height, long answers would be cut off (on screen) or overprint the next row (in print).
    """
    lines = max((line_count(text, width) for text, width in cells if text), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)
