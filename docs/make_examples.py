"""Make the README's examples: a sample workbook with mistakes, its check, its annotated copy.

    python docs/make_examples.py output/examples [--pictures]

Run from the top of a checkout. It writes into the folder given (under output/, never committed)
and, with --pictures, renders the letters pictured in docs/images/ through LibreOffice: two
letters of the sample, and one written from a row typed the way people type (TYPED_ROW).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from generator.demo.sample import load_plan, sample_dir, sample_workbook
from generator.excel.styles import put_text
from generator.letters.batch import Options, write_letters
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Partner, PartnerKind
from generator.worksheet import FIRST_DATA_ROW, PART2, PART4, PART5

IMAGES = Path(__file__).resolve().parent / "images"
DAY = dt.date(2026, 5, 4)

#: One invite-list row as people type it: the name in capitals, lists in one cell with commas,
#: semicolons and dashes, a note that shouts, a sender in small letters. docs/letters.md shows
#: the letter it makes.
TYPED_ROW = {
    "partner": Partner(
        "Boys & Girls Club of Forest City",
        PartnerKind.EXISTING,
        populations=["Young people", "Residents with low incomes"],
        domains=["Preparation for college", "Digital access"],
        assets=["Convening power"],
    ),
    "benefit": Benefit(
        "Boys & Girls Club of Forest City",
        aligned_initiatives="youth jobs program, summer camp, after-school tutoring",
        motivations="they want to reach more teens in Mayfield & the East Side!!",
        roles="- their ED as champion\n- program staff in the youth working group; host 2 "
        "meetings a year",
        barriers="Small board; slow to decide.",
    ),
    "invitee": Invitee(
        "DENISE OKAFOR",
        "Boys & Girls Club of Forest City",
        "maria delgado",
        member_title="executive director",
        email="dokafor@bgcfc.org",
        mailing_address="410 Elm St\nForest City, OH 44101",
        sender_title="Director, Forest City Office of Economic Mobility",
        sender_email="mdelgado@forestcityoh.gov",
        sender_phone="(216) 555-0142",
    ),
}


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


def render_png(
    source: Path, target: Path, page: int = 1, crop: str | None = None, resolution: str = "-r 90"
) -> None:
    """A page of a workbook or document as a PNG, through LibreOffice and pdftoppm."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = Path(folder) / f"{source.stem}.pdf"
        args = ["pdftoppm", "-png", *resolution.split(), "-f", str(page), "-l", str(page)]
        args.append("-singlefile")
        if crop:
            args += crop.split()
        subprocess.run([*args, str(pdf), str(target.with_suffix(""))], check=True)


def typed_plan() -> CoalitionPlan:
    """The sample's Part 1 with TYPED_ROW as the only partner and invitee."""
    plan = load_plan(sample_dir() / "forest-city.toml")
    plan.partners = [TYPED_ROW["partner"]]
    plan.benefits = [TYPED_ROW["benefit"]]
    plan.invitees = [TYPED_ROW["invitee"]]
    return plan


def letter_pictures(folder: Path) -> list[Path]:
    """The letters pictured in the README and docs/letters.md, rendered afresh."""
    sample = load_plan(sample_dir() / "forest-city.toml")
    batch = write_letters(sample, folder / "letters", Options(date=DAY))
    files = {result.recipient: folder / "letters" / result.file for result in batch.letters}
    typed = write_letters(typed_plan(), folder / "typed", Options(date=DAY))
    pictures = [
        (files["Dr. Lena Park"], IMAGES / "letter.png", "-r 100"),
        (files["Denise Okafor"], IMAGES / "letter-invitation.png", "-r 90"),
        (folder / "typed" / typed.letters[0].file, IMAGES / "letter-typed.png", "-r 90"),
    ]
    for source, target, resolution in pictures:
        render_png(source, target, resolution=resolution)
    return [target for _, target, _ in pictures]


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/examples")
    mistakes = with_mistakes(folder / "forest-city-with-mistakes.xlsx")
    print(f"Wrote {mistakes}")
    if "--pictures" in sys.argv:
        for picture in letter_pictures(folder):
            print(f"Wrote {picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
