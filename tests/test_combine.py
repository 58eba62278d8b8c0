"""One document for printing a batch: every letter, in order, each from a new page."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from PIL import Image

from generator.common.errors import OutputError
from generator.word.combine import combine_documents
from generator.word.pdf import convert_to_pdf


def make_logo(path: Path) -> bytes:
    """A small PNG, as a letterhead logo would be."""
    Image.new("RGB", (40, 20), (30, 90, 160)).save(path, format="PNG")
    return path.read_bytes()


def make_letter(
    path: Path, number: int, *, picture: Path | None = None, ends_with_table: bool = False
) -> Path:
    """A letter with a letterhead on its first page and a style of its own."""
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Springfield Coalition letterhead"
    heading = document.styles.add_style("Letter Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.size = Pt(18)
    heading.font.bold = True
    document.add_paragraph(f"Invitation {number}", style="Letter Heading")
    document.add_paragraph(f"Dear member {number}, we would be glad to have you with us.")
    if picture is not None:
        document.add_picture(str(picture), width=Inches(1))
    if ends_with_table:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = f"Signed {number}"
        table.cell(0, 1).text = "Date"
    else:
        document.add_paragraph(f"Sincerely, sender {number}")
    document.save(str(path))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def section_breaks(path: Path) -> list[WD_SECTION]:
    return [section.start_type for section in Document(str(path)).sections]


def test_letters_come_out_in_order_each_in_its_own_new_page_section(tmp_path: Path) -> None:
    letters = [make_letter(tmp_path / f"letter {n}.docx", n) for n in (1, 2, 3)]
    before = [digest(p) for p in letters]

    combined = combine_documents(letters, tmp_path / "print" / "all letters.docx")

    assert combined == tmp_path / "print" / "all letters.docx"
    texts = [p.text for p in Document(str(combined)).paragraphs if p.text]
    assert texts == [
        line
        for n in (1, 2, 3)
        for line in (
            f"Invitation {n}",
            f"Dear member {n}, we would be glad to have you with us.",
            f"Sincerely, sender {n}",
        )
    ]
    assert section_breaks(combined) == [WD_SECTION.NEW_PAGE] * 3
    assert [digest(p) for p in letters] == before, "the letters themselves are untouched"


def test_styles_pictures_and_a_closing_table_survive(tmp_path: Path) -> None:
    picture = tmp_path / "logo.png"
    logo = make_logo(picture)
    letters = [
        make_letter(tmp_path / "a.docx", 1, ends_with_table=True),
        make_letter(tmp_path / "b.docx", 2, picture=picture),
        make_letter(tmp_path / "c.docx", 3),
    ]

    combined = Document(str(combine_documents(letters, tmp_path / "all.docx")))

    headings = [p for p in combined.paragraphs if p.text.startswith("Invitation")]
    assert [p.style.name for p in headings] == ["Letter Heading"] * 3
    assert len(combined.inline_shapes) == 1
    blip = combined.element.body.find(".//" + qn("a:blip"))
    assert blip is not None
    image_part = combined.part.related_parts[blip.get(qn("r:embed"))]
    assert image_part.blob == logo
    assert combined.tables[0].cell(0, 0).text == "Signed 1"
    assert len(combined.sections) == 3


def test_a_single_letter_is_written_as_it_is(tmp_path: Path) -> None:
    letter = make_letter(tmp_path / "only.docx", 1)
    combined = combine_documents([letter], tmp_path / "all.docx")
    document = Document(str(combined))
    assert next(p.text for p in document.paragraphs if p.text) == "Invitation 1"
    assert len(document.sections) == 1


@pytest.mark.libreoffice
def test_printed_each_letter_starts_a_page_with_its_letterhead(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    letters = [make_letter(tmp_path / f"{n}.docx", n, ends_with_table=n == 2) for n in (1, 2, 3)]
    combined = combine_documents(letters, tmp_path / "all.docx")

    (pdf,) = convert_to_pdf([combined], tmp_path)

    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    pages_text = pages.stdout.decode().split("\f")
    pages_text = [" ".join(page.split()) for page in pages_text if page.strip()]
    assert len(pages_text) == 3
    for n, page in enumerate(pages_text, start=1):
        assert page.startswith(f"Springfield Coalition letterhead Invitation {n} Dear member {n},")


def test_nothing_to_combine_is_an_error_naming_the_output(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"all\.docx: cannot be written: there are no documents"):
        combine_documents([], tmp_path / "all.docx")


def test_a_document_that_is_not_word_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    good = make_letter(tmp_path / "good.docx", 1)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip package")

    with pytest.raises(OutputError, match=r"bad\.docx: cannot be read as a Word document"):
        combine_documents([good, bad], tmp_path / "all.docx")

    assert not (tmp_path / "all.docx").exists()
