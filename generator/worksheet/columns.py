"""What a table of Parts 2 to 5 is made of: columns of a kind, under the worksheet's headings.

The tables themselves, and every column of each, are declared in
:mod:`generator.worksheet.sheets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"  # free text
    CHOICE = "choice"  # one value from a list
    PARTNER = "partner"  # one organization from Parts 2 and 3
    MARKS = "marks"  # several values from a list, one mark column per option
    EMAIL = "email"


@dataclass(frozen=True)
class Column:
    """One answer of a table. ``heading`` is the worksheet's wording where the worksheet has it."""

    field: str  # the model's attribute and the templates' field name
    heading: str
    kind: Kind = Kind.TEXT
    list_key: str | None = None  # for CHOICE and MARKS
    width: float = 24
    required: bool = False
    prompt: str = ""
    aliases: tuple[str, ...] = ()  # other headings the reader accepts
    worksheet: bool = True  # False: one of the tool's additions, kept visibly apart
    other_field: str | None = None  # MARKS: the text column that describes "Other"
    #: The model attribute that holds the cell as written, when it is not ``field`` (a blank
    #: Status cell means Invite, but stays blank: ``status`` is the meaning, ``status_text``
    #: the cell).
    stored_as: str | None = None
    #: What a blank cell of this column means ("Invite" for Status): the same value filled down
    #: empty rows says nothing more than the blanks did.
    default: str = ""

    @property
    def attribute(self) -> str:
        """The model attribute the reader fills and the writer writes for this column."""
        return self.stored_as or self.field


@dataclass(frozen=True)
class Table:
    key: str
    sheet: str
    part: str  # "Part 2"
    title: str  # "Table 1. Existing Partnerships"
    guidance: str  # the worksheet's own words, shortened
    columns: tuple[Column, ...]
    example: tuple[str, ...] = ()  # the worksheet's example row, shown in the instructions
    extra_heading: str = "Not in the worksheet"  # above the tool's own columns

    def column(self, field_name: str) -> Column:
        for column in self.columns:
            if column.field == field_name:
                return column
        raise KeyError(field_name)

    @property
    def key_column(self) -> Column:
        return self.columns[0]
