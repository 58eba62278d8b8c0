"""Make the README's pictures of the Mobility Metrics, from SYNTHETIC data, through LibreOffice.

    python docs/make_metrics_pictures.py [output/metrics-pictures]

Run from the top of a checkout, with LibreOffice (soffice) and poppler-utils (pdftoppm,
pdftotext) installed. The data is made up (tests/make_synthetic_metrics.py: 400 fictional
counties in the layout of Urban's 2025 county file; the community is "Forest County, Ohio"), so
that no number in a picture could be mistaken for a real county's. It writes, into the folder
given (under output/, never committed), a workbook, the Mobility Metrics table and a briefing, and
renders three pictures into docs/images/:

* ``metrics-part1.png``: Part 1's areas of concern with the column "What the data suggests";
* ``metrics-sheet.png``: the first page of the Mobility Metrics sheet;
* ``report-data.png``: the briefing's page "What the data says".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from make_pictures import render_page, to_pdf  # beside this script
from openpyxl import load_workbook

from generator.briefing.report import write_report
from generator.data.metrics import standing_for
from generator.demo.sample import load_plan, sample_dir
from generator.excel.writer import write_workbook
from generator.excel.writer.metrics_sheet import write_metrics_workbook
from generator.worksheet import PART1_SHEET

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
#: A landscape Letter page at 90 dpi (x, y, width, height): margins off, header and footer kept.
LANDSCAPE_CROP = (36, 10, 918, 734)


def part1_only(workbook: Path, target: Path) -> Path:
    """A copy with Part 1 alone, so that its pages are the PDF's first."""
    book = load_workbook(workbook)
    for title in book.sheetnames:
        if title != PART1_SHEET:
            del book[title]
    book.save(target)
    return target


def page_with(pdf: Path, text: str) -> int:
    """The first page of a PDF whose text holds ``text``."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    return next(number for number, page in enumerate(pages, start=1) if text in page)


def main() -> int:
    sys.path[:0] = [str(ROOT / "tests")]
    from make_synthetic_metrics import make_many

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/metrics-pictures")
    folder.mkdir(parents=True, exist_ok=True)
    data = make_many(folder / "synthetic-mobility-metrics_county_longitudinal.csv")
    standing = standing_for(data, name="Forest County, OH")

    plan = load_plan(sample_dir() / "forest-city.toml")
    plan.standing = standing
    workbook = write_workbook(
        folder / "forest-city.xlsx", plan.vocabulary, plan=plan, standing=standing, force=True
    )
    part1 = to_pdf(part1_only(workbook, folder / "part1.xlsx"), folder)
    page = page_with(part1, "Opportunity-Rich")  # the areas' first pillar
    render_page(part1, page, IMAGES / "metrics-part1.png", LANDSCAPE_CROP)

    table = write_metrics_workbook(folder / "forest-county-metrics.xlsx", standing, force=True)
    render_page(to_pdf(table, folder), 1, IMAGES / "metrics-sheet.png", LANDSCAPE_CROP)

    report = write_report(plan, [], folder / "forest-city-coalition-report.docx", force=True)
    report_pdf = to_pdf(report, folder)
    render_page(report_pdf, page_with(report_pdf, "What the data says"), IMAGES / "report-data.png")
    for name in ("metrics-part1.png", "metrics-sheet.png", "report-data.png"):
        print(f"Wrote {IMAGES / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
