"""The ``coalition`` group, and what every command shares: errors as one sentence, common options.

Heavy libraries (openpyxl, matplotlib, docxtpl, python-docx) are imported inside the commands that
need them, so that ``coalition --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.common.errors import (
    EXIT_BUG,
    EXIT_CLOSED_PIPE,
    EXIT_INTERRUPTED,
    CoalitionError,
)

if TYPE_CHECKING:
    from generator.plan.findings import Finding
    from generator.plan.reading import Reading


DEBUG_VARIABLE = "COALITION_DEBUG"


class CoalitionGroup(click.Group):
    """Turns the tool's own errors into one sentence and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        with _terminate_as_interrupt():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoalitionError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo(
                "Interrupted; files already written are complete, none is half-written.", err=True
            )
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader of the output went away (`coalition check x.xlsx | head`): nothing to say
            # to anyone; stop quietly, as a program killed by SIGPIPE does and with the code a
            # shell gives it, and keep Python from complaining about it at exit.
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_CLOSED_PIPE)
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
            sys.exit(EXIT_BUG)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A polite kill (SIGTERM) stops a command as Ctrl+C does, so that every temporary file is
    removed on the way out; the previous handler comes back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    Also: metrics (where your community stands on Urban's Mobility Metrics),
    summarize (many communities' workbooks in one summary), demo (the whole
    path on a sample), templates (copy and check Word templates), upgrade
    (move an older workbook to the current layout), serve (the whole path as
    pages in your browser).
    """


CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML file with your coalition's own option lists.",
)


FORCE_OPTION = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable table, or JSON for other tools.",
)


class DateType(click.ParamType):
    """A calendar date written YYYY-MM-DD; anything else is "not a date", said plainly."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"\u201c{value}\u201d is not a date; write it as YYYY-MM-DD.", param, ctx)


DATE = DateType()
RECALCULATE_OPTION = click.option(
    "--recalculate",
    is_flag=True,
    help="Let LibreOffice calculate the workbook's formulas first, on a copy (for workbooks "
    "written by a program that saved formulas without their results).",
)
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


def read_checked(
    workbook: Path, allow_errors: bool, consequence: str, recalculate: bool = False
) -> Reading:
    """Read and check a workbook (recalculated first, if asked); errors stop the command,
    printed, unless allowed."""
    from generator.common.errors import FindingsError
    from generator.plan.findings import has_errors
    from generator.word.recalc import read

    reading = read(workbook, recalculate=recalculate)
    if has_errors(reading.findings) and not allow_errors:
        echo_findings(workbook, reading.findings)
        raise FindingsError(
            f"has errors, so {consequence}; correct them, or pass --allow-errors to go ahead "
            "anyway.",
            workbook,
        )
    reading.refuse_too_long(consequence)
    return reading


def echo_findings(path: Path, findings: list[Finding]) -> None:
    """Print a workbook's findings as a table, coloured when the terminal allows."""
    import shutil

    from generator.plan.findings import format_text, summary

    click.secho(f"{path}: {summary(findings)}", bold=True)
    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    for line, colour in format_text(findings, width=width):
        click.secho(line, fg=colour)
