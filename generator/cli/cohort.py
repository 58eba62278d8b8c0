"""``coalition summarize``: many communities' workbooks in one summary."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator.cli.app import FORCE_OPTION, template_option

#: Below this many workbooks, reading is over before a progress bar would be read.
PROGRESS_FROM = 20


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the summary workbook (.xlsx).",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a Word summary for a funder (.docx).",
)
@template_option(
    "Your own Word template for --report: restyle the cohort.docx that "
    "`coalition templates export DIR` writes."
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    help="Workbooks read at once, each in a process of its own (default: one per core).",
)
@FORCE_OPTION
def summarize(
    inputs: tuple[Path, ...],
    output: Path,
    report: Path | None,
    template: Path | None,
    jobs: int | None,
    force: bool,
) -> None:
    """Summarize a cohort: every workbook named, and every .xlsx in the folders named.

    One row per community (partners, the invite list by status, priorities chosen and those no
    partner covers, the findings of check); across the cohort, how often each group, area and
    asset is chosen and covered, the mix of organization types and acceptance rates. A workbook
    that cannot be read gets its row saying why; two workbooks of one community are flagged.
    Exits 0 when every workbook was read, 1 when some could not be, 2 when nothing could be
    summarized or an output cannot be written.
    """
    from generator.cohort.run import Options, summarize_cohort

    options = Options(output, report, template, jobs, force)
    with contextlib.ExitStack() as stack:

        def start(total: int) -> Callable[[int], None] | None:
            if total < PROGRESS_FROM or not sys.stdout.isatty():
                return None
            bar = click.progressbar(length=total, label="Reading workbooks", file=sys.stdout)
            return stack.enter_context(bar).update

        outcome = summarize_cohort(inputs, options, start)

    from generator.common.english import counted

    numbers = outcome.numbers
    click.echo(
        f"Read {counted(int(numbers['files']), 'workbook')} ({outcome.jobs} at a time): "
        f"{counted(int(numbers['communities']), 'community', 'communities')} counted."
    )
    # One line each, never wrapped, so that every path can be copied whole.
    for record in outcome.unreadable:
        click.secho(f"unreadable  {record.reason}", fg="red")
    for record in outcome.duplicates:
        kept = outcome.counted_instead(record)
        click.secho(
            f"duplicate   {record.file}: the same community as {kept}, saved later; only that "
            "one is counted.",
            fg="yellow",
        )
    skipped = outcome.skipped
    if skipped:
        click.echo(f"Skipped {len(skipped)} file{'s' if len(skipped) > 1 else ''}:")
        for label, reason in skipped:
            click.echo(f"  {label}: {reason}")
    for path in outcome.written:
        click.echo(f"Wrote {path}")
    if outcome.unreadable:
        count = len(outcome.unreadable)
        if count == 1:
            click.secho(f"1 workbook was not read; its row in {output.name} says why.", fg="red")
        else:
            click.secho(
                f"{count} workbooks were not read; their rows in {output.name} say why.", fg="red"
            )
        sys.exit(1)
