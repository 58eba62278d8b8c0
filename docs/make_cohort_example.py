"""Make the README's cohort example: a folder of communities' workbooks, summarized.

    python docs/make_cohort_example.py [FOLDER] [--pictures]

Run from the top of a checkout. It writes FOLDER/cohort (default output/cohort-example/cohort):
eight communities varied from the Forest City sample (generator/demo/cohort.py), one of them
also as an older copy, a legacy .xls saved with an .xlsx name, and an Excel lock file; then runs
``coalition summarize cohort -o cohort-summary.xlsx --report cohort-summary.docx`` in FOLDER and
prints what it printed. With --pictures it renders, through LibreOffice and pdftoppm, the
summary workbook's first page to docs/images/cohort-summary.png and the Word summary's
priorities page to docs/images/cohort-report.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from make_examples import render_png

from generator.demo.cohort import write_cohort

IMAGES = Path(__file__).resolve().parent / "images"
#: Long ago, so that the copy is the older of the two.
OLD = 1_700_000_000


def make(folder: Path) -> Path:
    cohort = folder / "cohort"
    if cohort.exists():
        shutil.rmtree(cohort)
    write_cohort(cohort, 8)
    shutil.copy(cohort / "millbrook.xlsx", cohort / "millbrook (copy).xlsx")
    os.utime(cohort / "millbrook (copy).xlsx", (OLD, OLD))
    # What Excel 97-2003 saves: an OLE compound file, here with the name of a new workbook.
    (cohort / "willow-creek.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    (cohort / "~$forest-city.xlsx").write_bytes(bytes(165))
    return cohort


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0] if args else "output/cohort-example")
    make(folder)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "summarize",
            "cohort",
            "-o",
            "cohort-summary.xlsx",
            "--report",
            "cohort-summary.docx",
            "--force",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(Path.cwd())},
    )
    print("$ coalition summarize cohort -o cohort-summary.xlsx --report cohort-summary.docx")
    print(done.stdout + done.stderr, end="")
    if "--pictures" in sys.argv:
        # The page without its margins and footer (pixels at the 90 dpi render_png uses).
        crop = "-x 60 -y 82 -W 832 -H 570"
        render_png(folder / "cohort-summary.xlsx", IMAGES / "cohort-summary.png", 1, crop)
        render_png(folder / "cohort-summary.docx", IMAGES / "cohort-report.png", 3)
        print(f"Wrote {IMAGES / 'cohort-summary.png'} and {IMAGES / 'cohort-report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
