"""`coalition demo`: the whole path on the bundled sample, as the README's first command runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main


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
