"""The Briefing and Letters pages through the test client.

What they make is compared with what the CLI's functions make of the same workbook (the same
letters, byte for byte), with poppler's count of a PDF's pages, and with the README's numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from test_web_check import with_mistakes
from web_helpers import Web, html, table_rows, text

from generator.common.errors import CoalitionError, ConversionError
from generator.demo.sample import sample_workbook
from generator.excel.reader import check_workbook
from generator.letters.batch import Options, write_letters
from generator.letters.templates import check_template, describe, export_templates
from generator.web.letters_run import LetterRun
from generator.word.pages import find_pdftoppm
from generator.word.pdf import find_soffice

DAY = "2026-05-04"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> str:
    """LibreOffice out of reach, as on a machine without it; the sentence the library says."""
    monkeypatch.setenv("COALITION_SOFFICE", "/nowhere/soffice")
    with pytest.raises(ConversionError) as raised:
        find_soffice()
    return str(raised.value)


@pytest.fixture
def cli_letters(tmp_path: Path) -> dict[int, Path]:
    """The sample's letters as `coalition letters --date 2026-05-04` writes them, by row."""
    plan = check_workbook(sample_workbook()).plan
    folder = tmp_path / "cli-letters"
    batch = write_letters(plan, folder, Options(date=dt.date.fromisoformat(DAY)))
    return {r.row: folder / r.file for r in batch.letters}


def pages_of(pdf: bytes, tmp_path: Path) -> int:
    """poppler's own count of a PDF's pages."""
    path = tmp_path / "counted.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def alert(page) -> str:
    return " ".join(html(page).xpath("string(//*[@role='alert'])").split())


# --- Briefing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/briefing", "/letters"])
def test_the_document_pages_ask_for_a_checked_workbook_first(web: Web, path: str):
    page = web.get(path)

    assert page.status_code == 200
    assert "Check a workbook first" in text(page)
    assert "Try it with the Forest City sample" in text(page)


@pytest.mark.libreoffice
def test_the_briefing_comes_with_its_pdf_and_a_picture_of_every_page(web: Web, tmp_path: Path):
    web.post("/sample")

    assert web.post("/briefing", {"prepared_by": "Maria Delgado"}).status_code == 303
    page = web.get("/briefing")

    assert "Found 2 warnings; the briefing lists them in its data-quality notes." in text(page)
    document = web.download(page, "Download the briefing (.docx)")
    assert "forest-city-coalition-report.docx" in document.headers["Content-Disposition"]
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(document.data)).paragraphs)
    assert "Maria Delgado" in words
    pdf = web.download(page, "Download the briefing (PDF)")
    assert pdf.data.startswith(b"%PDF")
    pictures = html(page).xpath("//ol[@class='pages']//img")
    assert len(pictures) == pages_of(pdf.data, tmp_path) > 1
    for number, picture in enumerate(pictures, start=1):
        assert picture.get("alt").startswith(f"Page {number} of {len(pictures)} of the briefing")
        shown = web.get(picture.get("src"))
        assert shown.data.startswith(PNG)
        assert shown.mimetype == "image/png"
        assert "attachment" not in shown.headers.get("Content-Disposition", "")


def test_without_libreoffice_the_briefing_page_says_so_plainly(web: Web, no_libreoffice: str):
    web.post("/sample")
    web.post("/briefing")

    page = web.get("/briefing")

    words = text(page)
    assert f"The briefing is written, with no PDF and no preview: {no_libreoffice}" in words
    assert "Download the briefing (.docx)" in words
    assert "Download the briefing (PDF)" not in words
    assert not html(page).xpath("//ol[@class='pages']")


def test_without_pdftoppm_the_pdf_is_still_offered(web: Web, monkeypatch: pytest.MonkeyPatch):
    def fake_pdf(paths: list[Path], folder: Path, workers: int = 2) -> list[Path]:
        (folder / "briefing.pdf").write_bytes(b"%PDF-1.4 a stand-in")
        return [folder / "briefing.pdf"]

    monkeypatch.setattr("generator.web.pages.briefing.convert_to_pdf", fake_pdf)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ConversionError) as raised:
        find_pdftoppm()
    web.post("/sample")
    web.post("/briefing")

    page = web.get("/briefing")

    assert f"The briefing is written, with no preview: {raised.value}" in text(page)
    assert web.download(page, "Download the briefing (PDF)").data.startswith(b"%PDF")


def test_errors_stop_the_briefing_unless_it_is_written_anyway(
    web: Web, tmp_path: Path, no_libreoffice: str
):
    web.check(with_mistakes(tmp_path))

    refused = web.post("/briefing")

    assert refused.status_code == 400
    assert alert(refused) == (
        "forest-city-with-mistakes.xlsx has 4 errors, so no briefing was written; correct them "
        "and check the workbook again, or tick \u201cWrite it anyway\u201d to have them listed in "
        "it."
    )
    assert web.post("/briefing", {"allow_errors": "1"}).status_code == 303
    page = web.get("/briefing")
    assert "Found 4 errors, 4 warnings; the briefing lists them" in text(page)
    document = docx.Document(io.BytesIO(web.download(page, "Download the briefing").data))
    assert any("4 errors and 4 warnings" in p.text for p in document.paragraphs)


# --- Letters: who, with what ---------------------------------------------------------------------


def test_the_invite_list_says_who_gets_a_letter_and_why_not(web: Web, cli_letters: dict[int, Path]):
    web.post("/sample")

    page = web.get("/letters")

    assert "10 letters to write, of 14 rows on the invite list." in text(page)
    rows = {int(r[0]): r for r in table_rows(page, "//table[@class='invitees']")}
    assert sorted(rows) == list(range(4, 18))
    for row, letter in cli_letters.items():
        assert rows[row][5] == f"Preview the invitation to {rows[row][1]} {letter.name}"
        assert html(page).xpath(f"//button[@formaction='/letters/preview/{row}']")
    assert rows[14][5] == "No letter: already invited (status \u201cInvited\u201d)"
    for row in (15, 16):
        assert rows[row][5] == (
            "No letter: keep informed: tick \u201cAlso write update letters\u201d to write one"
        )
    assert rows[17][5] == "No letter: already accepted (status \u201cAccepted\u201d)"
    assert rows[9][1:5] == ["Marcus Bell", "Mayfield Tenants Union", "Maria Delgado", "Invite"]


def test_choices_change_who_gets_a_letter(web: Web):
    web.post("/sample")

    web.post("/letters/choices", {"keep_informed": "1"})
    rows = table_rows(web.get("/letters"), "//table[@class='invitees']")
    assert [r[0] for r in rows if r[5].startswith("Preview the update")] == ["15", "16"]

    web.post("/letters/choices", {"sender": "Karen Liu"})
    page = web.get("/letters")
    rows = table_rows(page, "//table[@class='invitees']")
    assert [r[1] for r in rows if r[5].startswith("Preview")] == [
        "Aisha Rahman",
        "Dr. Samuel Okoye",
    ]
    assert "2 letters to write" in text(page)
    assert html(page).xpath("//option[@selected]/@value") == ["Karen Liu"]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"date": "2026-13-40"}, "\u201c2026-13-40\u201d is not a date; write it like 2026-05-04."),
        ({"sender": "Somebody Else"}, "Choose a sender from the list."),
    ],
    ids=["date", "sender"],
)
def test_a_choice_the_page_does_not_offer_is_refused(web: Web, choices: dict, message: str):
    web.post("/sample")

    page = web.post("/letters/choices", choices)

    assert page.status_code == 400
    assert alert(page) == message


# --- Letters: preview ----------------------------------------------------------------------------


def test_a_preview_is_the_letter_the_batch_writes(
    web: Web, cli_letters: dict[int, Path], no_libreoffice: str
):
    web.post("/sample")
    web.post("/letters/choices", {"date": DAY})

    page = web.get("/letters/preview/5")

    assert page.status_code == 200
    words = text(page)
    assert "The invitation to Harold Brooks, Forest City Chamber of Commerce" in words
    assert f"No picture of the page: {no_libreoffice}" in words
    expected = docx.Document(str(cli_letters[5]))
    header = [p.text for p in expected.sections[0].header.paragraphs if p.text.strip()]
    body = [p.text for p in expected.paragraphs if p.text.strip()]
    shown = [p.text_content() for p in html(page).xpath("//section[@class='letter-text']/p")]
    assert shown == header + body
    assert "Dear Mr. Brooks," in shown
    download = web.download(page, "Download this letter (.docx)")
    assert download.data == cli_letters[5].read_bytes()


def test_a_preview_takes_the_choices_as_they_are_ticked(web: Web, no_libreoffice: str):
    web.post("/sample")

    response = web.post("/letters/preview/15", {"keep_informed": "1", "date": DAY})

    assert response.status_code == 303
    assert response.headers["Location"] == "/letters/preview/15"
    page = web.get("/letters/preview/15")
    assert "The update to Patricia Nguyen, Forest City Unified School District" in text(page)
    assert "May 4, 2026" in text(page)


@pytest.mark.libreoffice
def test_a_preview_shows_the_letter_as_a_page(web: Web):
    web.post("/sample")

    page = web.get("/letters/preview/5")

    (picture,) = html(page).xpath("//ol[@class='pages']//img")
    assert web.get(picture.get("src")).data.startswith(PNG)


def test_a_row_without_a_letter_says_why_and_a_row_not_listed_is_not_found(web: Web):
    web.post("/sample")

    skipped = web.get("/letters/preview/14")
    assert skipped.status_code == 400
    assert alert(skipped) == (
        "Row 14 of the invite list gets no letter: already invited (status \u201cInvited\u201d)."
    )
    assert web.get("/letters/preview/99").status_code == 404
    assert web.get("/letters/preview/-1").status_code == 404


# --- Letters: the template -----------------------------------------------------------------------


def own_template(tmp_path: Path, change: tuple[bytes, bytes] | None = None) -> Path:
    """The default invitation template as `coalition templates export` copies it, maybe edited."""
    folder = tmp_path / "my-templates"
    export_templates(folder)
    path = folder / "letter.docx"
    if change is not None:
        edited = tmp_path / "edited.docx"
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(edited, "w") as new:
            document = old.read("word/document.xml")
            assert change[0] in document, "the default template no longer holds the text to edit"
            for item in old.infolist():
                data = old.read(item)
                new.writestr(
                    item, data.replace(*change) if item.filename.endswith(".xml") else data
                )
        edited.replace(path)
    return path


def template_lines(page) -> list[str]:
    return (
        html(page).xpath("string(//pre[@aria-label='What the template check found'])").splitlines()
    )


def batch_lines(page) -> list[str]:
    return html(page).xpath("string(//pre[@aria-label='What the batch did'])").splitlines()


def test_an_uploaded_template_is_checked_with_the_clis_lines(web: Web, tmp_path: Path):
    web.post("/sample")
    template = own_template(tmp_path)
    plan = web.workspace.workbook.reading.plan
    cli = [
        line.replace(str(template), "letter.docx")
        for line in describe(check_template(template, plan))
    ]

    assert (
        web.post(
            "/letters/template", {"template": (io.BytesIO(template.read_bytes()), "letter.docx")}
        ).status_code
        == 303
    )
    page = web.get("/letters")

    assert template_lines(page) == cli
    assert cli[0] == "letter.docx uses 21 fields:"
    assert "Letters use letter.docx (uploaded, checked)" in text(page)


def test_the_template_and_choices_outlast_a_new_check_of_the_workbook(web: Web, tmp_path: Path):
    web.post("/sample")
    template = own_template(tmp_path)
    web.post("/letters/template", {"template": (io.BytesIO(template.read_bytes()), "ours.docx")})
    web.post("/letters/choices", {"date": DAY, "sender": "Karen Liu", "eml": "1"})

    web.post("/sample")  # the workbook corrected and checked again
    page = web.get("/letters")

    assert "Letters use ours.docx (uploaded, checked)" in text(page)
    assert html(page).xpath("//input[@id='date']/@value") == [DAY]
    assert html(page).xpath("//input[@id='eml']/@checked")
    assert html(page).xpath("//option[@selected]/@value") == [""]  # everyone's again


def test_a_template_with_an_unknown_field_is_refused_with_a_suggestion(web: Web, tmp_path: Path):
    web.post("/sample")
    template = own_template(tmp_path, (b"{% if member_title %}", b"{% if membr_title %}"))

    web.post("/letters/template", {"template": (io.BytesIO(template.read_bytes()), "mine.docx")})
    page = web.get("/letters")

    assert "uses fields that do not exist, so it was not taken" in alert(page)
    assert any(
        "membr_title" in line and "did you mean \u201cmember_title\u201d" in line
        for line in template_lines(page)
    )
    assert "Letters use the default template" in text(page)


def test_a_file_that_is_not_a_template_gets_the_clis_sentence(web: Web, tmp_path: Path):
    web.post("/sample")
    fake = tmp_path / "letter.docx"
    fake.write_bytes(b"Dear {{ member }}, this is not a Word document.")
    with pytest.raises(CoalitionError) as raised:
        check_template(fake)

    page = web.post(
        "/letters/template", {"template": (io.BytesIO(fake.read_bytes()), "letter.docx")}
    )

    assert page.status_code == 400
    assert alert(page) == str(raised.value).replace(str(fake), "letter.docx")


# --- Letters: the batch --------------------------------------------------------------------------


def test_the_batch_is_written_and_offered_as_a_zip(web: Web, cli_letters: dict[int, Path]):
    web.post("/sample")
    ticked = {"date": DAY, "combined": "1", "eml": "1"}  # the write button sends its form

    assert web.post("/letters/write", ticked).status_code == 303
    state = web.wait_for_letters()
    page = web.get("/letters")

    assert state == {"done": 10, "total": 10, "phase": "Done", "finished": True}
    lines = batch_lines(page)
    assert lines[0] == "Wrote 10 letters to letters."
    assert (
        "Also wrote 8 draft emails, All letters (for printing).docx and 3 documents for "
        "printing (one per sender)." in lines
    )
    assert "Note: row 9 (Marcus Bell): no email address, so no draft email" in lines
    assert lines[-1] == "Manifest: letters/manifest.csv"
    package = zipfile.ZipFile(io.BytesIO(web.download(page, "Download the letters (.zip)").data))
    names = set(package.namelist())
    letters = {p.name for p in cli_letters.values()}
    senders = {"Council Member James Whitfield", "Karen Liu", "Maria Delgado"}
    assert {n for n in names if n.endswith(".docx")} == letters | {
        "All letters (for printing).docx",
        *(f"Letters from {sender} (for printing).docx" for sender in senders),
    }
    assert len([n for n in names if n.endswith(".eml")]) == 8
    assert "manifest.csv" in names
    for path in cli_letters.values():
        assert package.read(path.name) == path.read_bytes()


def test_letters_stop_on_errors_unless_allowed(web: Web, tmp_path: Path):
    web.check(with_mistakes(tmp_path))

    refused = web.post("/letters/write")
    assert refused.status_code == 400
    assert alert(refused).startswith("forest-city-with-mistakes.xlsx has errors, so no letters")

    assert web.post("/letters/write", {"allow_errors": "1"}).status_code == 303
    web.wait_for_letters()
    assert batch_lines(web.get("/letters"))[0].startswith("Wrote ")


def test_a_running_batch_shows_its_progress_and_is_not_started_twice(web: Web):
    web.post("/sample")
    assert web.get("/letters/progress").get_json()["finished"] is True
    workbook = web.workspace.workbook
    running = LetterRun(workbook.reading.plan, web.workspace.root / "letters", Options())
    running.total, running.done, running.phase = 10, 3, "Writing the letters"
    web.workspace.letters_run = running  # as if started, and not finished

    page = web.get("/letters")

    assert html(page).xpath("//progress[@max='10'][@value='3']")
    assert "Writing the letters: 3 of 10" in text(page)
    assert html(page).xpath("//noscript/meta[@http-equiv='refresh']")  # without script
    assert web.get("/letters/progress").get_json() == {
        "done": 3,
        "total": 10,
        "phase": "Writing the letters",
        "finished": False,
    }
    again = web.post("/letters/write")
    assert again.status_code == 409
    assert alert(again) == "The letters are being written; wait for that batch first."
