"""Where a community stands on each metric of a Mobility Metrics file.

For each measure, the community's most recent year with a value, and its percentile among every
county (or city) with a value that year: the places ranked per year with pandas, in the
direction that is better for the measure, ties sharing the average of their places, so that

    percentile = (places it does better than + half the places it ties with) / (others) * 100

(100 the best, 0 the worst, 50 when every place ties). The results are the plain records of
:mod:`generator.plan.standing`, which the workbook, the terminal and the briefing all use.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.english import listed
from generator.common.errors import DataError
from generator.common.text import fold
from generator.data.geography import (
    COUNTY,
    Kind,
    core_name,
    display_name,
    same_place,
    split_typed_name,
    state_of,
    typed_fips,
)
from generator.data.metric_types import Metric, Summary
from generator.data.metrics_dictionary import METRICS
from generator.data.reading import Found, MetricsFile, read_metrics_file
from generator.plan.standing import CommunityStanding, Direction, Quality, Standing

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Place:
    """A county or city of the file."""

    fips: str
    name: str  # as people say it: "Forest County", "Columbus"
    state: str  # "Ohio"
    written: str = ""  # as the file writes it: "Columbus city"

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}" if self.state else self.name


def standing_for(
    path: Path, *, county: str | None = None, place: str | None = None, name: str | None = None
) -> CommunityStanding:
    """Read ``path`` and say where the community (given one way or another) stands."""
    metrics_file = read_metrics_file(path)
    return community_standing(metrics_file, locate(metrics_file, county, place, name))


# --- Finding the community ----------------------------------------------------------------------


def locate(
    metrics_file: MetricsFile,
    county: str | None = None,
    place: str | None = None,
    name: str | None = None,
) -> Place:
    """The county or city asked for, by FIPS code or by name; a sentence when it is not there."""
    kind, path = metrics_file.kind, metrics_file.path
    places = _places(metrics_file.frame, kind)
    if name is not None:
        return _by_name(places, name, kind, path)
    typed, option = (county, "--county") if county is not None else (place, "--place")
    if typed is None:
        raise DataError(f"give the community with {kind.option} or --name.", path)
    if option != kind.option:
        raise DataError(
            f"is a file of {kind.plural}; give the community with {kind.option} or --name, "
            f"not {option}.",
            path,
        )
    fips = typed_fips(typed, kind)
    if fips is None:
        example = "39035" if kind is COUNTY else "3916000"
        raise DataError(
            f"{option} takes a {kind.word}'s {2 + kind.digits}-digit FIPS code, like {example}; "
            f"\u201c{typed}\u201d is not one."
        )
    if fips in places:
        return places[fips]
    same_state = [p for p in places.values() if p.fips[:2] == fips[:2]]
    nearby = sorted(same_state or places.values(), key=lambda p: abs(int(p.fips) - int(fips)))[:3]
    state = state_of(fips)
    where = f" ({state})" if state else ""
    hint = f"; nearby codes: {listed(_named(p) for p in nearby)}" if nearby else ""
    raise DataError(
        f"has no {kind.word} with FIPS code {fips}{where}{hint}; or find it with --name "
        '"Name, ST".',
        path,
    )


def _places(frame: pd.DataFrame, kind: Kind) -> dict[str, Place]:
    latest = frame.drop_duplicates("fips", keep="last")
    return {
        row.fips: Place(
            row.fips,
            display_name(" ".join(row.name.split()), kind) or row.fips,
            " ".join(row.state_name.split()) or state_of(row.fips),
            " ".join(row.name.split()),
        )
        for row in latest[["fips", "name", "state_name"]].itertuples(index=False)
    }


def _named(place: Place) -> str:
    return f"{place.label} ({place.fips})"


def _by_name(places: dict[str, Place], typed: str, kind: Kind, path: Path) -> Place:
    wanted, state = split_typed_name(typed)
    pool = [p for p in places.values() if state is None or p.fips[:2] == state]
    exact = [p for p in pool if fold(wanted) in (fold(p.name), fold(p.written))]
    matches = exact or [p for p in pool if same_place(wanted, p.written or p.name)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise DataError(
            f"has {len(matches)} {kind.plural} called \u201c{typed}\u201d: "
            f"{listed(_named(p) for p in matches[:6])}; give one with {kind.option}.",
            path,
        )
    # Compared by name alone (within the state, when one was typed); a name shared by several
    # states suggests each of them.
    labels: dict[str, list[Place]] = {}
    for candidate in pool:
        labels.setdefault(core_name(candidate.written or candidate.name), []).append(candidate)
    key = core_name(wanted)
    close = difflib.get_close_matches(key, list(labels), n=3, cutoff=0.75)
    hint = (
        f"; did you mean {listed((_named(p) for c in close for p in labels[c][:3]), 'or')}?"
        if close
        else f"; give its FIPS code with {kind.option}."
    )
    raise DataError(f"has no {kind.word} called \u201c{typed}\u201d{hint}", path)


# --- Where it stands ----------------------------------------------------------------------------


def community_standing(metrics_file: MetricsFile, place: Place) -> CommunityStanding:
    """Every measure of the file for ``place``; missing metrics as rows that say so."""
    kind = metrics_file.kind
    standings: list[Standing] = []
    by_metric: dict[int, list[Found]] = {}
    for item in metrics_file.found:
        by_metric.setdefault(id(item.metric), []).append(item)
    for metric in METRICS:
        items = by_metric.get(id(metric), [])
        if not items:
            standings.append(
                Standing(
                    metric.area, metric.name, metric.measures[0].label, note="not in this file"
                )
            )
            continue
        rows = [_measure(metrics_file, item, place, kind) for item in items]
        standings.extend(_with_headline(metric, rows))
    if not any(s.shown for s in standings):
        raise DataError(
            f"has no value for {place.label} ({place.fips}) in any metric: every one is "
            "suppressed (NA) or missing, as Urban leaves estimates too unreliable to publish.",
            metrics_file.path,
        )
    return CommunityStanding(
        place.label, place.fips, kind.word, metrics_file.path.name, tuple(standings)
    )


def _measure(metrics_file: MetricsFile, item: Found, place: Place, kind: Kind) -> Standing:
    frame, column = metrics_file.frame, item.column
    metric, measure = item.metric, item.measure
    direction = metric.direction_of(measure)
    base = Standing(metric.area, metric.name, measure.label, column, direction=direction)
    wanted = ["fips", *(["year"] if metrics_file.has_year else []), column]
    wanted += [c for c in (f"{column}:quality", f"{column}:text") if c in frame]
    have = frame[wanted][frame[column].notna()]
    mine = have[have["fips"] == place.fips]
    if mine.empty:
        return _replace(base, note=f"no value for this {kind.word} (suppressed or not measured)")
    if metrics_file.has_year:
        year = int(mine["year"].max())
        mine = mine[mine["year"] == year]
        cohort = have[have["year"] == year]
    else:
        year, cohort = None, have
    row = mine.iloc[0]
    value, shown = _shown(item, row, float(row[column]))
    flag = row.get(f"{column}:quality")
    quality = Quality(int(flag)) if flag is not None and not math.isnan(flag) else None
    note = metric.caution
    percentile: float | None = None
    if direction is Direction.NONE:
        note = metric.why
    elif len(cohort) < 2:
        note = f"the only {kind.word} with a value{f' in {year}' if year else ''}"
    else:
        percentile = _percentile(cohort, column, direction, place.fips)
    return _replace(
        base,
        value=value,
        shown=shown,
        year=year,
        percentile=percentile,
        compared=len(cohort),
        quality=quality,
        note=note,
    )


def _percentile(cohort: pd.DataFrame, column: str, direction: Direction, fips: str) -> float:
    """The place's percentile in its year: ranked with ties averaged, 100 the best."""
    oriented = cohort[column] if direction is Direction.HIGHER else -cohort[column]
    ranks = oriented.rank(method="average")
    rank = float(ranks[cohort["fips"] == fips].iloc[0])
    # Four decimals: more would be noise, and spreadsheet programs keep 15 digits, not 17.
    return round((rank - 1) / (len(cohort) - 1) * 100, 4)


def _shown(item: Found, row: pd.Series, value: float) -> tuple[float | None, str]:
    """The value and how it is shown; two shares ("0.190:0.272") as both, valued as their ratio."""
    unit = item.measure.unit
    if not unit.two_shares:
        return value, unit.show(value)
    text = str(row.get(f"{item.column}:text", "")).strip()
    first, _, second = text.partition(":")
    try:
        shares = float(first), float(second)
    except ValueError:
        return None, text
    ratio = shares[0] / shares[1] if shares[1] else None
    return ratio, unit.two_shares.format(f"{shares[0]:.1%}", f"{shares[1]:.1%}")


def _with_headline(metric: Metric, rows: list[Standing]) -> list[Standing]:
    """Mark the measure that speaks for the metric (see :class:`Summary`)."""
    with_value = [s for s in rows if s.shown]
    if not with_value:
        return rows
    headline = with_value[0]
    ranked = [s for s in with_value if s.ranked]
    if metric.summary is Summary.WEAKEST and ranked:
        headline = min(ranked, key=lambda s: s.percentile or 0.0)
    return [_replace(s, headline=True) if s is headline else s for s in rows]


def _replace(standing: Standing, **changes: object) -> Standing:
    return replace(standing, **changes)  # type: ignore[arg-type]
