"""The whole path on the bundled Forest City sample: check, report, letters.

Everything is written into one folder of the user's choosing; the bundled sample itself is only
read. The folder also gets a copy of it to open and change, and the workbooks the README's steps
use (:mod:`generator.demo.copies`). Running the demo again never writes over a file changed
since it wrote it (:mod:`generator.demo.keep`), nor over a letter edited by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.briefing.report import report_filename, write_report
from generator.common.english import listed
from generator.common.errors import ConversionError, OutputError
from generator.common.fileio import atomic_path
from generator.demo.copies import MISTAKES_NAME, partner_plans, with_mistakes, write_partner_copy
from generator.demo.keep import DemoFiles
from generator.demo.sample import sample_workbook
from generator.excel.reader import check_workbook
from generator.letters.batch import Batch, Options, write_letters
from generator.letters.delivery import deliver
from generator.letters.summary import summary_lines
from generator.plan.findings import Finding

Echo = Callable[[str], None]


@dataclass
class DemoResult:
    workbook: Path
    findings: list[Finding]
    report: Path
    letters: Batch
    pdfs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # files changed since the demo wrote them


def run_demo(folder: Path, echo: Echo = print) -> DemoResult:
    """Run check, report and letters on the sample; PDFs too when LibreOffice is installed.

    A re-run refreshes what the demo wrote, but a file changed since (a workbook, the briefing,
    a letter edited by hand) is kept, and said to be.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for the demo.", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot be made ({error.strerror}).", folder) from None
    files = DemoFiles(folder)
    workbook = folder / sample_workbook().name
    if files.may_write(workbook):
        with atomic_path(workbook) as tmp:
            shutil.copyfile(sample_workbook(), tmp)
        files.wrote(workbook)
    echo(f"1. The Forest City sample workbook: {workbook}")
    copies = _write_copies(folder, files)
    echo(
        f"   and, to try each step yourself: {listed(p.name for p in copies[:-1])} (three "
        f"partners' copies to merge) and {copies[-1].name} (to check)"
    )

    reading = check_workbook(sample_workbook())  # the sample itself, whatever became of the copy
    echo(f"2. coalition check: {len(reading.errors)} errors, {len(reading.warnings)} warnings")
    for finding in reading.findings:
        echo(f"     {finding.severity.value}: {finding.where}: {finding.message}")

    missing = _libreoffice_missing()
    report = folder / report_filename(reading.plan.community)
    pdfs: list[Path] = []
    if files.may_write(report):
        write_report(
            reading.plan,
            reading.findings,
            report,
            prepared_by="Maria Delgado, Office of Economic Mobility",
            force=True,
        )
        files.wrote(report)
        if missing is None and files.may_write(report.with_suffix(".pdf")):
            from generator.word.pdf import convert_to_pdf

            pdfs = [files.wrote(p) for p in convert_to_pdf([report], folder, workers=1)]
    echo(f"3. coalition report: {report}")
    for pdf in pdfs:
        echo(f"     and {pdf}")

    batch = write_letters(reading.plan, folder / "letters", Options(keep_informed=True))
    # The letters' manifest keeps letters edited by hand; the extras made from them (PDFs, the
    # documents for printing, draft emails) are the demo's to keep: a kind of extra with a file
    # changed since is not made again.
    extras = _extras(batch)
    asked = {"pdf": missing is None, "combined": True, "eml": True}
    make = {kind: asked[kind] and all([files.may_write(p) for p in extras[kind]]) for kind in asked}
    deliver(batch, reading.plan, **make)
    for kind, paths in _extras(batch).items():
        for path in paths if make[kind] else []:
            files.wrote(path)
    echo(f"4. coalition letters: {folder / 'letters'}")
    for line in summary_lines(batch):
        echo(f"     {line}")
    files.save()
    for path in files.kept:
        echo(
            f"Kept {path}: it changed since the demo wrote it, or the demo did not write it; "
            "delete it to have the demo write it again."
        )
    notes = [f"No PDFs were made: {missing}"] if missing is not None else []
    for note in notes:
        echo(f"Note: {note}")
    return DemoResult(workbook, reading.findings, report, batch, pdfs, notes, files.kept)


def _write_copies(folder: Path, files: DemoFiles) -> list[Path]:
    """The partners' copies and the copy with mistakes, each unless the user changed it."""
    written = []
    for name, plan in partner_plans().items():
        target = folder / f"{name}.xlsx"
        if files.may_write(target):
            files.wrote(write_partner_copy(plan, target))
        written.append(target)
    mistakes = folder / MISTAKES_NAME
    if files.may_write(mistakes):
        files.wrote(with_mistakes(mistakes))
    return [*written, mistakes]


def _extras(batch: Batch) -> dict[str, list[Path]]:
    """The files of the letters' folder made from the letters, by the kind of extra."""
    letters = {result.file for result in batch.letters}
    found: dict[str, list[Path]] = {"pdf": [], "combined": [], "eml": []}
    for path in sorted(batch.folder.iterdir()) if batch.folder.is_dir() else []:
        if path.suffix == ".pdf":
            found["pdf"].append(path)
        elif path.suffix == ".eml":
            found["eml"].append(path)
        elif path.suffix == ".docx" and path.name not in letters and not path.name.startswith("."):
            found["combined"].append(path)
    return found


def _libreoffice_missing() -> str | None:
    """Why LibreOffice cannot be used (one sentence with the install command), or None."""
    from generator.word.pdf import find_soffice

    try:
        find_soffice()
    except ConversionError as error:
        return str(error)
    return None
