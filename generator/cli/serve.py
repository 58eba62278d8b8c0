"""``coalition serve``: the whole path as pages in the browser, on this computer only.

Flask and waitress are imported when the command runs, so that the other commands and
``coalition --help`` do not load them.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="The port to answer on, at 127.0.0.1 (default: any free port).",
)
@click.option("--no-browser", is_flag=True, help="Print the address without opening a browser.")
@click.option(
    "--folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Keep every file the pages make or receive in this folder (default: a private "
    "temporary folder, removed when the server stops).",
)
def serve(port: int, no_browser: bool, folder: Path | None) -> None:
    """Open the pages in the browser: new workbook, check, briefing, letters.

    The server answers at 127.0.0.1 only, to the address it prints (which carries a random
    key); Ctrl+C stops it.
    """
    import webbrowser

    from generator.web.server import Server

    server = Server(folder, port)
    kept = (
        f"Files are kept in {server.workspace.root}."
        if server.workspace.keep
        else "Files are kept in a private folder that is removed when the server stops."
    )
    click.echo(f"The coalition pages are at {server.url}")
    click.echo(f"{kept} Press Ctrl+C to stop.")
    if not no_browser and not webbrowser.open(server.url):
        click.echo("No browser could be opened; open the address above in yours.")

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Ctrl+C even when started with interrupts ignored (as `cmd &` does); `kill` the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if sys.platform != "win32":
        signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    click.echo("Stopped.")
