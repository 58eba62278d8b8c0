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
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
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


def page_field(paragraph: object) -> None:
    """A PAGE field (the page number) at the end of a paragraph, as Word inserts one."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # type: ignore[attr-defined]


def make_letter(
    path: Path,
    number: int,
    *,
    picture: Path | None = None,
    ends_with_table: bool = False,
    pages: int = 1,
) -> Path:
    """A letter with a letterhead of its own on its first page, a running header on the
    others, page numbers in the footer, and a style of its own."""
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = f"Letterhead of letter {number}"
    section.header.paragraphs[0].text = f"Letter {number}, continued"
    for footer in (section.first_page_footer, section.footer):
        footer.paragraphs[0].text = f"Letter {number}, page "
        page_field(footer.paragraphs[0])
    heading = document.styles.add_style("Letter Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.size = Pt(18)
    heading.font.bold = True
    document.add_paragraph(f"Invitation {number}", style="Letter Heading")
    document.add_paragraph(f"Dear member {number}, we would be glad to have you with us.")
    for page in range(2, pages + 1):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(f"Page {page} of the letter.")
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


def test_each_letter_keeps_its_own_headers_footers_and_page_numbers(tmp_path: Path) -> None:
    letters = [make_letter(tmp_path / f"{n}.docx", n, pages=2 if n == 2 else 1) for n in (1, 2, 3)]
    combined = Document(str(combine_documents(letters, tmp_path / "all.docx")))

    assert len(combined.sections) == 3
    for number, section in enumerate(combined.sections, start=1):
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == f"Letterhead of letter {number}"
        assert section.header.paragraphs[0].text == f"Letter {number}, continued"
        assert section.footer.paragraphs[0].text.startswith(f"Letter {number}, page ")
        numbers = section._sectPr.find(qn("w:pgNumType"))
        assert numbers is not None and numbers.get(qn("w:start")) == "1"


@pytest.mark.libreoffice
def test_printed_each_letter_starts_a_page_with_its_own_letterhead(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    letters = [
        make_letter(tmp_path / f"{n}.docx", n, ends_with_table=n == 2, pages=2 if n == 2 else 1)
        for n in (1, 2, 3)
    ]
    combined = combine_documents(letters, tmp_path / "all.docx")

    (pdf,) = convert_to_pdf([combined], tmp_path)

    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    pages_text = pages.stdout.decode().split("\f")
    pages_text = [" ".join(page.split()) for page in pages_text if page.strip()]
    assert len(pages_text) == 4
    expected = [(1, "Letterhead of letter 1", 1), (2, "Letterhead of letter 2", 1),
                (2, "Letter 2, continued", 2), (3, "Letterhead of letter 3", 1)]  # fmt: skip
    for page, (number, header, page_number) in zip(pages_text, expected, strict=True):
        assert page.startswith(header), page
        assert f"Letter {number}, page {page_number}" in page, page


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


def test_a_picture_in_the_letterhead_is_kept_for_every_letter(tmp_path: Path) -> None:
    logo = make_logo(tmp_path / "logo.png")
    letters = []
    for number in (1, 2, 3):
        path = make_letter(tmp_path / f"{number}.docx", number)
        document = Document(str(path))
        header = document.sections[0].first_page_header
        header.paragraphs[0].add_run().add_picture(str(tmp_path / "logo.png"), width=Inches(0.5))
        document.save(str(path))
        letters.append(path)

    combined = Document(str(combine_documents(letters, tmp_path / "all.docx")))

    for section in combined.sections:
        header = section.first_page_header
        blip = header._element.find(".//" + qn("a:blip"))
        assert blip is not None
        assert header.part.related_parts[blip.get(qn("r:embed"))].blob == logo
