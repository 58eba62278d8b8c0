"""The coverage chart painted with Pillow: a page-wide PNG of the report's font, without
matplotlib, that still draws where no font file is found."""

from __future__ import annotations

import io
import struct

from PIL import Image

from generator.briefing import chart, fonts, painting
from generator.plan.coverage import analyse
from generator.plan.model import CoalitionPlan
from generator.plan.priorities import PriorityKind


def size_of(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def test_the_chart_is_a_page_wide_picture_as_tall_as_its_rows(sample_plan: CoalitionPlan) -> None:
    coverage = analyse(sample_plan)
    panels = chart.fit_panels([(kind, coverage.of_kind(kind)) for kind in PriorityKind])
    heights = [chart.panel_slots(rows, more) for _, rows, more in panels]

    png = chart.coverage_chart(coverage)

    assert png.startswith(b"\x89PNG")
    assert size_of(png) == (
        round(chart.WIDTH * chart.DPI),
        round(chart.figure_height(heights) * chart.DPI),
    )
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(1 << 20) or []}
    # Every segment's fill and the gap's colour are painted.
    for hex_colour in (chart.EXISTING[0], chart.INVITED[0], chart.POTENTIAL[0]):
        assert tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) in colours


def test_the_report_font_or_its_twin_is_found_and_some_font_always() -> None:
    family, (regular, _, _) = fonts.chart_fonts()

    assert family in {name for name, _ in fonts.FAMILIES}
    assert regular is not None and regular.is_file()


def test_without_any_font_file_pillow_draws_its_own(
    sample_plan: CoalitionPlan, monkeypatch
) -> None:
    monkeypatch.setattr(painting, "chart_fonts", lambda: ("", (None, None, None)))

    png = chart.coverage_chart(analyse(sample_plan))

    assert png.startswith(b"\x89PNG")


def test_the_ticks_are_whole_and_few() -> None:
    assert painting._ticks(3.86) == [0, 1, 2, 3]
    assert painting._ticks(12.82) == [0, 2, 4, 6, 8, 10, 12]
    assert painting._ticks(112.5) == [0, 20, 40, 60, 80, 100]
