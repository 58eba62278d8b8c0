"""The coverage chart of the report: how many partners cover each priority, and of what kind.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no global state, no display),
imported only when a report is written. The three shades differ in lightness as well as hue and
the lightest one is hatched, so that the chart still reads on a greyscale printer.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from typing import TYPE_CHECKING

from generator.plan.coverage import Coverage, PriorityCoverage
from generator.plan.priorities import PriorityKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Fill, edge and hatch of each segment: existing partners, potential partners on the invite
#: list, the other potential partners.
EXISTING = ("#1F3864", "#1F3864", "")
INVITED = ("#5B9BD5", "#2E5C8A", "")
POTENTIAL = ("#DCE6F2", "#5A6B7D", "////")
GAP_COLOUR = "#9C2A00"
TEXT_COLOUR = "#262626"
GRID_COLOUR = "#D0D0D0"

#: The fonts the report itself uses, best first; matplotlib falls back to DejaVu Sans.
FONTS = ("Calibri", "Carlito", "Liberation Sans", "DejaVu Sans")

LABEL_WIDTH = 40  # characters per line of a priority's label
MAX_LINES = 3
PANEL_EXTRA = 0.5  # inches per panel for its title and axis
LEGEND_HEIGHT = 0.3  # inches
ROW_HEIGHT = 0.2  # inches per priority
WIDTH = 6.5  # inches: the text width of a Letter or A4 page with one-inch margins
DPI = 200


def coverage_chart(coverage: Coverage, width: float = WIDTH, dpi: int = DPI) -> bytes:
    """A horizontal bar chart of partners per priority, one panel per checklist, as PNG bytes."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = [(kind, coverage.of_kind(kind)) for kind in PriorityKind]
    panels = [(kind, rows) for kind, rows in panels if rows]
    if not panels:
        raise ValueError("no priorities to chart")

    available = {font.name for font in font_manager.fontManager.ttflist}
    family = [font for font in FONTS if font in available] or ["DejaVu Sans"]
    heights = [sum(_slot(row) for row in rows) + 0.4 for _, rows in panels]
    most = max((len(row.partners) for row in coverage.rows), default=0)
    # Bars take ROW_HEIGHT per slot; each panel's title and axis, and the legend, take the rest.
    figure_height = ROW_HEIGHT * sum(heights) + PANEL_EXTRA * len(panels) + LEGEND_HEIGHT

    with matplotlib.rc_context(_settings(family)):
        # Constrained layout spaces titles, labels and axes whatever the number of rows.
        figure = Figure(figsize=(width, figure_height), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(len(panels), 1, sharex=True, height_ratios=heights, squeeze=False)
        for (kind, rows), ax in zip(panels, axes[:, 0], strict=True):
            _panel(ax, kind.title, rows, most)
        _legend(figure)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            # An emoji in an "Other" answer has no glyph in any chart font: drawn as a box.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _panel(ax: Axes, title: str, rows: tuple[PriorityCoverage, ...], most: int) -> None:
    # A label that wraps onto two lines gets a taller slot, so that labels never overlap.
    positions, top = [], 0.0
    for row in rows:
        slot = _slot(row)
        positions.append(top + slot / 2)
        top += slot
    segments = (
        (EXISTING, [len(r.existing) for r in rows]),
        (INVITED, [len(r.potential_invited) for r in rows]),
        (POTENTIAL, [len(r.potential_not_invited) for r in rows]),
    )
    left = [0] * len(rows)
    for (fill, edge, hatch), counts in segments:
        ax.barh(
            positions,
            counts,
            left=left,
            height=0.62,
            color=fill,
            edgecolor=edge,
            hatch=hatch,
            linewidth=0.6,
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for position, row, total in zip(positions, rows, left, strict=True):
        if row.is_gap:
            ax.text(0.08, position, "No partner yet", va="center", color=GAP_COLOUR, weight="bold")
        else:
            ax.text(total + 0.12, position, str(total), va="center", color=TEXT_COLOUR)

    ax.set_yticks(positions, [_label(row) for row in rows])
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if row.is_gap:
            tick.set_color(GAP_COLOUR)
            tick.set_fontweight("bold")
    ax.set_ylim(top, 0)  # first priority at the top, as in the report's lists
    ax.set_xlim(0, max(most, 3) * 1.12 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, loc="left", weight="bold", color="#1F3864", pad=6)
    ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", labelbottom=True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID_COLOUR)


def _legend(figure: object) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=f, edgecolor=e, hatch=h, linewidth=0.6, label=label)
        for (f, e, h), label in (
            (EXISTING, "Existing partners"),
            (INVITED, "Potential partners on the invite list"),
            (POTENTIAL, "Potential partners not on the invite list"),
        )
    ]
    figure.legend(  # type: ignore[attr-defined]
        handles=handles, loc="outside upper center", ncols=3, frameon=False
    )


def _label(row: PriorityCoverage) -> str:
    """A priority's name, wrapped; "$" escaped, since matplotlib reads $...$ as mathematics."""
    return "\n".join(_wrapped(row)).replace("$", r"\$")


def _wrapped(row: PriorityCoverage) -> list[str]:
    """The name on at most MAX_LINES lines: an "Other" described at length is cut short."""
    lines = textwrap.wrap(row.priority.name, LABEL_WIDTH) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1].rstrip() + "\u2026"
    return lines


def _slot(row: PriorityCoverage) -> float:
    """The height of a row, in bar slots: more for a label on several lines."""
    return 1 + 0.55 * (_label_lines(row) - 1)


def _label_lines(row: PriorityCoverage) -> int:
    return len(_wrapped(row))


def _settings(family: list[str]) -> dict[str, object]:
    """matplotlib settings for this chart only; ``rc_context`` restores the previous ones."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": family,
        "font.size": 8,
        "axes.titlesize": 10,
        "legend.fontsize": 8.5,
        "text.color": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        "hatch.linewidth": 0.6,
    }
