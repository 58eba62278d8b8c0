"""The coverage chart of the report: how many partners cover each priority, and of what kind.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no global state, no display),
imported only when a report is written. The three shades differ in lightness as well as hue and
the lightest one is hatched, so that the chart still reads on a greyscale printer.

The chart never grows past a page: when the chosen priorities need more than :data:`MAX_HEIGHT`
inches, each checklist keeps its first ones, in a share of the page as large as its share of the
priorities, and a last line says how many more the coverage table below it lists.
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
#: The tallest the chart is drawn: the report scales it to fit a page, down to this from here.
MAX_HEIGHT = 10.0  # inches
#: Rows a checklist keeps, however many the others have.
MIN_PANEL_ROWS = 3
MORE_COLOUR = "#595959"


def coverage_chart(coverage: Coverage, width: float = WIDTH, dpi: int = DPI) -> bytes:
    """A horizontal bar chart of partners per priority, one panel per checklist, as PNG bytes."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = fit_panels([(kind, coverage.of_kind(kind)) for kind in PriorityKind])
    if not panels:
        raise ValueError("no priorities to chart")

    available = {font.name for font in font_manager.fontManager.ttflist}
    family = [font for font in FONTS if font in available] or ["DejaVu Sans"]
    heights = [_panel_slots(rows, more) for _, rows, more in panels]
    most = max((len(row.partners) for _, rows, _ in panels for row in rows), default=0)
    figure_height = _figure_height(heights)

    with matplotlib.rc_context(_settings(family)):
        # Constrained layout spaces titles, labels and axes whatever the number of rows.
        figure = Figure(figsize=(width, figure_height), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(len(panels), 1, sharex=True, height_ratios=heights, squeeze=False)
        for (kind, rows, more), ax in zip(panels, axes[:, 0], strict=True):
            _panel(ax, kind.title, rows, most, more)
        _legend(figure)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            # An emoji in an "Other" answer has no glyph in any chart font: drawn as a box.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


Panel = tuple[PriorityKind, tuple[PriorityCoverage, ...], int]


def fit_panels(panels: list[tuple[PriorityKind, tuple[PriorityCoverage, ...]]]) -> list[Panel]:
    """Each checklist's rows that fit the chart's page, with how many more it leaves out.

    All of them when they fit; otherwise each checklist gets a share of the page as large as
    its share of the priorities (and at least :data:`MIN_PANEL_ROWS`), filled in order.
    """
    panels = [(kind, rows) for kind, rows in panels if rows]
    if _figure_height([_panel_slots(rows, 0) for _, rows in panels]) <= MAX_HEIGHT:
        return [(kind, rows, 0) for kind, rows in panels]
    # Slots left for bars once titles, axes, the legend and a "more" line each are paid for;
    # shared out smallest checklist first, so that a short one keeps all its rows and what it
    # does not need goes to the others.
    free = (MAX_HEIGHT - _figure_height([1.0] * len(panels))) / ROW_HEIGHT
    shares: dict[PriorityKind, float] = {}
    by_need = sorted(panels, key=lambda panel: sum(_slot(row) for row in panel[1]))
    for index, (kind, rows) in enumerate(by_need):
        need = sum(_slot(row) for row in rows)
        shares[kind] = max(min(need, free / (len(by_need) - index)), MIN_PANEL_ROWS * 1.0)
        free -= shares[kind]
    fitted: list[Panel] = []
    for kind, rows in panels:
        kept: list[PriorityCoverage] = []
        used = 0.0
        for row in rows:
            if used + _slot(row) > shares[kind] + 1e-9 and len(kept) >= MIN_PANEL_ROWS:
                break
            kept.append(row)
            used += _slot(row)
        fitted.append((kind, tuple(kept), len(rows) - len(kept)))
    return fitted


def _panel_slots(rows: tuple[PriorityCoverage, ...], more: int) -> float:
    """A panel's height in bar slots: its rows, a line for the ones left out, its margins."""
    return sum(_slot(row) for row in rows) + (1.0 if more else 0.0) + 0.4


def _figure_height(panel_slots: list[float]) -> float:
    """Bars take ROW_HEIGHT per slot; each panel's title and axis, and the legend, the rest."""
    return ROW_HEIGHT * sum(panel_slots) + PANEL_EXTRA * len(panel_slots) + LEGEND_HEIGHT


def _panel(
    ax: Axes, title: str, rows: tuple[PriorityCoverage, ...], most: int, more: int = 0
) -> None:
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

    labels = [_label(row) for row in rows]
    if more:
        positions.append(top + 0.5)
        labels.append(f"\u2026 and {more} more: see the table below")
        top += 1.0
    ax.set_yticks(positions, labels)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=False):
        if row.is_gap:
            tick.set_color(GAP_COLOUR)
            tick.set_fontweight("bold")
    if more:
        ax.get_yticklabels()[-1].set_color(MORE_COLOUR)
        ax.get_yticklabels()[-1].set_fontstyle("italic")
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
