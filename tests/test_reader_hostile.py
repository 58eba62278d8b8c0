"""Workbooks as hostile senders and unusual programs make them: the reader refuses or copes.

Each workbook is made by a small function from a fresh one, so the test needs no binary fixtures.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.common.errors import UnsafeWorkbookError, WorkbookError
from generator.excel.reader import check_workbook, read_workbook
from generator.excel.writer import write_workbook
from generator.worksheet import DEFAULT_VOCABULARY

PART5_XML = "xl/worksheets/sheet6.xml"  # the Invite List, sixth sheet of a new workbook


def fresh(tmp: Path) -> Path:
    return write_workbook(tmp / "fresh.xlsx", DEFAULT_VOCABULARY, "Elm Grove")


def rezip(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Copy a package entry by entry through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))
    return target


def in_sheet(tmp: Path, name: str, edit: Callable[[str], str], encoding: str = "utf-8") -> Path:
    """The Invite List's XML edited as text, and written back in ``encoding``."""

    def change(part: str, data: bytes) -> bytes:
        if part != PART5_XML:
            return data
        text = edit(re.sub(r"^<\?xml[^>]*\?>", "", data.decode("utf-8")))
        declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        return (declaration + text).encode(encoding)

    return rezip(fresh(tmp), tmp / name, change)


def merged(ref: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</mergeCells>", f'<mergeCell ref="{ref}"/></mergeCells>')


def linked(ref: str) -> Callable[[str], str]:
    # The worksheet schema puts hyperlinks after the validations and before the print options.
    link = f'<hyperlinks><hyperlink ref="{ref}" display="a &gt; b" location="A1"/></hyperlinks>'
    return lambda xml: xml.replace("<printOptions", link + "<printOptions", 1)


# --- Cell-range bombs: openpyxl makes one object per cell of these ranges as it loads ----------


@pytest.mark.parametrize(
    ("name", "edit", "encoding"),
    [
        ("merged-whole-sheet.xlsx", merged("A1:XFD1048576"), "utf-8"),
        ("merged-200k.xlsx", merged("K5:CV2000"), "utf-8"),
        ("linked-200k.xlsx", linked("K5:CV2000"), "utf-8"),
        ("merged-utf16.xlsx", merged("K5:CV2000"), "utf-16"),
    ],
    ids=["merged-whole-sheet", "merged-200k", "linked-200k", "merged-utf16"],
)
def test_a_range_of_more_cells_than_a_workbook_needs_is_refused_before_parsing(
    tmp_path: Path, name: str, edit: Callable[[str], str], encoding: str
):
    """A 50 KB file with one merged or hyperlinked range over a whole sheet would otherwise
    make openpyxl build 17 billion cells; 200,000 cost seconds and hundreds of megabytes."""
    path = in_sheet(tmp_path, name, edit, encoding)

    with pytest.raises(UnsafeWorkbookError, match="more than 100,000 cells; it was refused unread"):
        read_workbook(path)


def test_a_comment_on_a_whole_sheet_is_refused_before_parsing(tmp_path: Path):
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    path = fresh(tmp_path)
    workbook = load_workbook(path)
    workbook["Part 5 Invite List"]["A4"].comment = Comment("call first", "Ana")
    workbook.save(path)
    bomb = rezip(
        path,
        tmp_path / "comment.xlsx",
        lambda part, data: (
            data.replace(b'ref="A4"', b'ref="A4:XFD1048576"') if "comments" in part else data
        ),
    )

    with pytest.raises(UnsafeWorkbookError, match="more than 100,000 cells"):
        read_workbook(bomb)


def test_a_look_alike_in_an_xml_comment_does_not_hide_a_real_range(tmp_path: Path):
    def edit(xml: str) -> str:
        decoy = '<!-- <mergeCell ref="A1" note=" -->'
        xml = xml.replace("<mergeCells", decoy + "<mergeCells", 1)
        return merged("A1:XFD1048576")(xml).replace("</mergeCells>", '</mergeCells><!-- " -->')

    with pytest.raises(UnsafeWorkbookError, match="more than 100,000 cells"):
        read_workbook(in_sheet(tmp_path, "decoy.xlsx", edit))


def test_a_prefixed_range_before_every_plain_one_is_counted(tmp_path: Path):
    """The range tags are looked for from the first of their names on: one written with a
    namespace prefix, and before the sheet's own merged cells, is found all the same."""

    def edit(xml: str) -> str:
        bomb = '<x:mergeCell xmlns:x="urn:x" ref="A1:XFD1048576"/>'
        return xml.replace("<sheetData", bomb + "<sheetData", 1)

    with pytest.raises(UnsafeWorkbookError, match="more than 100,000 cells"):
        read_workbook(in_sheet(tmp_path, "prefixed.xlsx", edit))


def test_a_range_written_with_character_references_is_refused(tmp_path: Path):
    path = in_sheet(tmp_path, "escaped.xlsx", merged("&#65;1:XFD1048576"))

    with pytest.raises(UnsafeWorkbookError, match="cell range this tool cannot check"):
        read_workbook(path)


@pytest.mark.parametrize("second", [PART5_XML, PART5_XML.upper()])
def test_a_package_with_two_parts_of_one_name_is_refused(tmp_path: Path, second: str):
    """Excel and openpyxl may each read a different copy: a sender could show the convener one
    invite list and the tool another. Part names are compared without case, as in Excel."""
    import warnings

    path = fresh(tmp_path)
    with zipfile.ZipFile(path) as package:
        sheet = package.read(PART5_XML)
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as package:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate, as it should
        package.writestr(second, sheet)

    with pytest.raises(UnsafeWorkbookError, match="two parts named"):
        read_workbook(path)


# --- DOCTYPE: refused wherever it hides, not only in the first bytes of UTF-8 parts -------------

LAUGHS = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'


@pytest.mark.parametrize(
    ("name", "prolog", "encoding"),
    [
        ("utf16.xlsx", LAUGHS, "utf-16"),
        ("padded.xlsx", "<!--" + " " * 100_000 + "-->" + LAUGHS, "utf-8"),
    ],
    ids=["utf16", "after-100kB-comment"],
)
def test_a_doctype_is_refused_in_utf16_or_after_a_long_prolog(
    tmp_path: Path, name: str, prolog: str, encoding: str
):
    path = in_sheet(tmp_path, name, lambda xml: prolog + xml, encoding)

    with pytest.raises(UnsafeWorkbookError, match="declares a DOCTYPE"):
        read_workbook(path)


def test_a_workbook_whose_parts_are_utf16_is_still_read(tmp_path: Path):
    path = in_sheet(tmp_path, "utf16-plain.xlsx", lambda xml: xml, "utf-16")

    assert read_workbook(path).plan.invitees == []


# --- Far-away cells and ranges ------------------------------------------------------------------


@pytest.fixture
def cells_created(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many cells the reader added to the workbook openpyxl loaded (it should add next to
    none). The reader is made to read with openpyxl: calamine creates no cells, and takes a
    workbook spread this far to openpyxl anyway (see the tests after these)."""
    import openpyxl

    from generator.excel.reader import READER_VARIABLE

    load_workbook = openpyxl.load_workbook
    loaded: list = []

    def remember(*args, **kwargs):
        workbook = load_workbook(*args, **kwargs)
        loaded[:] = [workbook, sum(len(sheet._cells) for sheet in workbook.worksheets)]
        return workbook

    monkeypatch.setenv(READER_VARIABLE, "openpyxl")
    monkeypatch.setattr(openpyxl, "load_workbook", remember)

    def count() -> int:
        workbook, in_file = loaded
        return sum(len(sheet._cells) for sheet in workbook.worksheets) - in_file

    return count


def test_a_value_typed_far_down_the_sheet_is_read_without_visiting_the_rows_above(
    tmp_path: Path, cells_created: Callable[[], int]
):
    """One value at row 100,000 (or at XFD1048576) once made the reader create every empty
    cell above it: seconds and gigabytes for a 50 KB file."""
    from openpyxl import load_workbook

    path = fresh(tmp_path)
    workbook = load_workbook(path)
    workbook["Part 5 Invite List"]["A100000"] = "Late Addition"
    workbook.save(path)

    plan = read_workbook(path).plan

    assert [invitee.member for invitee in plan.invitees] == ["Late Addition"]
    assert cells_created() < 1_000


@pytest.mark.parametrize("ref", ["$A$1:$J$20000", "$A$1:$XFD$1048576", "$A:$A"])
def test_an_option_list_named_over_a_huge_range_reads_only_the_cells_it_holds(
    tmp_path: Path, cells_created: Callable[[], int], ref: str
):
    from openpyxl import load_workbook

    path = fresh(tmp_path)
    workbook = load_workbook(path)
    workbook.defined_names["OrganizationTypes"].attr_text = f"Lists!{ref}"
    workbook.save(path)

    plan = read_workbook(path).plan

    assert "Nonprofit" in plan.vocabulary.organization_types
    assert cells_created() < 1_000


@pytest.mark.parametrize("ref", ["XFD1048576", "A100000", "ZZ3000"])
def test_a_value_far_from_the_others_sends_the_workbook_to_openpyxl(tmp_path: Path, ref: str):
    """python-calamine holds a sheet as one rectangle from its first cell to its last: given
    values at A1 and XFD1048576 it asks for 550 GB and aborts the process. The inspection
    measures each sheet's rectangle first; one far larger than its cells is read by openpyxl."""
    from hostile_files import set_cell

    from generator.excel.reader.fast import CalamineBook, CannotReadFast
    from generator.excel.safety import inspect_workbook

    path = set_cell(fresh(tmp_path), tmp_path / "far.xlsx", "Part 5 Invite List", ref, "Far Away")

    inspection = inspect_workbook(path)
    assert "spread over" in inspection.openpyxl_only[PART5_XML]
    with pytest.raises(CannotReadFast):
        CalamineBook(path, inspection)
    members = [invitee.member for invitee in read_workbook(path).plan.invitees]
    assert members == (["Far Away"] if ref == "A100000" else [])  # column A holds the members


def test_a_cell_whose_reference_is_not_measured_sends_the_workbook_to_openpyxl(tmp_path: Path):
    """A cell with no reference, or one written otherwise, is placed by calamine where the
    inspection cannot tell; such a workbook goes to openpyxl, which reads it the same."""
    from generator.excel.safety import inspect_workbook

    def unmeasured(xml: str) -> str:
        row = '<row r="9"><c t="inlineStr"><is><t>Pat Reyes</t></is></c></row>'
        return xml.replace("</sheetData>", row + "</sheetData>")

    path = in_sheet(tmp_path, "no-reference.xlsx", unmeasured)

    assert "without a reference" in inspect_workbook(path).openpyxl_only[PART5_XML]
    assert [i.member for i in read_workbook(path).plan.invitees] == ["Pat Reyes"]


def test_a_cell_in_a_tag_too_long_to_hold_back_sends_the_workbook_to_openpyxl(tmp_path: Path):
    """The inspection holds back a tag cut by the end of an inflated chunk (1 MiB) so that it
    is measured whole, up to 64 KiB. A cell written with a prefix longer than that, starting
    more than 64 KiB before the boundary, was passed on uncounted and unmeasured: at XFD1048576
    it would hand calamine a rectangle of 17 billion cells. Such a part goes to openpyxl, which
    holds only the cells the file holds."""
    from generator.excel.safety import inspect_workbook

    prefix = "p" * 70_000
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cell = (
        f'<row r="1048576"><{prefix}:c xmlns:{prefix}="{main}" r="XFD1048576" t="inlineStr">'
        f"<{prefix}:is><{prefix}:t>Far Away</{prefix}:t></{prefix}:is></{prefix}:c></row>"
    )

    def across_a_chunk(xml: str) -> str:
        before = xml.index("</sheetData>")
        # Blanks between rows, mixed so that they compress no more than a sheet's cells do.
        size = 1024 * 1024 - 69_000 - len(xml[:before].encode()) - len('<row r="1048576">')
        padding = "".join(random.Random(0).choices(" \t\r\n", k=size))
        return xml[:before] + padding + cell + xml[before:]

    path = in_sheet(tmp_path, "long-tag.xlsx", across_a_chunk)

    assert inspect_workbook(path).openpyxl_only[PART5_XML] == "a tag too long to measure"
    assert read_workbook(path).plan.invitees == []  # column A holds the members


def test_a_long_text_across_a_chunk_is_no_tag_given_up(tmp_path: Path):
    """What the inspection holds back at a chunk's end runs from the last "<": a whole tag and
    a long text after it (30,000 characters in a cell) is not a tag cut in two, and the
    workbook stays with calamine."""
    from generator.excel.safety import inspect_workbook

    text = "".join(chr(random.Random(1).randrange(0x4E00, 0x9FFF)) for _ in range(30_000))
    row = f'<row r="40"><c r="A40" t="inlineStr"><is><t>{text}</t></is></c></row>'

    def across_a_chunk(xml: str) -> str:
        before = xml.index("</sheetData>")
        start = '<row r="40"><c r="A40" t="inlineStr"><is>'
        size = 1024 * 1024 - 69_000 - len(xml[:before].encode()) - len(start)
        padding = "".join(random.Random(0).choices(" \t\r\n", k=size))
        return xml[:before] + padding + row + xml[before:]

    path = in_sheet(tmp_path, "long-text.xlsx", across_a_chunk)

    assert inspect_workbook(path).openpyxl_only == {}
    assert text in [invitee.member for invitee in read_workbook(path).plan.invitees]


# --- Other programs' workbooks ------------------------------------------------------------------


def test_a_workbook_shaped_like_a_google_sheets_export_reads_the_same(sample_workbook: Path):
    """Google Sheets keeps no defined names, hidden sheet or validations, unmerges the headings
    (each group heading then stands over its first column only) and may change the case of
    sheet names; it writes every answer as plain text."""
    from openpyxl import load_workbook

    from generator.excel.reader import check_workbook

    expected = check_workbook(sample_workbook)
    workbook = load_workbook(sample_workbook)
    del workbook["_coalition"]
    for name in list(workbook.defined_names):
        del workbook.defined_names[name]
    for sheet in workbook.worksheets:
        sheet.data_validations.dataValidation = []
        for cell_range in list(sheet.merged_cells.ranges):
            sheet.unmerge_cells(str(cell_range))
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.value = str(cell.value)
        title = sheet.title
        sheet.title, sheet.title = f"_{title}", title.lower()
    workbook.save(sample_workbook)

    reading = check_workbook(sample_workbook)

    def partners(plan):
        return [
            (p.name, p.kind, p.organization_type, p.populations, p.assets) for p in plan.partners
        ]

    assert partners(reading.plan) == partners(expected.plan)
    assert [i.member for i in reading.plan.invitees] == [i.member for i in expected.plan.invitees]
    assert sorted(f.code for f in reading.findings) == sorted(
        ["no-version", *(f.code for f in expected.findings)]
    )


def test_a_macro_enabled_workbook_is_read_and_its_copy_carries_no_macros(
    sample_workbook: Path, tmp_path: Path
):
    from click.testing import CliRunner

    from generator.cli import main

    xlsm = tmp_path / "plan.xlsm"
    main_type = b"spreadsheetml.sheet.main+xml"
    macro_type = b"vnd.ms-excel.sheet.macroEnabled.main+xml"
    with zipfile.ZipFile(sample_workbook) as old, zipfile.ZipFile(xlsm, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"vnd.openxmlformats-officedocument." + main_type, macro_type)
            new.writestr(info, data)
        new.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1Sub Auto_Open()")
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(main, ["check", str(xlsm), "--annotate", annotated])

    assert result.exit_code == 0, result.output
    assert "0 errors, 2 warnings" in result.output
    with zipfile.ZipFile(annotated) as copy:
        assert not [name for name in copy.namelist() if "vba" in name.lower()]
        assert macro_type not in copy.read("[Content_Types].xml")


def test_thousands_of_columns_of_ones_own_cost_only_the_cells_filled(
    sample_workbook: Path, monkeypatch: pytest.MonkeyPatch
):
    """A 150 KB sheet with a heading in every column up to XFD once cost the reader 16,384
    looks per row: seconds for 2,000 rows, most of a minute for 10,000."""
    from openpyxl import load_workbook

    import generator.excel.reader.rows

    workbook = load_workbook(sample_workbook)
    sheet = workbook["Part 4 Benefits"]
    for column in range(7, 16_385):
        sheet.cell(2, column, f"Own {column}")
    for row in range(20, 120):
        sheet.cell(row, 1, "Forest City Asset Builders")
        sheet.cell(row, 300, "noted")
    workbook.save(sample_workbook)
    looked_at = 0
    real_cell_text = generator.excel.reader.rows.cell_text

    def counting(value):
        nonlocal looked_at
        looked_at += 1
        return real_cell_text(value)

    monkeypatch.setattr(generator.excel.reader.rows, "cell_text", counting)

    plan = read_workbook(sample_workbook).plan

    assert plan.benefits[-1].extra == {"Own 300": "noted"}
    assert looked_at < 100_000  # not 100 rows x 16,384 columns


# --- Layout version -----------------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["inf", "1e400", "-1"])
def test_a_version_that_is_no_version_number_is_one_sentence_and_exit_2(
    tmp_path: Path, declared: str
):
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from generator.cli import main

    path = fresh(tmp_path)
    workbook = load_workbook(path)
    workbook.defined_names["CoalitionLayoutVersion"].attr_text = declared
    workbook.save(path)

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 2
    assert f"{path}: has an unreadable layout version '{declared}'." in result.output


# --- Cells that show a spreadsheet error --------------------------------------------------------


def test_a_cell_showing_a_spreadsheet_error_is_read_as_empty_and_is_an_error(sample_workbook: Path):
    """#REF! once became an organization's name, and #DIV/0! in a mark column a mark."""
    from openpyxl import load_workbook

    from generator.excel.reader import check_workbook

    workbook = load_workbook(sample_workbook)
    part2 = workbook["Part 2 Existing"]
    part2["A5"], part2["B4"], part2["C4"] = "#REF!", "#N/A", "#DIV/0!"
    part1 = workbook["Part 1 Needs"]
    chosen = next(row for row in range(1, part1.max_row + 1) if part1.cell(row, 2).value == "Yes")
    part1.cell(chosen, 2).value = "#VALUE!"
    assert {part2["A5"].data_type, part1.cell(chosen, 2).data_type} == {"e"}
    workbook.save(sample_workbook)

    reading = check_workbook(sample_workbook)

    errors = {(f.sheet, f.cell): f.value for f in reading.findings if f.code == "spreadsheet-error"}
    assert errors == {
        ("Part 2 Existing", "A5"): "#REF!",
        ("Part 2 Existing", "B4"): "#N/A",
        ("Part 2 Existing", "C4"): "#DIV/0!",
        ("Part 1 Needs", f"B{chosen}"): "#VALUE!",
    }
    assert not any(p.name.startswith("#") for p in reading.plan.partners)
    first = reading.plan.existing_partners[0]
    assert first.organization_type == "" and "People of color" not in first.populations
    # Errors themselves, and the only finding at their cells: not also "no name", "no type".
    at_cells = {
        (f.severity.value, f.code, f.cell)
        for f in reading.findings
        if f.sheet == "Part 2 Existing" and f.cell in ("A5", "B4")
    }
    assert at_cells == {("error", "spreadsheet-error", "A5"), ("error", "spreadsheet-error", "B4")}


# --- Very long text -----------------------------------------------------------------------------


def test_a_page_of_text_pasted_into_a_cell_is_quoted_by_its_start(
    sample_workbook: Path, tmp_path: Path
):
    """32,767 characters (Excel's most) in a list answer and an email once made findings of
    32,000 characters: 100,000 characters in the terminal and rows 7,000 points high."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from generator.cli import main

    workbook = load_workbook(sample_workbook)
    workbook["Part 2 Existing"]["B4"] = "N" + "o" * 32_766
    workbook["Part 5 Invite List"]["G5"] = "z" * 32_767
    workbook["Part 3 Potential"]["A4"] = "Forest City Community College " * 1_000
    workbook.save(sample_workbook)
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(main, ["check", str(sample_workbook), "--annotate", annotated])

    assert result.exit_code == 1
    assert len(result.output) < 10_000
    findings = load_workbook(annotated)["Findings"]
    problems = [findings.cell(row, 3).value for row in range(4, findings.max_row + 1)]
    assert max(map(len, problems)) <= 500
    unwrapped = " ".join(result.output.split())  # wrapped to the terminal's width, which varies
    assert "\u201cNooooo" in unwrapped and "o\u2026\u201d is not in the list" in unwrapped
    heights = [findings.row_dimensions[row].height for row in range(4, findings.max_row + 1)]
    assert all((height or 15) <= 409 for height in heights)  # None: the default height


# --- The annotated copy -------------------------------------------------------------------------


def test_a_finding_inside_cells_merged_by_hand_is_noted_on_the_merged_cell(
    sample_workbook: Path, tmp_path: Path
):
    """Two invitees' cells merged into one: the second row's finding points inside the merge,
    where a spreadsheet cell can hold no comment (this was an internal error)."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from generator.cli import main

    workbook = load_workbook(sample_workbook)
    workbook["Part 5 Invite List"]["G4"] = "not an email"
    workbook["Part 5 Invite List"].merge_cells("G4:G5")
    workbook.save(sample_workbook)
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(main, ["check", str(sample_workbook), "--annotate", annotated])

    assert result.exit_code == 1, result.output
    note = load_workbook(annotated)["Part 5 Invite List"]["G4"].comment.text
    assert note.count("is not an email address") == 2
    assert "G5: ERROR" in note


def with_external_link(source: Path, target: Path) -> Path:
    """Part 2's first name as a formula into another workbook, with its value as last seen."""
    ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    link = (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'{ns}><externalBook r:id="rId1"><sheetNames><sheetName val="Members"/></sheetNames>'
        "</externalBook></externalLink>"
    )
    link_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{relations}/externalLinkPath" Target="members.xlsx" '
        'TargetMode="External"/></Relationships>'
    )

    def change(part: str, data: bytes) -> bytes:
        text = data.decode("utf-8")
        if part == "[Content_Types].xml":
            text = text.replace(
                "</Types>",
                '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
            )
        elif part == "xl/_rels/workbook.xml.rels":
            text = text.replace(
                "</Relationships>",
                f'<Relationship Id="rIdLink" Type="{relations}/externalLink" '
                'Target="externalLinks/externalLink1.xml"/></Relationships>',
            )
        elif part == "xl/workbook.xml":
            text = text.replace(
                "</sheets>",
                f'</sheets><externalReferences><externalReference {ns} r:id="rIdLink"/>'
                "</externalReferences>",
            )
        elif part == "xl/worksheets/sheet3.xml":  # Part 2
            text = re.sub(
                r'<c r="A4".*?</c>',
                '<c r="A4" t="str"><f>[1]Members!A1</f><v>Forest City Asset Builders</v></c>',
                text,
                count=1,
            )
        return text.encode("utf-8")

    rezip(source, target, change)
    with zipfile.ZipFile(target, "a") as package:
        package.writestr("xl/externalLinks/externalLink1.xml", link)
        package.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", link_rels)
    return target


def test_a_name_linked_from_another_workbook_is_read_and_stays_linked_when_formulas_are_kept(
    sample_workbook: Path, tmp_path: Path
):
    """With --keep-formulas the copy keeps the link (it once lost it, leaving a formula into
    nothing: #NAME? in LibreOffice); by default the formula becomes the value it showed."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from generator.cli import main

    linked_workbook = with_external_link(sample_workbook, tmp_path / "linked.xlsx")
    kept, valued = tmp_path / "kept.xlsx", tmp_path / "valued.xlsx"

    result = CliRunner().invoke(
        main, ["check", str(linked_workbook), "--annotate", kept, "--keep-formulas"]
    )
    by_default = CliRunner().invoke(main, ["check", str(linked_workbook), "--annotate", valued])

    assert result.exit_code == 0 and "0 errors, 2 warnings" in result.output, result.output
    with zipfile.ZipFile(kept) as copy:
        assert "externalReference" in copy.read("xl/workbook.xml").decode()
        assert b"members.xlsx" in copy.read("xl/externalLinks/_rels/externalLink1.xml.rels")
    assert by_default.exit_code == 0, by_default.output
    with zipfile.ZipFile(valued) as copy:
        assert "externalReference" not in copy.read("xl/workbook.xml").decode()
        assert not [name for name in copy.namelist() if "externalLink" in name]
    cell = load_workbook(valued)["Part 2 Existing"]["A4"]
    assert (cell.value, cell.data_type) == ("Forest City Asset Builders", "s")
    assert "[1]Members!A1" in cell.comment.text


@pytest.mark.parametrize("name", ["annotated.xlsm", "annotated.xls", "annotated"])
def test_the_annotated_copy_must_be_named_xlsx(sample_workbook: Path, tmp_path: Path, name: str):
    """Excel refuses to open an .xlsm or .xls that holds an .xlsx workbook (the copy keeps no
    macros), so such a name is refused before anything is written."""
    from click.testing import CliRunner

    from generator.cli import main

    output = tmp_path / name

    result = CliRunner().invoke(main, ["check", str(sample_workbook), "--annotate", output])

    assert result.exit_code == 2
    assert f"{output}: " in result.output and ".xlsx" in result.output
    assert not output.exists()


# --- Sheets renamed -----------------------------------------------------------------------------


def test_sheets_renamed_to_their_part_with_any_ending_are_found(sample_workbook: Path):
    from openpyxl import load_workbook

    workbook = load_workbook(sample_workbook)
    workbook["Part 2 Existing"].title = "Part 2, existing partners"
    workbook["Part 3 Potential"].title = "PART 3"
    workbook.create_sheet("Part 30 archive")
    workbook._sheets.reverse()  # and the tabs reordered
    workbook.save(sample_workbook)

    plan = read_workbook(sample_workbook).plan

    assert len(plan.existing_partners) == 9
    assert {p.source.sheet for p in plan.potential_partners} == {"PART 3"}


# --- Paths --------------------------------------------------------------------------------------


def test_a_symbolic_link_loop_is_not_called_missing(tmp_path: Path):
    loop = tmp_path / "plan.xlsx"
    loop.symlink_to(tmp_path / "again.xlsx")
    (tmp_path / "again.xlsx").symlink_to(loop)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(loop)

    assert str(raised.value) == f"{loop}: cannot be read (Too many levels of symbolic links)."


def test_a_path_with_spaces_and_accents_is_read_and_annotated(
    sample_workbook: Path, tmp_path: Path
):
    from click.testing import CliRunner

    from generator.cli import main

    folder = tmp_path / "Coalición de Forest City ☃"
    folder.mkdir()
    path = sample_workbook.rename(folder / "plan de coalición 2026.xlsx")

    result = CliRunner().invoke(main, ["check", str(path), "--annotate", folder / "annoté.xlsx"])

    assert result.exit_code == 0, result.output
    assert (folder / "annoté.xlsx").is_file()


# --- Checks -------------------------------------------------------------------------------------


def test_a_sender_without_a_title_does_not_stop_the_checks_of_later_rows(sample_workbook: Path):
    from openpyxl import load_workbook

    from generator.excel.reader import check_workbook

    workbook = load_workbook(sample_workbook)
    sheet = workbook["Part 5 Invite List"]
    sheet["C4"], sheet["I4"] = "Pat Reyes", None  # a sender with no title on any row
    sheet["B5"] = "Forest City Asset Buildrs"  # and a later invitee's organization is misspelt
    workbook.save(sample_workbook)

    reading = check_workbook(sample_workbook)

    codes = {(f.code, f.cell) for f in reading.findings}
    assert {("missing-sender-title", "I4"), ("unknown-organization", "B5")} <= codes


def test_suggestions_for_many_unknown_partners_cost_a_bounded_effort(
    sample_workbook: Path, monkeypatch: pytest.MonkeyPatch
):
    """Each "did you mean" compares a name with every partner: 2,000 partners and 2,000 unknown
    names in Part 4 once took 90 s, 5,000 of each ten minutes. The workbook has one budget of
    characters compared; past it, unknown names are still reported, without a suggestion."""
    import difflib

    from openpyxl import load_workbook

    from generator.worksheet.limits import LIMITS

    workbook = load_workbook(sample_workbook)
    for offset in range(400):
        workbook["Part 2 Existing"].cell(20 + offset, 1, f"Neighborhood Association {offset}")
        workbook["Part 2 Existing"].cell(20 + offset, 2, "Nonprofit")
        workbook["Part 4 Benefits"].cell(20 + offset, 1, f"Neighbourhood Assoc. {offset}")
    workbook.save(sample_workbook)
    compared = 0
    real = difflib.SequenceMatcher.quick_ratio

    def counting(self):
        nonlocal compared
        compared += len(self.a) + len(self.b)
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "quick_ratio", counting)

    reading = check_workbook(sample_workbook)

    unknown = [f for f in reading.findings if f.code == "unknown-partner"]
    assert len(unknown) == 400
    assert unknown[0].suggestion == "Did you mean \u201cNeighborhood Association 0\u201d?"
    assert unknown[-1].suggestion == "Add the organization to Part 2 or Part 3 first."
    assert any(f.code == "matching-stopped" for f in reading.findings)
    assert compared <= LIMITS.max_match_work  # 400 x 409 names x 45 characters unbounded
