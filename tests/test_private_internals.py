"""The undocumented parts of openpyxl, docxtpl, python-docx and Jinja that the code relies on.

Each test pins one internal with a tiny input, the way the code uses it, and fails with a message
that names the internal and the module relying on it. pyproject.toml bounds these libraries to
the versions tested here; before raising a bound, run this file against the new version.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def changed(internal: str, *users: str) -> str:
    return (
        f"{internal} is gone or changed; {' and '.join(users)} "
        f"{'relies' if len(users) == 1 else 'rely'} on it. Check the new version before "
        "raising its bound in pyproject.toml."
    )


# --- openpyxl ------------------------------------------------------------------------------------

CELLS = "openpyxl.worksheet.worksheet.Worksheet._cells"


def test_openpyxl_worksheet_cells_holds_only_the_cells_the_file_holds(tmp_path: Path) -> None:
    # The reader walks Worksheet._cells, {(row, column): Cell}, because openpyxl's public
    # iterators create every cell of the rectangle they walk; tests count the cells it creates.
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell.cell import Cell

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "first"
    sheet["C500"] = 7
    workbook.save(tmp_path / "two cells.xlsx")

    loaded = load_workbook(tmp_path / "two cells.xlsx", data_only=True, keep_links=False)
    users = (
        "generator/excel/reader/grid.py (Grid), generator/excel/reader/opening.py (_named_cells)",
        "tests/test_reader_hostile.py",
    )
    cells = getattr(loaded.active, "_cells", None)
    assert isinstance(cells, dict), changed(CELLS, *users)
    assert sorted(cells) == [(1, 1), (500, 3)], changed(CELLS, *users)
    assert all(isinstance(cell, Cell) for cell in cells.values()), changed(CELLS, *users)
    assert [cells[key].value for key in sorted(cells)] == ["first", 7], changed(CELLS, *users)
    loaded.active.cell(20, 20)
    assert (20, 20) in cells, changed(CELLS + " (a cell asked for is added to it)", *users)


STYLE = "openpyxl.cell.cell.Cell._style"


def test_openpyxl_cell_style_record_copies_a_look_within_one_workbook(tmp_path: Path) -> None:
    # The writer styles the first answer cell of each look attribute by attribute, then copies
    # its StyleArray (Cell._style) to the others: assigning styles hashes every style object.
    from copy import copy

    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.styles.cell_style import StyleArray

    users = ("generator/excel/writer/tables.py (_answer)",)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    first, other = sheet["A1"], sheet["B2"]
    first.fill = PatternFill("solid", fgColor="FFFBEA")
    first.protection = Protection(locked=False)
    first.alignment = Alignment(wrap_text=True, vertical="top")
    record = getattr(first, "_style", None)
    assert isinstance(record, StyleArray), changed(STYLE, *users)
    other._style = copy(record)
    other.value = "=1+1"
    other.data_type, other.quotePrefix = "s", True  # put_text's guard, after the copy
    assert not first.quotePrefix, changed(STYLE + " (copies are independent)", *users)
    workbook.save(tmp_path / "styled.xlsx")

    copied = load_workbook(tmp_path / "styled.xlsx").active["B2"]
    assert copied.fill.fgColor.rgb == "00FFFBEA", changed(STYLE, *users)
    assert copied.protection.locked is False and copied.alignment.wrap_text, changed(STYLE, *users)
    assert copied.quotePrefix and copied.value == "=1+1", changed(STYLE, *users)


# --- docxtpl -------------------------------------------------------------------------------------

DOCXTPL = "docxtpl.DocxTemplate"
BATCH = "generator/word/batch.py (DocxRenderer)"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'


def test_docxtpl_template_does_not_open_its_file_until_it_renders(tmp_path: Path) -> None:
    # DocxRenderer makes a DocxTemplate only for its clean-up functions and never loads the file.
    from docxtpl import DocxTemplate

    internal = f"{DOCXTPL}(path) not opening the file (its .docx stays None)"
    try:
        template = DocxTemplate(tmp_path / "no such template.docx")
    except Exception as error:  # pragma: no cover - only when docxtpl changes
        pytest.fail(f"{changed(internal, BATCH)} ({type(error).__name__}: {error})")
    assert template.__dict__.get("docx", "missing") is None, changed(internal, BATCH)


def test_docxtpl_patch_xml_joins_a_field_that_word_split_across_runs(tmp_path: Path) -> None:
    from docxtpl import DocxTemplate

    split = (
        f"<w:body {W}><w:p><w:r><w:t>Dear {{{{ na</w:t></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>me }},</w:t></w:r></w:p></w:body>"
    )
    patch_xml = getattr(DocxTemplate(tmp_path / "t.docx"), "patch_xml", None)
    assert callable(patch_xml), changed(f"{DOCXTPL}.patch_xml", BATCH)
    patched = patch_xml(split)
    assert isinstance(patched, str), changed(f"{DOCXTPL}.patch_xml", BATCH)
    assert "{{ name }}" in patched, changed(f"{DOCXTPL}.patch_xml", BATCH)


def test_docxtpl_resolve_listing_turns_control_characters_into_word_markup(
    tmp_path: Path,
) -> None:
    from docxtpl import DocxTemplate

    resolve_listing = getattr(DocxTemplate(tmp_path / "t.docx"), "resolve_listing", None)
    assert callable(resolve_listing), changed(f"{DOCXTPL}.resolve_listing", BATCH)
    xml = f"<w:body {W}><w:p><w:r><w:t>12 Elm St\nForest City\tOH</w:t></w:r></w:p></w:body>"
    resolved = resolve_listing(xml)
    assert isinstance(resolved, str), changed(f"{DOCXTPL}.resolve_listing", BATCH)
    assert "<w:br/>" in resolved and "<w:tab/>" in resolved, changed(
        f"{DOCXTPL}.resolve_listing", BATCH
    )
    assert "\n" not in resolved and "\t" not in resolved, changed(
        f"{DOCXTPL}.resolve_listing", BATCH
    )


def test_docxtpl_fix_tables_takes_text_and_returns_the_repaired_tree(tmp_path: Path) -> None:
    from docxtpl import DocxTemplate
    from lxml import etree

    # A row with three cells in a table whose grid declares two columns, as {%tc for %} leaves it.
    cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    xml = (
        f"<w:document {W}><w:body><w:tbl><w:tblGrid>"
        '<w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
        f"<w:tr>{cell * 3}</w:tr></w:tbl></w:body></w:document>"
    )
    fix_tables = getattr(DocxTemplate(tmp_path / "t.docx"), "fix_tables", None)
    assert callable(fix_tables), changed(f"{DOCXTPL}.fix_tables", BATCH)
    tree = fix_tables(xml)
    assert isinstance(tree, etree._Element), changed(f"{DOCXTPL}.fix_tables", BATCH)
    assert etree.QName(tree).localname == "document", changed(f"{DOCXTPL}.fix_tables", BATCH)
    columns = tree.findall(".//{*}tblGrid/{*}gridCol")
    assert len(columns) == 3, changed(f"{DOCXTPL}.fix_tables", BATCH)


def test_docxtpl_fix_docpr_ids_numbers_pictures_on_from_docx_ids_index(tmp_path: Path) -> None:
    from docxtpl import DocxTemplate
    from lxml import etree

    internal = f"{DOCXTPL}.fix_docpr_ids and its counter .docx_ids_index"
    tree = etree.fromstring(
        f'<w:document {W} {WP}><w:body><wp:docPr id="1" name="a"/><wp:docPr id="1" name="b"/>'
        "</w:body></w:document>"
    )
    template = DocxTemplate(tmp_path / "t.docx")
    template.docx_ids_index = 1000
    assert callable(getattr(template, "fix_docpr_ids", None)), changed(internal, BATCH)
    template.fix_docpr_ids(tree)
    ids = [element.get("id") for element in tree.iter("{*}docPr")]
    assert ids == ["1001", "1002"], changed(internal, BATCH)
    assert template.docx_ids_index == 1002, changed(internal, BATCH)


def test_docxtpl_render_xml_part_does_the_steps_the_batch_renderer_repeats(
    tmp_path: Path,
) -> None:
    # DocxRenderer repeats render_xml_part's clean-up step for step, so that its letters and
    # briefings read as docxtpl's would.
    import jinja2
    from docxtpl import DocxTemplate

    internal = f"{DOCXTPL}.render_xml_part(src_xml, part, context, jinja_env=None)"
    method = getattr(DocxTemplate, "render_xml_part", None)
    assert callable(method), changed(internal, BATCH)
    source = (
        f"<w:body {W}><w:p><w:r><w:t>{{{{ name }}}} {{_{{ kept }}_}}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{{ address }}</w:t></w:r></w:p></w:body>"
    )
    context = {"name": "Ana", "address": "12 Elm St\nForest City"}
    rendered = DocxTemplate(tmp_path / "t.docx").render_xml_part(
        source, None, context, jinja2.Environment()
    )
    # The steps, as batch.py does them: render, rejoin the paragraphs, restore escaped braces,
    # resolve the control characters.
    expected = jinja2.Environment().from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source))
    steps = expected.render(context).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    steps = steps.replace("{_{", "{{").replace("}_}", "}}")
    steps = DocxTemplate(tmp_path / "t.docx").resolve_listing(steps)
    assert rendered == steps, changed(internal, BATCH)


def test_python_docx_body_get_or_add_sectpr_returns_the_final_section_properties() -> None:
    import docx
    from docx.oxml.ns import qn

    internal = "docx.oxml CT_Body.get_or_add_sectPr (Document.element.body) and docx.oxml.ns.qn"
    user = "generator/word/combine.py"
    body = docx.Document().element.body
    assert callable(getattr(body, "get_or_add_sectPr", None)), changed(internal, user)
    final = body.get_or_add_sectPr()
    assert final.tag == qn("w:sectPr"), changed(internal, user)
    assert body[-1] is final, changed(internal, user)
    assert body.get_or_add_sectPr() is final, changed(internal, user)


# --- Jinja ---------------------------------------------------------------------------------------


def test_jinja_tracebacks_name_template_frames_with_their_line() -> None:
    # template_line() finds the line of a failing field by the frames Jinja rewrites.
    import jinja2

    internal = 'Jinja\'s rewritten traceback frames (co_filename "<template>", template lineno)'
    user = "generator/word/environment.py (template_line)"
    template = jinja2.Environment().from_string("one\ntwo\n{{ 1 // zero }}")
    with pytest.raises(ZeroDivisionError) as caught:
        template.render(zero=0)
    lines = []
    tb = caught.value.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lines.append(tb.tb_lineno)
        tb = tb.tb_next
    assert lines and lines[-1] == 3, changed(internal, user)
