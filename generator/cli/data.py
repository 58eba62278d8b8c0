"""The command that reads the community's own numbers: metrics; and the options that name it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.app import FORCE_OPTION, FORMAT_OPTION
from generator.common.errors import DataError

if TYPE_CHECKING:
    from generator.plan.standing import CommunityStanding


def community_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--county``, ``--place`` and ``--name``: the community in a Mobility Metrics file."""
    for option in reversed(
        (
            click.option(
                "--county", metavar="FIPS", help="The county's 5-digit FIPS code, e.g. 39035."
            ),
            click.option(
                "--place", metavar="FIPS", help="The city's 7-digit FIPS code, e.g. 3916000."
            ),
            click.option(
                "--name",
                metavar="NAME",
                help='The county or city by name, e.g. "Cuyahoga County, OH".',
            ),
        )
    ):
        func = option(func)
    return func


def refuse_data_as_output(path: Path, output: Path | None) -> None:
    """The Mobility Metrics file being read is never the file a command writes, even forced."""
    if output is not None and output.exists() and output.resolve() == path.resolve():
        raise DataError("is the Mobility Metrics file being read; write to another file.", output)


def read_standing(
    path: Path,
    county: str | None,
    place: str | None,
    name: str | None,
    output: Path | None = None,
) -> CommunityStanding:
    """Where the community named by exactly one of the options stands, from ``path``; the file
    is never the ``output`` a command is about to write."""
    from generator.data.metrics import standing_for

    refuse_data_as_output(path, output)
    given = [value for value in (county, place, name) if value is not None]
    if len(given) != 1:
        raise DataError(
            "give the community with one of --county, --place or --name"
            + (" (only one)." if given else ".")
        )
    return standing_for(path, county=county, place=place, name=name)


@click.command()
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The Mobility Metrics CSV file (county or city) from Urban's Data Catalog.",
)
@community_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the table as a workbook (.xlsx).",
)
@FORMAT_OPTION
@FORCE_OPTION
def metrics(
    data_path: Path,
    county: str | None,
    place: str | None,
    name: str | None,
    output: Path | None,
    output_format: str,
    force: bool,
) -> None:
    """Where your community stands on the Urban Institute's Mobility Metrics.

    Reads the county or city file you downloaded from Urban's Data Catalog and, for each metric,
    gives the community's most recent value and its percentile among all counties (or cities)
    with a value that year, in the direction that is better, with Urban's data-quality flag. It
    names the areas of concern where the community stands weakest, as suggestions for Part 1.
    Exits 2 when the file cannot be read or does not hold the community.
    """
    import json
    import shutil

    from generator.data.present import text_lines, to_json

    if output is not None:
        from generator.common.fileio import check_writable

        # before the reading, which takes a moment
        refuse_data_as_output(data_path, output)
        check_writable(output, force, suffix=".xlsx", what="workbook")
    standing = read_standing(data_path, county, place, name, output)
    if output_format == "json":
        click.echo(json.dumps(to_json(standing), ensure_ascii=False, indent=2))
    else:
        width = min(shutil.get_terminal_size((120, 24)).columns, 140)
        for line, colour in text_lines(standing, width=max(width, 100)):
            click.secho(line, fg=colour)
    if output is not None:
        from generator.excel.writer.metrics_sheet import write_metrics_workbook

        written = write_metrics_workbook(output, standing, force=force)
        click.echo(f"Wrote {written}", err=output_format == "json")
