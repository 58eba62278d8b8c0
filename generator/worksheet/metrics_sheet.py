"""The Mobility Metrics sheet and Part 1's "What the data suggests" column, declared once.

Neither is in the worksheet: they carry the community's own numbers from the Urban Institute's
Mobility Metrics (the data set of the Upward Mobility Framework whose 24 predictors are Part 1's
areas of concern) into the workbook, read-only, when ``coalition new-workbook --metrics`` makes
it. The writer lays the sheet out from these declarations and the reader finds its columns by
these headings, so that ``coalition report`` can say what the data says.
"""

from __future__ import annotations

from dataclasses import dataclass

METRICS_SHEET = "Mobility Metrics"

#: The heading of the column beside Part 1's options that says where the community stands.
SUGGESTS_HEADING = "What the data suggests"
SUGGESTS_WIDTH = 46


@dataclass(frozen=True)
class DataColumn:
    """One column of the Mobility Metrics table: a field of a standing and its heading."""

    field: str  # the attribute of :class:`~generator.plan.standing.Standing`
    heading: str
    width: float
    prompt: str = ""  # what the column means, written under the table


METRICS_COLUMNS: tuple[DataColumn, ...] = (
    DataColumn(
        "area", "Area of concern", 24, "The area of concern of Part 1 that the metric informs."
    ),
    DataColumn("metric", "Metric", 30),
    DataColumn("measure", "Measure", 34),
    DataColumn("shown", "Value", 17),
    DataColumn("year", "Year", 7),
    DataColumn(
        "percentile",
        "Percentile",
        11,
        "Where the community stands among the places with a value in the same year: 100 is the "
        "best, 0 the worst, in the direction that is better for the measure; ties share a place.",
    ),
    DataColumn("compared", "Places compared", 10, "How many places had a value that year."),
    DataColumn(
        "quality",
        "Data quality",
        11,
        "Urban's own flag for the value: Strong, Marginal or Weak (use a weak value with care).",
    ),
    DataColumn("direction", "Better when", 9, "Whether a higher or a lower value is better."),
    DataColumn("note", "Note", 40, "Why a value or a percentile is missing, or Urban's caution."),
    DataColumn(
        "headline",
        "Speaks for the metric",
        10,
        "Yes on the measure that stands for its metric (for metrics measured group by group: "
        "the group that stands weakest).",
    ),
    DataColumn(
        "column", "Variable in the file", 30, "The column of Urban's file it was read from."
    ),
    DataColumn("value", "Value in the file", 12, "The number as the file holds it."),
)

#: The columns printed: the ones for people (the rest say where each value came from).
PRINTED_COLUMNS = 10

#: The facts above the table, one per row: a label in column A, the fact in column B.
FACT_COMMUNITY = "Community"
FACT_FIPS = "FIPS code"
FACT_GEOGRAPHY = "Compared with"
FACT_SOURCE = "From the file"
FACTS: tuple[str, ...] = (FACT_COMMUNITY, FACT_FIPS, FACT_GEOGRAPHY, FACT_SOURCE)

#: What the Value column says where there is no value.
NOT_IN_FILE = "Not in the file"
NO_VALUE = "No value"

#: What the Better when column says for each direction.
DIRECTION_WORDS = {"higher": "Higher", "lower": "Lower", "none": "Not ranked"}
