"""What the briefing's "What the data says" section says, as plain data.

When the workbook carries the community's Mobility Metrics, each area of concern the coalition
chose is set beside its standing, in a sentence and a chart; the chosen areas the data does not
single out, and the areas where the data points that were not chosen, are named neutrally. The
data suggests; the coalition decided, and may know what a county-wide figure does not show.
"""

from __future__ import annotations

from typing import Any

from generator.common.english import counted, listed, lower_first, ordinal
from generator.common.text import fold
from generator.plan.model import CoalitionPlan
from generator.plan.standing import (
    NOT_WEAK_FROM,
    CommunityStanding,
    Quality,
    Standing,
    percentile_words,
    suggestion,
    value_words,
)

NOBODY = "\u2014"


def data_section(plan: CoalitionPlan) -> dict[str, Any]:
    """The section's fields; ``has`` is False (and the rest empty) without the data."""
    standing = plan.standing
    if standing is None or not standing.standings:
        return {
            "has": False,
            "community": "",
            "places": "",
            "source": "",
            "intro": "",
            "lead": "",
            "rows": [],
            "not_supported": [],
            "not_chosen": [],
            "note": "",
            "chart": None,
        }
    chosen = [c.label for c in plan.needs.areas]
    known = {fold(area) for area in standing.areas()}
    in_data = [area for area in chosen if fold(area) in known]
    rows = [_row(standing, area) for area in in_data]
    return {
        "has": True,
        "community": standing.name,
        "places": standing.places,
        "source": standing.source,
        "intro": (
            f"Where {standing.name} stands on the Urban Institute\u2019s Mobility Metrics, the "
            "data behind the framework\u2019s areas of concern, for each area Part 1 chose: its "
            f"percentile among the {standing.places} with a value in the same year (100 is the "
            "best, 0 the worst, in the direction that is better for each measure), with "
            f"Urban\u2019s own flag of how strong the value is. From the file {standing.source}."
        ),
        "lead": _lead(standing, chosen),
        "rows": rows,
        "not_supported": _not_supported(standing, in_data),
        "not_chosen": _not_chosen(standing, chosen),
        "note": _note(standing, rows, chosen, in_data),
        "chart": None,
    }


def chart_rows(plan: CoalitionPlan) -> list[tuple[str, Standing]]:
    """The chosen areas with a percentile, and the standing that speaks for each."""
    standing = plan.standing
    if standing is None:
        return []
    found = [(c.label, standing.area_standing(c.label)) for c in plan.needs.areas]
    return [(area, best) for area, best in found if best is not None]


def _row(standing: CommunityStanding, area: str) -> dict[str, Any]:
    best = standing.area_standing(area)
    if best is None:
        return {
            "area": area,
            "sentence": lower_first(suggestion(standing, area)),
            "measure": NOBODY,
            "value": NOBODY,
            "percentile": None,
            "standing": NOBODY,
            "quality": NOBODY,
            "weak": False,
        }
    return {
        "area": area,
        "sentence": _sentence(best, standing),
        "measure": best.measure,
        "value": value_words(best),
        "percentile": best.rounded,
        "standing": f"{ordinal(best.rounded or 0)} percentile",
        "quality": best.quality.label if best.quality else NOBODY,
        "weak": best.is_weak,
    }


def _sentence(best: Standing, standing: CommunityStanding) -> str:
    where = percentile_words(best, standing.places)
    quarter = ", in the bottom quarter" if best.is_weak else ""
    return f"{where}{quarter}, on {lower_first(best.measure)} ({value_words(best)})."


def _lead(standing: CommunityStanding, chosen: list[str]) -> str:
    weakest = standing.weakest_areas()
    if not weakest:
        return (
            f"The data places {standing.name} in the bottom quarter on no area of concern; "
            "the table in the workbook's Mobility Metrics sheet has every measure."
        )
    chosen_keys = {fold(area) for area in chosen}
    picked = [s.area for s in weakest if fold(s.area) in chosen_keys]
    areas = listed(s.area for s in weakest)
    text = (
        f"The data places {standing.name} in the bottom quarter on "
        f"{counted(len(weakest), 'area')} of concern: {areas}. "
    )
    if picked:
        return text + f"Part 1 chose {len(picked)} of them."
    return text + "Part 1 chose none of them."


def _not_supported(standing: CommunityStanding, in_data: list[str]) -> list[str]:
    """The chosen areas the data does not single out: in the better half, or not ranked."""
    better = [
        (area, best)
        for area in in_data
        if (best := standing.area_standing(area)) and (best.percentile or 0.0) >= NOT_WEAK_FROM
    ]
    unranked = [area for area in in_data if standing.area_standing(area) is None]
    sentences = []
    if better:
        named = listed(f"{area} ({ordinal(best.rounded or 0)} percentile)" for area, best in better)
        sentences.append(
            f"In the better half of the {standing.places}: {named}. The data does not single "
            f"{'it' if len(better) == 1 else 'them'} out; the coalition may know what a figure "
            "for the whole place does not show."
        )
    if unranked:
        sentences.append(
            f"Without a percentile to weigh: {listed(unranked)} (the workbook's Mobility "
            "Metrics sheet says why)."
        )
    return sentences


def _not_chosen(standing: CommunityStanding, chosen: list[str]) -> list[str]:
    chosen_keys = {fold(area) for area in chosen}
    return [
        f"{best.area}: {percentile_words(best, standing.places)}, on "
        f"{lower_first(best.measure)} ({value_words(best)})."
        for best in standing.weakest_areas()
        if fold(best.area) not in chosen_keys
    ]


def _note(
    standing: CommunityStanding, rows: list[dict[str, Any]], chosen: list[str], in_data: list[str]
) -> str:
    parts = ["The data speaks to areas of concern only: groups and assets have no metric."]
    if not chosen:
        parts.append("Part 1 chooses no area of concern yet, so nothing is set beside the data.")
    elif len(in_data) < len(chosen):
        parts.append("Areas of the coalition\u2019s own have no metric.")
    weak_data = [
        r["area"]
        for r, area in zip(rows, in_data, strict=True)
        if (best := standing.area_standing(area)) and best.quality is Quality.WEAK
    ]
    if weak_data:
        parts.append(
            f"Urban flags the data for {listed(weak_data)} as weak: read "
            f"{'that figure' if len(weak_data) == 1 else 'those figures'} with care."
        )
    return " ".join(parts)
