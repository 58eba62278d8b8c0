"""`coalition demo`: the whole path on the bundled sample, as the README's first command runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.excel.reader import check_workbook, read_workbook


@pytest.fixture
def first_demo(make_once) -> tuple[int, str, Path]:
    """`coalition demo` run once into a new folder: its exit code, its output and the folder.

    The run (LibreOffice included) is shared by the tests below, which only read what it made.
    """

    def run(folder: Path) -> None:
        result = CliRunner().invoke(main, ["demo", "-o", str(folder / "demo")])
        (folder / "exit code").write_text(str(result.exit_code))
        (folder / "output").write_text(result.output, encoding="utf-8")

    made = make_once("demo", run)
    output = (made / "output").read_text(encoding="utf-8")
    return int((made / "exit code").read_text()), output, made / "demo"


def test_the_demo_checks_reports_and_writes_letters(first_demo: tuple[int, str, Path]):
    exit_code, output, folder = first_demo

    assert exit_code == 0, output
    assert "2. coalition check: 0 errors, 2 warnings" in output
    assert (folder / "forest-city.xlsx").is_file()
    report = Document(str(folder / "forest-city-coalition-report.docx"))
    assert any("Forest City" in p.text for p in report.paragraphs)
    letters = sorted((folder / "letters").glob("*.docx"))
    assert "Forest City Asset Builders - Denise Okafor.docx" in {p.name for p in letters}
    assert (folder / "letters" / "manifest.csv").is_file()
    assert len(list((folder / "letters").glob("*.eml"))) >= 8


def test_running_the_demo_again_keeps_a_letter_edited_by_hand(
    first_demo: tuple[int, str, Path], tmp_path: Path
):
    import shutil

    folder = Path(shutil.copytree(first_demo[2], tmp_path / "demo"))  # as the first run left it
    edited = folder / "letters" / "Forest City Asset Builders - Denise Okafor.docx"
    document = Document(str(edited))
    document.add_paragraph("P.S. Lovely to see you at the block party.")
    document.save(str(edited))

    again = CliRunner().invoke(main, ["demo", "-o", str(folder)])

    assert again.exit_code == 0, again.output
    assert "edited by hand" in again.output
    assert "P.S." in Document(str(edited)).paragraphs[-1].text


def test_the_demo_writes_the_workbooks_the_readmes_steps_use(first_demo: tuple[int, str, Path]):
    exit_code, output, folder = first_demo

    assert exit_code == 0, output
    assert (
        "   and, to try each step yourself: maria.xlsx, james.xlsx and karen.xlsx (three "
        "partners' copies to merge) and forest-city-with-mistakes.xlsx (to check)"
    ) in output.splitlines()
    for name in ("maria", "james", "karen"):
        assert read_workbook(folder / f"{name}.xlsx").plan.community == "Forest City"
    mistakes = check_workbook(folder / "forest-city-with-mistakes.xlsx")
    assert (len(mistakes.errors), len(mistakes.warnings)) == (4, 4)


def test_running_the_demo_again_keeps_the_files_the_user_changed(
    first_demo: tuple[int, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import shutil

    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "no-soffice-here"))  # no PDFs: quick
    folder = Path(shutil.copytree(first_demo[2], tmp_path / "demo"))  # as the first run left it
    draft = sorted((folder / "letters").glob("*.eml"))[0]
    changed = [folder / "forest-city.xlsx", folder / "maria.xlsx", draft]
    for path in changed:
        with path.open("ab") as file:
            file.write(b"as the user saved it")
    before = {path: path.read_bytes() for path in changed}
    untouched = folder / "james.xlsx"
    untouched.write_bytes(untouched.read_bytes())  # touched, not changed: the demo's own

    again = CliRunner().invoke(main, ["demo", "-o", str(folder)])

    assert again.exit_code == 0, again.output
    assert {path: path.read_bytes() for path in changed} == before
    for path in changed:
        assert (
            f"Kept {path}: it changed since the demo wrote it, or the demo did not write it; "
            "delete it to have the demo write it again."
        ) in again.output.splitlines()
    assert f"Kept {untouched}" not in again.output
    assert read_workbook(untouched).plan.community == "Forest City"
    assert "2. coalition check: 0 errors, 2 warnings" in again.output  # the sample, not the copy


def test_the_demo_keeps_a_file_it_did_not_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "no-soffice-here"))
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "karen.xlsx").write_bytes(b"Karen's own file")

    result = CliRunner().invoke(main, ["demo", "-o", str(folder)])

    assert result.exit_code == 0, result.output
    assert (folder / "karen.xlsx").read_bytes() == b"Karen's own file"
    assert f"Kept {folder / 'karen.xlsx'}: " in result.output
    assert (folder / "maria.xlsx").is_file()


@pytest.mark.libreoffice
def test_the_demo_makes_pdfs_when_libreoffice_is_installed(first_demo: tuple[int, str, Path]):
    exit_code, output, folder = first_demo

    assert exit_code == 0, output
    assert (folder / "forest-city-coalition-report.pdf").read_bytes().startswith(b"%PDF")
    assert len(list((folder / "letters").glob("*.pdf"))) >= 12


def test_without_libreoffice_the_demo_says_why_there_are_no_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "no-soffice-here"))

    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "demo")])

    assert result.exit_code == 0, result.output
    assert "No PDFs were made: COALITION_SOFFICE is set to" in result.output
    assert not list((tmp_path / "demo").rglob("*.pdf"))


def test_a_folder_that_cannot_be_made_is_one_sentence_and_exit_2(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    folder = tmp_path / "a-file" / "demo"

    result = CliRunner().invoke(main, ["demo", "-o", str(folder)])

    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {folder}: cannot be made (Not a directory)."
