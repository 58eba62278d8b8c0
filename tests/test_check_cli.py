"""`coalition check` as a convener runs it: a table, JSON, and an annotated copy."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from workbook_edits import data_row, edit

from generator.cli import main
from generator.excel.styles import put_text
from generator.worksheet import PART2, PART5


def run(*args: str):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def with_mistakes(path: Path) -> Path:
    def mistakes(workbook):
        workbook[PART2.sheet].cell(data_row(0), 2, "Non-profit org")
        # Pasted as text: a formula-looking value that must never become a formula.
        put_text(workbook[PART5.sheet].cell(data_row(1), 7), '=HYPERLINK("http://evil")')

    return edit(path, mistakes)


def test_a_clean_workbook_exits_0_and_shows_its_warnings(sample_workbook: Path):
    result = run(sample_workbook)

    assert result.exit_code == 0
    assert "0 errors, 2 warnings" in result.output
    assert "Part 2 Existing!A12" in result.output
    assert "\u2192 Add an email address" in result.output


def test_errors_exit_1_with_cell_and_suggestion(sample_workbook: Path):
    result = run(with_mistakes(sample_workbook))

    assert result.exit_code == 1
    assert "Part 2 Existing!B4" in result.output
    assert "Did you mean \u201cNonprofit\u201d?" in result.output


def test_json_lists_every_finding_for_other_tools(sample_workbook: Path, tmp_path: Path):
    missing = tmp_path / "missing.xlsx"

    result = run("--format", "json", with_mistakes(sample_workbook), missing)

    assert result.exit_code == 2  # one file could not be read at all
    checked, unreadable = json.loads(result.output)
    assert checked["errors"] == 2 and checked["warnings"] == 2
    first = checked["findings"][0]
    assert first["sheet"] == "Part 2 Existing" and first["cell"] == "B4"
    assert set(first) >= {"severity", "code", "column", "value", "message", "suggestion", "file"}
    assert unreadable == {"file": str(missing), "readable": False, "error": unreadable["error"]}


def test_annotate_highlights_a_copy_and_never_touches_the_input(
    sample_workbook: Path, tmp_path: Path
):
    source = with_mistakes(sample_workbook)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    annotated = tmp_path / "annotated.xlsx"

    result = run(source, "--annotate", annotated)

    assert result.exit_code == 1
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    workbook = load_workbook(annotated)
    assert workbook.sheetnames[0] == "Findings"
    flagged = workbook[PART2.sheet]["B4"]
    assert "Did you mean \u201cNonprofit\u201d?" in flagged.comment.text
    assert flagged.fill.fgColor.rgb.endswith("F8CBAD")
    findings = workbook["Findings"]
    values = [findings.cell(row, 6).value for row in range(4, findings.max_row + 1)]
    # The hostile value is written back as text, never as a formula.
    assert '=HYPERLINK("http://evil")' in values
    cell = next(c for c in findings["F"] if c.value == '=HYPERLINK("http://evil")')
    assert cell.data_type == "s"
    # Dropdowns and names survive into the copy.
    assert "OrganizationTypes" in workbook.defined_names
    assert workbook[PART2.sheet].data_validations.dataValidation


def test_annotate_refuses_to_overwrite_the_input_or_an_existing_file(sample_workbook: Path):
    same = run(sample_workbook, "--annotate", sample_workbook)
    assert same.exit_code == 2 and "needs another name" in same.output

    existing = sample_workbook.with_name("taken.xlsx")
    existing.write_bytes(b"mine")
    taken = run(sample_workbook, "--annotate", existing)
    assert taken.exit_code == 2 and "--force" in taken.output
    assert existing.read_bytes() == b"mine"


def test_annotate_works_with_json_output_too(sample_workbook: Path, tmp_path: Path):
    annotated = tmp_path / "annotated.xlsx"

    result = CliRunner().invoke(
        main, ["check", str(sample_workbook), "--format", "json", "--annotate", str(annotated)]
    )

    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["warnings"] == 2
    assert load_workbook(annotated).sheetnames[0] == "Findings"
