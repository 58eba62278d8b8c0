"""How each sheet prints and what it protects: pages, scale, titles, footers, locked headings.

A table sheet prints as a form people can fill in by hand at a meeting: the part's title in the
page header of every page, the heading rows repeated, ruled empty rows to a full page, and wide
tables cut into pages at the boundaries of their groups of columns, each page repeating the key
column (the organization or the member) so that it reads on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

#: A landscape Letter page with half-inch margins: the width and height left for the table, in
#: points (the header and footer sit in the top and bottom margins).
MARGIN_INCHES = 0.5
PRINTABLE_WIDTH_PT = (11 - 2 * MARGIN_INCHES) * 72
PRINTABLE_HEIGHT_PT = (8.5 - 2 * MARGIN_INCHES) * 72 - 24
#: The smallest scale that still prints 11-point text legibly (about 6.5 points). Mark matrices
#: print at 100%: their labels are small already.
MIN_PRINT_SCALE = 0.6
#: Empty rows on paper are this tall, room to write by hand.
PAPER_ROW_HEIGHT = 22


def column_pt(width: float) -> float:
    """A column's printed width in points: Excel's width unit is a 7-pixel digit, plus padding."""
    return (width * 7 + 5) * 0.75


@dataclass(frozen=True)
class Block:
    """Columns that belong on one page if they can: a plain column, or a group of mark columns
    with the places where it may be cut (pillar boundaries for areas; anywhere for others)."""

    columns: tuple[int, ...]  # sheet column indices, in order
    widths: tuple[float, ...]  # in points
    cuts: frozenset[int] = frozenset()  # column indices a page may start at, inside the block


@dataclass(frozen=True)
class PagePlan:
    """Where pages start (column indices after the first page) and at what scale they print."""

    breaks: tuple[int, ...] = ()
    scale: int = 100

    @property
    def pages_wide(self) -> int:
        return len(self.breaks) + 1


def plan_pages(blocks: Sequence[Block], *, matrix: bool) -> PagePlan:
    """Pages for a table: plain tables shrink to one page wide while legible; mark matrices print
    at 100%, a page per group of columns (cut at allowed places when a group is too wide)."""
    total = sum(sum(block.widths) for block in blocks)
    if total <= PRINTABLE_WIDTH_PT:
        return PagePlan()
    if not matrix and total * MIN_PRINT_SCALE <= PRINTABLE_WIDTH_PT:
        return PagePlan(scale=int(100 * PRINTABLE_WIDTH_PT / total))
    key = blocks[0].widths[0]
    breaks: list[int] = []
    used = 0.0
    for block in blocks:
        size = sum(block.widths)
        if used + size <= PRINTABLE_WIDTH_PT:
            used += size
            continue
        if used > key:  # this page has more than the key column: the block starts a new one
            breaks.append(block.columns[0])
            used = key
        if used + size <= PRINTABLE_WIDTH_PT:
            used += size
            continue
        # A block wider than a page: cut it at the latest allowed place each page reaches.
        start = block.columns[0]
        for index, width in zip(block.columns, block.widths, strict=True):
            if used + width > PRINTABLE_WIDTH_PT and used > key:
                cut = max((c for c in block.cuts if start < c <= index), default=index)
                breaks.append(cut)
                start = cut
                used = key + sum(
                    w for c, w in zip(block.columns, block.widths, strict=True) if cut <= c < index
                )
            used += width
    return PagePlan(tuple(breaks))


def print_setup(
    sheet: Worksheet,
    *,
    title: str,
    title_rows: str | None = None,
    plan: PagePlan = PagePlan(),
    repeat_key: bool = False,
) -> None:
    """Landscape Letter with half-inch margins, the title in every page's header, headings on
    every page, and the table's own page plan."""
    from openpyxl.worksheet.pagebreak import Break

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER
    margins = sheet.page_margins
    margins.left = margins.right = margins.top = margins.bottom = MARGIN_INCHES
    margins.header = margins.footer = 0.25
    sheet.print_options.gridLines = False
    sheet.print_options.horizontalCentered = False
    if title_rows:
        sheet.print_title_rows = title_rows
    if repeat_key or plan.breaks:
        sheet.print_title_cols = "A:A"
    if plan.breaks:
        sheet.sheet_properties.pageSetUpPr.fitToPage = False
        sheet.page_setup.scale = 100
        for column in plan.breaks:
            sheet.col_breaks.append(Break(id=column - 1))
    else:
        # One page wide, as many pages down as it takes, at the plan's scale at the least.
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.page_setup.scale = plan.scale
    # Quotes escape the header's own codes (&) in a title a coalition may have renamed.
    sheet.oddHeader.left.text = '&"Calibri,Bold"&12' + title.replace("&", "&&")
    sheet.oddFooter.center.text = "&A - page &P of &N"


def protect(sheet: Worksheet) -> None:
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
