"""How the summary workbook lays out a table and draws a chart, in the look of every sheet.

A table is a heading row and one row per record of a pandas frame, made an Excel table (with its
filter buttons) when it has rows; numbers stay numbers, shares are percentages, and text from
the communities' workbooks stays text (never a formula). Charts are Excel's own (openpyxl's
chart module), so that they follow the table when someone sorts or filters it, and LibreOffice
and Google Sheets draw them too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.styles import (
    BAND_FILL,
    BORDER,
    WRAP_TOP,
    fit_row,
    font,
    heading_cell,
    put_text,
)

if TYPE_CHECKING:
    import pandas as pd

#: The colours of the briefing's coverage chart: existing partners, potential only, no partner.
EXISTING_COLOUR = "1F3864"
POTENTIAL_COLOUR = "5B9BD5"
GAP_COLOUR = "C55A11"
NOTE_FONT = font(10, italic=True, color="595959")
NUMBER = Alignment(horizontal="right", vertical="top")
#: Charts, in centimetres: the width, the height of each bar's slot and of title, axis and legend.
CHART_WIDTH = 17.0
BAR_HEIGHT = 0.55
CHART_BASE = 3.2
LABEL_SIZE = 800  # hundredths of a point


@dataclass(frozen=True)
class Col:
    """One column: the frame's field, its heading, its width and how its values show."""

    field: str
    heading: str
    width: float = 14
    kind: str = "text"  # "text" | "wrap" | "int" | "percent"


@dataclass(frozen=True)
class Placed:
    """Where a table landed: its heading row and its last row (the heading row when empty)."""

    top: int
    bottom: int
    left: int
    columns: tuple[Col, ...]

    def column_of(self, field: str) -> int:
        return self.left + [c.field for c in self.columns].index(field)

    @property
    def rows(self) -> int:
        return self.bottom - self.top


def write_table(
    sheet: Worksheet,
    frame: pd.DataFrame,
    columns: Sequence[Col],
    *,
    name: str,
    top: int = 1,
    left: int = 1,
    empty: str = "None.",
    widths: bool = True,
    total: dict[str, Any] | None = None,
) -> Placed:
    """Write ``frame``'s ``columns`` as a table whose heading row is ``top``; a ``total`` row,
    in bold, follows it outside the table, so that sorting the table leaves it last.

    With ``widths``, each column gets its declared width; otherwise the sheet's widths stand
    (a sheet with several tables) and rows are fitted to them.
    """
    if widths:
        for offset, column in enumerate(columns):
            sheet.column_dimensions[get_column_letter(left + offset)].width = column.width
    columns = [
        replace(column, width=sheet.column_dimensions[get_column_letter(left + i)].width or 13)
        for i, column in enumerate(columns)
    ]
    for offset, column in enumerate(columns):
        heading_cell(sheet.cell(top, left + offset), column.heading)
    # Headings wrap in their narrow number columns; bold white text runs a little wider.
    fit_row(sheet, top, [(c.heading, c.width * 0.75) for c in columns])
    records = frame.to_dict("records")
    for number, record in enumerate(records, start=1):
        _write_row(sheet, top + number, left, columns, record, band=number % 2 == 0)
    if total is not None and records:
        _write_row(sheet, top + len(records) + 1, left, columns, total, bold=True)
    if not records:
        note = sheet.cell(top + 1, left, empty)
        note.font = NOTE_FONT
        return Placed(top, top, left, tuple(columns))
    bottom = top + len(records)
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(columns) - 1)}{bottom}"
    table = Table(displayName=name, ref=ref)
    # Banding and headings are the cells' own (LibreOffice ignores table styles); the table
    # brings the filter buttons and a name to refer to.
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    sheet.add_table(table)
    return Placed(top, bottom, left, tuple(columns))


def _write_row(
    sheet: Worksheet,
    row: int,
    left: int,
    columns: Sequence[Col],
    record: dict[str, Any],
    *,
    band: bool = False,
    bold: bool = False,
) -> None:
    texts = []
    for offset, column in enumerate(columns):
        cell = sheet.cell(row, left + offset)
        value = _plain(record.get(column.field))
        if column.kind in ("int", "percent") and isinstance(value, int | float):
            cell.value = value
            cell.number_format = "0%" if column.kind == "percent" else "#,##0"
            cell.alignment = NUMBER
        elif value is not None:
            text = str(value)
            put_text(cell, text)
            cell.alignment = WRAP_TOP
            texts.append((text, column.width))
        cell.border = BORDER
        if band:
            cell.fill = BAND_FILL
        if bold:
            cell.font = font(11, bold=True)
    fit_row(sheet, row, texts)


def _plain(value: Any) -> Any:
    """A frame's value as a cell takes it: None for missing, Python numbers for numpy's."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def title(sheet: Worksheet, text: str, note: str = "", row: int = 1, across: float = 0) -> int:
    """A sheet's title and a line under it; returns the next free row.

    With ``across`` (a width in Excel's units), a long note wraps over that width, in cells
    merged for it, instead of running on in one line.
    """
    cell = sheet.cell(row, 1, text)
    cell.font = font(14, bold=True, color=EXISTING_COLOUR)
    if not note:
        return row + 2
    line = sheet.cell(row + 1, 1)
    put_text(line, note)
    line.font = NOTE_FONT
    if across:
        columns, width = 1, sheet.column_dimensions["A"].width or 13
        while width < across:
            columns += 1
            width += sheet.column_dimensions[get_column_letter(columns)].width or 13
        sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=columns)
        line.alignment = WRAP_TOP
        fit_row(sheet, row + 1, [(note, across * 0.85)])
    return row + 3


# --- Charts -------------------------------------------------------------------------------------


def bar_chart(
    sheet: Worksheet,
    placed: Placed,
    categories: str,
    series: Sequence[tuple[str, str]],
    *,
    anchor: str,
    title_text: str,
    axis_title: str,
    stacked: bool = True,
    percent: bool = False,
    rows: tuple[int, int] | None = None,
    on: Worksheet | None = None,
) -> BarChart | None:
    """A horizontal bar chart of a table placed on ``sheet``: one bar per row (the rows
    ``first, last`` of ``rows``, else all), one segment per ``(field, colour)``, drawn at
    ``anchor`` on ``on`` (else beside the table); None when there is no row to draw."""
    first, last = rows or (placed.top + 1, placed.bottom)
    count = last - first + 1
    if count <= 0:
        return None
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title_text
    chart.grouping = "stacked" if stacked else "clustered"
    if stacked:
        chart.overlap = 100
    chart.gapWidth = 50
    headings = {column.field: column.heading for column in placed.columns}
    for field, colour in series:
        column = placed.column_of(field)
        chart.add_data(Reference(sheet, min_col=column, min_row=first, max_row=last))
        added = chart.series[-1]
        added.tx = SeriesLabel(v=headings[field])
        added.graphicalProperties.solidFill = colour
        added.graphicalProperties.line.solidFill = colour
    labels = Reference(sheet, min_col=placed.column_of(categories), min_row=first, max_row=last)
    chart.set_categories(labels)
    chart.x_axis.tickLblSkip = 1  # every label, even when they are many
    chart.x_axis.txPr = _text_size(LABEL_SIZE)
    chart.y_axis.txPr = _text_size(LABEL_SIZE)
    # The first row at the top, as in the table; values read along the bottom.
    chart.y_axis.scaling.orientation = "minMax"
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.title = axis_title
    chart.y_axis.crosses = "max"  # with categories reversed, the value axis stays at the bottom
    chart.y_axis.number_format = "0%" if percent else "0"
    if percent:
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    if len(series) > 1:
        chart.legend.position = "b"
    else:
        chart.legend = None
    chart.width = CHART_WIDTH
    chart.height = max(6.0, CHART_BASE + BAR_HEIGHT * count)
    (on or sheet).add_chart(chart, anchor)
    return chart


def _text_size(size: int) -> RichText:
    """An axis's labels at ``size`` (hundredths of a point) in Calibri, like the sheets."""
    properties = CharacterProperties(sz=size, latin=Font(typeface="Calibri"))
    return RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=properties), endParaRPr=properties)]
    )


def chart_rows(chart: BarChart) -> int:
    """How many sheet rows a chart may cover, for placing the next one under it: Excel's rows
    are 15 points (0.53 cm), LibreOffice's default ones 0.45 cm."""
    return math.ceil(chart.height / 0.45) + 1
