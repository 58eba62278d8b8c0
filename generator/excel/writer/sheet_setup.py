"""How each sheet prints and what it protects: scale, repeated titles, footers, locked headings."""

from __future__ import annotations

import math

from openpyxl.worksheet.worksheet import Worksheet

# Printing: the width between the default 0.75-inch margins of a landscape Letter page, in points,
# and the smallest scale that still prints 11-point text legibly (about 6.5 points).
PRINTABLE_WIDTH_PT = 684


MIN_PRINT_SCALE = 0.6


def print_setup(sheet: Worksheet, title_rows: str | None) -> None:
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


def pages_wide(widths: list[float]) -> int:
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
