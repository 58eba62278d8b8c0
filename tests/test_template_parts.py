"""Every part of a template that holds text is rendered, docxtpl's tag forms print where they
stand, and a tag that nothing would fill is reported."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from test_render import make_template, text_of

from generator.common.errors import TemplateError
from generator.letters.templates import check_template
from generator.word.batch import DocxRenderer
from generator.word.pdf import convert_to_pdf

CORPUS = Path(__file__).parent / "corpus"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def replace_part(path: Path, name: str, edit: object) -> Path:
    """Rewrite one part of a .docx with ``edit(text) -> text``, as another program would."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == name:
                data = edit(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            archive.writestr(info, data)
    return path


def with_hyperlink(path: Path, address: str, text: str = "write to us") -> Path:
    """A template with a hyperlink to ``address``, stored as Word stores it."""
    document = docx.Document()
    paragraph = document.add_paragraph("Contact: ")
    rel_id = document.part.relate_to(address, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    run_text = OxmlElement("w:t")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph._p.append(link)
    document.save(str(path))
    return path


def targets(data: bytes) -> list[str]:
    root = etree.fromstring(part(data, "word/_rels/document.xml.rels"))
    return [r.get("Target") for r in root if r.get("TargetMode") == "External"]


# --- Parts docxtpl leaves as typed ------------------------------------------------------------


LETTER = {
    "member": "Ana & Bo",
    "organization": "Café <Row>",
    "today": "May 4, 2026",
    "row": 7,
    "email": "ana+coalition@example.org",
    "salutation": "",
    "member_title": "",
    "partner": {"name": ""},
    "is_existing_partner": False,
    "coalition": {"name": "Forest City Mobility Coalition", "community": "Forest City"},
    "matching": {"groups": ["Young people"], "areas": [], "assets": []},
    "extra": {"Board liaison": "Dee"},
    "sender": "Maria Delgado",
    "sender_title": "",
}


def test_endnotes_comments_and_every_property_are_rendered() -> None:
    data = DocxRenderer(CORPUS / "libreoffice" / "lo_letter.docx").render(LETTER)

    assert "Written for Ana & Bo on May 4, 2026." in texts(part(data, "word/endnotes.xml"))
    assert "Check the address of Ana & Bo (7)." in texts(part(data, "word/comments.xml"))
    assert "Our records list Café <Row> as an existing partner." in texts(
        part(data, "word/footnotes.xml")
    )
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "Letter to Ana & Bo"
    assert properties.comments == "Written for Café <Row> by Maria Delgado"
    custom = etree.fromstring(part(data, "docProps/custom.xml"))
    assert [e.text for e in custom.iter() if e.text and e.text.strip()] == ["Ana & Bo"]


def test_hyperlink_addresses_are_filled_and_safe_for_a_url() -> None:
    data = DocxRenderer(CORPUS / "libreoffice" / "lo_letter.docx").render(LETTER)
    assert targets(data) == [
        "mailto:ana%2Bcoalition@example.org",
        "https://example.org/partners?name=Caf%C3%A9%20%3CRow%3E",
    ]
    assert unquote(targets(data)[1]).endswith("name=Café <Row>")


def test_word_stores_a_field_in_an_address_percent_encoded(tmp_path: Path) -> None:
    template = with_hyperlink(tmp_path / "t.docx", "mailto:%7B%7B%20email%20%7D%7D")
    renderer = DocxRenderer(template)
    assert renderer.fields == ["email"]
    hostile = 'x@example.org"><Relationship Id="rId99" Target="file://evil/share'
    assert targets(renderer.render({"email": "ana@example.org"})) == ["mailto:ana@example.org"]
    address = targets(renderer.render({"email": hostile}))
    assert len(address) == 1 and '"' not in address[0] and "<" not in address[0]
    assert unquote(address[0]) == f"mailto:{hostile}"


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("https://example.org/a b?x=1&y=2", "https://example.org/a%20b?x=1&y=2"),
        ("www.example.org", "https://www.example.org"),
        ("file://server/share", "file%3A%2F%2Fserver%2Fshare"),
        ("javascript:alert(1)", "javascript%3Aalert%281%29"),
    ],
)
def test_a_field_that_is_the_whole_address_keeps_only_web_mail_and_phone_links(
    tmp_path: Path, value: str, address: str
) -> None:
    template = with_hyperlink(tmp_path / "t.docx", "{{ website }}")
    assert targets(DocxRenderer(template).render({"website": value})) == [address]


def test_values_come_out_as_typed_in_every_part() -> None:
    typed = "{_{ 7*7 }_} {_% x %_} {{ 7*7 }}"
    data = DocxRenderer(CORPUS / "libreoffice" / "lo_letter.docx").render(
        {**LETTER, "member": typed, "email": typed}
    )
    for name in ("word/document.xml", "word/header1.xml", "word/endnotes.xml", "word/comments.xml"):
        assert any(typed in text for text in texts(part(data, name))), name
    assert docx.Document(io.BytesIO(data)).core_properties.title == f"Letter to {typed}"
    assert unquote(targets(data)[0]) == f"mailto:{typed}"


def test_docxtpls_escape_in_the_template_itself_still_prints_braces(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Write {_{ member }_} for {{ member }}."])
    assert text_of(DocxRenderer(template).render({"member": "{_{ x }_}"})) == (
        "\nWrite {{ member }} for {_{ x }_}."
    )


# --- docxtpl's tag forms with plain values ----------------------------------------------------


def forms_template(tmp_path: Path) -> Path:
    """{{r }}, {{p }}, {{tc }} and {{tr }} with plain values, as a docxtpl user writes them."""
    return make_template(
        tmp_path / "forms.docx",
        ["Dear {{r member }},", "{{p benefit }}", "After."],
        table=[["Name", "Role"], ["{{tc member }}", "{{ role }}"], ["{{tr note }}", ""]],
    )


def test_run_paragraph_cell_and_row_forms_print_their_text(tmp_path: Path) -> None:
    renderer = DocxRenderer(forms_template(tmp_path))
    data = renderer.render(
        {"member": "Ana & Bo", "benefit": "Line one\nline two", "role": "Chair", "note": "A note"}
    )
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [
        "Dear Ana & Bo,",
        "Line one\nline two",
        "After.",
    ]
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Name", "Role"]
    assert rows[1] == ["Ana & Bo", "Chair"]
    assert rows[2][0] == "A note"  # one cell across the table
    assert document.tables[0].rows[2]._tr.tc_lst[0].grid_span == 2


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_text_of_every_form(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = DocxRenderer(forms_template(tmp_path)).render(
        {"member": "Ana Ruiz", "benefit": "Paragraph text", "role": "Chair", "note": "Row text"}
    )
    letter = tmp_path / "letter.docx"
    letter.write_bytes(data)
    (pdf,) = convert_to_pdf([letter], tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    words = " ".join(text.decode().split())
    for expected in ("Dear Ana Ruiz,", "Paragraph text", "After.", "Row text", "Chair"):
        assert expected in words


def test_a_row_form_outside_a_table_is_refused_as_typed(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Intro", ["{%tr for a in ", "areas %}"], "x"])
    with pytest.raises(TemplateError) as caught:
        DocxRenderer(template)
    message = str(caught.value)
    assert "has {%tr for a in areas %} in word/document.xml, paragraph 2" in message
    assert "is not in a table row" in message
    assert message.count(".") >= 1 and ".." not in message


# --- Tags where nothing fills them --------------------------------------------------------------


def test_a_tag_in_a_part_no_letter_renders_is_reported(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Dear {{ member }},"])
    replace_part(
        template,
        "word/settings.xml",
        lambda xml: xml.replace(
            "</w:settings>",
            '<w:docVars><w:docVar w:name="who" w:val="{{ member }}"/></w:docVars></w:settings>',
        ),
    )
    with pytest.raises(
        TemplateError, match=r"has a tag where no letter fills it, in word/settings"
    ):
        DocxRenderer(template)

    result = check_template(template)
    assert [s.part for s in result.stray] == ["word/settings.xml"]
    assert not result.ok
