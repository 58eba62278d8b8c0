"""What a command writes is settled before it works: a name of the right kind, and no file in the
way, refused in one sentence before anything is read, checked or printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("name", ["out.xls", "out.csv", "out.docx", "out"])
def test_new_workbook_refuses_a_name_that_is_not_xlsx(tmp_path: Path, name: str) -> None:
    target = tmp_path / name

    result = run("new-workbook", "-o", target)

    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {target}: is not an .xlsx name; name the workbook .xlsx, as in out.xlsx."
    )
    assert list(tmp_path.iterdir()) == []


def test_every_command_that_writes_a_workbook_refuses_other_names_before_reading(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "not-there.xlsx"  # never read: the name is refused first
    commands = {
        "merge": ["merge", missing, missing, "-o", tmp_path / "merged.xls"],
        "upgrade": ["upgrade", missing, "-o", tmp_path / "new.csv"],
        "check --annotate": ["check", missing, "--annotate", tmp_path / "annotated.docx"],
        "metrics -o": [
            "metrics",
            "--data",
            tmp_path / "none.csv",
            "--county",
            "39035",
            "-o",
            tmp_path / "metrics",
        ],
        "summarize -o": ["summarize", missing, "-o", tmp_path / "summary.ods"],
    }
    for command, argv in commands.items():
        result = run(*argv)
        assert result.exit_code == 2, command
        assert "is not an .xlsx name" in result.output, (command, result.output)
        assert "not-there" not in result.output and "none.csv" not in result.output, command
    assert list(tmp_path.iterdir()) == []


def test_check_refuses_an_existing_annotated_copy_before_checking(
    sample_workbook: Path, tmp_path: Path
) -> None:
    annotated = tmp_path / "annotated.xlsx"
    annotated.write_bytes(b"mine")

    result = run("check", sample_workbook, "--annotate", annotated)

    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {annotated}: already exists; pass --force to overwrite it."
    )
    assert annotated.read_bytes() == b"mine"


def test_report_names_both_files_in_the_way(sample_workbook: Path, tmp_path: Path) -> None:
    folder = tmp_path / "briefing"
    folder.mkdir()
    docx = folder / "forest-city-coalition-report.docx"
    pdf = folder / "forest-city-coalition-report.pdf"
    docx.write_bytes(b"my docx")
    pdf.write_bytes(b"my pdf")

    result = run("report", sample_workbook, "-o", folder, "--pdf")

    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {docx} and {pdf} already exist; pass --force to overwrite them."
    )
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"my docx", b"my pdf")


def test_report_help_points_at_the_export_not_a_checkout() -> None:
    result = run("report", "--help")

    assert "templates/report.docx" not in result.output
    assert "templates export" in result.output
    assert "templates/cohort.docx" not in run("summarize", "--help").output


def test_templates_export_writes_the_report_template_too_and_names_every_path(
    tmp_path: Path,
) -> None:
    from generator.briefing.report import default_template

    folder = tmp_path / "mine"

    result = run("templates", "export", folder)

    assert result.exit_code == 0, result.output
    names = ["letter.docx", "update-letter.docx", "report.docx", "cohort.docx", "FIELDS.md"]
    assert result.output.splitlines() == [f"Wrote {folder / name}" for name in names]
    assert (folder / "report.docx").read_bytes() == default_template().read_bytes()

    again = run("templates", "export", folder)

    assert again.exit_code == 2
    assert "already exist; pass --force to overwrite them." in again.output
    assert all(str(folder / name) in again.output for name in names)


def test_the_exported_report_template_restyles_the_briefing(
    sample_workbook: Path, tmp_path: Path
) -> None:
    run("templates", "export", tmp_path / "mine")
    shutil.copyfile(tmp_path / "mine" / "report.docx", tmp_path / "ours.docx")

    result = run("report", sample_workbook, "-o", tmp_path, "--template", tmp_path / "ours.docx")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "forest-city-coalition-report.docx").is_file()
