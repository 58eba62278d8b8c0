"""The coverage chart of the report: how many partners cover each priority, and of what kind.

Drawn with Pillow (:mod:`generator.briefing.painting`), imported only when a report is
written: matplotlib took a second to import and lay out what is a few dozen rectangles and
labels. The three shades differ in lightness as well as hue and
the lightest one is hatched, so that the chart still reads on a greyscale printer.

The chart never grows past a page: when the chosen priorities need more than :data:`MAX_HEIGHT`
inches, each checklist keeps its first ones, in a share of the page as large as its share of the
priorities, and a last line says how many more the coverage table below it lists.
"""

from __future__ import annotations

import textwrap

from generator.plan.coverage import Coverage, PriorityCoverage
from generator.plan.priorities import PriorityKind

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
    panels = fit_panels([(kind, coverage.of_kind(kind)) for kind in PriorityKind])
    if not panels:
        raise ValueError("no priorities to chart")
    from generator.briefing.painting import paint_chart

    return paint_chart(panels, width, dpi)


Panel = tuple[PriorityKind, tuple[PriorityCoverage, ...], int]


def fit_panels(panels: list[tuple[PriorityKind, tuple[PriorityCoverage, ...]]]) -> list[Panel]:
    """Each checklist's rows that fit the chart's page, with how many more it leaves out.

    All of them when they fit; otherwise each checklist gets a share of the page as large as
    its share of the priorities (and at least :data:`MIN_PANEL_ROWS`), filled in order.
    """
    panels = [(kind, rows) for kind, rows in panels if rows]
    if figure_height([panel_slots(rows, 0) for _, rows in panels]) <= MAX_HEIGHT:
        return [(kind, rows, 0) for kind, rows in panels]
    # Slots left for bars once titles, axes, the legend and a "more" line each are paid for;
    # shared out smallest checklist first, so that a short one keeps all its rows and what it
    # does not need goes to the others.
    free = (MAX_HEIGHT - figure_height([panel_slots((), 1)] * len(panels))) / ROW_HEIGHT
    shares: dict[PriorityKind, float] = {}
    by_need = sorted(panels, key=lambda panel: sum(slot(row) for row in panel[1]))
    for index, (kind, rows) in enumerate(by_need):
        need = sum(slot(row) for row in rows)
        shares[kind] = max(min(need, free / (len(by_need) - index)), MIN_PANEL_ROWS * 1.0)
        free -= shares[kind]
    fitted: list[Panel] = []
    for kind, rows in panels:
        kept: list[PriorityCoverage] = []
        used = 0.0
        for row in rows:
            if used + slot(row) > shares[kind] + 1e-9 and len(kept) >= MIN_PANEL_ROWS:
                break
            kept.append(row)
            used += slot(row)
        fitted.append((kind, tuple(kept), len(rows) - len(kept)))
    return fitted


def panel_slots(rows: tuple[PriorityCoverage, ...], more: int) -> float:
    """A panel's height in bar slots: its rows, a line for the ones left out, its margins."""
    return sum(slot(row) for row in rows) + (1.0 if more else 0.0) + 0.4


def figure_height(panel_slots: list[float]) -> float:
    """Bars take ROW_HEIGHT per slot; each panel's title and axis, and the legend, the rest."""
    return ROW_HEIGHT * sum(panel_slots) + PANEL_EXTRA * len(panel_slots) + LEGEND_HEIGHT


def wrapped(row: PriorityCoverage) -> list[str]:
    """The name on at most MAX_LINES lines: an "Other" described at length is cut short."""
    lines = textwrap.wrap(row.priority.name, LABEL_WIDTH) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1].rstrip() + "\u2026"
    return lines


def slot(row: PriorityCoverage) -> float:
    """The height of a row, in bar slots: more for a label on several lines."""
    return 1 + 0.55 * (_label_lines(row) - 1)


def _label_lines(row: PriorityCoverage) -> int:
    return len(wrapped(row))
