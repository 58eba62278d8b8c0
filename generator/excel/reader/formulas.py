"""Which answer cells hold a formula that was never calculated.

openpyxl reads a workbook's saved values (``data_only=True``), the values a person saw. A program
that writes formulas without calculating them (openpyxl itself, most scripts) saves none, and the
cell then reads as empty: a partner's name written as ``=Contacts!A5`` would become "a row with
answers but no name". Loading the workbook a second time with its formulas would double the cost
of every read, so this module takes a second, narrow look instead: only at the sheets the reader
reads, only when their XML holds a formula at all (a byte search), and then one streaming pass
that keeps nothing but the cells whose formula has no saved value.

A saved value counts when the cell has one: ``<v>`` with text, or an empty ``<v>`` on a formula
whose result is text (an empty string is a result). One more case is recognised: XlsxWriter saves
every formula with the placeholder result 0 and asks for a full recalculation on load
(``fullCalcOnLoad``); in such a workbook a formula "result" of 0 is no result.

The package has already been inspected (:mod:`generator.excel.safety`): its parts are bounded in
size and hold no DOCTYPE.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
# A formula element, whatever prefix the namespace was given: <f>, <f t="shared" .../>, <x:f>.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")

#: Cells whose formula has no saved value, by (row, column), with the formula as written.
Uncalculated = dict[tuple[int, int], str]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def uncalculated_formulas(path: Path, titles: Iterable[str]) -> dict[str, Uncalculated]:
    """For each sheet title asked for, the cells holding a formula without a saved value.

    A workbook whose parts cannot be followed this way gives no cells: the reader then reads it
    as openpyxl does, which is what it did before it looked for formulas.
    """
    wanted = set(titles)
    found: dict[str, Uncalculated] = {title: {} for title in wanted}
    try:
        with zipfile.ZipFile(path) as package:
            parts, recalculate = _sheet_parts(package)
            for title in wanted:
                part = parts.get(title)
                if part is None:
                    continue
                data = package.read(part)
                if _FORMULA_TAG.search(data) is None:
                    continue
                found[title] = _scan(data, recalculate)
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return {title: {} for title in wanted}
    return found


def _sheet_parts(package: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Each sheet's title and the name of its part; whether the workbook asks to be recalculated
    on load (XlsxWriter's mark of results it did not calculate)."""
    workbook = etree.fromstring(package.read("xl/workbook.xml"), _parser())
    namespace = workbook.tag[1:].split("}")[0] if workbook.tag.startswith("{") else _MAIN
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = etree.fromstring(package.read(rels_name), _parser())
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in rels.iter(f"{{{_PACKAGE_RELATIONSHIPS}}}Relationship")
    }
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{namespace}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELATIONSHIPS}}}id") or sheet.get("id"), "")
        if not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(name)
    calc = workbook.find(f"{{{namespace}}}calcPr")
    recalculate = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    return parts, recalculate


def _scan(data: bytes, recalculate: bool) -> Uncalculated:
    cells: Uncalculated = {}
    for _, cell in etree.iterparse(io.BytesIO(data), events=("end",), tag=_cell_tags()):
        formula = value = None
        for child in cell:
            local = etree.QName(child).localname
            if local == "f":
                formula = child
            elif local == "v":
                value = child
        reference = cell.get("r")
        if formula is not None and reference and not _has_result(cell, value, recalculate):
            # A shared formula's later cells carry no text of their own.
            cells[coordinate_to_tuple(reference)] = f"={formula.text}" if formula.text else ""
        cell.clear(keep_tail=False)
    return cells


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
