"""The ``coalition`` group, and what every command shares: errors as one sentence, common options.

Heavy libraries (openpyxl, matplotlib, docxtpl, python-docx) are imported inside the commands that
need them, so that ``coalition --help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.common.errors import CoalitionError

if TYPE_CHECKING:
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
    templates), upgrade (move an older workbook to the current layout),
    serve (the whole path as pages in your browser).
    """


CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML file with your coalition's own option lists.",
)


FORCE_OPTION = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
WORKBOOK_ARGUMENT = click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))


def output_dir_option(default: str, help_text: str) -> Any:
    """``-o/--output-dir``: the folder a command writes into."""
    return click.option(
        "-o",
        "--output-dir",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


def output_file_option(help_text: str) -> Any:
    """``-o/--output``: the one file a command writes (required)."""
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help=help_text,
    )


def template_option(help_text: str, name: str = "--template") -> Any:
    """A Word template of the user's own."""
    return click.option(name, type=click.Path(path_type=Path, dir_okay=False), help=help_text)


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
