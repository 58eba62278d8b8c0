"""Commands that make and mend workbooks: new-workbook, check, merge, upgrade."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from generator.cli.app import (
    CONFIG_OPTION,
    DATE,
    FORCE_OPTION,
    FORMAT_OPTION,
    RECALCULATE_OPTION,
    WORKBOOK_ARGUMENT,
    echo_findings,
    output_file_option,
)
from generator.cli.data import community_options, read_standing, refuse_data_as_output
from generator.common.errors import CoalitionError, DataError
from generator.worksheet.sheets import WORKBOOK_NAME


@click.command("new-workbook")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path(WORKBOOK_NAME),
    show_default=True,
    help="Where to write the workbook.",
)
@click.option("--community", default="", help="The community the coalition serves.")
@click.option(
    "--return-to",
    default="",
    metavar="WHO",
    help='Whom partners return the filled workbook to, e.g. "Maria Delgado <md@city.gov>".',
)
@click.option("--due", type=DATE, help="By when partners should return it (YYYY-MM-DD).")
@CONFIG_OPTION
@click.option(
    "--metrics",
    "metrics_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A Mobility Metrics CSV from Urban's Data Catalog: adds the community's numbers "
    "(with --county, --place or --name).",
)
@community_options
@FORCE_OPTION
def new_workbook(
    output: Path,
    community: str,
    return_to: str,
    due: dt.date | None,
    config_path: Path | None,
    metrics_path: Path | None,
    county: str | None,
    place: str | None,
    name: str | None,
    force: bool,
) -> None:
    """Write an empty workbook, ready to send to partners.

    Its first page tells them what to fill in, whom to return it to and by when. With --metrics,
    it also carries the community's Mobility Metrics: a read-only sheet of them and, beside each
    area of concern in Part 1, what the data suggests. Nothing is chosen for you.
    """
    from generator.common.english import listed
    from generator.common.fileio import check_writable
    from generator.excel.writer import write_workbook
    from generator.plan.model import Cover
    from generator.worksheet.config import load_config
    from generator.worksheet.limits import LIMITS

    for option, text in (("--community", community), ("--return-to", return_to)):
        if len(text) > LIMITS.max_cell_text:
            raise click.BadParameter(
                f"{len(text):,} characters, more than the {LIMITS.max_cell_text:,} a spreadsheet "
                "cell can hold.",
                param_hint=option,
            )
    if metrics_path is not None:
        refuse_data_as_output(metrics_path, output)
    check_writable(output, force, suffix=".xlsx", what="workbook")  # before anything is read
    config = load_config(config_path)
    standing = None
    if metrics_path is not None:
        standing = read_standing(metrics_path, county, place, name, output)
    elif (county, place, name) != (None, None, None):
        raise DataError(
            "--county, --place and --name choose the community of --metrics; give "
            "the Mobility Metrics file with --metrics."
        )
    community = community or config.community
    if not community and standing is not None:
        community = standing.name.rsplit(", ", 1)[0]
    due = due or config.due
    cover = Cover(
        community,
        " ".join((return_to or config.return_to).split()),
        due.isoformat() if due else "",
    )
    path = write_workbook(output, config.vocabulary, cover, force=force, standing=standing)
    click.echo(f"Wrote {path}")
    if standing is not None:
        weakest = [s.area for s in standing.weakest_areas()]
        click.echo(
            f"With the Mobility Metrics of {standing.name} from {standing.source}; "
            + (
                f"the data suggests looking at {listed(weakest)} (the bottom quarter)."
                if weakest
                else "no area stands in the bottom quarter."
            )
        )


@click.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@FORMAT_OPTION
@click.option(
    "--annotate",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write a copy of the workbook with every finding highlighted and a Findings sheet.",
)
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="Keep the workbook's formulas live in the --annotate copy (by default each is replaced "
    "by the value it showed, so that opening the copy runs nothing of the sender's).",
)
@RECALCULATE_OPTION
@FORCE_OPTION
def check(
    workbooks: tuple[Path, ...],
    output_format: str,
    annotate: Path | None,
    keep_formulas: bool,
    recalculate: bool,
    force: bool,
) -> None:
    """Report every problem in completed workbooks, by sheet and cell.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors, and 2 when a
    file cannot be read at all.
    """
    import json

    from generator.common.english import counted
    from generator.plan.findings import has_errors
    from generator.word.recalc import read

    if annotate is not None and len(workbooks) != 1:
        raise click.UsageError("--annotate works on one workbook at a time.")
    if keep_formulas and annotate is None:
        raise click.UsageError("--keep-formulas is about the --annotate copy; add --annotate.")
    if annotate is not None:  # before the check is done and printed
        from generator.excel.annotate import check_annotation_target

        check_annotation_target(workbooks[0], annotate, force)
    exit_code = 0
    results: list[dict[str, Any]] = []
    for path in workbooks:
        try:
            reading = read(path, recalculate=recalculate)
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
            from generator.excel.annotate import write_annotated_copy

            replaced = write_annotated_copy(
                path,
                findings,
                annotate,
                force,
                vocabulary=reading.plan.vocabulary,
                keep_formulas=keep_formulas,
            ).neutralised
            formulas = (
                f"; {counted(len(replaced.cells), 'formula')} of the sender's replaced by "
                f"{'its value' if len(replaced.cells) == 1 else 'their values'}"
                if replaced.cells
                else ""
            )
            # With JSON on standard output, the note goes to standard error.
            click.echo(
                f"Wrote {annotate} (findings highlighted{formulas}; see its Findings sheet)",
                err=output_format == "json",
            )
    if output_format == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    sys.exit(exit_code)


@click.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_file_option("Where to write the merged workbook.")
@RECALCULATE_OPTION
@FORCE_OPTION
def merge(workbooks: tuple[Path, ...], output: Path, recalculate: bool, force: bool) -> None:
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
    from generator.merging.conflicts import format_conflicts
    from generator.merging.merge import (
        merge_workbooks,
        refuse_overwriting_inputs,
        summarize,
        unread_lines,
        write_merged,
    )

    # Before reading anything: fail fast on a forgotten --force or a copy named as the output.
    refuse_overwriting_inputs(workbooks, output)
    check_writable(output, force, suffix=".xlsx", what="merged workbook")
    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    result = merge_workbooks(list(workbooks), recalculate=recalculate)
    for reading, label in zip(result.readings, result.labels, strict=True):
        click.echo(f"Read {label}: {summarize(reading.plan)}")
        for line in unread_lines(reading, width=width):
            click.secho(line, fg="yellow")
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
        for line in format_conflicts(conflicts, width=width):
            click.echo(line)
    click.echo(f"Next: coalition check {output}")


@click.command()
@WORKBOOK_ARGUMENT
@output_file_option("Where to write the upgraded workbook (never over the old one).")
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
