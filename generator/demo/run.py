"""The whole path on the bundled Forest City sample: check, report, letters.

Everything is written into one folder of the user's choosing; the bundled sample itself is only
read (a copy of it goes into the folder, to open and to change).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.briefing.report import report_filename, write_report
from generator.common.errors import ConversionError, OutputError
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


def run_demo(folder: Path, echo: Echo = print) -> DemoResult:
    """Run check, report and letters on the sample; PDFs too when LibreOffice is installed.

    A re-run refreshes what the demo wrote, but letters edited by hand since are kept (the
    letters' manifest tells them apart).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for the demo.", folder)
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / sample_workbook().name
    shutil.copyfile(sample_workbook(), workbook)
    echo(f"1. The Forest City sample workbook: {workbook}")

    reading = check_workbook(workbook)
    echo(f"2. coalition check: {len(reading.errors)} errors, {len(reading.warnings)} warnings")
    for finding in reading.findings:
        echo(f"     {finding.severity.value}: {finding.where}: {finding.message}")

    missing = _libreoffice_missing()
    soffice = missing is None
    report = write_report(
        reading.plan,
        reading.findings,
        folder / report_filename(reading.plan.community),
        prepared_by="Maria Delgado, Office of Economic Mobility",
        force=True,
    )
    echo(f"3. coalition report: {report}")
    pdfs: list[Path] = []
    notes: list[str] = []
    if soffice:
        from generator.word.pdf import convert_to_pdf

        pdfs = convert_to_pdf([report], folder, workers=1)
        echo(f"     and {pdfs[0]}")

    batch = write_letters(reading.plan, folder / "letters", Options(keep_informed=True))
    deliver(batch, reading.plan, pdf=soffice, combined=True, eml=True)
    echo(f"4. coalition letters: {folder / 'letters'}")
    for line in summary_lines(batch):
        echo(f"     {line}")
    if missing is not None:
        notes.append(f"No PDFs were made: {missing}")
    for note in notes:
        echo(f"Note: {note}")
    return DemoResult(workbook, reading.findings, report, batch, pdfs, notes)


def _libreoffice_missing() -> str | None:
    """Why LibreOffice cannot be used (one sentence with the install command), or None."""
    from generator.word.pdf import find_soffice

    try:
        find_soffice()
    except ConversionError as error:
        return str(error)
    return None
