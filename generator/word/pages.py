"""The pages of a PDF as PNG pictures, with poppler's ``pdftoppm``: previews of documents.

LibreOffice makes the PDF (:mod:`generator.word.pdf`); LibreOffice cannot open a PDF, so its
pages are drawn by poppler, which every Linux distribution packages and Homebrew has.
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
from pathlib import Path

from generator.common.errors import ConversionError

#: Pages drawn at most: a briefing runs to about a dozen pages, a letter to one or two.
MAX_PAGES = 40
#: Dots per inch: a Letter page becomes 680 x 880 pixels, legible on a screen.
DPI = 80
#: Seconds pdftoppm may take for all the pages it draws; only a hung run gets near it.
TIMEOUT_SECONDS = 120.0

_PAGE_FILE = re.compile(r"-(\d+)\.png$")


def find_pdftoppm() -> str:
    """The pdftoppm program, or one sentence saying how to install it."""
    found = shutil.which("pdftoppm")
    if found:
        return found
    if platform.system() == "Darwin":
        hint = "install it with `brew install poppler`"
    elif platform.system() == "Linux" and shutil.which("apt-get"):
        hint = "install it with `sudo apt-get install poppler-utils`"
    else:
        hint = "install poppler (https://poppler.freedesktop.org)"
    raise ConversionError(
        f"pdftoppm (from poppler) is needed to show pages as pictures but was not found; {hint}."
    )


def pdf_pages(
    pdf: Path,
    out_dir: Path,
    *,
    prefix: str = "page",
    dpi: int = DPI,
    max_pages: int = MAX_PAGES,
) -> list[Path]:
    """Draw the first ``max_pages`` pages of ``pdf`` as ``out_dir/<prefix>-N.png``, in order.

    Raises ConversionError when pdftoppm is missing, hangs or cannot read the PDF.
    """
    pdf, out_dir = Path(pdf), Path(out_dir)
    program = find_pdftoppm()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{prefix}-*.png"):  # pages of an earlier, longer version
        old.unlink()
    command = [program, "-png", "-r", str(dpi), "-f", "1", "-l", str(max_pages)]
    try:
        done = subprocess.run(
            [*command, str(pdf), str(out_dir / prefix)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"pdftoppm did not finish drawing its pages within {TIMEOUT_SECONDS:g} seconds.", pdf
        ) from None
    except OSError as error:
        raise ConversionError(f"pdftoppm could not be started ({error.strerror}).", pdf) from None
    pages = sorted(
        (int(match.group(1)), path)
        for path in out_dir.glob(f"{prefix}-*.png")
        if (match := _PAGE_FILE.search(path.name))
    )
    if done.returncode != 0 or not pages:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        detail = f" ({lines[-1]})" if lines else ""
        raise ConversionError(f"pdftoppm could not draw its pages{detail}.", pdf)
    return [path for _, path in pages]
