"""Habits of the people who fill workbooks, one at a time: typed marks, words for "nothing",
formulas a program saved without results, and what the commands do with what cannot be read.

The corpus (test_corpus.py) checks whole workbooks against what their people meant; these tests
pin each rule down on the Forest City sample.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from make_corpus import cases, fill_with_openpyxl
from openpyxl import load_workbook
from workbook_edits import edit, find_row, replace_sheet

import generator.excel.reader.formulas
import generator.word.pdf
from generator.cli import main
from generator.excel.reader import check_workbook, read_workbook
from generator.worksheet import PART1_SHEET, PART2, PART5
from generator.worksheet.marks import read_mark

# --- The vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Yes", "yes ", "Y", "x", "X", "TRUE", True, 1, 1.0, "1", "\u2713", "\u2714", "\u2714\ufe0f",
     "\u2705", "\u2611", "\u2611\ufe0f", "\u221a", "\u2612", "Yes.", "s\u00ed"],
)  # fmt: skip
def test_these_mark_an_option(typed: object) -> None:
    assert read_mark(typed) is True


@pytest.mark.parametrize(
    "typed",
    [None, "", "  ", False, 0, "No", "no.", "N", "nope", "FALSE", "0", "-", "\u2013", "\u2014",
     "N/A", "n / a", "NA", "None", "\u2610", "\u2717", "\u2718", "\u2716", "\u274c", "\u274e"],
)  # fmt: skip
def test_these_leave_it_unmarked(typed: object) -> None:
    assert read_mark(typed) is False


@pytest.mark.parametrize("typed", ["maybe", "?", 2, "Yes please", "xx", "✓✓", -1, "partly"])
def test_anything_else_is_no_mark_and_never_guessed(typed: object) -> None:
    assert read_mark(typed) is None


# --- Words for nothing ----------------------------------------------------------------------------


def test_na_none_and_dashes_are_no_answer_in_any_column(sample_workbook: Path) -> None:
    """ "N/A" typed as Marcus Bell's email was "not an email address"; "none" as a sender's
    title would have been signed under a letter; "N/A" beside an unchosen Part 1 option was
    "details written for an option not chosen"."""

    def change(workbook):
        part5 = workbook[PART5.sheet]
        row = find_row(part5, 1, "Marcus Bell")
        part5[f"G{row}"], part5[f"I{row}"] = "N/A", "none"
        part1 = workbook[PART1_SHEET]
        part1[f"C{find_row(part1, 1, 'Middle-class residents')}"] = "\u2014"

    reading = check_workbook(edit(sample_workbook, change))

    marcus = next(i for i in reading.plan.invitees if i.member == "Marcus Bell")
    assert (marcus.email, marcus.sender_title) == ("", "")
    codes = {f.code for f in reading.findings}
    assert "bad-email" not in codes and "details-not-chosen" not in codes
    assert {("missing-sender-title", "I9"), ("unreachable", "G9")} <= {
        (f.code, f.cell) for f in reading.findings
    }


def test_a_single_column_of_answers_saying_none_chooses_none(sample_workbook: Path) -> None:
    """Several answers in one cell, as Google Sheets' multi-select saves them; "None" there is
    no population, not an option missing from the list."""

    def change(workbook):
        replace_sheet(
            workbook,
            PART2.sheet,
            ["Organization name", "Type of organization", "Target populations served"],
            [["Lakeshore Community Foundation", "Philanthropy", "None"],
             ["Forest City Food Bank", "Nonprofit", "Young people; N/A"]],
        )  # fmt: skip

    reading = check_workbook(edit(sample_workbook, change))

    lakeshore, food_bank = reading.plan.existing_partners
    assert (lakeshore.populations, food_bank.populations) == ([], ["Young people"])
    assert not [f for f in reading.findings if f.code == "not-in-list"]


# --- Formulas without results ---------------------------------------------------------------------


def rezip(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))
    return target


@pytest.mark.parametrize("recalculate_on_load", [True, False])
def test_a_placeholder_result_of_a_program_that_asks_for_recalculation_is_no_result(
    sample_workbook: Path, tmp_path: Path, recalculate_on_load: bool
) -> None:
    """XlsxWriter saves 0 as every formula's result and asks spreadsheets to recalculate on
    load (fullCalcOnLoad): that 0 is no result. Without the request, 0 is a result."""
    edit(sample_workbook, lambda wb: wb[PART2.sheet].__setitem__("C4", '=IF(1,"Yes","")'))

    def change(part: str, data: bytes) -> bytes:
        if part == "xl/worksheets/sheet3.xml":  # Part 2
            data = re.sub(rb'(<c r="C4"[^>]*>.*?</f>)<v\s*/?>(</v>)?', rb"\1<v>0</v>", data)
        if part == "xl/workbook.xml" and not recalculate_on_load:
            data = data.replace(b' fullCalcOnLoad="1"', b"")
        return data

    path = rezip(sample_workbook, tmp_path / "xlsxwriter.xlsx", change)
    with zipfile.ZipFile(path) as package:
        assert b"<v>0</v>" in package.read("xl/worksheets/sheet3.xml")

    reading = check_workbook(path)

    found = [(f.code, f.cell) for f in reading.findings if f.code == "formula-not-calculated"]
    assert found == ([("formula-not-calculated", "C4")] if recalculate_on_load else [])


def test_sheets_without_formulas_are_not_parsed_a_second_time(
    sample_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look for formulas costs a byte search per sheet; only a sheet holding a formula is
    parsed again (the Lists sheet's formulas are never looked at)."""
    parsed: list[int] = []
    real = generator.excel.reader.formulas._scan

    def counting(data: bytes, *args: bool):
        parsed.append(len(data))
        return real(data, *args)

    monkeypatch.setattr(generator.excel.reader.formulas, "_scan", counting)
    read_workbook(sample_workbook)
    assert parsed == []

    edit(sample_workbook, lambda wb: wb[PART5.sheet].__setitem__("J20", "=1+1"))
    read_workbook(sample_workbook)
    assert len(parsed) == 1


# --- What the commands do with what could not be read ---------------------------------------------


def corpus_workbook(name: str, folder: Path) -> Path:
    case = next(c for c in cases() if c.name == name)
    return fill_with_openpyxl(case, folder / f"{name}.xlsx")


def test_letters_from_a_sheet_with_status_filled_down_go_only_to_real_rows(tmp_path: Path) -> None:
    """Invite filled down 500 rows once made hundreds of errors, and with --allow-errors,
    hundreds of unsigned "Dear Colleague" letters."""
    path = corpus_workbook("filled-down", tmp_path)

    result = CliRunner().invoke(main, ["letters", str(path), "-o", str(tmp_path / "letters")])

    assert result.exit_code == 0, result.output
    assert "Wrote 2 letters" in result.output
    assert "0 errors, 1 warning" in result.output
    assert sorted(p.name for p in (tmp_path / "letters").glob("*.docx")) == [
        "Forest City Community College - Sam Lee.docx",
        "Forest City Food Bank - Maria Lopez.docx",
    ]


@pytest.mark.parametrize("command", ["report", "letters"])
def test_what_could_not_be_read_stops_the_briefing_and_the_letters(
    tmp_path: Path, command: str
) -> None:
    path = corpus_workbook("not-a-mark", tmp_path)

    result = CliRunner().invoke(main, [command, str(path), "-o", str(tmp_path / "out")])

    assert result.exit_code == 1
    assert "\u201cmaybe\u201d is not a mark" in result.output
    assert "--allow-errors" in result.output
    assert not (tmp_path / "out").exists()


def test_merge_names_each_cell_it_could_not_carry(tmp_path: Path) -> None:
    clean = corpus_workbook("tool-marks", tmp_path)
    odd = corpus_workbook("not-a-mark", tmp_path)

    result = CliRunner().invoke(
        main, ["merge", str(clean), str(odd), "-o", str(tmp_path / "m.xlsx")]
    )

    assert result.exit_code == 0, result.output
    assert "3 cells of it could not be read, so the merged workbook does not have them" in (
        result.output
    )
    assert "Part 2 Existing!C4" in result.output and "\u201cmaybe\u201d" in result.output
    assert "Internal error" not in result.output


def test_recalculate_without_libreoffice_is_one_sentence_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = corpus_workbook("formulas", tmp_path)
    monkeypatch.delenv("COALITION_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(generator.word.pdf, "_KNOWN_LOCATIONS", ())

    result = CliRunner().invoke(main, ["check", "--recalculate", str(path)])

    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: LibreOffice is needed to recalculate formulas (--recalculate) but was not found;"
    )
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.libreoffice
@pytest.mark.parametrize("command", ["check", "report", "letters", "merge"])
def test_every_command_that_reads_takes_recalculate(tmp_path: Path, command: str) -> None:
    path = corpus_workbook("formulas", tmp_path)
    out = str(tmp_path / ("merged.xlsx" if command == "merge" else "out"))
    args = [command, "--recalculate", str(path)] + ([] if command == "check" else ["-o", out])

    result = CliRunner().invoke(main, args)

    assert result.exit_code == 0, result.output
    assert "no saved value" not in result.output and "Internal error" not in result.output
    if command == "merge":
        merged = load_workbook(out)[PART5.sheet]
        assert merged["B5"].value == "Forest City Community College"
