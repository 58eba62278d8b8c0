"""Where copies disagree: each conflict with every value and the files it came from.

The merged workbook keeps the first file's value; :func:`format_conflicts` lists them all for
the terminal and :func:`write_conflicts_sheet` on a Conflicts sheet that opens first, each cell
in question tinted and explained in a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from generator.common.english import counted, shorten
from generator.common.text import cell_text
from generator.excel.styles import (
    BAND_FILL,
    ERROR_FILL,
    HEADING_FILL,
    HEADING_FONT,
    WRAP_TOP,
    fit_row,
    put_text,
)
from generator.merging.answers import EXTRA_PREFIX, KIND_FIELD
from generator.plan.model import CoalitionPlan, records_of, table_of
from generator.worksheet import FIRST_DATA_ROW, INSTRUCTIONS_SHEET
from generator.worksheet.placement import place_part1, place_table

CONFLICTS_SHEET = "Conflicts"


@dataclass(frozen=True)
class Origin:
    """Where one value was read: a file (by its label), a sheet and a row."""

    file: str
    sheet: str
    row: int = 0

    def describe(self, sheet: str = "") -> str:
        """Like "a.xlsx (row 5)", naming the sheet too when it is not the conflict's own."""
        if not self.row:
            return self.file
        if self.sheet and self.sheet != sheet:
            return f"{self.file} ({self.sheet}, row {self.row})"
        return f"{self.file} (row {self.row})"


@dataclass
class Value:
    """One of the values a conflict offers, with every place it was read."""

    text: str
    origins: list[Origin] = field(default_factory=list)


@dataclass
class Conflict:
    """Copies that disagree on one answer. ``values[0]`` is the one kept in the merged workbook."""

    sheet: str  # where the answer sits in the merged workbook
    record: str  # the organization, invitee or Part 1 option
    field: str  # the heading of the answer
    values: list[Value]
    field_name: str = ""  # the model's attribute, "kind", or "extra:<folded heading>"
    cell: str = ""  # the kept value's cell in the merged workbook, once written
    target: Any = None  # the merged record (or Part 1 / community marker) it belongs to
    scope: tuple[str, str] = ("", "")  # (part, folded record key), as :func:`answers` names it

    @property
    def kept(self) -> Value:
        return self.values[0]


CONFLICT_HEADINGS = ("#", "Where", "Record", "Answer", "Value", "From", "In the merged workbook")


CONFLICT_WIDTHS = (5, 22, 34, 30, 44, 40, 14)


KEPT = "kept"


AUTHOR = "coalition merge"


def locate(conflict: Conflict, plan: CoalitionPlan, workbook: Workbook) -> str:
    """The cell of the merged workbook that holds the conflict's kept value."""
    target = conflict.target
    if target == "community":
        sheet = workbook[INSTRUCTIONS_SHEET]
        for row in range(1, 20):
            if cell_text(sheet.cell(row, 1).value) == "Community":
                return f"B{row}"
        return ""
    if isinstance(target, tuple) and target[0] == "part1":
        return f"C{place_part1(plan.vocabulary).row_of(target[1], target[2])}"
    table = table_of(target)
    records = records_of(plan, table)
    index = next(i for i, record in enumerate(records) if record is target)
    name = conflict.field_name
    if name == KIND_FIELD:
        name = table.key_column.field
    elif name.startswith(EXTRA_PREFIX):
        name = "notes"
    placed = next(p for p in place_table(table, plan.vocabulary) if p.column_field == name)
    return f"{placed.letter}{FIRST_DATA_ROW + index}"


def flag_cells(workbook: Workbook, conflicts: list[Conflict]) -> None:
    """Colour each disputed cell and say, in a comment, what the other copies said."""
    notes: dict[tuple[str, str], list[str]] = {}
    for conflict in conflicts:
        if not conflict.cell:
            continue
        kept = conflict.kept

        def brief(text: str) -> str:
            return shorten(text, 120, one_line=True)

        lines = [
            f"{conflict.field}: copies disagree. Kept \u201c{brief(kept.text)}\u201d from "
            f"{', '.join(o.file for o in kept.origins)}."
        ]
        lines.extend(
            f"{', '.join(o.file for o in value.origins)}: \u201c{brief(value.text)}\u201d"
            for value in conflict.values[1:]
        )
        notes.setdefault((conflict.sheet, conflict.cell), []).append("\n".join(lines))
    for (sheet_name, coordinate), texts in notes.items():
        cell = workbook[sheet_name][coordinate]
        cell.fill = ERROR_FILL
        comment = Comment("\n\n".join([*texts, f"See the {CONFLICTS_SHEET} sheet."]), AUTHOR)
        comment.width, comment.height = 360, 160
        cell.comment = comment


def write_conflicts_sheet(workbook: Workbook, conflicts: list[Conflict], labels: list[str]) -> None:
    # The writer's own look and its row fitting: no program fits rows that openpyxl wrote.

    sheet = workbook.create_sheet(CONFLICTS_SHEET, 0)
    title = sheet.cell(1, 1)
    put_text(title, f"coalition merge: {counted(len(conflicts), 'conflict')} between the copies")
    title.font = Font(name="Calibri", bold=True, size=14, color="1F3864")
    explanation = sheet.cell(2, 1)
    put_text(
        explanation,
        "Merged from, in this order: "
        + ", ".join(labels)
        + ". Where copies disagree, the merged workbook keeps the value of the first file that "
        "has one (an organization listed as existing in one copy and potential in another stays "
        "existing); each row below is one value and the files it came from. Decide, correct the "
        "cell (the link in Where goes there), then delete this sheet.",
    )
    explanation.alignment = WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(CONFLICT_HEADINGS))
    sheet.row_dimensions[2].height = 48
    heading_row = 4
    for column, (text, width) in enumerate(
        zip(CONFLICT_HEADINGS, CONFLICT_WIDTHS, strict=True), start=1
    ):
        cell = sheet.cell(heading_row, column, text)
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[heading_row].height = 32
    row = heading_row + 1
    for number, conflict in enumerate(conflicts, start=1):
        band = BAND_FILL if number % 2 == 0 else None
        for position, value in enumerate(conflict.values):
            texts = (
                _where(conflict),
                conflict.record,
                conflict.field,
                value.text,
                "; ".join(o.describe(conflict.sheet) for o in value.origins),
                KEPT if position == 0 else "",
            )
            sheet.cell(row, 1, number)
            for column, text in enumerate(texts, start=2):
                put_text(sheet.cell(row, column), text)
            fit_row(sheet, row, list(zip(texts, CONFLICT_WIDTHS[1:], strict=True)))
            for column in range(1, len(CONFLICT_HEADINGS) + 1):
                cell = sheet.cell(row, column)
                cell.alignment = WRAP_TOP
                if band is not None:
                    cell.fill = band
            if conflict.cell and position == 0:
                link = sheet.cell(row, 2)
                # A location, not a "#..." target: an in-workbook link in every program.
                location = f"{quote_sheetname(conflict.sheet)}!{conflict.cell}"
                link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
                link.font = Font(name="Calibri", color="0563C1", underline="single")
            row += 1
    sheet.freeze_panes = f"A{heading_row + 1}"
    sheet.auto_filter.ref = f"A{heading_row}:G{row - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = other is sheet
    workbook.active = 0


def format_conflicts(conflicts: Sequence[Conflict], width: int = 100) -> list[str]:
    """The conflicts as terminal lines: where and what, then each value with its files."""
    lines: list[str] = []
    for conflict in conflicts:
        lines.append(f"  {_where(conflict)} \u00b7 {conflict.record} \u00b7 {conflict.field}")
        shown = [f"\u201c{text}\u201d" for text in _excerpts([v.text for v in conflict.values])]
        pad = max(len(text) for text in shown)
        for position, (value, text) in enumerate(zip(conflict.values, shown, strict=True)):
            mark = "kept" if position == 0 else "    "
            files = "from " + "; ".join(o.describe(conflict.sheet) for o in value.origins)
            line = f"      {mark}  {text.ljust(pad)}  {files}"
            if len(line) <= width:
                lines.append(line)
            else:  # a long value: its files on a line of their own
                lines.extend([f"      {mark}  {text}", f"            {files}"])
    return lines


def _excerpts(texts: list[str], limit: int = 70) -> list[str]:
    """Each value on one line, shortened so that where they differ still shows."""
    flat = [" / ".join(text.splitlines()) for text in texts]
    if all(len(text) <= limit for text in flat):
        return flat
    same = len(_common_prefix(flat))
    start = max(0, same - limit // 3) if same > limit // 2 else 0
    if start:  # begin at a word
        space = flat[0].find(" ", start)
        start = space + 1 if 0 <= space < same else start
    shown = []
    for text in flat:
        shown.append(("\u2026" if start else "") + shorten(text[start:], limit))
    return shown


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    pairs = zip(first, last, strict=False)  # the shorter one ends the comparison
    size = next((i for i, (a, b) in enumerate(pairs) if a != b), min(map(len, texts)))
    return first[:size]


def _where(conflict: Conflict) -> str:
    return f"{conflict.sheet}!{conflict.cell}" if conflict.cell else conflict.sheet
