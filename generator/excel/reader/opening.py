"""Open a workbook already inspected for safety, and read what it says about itself.

Its layout version (a defined name, else the hidden sheet), its community and its own option lists
(the Lists sheet, behind defined names). Any failure to parse is one sentence naming the file.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.common.errors import LayoutVersionError, WorkbookError
from generator.common.text import cell_text, fold
from generator.plan.model import Cover
from generator.worksheet import (
    COVER_LABELS,
    DEFAULT_VOCABULARY,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    LISTS,
    LISTS_SHEET,
    META_SHEET,
    OLDEST_READABLE_VERSION,
    PILLAR_HEADING,
    VERSION_NAME,
    Vocabulary,
)
from generator.worksheet.limits import LIMITS


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


def find_sheet(path: Path, workbook: Workbook, title: str, part: str) -> Worksheet:
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

    0 when neither says. Any version is returned; :func:`check_layout_version` decides what the
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


def check_layout_version(path: Path, workbook: Workbook) -> int:
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


def read_cover(workbook: Workbook, places: dict[str, tuple[str, str]] | None = None) -> Cover:
    """For whom the workbook is, whom to return it to and by when, from its Instructions.

    ``places``, when given, receives the sheet and cell each answer was read from.
    """
    found: dict[str, str] = {}
    places = {} if places is None else places
    wanted = {fold(label): key for key, label in COVER_LABELS.items()}
    if INSTRUCTIONS_SHEET in workbook.sheetnames:
        sheet = workbook[INSTRUCTIONS_SHEET]
        for row in sheet.iter_rows(min_row=1, max_row=12, max_col=2):
            key = wanted.get(fold(cell_text(row[0].value)))
            if key and len(row) > 1 and key not in found:
                value = row[1].value
                found[key] = (
                    value.date().isoformat()
                    if isinstance(value, dt.datetime)
                    else (cell_text(value))
                )
                places[key] = (sheet.title, row[1].coordinate)
    if not found.get("community") and META_SHEET in workbook.sheetnames:
        found["community"] = cell_text(workbook[META_SHEET]["B2"].value)
        places["community"] = (META_SHEET, "B2")
    return Cover(**{key: value for key, value in found.items() if value})


def read_vocabulary(workbook: Workbook, path: Path) -> Vocabulary:
    """The option lists this workbook's dropdowns use: its Lists sheet, behind the defined names.

    A list of more options than a coalition's lists may have (:mod:`generator.worksheet.limits`)
    is refused, naming the list; a cell longer than an option may be is not read as one.
    """
    if LISTS_SHEET not in workbook.sheetnames:
        return DEFAULT_VOCABULARY
    values: dict[str, tuple[str, ...]] = {}
    pillars_by_area: dict[str, str] = {}
    for spec in LISTS:
        # A cell longer than an option may be (a note the name happens to cover) is no option.
        cells = [
            c
            for c in _named_cells(workbook, spec.name)
            if len(cell_text(c.value)) <= LIMITS.max_option_length
        ]
        options = tuple(dict.fromkeys(t for c in cells if (t := cell_text(c.value))))
        _check_list(path, spec.heading, options)
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


def _check_list(path: Path, heading: str, options: tuple[str, ...]) -> None:
    if len(options) > LIMITS.max_options:
        raise WorkbookError(
            f"its {LISTS_SHEET} sheet lists {len(options):,} options under \u201c{heading}\u201d, "
            f"more than the {LIMITS.max_options} a list may hold; shorten the list and save it "
            "again.",
            path,
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
