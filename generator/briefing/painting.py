"""The coverage chart painted with Pillow: panels of stacked bars, labels, a legend.

What :mod:`generator.briefing.chart` decides (which rows, how tall each slot, the colours and
the page) drawn as pixels. Everything is painted at twice the size and scaled down, which
smooths the hatching and the edges as a vector renderer would; the text is the report's font
(:mod:`generator.briefing.fonts`) at the sizes matplotlib drew it in before: 8 points, titles 10,
the legend 8.5.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.briefing.chart import (
    EXISTING,
    GAP_COLOUR,
    GRID_COLOUR,
    INVITED,
    LEGEND_HEIGHT,
    MORE_COLOUR,
    PANEL_EXTRA,
    POTENTIAL,
    ROW_HEIGHT,
    TEXT_COLOUR,
    Panel,
    figure_height,
    panel_slots,
    slot,
    wrapped,
)
from generator.briefing.fonts import chart_fonts

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

    from generator.plan.coverage import PriorityCoverage

    Rows = tuple[PriorityCoverage, ...]

SCALE = 2  # painted at twice the size, then scaled down
TITLE_COLOUR = "#1F3864"
BAR_HEIGHT = 0.62  # of a slot
LINE = 0.6  # points: edges, grid lines, hatching
LEGEND_ENTRIES = (
    (EXISTING, "Existing partners"),
    (INVITED, "Potential partners on the invite list"),
    (POTENTIAL, "Potential partners not on the invite list"),
)


@dataclass(frozen=True)
class _Fonts:
    regular: ImageFont.FreeTypeFont | ImageFont.ImageFont
    bold: ImageFont.FreeTypeFont | ImageFont.ImageFont
    italic: ImageFont.FreeTypeFont | ImageFont.ImageFont
    title: ImageFont.FreeTypeFont | ImageFont.ImageFont
    legend: ImageFont.FreeTypeFont | ImageFont.ImageFont


def paint_chart(panels: list[Panel], width: float, dpi: int) -> bytes:
    """The chart of ``panels`` (as :func:`~generator.briefing.chart.fit_panels` gives them),
    ``width`` inches wide at ``dpi``, as PNG bytes."""
    from PIL import Image, ImageDraw

    inch = dpi * SCALE
    point = inch / 72
    fonts = _load_fonts(point)
    heights = [panel_slots(rows, more) for _, rows, more in panels]
    size = (round(width * inch), round(figure_height(heights) * inch))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    labels = [_labels(rows, more) for _, rows, more in panels]
    label_width = max(
        draw.textlength(line, font=_label_font(fonts, kind))
        for panel_labels in labels
        for lines, kind in panel_labels
        for line in lines
    )
    left = 0.04 * inch + label_width + 7 * point
    right = size[0] - 0.12 * inch
    most = max((len(row.partners) for _, rows, _ in panels for row in rows), default=0)
    limit = max(most, 3) * 1.12 + 0.5
    ticks = _ticks(limit)
    _legend(image, fonts, 0.06 * inch, point)
    top = LEGEND_HEIGHT * inch
    for (kind, rows, _), panel_labels, slots in zip(panels, labels, heights, strict=True):
        axes_top = top + 0.3 * inch
        axes_bottom = axes_top + ROW_HEIGHT * slots * inch
        shown = sum(slot(row) for row in rows) + (1.0 if len(panel_labels) > len(rows) else 0.0)
        frame = _Frame(left, right, axes_top, axes_bottom, limit, shown)
        draw.text((left, axes_top - 6 * point), kind.title, TITLE_COLOUR, fonts.title, "ls")
        _axis(draw, fonts, frame, ticks, point)
        _bars(image, draw, fonts, frame, rows, point)
        _row_labels(draw, fonts, frame, rows, panel_labels, point)
        top += (ROW_HEIGHT * slots + PANEL_EXTRA) * inch
    image = image.reduce(SCALE)  # each pixel the mean of the four painted: smooth edges
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


@dataclass(frozen=True)
class _Frame:
    """One panel's axes in pixels, and the data they show: 0 to ``limit`` partners across,
    ``rows`` slots down."""

    left: float
    right: float
    top: float
    bottom: float
    limit: float
    rows: float

    def x(self, value: float) -> float:
        return self.left + value / self.limit * (self.right - self.left)

    def y(self, value: float) -> float:
        return self.top + value / max(self.rows, 1e-9) * (self.bottom - self.top)


def _load_fonts(point: float) -> _Fonts:
    from PIL import ImageFont

    _, (regular, bold, italic) = chart_fonts()

    def load(path: object, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if path is None:
            return ImageFont.load_default(size)
        return ImageFont.truetype(str(path), size)

    return _Fonts(
        regular=load(regular, 8 * point),
        bold=load(bold or regular, 8 * point),
        italic=load(italic or regular, 8 * point),
        title=load(bold or regular, 10 * point),
        legend=load(regular, 8.5 * point),
    )


def _labels(rows: Rows, more: int) -> list[tuple[list[str], str]]:
    """Each row's label lines and its style ("gap", "plain", "more")."""
    labels = [(wrapped(row), "gap" if row.is_gap else "plain") for row in rows]
    if more:
        labels.append(([f"\u2026 and {more} more: see the table below"], "more"))
    return labels


def _label_font(fonts: _Fonts, kind: str) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return {"gap": fonts.bold, "more": fonts.italic}.get(kind, fonts.regular)


def _ticks(limit: float) -> list[int]:
    """Whole numbers from 0, a round step apart, at most eight of them (as matplotlib's integer
    locator places them)."""
    for magnitude in range(0, 12):
        for step in (1, 2, 5):
            step *= 10**magnitude
            if math.floor(limit / step) <= 7:
                return list(range(0, math.floor(limit) + 1, step))
    return [0]


def _axis(
    draw: ImageDraw.ImageDraw, fonts: _Fonts, frame: _Frame, ticks: list[int], point: float
) -> None:
    line = max(1, round(LINE * point))
    for tick in ticks:
        x = frame.x(tick)
        draw.line([(x, frame.top), (x, frame.bottom)], GRID_COLOUR, line)
        draw.line([(x, frame.bottom), (x, frame.bottom + 3.5 * point)], TEXT_COLOUR, line)
        draw.text((x, frame.bottom + 5 * point), str(tick), TEXT_COLOUR, fonts.regular, "mt")
    draw.line([(frame.left, frame.bottom), (frame.right, frame.bottom)], GRID_COLOUR, line)


def _bars(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    fonts: _Fonts,
    frame: _Frame,
    rows: Rows,
    point: float,
) -> None:
    line = max(1, round(LINE * point))
    position = 0.0
    for row in rows:
        middle = position + slot(row) / 2
        position += slot(row)
        top, bottom = frame.y(middle - BAR_HEIGHT / 2), frame.y(middle + BAR_HEIGHT / 2)
        counts = (len(row.existing), len(row.potential_invited), len(row.potential_not_invited))
        start = 0
        for (fill, edge, hatch), count in zip((EXISTING, INVITED, POTENTIAL), counts, strict=True):
            if not count:
                continue
            box = (round(frame.x(start)), round(top), round(frame.x(start + count)), round(bottom))
            draw.rectangle(box, fill=fill)
            if hatch:
                _hatch(image, box, edge, point)
            draw.rectangle(box, outline=edge, width=line)
            start += count
        y = frame.y(middle)
        if row.is_gap:
            draw.text((frame.x(0.08), y), "No partner yet", GAP_COLOUR, fonts.bold, "lm")
        else:
            draw.text((frame.x(start + 0.12), y), str(start), TEXT_COLOUR, fonts.regular, "lm")


def _hatch(image: Image.Image, box: tuple[int, int, int, int], colour: str, point: float) -> None:
    """Diagonal lines across a box, as matplotlib's "////" hatch."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return
    mask = Image.new("L", (width, height), 0)
    pen = ImageDraw.Draw(mask)
    spacing = 18 * point / 2.5
    line = max(1, round(LINE * point))
    start = -height - (left + top) % spacing  # lines meet across neighbouring boxes
    x = start
    while x < width:
        pen.line([(x, height), (x + height, 0)], 255, line)
        x += spacing
    image.paste(colour, (left, top, right, bottom), mask)


def _row_labels(
    draw: ImageDraw.ImageDraw,
    fonts: _Fonts,
    frame: _Frame,
    rows: Rows,
    labels: list[tuple[list[str], str]],
    point: float,
) -> None:
    colours = {"gap": GAP_COLOUR, "more": MORE_COLOUR, "plain": TEXT_COLOUR}
    position = 0.0
    for index, (lines, kind) in enumerate(labels):
        height = slot(rows[index]) if index < len(rows) else 1.0
        middle = frame.y(position + height / 2)
        position += height
        font = _label_font(fonts, kind)
        step = 8 * point * 1.2
        first = middle - step * (len(lines) - 1) / 2
        for number, line in enumerate(lines):
            y = first + number * step
            draw.text((frame.left - 4 * point, y), line, colours[kind], font, "rm")


def _legend(image: Image.Image, fonts: _Fonts, top: float, point: float) -> None:
    """The three kinds of partner, in a row across the top."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    width = image.width
    em = 8.5 * point
    handle, gap, spacing = 2.0 * em, 0.8 * em, 2.0 * em
    texts = [draw.textlength(label, font=fonts.legend) for _, label in LEGEND_ENTRIES]
    total = sum(handle + gap + text for text in texts) + spacing * (len(texts) - 1)
    x = (width - total) / 2
    middle = top + 0.6 * em
    line = max(1, round(LINE * point))
    for ((fill, edge, hatch), label), text in zip(LEGEND_ENTRIES, texts, strict=True):
        box = (round(x), round(middle - 0.35 * em), round(x + handle), round(middle + 0.35 * em))
        draw.rectangle(box, fill=fill)
        if hatch:
            _hatch(image, box, edge, point)
        draw.rectangle(box, outline=edge, width=line)
        draw.text((x + handle + gap, middle), label, TEXT_COLOUR, fonts.legend, "lm")
        x += handle + gap + text + spacing
