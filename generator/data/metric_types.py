"""What a metric declaration is made of: units to show values in, measures, metrics.

:mod:`generator.data.metrics_dictionary` declares Urban's 26 metrics with these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.plan.standing import Direction


@dataclass(frozen=True)
class Unit:
    """How a value is shown: scaled, rounded, with words around it."""

    scale: float = 1.0
    decimals: int = 0
    prefix: str = ""
    suffix: str = ""
    #: Urban writes some values as two shares, "0.190:0.272"; shown as both percentages.
    two_shares: str = ""

    def show(self, value: float) -> str:
        return f"{self.prefix}{value * self.scale:,.{self.decimals}f}{self.suffix}"


SHARE = Unit(100, 1, suffix="%")
PER_100 = Unit(100, 0, suffix=" per 100")
PER_10K = Unit(1, 1, suffix=" per 10,000")
PER_100K = Unit(1, 0, suffix=" per 100,000")
DOLLARS = Unit(1, 0, prefix="$")
RATIO = Unit(1, 2)
INDEX = Unit(1, 0, suffix=" of 100")
GRADES = Unit(1, 2, suffix=" grades a year")
PEOPLE = Unit(1, 0, suffix=" people")
WEALTH_SHARES = Unit(two_shares="{0} : {1}")


@dataclass(frozen=True)
class Measure:
    """One value of a metric, under each name Urban's releases gave it (newest first)."""

    label: str
    columns: tuple[str, ...]
    quality: tuple[str, ...] = ()
    unit: Unit = SHARE
    direction: Direction | None = None  # when it differs from its metric's


class Summary(StrEnum):
    """Which measure speaks for a metric."""

    FIRST = "first"  # the first measure with a value (the declared order is the headline order)
    WEAKEST = "weakest"  # the weakest group, for metrics measured group by group


@dataclass(frozen=True)
class Metric:
    area: str  # the worksheet's area of concern, word for word
    name: str
    measures: tuple[Measure, ...]
    direction: Direction
    why: str  # Urban's words for which way is better, or why it is not ranked
    summary: Summary = Summary.FIRST
    caution: str = ""  # said beside every value of the metric

    def direction_of(self, measure: Measure) -> Direction:
        return measure.direction or self.direction


def by_group(
    template: str, prefix: str, suffix: str, old: str = "", unit: Unit = SHARE
) -> tuple[Measure, ...]:
    """One measure per racial or ethnic group, as Urban splits a few metrics."""
    groups = (
        ("Black, non-Hispanic", "black_nh"),
        ("Hispanic", "hispanic"),
        ("Other races and ethnicities, non-Hispanic", "other_nh"),
        ("White, non-Hispanic", "white_nh"),
    )
    return tuple(
        Measure(
            template.format(group=label),
            (f"{prefix}{key}{suffix}",) + ((f"{key}{old}",) if old else ()),
            unit=unit,
        )
        for label, key in groups
    )
