"""The batch renderer: docxtpl templates prepared once, rendered per letter, strict and safe."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from docxtpl import DocxTemplate

from generator.common.errors import TemplateError
from generator.word.batch import DocxRenderer, RenderError
from generator.word.environment import environment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_template(
    path: Path,
    paragraphs: list[str | list[str]],
    *,
    header: str | None = None,
    table: list[list[str]] | None = None,
    title: str | None = None,
) -> Path:
    """A Word template built with python-docx; a list of strings is one paragraph of runs, the
    way Word saves a paragraph that was edited in several goes."""
    document = docx.Document()
    for paragraph in paragraphs:
        runs = [paragraph] if isinstance(paragraph, str) else paragraph
        p = document.add_paragraph()
        for index, text in enumerate(runs):
            run = p.add_run(text)
            run.bold = index % 2 == 1  # a formatting change is what makes Word split runs
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if title is not None:
        document.core_properties.title = title
    document.save(str(path))
    return path


def text_of(data: bytes | Path) -> str:
    """Body and header text as python-docx reads it (line breaks as \\n, tabs as \\t)."""
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    document = docx.Document(source)
    lines = [p.text for s in document.sections for p in s.header.paragraphs]
    lines += [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def docxtpl_text(template: Path, context: dict[str, Any]) -> str:
    """The same letter made the way docxtpl's documentation shows, with autoescape on."""
    document = DocxTemplate(template)
    document.render(context, jinja_env=environment(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return text_of(buffer.getvalue())


def test_renders_fields_in_body_header_and_properties(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx",
        ["Dear {{ name }},", "Welcome to {{ coalition }}."],
        header="{{ coalition }} letterhead",
        title="Letter to {{ name }}",
    )
    renderer = DocxRenderer(template)
    data = renderer.render({"name": "Ana", "coalition": "Forest City Mobility Coalition"})

    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [
        "Dear Ana,",
        "Welcome to Forest City Mobility Coalition.",
    ]
    assert document.sections[0].header.paragraphs[0].text == (
        "Forest City Mobility Coalition letterhead"
    )
    assert document.core_properties.title == "Letter to Ana"
    assert renderer.fields == ["name", "coalition"]


def test_parts_without_tags_are_copied_byte_for_byte(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Hello {{ name }}"])
    data = DocxRenderer(template).render({"name": "Ana"})

    with zipfile.ZipFile(template) as before, zipfile.ZipFile(io.BytesIO(data)) as after:
        assert after.testzip() is None  # every CRC is right
        assert sorted(after.namelist()) == sorted(before.namelist())
        assert after.namelist()[0] == "[Content_Types].xml"
        for name in ("word/styles.xml", "word/theme/theme1.xml", "[Content_Types].xml"):
            assert after.read(name) == before.read(name)
        assert after.read("word/document.xml") != before.read("word/document.xml")


def test_same_text_as_docxtpl_including_tables_and_loops(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx",
        [
            "Dear {{ name }},",
            "{%p if partner %}",
            "Thank you, {{ partner }}.",
            "{%p endif %}",
            "{% for a in assets %}{{ a }}{% if not loop.last %}, {% endif %}{% endfor %}",
        ],
        table=[
            ["Asset", "Note"],
            ["{%tr for a in assets %}", ""],
            ["{{ a }}", "{{ a|length }}"],
            ["{%tr endfor %}", ""],
        ],
        header="{{ name }}",
    )
    renderer = DocxRenderer(template)
    for context in (
        {"name": "Ana & Bo <Co>", "partner": "Acme", "assets": ["Convening power", "Staff"]},
        {"name": "Line\nbreak\tand tab", "partner": "", "assets": []},
    ):
        assert text_of(renderer.render(context)) == docxtpl_text(template, context)


def test_tags_split_across_runs_by_word_still_work(tmp_path: Path) -> None:
    # Word saves "{{ member }}" typed in two goes, or half in bold, as several runs.
    template = make_template(
        tmp_path / "t.docx",
        [
            ["Dear {{ mem", "ber }},"],
            ["{", "{ organization }", "}", " is ", "{%", " if ok %}good{% endif %}"],
        ],
    )
    renderer = DocxRenderer(template)
    assert renderer.fields == ["member", "organization", "ok"]
    text = text_of(renderer.render({"member": "Ana", "organization": "Acme", "ok": True}))
    assert "Dear Ana," in text
    assert "Acme is good" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sports & Social <Club> \"Ltd\" 'x'", "Sports & Social <Club> \"Ltd\" 'x'"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("{% raw %}{{ x }}{% endraw %}", "{% raw %}{{ x }}{% endraw %}"),
        # docxtpl turns {_{ }_} into {{ }} after rendering; in a value it stays as typed.
        ("{_{ x }_} {_% if %_}", "{_{ x }_} {_% if %_}"),
        ("_{_{_", "_{_{_"),
        ("Bell\x07 and\x0bform\x0cfeed\x00", "Bell andformfeed"),
        ("🎉 Fiesta 👩‍👩‍👧", "🎉 Fiesta 👩‍👩‍👧"),
        ("مركز الجالية العربية", "مركز الجالية العربية"),
        ("שלום", "שלום"),
    ],
)
def test_values_are_data(tmp_path: Path, value: str, expected: str) -> None:
    template = make_template(tmp_path / "t.docx", ["Name: {{ name }}"])
    assert text_of(DocxRenderer(template).render({"name": value})) == f"\nName: {expected}"


def test_line_breaks_and_tabs_become_word_breaks_and_tabs(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{{ address }}"])
    data = DocxRenderer(template).render({"address": "12 Elm St\r\nForest City\tOH"})

    paragraph = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert paragraph.text == "12 Elm St\nForest City\tOH"
    assert len(paragraph._p.findall(f".//{W}br")) == 1
    assert len(paragraph._p.findall(f".//{W}tab")) == 1


def test_a_syntax_error_names_the_template_part_and_paragraph(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mine.docx", ["Hello", "Dear {{ name }", "Bye"])
    with pytest.raises(TemplateError) as caught:
        DocxRenderer(template)
    message = str(caught.value)
    assert "mine.docx" in message
    assert "word/document.xml, paragraph 2" in message
    assert "Dear {{ name }" in message


def test_a_syntax_error_in_the_header_says_header(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Body"], header="{% if x %}no end")
    with pytest.raises(TemplateError, match=r"header \(word/header\d?\.xml\)"):
        DocxRenderer(template)


def test_an_unknown_field_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["Dear {{ membr }},", "{{ partner.asets }}"])
    schema = {"member": None, "partner": frozenset({"assets", "name"})}
    with pytest.raises(TemplateError) as caught:
        DocxRenderer(template, schema=schema)
    message = str(caught.value)
    assert "\u201cmembr\u201d" in message
    assert "did you mean \u201cmember\u201d" in message
    assert "paragraph 1" in message
    assert "1 more unknown field" in message


def test_loop_variables_are_not_mistaken_for_fields(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx",
        ["{% for a in partner.assets %}{{ a }}{% endfor %}{% set x = 1 %}{{ x }}"],
    )
    renderer = DocxRenderer(template, schema={"partner": frozenset({"assets"})})
    assert renderer.fields == ["partner.assets"]


def test_an_undefined_value_fails_that_document_only(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["First asset: {{ assets[0] }}"])
    renderer = DocxRenderer(template)
    with pytest.raises(RenderError, match=r"paragraph 1"):
        renderer.render({"assets": []})
    with pytest.raises(RenderError, match="\u201cname\u201d has no value"):
        DocxRenderer(make_template(tmp_path / "u.docx", ["{{ name }}"])).render({})
    assert "Convening power" in text_of(renderer.render({"assets": ["Convening power"]}))


def test_an_if_that_cuts_through_a_table_is_refused_before_any_letter(tmp_path: Path) -> None:
    # An {% if %} that opens inside a table and closes after it cuts the table's closing tags
    # when false. docxtpl would "recover" the XML and silently lose text; here the template is
    # refused at once, naming both ends as typed.
    template = make_template(
        tmp_path / "t.docx", ["{% endif %} after the table"], table=[["{% if flag %}in a cell"]]
    )
    document = docx.Document(str(template))  # move the table before the paragraph
    body = document.element.body
    body.insert(0, body.find(f"{W}tbl"))
    document.save(str(template))

    with pytest.raises(TemplateError) as caught:
        DocxRenderer(template)
    message = str(caught.value)
    assert (
        "{% if flag %} in word/document.xml, paragraph 1 (\u201c{% if flag %}in a cell\u201d)"
        in (message)
    )
    assert "its {% endif %} in paragraph 2 (\u201c{% endif %} after the table\u201d)" in message
    assert "one in a cell of a table, the other in the text" in message


def test_broken_xml_after_rendering_is_an_error_never_recovered(tmp_path: Path) -> None:
    # What escapes every check (a template that prints markup of its own with |safe) is still
    # caught: the rendered part is parsed, never "recovered".
    template = make_template(tmp_path / "t.docx", ["{{ x | safe }}"])
    renderer = DocxRenderer(template)
    assert "fine" in text_of(renderer.render({"x": "fine"}))
    with pytest.raises(RenderError, match=r"t\.docx: word/document\.xml: .*not well-formed"):
        renderer.render({"x": "</w:t>"})


def test_templates_cannot_reach_python_internals(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{{ name.__class__.__mro__ }}"])
    with pytest.raises(TemplateError, match="may not do"):
        DocxRenderer(template).render({"name": "x"})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "is not a Word document"),
        (None, "no such template"),
    ],
)
def test_files_that_are_not_templates(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "letter.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TemplateError, match=message):
        DocxRenderer(path)


def test_a_workbook_is_not_a_template(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "letter.docx"
    Workbook().save(path)
    with pytest.raises(TemplateError, match="no document body"):
        DocxRenderer(path)


def test_a_renderer_is_reusable_and_its_output_stable(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{{ n }}"])
    renderer = DocxRenderer(template)
    first = renderer.render({"n": 1})
    assert renderer.render({"n": 2}) != first
    assert renderer.render({"n": 1}) == first  # same letter, same bytes: checksums mean something


def test_formatting_of_the_run_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    document = docx.Document()
    run = document.add_paragraph().add_run("{{ name }}")
    run.bold = True
    run.font.size = Pt(14)
    document.save(str(path))

    rendered = docx.Document(io.BytesIO(DocxRenderer(path).render({"name": "Ana"})))
    run = rendered.paragraphs[0].runs[0]
    assert (run.text, run.bold, run.font.size) == ("Ana", True, Pt(14))


def test_parts_that_repeat_are_reused_but_never_stale(tmp_path: Path) -> None:
    # The letterhead reads only the coalition, so it is rendered once per distinct value;
    # each letter must still carry its own.
    template = make_template(tmp_path / "t.docx", ["{{ name }}"], header="{{ coalition }}")
    renderer = DocxRenderer(template)
    for coalition, name in [("A & B", "Ana"), ("C", "Bo"), ("A & B", "Cy"), ("C", "Di")]:
        text = text_of(renderer.render({"coalition": coalition, "name": name}))
        assert text == f"{coalition}\n{name}"
