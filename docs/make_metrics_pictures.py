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
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from generator.briefing.report import write_report
from generator.data.metrics import standing_for
from generator.demo.sample import load_plan, sample_dir
from generator.excel.writer import write_workbook
from generator.excel.writer.metrics_sheet import write_metrics_workbook
from generator.worksheet import PART1_SHEET

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
#: A landscape Letter page at 90 dpi (pdftoppm's -x -y -W -H): margins off, header and footer kept.
LANDSCAPE_CROP = "-x 36 -y 10 -W 918 -H 734"


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


def to_pdf(source: Path, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return folder / f"{source.stem}.pdf"


def render_png(source: Path, target: Path, *, page: int, crop: str = "") -> None:
    """One page of ``source``, as LibreOffice prints it, into ``target`` at 90 dpi."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(source, Path(tmp))
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page), *crop.split(),
             "-singlefile", str(pdf), str(target.with_suffix(""))],
            check=True,
        )  # fmt: skip


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
    part1 = part1_only(workbook, folder / "part1.xlsx")
    page = page_with(to_pdf(part1, folder), "Opportunity-Rich")  # the areas' first pillar
    render_png(part1, IMAGES / "metrics-part1.png", page=page, crop=LANDSCAPE_CROP)

    table = write_metrics_workbook(folder / "forest-county-metrics.xlsx", standing, force=True)
    render_png(table, IMAGES / "metrics-sheet.png", page=1, crop=LANDSCAPE_CROP)

    report = write_report(plan, [], folder / "forest-city-coalition-report.docx", force=True)
    page = page_with(to_pdf(report, folder), "What the data says")
    render_png(report, IMAGES / "report-data.png", page=page)
    for name in ("metrics-part1.png", "metrics-sheet.png", "report-data.png"):
        print(f"Wrote {IMAGES / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
