"""Which answer cells hold a formula that was never calculated, or show a spreadsheet error.

The value readers (python-calamine, and openpyxl with ``data_only=True``) read a workbook's saved
values, the values a person saw. A program that writes formulas without calculating them (openpyxl
itself, most scripts) saves none, and the cell then reads as empty: a partner's name written as
``=Contacts!A5`` would become "a row with answers but no name". Loading the workbook a second time
with its formulas would double the cost of every read, so this module takes a second, narrow look
instead: only at the sheets the reader reads, only when their XML holds a formula at all (a byte
search), and then one streaming pass that keeps nothing but the cells whose formula has no saved
value. The same pass finds the cells showing a spreadsheet error (#N/A, #REF! ...), which
python-calamine reads as empty.

A saved value counts when the cell has one: ``<v>`` with text, or an empty ``<v>`` on a formula
whose result is text (an empty string is a result). One more case is recognised: XlsxWriter saves
every formula with the placeholder result 0 and asks for a full recalculation on load
(``fullCalcOnLoad``); in such a workbook a formula "result" of 0 is no result.

The package has already been inspected (:mod:`generator.excel.safety`): its parts are bounded in
size and hold no DOCTYPE.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.cells import cell_position
from generator.excel.reader.package import read_workbook_part

if TYPE_CHECKING:
    from lxml import etree

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
# A formula element, whatever prefix the namespace was given: <f>, <f t="shared" .../>, <x:f>.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# A cell that shows a spreadsheet error: <c r="B5" t="e">, in either quotes.
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
# The formula tag as nearly every program writes it, without a prefix: a pattern that starts
# with a literal is searched for many times quicker (a sheet's validations hold "<formula1>").
_PLAIN_FORMULA_TAG = re.compile(rb"<f[\s>/]")
# A prefixed tag's end, found as quickly: the full pattern then looks only when it is there.
_PREFIXED_FORMULA_END = re.compile(rb":f[\s>/]")
# What an error must contain: its quoted type.
_ERROR_HINTS = (b'"e"', b"'e'")

#: Cells whose formula has no saved value, by (row, column), with the formula as written.
Uncalculated = dict[tuple[int, int], str]
#: Cells showing a spreadsheet error, by (row, column), with the error shown ("#N/A").
Errors = dict[tuple[int, int], str]


def uncalculated_formulas(path: Path, titles: Iterable[str]) -> dict[str, Uncalculated]:
    """For each sheet title asked for, the cells holding a formula without a saved value.

    A workbook whose parts cannot be followed this way gives no cells: the reader then reads it
    as openpyxl does, which is what it did before it looked for formulas.
    """
    wanted = set(titles)
    found: dict[str, Uncalculated] = {title: {} for title in wanted}
    try:
        with zipfile.ZipFile(path) as package:
            workbook = read_workbook_part(package)
            for title in wanted:
                part = workbook.part_of(title)
                if part:
                    found[title] = scan_sheet(package.read(part), workbook.recalculate)[0]
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, SyntaxError):
        # lxml's XMLSyntaxError is a SyntaxError; expat's errors are ValueErrors.
        return {title: {} for title in wanted}
    return found


def scan_sheet(
    data: bytes, recalculate: bool, *, formulas: bool = True, errors: bool = False
) -> tuple[Uncalculated, Errors]:
    """A sheet part's formulas without a saved value (when ``formulas``) and its cells showing a
    spreadsheet error (when ``errors``: python-calamine reads them as empty).

    Nothing is parsed unless the bytes hold a formula or an error at all: most sheets hold
    neither. Raises lxml's XMLSyntaxError (a SyntaxError) for a part that is not well formed.
    """
    formulas = formulas and _holds_formula(data)
    errors = errors and _holds(data, _ERROR_HINTS, _ERROR_TYPE)
    if not (formulas or errors):
        return {}, {}
    return _scan(data, recalculate, formulas, errors)


def _holds_formula(data: bytes) -> bool:
    """Whether a formula tag occurs, prefixed or not."""
    if _PLAIN_FORMULA_TAG.search(data) is not None:
        return True
    return _PREFIXED_FORMULA_END.search(data) is not None and _FORMULA_TAG.search(data) is not None


def _holds(data: bytes, hints: tuple[bytes, ...], pattern: re.Pattern[bytes]) -> bool:
    """Whether ``pattern`` occurs, looked for only where a plain search finds a hint of it (a
    plain search is many times quicker than a pattern's)."""
    return any(hint in data for hint in hints) and pattern.search(data) is not None


def _scan(
    data: bytes, recalculate: bool, formulas: bool, errors: bool
) -> tuple[Uncalculated, Errors]:
    from lxml import etree

    cells: Uncalculated = {}
    shown: Errors = {}
    for _, cell in etree.iterparse(io.BytesIO(data), events=("end",), tag=_cell_tags()):
        formula = value = None
        for child in cell:
            local = etree.QName(child).localname
            if local == "f":
                formula = child
            elif local == "v":
                value = child
        reference = cell.get("r")
        if (
            formulas
            and formula is not None
            and reference
            and not _has_result(cell, value, recalculate)
        ):
            # A shared formula's later cells carry no text of their own.
            cells[cell_position(reference)] = f"={formula.text}" if formula.text else ""
        elif errors and reference and cell.get("t") == "e" and value is not None and value.text:
            shown[cell_position(reference)] = value.text
        cell.clear(keep_tail=False)
    return cells, shown


def _cell_tags() -> tuple[str, str]:
    return (f"{{{_MAIN}}}c", f"{{{_STRICT}}}c")


def _has_result(cell: etree._Element, value: etree._Element | None, recalculate: bool) -> bool:
    if value is None:
        return False
    kind = cell.get("t", "n")
    text = value.text or ""
    if not text:
        return kind == "str"  # an empty text result; a number is never empty
    return not (recalculate and kind == "n" and text.strip() in ("0", "0.0"))
