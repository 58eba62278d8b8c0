"""The default letters read as written by a person, whatever people typed in the workbook.

The rows of tests/typed_rows.py are typed the way people type: lists with semicolons, commas,
bullets and line breaks, notes as fragments or in capitals, names in small letters. These tests
read the letters written from them; tests/review_letters.py prints them all to read in full.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typed_rows import typed_plan

from generator.common.english import items_of, listed, tidy_case
from generator.letters.batch import Options, write_letters
from generator.letters.context import LetterKind
from generator.letters.wording import to_reader, you_clause
from generator.word.pdf import convert_to_pdf

DAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Family Self-Sufficiency program; Mayfield Homes redevelopment",
         ["Family Self-Sufficiency program", "Mayfield Homes redevelopment"]),
        ("youth jobs program, summer camp, after-school tutoring",
         ["youth jobs program", "summer camp", "after-school tutoring"]),
        ("ESL classes, citizenship workshops, and a food pantry",
         ["ESL classes", "citizenship workshops", "a food pantry"]),
        ("- their ED as champion\n- program staff", ["their ED as champion", "program staff"]),
        ("• Safe at Home\n• Girls Inc. after-school", ["Safe at Home", "Girls Inc. after-school"]),
        ("1. Home repair grants 2. Down-payment help", ["Home repair grants", "Down-payment help"]),
        ("Community Health Needs Assessment; local hiring pledge;",
         ["Community Health Needs Assessment", "local hiring pledge"]),
        ("Wealth-Building for All campaign and the Small Business Loan Program",
         ["Wealth-Building for All campaign and the Small Business Loan Program"]),
        ("Enrollment is falling, and they want employers to help them reach adults who left "
         "school early, which is hard", ["Enrollment is falling, and they want employers to help "
         "them reach adults who left school early, which is hard"]),
        ("N/A", []),
        ("TBD", []),
        ("", []),
    ],
)  # fmt: skip
def test_a_list_typed_in_one_cell_is_its_items(typed: str, expected: list[str]) -> None:
    assert items_of(typed) == expected


def test_items_read_as_an_english_list() -> None:
    assert listed(["a", "b", "c"]) == "a, b and c"
    assert listed(["Director, Office of X", "champion"]) == "Director, Office of X; and champion"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("JOHN SMITH", "John Smith"),
        ("maria garcia", "Maria Garcia"),
        ("mary-kate o'connor", "Mary-Kate O'Connor"),
        ("chief of staff", "Chief of Staff"),
        ("CEO", "CEO"),
        ("VP OF OPERATIONS", "VP of Operations"),
        ("Dr. Lena Park", "Dr. Lena Park"),
        ("bell hooks Center", "bell hooks Center"),
    ],
)
def test_names_typed_in_capitals_or_small_letters_are_written_as_names(
    typed: str, expected: str
) -> None:
    assert tidy_case(typed) == expected


@pytest.mark.parametrize(
    ("note", "clause", "reader"),
    [
        ("They want to reach more teens.", "you want to reach more teens",
         "You want to reach more teens"),
        ("wants visibility with city council", "you want visibility with city council",
         "you want visibility with city council"),
        ("THEY WANT TO STOP EVICTIONS BEFORE THEY HAPPEN",
         "you want to stop evictions before they happen",
         "You want to stop evictions before they happen"),
        ("Their community benefit obligations.", "", "Your community benefit obligations"),
        ("funding!!", "", "funding"),
        ("A seat at the table.", "", "A seat at the table"),
        ("Enrollment is falling, and they want employers to help them.", "",
         "Enrollment is falling, and you want employers to help you"),
    ],
)  # fmt: skip
def test_notes_about_the_partner_become_words_to_them(note: str, clause: str, reader: str) -> None:
    assert you_clause(note) == clause
    assert to_reader(note) == reader


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, list[str]]]:
    """The thirty letters, by row: (kind, paragraphs)."""
    out = tmp_path_factory.mktemp("typed")
    batch = write_letters(typed_plan(), out, Options(date=DAY, keep_informed=True))
    assert len(batch.letters) == 30 and not batch.failed
    return {
        r.row: (r.letter, [p.text for p in docx.Document(str(out / r.file)).paragraphs if p.text])
        for r in batch.letters
    }


def test_free_text_is_never_pasted_into_a_sentence_as_typed(
    letters: dict[int, tuple[str, list[str]]],
) -> None:
    plan = typed_plan()
    typed_lists = [
        text
        for benefit in plan.benefits
        for text in (benefit.aligned_initiatives, benefit.roles)
        if re.search(r"[;\n\u2022]|^\s*-", text)
    ]
    for _, lines in letters.values():
        body = "\n".join(lines)
        for text in typed_lists:
            assert text not in body
        assert not re.search(r"\b(N/A|TBD)\b", body)
        assert "( " not in body and ";." not in body and ".." not in body
        assert "private" not in body  # the barriers column, the convener's own notes


def test_each_letter_greets_and_signs_as_a_person_would(
    letters: dict[int, tuple[str, list[str]]],
) -> None:
    by_row = {row: lines for row, (_, lines) in letters.items()}
    assert "Dear John Smith," in by_row[9]
    assert by_row[9][1].startswith("John Smith\nPresident\n")
    assert "Dear Maria Garcia," in by_row[6]
    assert by_row[7][1].startswith("Aisha Rahman-Cole\nCEO\n")
    assert by_row[8][-1] == "Dee Washington\nOrganizer\n216-555-0190"
    assert by_row[3][-1] == "Karen Liu\nkliu@lakeshorecf.org\n216.555.0113 ext. 4"


def test_every_sender_who_can_be_reached_says_how(
    letters: dict[int, tuple[str, list[str]]],
) -> None:
    plan = typed_plan()
    for row, (_, lines) in letters.items():
        invitee = plan.invitees[row - 1]
        body = " ".join(lines)
        contact = [x for x in (invitee.sender_email, invitee.sender_phone) if x]
        if contact:
            assert " or ".join(contact) in body
        assert "do not hesitate to contact me" not in body


def test_the_priorities_named_are_the_partners_own(
    letters: dict[int, tuple[str, list[str]]],
) -> None:
    (_, housing) = letters[2]  # Forest City Housing Authority
    goals = next(line for line in housing if line.startswith("Over the coming months"))
    assert "shared goals for housing affordability, housing stability and our other priorities" in (
        goals
    )
    (_, nothing) = letters[20]  # Youth Voices Council: in neither Part 2 nor Part 3
    goals = next(line for line in nothing if line.startswith("Over the coming months"))
    assert "for housing affordability, housing stability, transportation access and our other" in (
        goals
    )


def test_update_letters_are_grammatical(letters: dict[int, tuple[str, list[str]]]) -> None:
    updates = {row: lines for row, (kind, lines) in letters.items() if kind == LetterKind.UPDATE}
    assert sorted(updates) == [24, 25, 26, 27]
    assert (
        "Because Northside Manufacturing Alliance works on jobs paying living wages and "
        "employment opportunities, two of our community\u2019s priorities, I wanted you to hear "
        "about the coalition from us." in " ".join(updates[24])
    )
    assert "I wanted you to hear about the coalition from us. Over the coming months, it will" in (
        " ".join(updates[27])
    )


@pytest.mark.libreoffice
def test_every_typed_letter_fits_on_one_page(tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    batch = write_letters(typed_plan(), tmp_path, Options(date=DAY, keep_informed=True))
    pdfs = convert_to_pdf([tmp_path / r.file for r in batch.letters], tmp_path / "pdf")
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE), pdf.name
