"""Where each declared column sits on its sheet: the worksheet's declarations laid out as cells.

The writer places cells with this, and the annotated copy and the merge find them with it. The
reader does not trust it: people move columns, so it finds columns by their headings instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.common.cells import column_letter
from generator.worksheet import CHECKLISTS, LISTS, Kind, ListSpec, Table, Vocabulary


@dataclass(frozen=True)
class PlacedColumn:
    """One sheet column of a table: a declared column, or one option of a mark matrix."""

    index: int  # 1-based sheet column
    column_field: str
    heading: str  # the row-3 heading (the option, for a mark column)
    group: str  # the row-2 heading above it ("" for a plain column)
    option: str | None = None  # set for a mark column

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def place_table(table: Table, vocabulary: Vocabulary) -> list[PlacedColumn]:
    """Lay a table's declared columns out left to right, expanding each mark group."""
    placed: list[PlacedColumn] = []
    index = 1
    for column in table.columns:
        if column.kind is Kind.MARKS:
            assert column.list_key is not None
            for option in vocabulary.options(column.list_key):
                placed.append(PlacedColumn(index, column.field, option, column.heading, option))
                index += 1
        else:
            group = "" if column.worksheet else table.extra_heading
            placed.append(PlacedColumn(index, column.field, column.heading, group))
            index += 1
    return placed


def key_letter(table: Table, vocabulary: Vocabulary) -> str:
    """The column letter of a table's first (key) column, where the writer puts it."""
    return place_table(table, vocabulary)[0].letter


@dataclass(frozen=True)
class ListPlacement:
    """One option list on the Lists sheet: a heading cell, then one option per row below it."""

    spec: ListSpec
    column: int
    options: tuple[str, ...]
    heading_row: int = 1

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    @property
    def first_row(self) -> int:
        return self.heading_row + 1

    @property
    def last_row(self) -> int:
        """The last row the defined name covers; at least one row, even for no options."""
        return self.first_row + max(1, len(self.options)) - 1

    @property
    def reference(self) -> str:
        """The absolute range a defined name points at."""
        return f"${self.letter}${self.first_row}:${self.letter}${self.last_row}"


#: The Lists sheet stacks its lists in one column, each under its heading, a blank row between
#: them. Stacked, inserting a whole row inside one list grows that list's defined name and no
#: other; side by side, the same insertion would put a blank option into every list beside it.
#: Areas come first so that their Pillar column has its heading in row 1.
LISTS_COLUMN = 1
PILLAR_COLUMN = 2


def place_lists(vocabulary: Vocabulary) -> tuple[list[ListPlacement], int]:
    """The Lists sheet's blocks (in ``LISTS`` order), and the column giving each area's pillar."""
    order = sorted(LISTS, key=lambda spec: spec.key != "areas")
    rows: dict[str, int] = {}
    row = 1
    for spec in order:
        rows[spec.key] = row
        row += 1 + max(1, len(vocabulary.options(spec.key))) + 1
    placements = [
        ListPlacement(spec, LISTS_COLUMN, vocabulary.options(spec.key), rows[spec.key])
        for spec in LISTS
    ]
    return placements, PILLAR_COLUMN


@dataclass(frozen=True)
class Part1Row:
    row: int
    checklist: str  # "groups" | "areas" | "assets"
    option: str


@dataclass(frozen=True)
class Part1Layout:
    rows: list[Part1Row]
    questions: dict[str, int]  # checklist key -> its question's row
    pillars: dict[str, int]  # pillar -> its subheading's row

    def row_of(self, checklist: str, option: str) -> int:
        for row in self.rows:
            if row.checklist == checklist and row.option == option:
                return row.row
        raise KeyError((checklist, option))


PART1_FIRST_ROW = 4  # after the title, the guidance and the headings


def place_part1(vocabulary: Vocabulary) -> Part1Layout:
    rows: list[Part1Row] = []
    questions: dict[str, int] = {}
    pillars: dict[str, int] = {}
    row = PART1_FIRST_ROW
    for checklist in CHECKLISTS:
        questions[checklist.key] = row
        row += 1
        if checklist.key == "areas":
            for pillar, areas in vocabulary.pillars.items():
                pillars[pillar] = row
                row += 1
                for area in areas:
                    rows.append(Part1Row(row, "areas", area))
                    row += 1
        else:
            for option in vocabulary.options(checklist.key):
                rows.append(Part1Row(row, checklist.key, option))
                row += 1
        row += 1  # a blank row between questions
    return Part1Layout(rows, questions, pillars)
