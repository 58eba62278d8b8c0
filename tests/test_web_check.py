"""The Start and Check pages through the test client: a new workbook, findings, merges, bad files.

The truths they are compared with are the README's hand-listed findings of the copy with
mistakes, the CLI's own messages for the same files, and the workbooks read back.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_bad_files import CASES, missing
from test_bad_files import folder as a_folder
from web_helpers import Web, html, table_rows, text, upload

from generator.common.errors import CoalitionError
from generator.demo.sample import sample_workbook
from generator.excel.reader import read_workbook
from generator.web.uploads import stored_name
from generator.worksheet import PART2
from generator.worksheet.config import load_config

ROOT = Path(__file__).resolve().parent.parent

#: The README's `coalition check` of the copy with mistakes, by hand: (severity, sheet, cell).
MISTAKES = [
    ("warning", "Part 2 Existing", "B7"),
    ("warning", "Part 2 Existing", "A12"),
    ("error", "Part 2 Existing", "A24"),
    ("warning", "Part 2 Existing", "C24"),
    ("error", "Part 4 Benefits", "A6"),
    ("error", "Part 5 Invite List", "G8"),
    ("warning", "Part 5 Invite List", "G9"),
    ("error", "Part 5 Invite List", "C11"),
]


def with_mistakes(folder: Path) -> Path:
    """The README's copy with mistakes, as `coalition demo` (and docs/make_examples.py) make it."""
    from generator.demo.copies import MISTAKES_NAME
    from generator.demo.copies import with_mistakes as make

    return make(folder / MISTAKES_NAME)


def findings_on(page) -> list[tuple[str, str, str]]:
    """(severity, sheet, cell) of every finding the page lists, part by part."""
    found = []
    for heading in html(page).xpath("//section[@aria-labelledby='findings']//h3"):
        sheet = heading.text.strip()
        table = heading.getnext()
        for row in table.xpath(".//tbody/tr"):
            cells = [" ".join(td.text_content().split()) for td in row.xpath("./td")]
            found.append((cells[0], sheet, cells[1]))
    return found


# --- Start ---------------------------------------------------------------------------------------


def test_the_start_page_walks_through_the_four_steps(web: Web):
    page = web.get("/")

    assert page.status_code == 200
    words = text(page)
    for step in ("1. Start", "2. Check", "3. Briefing", "4. Letters"):
        assert step in words
    assert "Download the new workbook" in words
    assert html(page).xpath("//label[@for='community']")  # every field has its label


def test_a_new_workbook_downloads_for_the_community(web: Web):
    response = web.post("/new-workbook", {"community": "  Forest   City "})

    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition == "attachment; filename=coalition-workbook.xlsx"
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook["_coalition"]["B2"].value == "Forest City"
    assert workbook.sheetnames[0] == "Instructions"


def test_a_new_workbook_takes_the_option_lists_of_a_config_file(web: Web):
    config = (
        b'community = "Boone County"\n[lists.add]\norganization_types = ["Tribal government"]\n'
    )

    response = web.post("/new-workbook", {"config": (io.BytesIO(config), "boone.toml")})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook["_coalition"]["B2"].value == "Boone County"
    (title, ref), *_ = workbook.defined_names["OrganizationTypes"].destinations
    options = [row[0].value for row in workbook[title][ref.replace("$", "")]]
    assert options[-2:] == ["Tribal government", "Other"]


@pytest.mark.parametrize(
    "config",
    [b"[lists\ngroups = 1", b"[lists]\ncolours = ['blue']\n", b"\xff\xfe not text"],
    ids=["not-toml", "unknown-list", "not-utf8"],
)
def test_a_bad_config_file_gets_the_clis_sentence(web: Web, tmp_path: Path, config: bytes):
    own = tmp_path / "coalition.toml"
    own.write_bytes(config)
    with pytest.raises(CoalitionError) as raised:
        load_config(own)
    cli_message = str(raised.value).replace(str(own), "coalition.toml")

    page = web.post("/new-workbook", {"config": (io.BytesIO(config), "coalition.toml")})

    assert page.status_code == 400
    assert html(page).xpath("string(//*[@role='alert'])").strip() == cli_message
    assert str(web.workspace.root) not in page.get_data(as_text=True)


# --- Check ---------------------------------------------------------------------------------------


def test_the_findings_are_listed_part_by_part_with_their_cells(web: Web, tmp_path: Path):
    mistakes = with_mistakes(tmp_path)
    before = mistakes.read_bytes()

    response = web.check(mistakes)
    assert response.status_code == 303
    page = web.get("/check")

    assert "forest-city-with-mistakes.xlsx: 4 errors, 4 warnings" in text(page)
    assert findings_on(page) == MISTAKES
    rows = table_rows(page, "//section[@aria-labelledby='findings']")
    b7 = next(r for r in rows if r[1] == "B7")
    assert b7[3] == "\u201cPhilantropy\u201d was read as \u201cPhilanthropy\u201d."
    assert b7[4] == "Choose \u201cPhilanthropy\u201d from the list."
    assert mistakes.read_bytes() == before


def test_the_annotated_copy_lists_what_the_page_lists(web: Web, tmp_path: Path):
    web.check(with_mistakes(tmp_path))
    page = web.get("/check")

    download = web.download(page, "Download the annotated copy")

    assert download.status_code == 200
    assert "forest-city-with-mistakes-annotated.xlsx" in download.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(download.data))["Findings"]
    listed = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(4, sheet.max_row + 1)]
    assert listed == [(severity, f"{s}!{cell}") for severity, s, cell in MISTAKES]
    assert sheet["A1"].value == (
        "coalition check: 4 errors, 4 warnings in forest-city-with-mistakes.xlsx"
    )


def test_the_sample_can_be_tried_without_a_workbook(web: Web):
    response = web.post("/sample")

    assert response.status_code == 303
    page = web.get("/check")
    assert "forest-city.xlsx: 0 errors, 2 warnings" in text(page)
    assert findings_on(page) == [
        ("warning", "Part 2 Existing", "A12"),
        ("warning", "Part 5 Invite List", "G9"),
    ]


def copy_with(tmp_path: Path, name: str, organization_type: str | None = None) -> Path:
    """The sample as one partner filled it in; optionally another type for the 4th partner."""
    workbook = load_workbook(sample_workbook())
    if organization_type is not None:
        workbook[PART2.sheet].cell(7, 2, organization_type)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def test_several_copies_are_merged_with_every_conflict_listed(web: Web, tmp_path: Path):
    maria = copy_with(tmp_path, "maria.xlsx")
    james = copy_with(tmp_path, "james.xlsx", organization_type="Nonprofit")
    organization = load_workbook(maria)[PART2.sheet].cell(7, 1).value

    web.check(maria, james)
    page = web.get("/check")

    words = text(page)
    assert "merged.xlsx: 0 errors, 2 warnings" in words
    assert "Merged from 2 copies" in words
    assert "1 conflict between the copies" in words
    (conflict,) = table_rows(page, "//section[@aria-labelledby='conflicts']")
    assert conflict[:3] == ["Part 2 Existing!B7", organization, "Type of organization"]
    assert conflict[3] == (
        "kept \u201cPhilanthropy\u201d from maria.xlsx (row 7) \u201cNonprofit\u201d from "
        "james.xlsx (row 7)"
    )
    merged = web.download(page, "Download the merged workbook")
    path = tmp_path / "downloaded-merged.xlsx"
    path.write_bytes(merged.data)
    assert load_workbook(path).sheetnames[0] == "Conflicts"
    partner = next(p for p in read_workbook(path).plan.partners if p.name == organization)
    assert partner.organization_type == "Philanthropy"


def test_copies_sent_back_under_one_name_are_told_apart(web: Web, tmp_path: Path):
    first = copy_with(tmp_path / "a", "coalition-workbook.xlsx")
    second = copy_with(tmp_path / "b", "coalition-workbook.xlsx", organization_type="Nonprofit")

    web.check(first, second)
    page = web.get("/check")

    (conflict,) = table_rows(page, "//section[@aria-labelledby='conflicts']")
    assert "from coalition-workbook.xlsx (row 7)" in conflict[3]
    assert "from coalition-workbook (2).xlsx (row 7)" in conflict[3]


BAD = [case for case in CASES if case[0] not in (missing, a_folder)]


@pytest.mark.parametrize(("make", "error", "words"), BAD, ids=[c[0].__name__ for c in BAD])
def test_a_bad_or_hostile_workbook_gets_the_clis_sentence_naming_it(
    web: Web, tmp_path: Path, make: Callable[[Path], Path], error: type, words: str
):
    path = make(tmp_path)
    with pytest.raises(error) as raised:
        read_workbook(path)
    cli_message = str(raised.value).replace(str(path), path.name)

    page = web.check(path)

    assert page.status_code == 400
    assert html(page).xpath("string(//*[@role='alert'])").strip() == cli_message
    assert words in text(page)
    assert "Traceback" not in text(page)
    assert str(web.workspace.root) not in page.get_data(as_text=True)
    assert web.workspace.workbook is None  # nothing to write a briefing or letters from


def test_every_unreadable_copy_is_named_at_once(web: Web, tmp_path: Path):
    good = copy_with(tmp_path, "good.xlsx")
    text_file = (io.BytesIO(b"Organization name,Type\n"), "list.xlsx")
    empty = (io.BytesIO(b""), "empty.xlsx")

    page = web.check(text_file, good, empty)

    assert page.status_code == 400
    messages = [
        " ".join(li.text_content().split()) for li in html(page).xpath("//*[@role='alert']//li")
    ]
    assert [m.split(":")[0] for m in messages] == ["list.xlsx", "empty.xlsx"]
    assert "is empty (0 bytes)" in messages[1]


def test_a_file_name_with_a_path_is_only_a_name(web: Web, tmp_path: Path):
    sample = sample_workbook()
    names = ["../../escaped.xlsx", "..\\..\\C:\\Windows\\evil.xlsx", "/etc/passwd"]

    web.check(*[upload(sample, name) for name in names])

    assert "Merged from 3 copies" in text(web.get("/check"))
    copies = web.workspace.root / "001-check" / "copies"
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.is_relative_to(web.workspace.root) for p in written)  # nothing escaped
    uploaded = [p for p in written if p.is_relative_to(copies)]
    assert [p.parent for p in uploaded] == [copies] * 3  # and nothing went deeper
    assert {"escaped.xlsx", "passwd.xlsx"} <= {p.name for p in uploaded}


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../escaped.xlsx", "escaped.xlsx"),
        ("..\\..\\C:\\Windows\\evil.XLSX", "evil.xlsx"),
        ("/etc/passwd", "passwd.xlsx"),
        ("..", "workbook.xlsx"),
        ("CON.xlsx", "_CON.xlsx"),
        ("plan.csv", "plan.csv"),
        ("a\u202eslx.exe", "aslx.exe"),
        ("", "workbook.xlsx"),
    ],
)
def test_an_uploaded_name_becomes_one_plain_name(sent: str, kept: str):
    assert stored_name(sent, "workbook.xlsx") == kept


def test_checking_needs_a_file(web: Web):
    page = web.post("/check", {})

    assert page.status_code == 400
    assert "Choose one or more workbooks to upload first." in text(page)
