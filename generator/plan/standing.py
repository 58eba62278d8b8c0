"""Where the community stands on the Urban Institute's Mobility Metrics, as a workbook carries it.

The numbers come from a Mobility Metrics file the user downloaded (:mod:`generator.data` reads it
with pandas); what the plan keeps is plain records: for each measure, its value, the year, the
community's percentile among all counties (or cities) with a value that year, in the direction
that is better, and Urban's data-quality flag. The sentences said of them (in Part 1's "What the
data suggests" column, in the terminal, in the briefing) are phrased here, once.

An area of concern is judged by its weakest metric, each metric by its headline measure (for a
metric measured group by group, by the group that stands weakest): a suggestion points at what
the data flags, and the Mobility Metrics sheet shows every measure beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from generator.common.english import lower_first, ordinal
from generator.common.text import cell_text, fold

#: Below this percentile an area is among the community's weakest: the bottom quarter.
WEAK_BELOW = 25
#: From this percentile up, the data shows no particular weakness: the better half.
NOT_WEAK_FROM = 50


class Direction(StrEnum):
    """Which way a measure is better; NONE for the measures Urban gives no single order to."""

    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Quality(IntEnum):
    """Urban's data-quality flag: 1 strong, 2 marginal, 3 weak (the 2025 files spell it out)."""

    STRONG = 1
    MARGINAL = 2
    WEAK = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @classmethod
    def read(cls, value: object) -> Quality | None:
        """A flag as files write it: 1, "1", "1.0", "Strong", "strong"; None when empty."""
        text = cell_text(value).strip().casefold()
        for quality in cls:
            if text in (str(quality.value), f"{quality.value}.0", quality.name.casefold()):
                return quality
        return None


@dataclass(frozen=True)
class Standing:
    """One measure for one community: its value and where that puts the community."""

    area: str  # the worksheet's area of concern
    metric: str  # Urban's metric
    measure: str  # what this value is (one metric may have several)
    column: str = ""  # the variable it was read from ("" when the file has none)
    value: float | None = None
    shown: str = ""  # the value as people read it ("31.2%"), "" when there is none
    year: int | None = None
    percentile: float | None = None  # 0 (worst) to 100 (best); None when not ranked
    compared: int = 0  # places with a value that year, the community included
    direction: Direction = Direction.HIGHER
    quality: Quality | None = None
    headline: bool = False  # the measure that speaks for its metric
    note: str = ""  # why there is no value or no percentile, or a caution

    @property
    def ranked(self) -> bool:
        return self.percentile is not None

    @property
    def rounded(self) -> int | None:
        """The percentile as a whole number, halves rounded up (as people round)."""
        return None if self.percentile is None else math.floor(self.percentile + 0.5)

    @property
    def is_weak(self) -> bool:
        return self.percentile is not None and self.percentile < WEAK_BELOW


@dataclass(frozen=True)
class CommunityStanding:
    """A community's standings on every metric a Mobility Metrics file has."""

    name: str  # "Forest County, Ohio"
    fips: str  # "39053"
    geography: str  # "county" or "city"
    source: str  # the file's name
    standings: tuple[Standing, ...] = ()

    @property
    def places(self) -> str:
        """What the community was compared with: "counties" or "cities"."""
        return "counties" if self.geography == "county" else "cities"

    def of_area(self, area: str) -> list[Standing]:
        key = fold(area)
        return [s for s in self.standings if fold(s.area) == key]

    def area_standing(self, area: str) -> Standing | None:
        """What speaks for an area: the weakest ranked headline among its metrics."""
        ranked = [s for s in self.of_area(area) if s.headline and s.ranked]
        return min(ranked, key=lambda s: s.percentile or 0.0) if ranked else None

    def areas(self) -> list[str]:
        """The areas the standings speak of, in their order."""
        return list(dict.fromkeys(s.area for s in self.standings))

    def weakest_areas(self) -> list[Standing]:
        """One standing per area in the bottom quarter, the weakest first."""
        weak = [s for a in self.areas() if (s := self.area_standing(a)) and s.is_weak]
        return sorted(weak, key=lambda s: s.percentile or 0.0)


# --- Saying it -----------------------------------------------------------------------------------


def percentile_words(standing: Standing, places: str) -> str:
    """ "the 12th percentile among 3,143 counties" (100 is the best)."""
    return f"the {ordinal(standing.rounded or 0)} percentile among {standing.compared:,} {places}"


def value_words(standing: Standing) -> str:
    """ "31.2% in 2023; strong data": the value, its year and Urban's flag."""
    text = standing.shown
    if standing.year is not None:
        text += f" in {standing.year}"
    if standing.quality is not None:
        text += f"; {standing.quality.label.lower()} data"
    return text


def standing_sentence(standing: Standing, places: str) -> str:
    """ "Share with debt in collections: 31.2% in 2023; strong data; the 8th percentile among
    3,143 counties." One measure, as the terminal and the briefing say it."""
    if not standing.shown:
        return f"{standing.measure}: {standing.note or 'no value'}."
    if not standing.ranked:
        reason = f" ({standing.note})" if standing.note else ""
        return f"{standing.measure}: {value_words(standing)}; not ranked{reason}."
    return f"{standing.measure}: {value_words(standing)}; {percentile_words(standing, places)}."


def suggestion(community: CommunityStanding, area: str) -> str:
    """What Part 1's "What the data suggests" column says beside an area of concern."""
    standings = community.of_area(area)
    if not standings:
        return ""
    best = community.area_standing(area)
    if best is not None:
        where = percentile_words(best, community.places).removeprefix("the ")
        where = where[0].upper() + where[1:]
        lead = "Bottom quarter: " if best.is_weak else ""
        measure = lower_first(best.measure)
        return f"{lead}{where}, on {measure} ({value_words(best)})."
    shown = [s for s in standings if s.shown]
    if shown:
        return f"Not ranked: {shown[0].note or 'see the Mobility Metrics sheet'}."
    if all(not s.column for s in standings):
        return "Not in the Mobility Metrics file."
    return "No value in the file for this community (suppressed or not measured)."
