"""Fill workbooks in a running LibreOffice Calc, as a person types, and save them with Calc.

Run by tests/make_corpus.py with a Python that has LibreOffice's ``uno`` module (Debian's
python3-uno, or the python inside LibreOffice), never by pytest:

    python3 tests/lo_fill.py PIPE_NAME JOBS.json

JOBS.json is a list of jobs: ``{"in": blank.xlsx, "out": filled.xlsx, "edits": [...]}``. Each
edit is one of

* ``["type", sheet, cell, text]``: the text entered as a person types it (``XCell.setFormula``:
  Calc recognises numbers, TRUE and FALSE, and formulas starting with "=");
* ``["number", sheet, cell, number]``;
* ``["fill", sheet, range, text]``: the same text typed into every cell of a range;
* ``["fill-down", sheet, column, first_row, last_row, template]``: one formula per row, the
  template's ``{row}`` replaced by the row number (what dragging a formula down does);
* ``["merge", sheet, range]``: Format > Merge Cells, keeping the first cell's content.

Calc then saves the workbook as Excel 2007-365 (.xlsx), calculating every formula as it does
for a person. This module imports nothing from the project: it runs in LibreOffice's Python.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, seconds: float = 60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _apply(document, edit: list) -> None:
    kind, sheet_name = edit[0], edit[1]
    sheet = document.Sheets.getByName(sheet_name)
    if kind == "type":
        sheet.getCellRangeByName(edit[2]).setFormula(edit[3])
    elif kind == "number":
        sheet.getCellRangeByName(edit[2]).setValue(edit[3])
    elif kind == "fill":
        cells = sheet.getCellRangeByName(edit[2])
        rows = cells.getRows().getCount()
        columns = cells.getColumns().getCount()
        cells.setFormulaArray(tuple((edit[3],) * columns for _ in range(rows)))
    elif kind == "fill-down":
        column, first, last, template = edit[2], edit[3], edit[4], edit[5]
        cells = sheet.getCellRangeByName(f"{column}{first}:{column}{last}")
        cells.setFormulaArray(tuple((template.format(row=r),) for r in range(first, last + 1)))
    elif kind == "merge":
        sheet.getCellRangeByName(edit[2]).merge(True)
    else:
        raise ValueError(f"unknown edit {kind!r}")


def main(pipe: str, jobs_path: str) -> None:
    with open(jobs_path, encoding="utf-8") as handle:
        jobs = json.load(handle)
    context = _connect(pipe)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    try:
        for job in jobs:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(job["in"]), "_blank", 0, (_property("Hidden", True),)
            )
            try:
                for edit in job["edits"]:
                    _apply(document, edit)
                document.calculateAll()
                document.storeToURL(
                    uno.systemPathToFileUrl(job["out"]),
                    (_property("FilterName", "Calc MS Excel 2007 XML"),),
                )
            finally:
                document.close(True)
    finally:
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
