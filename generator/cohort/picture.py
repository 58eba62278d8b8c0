"""The chart of the Word summary: the most chosen priorities, and who covers them.

One bar per priority, as long as the number of communities that chose it, split into the
communities where an existing partner covers it, those where only potential partners do, and
those where no partner does. Drawn like the briefing's coverage chart (its fonts and colours),
with matplotlib's object API on an Agg canvas, imported only when a Word summary is written.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from generator.briefing.chart import (
    EXISTING,
    GAP_COLOUR,
    GRID_COLOUR,
    INVITED,
    TEXT_COLOUR,
    WIDTH,
)
from generator.briefing.plotting import chart_settings, png_bytes

if TYPE_CHECKING:
    import pandas as pd

#: The segments: their colour, the frame's column, and what the legend calls them.
SEGMENTS = (
    (EXISTING[0], "existing", "An existing partner covers it"),
    (INVITED[0], "potential_only", "Only potential partners"),
    (GAP_COLOUR, "no_partner", "No partner"),
)
BARS = 15  # the most chosen priorities shown
LABEL_WIDTH = 44
ROW_HEIGHT = 0.27  # inches per priority
EXTRA_HEIGHT = 0.9  # inches for the axis and the legend


def cohort_chart(priorities: pd.DataFrame, communities: int, width: float = WIDTH) -> bytes:
    """PNG bytes of the most chosen priorities (the summary's priorities table)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = priorities[priorities["chosen"] > 0]
    rows = rows.sort_values("chosen", ascending=False, kind="stable").head(BARS)
    if rows.empty:
        raise ValueError("no priority was chosen")
    settings = chart_settings({"legend.fontsize": 8.5})
    with matplotlib.rc_context(settings):
        figure = Figure(
            figsize=(width, ROW_HEIGHT * len(rows) + EXTRA_HEIGHT), layout="constrained"
        )
        FigureCanvasAgg(figure)
        ax = figure.subplots()
        positions = list(range(len(rows)))
        left = [0] * len(rows)
        for fill, column, _ in SEGMENTS:
            counts = [int(v) for v in rows[column]]
            # No edge: a segment of 0 would still draw one, a sliver at the end of the bar.
            ax.barh(positions, counts, left=left, height=0.62, color=fill, linewidth=0)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        for position, total in zip(positions, left, strict=True):
            ax.text(total + 0.1, position, str(total), va="center", color=TEXT_COLOUR)
        labels = [_label(text) for text in rows["priority"]]
        ax.set_yticks(positions, labels)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # the most chosen at the top
        ax.set_xlim(0, max(communities, 1) * 1.08 + 0.3)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(f"Communities choosing it (of {communities})")
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(GRID_COLOUR)
        handles = [Patch(facecolor=fill, label=label) for fill, _, label in SEGMENTS]
        figure.legend(handles=handles, loc="outside upper center", ncols=3, frameon=False)
        return png_bytes(figure)  # inside the settings: text is laid out as it is drawn


def _label(text: str) -> str:
    """Wrapped on two lines at most; "$" escaped, since matplotlib reads $...$ as mathematics."""
    lines = textwrap.wrap(text, LABEL_WIDTH) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_WIDTH - 1].rstrip() + "\u2026"]
    return "\n".join(lines).replace("$", r"\$")
