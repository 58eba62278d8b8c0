"""Commands that write documents from a workbook: report, letters, templates, demo."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.app import (
    DATE,
    FORCE_OPTION,
    RECALCULATE_OPTION,
    WORKBOOK_ARGUMENT,
    output_dir_option,
    read_checked,
    template_option,
)

if TYPE_CHECKING:
    from generator.letters.batch import Job


@click.command()
@WORKBOOK_ARGUMENT
@output_dir_option(".", "The folder to write the briefing into.")
@template_option(
    "Your own Word template for the briefing: restyle the report.docx that "
    "`coalition templates export DIR` writes."
)
@click.option("--pdf", is_flag=True, help="Also write a PDF (needs LibreOffice).")
@click.option(
    "--allow-errors",
    is_flag=True,
    help="Write the briefing even if the workbook has errors; they are listed in it.",
)
@click.option("--prepared-by", default="", help="Who prepared the briefing, for its cover.")
@RECALCULATE_OPTION
@FORCE_OPTION
def report(
    workbook: Path,
    out_dir: Path,
    template: Path | None,
    pdf: bool,
    allow_errors: bool,
    prepared_by: str,
    recalculate: bool,
    force: bool,
) -> None:
    """Write a Word briefing for leadership: needs, partners, coverage and gaps, invitations."""
    from generator.briefing.report import findings_note, report_filename, write_report
    from generator.common.fileio import check_all_writable

    reading = read_checked(workbook, allow_errors, "no briefing was written", recalculate)
    findings = reading.findings
    docx_path = out_dir / report_filename(reading.plan.community)
    # The name comes from the workbook's community; once it is known, refuse before writing
    # anything (rather than leave a .docx without its PDF), naming every file in the way.
    check_all_writable([docx_path, docx_path.with_suffix(".pdf")] if pdf else [docx_path], force)
    write_report(
        reading.plan, findings, docx_path, template=template, prepared_by=prepared_by, force=force
    )
    click.echo(f"Wrote {docx_path}")
    if findings:
        click.echo(findings_note(findings))
    if pdf:
        from generator.word.pdf import convert_to_pdf

        (written,) = convert_to_pdf([docx_path], out_dir, workers=1)
        click.echo(f"Wrote {written}")


@click.command()
@WORKBOOK_ARGUMENT
@output_dir_option("letters", "The folder for the letters; made if needed.")
@template_option(
    "Your own Word template for invitations (start from `coalition templates export`)."
)
@click.option(
    "--keep-informed",
    is_flag=True,
    help="Also write a short update letter to each row whose status is Keep informed.",
)
@template_option(
    "Your own Word template for the update letters of --keep-informed.",
    "--update-template",
)
@click.option(
    "--only-sender",
    "only_senders",
    multiple=True,
    metavar="NAME",
    help="Only the letters this person sends (repeat for several).",
)
@click.option(
    "--only",
    "only_organizations",
    multiple=True,
    metavar="ORG",
    help="Only the letters to this organization (repeat for several).",
)
@click.option(
    "--name",
    "name_pattern",
    default="{organization} - {member}",
    show_default=True,
    help='File names: any invite-list field in braces, e.g. "{sender} - {member}".',
)
@click.option(
    "--date",
    "letter_date",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="The date printed on the letters, as YYYY-MM-DD (default: today).",
)
@click.option("--pdf", is_flag=True, help="Also write a PDF of each letter (needs LibreOffice).")
@click.option(
    "--combined", is_flag=True, help="Also write all the letters as one document, for printing."
)
@click.option(
    "--eml", is_flag=True, help="Also write a draft email to each invitee with the letter attached."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes working at once, rendering letters and for --pdf "
    "(default: chosen from the cores and memory free).",
)
@click.option("--allow-errors", is_flag=True, help="Write letters even if the workbook has errors.")
@RECALCULATE_OPTION
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite letters that were edited by hand since coalition wrote them.",
)
def letters(
    workbook: Path,
    out_dir: Path,
    template: Path | None,
    keep_informed: bool,
    update_template: Path | None,
    only_senders: tuple[str, ...],
    only_organizations: tuple[str, ...],
    name_pattern: str,
    letter_date: dt.date | None,
    pdf: bool,
    combined: bool,
    eml: bool,
    workers: int | None,
    allow_errors: bool,
    recalculate: bool,
    force: bool,
) -> None:
    """Write one invitation letter per invite-list row whose status is Invite.

    Each letter is personalized from everything the workbook says about the invitee and their
    organization. A manifest in the folder records each letter's checksum, so that a re-run
    leaves letters edited by hand alone. Exits 1 if any row failed.
    """
    from generator.letters.batch import Options, write_letters
    from generator.letters.delivery import deliver
    from generator.letters.summary import summary_lines
    from generator.plan.findings import summary

    reading = read_checked(workbook, allow_errors, "no letters were written", recalculate)
    findings = reading.findings
    if findings:
        click.echo(f"{workbook}: {summary(findings)} (`coalition check` lists them).")
    options = Options(
        template=template,
        update_template=update_template,
        keep_informed=keep_informed,
        only_organizations=only_organizations,
        only_senders=only_senders,
        name_pattern=name_pattern,
        force=force,
        date=letter_date,
    )

    def progress(jobs: list[Job]) -> Iterator[Job]:
        if len(jobs) < 50:  # a short batch is done before a bar would be read
            yield from jobs
            return
        with click.progressbar(jobs, label="Writing letters", file=sys.stdout) as bar:
            yield from bar

    from generator.common.capacity import usable_cores
    from generator.letters.parallel import can_fork

    renderers = (workers or usable_cores()) if can_fork() else 1
    batch = write_letters(
        reading.plan,
        out_dir,
        options,
        progress=progress if sys.stdout.isatty() else None,
        workers=renderers,
    )
    if pdf or combined or eml:
        deliver(batch, reading.plan, pdf=pdf, combined=combined, eml=eml, workers=workers)
    for line in summary_lines(batch):
        click.echo(line)
    if batch.failed:
        sys.exit(1)


@click.group()
def templates() -> None:
    """Copy the default Word templates to restyle, and check your own letter templates."""


@templates.command("export")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@FORCE_OPTION
def templates_export(folder: Path, force: bool) -> None:
    """Copy the default Word templates into FOLDER: the letters' (with FIELDS.md listing every
    field a letter can use), the briefing's (report.docx, for `report --template`) and the
    cohort summary's (cohort.docx, for `summarize --template`)."""
    from generator.briefing.report import default_template as report_template
    from generator.cohort.report import default_template as cohort_template
    from generator.letters.templates import export_templates

    written = export_templates(folder, force=force, others=(report_template(), cohort_template()))
    for path in written:
        click.echo(f"Wrote {path}")


@templates.command("check")
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("workbook", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--keep-informed", is_flag=True, help="Also try the rows whose status is Keep informed."
)
def templates_check(template: Path, workbook: Path | None, keep_informed: bool) -> None:
    """List the fields TEMPLATE uses and flag unknown ones, then try it: on the rows of WORKBOOK
    (each row that leaves a used field empty or would fail), or without one on every row of
    the bundled sample and on a bare row (what would fail on any workbook). Writes nothing.
    Exits 1 if something would fail."""
    from generator.letters.templates import check_template, describe

    if workbook is not None:
        from generator.excel.reader import check_workbook

        reading = check_workbook(workbook)
        reading.refuse_too_long("no row was tried")
        plan = reading.plan
    else:
        from generator.demo.sample import load_plan, sample_dir

        plan = load_plan(sample_dir() / "forest-city.toml")
    result = check_template(template, plan, keep_informed=keep_informed, sample=workbook is None)
    for line in describe(result):
        click.echo(line)
    if not result.ok:
        sys.exit(1)


@click.command()
@output_dir_option("coalition-demo", "The folder for everything the demo writes.")
def demo(out_dir: Path) -> None:
    """Run the whole path on the bundled Forest City sample: check, report and letters.

    PDFs are made too when LibreOffice is installed. The folder gets a copy of the sample
    workbook, so you can open it, change it and run the commands yourself.
    """
    from generator.demo.run import run_demo

    result = run_demo(out_dir, echo=click.echo)
    if result.letters.failed:
        sys.exit(1)
