"""Cell and range names ("B5", "Lists!$A$2:$A$30") turned into numbers and back.

openpyxl has these too, but importing any part of openpyxl loads all of it (and numpy, where
installed): a tenth of a second and more that a command reading a workbook need not pay. They
behave as openpyxl's ``get_column_letter``, ``coordinate_to_tuple`` and ``range_boundaries``.
"""

from __future__ import annotations

import functools
import re

#: The last column a sheet can have (XFD).
MAX_COLUMN = 16_384
#: The last row a sheet can have.
MAX_ROW = 1_048_576

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_RANGE = re.compile(
    r"(?:\$?(?P<c1>[A-Za-z]{1,3}))?(?:\$?(?P<r1>[0-9]+))?"
    r"(?::(?:\$?(?P<c2>[A-Za-z]{1,3}))?(?:\$?(?P<r2>[0-9]+))?)?"
)


@functools.lru_cache(maxsize=MAX_COLUMN)
def column_letter(column: int) -> str:
    """1 is "A", 28 is "AB", 16,384 is "XFD"."""
    if not 1 <= column <= MAX_COLUMN:
        raise ValueError(f"no column {column}")
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """ "A" is 1, "XFD" 16,384; case is ignored."""
    number = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            raise ValueError(f"no column {letters!r}")
        number = number * 26 + ord(letter) - 64
    if not 1 <= number <= MAX_COLUMN:
        raise ValueError(f"no column {letters!r}")
    return number


def cell_name(row: int, column: int) -> str:
    """(5, 2) is "B5"."""
    return f"{column_letter(column)}{row}"


def cell_position(name: str) -> tuple[int, int]:
    """ "B5" (or "$B$5") is (5, 2): row first, as the reader keys its cells."""
    found = _CELL.fullmatch(name.strip())
    if found is None:
        raise ValueError(f"not a cell name: {name!r}")
    return int(found.group(2)), column_index(found.group(1))


def range_bounds(ref: str) -> tuple[int | None, int | None, int | None, int | None]:
    """(first column, first row, last column, last row) of "A2:C9", "A:A", "2:5" or "B3".

    An open side is None, as in openpyxl's ``range_boundaries``: "A:A" is (1, None, 1, None).
    """
    found = _RANGE.fullmatch(ref.replace("$", "").strip())
    if found is None or not ref.strip():
        raise ValueError(f"not a cell range: {ref!r}")
    c1, r1, c2, r2 = found.group("c1", "r1", "c2", "r2")
    if ":" not in ref:
        if c1 is None or r1 is None:
            raise ValueError(f"not a cell range: {ref!r}")
        c2, r2 = c1, r1
    elif (c1 is None) != (c2 is None) or (r1 is None) != (r2 is None) or not (c1 or r1):
        raise ValueError(f"not a cell range: {ref!r}")
    return (
        column_index(c1) if c1 else None,
        int(r1) if r1 else None,
        column_index(c2) if c2 else None,
        int(r2) if r2 else None,
    )
