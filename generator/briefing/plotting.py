"""What the charts drawn with matplotlib share: their look, and how they become PNG bytes.

The Mobility Metrics chart of the briefing and the cohort summary's chart are drawn with
matplotlib; this module is imported only when one of them is (matplotlib is slow to import).
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING, Any

from generator.briefing.chart import DPI, FONTS, TEXT_COLOUR

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def chart_settings(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """matplotlib's settings for a chart in the documents' look: the first of their fonts that
    is installed, small dark text; ``extra`` adds to them."""
    from matplotlib import font_manager

    available = {font.name for font in font_manager.fontManager.ttflist}
    family = [font for font in FONTS if font in available] or ["DejaVu Sans"]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": family,
        "font.size": 8,
        "text.color": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        **(extra or {}),
    }


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes on white, at the documents' resolution. Call it inside the
    chart's ``rc_context``: matplotlib picks the fonts as it draws, not as text is added."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A coalition's own option may hold a character no chart font has: drawn as a box.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
