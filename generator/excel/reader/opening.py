"""Open a workbook already inspected for safety, and read what it says about itself.

Its layout version (a defined name, else the hidden sheet), its community and its own option lists
(the Lists sheet, behind defined names). Any failure to parse is one sentence naming the file.
What is read here is read from a :class:`~generator.excel.reader.book.Book`, whichever library
filled it; :func:`open_workbook` is openpyxl's way in.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.errors import LayoutVersionError, WorkbookError
from generator.common.text import cell_text, fold
from generator.excel.reader.book import Book, OpenpyxlBook
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

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


def open_workbook(path: Path) -> Workbook:
    """openpyxl's workbook of cell values; any parse failure is one sentence naming the file."""
    from openpyxl import load_workbook

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


def find_sheet(path: Path, book: Book, title: str, part: str) -> str:
    """The title of the sheet of that title, forgiving case and spacing, or of the one that
    starts with the part."""
    by_fold = {fold(sheet): sheet for sheet in book.titles}
    found = by_fold.get(fold(title))
    if found is None:
        prefix = fold(part)  # "part 3" finds "PART 3" and "Part 3, new", never "Part 30"
        starts = [
            sheet
            for key, sheet in by_fold.items()
            if key.startswith(prefix) and not key[len(prefix) : len(prefix) + 1].isdigit()
        ]
        found = starts[0] if len(starts) == 1 else None
    if found is None:
        raise WorkbookError(
            f"has no sheet {title!r}; is it a workbook made by coalition new-workbook? "
            f"(sheets found: {', '.join(book.sheetnames)}).",
            path,
        )
    return found


def as_book(workbook: Book | Workbook) -> Book:
    """A workbook openpyxl opened, seen as the reader sees every workbook."""
    return workbook if isinstance(workbook, Book) else OpenpyxlBook(workbook)


def declared_version(workbook: Book | Workbook, path: Path) -> int:
    """The layout version the workbook declares: its defined name, else the hidden sheet.

    0 when neither says. Any version is returned; :func:`check_layout_version` decides what the
    reader accepts, and the upgrade reads older ones (opened in openpyxl) through this.
    """
    book = as_book(workbook)
    raw: Any = None
    name = book.names.get(VERSION_NAME)
    if name is not None:
        raw = name.strip().lstrip("=").strip('"')
    if not raw and META_SHEET in book.titles:
        raw = book.sheet(META_SHEET).shown((1, 2))
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


def check_layout_version(path: Path, book: Book) -> int:
    version = declared_version(book, path)
    if version > LAYOUT_VERSION:
        raise newer_version_error(version, path)
    if 0 < version < OLDEST_READABLE_VERSION:
        raise LayoutVersionError(
            f"uses layout version {version}, older than this tool reads directly (from "
            f"{OLDEST_READABLE_VERSION}); run coalition upgrade on it first.",
            path,
        )
    return version


def read_cover(book: Book, places: dict[str, tuple[str, str]] | None = None) -> Cover:
    """For whom the workbook is, whom to return it to and by when, from its Instructions.

    ``places``, when given, receives the sheet and cell each answer was read from.
    """
    found: dict[str, str] = {}
    places = {} if places is None else places
    wanted = {fold(label): key for key, label in COVER_LABELS.items()}
    if INSTRUCTIONS_SHEET in book.titles:
        sheet = book.sheet(INSTRUCTIONS_SHEET)
        for row in range(1, 13):
            key = wanted.get(fold(cell_text(sheet.shown((row, 1)))))
            if key and key not in found:
                value = sheet.shown((row, 2))
                found[key] = (
                    value.date().isoformat()
                    if isinstance(value, dt.datetime)
                    else (cell_text(value))
                )
                places[key] = (sheet.title, f"B{row}")
    if not found.get("community") and META_SHEET in book.titles:
        found["community"] = cell_text(book.sheet(META_SHEET).shown((2, 2)))
        places["community"] = (META_SHEET, "B2")
    return Cover(**{key: value for key, value in found.items() if value})


def read_vocabulary(book: Book, path: Path) -> Vocabulary:
    """The option lists this workbook's dropdowns use: its Lists sheet, behind the defined names.

    A list of more options than a coalition's lists may have (:mod:`generator.worksheet.limits`)
    is refused, naming the list; a cell longer than an option may be is not read as one.
    """
    if LISTS_SHEET not in book.titles:
        return DEFAULT_VOCABULARY
    values: dict[str, tuple[str, ...]] = {}
    pillars_by_area: dict[str, str] = {}
    for spec in LISTS:
        # A cell longer than an option may be (a note the name happens to cover) is no option.
        cells = [
            (sheet, row, column, text)
            for sheet, row, column in book.named_cells(spec.name)
            if len(text := cell_text(sheet.shown((row, column)))) <= LIMITS.max_option_length
        ]
        options = tuple(dict.fromkeys(text for *_, text in cells if text))
        _check_list(path, spec.heading, options)
        if options:
            values[spec.key] = options
        if spec.key == "areas" and cells:
            # The pillar of each area stands beside it, under a "Pillar" heading just above.
            sheet, top, column, _ = min(cells, key=lambda c: c[1])
            header = cell_text(sheet.shown((max(top - 1, 1), column + 1)))
            if fold(header) == fold(PILLAR_HEADING):
                for sheet, row, column, text in cells:
                    pillar = cell_text(sheet.shown((row, column + 1)))
                    if text and pillar:
                        pillars_by_area[text] = pillar
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
