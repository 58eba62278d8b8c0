"""The Mobility Metrics sheet read back, so that the briefing can say what the data says.

The sheet is optional and read-only; the reader finds its table by the declared headings, its
facts by their labels, and reads every row it can. Nothing on it is an answer, so nothing on it
stops a command: a sheet whose headings are gone is one warning, and the briefing then leaves the
data out.
"""

from __future__ import annotations

import math

from generator.common.matching import match_option
from generator.common.text import cell_text, fold
from generator.excel.reader.book import Book
from generator.excel.reader.grid import Grid
from generator.plan.findings import Severity
from generator.plan.reading import HEADER_SEARCH_ROWS, Reading
from generator.plan.standing import CommunityStanding, Direction, Quality, Standing
from generator.worksheet.metrics_sheet import (
    DIRECTION_WORDS,
    FACT_COMMUNITY,
    FACT_FIPS,
    FACT_GEOGRAPHY,
    FACT_NOTES,
    FACT_SOURCE,
    METRICS_COLUMNS,
    METRICS_SHEET,
    NO_VALUE,
    NOT_IN_FILE,
)

#: More rows than any Mobility Metrics file gives one community; the rest is not read.
MAX_ROWS = 500
_DIRECTIONS = {fold(words): Direction(key) for key, words in DIRECTION_WORDS.items()}
_PLACEHOLDERS = {fold(NOT_IN_FILE), fold(NO_VALUE)}


def read_metrics(reading: Reading, book: Book) -> None:
    """Put the sheet's standing on the plan, if the workbook has the sheet."""
    title = next((t for t in book.titles if fold(t) == fold(METRICS_SHEET)), None)
    if title is None:
        return
    grid = Grid(book.sheet(title))
    found = _headings(grid)
    if found is None:
        reading.add(
            Severity.WARNING,
            "metrics-unreadable",
            f"The {METRICS_SHEET} sheet has lost its headings, so its numbers were not read.",
            sheet=grid.title,
            suggestion="Make the workbook again with coalition new-workbook --metrics.",
        )
        return
    heading_row, columns = found
    facts = {fold(grid.text(row, 1)): grid.text(row, 2) for row in grid.rows if row < heading_row}
    standings = []
    # The table ends at its first blank row; what each column means is written below it.
    for expected, row in enumerate(grid.rows_from(heading_row + 1)[:MAX_ROWS], heading_row + 1):
        standing = _standing(grid, row, columns, reading) if row == expected else None
        if standing is None:
            break
        standings.append(standing)
    places = fold(facts.get(fold(FACT_GEOGRAPHY), ""))
    reading.plan.standing = CommunityStanding(
        name=facts.get(fold(FACT_COMMUNITY), ""),
        fips=facts.get(fold(FACT_FIPS), ""),
        geography="city" if places in ("cities", "city") else "county",
        source=facts.get(fold(FACT_SOURCE), ""),
        standings=tuple(standings),
        notes=tuple(line for line in facts.get(fold(FACT_NOTES), "").split("\n") if line),
    )


def _headings(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The heading row and the column of each field, when most headings are there."""
    wanted = {fold(column.heading): column.field for column in METRICS_COLUMNS}
    for row in grid.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        columns = {}
        for column in grid.by_row.get(row, []):
            field = wanted.get(fold(grid.text(row, column)))
            if field and field not in columns:
                columns[field] = column
        if {"area", "measure", "percentile"} <= set(columns):
            return row, columns
    return None


def _standing(grid: Grid, row: int, columns: dict[str, int], reading: Reading) -> Standing | None:
    def text(field: str) -> str:
        return grid.text(row, columns[field]) if field in columns else ""

    def number(field: str) -> float | None:
        raw = grid.value(row, columns[field]) if field in columns else None
        if isinstance(raw, bool) or raw in (None, ""):
            return None
        try:
            value = float(cell_text(raw).replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    area, measure = text("area"), text("measure")
    if not area and not measure:
        return None
    match = match_option(area, reading.plan.vocabulary.areas)
    shown = text("shown")
    value = number("value")
    if fold(shown) in _PLACEHOLDERS and value is None:
        shown = ""
    year = number("year")
    compared = number("compared")
    percentile = number("percentile")
    if percentile is not None and not 0 <= percentile <= 100:
        percentile = None
    return Standing(
        area=match.option if match.exact and match.option else area,
        metric=text("metric"),
        measure=measure,
        column=text("column"),
        value=value,
        shown=shown,
        year=int(year) if year is not None and abs(year) < 10_000 else None,
        percentile=percentile,
        compared=int(compared) if compared is not None and 0 <= compared < 10**7 else 0,
        direction=_DIRECTIONS.get(fold(text("direction")), Direction.NONE),
        quality=Quality.read(text("quality")),
        headline=fold(text("headline")) == "yes",
        note=text("note"),
    )
