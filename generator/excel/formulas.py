"""Formulas of a workbook someone else made, turned into the values they showed.

The annotated copy of ``check`` is the file a convener opens next, in Excel, with its formulas
live: ``=HYPERLINK("http://…")`` one click away, a DDE formula (``=cmd|' /C …'!A0``) asking to
start a program, ``=WEBSERVICE(…)`` calling out on every recalculation. So by default the copy
keeps no formula of the sender's:

* each cell's formula is replaced by the value the spreadsheet program last computed for it (its
  cached value, as a value), and the cell carries a note saying so;
* defined names that are formulas rather than plain references are removed, and so are
  validations and conditional formats whose formulas reach another workbook or program;
* formulas a table fills into its new rows are cleared, and links to other workbooks dropped.

The tool's own formulas (the partner list behind the dropdowns of Parts 4 and 5, on the hidden
sheet) are kept when they are exactly what :func:`partner_list_formulas` writes at that cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.workbook.workbook import Workbook

from generator.common.english import counted, shorten
from generator.excel.styles import put_text
from generator.excel.writer.lists_sheet import partner_list_formulas
from generator.worksheet import META_SHEET, Vocabulary

AUTHOR = "coalition check"
#: Cells that get a note of their own; past these, the Findings sheet's summary speaks for them.
MAX_NOTES = 1_000
# A name that is a plain reference (one or several ranges, rows or columns of a sheet) or a
# constant, as spreadsheet programs write them; anything else is a formula.
_RANGE = r"(?:'(?:[^']|'')+'|[\w.]+)!\$?[A-Z]{0,3}\$?[0-9]{0,7}(?::\$?[A-Z]{0,3}\$?[0-9]{0,7})?"
_PLAIN_NAME = re.compile(rf"^(?:{_RANGE}(?:,{_RANGE})*|-?[0-9.]+(?:E[+-]?[0-9]+)?|\"[^\"]*\")$")
# Formulas that reach another workbook ([1]Sheet!A1) or a program (DDE: app|topic!item).
_REACHES_OUT = re.compile(r"[|\[]")


@dataclass
class Neutralised:
    """What :func:`neutralise` replaced or removed, for the copy's Findings sheet."""

    cells: list[str] = field(default_factory=list)  # "Sheet!A1", in workbook order
    names: list[str] = field(default_factory=list)
    rules: int = 0  # validations and conditional formats removed

    def __bool__(self) -> bool:
        return bool(self.cells or self.names or self.rules)

    def summary(self) -> str:
        parts = []
        count = len(self.cells)
        if count == 1:
            parts.append(
                f"the sender's formula at {self.cells[0]} holds the value it last showed instead"
            )
        elif count:
            parts.append(
                f"{count:,} formulas of the sender's (the first at {self.cells[0]}) hold the "
                "values they last showed instead, each cell noted"
            )
        if self.names:
            parts.append(f"{counted(len(self.names), 'defined name')} holding formulas removed")
        if self.rules:
            parts.append(
                counted(
                    self.rules,
                    "validation or conditional format",
                    "validations or conditional formats",
                )
                + " reaching outside the workbook removed"
            )
        text = "; ".join(parts)
        return (
            f"{text[:1].upper()}{text[1:]}, so that opening this copy runs nothing of the "
            "sender's (coalition check --annotate --keep-formulas keeps them)."
        )


def neutralise(workbook: Workbook, cached: Workbook, vocabulary: Vocabulary) -> Neutralised:
    """Replace the sender's formulas in ``workbook`` by their values as ``cached`` holds them
    (the same file loaded with ``data_only=True``)."""
    done = Neutralised()
    own = partner_list_formulas(vocabulary)
    for sheet in workbook.worksheets:
        values = cached[sheet.title] if sheet.title in cached.sheetnames else None
        for (row, column), cell in sorted(sheet._cells.items()):
            if cell.data_type != "f" or isinstance(cell, MergedCell):
                continue
            formula = _text(cell.value)
            if sheet.title == META_SHEET and own.get(cell.coordinate) == formula:
                continue
            _set_value(cell, values._cells.get((row, column)) if values is not None else None)
            where = f"{sheet.title}!{cell.coordinate}"
            done.cells.append(where)
            if len(done.cells) <= MAX_NOTES:
                _note(cell, formula)
        done.rules += _drop_reaching_rules(sheet)
        for table in sheet.tables.values():
            for column in table.tableColumns or []:
                column.calculatedColumnFormula = None
        for name in list(sheet.defined_names):
            if not _PLAIN_NAME.match(sheet.defined_names[name].attr_text or ""):
                del sheet.defined_names[name]
                done.names.append(name)
    for name in list(workbook.defined_names):
        if not _PLAIN_NAME.match(workbook.defined_names[name].attr_text or ""):
            del workbook.defined_names[name]
            done.names.append(name)
    return done


def _text(value: Any) -> str:
    """A formula as written: openpyxl keeps array and data-table formulas as objects."""
    text = getattr(value, "text", value)
    return str(text if text is not None else "")


def _set_value(cell: Any, shown: Any) -> None:
    """The value the formula showed, as a value: text stays text, an error stays that error."""
    value = shown.value if shown is not None else None
    cell.value = None
    if isinstance(value, str) and shown.data_type != "e":
        put_text(cell, value)
    else:
        cell.value = value


def _note(cell: Any, formula: str) -> None:
    note = (
        f"The sender's formula {shorten(formula, 120, one_line=True)} was replaced by the value "
        "it last showed, so that opening this copy runs nothing."
    )
    if cell.comment is not None:
        note = f"{cell.comment.text}\n\n{note}"
    comment = Comment(note, AUTHOR)
    comment.width, comment.height = 320, 140
    cell.comment = comment


def _drop_reaching_rules(sheet: Any) -> int:
    """Remove validations and conditional formats whose formulas name another workbook or a
    program; they are evaluated when the copy opens or a dropdown does."""
    dropped = 0
    kept = []
    for validation in sheet.data_validations.dataValidation:
        formulas = (validation.formula1 or "", validation.formula2 or "")
        if any(_REACHES_OUT.search(f) for f in formulas):
            dropped += 1
        else:
            kept.append(validation)
    sheet.data_validations.dataValidation = kept
    for formatting in sheet.conditional_formatting:
        safe = [
            rule
            for rule in formatting.rules
            if not any(_REACHES_OUT.search(f or "") for f in rule.formula or [])
        ]
        dropped += len(formatting.rules) - len(safe)
        formatting.rules[:] = safe
    return dropped
