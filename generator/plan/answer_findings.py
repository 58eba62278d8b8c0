"""Findings about one answer of a record, for the checks: where the answer is, whether the
reader could read its cell, an answer left blank, an organization that is no partner."""

from __future__ import annotations

from collections.abc import Callable

from generator.plan.findings import Severity
from generator.plan.model import Source
from generator.plan.reading import Reading
from generator.worksheet import Table


def suggest_partner(reading: Reading) -> Callable[[str], str]:
    """ "Did you mean" among the partners' names, from the workbook's one budget of matching."""
    names = tuple(p.name for p in reading.plan.partners if p.name)
    return lambda text: reading.matcher.suggest(text, names)


def not_a_partner(
    reading: Reading,
    code: str,
    name: str,
    whose: str,
    suggest: Callable[[str], str],
    where: dict[str, str],
) -> None:
    """An organization named in Part 4 or 5 that is in neither Part 2 nor Part 3; ``whose``
    follows its name in the message (" (Pat Reyes)")."""
    reading.add(
        Severity.ERROR,
        code,
        f"{name}{whose} is not in Part 2 or Part 3.",
        value=name,
        suggestion=suggest(name) or "Add the organization to Part 2 or Part 3 first.",
        **where,
    )


def report_missing(
    reading: Reading,
    where: dict[str, str],
    severity: Severity,
    code: str,
    message: str,
    suggestion: str,
) -> None:
    """A finding for an answer left blank, unless the reader could not read its cell (that
    cell has its own finding)."""
    if not unread(reading, where):
        reading.add(severity, code, message, suggestion=suggestion, **where)


def unread(reading: Reading, where: dict[str, str]) -> bool:
    """Whether the reader already reported this answer's cell as unreadable: an answer it could
    not read is not a missing one."""
    return reading.is_unread(where["sheet"], where["cell"])


def where_of(
    reading: Reading, table: Table, field_name: str, source: Source | None
) -> dict[str, str]:
    """The sheet, cell and column heading of one answer of a record, for a finding."""
    return {
        "sheet": source.sheet if source else table.sheet,
        "cell": reading.cell_of(table, field_name, source),
        "column": table.column(field_name).heading,
    }
