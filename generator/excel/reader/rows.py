"""Parts 2 to 5: every row of a table, once its columns are found (:mod:`.tables`), as a record.

A row is read as what its cells say: marks, options chosen from a list, text. A row that says
nothing (blanks, unticked boxes, values filled down past the last name) is skipped and counted;
what cannot be read as meant (no mark, no option of the list, a near miss) is reported at its
cell and kept as typed, so that nothing a person wrote is lost.
"""

from __future__ import annotations

from typing import Any

from generator.common.cells import column_letter
from generator.common.text import cell_text, fold, split_values
from generator.excel.reader.grid import Grid, report_not_a_mark, report_span, report_strays
from generator.plan.findings import Severity
from generator.plan.model import Source, add_record, record_maker
from generator.plan.reading import Reading, TableMap
from generator.worksheet import LISTS_SHEET, Column, Kind
from generator.worksheet.marks import is_nothing, read_mark, says_nothing


def read_rows(reading: Reading, grid: Grid, table_map: TableMap) -> None:
    """Every row below the headings that says something, as a record of the plan.

    A row says nothing when each of its cells does (:func:`says_nothing`): blanks, unticked
    checkboxes, negative marks, the default status filled down. Past the last row with a name
    (organization, partner or member), a row whose answers only repeat the row above it says
    nothing either: a sender or a type filled down to the end of the sheet for rows to come (a
    mark counts only if it says nothing itself: a marked row is a partner). Such rows
    are skipped and counted, for one note; cells whose value cannot be read are reported, one
    finding per column.
    """
    rows = _RowReader(reading, grid, table_map)
    for row in grid.rows_from(table_map.first_data_row):
        rows.read(row)
    grid.report_unreadable(reading)
    report_strays(
        reading,
        grid,
        rows.strays,
        "in a column without a heading",
        "Give the column a heading in row "
        f"{table_map.first_data_row - 1} to keep it as a column of your own, or move it into "
        "the answer it belongs to (Notes, for a remark).",
    )
    if rows.blank_rows:
        reading.blank_rows[grid.title] = rows.blank_rows


class _RowReader:
    """Reads one table's rows into records, with what its columns say worked out once.

    A sheet may have thousands of rows of tens of columns: each row visits only the cells it
    holds, and the common row (every cell under a heading, none past reading) is spared the
    looks for strays and unreadable cells.
    """

    def __init__(self, reading: Reading, grid: Grid, table_map: TableMap) -> None:
        self.reading, self.grid, self.table_map = reading, grid, table_map
        table = table_map.table
        self.declared = {
            index: column
            for column in table.columns
            for index in table_map.columns.get(column.field, [])
        }
        self.headings = {index: table_map.headings[index] for index in self.declared}
        self.headings.update(table_map.extras)
        self.key_column = table_map.columns[table.key_column.field][0]
        key = self.key_column
        self.last_named = max(
            (
                r
                for r in grid.rows_from(table_map.first_data_row)
                if grid.unreadable(r, key) or not is_nothing(grid.value(r, key))
            ),
            default=0,
        )
        self.unreadable = bool(grid.errors or grid.formulas)
        self.span_rows = {span_row for span_row, _ in grid.spans}
        self.fields = _fields(table_map)
        self.make = record_maker(table)
        self.strays: dict[int, list[int]] = {}
        self.blank_rows = 0
        self._known = _Known()

    def read(self, row: int) -> None:
        """Add the row's record to the plan, unless the row says nothing."""
        raw, held = self._cells(row)
        key = self.key_column
        named = raw.get(key)
        # A row with a name says something (and is not past the last name): the usual row is
        # spared asking each of its cells.
        if (named is None or self._says_nothing(key, named)) and self._says_nothing_at_all(
            row, raw
        ):
            self.blank_rows += any(cell_text(v) for v in raw.values())
            return
        if _is_example(cell_text(named)):
            return  # the worksheet's own example rows, copied in as a guide
        if row in self.span_rows:
            for column in held:
                report_span(self.reading, self.grid, row, column, self.headings)
        # N/A, none, a dash, a checkbox's FALSE: no answer, in any column. Mark cells read
        # their own negatives.
        options = self.table_map.options
        raw = {c: v for c, v in raw.items() if c in options or not is_nothing(v)}
        values = _row_values(self.reading, self.table_map, row, raw, self.fields, self._known)
        extras = self.table_map.extras
        values["extra"] = (
            {
                extras[column]: text
                for column in held
                if column in extras and (text := cell_text(raw.get(column)))
            }
            if extras
            else {}
        )
        add_record(self.reading.plan, self.make(values, Source(self.grid.title, row)))

    def _cells(self, row: int) -> tuple[dict[int, Any], list[int]]:
        """The row's cells under a heading, by column, that can be read; those columns in order.
        Cells beside every heading are noted as strays; cells past reading, for a finding."""
        grid, headings = self.grid, self.headings
        cells = grid.cells.get(row, {})
        columns = grid.by_row[row]
        if not self.unreadable and cells.keys() <= headings.keys():
            return cells, columns  # the usual row: nothing to set aside (and read only)
        held: list[int] = []
        for column in columns:
            if column in headings:
                held.append(column)
            elif not says_nothing(cells.get(column)):
                self.strays.setdefault(column, []).append(row)
        raw = {
            c: cells.get(c)
            for c in held
            if not grid.note_unreadable(self.reading, row, c, headings[c])
        }
        return raw, held

    def _says_nothing_at_all(self, row: int, raw: dict[int, Any]) -> bool:
        """Whether each cell of the row says nothing, or (past the last name) repeats the row
        above it."""
        options, value = self.table_map.options, self.grid.value
        past_names = row > self.last_named
        return all(
            self._says_nothing(c, v) or (past_names and c not in options and value(row - 1, c) == v)
            for c, v in raw.items()
        )

    def _says_nothing(self, column: int, value: Any) -> bool:
        """:func:`says_nothing` of a cell, remembered per column and text: a column repeats
        its few marks, types and senders down thousands of rows."""
        declared, mark = self.declared.get(column), column in self.table_map.options
        if type(value) is not str:  # False, 0 and 0.0 are one key, and say different things
            return says_nothing(value, declared, mark_cell=mark)
        seen = self._known.nothing.setdefault(column, {})
        said = seen.get(value)
        if said is None:
            if len(seen) > _REMEMBERED:
                seen.clear()  # a column of names or notes: each value once, nothing to keep
            said = seen[value] = says_nothing(value, declared, mark_cell=mark)
        return said


#: How many values of one column :meth:`_RowReader._says_nothing` remembers at a time.
_REMEMBERED = 64


def _is_example(key_text: str) -> bool:
    """Whether a row's name marks it as one of the worksheet's examples ("Example: ...")."""
    if key_text.isascii() and "example:" not in key_text.lower():
        return False  # as nearly every name: folding it could find nothing else
    return fold(key_text).startswith("example:")


#: How a column's cells are read: a mark per option, options listed in one cell, one option,
#: text.
_MARK_COLUMNS, _LISTED, _CHOICE, _TEXT = range(4)


def _fields(table_map: TableMap) -> list[tuple[Column, list[int], int, frozenset[int]]]:
    """Each column the sheet has, with its cells' columns (as a list, in order, and as a set)
    and how they are read: worked out once per sheet, not once per row."""
    fields = []
    for column in table_map.table.columns:
        columns = table_map.columns.get(column.field, [])
        if not columns:
            continue
        if column.kind is Kind.MARKS:
            how = _MARK_COLUMNS if columns[0] in table_map.options else _LISTED
        else:
            how = _CHOICE if column.kind is Kind.CHOICE else _TEXT
        fields.append((column, columns, how, frozenset(columns)))
    return fields


def _row_values(
    reading: Reading,
    table_map: TableMap,
    row: int,
    raw: dict[int, Any],
    fields: list[tuple[Column, list[int], int, frozenset[int]]],
    known: _Known,
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, columns, how, column_set in fields:
        if how == _MARK_COLUMNS:
            # The row's few cells among this answer's option columns, in sheet order (as raw
            # is), not every option column of the sheet.
            held = [index for index in raw if index in column_set]
            values[column.field] = (
                _read_marks(reading, table_map, column, row, raw, held, known.marks) if held else []
            )
            continue
        first = raw.get(columns[0])
        if first is None:  # most of a row's answers are blank: nothing to read
            values[column.field] = [] if how == _LISTED else ""
        elif how == _TEXT:
            values[column.field] = cell_text(first)
        elif how == _LISTED:
            values[column.field] = _read_listed(reading, table_map, column, row, first)
        else:
            values[column.field] = _read_choice(reading, table_map, column, row, first, known)
    return values


class _Known:
    """What one sheet's cells have already been read as, by text: a column repeats its few
    marks and types down thousands of rows, and each is read once. Only text is remembered
    (False, 0 and 0.0 are one key, and read differently), and only what a text means: the
    finding a cell gets (no mark, no option of the list) is still made for each cell."""

    def __init__(self) -> None:
        #: Whether a cell's text says nothing (:func:`says_nothing`), by its column; a column
        #: of names or notes is forgotten every _REMEMBERED texts, each seen once.
        self.nothing: dict[int, dict[str, bool]] = {}
        #: Whether a mark cell's text is a mark (True), a negative one (False), or no mark.
        self.marks: dict[str, bool | None] = {}
        #: The option a choice's text names exactly, by the column's field.
        self.options: dict[str, dict[str, str]] = {}


def _read_marks(
    reading: Reading,
    table_map: TableMap,
    column: Column,
    row: int,
    raw: dict[int, Any],
    columns: list[int],
    known: dict[str, bool | None],
) -> list[str]:
    chosen: list[str] = []
    for index in columns:
        if index not in raw:
            continue  # blank: not marked
        value = raw[index]
        if type(value) is str:
            meaning = known.get(value, _UNSEEN)
            if meaning is _UNSEEN:
                meaning = known[value] = read_mark(value)
        else:
            meaning = read_mark(value)
        if meaning is None:
            column_heading = table_map.headings.get(index, column.heading)
            cell = f"{column_letter(index)}{row}"
            read_as = "; it was read as not marked."
            report_not_a_mark(reading, table_map.sheet, cell, column_heading, value, read_as)
        if not meaning:
            continue
        option = table_map.options[index]
        if option not in chosen:
            chosen.append(option)
    return chosen


_UNSEEN: Any = object()


def _read_listed(
    reading: Reading, table_map: TableMap, column: Column, row: int, value: Any
) -> list[str]:
    """Several answers typed into one cell, as Google Sheets' multi-select saves them; "None",
    "N/A" or "No" there chooses none."""
    chosen: list[str] = []
    if says_nothing(value, mark_cell=True):
        return chosen
    for part in split_values(cell_text(value)):
        if is_nothing(part):
            continue
        option = _read_option(reading, table_map, column, row, part)
        if option not in chosen:
            chosen.append(option)
    return chosen


def _read_choice(
    reading: Reading, table_map: TableMap, column: Column, row: int, value: Any, known: _Known
) -> str:
    exact = known.options.setdefault(column.field, {})
    if type(value) is str and value in exact:
        return exact[value]
    text = cell_text(value)
    if not text:
        return ""
    option = _read_option(reading, table_map, column, row, text)
    assert column.list_key is not None
    options = reading.plan.vocabulary.options(column.list_key)
    if type(value) is str and reading.matcher.exact(text, options) == option:
        exact[value] = option
    return option


def _read_option(reading: Reading, table_map: TableMap, column: Column, row: int, text: str) -> str:
    """One typed answer as the option it names. One that names none is kept as typed, so that
    nothing a person wrote is lost, and reported; a near miss is read with a warning."""
    assert column.list_key is not None
    options = reading.plan.vocabulary.options(column.list_key)
    match = reading.matcher.match(text, options)
    if match.exact and match.option is not None:
        return match.option  # as nearly every answer is: nothing to report
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
            suggestion=match.did_you_mean
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
