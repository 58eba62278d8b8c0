"""Commands that make and mend workbooks: new-workbook, check, merge, upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from generator.cli.app import (
    CONFIG_OPTION,
    FORCE_OPTION,
    WORKBOOK_ARGUMENT,
    echo_findings,
    output_file_option,
)
from generator.common.errors import CoalitionError
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
@CONFIG_OPTION
@FORCE_OPTION
def new_workbook(output: Path, community: str, config_path: Path | None, force: bool) -> None:
    """Write an empty workbook, ready to send to partners."""
    from generator.excel.writer import write_workbook
    from generator.worksheet.config import load_config

    config = load_config(config_path)
    path = write_workbook(output, config.vocabulary, community or config.community, force=force)
    click.echo(f"Wrote {path}")


@click.command()
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


@click.command()
@click.argument("workbooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_file_option("Where to write the merged workbook.")
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
    from generator.merging.conflicts import format_conflicts
    from generator.merging.merge import (
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
