"""What a workbook's own part (xl/workbook.xml) says: its sheets and where they are, its defined
names, and whether it asks to be recalculated on load.

Read with expat directly, the parser openpyxl uses too: the part is a few kilobytes, and lxml or
ElementTree would cost more to import than to parse it. The package has already been inspected
(:mod:`generator.excel.safety`): its parts are bounded in size and declare no DOCTYPE, so no
entity can expand.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
#: Print areas and filters, which openpyxl keeps apart from the workbook's names.
_SHEET_SETTINGS = ("_xlnm.Print_Titles", "_xlnm.Print_Area", "_xlnm._FilterDatabase")


@dataclass(frozen=True)
class SheetEntry:
    """One sheet as the workbook lists it, in tab order."""

    title: str
    part: str  # its part in the package ("xl/worksheets/sheet3.xml"), "" if not found


@dataclass
class WorkbookPart:
    sheets: list[SheetEntry] = field(default_factory=list)
    #: The workbook's own defined names (not those of one sheet), with their text: as in
    #: openpyxl, the last of two names alike wins.
    names: dict[str, str] = field(default_factory=dict)
    #: Whether the workbook asks to be fully recalculated on load (XlsxWriter's mark of formula
    #: results it did not calculate).
    recalculate: bool = False

    def part_of(self, title: str) -> str:
        return next((s.part for s in self.sheets if s.title == title), "")


def read_workbook_part(package: zipfile.ZipFile) -> WorkbookPart:
    """The sheets, names and calculation flag of an open package.

    Raises ValueError (expat's errors are ValueErrors) or KeyError when a part is missing.
    """
    found = WorkbookPart()
    relation_ids: list[str] = []
    titles: list[str] = []
    name: list[str | None] = [None]  # the defined name being read, if any
    text: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rsplit("}", 1)[-1]
        if local == "sheet":
            titles.append(attributes.get("name", ""))
            relation_ids.append(
                attributes.get(f"{_RELATIONSHIPS}}}id")
                or attributes.get(f"{_STRICT_RELATIONSHIPS}}}id")
                or attributes.get("id", "")
            )
        elif local == "definedName":
            global_name = "localSheetId" not in attributes
            candidate = attributes.get("name", "")
            name[0] = candidate if global_name and candidate not in _SHEET_SETTINGS else None
            text.clear()
        elif local == "calcPr":
            found.recalculate = attributes.get("fullCalcOnLoad") in ("1", "true")

    def end(tag: str) -> None:
        if tag.rsplit("}", 1)[-1] == "definedName" and name[0] is not None:
            found.names[name[0]] = "".join(text)
            name[0] = None

    def characters(data: str) -> None:
        if name[0] is not None:
            text.append(data)

    # expat names a namespaced tag "uri}local": its local name follows the last brace.
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.Parse(package.read("xl/workbook.xml"), True)
    targets = _relationships(package.read("xl/_rels/workbook.xml.rels"))
    for title, relation in zip(titles, relation_ids, strict=True):
        target = targets.get(relation, "")
        part = ""
        if target:
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            part = posixpath.normpath(joined)
        found.sheets.append(SheetEntry(title, part))
    return found


def _relationships(data: bytes) -> dict[str, str]:
    targets: dict[str, str] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag.rsplit("}", 1)[-1] == "Relationship":
            targets[attributes.get("Id", "")] = attributes.get("Target", "")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return targets
