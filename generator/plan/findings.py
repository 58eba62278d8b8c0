"""What ``check`` finds: one problem, where it is, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from generator.common.english import counted


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
    from generator.common.cells import cell_position
    from generator.worksheet import INSTRUCTIONS_SHEET, PART1_SHEET, TABLES

    order = [INSTRUCTIONS_SHEET, PART1_SHEET, *(t.sheet for t in TABLES)]
    sheet_rank = order.index(finding.sheet) if finding.sheet in order else len(order)
    row = column = 0
    if finding.cell:
        row, column = cell_position(finding.cell)
    return (finding.file, sheet_rank, finding.sheet, row, column, finding.code)


def summary(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"


def format_text(findings: list[Finding], *, width: int = 100) -> list[tuple[str, str | None]]:
    """Findings as lines for a terminal, each with the colour its severity suggests.

    A finding is one line (severity, Sheet!Cell, message) and, indented beneath it, its
    suggestion; long lines are wrapped to ``width``.
    """
    import textwrap

    lines: list[tuple[str, str | None]] = []
    place_width = min(max((len(f.where) for f in findings), default=0), 32)
    indent = " " * (2 + 7 + 2 + place_width + 2)
    for finding in findings:
        colour = "red" if finding.is_error else "yellow"
        head = f"  {finding.severity.value:<7}  {finding.where:<{place_width}}  "
        message = finding.message
        if finding.value and finding.value not in message:
            message += f" (value: \u201c{finding.value}\u201d)"
        wrapped = textwrap.wrap(message, max(width - len(indent), 30)) or [""]
        lines.append((head + wrapped[0], colour))
        lines.extend((indent + more, None) for more in wrapped[1:])
        if finding.suggestion:
            for number, part in enumerate(
                textwrap.wrap(finding.suggestion, max(width - len(indent) - 2, 30))
            ):
                lines.append((indent + ("\u2192 " if number == 0 else "  ") + part, "cyan"))
    return lines
