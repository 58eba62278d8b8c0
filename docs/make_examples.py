"""Make the README's examples: a sample workbook with mistakes, its check, its annotated copy.

    python docs/make_examples.py output/examples

The copy with mistakes is the one `coalition demo` writes (generator/demo/copies.py), so that
the README's step 3 runs on it from an installed package too.

Run from the top of a checkout. It writes into the folder given (under output/, never committed)
and keeps the row typed the way people type (TYPED_ROW) that docs/make_pictures.py pictures a letter
of; every picture in docs/images/ is made by docs/make_pictures.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator.demo.copies import MISTAKES_NAME, with_mistakes
from generator.demo.sample import load_plan, sample_dir
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Partner, PartnerKind

__all__ = ["TYPED_ROW", "typed_plan", "with_mistakes"]  # with_mistakes: `coalition demo`'s own

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


def typed_plan() -> CoalitionPlan:
    """The sample's Part 1 with TYPED_ROW as the only partner and invitee."""
    plan = load_plan(sample_dir() / "forest-city.toml")
    plan.partners = [TYPED_ROW["partner"]]
    plan.benefits = [TYPED_ROW["benefit"]]
    plan.invitees = [TYPED_ROW["invitee"]]
    return plan


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "output/examples")
    mistakes = with_mistakes(folder / MISTAKES_NAME)
    print(f"Wrote {mistakes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
