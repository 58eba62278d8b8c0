"""What ``check`` finds: one problem, where it is, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the workbook says something wrong or unusable; reports and letters stop
    WARNING = "warning"  # worth a look; everything still runs


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # a stable identifier, e.g. "not-in-list"
    message: str  # one sentence
    sheet: str = ""
    cell: str = ""  # A1 reference; empty when the finding is about a whole sheet or workbook
    column: str = ""  # the heading of the column
    value: str = ""
    suggestion: str = ""
    file: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.file

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def sort_key(finding: Finding) -> tuple[Any, ...]:
    """Files, then sheets in workbook order, then cells in reading order."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    from .worksheet import INSTRUCTIONS_SHEET, PART1_SHEET, TABLES

    order = [INSTRUCTIONS_SHEET, PART1_SHEET, *(t.sheet for t in TABLES)]
    sheet_rank = order.index(finding.sheet) if finding.sheet in order else len(order)
    row = column = 0
    if finding.cell:
        letters, row = coordinate_from_string(finding.cell)
        column = column_index_from_string(letters)
    return (finding.file, sheet_rank, finding.sheet, row, column, finding.code)
