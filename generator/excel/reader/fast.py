"""Workbooks read by python-calamine: the reader's own way, ten times faster than openpyxl.

calamine (Rust) reads every value openpyxl does, alike once :mod:`~generator.excel.reader.book`
has evened out the representations (a float for every number, a ``date`` for a midnight date,
"" for a blank). Three things it does not give are taken from the package directly: the defined
names and sheet parts (:mod:`~generator.excel.reader.package`), and the cells showing a
spreadsheet error or holding a formula without a saved value
(:mod:`~generator.excel.reader.formulas`).

calamine holds a sheet as one dense rectangle, from its first cell to its last: a value at A1
and another at XFD1048576 would ask for 17 billion cells, and abort the process. The inspection
before any parser (:mod:`generator.excel.safety`) measures each part's rectangle from its cells'
references; a workbook with a part spread out far beyond the cells it holds, with a cell whose
reference was not measured, or with a part not in UTF-8 (which calamine reads as empty) goes to
openpyxl, which holds only the cells the file holds (:class:`CannotReadFast`), as does any
workbook calamine fails to read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum

from generator.excel.reader.book import Book, SheetCells
from generator.excel.reader.formulas import Uncalculated, scan_sheet
from generator.excel.reader.package import WorkbookPart, read_workbook_part
from generator.excel.safety import Inspection


class CannotReadFast(Exception):
    """This workbook is one for openpyxl: calamine cannot read it, or not within bounds."""


def _reraise_interrupts(error: BaseException) -> None:
    """Ctrl+C and exits stay what they are; any other failure sends the file to openpyxl.

    calamine raises its own errors on a file it cannot read, and a panic of its Rust code comes
    as a BaseException (pyo3_runtime.PanicException, which cannot be imported by name).
    """
    if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise error


class CalamineBook(Book):
    """A workbook read by python-calamine, one sheet at a time, as the reader asks for it.

    ``inspection`` is what :func:`~generator.excel.safety.inspect_workbook` found in it.
    """

    def __init__(self, path: Path, inspection: Inspection) -> None:
        super().__init__()
        if inspection.openpyxl_only:
            part, why = next(iter(inspection.openpyxl_only.items()))
            raise CannotReadFast(f"part {part}: {why}")
        calamine: CalamineWorkbook | None = None
        package: zipfile.ZipFile | None = None
        try:
            calamine = CalamineWorkbook.from_path(str(path))
            metadata = calamine.sheets_metadata
            package = zipfile.ZipFile(path)
            part = read_workbook_part(package)
        except BaseException as error:
            _reraise_interrupts(error)
            for opened in (package, calamine):
                if opened is not None:
                    opened.close()
            raise CannotReadFast(f"{type(error).__name__}: {error}") from None
        self.calamine, self.package, self.part = calamine, package, part
        self.sheetnames = [sheet.name for sheet in metadata]
        self.titles = [sheet.name for sheet in metadata if sheet.typ == SheetTypeEnum.WorkSheet]
        self.names = self.part.names
        #: The sheets whose formulas without results the reader reports, and those formulas.
        self._answer_sheets: set[str] = set()
        self._formulas: dict[str, Uncalculated] = {}

    def close(self) -> None:
        self.package.close()
        self.calamine.close()

    def uncalculated(self, titles: list[str]) -> dict[str, Uncalculated]:
        # Only the answer sheets are looked at for them, as on openpyxl's way.
        self._answer_sheets.update(titles)
        for title in titles:
            if title in self._sheets and title not in self._formulas:
                del self._sheets[title]  # read before without looking: read again, looking
            self.sheet(title)
        return {title: self._formulas.get(title, {}) for title in titles}

    def _read(self, title: str) -> SheetCells:
        data = _sheet_data(self.package, self.part, title)
        try:
            formulas, errors = scan_sheet(
                data,
                self.part.recalculate,
                formulas=title in self._answer_sheets,
                errors=True,
            )
        except (SyntaxError, ValueError) as error:  # lxml's XMLSyntaxError, a bad reference
            raise CannotReadFast(f"sheet {title!r}: {error}") from None
        try:
            sheet = self.calamine.get_sheet_by_name(title)
            first_row, first_column = sheet.start or (0, 0)
            grid = sheet.to_python(skip_empty_area=True)
            merged = sheet.merged_cell_ranges or []
        except BaseException as error:
            _reraise_interrupts(error)
            raise CannotReadFast(f"sheet {title!r}: {type(error).__name__}: {error}") from None
        cells = SheetCells(title, errors=errors)
        rows = cells.rows
        first = first_column + 1
        # One text object for each text repeated down a column (a type, a sender, a mark):
        # calamine makes a new one for every cell.
        texts: dict[str, str] = {}
        once = texts.setdefault
        for row_number, row in enumerate(grid, first_row + 1):
            # A comprehension per row, a truth test per cell: a sheet of marks is mostly blanks.
            held = {
                column: once(value, value) if type(value) is str else value
                for column, value in enumerate(row, first)
                if value or (value is not None and value != "")
            }
            if held:
                rows[row_number] = held
        for row_number, column in errors:  # calamine reads an error as a blank; to be sure
            held = rows.get(row_number)
            if held is not None and held.pop(column, None) is not None and not held:
                del rows[row_number]
        cells.merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in merged]
        if title in self._answer_sheets:
            self._formulas[title] = formulas
        return cells


def _sheet_data(package: zipfile.ZipFile, part: WorkbookPart, title: str) -> bytes:
    """The sheet's part, looked at for what calamine does not give."""
    name = part.part_of(title)
    try:
        return package.read(name)
    except (KeyError, OSError, zipfile.BadZipFile) as error:
        raise CannotReadFast(f"sheet {title!r}: {error}") from None
