"""Make the README's cohort example: a folder of communities' workbooks, summarized.

    python docs/make_cohort_example.py [FOLDER]

Run from the top of a checkout. It writes FOLDER/cohort (default output/cohort-example/cohort):
eight communities varied from the Forest City sample (generator/demo/cohort.py), one of them
also as an older copy, a legacy .xls saved with an .xlsx name, and an Excel lock file; then runs
``coalition summarize cohort -o cohort-summary.xlsx --report cohort-summary.docx`` in FOLDER and
prints what it printed. The pictures of its outputs (docs/images/cohort-summary.png,
cohort-report.png) are made by docs/make_pictures.py, from the same folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.demo.cohort import write_cohort

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
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/cohort-example")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
