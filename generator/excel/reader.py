"""Read a completed workbook into a :class:`~generator.plan.model.CoalitionPlan`.

This is the only module that reads workbooks. It trusts headings, not positions: people insert,
move, sort and add columns and rows, merge cells, re-save in LibreOffice or export from Google
Sheets. What it cannot make sense of becomes a finding at a cell, never an exception, unless the
file is not a workbook of this layout at all (then :class:`~generator.common.errors.WorkbookError`).
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.errors import LayoutVersionError, WorkbookError
from generator.common.text import cell_text, fold, split_values
from generator.excel.safety import inspect_workbook
from generator.plan.findings import Finding, Severity
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
    Source,
)
from generator.worksheet import (
    CHECKLISTS,
    DEFAULT_VOCABULARY,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    LISTS,
    LISTS_SHEET,
    META_SHEET,
    OLDEST_READABLE_VERSION,
    PART1_HEADINGS,
    PART1_SHEET,
    PART2,
    PART3,
    PART4,
    PART5,
    PILLAR_HEADING,
    TABLES,
    VERSION_NAME,
    Column,
    Kind,
    Table,
    Vocabulary,
)
from generator.worksheet.marks import is_mark, is_unmark

#: How far down a sheet the reader looks for its heading row.
HEADER_SEARCH_ROWS = 25
#: How alike a typed answer must be to an option to be read as that option (with a warning).
AUTO_MATCH = 0.9
SUGGEST_MATCH = 0.6
#: How much of a value a finding quotes, and how long its message may be: a cell holds up to
#: 32,767 characters, and a finding is read in a terminal and a spreadsheet row.
VALUE_LIMIT = 200
MESSAGE_LIMIT = 500
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
        return f"{get_column_letter(columns[0])}{row}"


@dataclass
class Reading:
    """A workbook read: the plan, the findings so far, and where everything was."""

    path: Path
    plan: CoalitionPlan
    findings: list[Finding] = field(default_factory=list)
    tables: dict[str, TableMap] = field(default_factory=dict)  # by Table.key
    part1_sheet: str = PART1_SHEET
    part1_cells: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

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


def _brief(text: str) -> str:
    """One line, even when it quotes a value that spans several; a pasted page by its start."""
    text = _LONG_QUOTE.sub("\u201c\\1\u2026\u201d", " ".join(text.split()))
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "\u2026"


def read_workbook(path: Path) -> Reading:
    """Read ``path``; raise :class:`WorkbookError` only if it is not a readable workbook."""
    path = Path(path)
    inspect_workbook(path)
    return read_opened(path, open_workbook(path))


def read_opened(path: Path, workbook: Workbook) -> Reading:
    """Read a workbook already inspected and opened from ``path`` (see :func:`open_workbook`)."""
    version = _layout_version(path, workbook)
    vocabulary = _vocabulary(workbook)
    plan = CoalitionPlan(
        community=_community(workbook),
        layout_version=version,
        path=path,
        vocabulary=vocabulary,
    )
    reading = Reading(path, plan)
    if version == 0:
        reading.add(
            Severity.WARNING,
            "no-version",
            f"The workbook does not say which layout version it follows; read as version "
            f"{LAYOUT_VERSION}.",
            suggestion="Start new workbooks with coalition new-workbook.",
        )
        plan.layout_version = LAYOUT_VERSION
    _read_part1(reading, Grid(_sheet(path, workbook, PART1_SHEET, "Part 1")))
    for table in TABLES:
        grid = Grid(_sheet(path, workbook, table.sheet, table.part))
        table_map = _map_table(path, grid, table, vocabulary, reading)
        reading.tables[table.key] = table_map
        _read_rows(reading, grid, table_map)
    return reading


# --- Opening ------------------------------------------------------------------------------------


def open_workbook(path: Path) -> Workbook:
    """openpyxl's workbook of cell values; any parse failure is one sentence naming the file."""
    try:
        with warnings.catch_warnings():
            # Unknown extensions (slicers, Excel's own validation blocks) are dropped on load;
            # everything the reader needs is in the core parts.
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True, keep_links=False)
    except WorkbookError:
        raise
    except Exception as error:  # openpyxl raises many types for malformed parts
        if _refused_by_defusedxml(error):
            raise WorkbookError(
                "contains XML entity declarations and was refused unread.", path
            ) from None
        detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
        detail = detail.replace(str(path), "the file")[:160]
        raise WorkbookError(
            f"is not a readable Excel workbook ({type(error).__name__}: {detail}).", path
        ) from None


def _refused_by_defusedxml(error: BaseException | None) -> bool:
    """Whether defusedxml refused an entity somewhere in this chain of exceptions."""
    from defusedxml import DefusedXmlException

    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _sheet(path: Path, workbook: Workbook, title: str, part: str) -> Worksheet:
    """The sheet of that title, forgiving case and spacing, or the one that starts with the part."""
    by_fold = {fold(ws.title): ws for ws in workbook.worksheets}
    found = by_fold.get(fold(title))
    if found is None:
        prefix = fold(part)  # "part 3" finds "PART 3" and "Part 3, new", never "Part 30"
        starts = [
            ws
            for key, ws in by_fold.items()
            if key.startswith(prefix) and not key[len(prefix) : len(prefix) + 1].isdigit()
        ]
        found = starts[0] if len(starts) == 1 else None
    if found is None:
        raise WorkbookError(
            f"has no sheet {title!r}; is it a workbook made by coalition new-workbook? "
            f"(sheets found: {', '.join(workbook.sheetnames)}).",
            path,
        )
    return found


def declared_version(workbook: Workbook, path: Path) -> int:
    """The layout version the workbook declares: its defined name, else the hidden sheet.

    0 when neither says. Any version is returned; :func:`_layout_version` decides what the
    reader accepts, and the upgrade reads older ones through this.
    """
    raw: Any = None
    name = workbook.defined_names.get(VERSION_NAME)
    if name is not None:
        raw = (name.attr_text or "").strip().lstrip("=").strip('"')
    if not raw and META_SHEET in workbook.sheetnames:
        raw = workbook[META_SHEET]["B1"].value
    if raw in (None, ""):
        return 0
    try:
        version = float(str(raw))
    except ValueError:
        version = math.nan
    if not (math.isfinite(version) and version >= 0):  # "inf" parses, and int() then raises
        raise WorkbookError(f"has an unreadable layout version {raw!r}.", path)
    return int(version)


def newer_version_error(version: int, path: Path) -> LayoutVersionError:
    return LayoutVersionError(
        f"was made with layout version {version}, newer than this coalition tool reads "
        f"(up to {LAYOUT_VERSION}); upgrade the tool with pip install --upgrade coalition.",
        path,
    )


def _layout_version(path: Path, workbook: Workbook) -> int:
    version = declared_version(workbook, path)
    if version > LAYOUT_VERSION:
        raise newer_version_error(version, path)
    if 0 < version < OLDEST_READABLE_VERSION:
        raise LayoutVersionError(
            f"uses layout version {version}, older than this tool reads directly (from "
            f"{OLDEST_READABLE_VERSION}); run coalition upgrade on it first.",
            path,
        )
    return version


def _community(workbook: Workbook) -> str:
    if INSTRUCTIONS_SHEET in workbook.sheetnames:
        sheet = workbook[INSTRUCTIONS_SHEET]
        for row in sheet.iter_rows(min_row=1, max_row=12, max_col=2):
            if fold(cell_text(row[0].value)) == "community" and len(row) > 1:
                text = cell_text(row[1].value)
                if text:
                    return text
    if META_SHEET in workbook.sheetnames:
        return cell_text(workbook[META_SHEET]["B2"].value)
    return ""


def _vocabulary(workbook: Workbook) -> Vocabulary:
    """The option lists this workbook's dropdowns use: its Lists sheet, behind the defined names."""
    if LISTS_SHEET not in workbook.sheetnames:
        return DEFAULT_VOCABULARY
    values: dict[str, tuple[str, ...]] = {}
    pillars_by_area: dict[str, str] = {}
    for spec in LISTS:
        cells = _named_cells(workbook, spec.name)
        options = tuple(dict.fromkeys(t for c in cells if (t := cell_text(c.value))))
        if options:
            values[spec.key] = options
        if spec.key == "areas" and cells:
            # The pillar of each area stands beside it, under a "Pillar" heading just above.
            top = min(cells, key=lambda c: c.row)
            header = cell_text(top.parent.cell(max(top.row - 1, 1), top.column + 1).value)
            if fold(header) == fold(PILLAR_HEADING):
                for cell in cells:
                    pillar = cell_text(cell.parent.cell(cell.row, cell.column + 1).value)
                    if cell_text(cell.value) and pillar:
                        pillars_by_area[cell_text(cell.value)] = pillar
    defaults = DEFAULT_VOCABULARY
    pillars = dict(defaults.pillars)
    if "areas" in values:
        pillars = {}
        for area in values["areas"]:
            pillar = pillars_by_area.get(area) or defaults.pillar_of(area) or "Other areas"
            pillars.setdefault(pillar, ())
            pillars[pillar] = (*pillars[pillar], area)
    other = defaults.other
    groups = values.get("groups", defaults.groups)
    if defaults.other not in groups and groups and groups[-1] not in defaults.groups:
        other = groups[-1]  # "Other" renamed by the coalition; it stays the last option
    return Vocabulary(
        groups=groups,
        pillars=pillars,
        assets=values.get("assets", defaults.assets),
        organization_types=values.get("organization_types", defaults.organization_types),
        statuses=defaults.statuses,
        other=other,
    )


def _named_cells(workbook: Workbook, name: str) -> list[Any]:
    defined = workbook.defined_names.get(name)
    if defined is None:
        return []
    cells: list[Any] = []
    try:
        for title, ref in defined.destinations:
            if title not in workbook.sheetnames:
                continue
            low_col, low_row, high_col, high_row = range_boundaries(ref.replace("$", ""))
            # Only the cells the sheet holds: a name may cover a whole column or the whole sheet,
            # and asking openpyxl for the range would create every empty cell in it.
            cells.extend(
                cell
                for (row, column), cell in sorted(workbook[title]._cells.items())
                if (low_row or 1) <= row <= (high_row or row)
                and (low_col or 1) <= column <= (high_col or column)
            )
    except (ValueError, KeyError, TypeError):
        return []
    return cells


# --- Matching answers to options ----------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    option: str | None  # the canonical option, when read as one
    exact: bool
    suggestion: str = ""


def match_option(text: str, options: Iterable[str]) -> Match:
    """Read a typed answer as an option: exactly (ignoring case, spacing, quotes) or nearly."""
    options = list(options)
    by_fold = {fold(o): o for o in options}
    key = fold(text)
    if key in by_fold:
        return Match(by_fold[key], True)
    close = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=SUGGEST_MATCH)
    if not close:
        return Match(None, False)
    ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
    if ratio >= AUTO_MATCH:
        return Match(by_fold[close[0]], False, by_fold[close[0]])
    return Match(None, False, by_fold[close[0]])


def did_you_mean(text: str, options: Iterable[str]) -> str:
    match = match_option(text, options)
    return f"Did you mean \u201c{match.suggestion}\u201d?" if match.suggestion else ""


# --- Part 1 -------------------------------------------------------------------------------------


def _read_part1(reading: Reading, grid: Grid) -> None:
    vocabulary = reading.plan.vocabulary
    reading.part1_sheet = grid.title
    mark_col, details_col = _part1_columns(grid)
    questions = {fold(c.question): c.key for c in CHECKLISTS}
    current: str | None = None
    needs = Needs()
    pillars = {fold(p) for p in vocabulary.pillars}
    for row in grid.rows:
        label = grid.text(row, 1)
        if not label:
            continue
        key = fold(label)
        question = _question(key, questions)
        if question is not None:
            current = question
            continue
        if current is None or key in pillars:
            continue
        grid.report_error(reading, row, mark_col, PART1_HEADINGS[1])
        grid.report_error(reading, row, details_col, PART1_HEADINGS[2])
        raw_mark = grid.value(row, mark_col)
        details = grid.text(row, details_col)
        where = f"{get_column_letter(mark_col)}{row}"
        if raw_mark in (None, "") or is_unmark(raw_mark):
            if details:
                reading.add(
                    Severity.WARNING,
                    "details-not-chosen",
                    f"Details are written for \u201c{label}\u201d, but it is not chosen.",
                    sheet=grid.title,
                    cell=f"{get_column_letter(details_col)}{row}",
                    column=PART1_HEADINGS[2],
                    value=details,
                    suggestion=f"Choose Yes in {get_column_letter(mark_col)}{row}, or clear "
                    "the details.",
                )
            continue
        if not is_mark(raw_mark):
            reading.add(
                Severity.WARNING,
                "not-a-mark",
                f"\u201c{cell_text(raw_mark)}\u201d is not a mark; read as chosen.",
                sheet=grid.title,
                cell=where,
                column=PART1_HEADINGS[1],
                value=cell_text(raw_mark),
                suggestion="Choose Yes from the dropdown, or clear the cell.",
            )
        options = vocabulary.options(current)
        match = match_option(label, options)
        if match.option is None:
            reading.add(
                Severity.ERROR,
                "unknown-option",
                f"\u201c{label}\u201d is not an option of this question.",
                sheet=grid.title,
                cell=f"A{row}",
                column=PART1_HEADINGS[0],
                value=label,
                suggestion=did_you_mean(label, options)
                or "Restore the option's wording, or add it to the Lists sheet.",
            )
            continue
        reading.part1_cells[(current, match.option)] = (row, mark_col)
        chosen: list[Choice] = getattr(needs, current)
        if all(c.label != match.option for c in chosen):
            chosen.append(Choice(match.option, details))
    # Keep the worksheet's order, whatever order the rows were in.
    for checklist in CHECKLISTS:
        order = {o: i for i, o in enumerate(vocabulary.options(checklist.key))}
        getattr(needs, checklist.key).sort(key=lambda c: order.get(c.label, len(order)))
    reading.plan.needs = needs


def _question(key: str, questions: dict[str, str]) -> str | None:
    """The checklist a row's text asks, also when its wording was shortened or edited."""
    if key in questions:
        return questions[key]
    for question, checklist in questions.items():
        if key.startswith(question[:40]):
            return checklist
    return None


def _part1_columns(grid: Grid) -> tuple[int, int]:
    """The mark and details columns, by their headings; B and C when not found."""
    wanted = {fold(PART1_HEADINGS[1]): "mark", fold(PART1_HEADINGS[2]): "details"}
    found: dict[str, int] = {}
    for row in grid.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        for column in grid.columns:
            role = wanted.get(fold(grid.text(row, column)))
            if role and role not in found:
                found[role] = column
    return found.get("mark", 2), found.get("details", 3)


# --- Tables: finding columns by their headings --------------------------------------------------


def _names(column: Column) -> set[str]:
    return {fold(column.heading), *(fold(a) for a in column.aliases)}


def _map_table(
    path: Path, grid: Grid, table: Table, vocabulary: Vocabulary, reading: Reading
) -> TableMap:
    top = _heading_row(grid, table)
    if top is None:
        raise WorkbookError(
            f"sheet {grid.title!r} has no {table.key_column.heading!r} heading in its first "
            f"{HEADER_SEARCH_ROWS} rows.",
            path,
        )
    width = grid.max_column
    upper = [grid.text(top, c) for c in range(1, width + 1)]
    lower = [grid.text(top + 1, c) for c in range(1, width + 1)]
    two_rows = _is_second_heading_row(table, upper, lower)
    table_map = TableMap(table, grid.title, top + (2 if two_rows else 1))
    mark_columns = {name: c for c in table.columns if c.kind is Kind.MARKS for name in _names(c)}
    plain_columns = {
        name: c for c in table.columns if c.kind is not Kind.MARKS for name in _names(c)
    }
    group = ""
    for index in range(width):
        up, low = upper[index], lower[index] if two_rows else ""
        if up:
            group = up
        elif not low:
            continue
        column_index = index + 1
        heading = low if low and low != up else up
        marks = mark_columns.get(fold(group)) if low and low != up else None
        if marks is not None:
            assert marks.list_key is not None
            match = match_option(low, vocabulary.options(marks.list_key))
            option = match.option or low
            table_map.columns.setdefault(marks.field, []).append(column_index)
            table_map.options[column_index] = option
            table_map.headings[column_index] = f"{marks.heading}: {option}"
            if match.option is None:
                reading.add(
                    Severity.WARNING,
                    "unknown-option-column",
                    f"Column \u201c{low}\u201d under \u201c{marks.heading}\u201d is not an option "
                    "of its list; its marks are read as that text.",
                    sheet=grid.title,
                    cell=f"{get_column_letter(column_index)}{top + 1}",
                    column=marks.heading,
                    value=low,
                    suggestion=did_you_mean(low, vocabulary.options(marks.list_key)),
                )
            continue
        declared = plain_columns.get(fold(heading)) or mark_columns.get(fold(heading))
        if declared is None or declared.field in table_map.columns:
            # A column of the user's own (or a repeated heading): carried along, not checked,
            # so that a merge or an upgrade keeps what was written in it.
            table_map.extras[column_index] = heading
            continue
        table_map.columns[declared.field] = [column_index]
        table_map.headings[column_index] = declared.heading
    for column in table.columns:
        if column.field in table_map.columns:
            continue
        if column.required:
            raise WorkbookError(
                f"sheet {grid.title!r} has no {column.heading!r} column (looked for its "
                f"heading in rows {top}-{top + 1}).",
                path,
            )
    return table_map


def _heading_row(grid: Grid, table: Table) -> int | None:
    names = _names(table.key_column)
    for row in grid.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        for column in grid.columns:
            if fold(grid.text(row, column)) in names:
                return row
    return None


def _is_second_heading_row(table: Table, upper: list[str], lower: list[str]) -> bool:
    """Whether the row under the headings holds sub-headings (this tool's layout) or answers."""
    key_index = next(
        (i for i, text in enumerate(upper) if fold(text) in _names(table.key_column)), 0
    )
    # In this tool's layout the key heading spans both rows (merged), so the cell below it
    # repeats the heading or is empty; in a one-row layout it holds the first answer.
    below_key = lower[key_index] if key_index < len(lower) else ""
    if below_key and fold(below_key) != fold(upper[key_index]):
        return False
    return any(lower)


class Grid:
    """A sheet's values by (row, column), with every cell of a merged range reading its value.

    Built from the cells the file holds, never from the rectangle they span: one value typed
    at XFD1048576 must not make the reader visit seventeen billion empty cells. (safety.py has
    already bounded the merged ranges.)
    """

    def __init__(self, sheet: Worksheet) -> None:
        self.title = sheet.title
        # openpyxl's public iterators walk the whole rectangle, creating every cell on the way;
        # its cell dictionary holds only what the file holds.
        self.values: dict[tuple[int, int], Any] = {}
        #: Cells that show a spreadsheet error (#N/A, #REF! ...): read as empty, and reported.
        self.errors: dict[tuple[int, int], str] = {}
        for key, cell in sheet._cells.items():
            if cell.value is None:
                continue
            if cell.data_type == "e":
                self.errors[key] = str(cell.value)
            else:
                self.values[key] = cell.value
        for cell_range in sheet.merged_cells.ranges:
            value = self.values.get((cell_range.min_row, cell_range.min_col))
            if value is None:
                continue
            for row in range(cell_range.min_row, cell_range.max_row + 1):
                for column in range(cell_range.min_col, cell_range.max_col + 1):
                    self.values[(row, column)] = value
        #: The columns each row holds something in, both in order; the only ones worth reading.
        self.by_row: dict[int, list[int]] = {}
        for row, column in sorted([*self.values, *self.errors]):
            self.by_row.setdefault(row, []).append(column)
        self.rows = list(self.by_row)
        #: The columns that hold something, in order.
        self.columns = sorted({column for _, column in self.values})
        self.max_column = self.columns[-1] if self.columns else 0

    def rows_from(self, first: int) -> list[int]:
        return self.rows[bisect.bisect_left(self.rows, first) :]

    def value(self, row: int, column: int) -> Any:
        return self.values.get((row, column))

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column))

    def report_error(self, reading: Reading, row: int, column: int, heading: str) -> None:
        """A finding if this cell shows a spreadsheet error rather than an answer."""
        error = self.errors.get((row, column))
        if error is None:
            return
        reading.add(
            Severity.WARNING,
            "spreadsheet-error",
            f"The cell shows the spreadsheet error {error}; it was read as empty.",
            sheet=self.title,
            cell=f"{get_column_letter(column)}{row}",
            column=heading,
            value=error,
            suggestion="Correct the formula, or type the answer itself.",
        )


# --- Tables: reading rows -----------------------------------------------------------------------


def _read_rows(reading: Reading, grid: Grid, table_map: TableMap) -> None:
    table = table_map.table
    used = {c for cols in table_map.columns.values() for c in cols} | set(table_map.extras)
    for row in grid.rows_from(table_map.first_data_row):
        # Only the cells this row holds: a sheet may have thousands of headed columns.
        held = [c for c in grid.by_row[row] if c in used]
        for column in held:
            heading = table_map.headings.get(column) or table_map.extras[column]
            grid.report_error(reading, row, column, heading)
        raw = {c: grid.value(row, c) for c in held}
        if all(cell_text(v) == "" for v in raw.values()):
            continue
        key_text = cell_text(raw.get(table_map.columns[table.key_column.field][0]))
        if fold(key_text).startswith("example:"):
            continue  # the worksheet's own example rows, copied in as a guide
        values = _row_values(reading, table_map, row, raw)
        values["extra"] = {
            table_map.extras[column]: text
            for column in held
            if column in table_map.extras and (text := cell_text(raw[column]))
        }
        record = _record(table, values, Source(grid.title, row))
        if record is None:
            continue
        _store(reading.plan, table, record)


def _row_values(
    reading: Reading, table_map: TableMap, row: int, raw: dict[int, Any]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table_map.table.columns:
        columns = table_map.columns.get(column.field, [])
        if not columns:
            continue
        first = raw.get(columns[0])
        if column.kind is Kind.MARKS and columns[0] in table_map.options:
            values[column.field] = _read_marks(reading, table_map, column, row, raw, columns)
        elif column.kind is Kind.MARKS:
            values[column.field] = _read_listed(reading, table_map, column, row, first)
        elif column.kind is Kind.CHOICE:
            values[column.field] = _read_choice(reading, table_map, column, row, first)
        else:
            values[column.field] = cell_text(first)
    return values


def _read_marks(
    reading: Reading,
    table_map: TableMap,
    column: Column,
    row: int,
    raw: dict[int, Any],
    columns: list[int],
) -> list[str]:
    chosen: list[str] = []
    for index in columns:
        value = raw.get(index)
        if value in (None, "") or is_unmark(value):
            continue
        if not is_mark(value):
            reading.add(
                Severity.WARNING,
                "not-a-mark",
                f"\u201c{cell_text(value)}\u201d is not a mark; read as marked.",
                sheet=table_map.sheet,
                cell=f"{get_column_letter(index)}{row}",
                column=table_map.headings.get(index, column.heading),
                value=cell_text(value),
                suggestion="Choose Yes from the dropdown, or clear the cell.",
            )
        option = table_map.options[index]
        if option not in chosen:
            chosen.append(option)
    return chosen


def _read_listed(
    reading: Reading, table_map: TableMap, column: Column, row: int, value: Any
) -> list[str]:
    """Several answers typed into one cell, as Google Sheets' multi-select saves them."""
    chosen: list[str] = []
    for part in split_values(cell_text(value)):
        option = _read_option(reading, table_map, column, row, part)
        if option not in chosen:
            chosen.append(option)
    return chosen


def _read_choice(
    reading: Reading, table_map: TableMap, column: Column, row: int, value: Any
) -> str:
    text = cell_text(value)
    return _read_option(reading, table_map, column, row, text) if text else ""


def _read_option(reading: Reading, table_map: TableMap, column: Column, row: int, text: str) -> str:
    """One typed answer as the option it names. One that names none is kept as typed, so that
    nothing a person wrote is lost, and reported; a near miss is read with a warning."""
    assert column.list_key is not None
    options = reading.plan.vocabulary.options(column.list_key)
    match = match_option(text, options)
    where = {
        "sheet": table_map.sheet,
        "cell": table_map.cell(column.field, row),
        "column": column.heading,
        "value": text,
    }
    if match.option is None:
        reading.add(
            Severity.ERROR,
            "not-in-list",
            f"\u201c{text}\u201d is not in the list of {column.heading.lower()}.",
            suggestion=did_you_mean(text, options)
            or f"Choose from the dropdown, or add it to the {LISTS_SHEET} sheet.",
            **where,
        )
        return text
    if not match.exact:
        reading.add(
            Severity.WARNING,
            "near-match",
            f"\u201c{text}\u201d was read as \u201c{match.option}\u201d.",
            suggestion=f"Choose \u201c{match.option}\u201d from the list.",
            **where,
        )
    return match.option


def _record(table: Table, values: dict[str, Any], source: Source) -> Any:
    if table in (PART2, PART3):
        return Partner(
            name=values.get("name", ""),
            kind=PartnerKind.EXISTING if table is PART2 else PartnerKind.POTENTIAL,
            organization_type=values.get("organization_type", ""),
            populations=values.get("populations", []),
            other_populations=values.get("other_populations", ""),
            domains=values.get("domains", []),
            assets=values.get("assets", []),
            other_assets=values.get("other_assets", ""),
            notes=values.get("notes", ""),
            extra=values["extra"],
            source=source,
        )
    if table is PART4:
        return Benefit(
            partner=values.get("partner", ""),
            aligned_initiatives=values.get("aligned_initiatives", ""),
            motivations=values.get("motivations", ""),
            roles=values.get("roles", ""),
            barriers=values.get("barriers", ""),
            notes=values.get("notes", ""),
            extra=values["extra"],
            source=source,
        )
    if table is PART5:
        status = values.get("status", "")
        return Invitee(
            member=values.get("member", ""),
            organization=values.get("organization", ""),
            sender=values.get("sender", ""),
            status_text=status,
            salutation=values.get("salutation", ""),
            member_title=values.get("member_title", ""),
            email=values.get("email", ""),
            mailing_address=values.get("mailing_address", ""),
            sender_title=values.get("sender_title", ""),
            notes=values.get("notes", ""),
            extra=values["extra"],
            source=source,
        )
    return None


def _store(plan: CoalitionPlan, table: Table, record: Any) -> None:
    if isinstance(record, Partner):
        plan.partners.append(record)
    elif isinstance(record, Benefit):
        plan.benefits.append(record)
    elif isinstance(record, Invitee):
        plan.invitees.append(record)
