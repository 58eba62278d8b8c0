"""Regenerate every picture of the README and docs from the current code, with the text each shows.

    .venv/bin/python docs/make_pictures.py            # needs LibreOffice and poppler-utils
    .venv/bin/python docs/make_pictures.py cohort-summary cohort-report   # only those pictures

For each picture ``docs/images/NAME.png`` it writes ``docs/images/NAME.txt``: the lines of text
the picture shows, as LibreOffice printed them. ``tests/test_pictures.py`` fails when the
current code's output no longer contains one of those lines, so that a picture cannot drift
from what the tool makes: when it fails, run this script again and commit what it wrote.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
#: The date printed on letters and briefings in the pictures, so that they do not change daily.
PICTURE_DATE = dt.date(2026, 5, 4)


@dataclass(frozen=True)
class Picture:
    name: str  # docs/images/NAME.png
    source: str  # which output it shows (see ``outputs``)
    page: Callable[[list[str]], int]  # picks the page (1-based) from the pages' text
    crop: tuple[int, int, int, int] | None = None  # x, y, width, height at RESOLUTION dpi


RESOLUTION = 90


def first(pages: list[str]) -> int:
    return 1


def containing(text: str) -> Callable[[list[str]], int]:
    def pick(pages: list[str]) -> int:
        return next(n for n, page in enumerate(pages, start=1) if text in page)

    return pick


PICTURES = (
    Picture("workbook-part1", "sample", containing("Which of the following groups")),
    Picture("workbook-part2", "sample", containing("Target populations served")),
    Picture("workbook-part5", "sample", containing("Part 5: Table 4. Mobility Coalition Final")),
    Picture("check-annotated", "annotated", first),
    Picture("report-cover", "briefing", first),
    Picture("report-page", "briefing", containing("Coverage of the priorities")),
    Picture("report-gaps", "briefing", containing("Covered only by potential partners")),
    Picture("letter", "letter-potential", first),
    Picture("letter-invitation", "letter-existing", first),
    Picture("letter-typed", "letter-typed", first),
    # The Summary sheet without its page margins and footer.
    Picture("cohort-summary", "cohort-summary", first, crop=(33, 31, 866, 595)),
    Picture("cohort-report", "cohort-report", containing("Priorities across the cohort")),
)


def outputs(folder: Path) -> dict[str, Path]:
    """Every document a picture shows, made by the current code from the bundled sample."""
    sys.path.insert(0, str(ROOT / "docs"))
    from make_examples import typed_plan, with_mistakes

    from generator.briefing.report import write_report
    from generator.demo.sample import sample_workbook
    from generator.excel.annotate import write_annotated_copy
    from generator.excel.reader import check_workbook
    from generator.letters.batch import Options, write_letters

    sample = Path(shutil.copy(sample_workbook(), folder / "forest-city.xlsx"))
    reading = check_workbook(sample)
    mistakes = with_mistakes(folder / "forest-city-with-mistakes.xlsx")
    annotated = folder / "annotated.xlsx"
    write_annotated_copy(mistakes, check_workbook(mistakes).findings, annotated, force=True)
    briefing = write_report(
        reading.plan, reading.findings, folder / "briefing.docx", today=PICTURE_DATE, force=True
    )
    batch = write_letters(reading.plan, folder / "letters", Options(date=PICTURE_DATE))
    by_kind: dict[str, Path] = {}
    partners = reading.plan.partners_by_name()
    from generator.common.text import fold

    for result in batch.letters:
        partner = partners.get(fold(result.organization))
        kind = "existing" if partner is not None and partner.is_existing else "potential"
        by_kind.setdefault(f"letter-{kind}", folder / "letters" / result.file)
    typed = write_letters(typed_plan(), folder / "typed", Options(date=PICTURE_DATE))
    by_kind["letter-typed"] = folder / "typed" / typed.letters[0].file
    return {
        "sample": sample,
        "annotated": annotated,
        "briefing": briefing,
        **by_kind,
        **cohort_outputs(folder),
    }


def cohort_outputs(folder: Path) -> dict[str, Path]:
    """The README's cohort (docs/make_cohort_example.py) summarized, workbook and Word summary."""
    from make_cohort_example import make

    from generator.cohort.run import Options, summarize_cohort

    example = folder / "cohort-example"
    make(example)
    summary, report = folder / "cohort-summary.xlsx", folder / "cohort-report.docx"
    # From the example's folder, so that files are named as the README shows them: cohort/...
    with contextlib.chdir(example):
        options = Options(summary, report, today=PICTURE_DATE, force=True)
        summarize_cohort([Path("cohort")], options)
    return {"cohort-summary": summary, "cohort-report": report}


def to_pdf(source: Path, folder: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / f"{source.stem}.pdf"


def render_page(
    pdf: Path, number: int, target: Path, crop: tuple[int, int, int, int] | None = None
) -> None:
    """Page ``number`` of ``pdf`` into the PNG ``target`` at RESOLUTION dpi, maybe cropped."""
    options: list[str] = []
    for flag, value in zip(("-x", "-y", "-W", "-H"), crop or (), strict=False):
        options += [flag, str(value)]
    subprocess.run(
        [
            "pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(number), "-l", str(number),
            *options, "-singlefile", str(pdf), str(target.with_suffix("")),
        ],
        check=True,
    )  # fmt: skip


def page_texts(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def shown_lines(page: str, current: str) -> list[str]:
    """The page's lines of text worth guarding: whole words, not a date, found in the output."""
    lines = []
    for raw in page.splitlines():
        line = " ".join(raw.split())
        if len(line) < 12 or re.search(r"\b(19|20)\d\d\b", line):
            continue  # page numbers, dates and stray fragments of rotated headings
        if line in current and line not in lines:
            lines.append(line)
    return lines


def main(names: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.picture_text import output_text  # the same reading the test makes

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = outputs(folder)
        pdfs: dict[str, tuple[Path, list[str]]] = {}
        for picture in PICTURES:
            if names and picture.name not in names:
                continue
            source = made[picture.source]
            if picture.source not in pdfs:
                pdf = to_pdf(source, folder)
                pdfs[picture.source] = (pdf, page_texts(pdf))
            pdf, pages = pdfs[picture.source]
            number = picture.page(pages)
            target = IMAGES / f"{picture.name}.png"
            render_page(pdf, number, target, picture.crop)
            lines = shown_lines(pages[number - 1], output_text(source))
            text = "\n".join([f"# shown by {target.name}: {picture.source}", *lines]) + "\n"
            target.with_suffix(".txt").write_text(text, encoding="utf-8")
            print(f"Wrote {target.relative_to(ROOT)} and its text ({len(lines)} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
