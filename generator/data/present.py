"""A community's standing for the terminal: a table and its suggestions, or JSON for other tools."""

from __future__ import annotations

from typing import Any

from generator.common.english import counted, listed, lower_first, ordinal, shorten
from generator.plan.standing import (
    CommunityStanding,
    Direction,
    Standing,
    percentile_words,
    value_words,
)
from generator.worksheet import DEFAULT_VOCABULARY

#: The columns of the table after the measure: heading and width.
COLUMNS = (("Value", 20), ("Year", 4), ("Percentile", 12), ("Quality", 8))
INDENT = "  "


def text_lines(community: CommunityStanding, width: int = 120) -> list[tuple[str, str | None]]:
    """The standing as lines of text, each with a colour (None, or red for a weak area)."""
    measure_width = max(30, width - len(INDENT) - sum(w + 2 for _, w in COLUMNS))
    heading = _row("Area of concern and measure", [h for h, _ in COLUMNS], measure_width + 2)
    lines: list[tuple[str, str | None]] = [
        (f"{community.name} ({community.geography} {community.fips}) in {community.source}", None),
        (
            f"Each measure's percentile among the {community.places} with a value in the same "
            "year: 100 is the best, in the direction that is better for the measure.",
            None,
        ),
        ("", None),
        (heading, None),
        ("-" * len(heading), None),
    ]
    for area in community.areas():
        best = community.area_standing(area)
        lines.append((area, "red" if best is not None and best.is_weak else None))
        for standing in community.of_area(area):
            cells = [
                standing.shown or ("not in the file" if not standing.column else "no value"),
                str(standing.year or ""),
                _percentile(standing),
                standing.quality.label if standing.quality else "",
            ]
            lines.append((INDENT + _row(standing.measure, cells, measure_width), None))
    lines.append(("", None))
    lines.extend(suggestion_lines(community))
    return lines


def suggestion_lines(community: CommunityStanding) -> list[tuple[str, str | None]]:
    """The weakest areas, as suggestions, then what the file could not say."""
    weakest = community.weakest_areas()
    lines: list[tuple[str, str | None]] = []
    if weakest:
        lines.append(
            ("Weakest areas (the bottom quarter), as suggestions for Part 1:", None),
        )
        for standing in weakest:
            lines.append((f"  {_area_sentence(standing, community.places)}", "red"))
    else:
        ranked = [s for a in community.areas() if (s := community.area_standing(a))]
        lowest = min(ranked, key=lambda s: s.percentile or 0.0, default=None)
        text = "No area stands in the bottom quarter"
        if lowest is not None:
            text += f"; the weakest is {_area_sentence(lowest, community.places)}"
        lines.append((text if text.endswith(".") else text + ".", None))
    missing = _metrics(community, lambda s: not s.column)
    if missing:
        lines.append((f"Not in this file: {listed(missing)}.", None))
    suppressed = [
        a for a in community.areas() if all(s.column and not s.shown for s in community.of_area(a))
    ]
    if suppressed:
        lines.append(
            (
                f"No value for {community.name} (suppressed or not measured): "
                f"{listed(suppressed)}.",
                None,
            )
        )
    unranked = _metrics(community, lambda s: bool(s.shown) and s.direction is Direction.NONE)
    if unranked:
        lines.append(
            (f"Shown, not ranked (Urban gives no single order): {listed(unranked)}.", None)
        )
    return lines


def to_json(community: CommunityStanding) -> dict[str, Any]:
    """Everything the table says, as data."""
    vocabulary = DEFAULT_VOCABULARY
    return {
        "community": community.name,
        "fips": community.fips,
        "geography": community.geography,
        "compared_with": community.places,
        "file": community.source,
        "measures": [
            {
                "area": s.area,
                "pillar": vocabulary.pillar_of(s.area) or "",
                "metric": s.metric,
                "measure": s.measure,
                "variable": s.column or None,
                "value": s.value,
                "shown": s.shown or None,
                "year": s.year,
                "percentile": None if s.percentile is None else round(s.percentile, 1),
                "compared": s.compared,
                "better": s.direction.value,
                "quality": s.quality.label if s.quality else None,
                "headline": s.headline,
                "note": s.note or None,
            }
            for s in community.standings
        ],
        "areas": [
            {
                "area": area,
                "percentile": None if best is None else round(best.percentile or 0.0, 1),
                "measure": None if best is None else best.measure,
                "weak": bool(best and best.is_weak),
            }
            for area in community.areas()
            for best in [community.area_standing(area)]
        ],
        "weakest_areas": [s.area for s in community.weakest_areas()],
        "missing_metrics": _metrics(community, lambda s: not s.column),
    }


def _area_sentence(standing: Standing, places: str) -> str:
    return (
        f"{standing.area}: {percentile_words(standing, places)}, on "
        f"{lower_first(standing.measure)} ({value_words(standing)})."
    )


def _percentile(standing: Standing) -> str:
    if standing.rounded is None:
        return "not ranked" if standing.shown else ""
    return f"{ordinal(standing.rounded)} of {standing.compared:,}"


def _metrics(community: CommunityStanding, which: Any) -> list[str]:
    names = [f"{s.area} ({lower_first(s.metric)})" for s in community.standings if which(s)]
    return list(dict.fromkeys(names))


def _row(measure: str, cells: list[str], measure_width: int) -> str:
    parts = [shorten(measure, measure_width).ljust(measure_width)]
    for (_, width), cell in zip(COLUMNS, cells, strict=True):
        parts.append(shorten(cell, width).ljust(width))
    return "  ".join(parts).rstrip()


def count_line(community: CommunityStanding) -> str:
    """ "26 measures of 22 metrics": what a file gave, for a one-line summary."""
    metrics = {s.metric for s in community.standings if s.column}
    return f"{counted(sum(1 for s in community.standings if s.column), 'measure')} of " + counted(
        len(metrics), "metric"
    )
