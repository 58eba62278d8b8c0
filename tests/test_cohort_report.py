"""The cohort's Word summary for a funder, and the summary workbook as LibreOffice reads it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from cohort_plans import alder_bay, write_cohort
from docx import Document

from generator.cli import main
from generator.cohort.collect import collect, mark_duplicates
from generator.cohort.discover import find_workbooks
from generator.cohort.report import build_context, default_template, render_report
from generator.cohort.summary import CohortSummary, summarize
from generator.common.errors import TemplateError
from generator.excel.writer import write_workbook

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DAY = dt.date(2026, 5, 4)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cohort") / "cohort"
    write_cohort(folder)
    (folder / "broken.xlsx").write_text("not a workbook")
    return folder


@pytest.fixture(scope="module")
def summary(folder: Path) -> CohortSummary:
    found = find_workbooks([folder])
    return summarize(mark_duplicates(collect(found.files, 1)), found.skipped, DAY)


def text_of(document: bytes | Path) -> str:
    """Every paragraph and table cell of a .docx, in order, one per line."""
    doc = Document(io.BytesIO(document) if isinstance(document, bytes) else document)
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def test_the_summary_says_the_cohorts_figures_in_sentences(summary: CohortSummary) -> None:
    context = build_context(summary)

    # Hand-counted from tests/cohort_plans.py: partners per community 3, 2, 1 and 3.
    assert context["summary"] == [
        "The cohort counts 4 communities, with 6 existing partners and 3 potential partners in "
        "all (2.5 per community, the median).",
        "The priorities chosen most often: People of color (4 of 4), Housing stability (4 of 4) "
        "and Digital access (3 of 4).",
        "1 priority is chosen often but covered rarely: Digital access.",
        "3 communities track invitations: of 5 invitations sent, 2 were accepted (40%), 1 "
        "declined and 2 await an answer.",
        "1 workbook could not be read; the notes at the end say which.",
    ]
    assert [w["sentence"] for w in context["watch"]] == [
        "Digital access (areas of concern): chosen by 3 of 4 communities; 2 have no partner for it."
    ]
    assert context["numbers"]["accepted_of_answered"] == "67%"
    assert context["title"] == "A cohort of 4 communities"
    assert context["date"] == "May 4, 2026"
    broken = context["notes"]["unreadable"]
    assert [(Path(u["file"]).name, u["reason"]) for u in broken] == [
        (
            "broken.xlsx",
            "is not an Excel workbook (.xlsx); if it is a CSV or another format, open it in a "
            "spreadsheet program and save it as .xlsx.",
        )
    ]


def test_the_word_summary_shows_every_table_and_the_chart(folder: Path, tmp_path: Path) -> None:
    output, report = tmp_path / "cohort.xlsx", tmp_path / "cohort.docx"

    result = CliRunner().invoke(
        main, ["summarize", str(folder), "-o", str(output), "--report", str(report)]
    )

    assert result.exit_code == 1  # broken.xlsx
    assert f"Wrote {report}" in result.output
    text = text_of(report)
    for line in (
        "A cohort of 4 communities",
        "Digital access (areas of concern): chosen by 3 of 4 communities; 2 have no partner",
        "Alder Bay | 2 | 1 | 4 | 1 | 5 | 1",  # partners, on the invite list, accepted, chosen
        "Cedar Run | 1 | 0 | 1 | 0 | 3 | 2",
        "Tenant association | 1 | 0 | 1 | 11%",
        "Public official | 1 | 1 | 0 | 0 | 100% | 100%",
        "All invitations | 5 | 2 | 1 | 2 | 40% | 67%",
        "broken.xlsx: is not an Excel workbook (.xlsx)",
    ):
        assert line in text, line
    assert "{{" not in text and "{%" not in text
    with zipfile.ZipFile(report) as package:
        assert "word/media/coalition-cohort-chart.png" in package.namelist()


def test_a_cohort_without_tracked_statuses_or_choices_says_so(tmp_path: Path) -> None:
    plan = alder_bay()
    plan.invitees = []
    plan.needs.groups, plan.needs.areas, plan.needs.assets = [], [], []
    write_workbook(tmp_path / "in" / "a.xlsx", plan.vocabulary, plan.community, plan=plan)
    found = find_workbooks([tmp_path / "in"])
    summary = summarize(collect(found.files, 1), [], DAY)

    text = text_of(render_report(summary))

    assert "No community marks its invitations Invited, Accepted or Declined yet" in text
    assert "No community has chosen a priority yet." in text
    assert "No community tracks what became of its invitations yet." in text


def test_values_are_data_in_the_word_summary(tmp_path: Path) -> None:
    plan = alder_bay()
    plan.community = "Sports & <Social> {{ 7*7 }}"
    write_workbook(tmp_path / "in" / "a.xlsx", plan.vocabulary, plan.community, plan=plan)
    found = find_workbooks([tmp_path / "in"])

    text = text_of(render_report(summarize(collect(found.files, 1), [], DAY)))

    assert "Sports & <Social> {{ 7*7 }} | 2 | 1" in text


def test_a_restyled_template_with_a_misspelt_field_is_one_sentence(
    folder: Path, tmp_path: Path
) -> None:
    template = tmp_path / "mine.docx"
    document = Document(default_template())
    document.add_paragraph("{{ numbers.communitees }}")
    document.save(template)

    result = CliRunner().invoke(
        main,
        ["summarize", str(folder / "alder-bay.xlsx"), "-o", str(tmp_path / "c.xlsx"),
         "--report", str(tmp_path / "c.docx"), "--template", str(template)],
    )  # fmt: skip

    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith(f"Error: {template}: uses the unknown field")
    assert "\u201cnumbers.communities\u201d" in message  # did you mean
    assert not (tmp_path / "c.xlsx").exists()  # nothing written when the report cannot be


def test_a_template_that_is_not_a_document(summary: CohortSummary, tmp_path: Path) -> None:
    (tmp_path / "t.docx").write_text("hello")

    with pytest.raises(TemplateError, match="is not a Word document"):
        render_report(summary, tmp_path / "t.docx")


def test_the_committed_template_is_what_the_build_script_makes(tmp_path: Path) -> None:
    build = TEMPLATES / "build_cohort_template.py"
    subprocess.run([sys.executable, str(build), str(tmp_path / "fresh.docx")], check=True)

    with (
        zipfile.ZipFile(tmp_path / "fresh.docx") as fresh,
        zipfile.ZipFile(default_template()) as committed,
    ):
        for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
            assert fresh.read(part) == committed.read(part), f"{part}: run {build.name}"


# --- As LibreOffice reads them ------------------------------------------------------------------


def soffice(*args: str, folder: Path) -> None:
    program = shutil.which("soffice") or "soffice"
    subprocess.run(
        [program, f"-env:UserInstallation=file://{folder}/profile", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=240,
    )


@pytest.mark.libreoffice
def test_libreoffice_reads_the_summary_workbook_as_written(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "cohort.xlsx"
    CliRunner().invoke(main, ["summarize", str(folder), "-o", str(output)])

    # The Communities sheet (the second) as CSV, as LibreOffice computes and shows it.
    soffice(
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
        "--outdir",
        str(tmp_path),
        str(output),
        folder=tmp_path,
    )
    written = next(tmp_path.glob("cohort*.csv"))
    rows = list(csv.reader(written.read_text(encoding="utf-8").splitlines()))
    heading = rows.index(next(r for r in rows if r and r[0] == "Community"))
    table = [dict(zip(rows[heading], row, strict=False)) for row in rows[heading + 1 :]]
    by_community = {row["Community"]: row for row in table if row["Community"]}
    assert by_community["Alder Bay"]["Existing partners"] == "2"
    assert by_community["Cedar Run"]["Layout version"] == "not stated (read as 1)"
    assert by_community["Cedar Run"]["Which have no partner"] == "Housing stability; Digital access"
    assert by_community["Forest City & Lakeshore"]["Keep informed"] == "1"
    unreadable = [row for row in table if row["State"] == "Unreadable"]
    assert len(unreadable) == 1 and "is not an Excel workbook" in unreadable[0]["Note"]


@pytest.mark.libreoffice
def test_libreoffice_prints_the_summary_and_the_word_summary(folder: Path, tmp_path: Path) -> None:
    output, report = tmp_path / "cohort.xlsx", tmp_path / "funder.docx"
    CliRunner().invoke(main, ["summarize", str(folder), "-o", str(output), "--report", str(report)])

    soffice(
        "--convert-to", "pdf", "--outdir", str(tmp_path), str(output), str(report), folder=tmp_path
    )

    def pdf_text(path: Path) -> str:
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        return done.stdout

    workbook = pdf_text(tmp_path / "cohort.pdf")
    assert "Cohort summary: 4 communities" in workbook
    assert "Summary - page 1 of" in workbook
    document = pdf_text(tmp_path / "funder.pdf")
    assert "A cohort of 4 communities" in document
    assert "Chosen often, covered rarely" in document
