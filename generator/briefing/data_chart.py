"""The chart of "What the data says": the community's percentile on each area it chose.

One bar per chosen area, from 0 to 100 (the best), over a shaded band for the bottom quarter;
a bar in the bottom quarter is drawn in rust, the others in navy, and a bar whose value Urban
flags as weak is hatched, so that the chart reads on a greyscale printer too. Drawn like the
coverage chart (:mod:`generator.briefing.chart`): matplotlib's object API on an Agg canvas,
imported only when a briefing with data is written.
"""

from __future__ import annotations

import textwrap

from generator.briefing.chart import GRID_COLOUR, TEXT_COLOUR, WIDTH
from generator.briefing.plotting import chart_settings, png_bytes
from generator.common.english import ordinal
from generator.plan.standing import WEAK_BELOW, Quality, Standing

NAVY = "#1F3864"
RUST = "#9C2A00"
BAND = "#FBEFE9"
LABEL_WIDTH = 34  # characters per line of an area's name
ROW_HEIGHT = 0.34  # inches per area
EXTRA = 0.9  # inches for the axis, its label and the legend


def standing_chart(rows: list[tuple[str, Standing]], places: str, width: float = WIDTH) -> bytes:
    """A horizontal bar chart of percentiles, one bar per (area, standing), as PNG bytes."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if not rows:
        raise ValueError("no standings to chart")
    settings = chart_settings({"hatch.linewidth": 0.6})
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(width, ROW_HEIGHT * len(rows) + EXTRA), layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.subplots()
        ax.axvspan(0, WEAK_BELOW, color=BAND, zorder=0)
        positions = list(range(len(rows)))
        for position, (_area, standing) in zip(positions, rows, strict=True):
            percentile = standing.percentile or 0.0
            weak_data = standing.quality is Quality.WEAK
            colour = RUST if standing.is_weak else NAVY
            ax.barh(
                position,
                max(percentile, 0.6),  # a 0th percentile still shows a sliver
                height=0.6,
                color="white" if weak_data else colour,
                edgecolor=colour,
                hatch="////" if weak_data else "",
                linewidth=0.8,
                zorder=2,
            )
            label = ordinal(standing.rounded or 0)
            if standing.quality is not None:
                label += f" \u00b7 {standing.quality.label.lower()} data"
            ax.text(percentile + 1.5, position, label, va="center", color=TEXT_COLOUR, zorder=3)
        ax.set_yticks(positions, [_label(area) for area, _ in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 130)  # room for the labels beyond 100
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel(f"Percentile among the {places} with a value (100 is the best)")
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.6, zorder=1)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(GRID_COLOUR)
        figure.legend(
            handles=[
                Patch(facecolor=BAND, label="Bottom quarter"),
                Patch(facecolor="white", edgecolor=NAVY, hatch="////", label="Weak data (Urban)"),
            ],
            loc="outside upper center",
            ncols=2,
            frameon=False,
        )
        return png_bytes(figure)  # inside the settings: text is laid out as it is drawn


def _label(area: str) -> str:
    """An area's name, wrapped; "$" escaped, since matplotlib reads $...$ as mathematics."""
    return "\n".join(textwrap.wrap(area, LABEL_WIDTH)[:2]).replace("$", r"\$")
