"""Workbooks filled the ways people fill them read as their people meant (tests/make_corpus.py).

Each case of the corpus is filled twice: by openpyxl, as a script writes a workbook (made here,
in a temporary folder), and by LibreOffice Calc, typed and saved by Calc (committed in
tests/corpus, made again where LibreOffice is installed). Beside each is what its person meant,
written by hand: the plan, and the findings a person must act on, at their cells.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_corpus import (
    CORPUS,
    NEGATIVE_TYPED,
    Case,
    cases,
    fill_with_libreoffice,
    fill_with_openpyxl,
    letter,
    mark_letters,
)
from openpyxl import load_workbook

from generator.briefing.context import build_context
from generator.demo.sample import load_plan, sample_dir
from generator.excel.reader import check_workbook
from generator.excel.writer import write_workbook
from generator.letters.batch import Options, write_letters
from generator.merging.accounting import unaccounted
from generator.merging.merge import merge_workbooks, write_merged
from generator.plan.reading import Reading
from generator.word.recalc import read
from generator.worksheet import DEFAULT_VOCABULARY, PART1_SHEET, PART2, PART3, PART5, TABLES
from generator.worksheet.placement import place_part1, place_table

CASES = cases()
MADE_BY_LIBREOFFICE = [case for case in CASES if case.libreoffice]


PARTNER_FIELDS = ("organization_type", "populations", "domains", "assets", "other_populations",
                  "other_assets", "notes")  # fmt: skip
BENEFIT_FIELDS = ("partner", "aligned_initiatives", "motivations", "roles", "barriers", "notes")
INVITEE_FIELDS = ("member", "organization", "sender", "email", "sender_title", "notes")


def meaning_of(reading: Reading) -> dict[str, Any]:
    """A reading in the form the corpus writes meanings in."""
    plan = reading.plan
    return {
        "community": plan.community,
        "needs": {
            key: [[c.label, c.details] for c in getattr(plan.needs, key)]
            for key in ("groups", "areas", "assets")
        },
        "partners": [
            {"name": p.name, "kind": p.kind.value} | {f: getattr(p, f) for f in PARTNER_FIELDS}
            for p in plan.partners
        ],
        "benefits": [{f: getattr(b, f) for f in BENEFIT_FIELDS} for b in plan.benefits],
        "invitees": [
            {f: getattr(i, f) for f in INVITEE_FIELDS} | {"status": i.status.value}
            for i in plan.invitees
        ],
    }


def findings_of(reading: Reading) -> list[list[str]]:
    return sorted([f.severity.value, f.code, f.sheet, f.cell] for f in reading.findings)


def expected(case: Case, hand: str) -> dict[str, Any]:
    path = CORPUS / f"{case.name}.meaning.json"
    return json.loads(path.read_text(encoding="utf-8"))[hand]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_meanings_beside_the_corpus_are_the_ones_the_script_writes(case: Case) -> None:
    recorded = json.loads((CORPUS / f"{case.name}.meaning.json").read_text(encoding="utf-8"))
    assert recorded["openpyxl"] == case.expected("openpyxl")
    if case.libreoffice:
        assert recorded["libreoffice"] == case.expected("libreoffice")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_workbook_written_by_a_script_reads_as_its_person_meant(
    case: Case, tmp_path: Path
) -> None:
    path = fill_with_openpyxl(case, tmp_path / f"{case.name}.xlsx")

    reading = check_workbook(path)

    assert meaning_of(reading) == expected(case, "openpyxl")["meaning"]
    assert findings_of(reading) == expected(case, "openpyxl")["findings"]


@pytest.mark.parametrize("case", MADE_BY_LIBREOFFICE, ids=lambda c: c.name)
def test_a_workbook_filled_and_saved_by_libreoffice_reads_as_its_person_meant(case: Case) -> None:
    reading = check_workbook(CORPUS / f"{case.name}.libreoffice.xlsx")

    assert meaning_of(reading) == expected(case, "libreoffice")["meaning"]
    assert findings_of(reading) == expected(case, "libreoffice")["findings"]


@pytest.mark.libreoffice
def test_libreoffice_fills_the_corpus_again_and_each_reads_as_meant(tmp_path: Path) -> None:
    made = fill_with_libreoffice(MADE_BY_LIBREOFFICE, tmp_path)

    for case in MADE_BY_LIBREOFFICE:
        reading = check_workbook(made[case.name])
        assert meaning_of(reading) == expected(case, "libreoffice")["meaning"], case.name
        assert findings_of(reading) == expected(case, "libreoffice")["findings"], case.name


@pytest.mark.libreoffice
def test_recalculate_reads_the_results_of_formulas_a_script_saved_without_them(
    tmp_path: Path,
) -> None:
    case = next(c for c in CASES if c.name == "formulas")
    path = fill_with_openpyxl(case, tmp_path / "formulas.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    reading = read(path, recalculate=True)

    assert meaning_of(reading) == expected(case, "libreoffice")["meaning"]
    assert findings_of(reading) == []
    assert reading.path == path and all(f.file == str(path) for f in reading.findings)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # never the user's file


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_merge_carries_every_answer_of_every_habit(case: Case, tmp_path: Path) -> None:
    """A merge reads each copy as check does, so checkbox rows, formulas and merged cells
    never make it stop with "would lose N answers"."""
    clean = fill_with_openpyxl(CASES[0], tmp_path / "clean.xlsx")
    habit = fill_with_openpyxl(case, tmp_path / f"{case.name}.xlsx")

    result = merge_workbooks([clean, habit])
    written = write_merged(result, tmp_path / "merged.xlsx")

    merged = check_workbook(written).plan
    assert unaccounted([r.plan for r in result.readings], merged, result.conflicts) == []
    assert len(merged.partners) == len(expected(case, "openpyxl")["meaning"]["partners"]) + (
        case.name == "formulas"  # the college's name is unread there: a row without a name
    )


# --- Negative marks and filled-down defaults change nothing ------------------------------------

ROWS = range(4, 504)
#: Columns whose last value a person may fill down to the end of the sheet, for rows to come.
FILL_DOWN = [
    (PART5.sheet, letter(PART5, "sender")),
    (PART5.sheet, letter(PART5, "sender_title")),
    (PART2.sheet, letter(PART2, "organization_type")),
    (PART3.sheet, letter(PART3, "organization_type")),
]
MARK_BLANKS = [*NEGATIVE_TYPED, False]
#: What says "no answer" in any cell: a checkbox's leftover, N/A, none, a dash.
ANSWER_BLANKS = [False, "N/A", "none", "-", "\u2014"]


@pytest.fixture(scope="module")
def sample_copy() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="coalition-property-"))
    plan = load_plan(sample_dir() / "forest-city.toml")
    return write_workbook(folder / "forest-city.xlsx", plan.vocabulary, plan.community, plan=plan)


def blank_cells(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The sample's empty cells: mark cells (Part 1 and the matrices) and other answers."""
    workbook = load_workbook(path)
    marks = [(PART1_SHEET, f"B{r.row}") for r in place_part1(DEFAULT_VOCABULARY).rows]
    marks += [
        (t.sheet, f"{c}{row}") for t in (PART2, PART3) for c in mark_letters(t) for row in ROWS
    ]
    others = [
        (t.sheet, f"{p.letter}{row}")
        for t in TABLES
        for p in place_table(t, DEFAULT_VOCABULARY)
        if not p.option
        for row in ROWS
    ]  # fmt: skip
    empty = {
        name: [(s, c) for s, c in cells if workbook[s][c].value in (None, "")]
        for name, cells in (("marks", marks), ("others", others))
    }
    workbook.close()
    return empty


def outputs(path: Path, folder: Path) -> dict[str, Any]:
    """Everything a workbook leads to: the reading, its findings, the briefing's content and
    the text of every letter; the one note about blank rows aside."""
    reading = check_workbook(path)
    findings = [f for f in reading.findings if f.code != "blank-rows"]
    batch = write_letters(reading.plan, folder, Options(date=dt.date(2026, 5, 4)))
    letters = {}
    for result in batch.letters:
        with zipfile.ZipFile(folder / result.file) as docx:
            letters[result.file] = docx.read("word/document.xml")
    context = build_context(reading.plan, findings, today=dt.date(2026, 5, 4))
    return {
        "meaning": meaning_of(reading),
        "findings": [(f.severity, f.code, f.sheet, f.cell, f.message) for f in findings],
        "briefing": context,
        "letters": letters,
        "notes": sum(f.code == "blank-rows" for f in reading.findings),
    }


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_negative_marks_and_filled_down_defaults_change_no_reading_and_no_output(
    sample_copy: Path, data: st.DataObject
) -> None:
    empty = blank_cells(sample_copy)
    marks = data.draw(st.lists(st.sampled_from(empty["marks"]), max_size=60, unique=True))
    leftovers = data.draw(st.lists(st.sampled_from(empty["others"]), max_size=30, unique=True))
    first = data.draw(st.integers(4, 503))
    last = data.draw(st.integers(first, 503))
    fill_status = data.draw(st.booleans())
    fill_down = data.draw(st.sampled_from([None, *FILL_DOWN]))
    values = data.draw(st.lists(st.sampled_from(MARK_BLANKS), min_size=1, max_size=5))
    nothing = data.draw(st.lists(st.sampled_from(ANSWER_BLANKS), min_size=1, max_size=3))

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        changed = root / "changed" / "forest-city.xlsx"
        changed.parent.mkdir()
        workbook = load_workbook(sample_copy)
        for n, (sheet, cell) in enumerate(marks):
            workbook[sheet][cell] = values[n % len(values)]
        for n, (sheet, cell) in enumerate(leftovers):
            workbook[sheet][cell] = nothing[n % len(nothing)]
        if fill_status:
            status = letter(PART5, "status")
            for row in range(first, last + 1):
                if workbook[PART5.sheet][f"{status}{row}"].value in (None, ""):
                    workbook[PART5.sheet][f"{status}{row}"] = "Invite"
        if fill_down is not None:
            sheet, column = workbook[fill_down[0]], fill_down[1]
            last = max(r for r in ROWS if sheet[f"A{r}"].value not in (None, ""))
            for row in range(last + 1, 504):
                sheet[f"{column}{row}"] = sheet[f"{column}{last}"].value
        workbook.save(changed)

        before = outputs(sample_copy, root / "letters-before")
        after = outputs(changed, root / "letters-after")

    assert after["notes"] <= 1
    for key in ("meaning", "findings", "briefing", "letters"):
        assert after[key] == before[key], key
