"""How tests/fixtures/layout-v1.xlsx was made: the frozen record of workbook layout version 1.

The fixture was written once, by the writer of layout version 1, then given a column of the
user's own the way a person adds one. It is never regenerated: when the layout changes, a new
fixture (layout-v2.xlsx, made by a script like this one) joins it, and the old one must still
upgrade without losing an answer. test_upgrade.py checks that the file has not changed.

    python tests/make_layout_v1.py   # refuses to overwrite the committed fixture
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from generator.excel.writer import write_workbook
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.worksheet import DEFAULT_VOCABULARY, HEADING_ROW, PART2, Status

FIXTURE = Path(__file__).parent / "fixtures" / "layout-v1.xlsx"

#: The column a person added to Part 2, beside the tool's own, and what they wrote in it.
OWN_HEADING = "Board contact"
OWN_VALUES = {"Forest City Asset Builders": "Rosa Lind, board chair"}


def fixture_plan() -> CoalitionPlan:
    """A small plan that touches every kind of answer, with values that must stay literal."""
    vocabulary = replace(
        DEFAULT_VOCABULARY,
        organization_types=(
            *DEFAULT_VOCABULARY.organization_types[:-1],
            "Tenant association",
            DEFAULT_VOCABULARY.other,
        ),
    )
    return CoalitionPlan(
        community="Forest City & Lakeshore",
        vocabulary=vocabulary,
        needs=Needs(
            groups=[
                Choice("People of color", "Black, Latino and Hmong residents"),
                Choice("Young people"),
                Choice("Other", "Recent arrivals \u200fמהגרים\u200f"),
            ],
            areas=[Choice("Housing stability"), Choice("Digital access")],
            assets=[Choice("Convening power"), Choice("Other", "A meeting room downtown")],
        ),
        partners=[
            Partner(
                name="Forest City Asset Builders",
                kind=PartnerKind.EXISTING,
                organization_type="Nonprofit",
                populations=["Young people", "People of color", "Other"],
                other_populations="Gig workers",
                domains=["Financial security", "Housing stability"],
                assets=["Data sharing and transparency"],
                notes="Long history here; <b>bold</b> & \u201cquoted\u201d",
            ),
            Partner(
                name="Mayfield Tenants Union",
                kind=PartnerKind.EXISTING,
                organization_type="Tenant association",
                populations=["People experiencing housing instability or homelessness"],
                domains=["Housing stability", "Housing affordability"],
                assets=["Strong connections to community members", "Other"],
                other_assets="Door-knocking crews \U0001f6aa",
            ),
            Partner(
                name="Forest City Community College",
                kind=PartnerKind.POTENTIAL,
                organization_type="Anchor institution",
                populations=["Residents with low incomes", "English-language learners"],
                domains=["Employment opportunities", "Opportunities for income"],
                assets=["Convening power", "Research and analytical capacity", "Political clout"],
            ),
        ],
        benefits=[
            Benefit(
                partner="Forest City Asset Builders",
                aligned_initiatives="Wealth-Building for All campaign",
                motivations="They want to expand their wealth-building programming.",
                roles="Director as champion;\nData analyst as data team lead",
                barriers="May be skeptical of newcomers. {{ 7*7 }}",
                notes="=1+1 is text, not a formula",
            ),
        ],
        invitees=[
            Invitee(
                member="Denise Okafor",
                organization="Forest City Asset Builders",
                sender="Maria Delgado",
                status=Status.INVITED,
                salutation="Ms. Okafor",
                member_title="Executive Director",
                email="denise@fcab.example.org",
                mailing_address="12 Elm Street\nForest City, OH 44101",
                sender_title="Director, Office of Economic Mobility",
            ),
            Invitee(
                member="Dr. Ana Ruiz",
                organization="Forest City Community College",
                sender="Council Member Lee",
                status=Status.KEEP_INFORMED,
                notes="+ follow up in spring",
            ),
        ],
    )


def add_own_column(path: Path) -> None:
    """Add a column after the last one of Part 2, as a person does once the sheet is unlocked."""
    workbook = load_workbook(path)
    sheet = workbook[PART2.sheet]
    sheet.protection.sheet = False
    column = sheet.max_column + 1
    sheet.cell(HEADING_ROW, column, OWN_HEADING)
    for row in range(HEADING_ROW + 1, sheet.max_row + 1):
        name = sheet.cell(row, 1).value
        if name in OWN_VALUES:
            sheet.cell(row, column, OWN_VALUES[name])
    workbook.save(path)


def main() -> int:
    if FIXTURE.exists():
        print(f"{FIXTURE} exists and is frozen; it is never regenerated.", file=sys.stderr)
        return 2
    plan = fixture_plan()
    write_workbook(FIXTURE, plan.vocabulary, plan.community, plan=plan)
    add_own_column(FIXTURE)
    print(f"Wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
