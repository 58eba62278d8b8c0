"""The font files the coverage chart is drawn with, found without matplotlib's font manager.

The chart uses the report's own font where the machine has it, else its metric twin, else a
plain sans: Calibri, Carlito, Liberation Sans, DejaVu Sans (matplotlib ships DejaVu Sans, so it
is always there). The font folders of Linux, macOS and Windows are looked through once per
process, by file name: building matplotlib's font list costs more than drawing the chart.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

#: Each family's files: regular, bold, italic (as their makers name them), best family first.
FAMILIES: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("Calibri", ("calibri.ttf", "calibrib.ttf", "calibrii.ttf")),
    ("Carlito", ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf")),
    (
        "Liberation Sans",
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
    ),
    ("DejaVu Sans", ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")),
)


def font_folders() -> list[Path]:
    """Where fonts are installed, on this system and for this user, and matplotlib's own."""
    home = Path.home()
    folders = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library/Fonts",
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
    ]
    if local := os.environ.get("LOCALAPPDATA"):
        folders.append(Path(local) / "Microsoft/Windows/Fonts")
    spec = importlib.util.find_spec("matplotlib")  # found, not imported
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(Path(location) / "mpl-data/fonts/ttf")
    return folders


@functools.cache
def chart_fonts() -> tuple[str, tuple[Path | None, Path | None, Path | None]]:
    """The best family found, with its regular, bold and italic files (None where missing).

    ("", (None, None, None)) when none is: the chart then uses Pillow's own font.
    """
    wanted = {name.casefold() for _, files in FAMILIES for name in files}
    found: dict[str, Path] = {}
    for folder in font_folders():
        if not folder.is_dir():
            continue
        for root, _, names in os.walk(folder):
            for name in names:
                key = name.casefold()
                if key in wanted and key not in found:
                    found[key] = Path(root) / name
    for family, files in FAMILIES:
        paths = tuple(found.get(name.casefold()) for name in files)
        if paths[0] is not None:
            return family, (paths[0], paths[1], paths[2])
    return "", (None, None, None)
