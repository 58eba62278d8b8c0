"""PDFs of letters: a re-run converts only the letters that changed since their PDF was made."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.word.pdf
from generator.cli import main
from generator.letters.batch import Options, write_letters
from generator.letters.delivery import deliver
from generator.letters.manifest import MANIFEST_NAME
from generator.letters.summary import summary_lines
from generator.plan.model import CoalitionPlan

DAY = dt.date(2026, 5, 4)


class Spy:
    """Stands in for convert_to_pdf, or wraps it, counting the documents it is given."""

    def __init__(self, real: bool = False) -> None:
        self.real = generator.word.pdf.convert_to_pdf if real else None
        self.calls: list[list[str]] = []

    def __call__(
        self, sources: Sequence[Path], out_dir: Path, *, workers: int | None = None
    ) -> list[Path]:
        self.calls.append([Path(s).name for s in sources])
        if self.real is not None:
            return self.real(sources, out_dir, workers=workers)
        made = []
        for source in sources:  # a stand-in PDF that differs with the letter
            target = Path(out_dir) / f"{Path(source).stem}.pdf"
            target.write_bytes(b"%PDF-1.7 " + hashlib.sha256(Path(source).read_bytes()).digest())
            made.append(target)
        return made

    @property
    def converted(self) -> int:
        return sum(len(call) for call in self.calls)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    fake = Spy()
    monkeypatch.setattr(generator.word.pdf, "convert_to_pdf", fake)
    return fake


def run(plan: CoalitionPlan, folder: Path, day: dt.date = DAY) -> list[str]:
    batch = write_letters(plan, folder, Options(date=day))
    deliver(batch, plan, pdf=True)
    assert not batch.problems
    return summary_lines(batch)


def manifest(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / MANIFEST_NAME).open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle) if row["file"]}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_rerun_keeps_the_pdfs_of_unchanged_letters(
    sample_plan: CoalitionPlan, tmp_path: Path, spy: Spy
) -> None:
    first = run(sample_plan, tmp_path)
    assert spy.converted == 10
    assert "Also wrote 10 PDFs." in first
    for file, row in manifest(tmp_path).items():
        letter = tmp_path / file
        assert row["pdf_made_from"] == sha(letter) == row["sha256"]
        assert row["pdf_sha256"] == sha(letter.with_suffix(".pdf"))

    def pdf_columns() -> dict[str, tuple[str, str]]:
        return {f: (r["pdf_sha256"], r["pdf_made_from"]) for f, r in manifest(tmp_path).items()}

    recorded = pdf_columns()
    again = run(sample_plan, tmp_path)
    assert spy.converted == 10  # nothing converted the second time
    assert (
        "Kept 10 PDFs already up to date (their letters have not changed since they were made)."
        in again
    )
    assert not any(line.startswith("Also wrote") for line in again)
    assert pdf_columns() == recorded  # still records every PDF


def test_only_what_changed_is_converted_again(
    sample_plan: CoalitionPlan, tmp_path: Path, spy: Spy
) -> None:
    run(sample_plan, tmp_path)
    letters = sorted(tmp_path.glob("*.docx"))
    letters[0].with_suffix(".pdf").unlink()  # a PDF deleted
    letters[1].with_suffix(".pdf").write_bytes(b"%PDF-1.7 edited")  # a PDF changed
    sample_plan.invitees[0].member_title = "Chief Executive"  # a letter that changes
    changed = next(
        f
        for f, row in manifest(tmp_path).items()
        if row["recipient"] == sample_plan.invitees[0].member
    )

    lines = run(sample_plan, tmp_path)
    redone = sorted(spy.calls[-1])
    assert redone == sorted({letters[0].name, letters[1].name, changed})
    assert f"Kept {10 - len(redone)} PDFs already up to date" in " ".join(lines)
    for file, row in manifest(tmp_path).items():
        assert row["pdf_made_from"] == sha(tmp_path / file)
        assert row["pdf_sha256"] == sha((tmp_path / file).with_suffix(".pdf"))


def test_a_letter_edited_by_hand_gets_a_new_pdf_of_the_edited_letter(
    sample_plan: CoalitionPlan, tmp_path: Path, spy: Spy
) -> None:
    run(sample_plan, tmp_path)
    edited = sorted(tmp_path.glob("*.docx"))[2]
    edited.write_bytes(edited.read_bytes() + b"\0")  # kept as edited, its PDF is out of date
    run(sample_plan, tmp_path)
    assert spy.calls[-1] == [edited.name]
    row = manifest(tmp_path)[edited.name]
    assert row["sha256"] != sha(edited)  # the manifest still knows what coalition wrote
    assert row["pdf_made_from"] == sha(edited)
    run(sample_plan, tmp_path)
    assert spy.converted == 11


def test_a_run_without_pdf_keeps_the_record_of_the_pdfs(
    sample_plan: CoalitionPlan, tmp_path: Path, spy: Spy
) -> None:
    run(sample_plan, tmp_path)
    write_letters(sample_plan, tmp_path, Options(date=DAY))  # no --pdf this time
    run(sample_plan, tmp_path)
    assert spy.converted == 10


@pytest.mark.libreoffice
def test_rerunning_letters_pdf_converts_nothing_when_nothing_changed(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = Spy(real=True)
    monkeypatch.setattr(generator.word.pdf, "convert_to_pdf", counting)
    out = tmp_path / "out"
    command = ["letters", str(sample_workbook), "-o", str(out), "--pdf", "--date", "2026-05-04"]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    assert counting.converted == 10
    pdfs = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    assert len(pdfs) == 10

    again = CliRunner().invoke(main, command)
    assert again.exit_code == 0, again.output
    assert counting.converted == 10
    assert "Kept 10 PDFs already up to date" in again.output
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf")} == pdfs
