"""Make the README's examples: a sample workbook with mistakes, its check, its annotated copy.

    python docs/make_examples.py output/examples

Run from the top of a checkout. It writes into the folder given (under output/, never committed).
The pictures in docs/images/ are made by docs/make_pictures.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook

from generator.demo.sample import sample_workbook
from generator.excel.styles import put_text
from generator.worksheet import FIRST_DATA_ROW, PART2, PART4, PART5


def with_mistakes(target: Path) -> Path:
    """The Forest City sample after a hurried afternoon: a typo, a duplicate, a stray partner."""
    workbook = load_workbook(sample_workbook())
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 3, 2, "Philantropy")
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 20, 1, "Forest City Public Library")
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 20, 2, "Local government")
    workbook[PART4.sheet].cell(FIRST_DATA_ROW + 2, 1, "Forest City Comunity College")
    put_text(workbook[PART5.sheet].cell(FIRST_DATA_ROW + 4, 7), "arahman at greatlakespolicylab")
    workbook[PART5.sheet].cell(FIRST_DATA_ROW + 7, 3).value = None
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/examples")
    mistakes = with_mistakes(folder / "forest-city-with-mistakes.xlsx")
    print(f"Wrote {mistakes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
