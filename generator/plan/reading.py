"""What reading a workbook gives: the plan, where each answer was, and what could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.cells import column_letter
from generator.common.english import shorten
from generator.common.errors import WorkbookError
from generator.common.matching import Matcher
from generator.plan.findings import Finding, Severity
from generator.plan.model import CoalitionPlan, Source
from generator.worksheet import PART1_SHEET, Table
from generator.worksheet.limits import LIMITS

#: How far down a sheet the reader looks for its heading row.
HEADER_SEARCH_ROWS = 25


#: How much of a value a finding quotes, and how long its message may be: a cell holds up to
#: 32,767 characters, and a finding is read in a terminal and a spreadsheet row.
VALUE_LIMIT = 200


MESSAGE_LIMIT = 500


#: The code of a value longer than a spreadsheet cell can hold.
TOO_LONG = "too-long"
#: What the reader reports about values it could not read, which therefore are not in the plan
#: (and so not in a merged or upgraded workbook either).
UNREAD_CODES = frozenset(
    {
        "not-a-mark",
        "mark-on-heading",
        "formula-not-calculated",
        "spreadsheet-error",
        "outside-answers",
        "unknown-option",
    }
)


_LONG_QUOTE = re.compile(f"\u201c([^\u201d]{{{VALUE_LIMIT}}})[^\u201d]+\u201d")


@dataclass
class TableMap:
    """Where one table's answers are on its sheet, as found by their headings."""

    table: Table
    sheet: str  # the sheet's actual title
    first_data_row: int
    columns: dict[str, list[int]] = field(default_factory=dict)  # field -> sheet columns
    options: dict[int, str] = field(default_factory=dict)  # mark column -> option
    headings: dict[int, str] = field(default_factory=dict)  # sheet column -> heading shown
    extras: dict[int, str] = field(default_factory=dict)  # columns of the user's own

    def cell(self, field_name: str, row: int) -> str:
        columns = self.columns.get(field_name)
        if not columns:
            return ""
        return f"{column_letter(columns[0])}{row}"


@dataclass(frozen=True)
class Part1Answer:
    """One option row of Part 1 as read: chosen or not, what is written beside it, and where."""

    checklist: str  # "groups" | "areas" | "assets"
    option: str  # as the vocabulary spells it
    chosen: bool
    details: str
    row: int
    mark_column: int
    details_column: int

    @property
    def mark_cell(self) -> str:
        return f"{column_letter(self.mark_column)}{self.row}"

    @property
    def details_cell(self) -> str:
        return f"{column_letter(self.details_column)}{self.row}"


@dataclass
class Reading:
    """A workbook read: the plan, the findings so far, and where everything was."""

    path: Path
    plan: CoalitionPlan
    findings: list[Finding] = field(default_factory=list)
    tables: dict[str, TableMap] = field(default_factory=dict)  # by Table.key
    part1_sheet: str = PART1_SHEET
    #: Every option row of Part 1 the reader recognised, chosen or not.
    part1: list[Part1Answer] = field(default_factory=list)
    #: Near misses and "did you mean" for the whole workbook, reading and checks, on one budget.
    matcher: Matcher = field(default_factory=lambda: Matcher(LIMITS.max_match_work))
    #: Values longer than a cell can hold, as (sheet, cell, length), in the order read.
    too_long: list[tuple[str, str, int]] = field(default_factory=list)
    #: Answer cells whose value could not be read (a spreadsheet error, a formula never
    #: calculated, something in a mark cell that is no mark), as (sheet, cell): each already has
    #: its finding, so the checks do not add "missing" ones on top.
    unread: set[tuple[str, str]] = field(default_factory=set)
    #: Rows read as empty although they held something (unticked checkboxes, "No" or the
    #: default status filled down), by sheet.
    blank_rows: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def is_unread(self, sheet: str, cell: str) -> bool:
        """Whether the reader already reported this cell as unreadable."""
        return (sheet, cell) in self.unread

    def cell_of(self, table: Table, field_name: str, source: Source | None) -> str:
        if source is None or table.key not in self.tables:
            return ""
        return self.tables[table.key].cell(field_name, source.row)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        sheet: str = "",
        cell: str = "",
        column: str = "",
        value: str = "",
        suggestion: str = "",
    ) -> None:
        self.findings.append(
            Finding(
                severity,
                code,
                _brief(message),
                sheet=sheet,
                cell=cell,
                column=column,
                value=value[:VALUE_LIMIT],
                suggestion=_brief(suggestion),
                file=str(self.path),
            )
        )

    def add_too_long(self, sheet: str, cell: str, text: str, column: str = "") -> None:
        """A value longer than a spreadsheet cell can hold: an error at its cell, and remembered
        so that nothing writes it anywhere (see :meth:`refuse_too_long`)."""
        self.too_long.append((sheet, cell, len(text)))
        self.add(
            Severity.ERROR,
            TOO_LONG,
            f"This value is {len(text):,} characters long, more than the "
            f"{LIMITS.max_cell_text:,} a spreadsheet cell can hold; Excel would cut it short.",
            sheet=sheet,
            cell=cell,
            column=column,
            value=text,
            suggestion="Shorten it, or keep the long text in a document of its own.",
        )

    def refuse_too_long(self, consequence: str) -> None:
        """Raise WorkbookError, naming the first value longer than a cell can hold, if any.

        Commands that write from a plan call this even with --allow-errors: a workbook cannot
        hold such a value without cutting it, and a document would carry it without bound.
        """
        if not self.too_long:
            return
        sheet, cell, length = self.too_long[0]
        others = len(self.too_long) - 1
        more = f" (and {others} other cell{'s' if others > 1 else ''})" if others else ""
        raise WorkbookError(
            f"{sheet}!{cell}{more} holds {length:,} characters, more than the "
            f"{LIMITS.max_cell_text:,} a spreadsheet cell can hold, so {consequence}; shorten "
            "it and try again.",
            self.path,
        )


def _brief(text: str) -> str:
    """One line, even when it quotes a value that spans several; a pasted page by its start."""
    text = _LONG_QUOTE.sub("\u201c\\1\u2026\u201d", " ".join(text.split()))
    return shorten(text, MESSAGE_LIMIT)
