"""The ``coalition`` command: parse, call one function, print.

Heavy libraries (openpyxl, matplotlib, docxtpl, python-docx) are imported inside the commands that
need them, so that ``coalition --help`` answers at once.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.common.errors import CoalitionError

if TYPE_CHECKING:
    from generator.letters.batch import Job
    from generator.plan.findings import Finding
    from generator.plan.reading import Reading

DEBUG_VARIABLE = "COALITION_DEBUG"


class CoalitionGroup(click.Group):
    """Turns the tool's own errors into one sentence and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoalitionError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo(
                "Interrupted; files already written are complete, none is half-written.", err=True
            )
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as error:  # a bug of ours: say so plainly, keep the details on request
            if os.environ.get(DEBUG_VARIABLE):
                raise
            click.secho(
                f"Internal error: {type(error).__name__}: {error}. This is a bug in coalition; "
                f"run again with {DEBUG_VARIABLE}=1 for details and report it.",
                fg="red",
                err=True,
            )
            sys.exit(3)


@click.group(cls=CoalitionGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coalition")
def main() -> None:
    """Plan a Mobility Coalition with the Urban Institute's worksheet
    "Identifying Potential Coalition Members".

    \b
    1. new-workbook  emit the worksheet as an Excel workbook with dropdowns
    2. merge         join copies that several people filled in
    3. check         report every problem by sheet and cell
    4. report        write a Word briefing for leadership
    5. letters       write one invitation letter per invitee

    \b
    Also: demo (the whole path on a sample), templates (copy and check Word
    templates), upgrade (move an older workbook to the current layout).
    """


CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML file with your coalition's own option lists.",
)
FORCE_OPTION = click.option("--force", is_flag=True, help="Overwrite an existing output file.")


@main.command("new-workbook")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("coalition-workbook.xlsx"),
    show_default=True,
    help="Where to write the workbook.",
)
@click.option("--community", default="", help="The community the coalition serves.")
@CONFIG_OPTION
@FORCE_OPTION
def new_workbook(output: Path, community: str, config_path: Path | None, force: bool) -> None:
    """Write an empty workbook, ready to send to partners."""
    from generator.excel.writer import write_workbook
    from generator.worksheet.config import load_config

    config = load_config(config_path)
    path = write_workbook(output, config.vocabulary, community or config.community, force=force)
    click.echo(f"Wrote {path}")


@main.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable table, or JSON for other tools.",
)
@click.option(
    "--annotate",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write a copy of the workbook with every finding highlighted and a Findings sheet.",
)
@FORCE_OPTION
def check(
    workbooks: tuple[Path, ...], output_format: str, annotate: Path | None, force: bool
) -> None:
    """Report every problem in completed workbooks, by sheet and cell.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors, and 2 when a
    file cannot be read at all.
    """
    import json

    from generator.excel.reader import check_workbook
    from generator.plan.findings import has_errors

    if annotate is not None and len(workbooks) != 1:
        raise click.UsageError("--annotate works on one workbook at a time.")
    exit_code = 0
    results: list[dict[str, Any]] = []
    for path in workbooks:
        try:
            reading = check_workbook(path)
        except CoalitionError as error:
            exit_code = 2
            if output_format == "json":
                results.append({"file": str(path), "readable": False, "error": str(error)})
            else:
                click.secho(f"Error: {error}", fg="red", err=True)
            continue
        findings = reading.findings
        if has_errors(findings):
            exit_code = max(exit_code, 1)
        if output_format == "json":
            results.append(
                {
                    "file": str(path),
                    "readable": True,
                    "errors": len(reading.errors),
                    "warnings": len(reading.warnings),
                    "findings": [f.to_dict() for f in findings],
                }
            )
        else:
            echo_findings(path, findings)
        if annotate is not None:
            from generator.excel.annotate import write_annotated

            written = write_annotated(path, findings, annotate, force)
            # With JSON on standard output, the note goes to standard error.
            click.echo(
                f"Wrote {written} (findings highlighted; see its Findings sheet)",
                err=output_format == "json",
            )
    if output_format == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(exit_code)


def read_checked(workbook: Path, allow_errors: bool, consequence: str) -> Reading:
    """Read and check a workbook; errors stop the command, printed, unless allowed."""
    from generator.common.errors import FindingsError
    from generator.excel.reader import check_workbook
    from generator.plan.findings import has_errors

    reading = check_workbook(workbook)
    if has_errors(reading.findings) and not allow_errors:
        echo_findings(workbook, reading.findings)
        raise FindingsError(
            f"has errors, so {consequence}; correct them, or pass --allow-errors to go ahead "
            "anyway.",
            workbook,
        )
    return reading


def echo_findings(path: Path, findings: list[Finding]) -> None:
    """Print a workbook's findings as a table, coloured when the terminal allows."""
    import shutil

    from generator.plan.findings import format_text, summary

    click.secho(f"{path}: {summary(findings)}", bold=True)
    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    for line, colour in format_text(findings, width=width):
        click.secho(line, fg=colour)


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="The folder to write the briefing into.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own Word template, restyled from templates/report.docx.",
)
@click.option("--pdf", is_flag=True, help="Also write a PDF (needs LibreOffice).")
@click.option(
    "--allow-errors",
    is_flag=True,
    help="Write the briefing even if the workbook has errors; they are listed in it.",
)
@click.option("--prepared-by", default="", help="Who prepared the briefing, for its cover.")
@FORCE_OPTION
def report(
    workbook: Path,
    out_dir: Path,
    template: Path | None,
    pdf: bool,
    allow_errors: bool,
    prepared_by: str,
    force: bool,
) -> None:
    """Write a Word briefing for leadership: needs, partners, coverage and gaps, invitations."""
    from generator.briefing.report import report_filename, write_report
    from generator.common.english import counted
    from generator.common.fileio import check_writable
    from generator.plan.findings import has_errors, summary

    reading = read_checked(workbook, allow_errors, "no briefing was written")
    findings = reading.findings
    docx_path = out_dir / report_filename(reading.plan.community)
    pdf_path = docx_path.with_suffix(".pdf")
    if pdf:  # refuse before writing anything, rather than leave a .docx without its PDF
        check_writable(pdf_path, force)
    write_report(
        reading.plan, findings, docx_path, template=template, prepared_by=prepared_by, force=force
    )
    click.echo(f"Wrote {docx_path}")
    if findings:
        found = summary(findings) if has_errors(findings) else counted(len(findings), "warning")
        click.echo(f"Found {found}; the briefing lists them in its data-quality notes.")
    if pdf:
        from generator.word.pdf import convert_to_pdf

        (written,) = convert_to_pdf([docx_path], out_dir, workers=1)
        click.echo(f"Wrote {written}")


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("letters"),
    show_default=True,
    help="The folder for the letters; made if needed.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own Word template for invitations (start from `coalition templates export`).",
)
@click.option(
    "--keep-informed",
    is_flag=True,
    help="Also write a short update letter to each row whose status is Keep informed.",
)
@click.option(
    "--update-template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own Word template for the update letters of --keep-informed.",
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
    type=click.DateTime(formats=["%Y-%m-%d"]),
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
    type=click.IntRange(1, 8),
    default=2,
    show_default=True,
    help="LibreOffice processes working at once for --pdf.",
)
@click.option("--allow-errors", is_flag=True, help="Write letters even if the workbook has errors.")
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
    letter_date: dt.datetime | None,
    pdf: bool,
    combined: bool,
    eml: bool,
    workers: int,
    allow_errors: bool,
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

    reading = read_checked(workbook, allow_errors, "no letters were written")
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
        date=letter_date.date() if letter_date else None,
    )

    def progress(jobs: list[Job]) -> Iterator[Job]:
        if len(jobs) < 50:  # a short batch is done before a bar would be read
            yield from jobs
            return
        with click.progressbar(jobs, label="Writing letters", file=sys.stdout) as bar:
            yield from bar

    batch = write_letters(
        reading.plan, out_dir, options, progress=progress if sys.stdout.isatty() else None
    )
    if pdf or combined or eml:
        deliver(batch, reading.plan, pdf=pdf, combined=combined, eml=eml, workers=workers)
    for line in summary_lines(batch):
        click.echo(line)
    if batch.failed:
        sys.exit(1)


@main.group()
def templates() -> None:
    """Copy the default letter templates to edit, and check your own."""


@templates.command("export")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@FORCE_OPTION
def templates_export(folder: Path, force: bool) -> None:
    """Copy the default letter templates into FOLDER, with FIELDS.md listing every field."""
    from generator.letters.templates import export_templates

    for path in export_templates(folder, force=force):
        click.echo(f"Wrote {path}")


@templates.command("check")
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("workbook", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--keep-informed", is_flag=True, help="Also try the rows whose status is Keep informed."
)
def templates_check(template: Path, workbook: Path | None, keep_informed: bool) -> None:
    """List the fields TEMPLATE uses and flag unknown ones; with WORKBOOK, show each row that
    leaves a used field empty or would fail. Writes nothing. Exits 1 if something would fail."""
    from generator.letters.templates import check_template, describe

    plan = None
    if workbook is not None:
        from generator.excel.reader import check_workbook

        plan = check_workbook(workbook).plan
    result = check_template(template, plan, keep_informed=keep_informed)
    for line in describe(result):
        click.echo(line)
    if not result.ok:
        sys.exit(1)


@main.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the merged workbook.",
)
@FORCE_OPTION
def merge(workbooks: tuple[Path, ...], output: Path, force: bool) -> None:
    """Join copies of one workbook that several people filled in.

    Partners are joined by organization name, Part 4 rows by partner, invitees by member and
    organization. Part 1 choices and the marks of populations, domains and assets are combined;
    where copies give different answers, the first file's is kept and every value is listed, with
    its file, here and on the merged workbook's Conflicts sheet. Exits 0 once written (conflicts
    included), 2 when a workbook cannot be read.
    """
    import shutil

    from generator.common.english import counted
    from generator.common.fileio import check_writable
    from generator.merging.merge import (
        format_conflicts,
        merge_workbooks,
        refuse_overwriting_inputs,
        summarize,
        write_merged,
    )

    # Before reading anything: fail fast on a forgotten --force or a copy named as the output.
    refuse_overwriting_inputs(workbooks, output)
    check_writable(output, force)
    result = merge_workbooks(list(workbooks))
    for reading, label in zip(result.readings, result.labels, strict=True):
        click.echo(f"Read {label}: {summarize(reading.plan)}")
    write_merged(result, output, force=force)
    click.echo(f"Wrote {output}: {summarize(result.plan)}")
    conflicts = result.conflicts
    if not conflicts:
        click.echo("No conflicts: the copies agree wherever they overlap.")
    else:
        click.secho(
            f"{counted(len(conflicts), 'conflict')}: the first file's value is kept (existing "
            f"over potential) and every value is listed on the Conflicts sheet of {output.name}:",
            fg="yellow",
        )
        width = min(shutil.get_terminal_size((100, 24)).columns, 120)
        for line in format_conflicts(conflicts, width=width):
            click.echo(line)
    click.echo(f"Next: coalition check {output}")


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the upgraded workbook (never over the old one).",
)
@FORCE_OPTION
def upgrade(workbook: Path, output: Path, force: bool) -> None:
    """Move a workbook filled in an older layout into the current one, keeping every answer.

    A workbook already in the current layout is written again with this version's dropdowns,
    lists and protection. Exits 2 when the workbook cannot be read or is newer than this tool.
    """
    from generator.merging.merge import summarize
    from generator.merging.upgrade import extra_headings, upgrade_workbook

    result = upgrade_workbook(workbook, output, force=force)
    if result.from_version == 0:
        click.echo(
            f"{workbook} does not say its layout version; read it as version "
            f"{result.to_version}, the current one."
        )
    elif result.was_current:
        click.echo(
            f"{workbook} is already in the current layout (version {result.to_version}); "
            "wrote it again with fresh dropdowns, lists and protection."
        )
    else:
        steps = " -> ".join(str(v) for v in [*result.applied, result.to_version])
        click.echo(f"Upgraded {workbook} from layout version {steps}.")
    click.echo(f"Wrote {output}: {summarize(result.plan)}; every answer kept.")
    extras = extra_headings(result.plan)
    if extras:
        click.echo(
            f"Columns of your own ({', '.join(extras)}) are kept in the Notes columns as "
            "\u201cHeading: value\u201d lines."
        )
    click.echo(f"Next: coalition check {output}")


@main.command()
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("coalition-demo"),
    show_default=True,
    help="The folder for everything the demo writes.",
)
def demo(out_dir: Path) -> None:
    """Run the whole path on the bundled Forest City sample: check, report and letters.

    PDFs are made too when LibreOffice is installed. The folder gets a copy of the sample
    workbook, so you can open it, change it and run the commands yourself.
    """
    from generator.demo.run import run_demo

    result = run_demo(out_dir, echo=click.echo)
    if result.letters.failed:
        sys.exit(1)
