"""A small cohort whose every figure is counted by hand, in the layouts a cohort really holds.

Four communities:

* Alder Bay (today's layout): two existing partners and one potential; every status on its
  invite list; People of color has no partner.
* Birch Falls (its coalition's own lists: a group "Recent arrivals", "Other" renamed "Something
  else", an organization type "Tenant association"): Housing stability has no partner.
* Cedar Run (a workbook that does not say its layout version): tracks no statuses; Housing
  stability and Digital access have no partner.
* Forest City & Lakeshore (tests/fixtures/layout-v1.xlsx, the frozen older layout): Digital
  access has no partner.

Across them (counted by hand; see tests/test_summarize.py): Digital access is chosen by 3 and
covered in 1 (chosen often, covered rarely); Housing stability by 4 and covered in 2 (exactly
half: not rarely).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from make_layout_v1 import FIXTURE
from openpyxl import load_workbook

from generator.excel.writer import write_workbook
from generator.plan.model import Choice, CoalitionPlan, Invitee, Needs, Partner, PartnerKind
from generator.worksheet import DEFAULT_VOCABULARY, META_SHEET, VERSION_NAME, Status

EXISTING, POTENTIAL = PartnerKind.EXISTING, PartnerKind.POTENTIAL


def invitee(member: str, organization: str, status: Status | None, sender: str, title: str):
    person = Invitee(
        member,
        organization,
        sender,
        sender_title=title,
        email=f"{member.split()[0].lower()}@example.org",
    )
    if status is not None:
        person.status = status
    return person


def alder_bay() -> CoalitionPlan:
    return CoalitionPlan(
        community="Alder Bay",
        needs=Needs(
            groups=[Choice("Young people"), Choice("People of color", "Hmong residents")],
            areas=[Choice("Housing stability"), Choice("Digital access")],
            assets=[Choice("Convening power")],
        ),
        partners=[
            Partner(
                "Alder Bay Library",
                EXISTING,
                "Local government",
                populations=["Young people"],
                domains=["Digital access"],
                assets=["Convening power"],
            ),
            Partner(
                "Alder Bay Food Bank",
                EXISTING,
                "Nonprofit",
                populations=["Residents with low incomes"],
                domains=["Financial security"],
                assets=["Staff capacity"],
            ),
            Partner(
                "Harbor Tenants",
                POTENTIAL,
                "Advocacy organization",
                populations=["Residents with low incomes"],
                domains=["Housing stability"],
                assets=["Political clout"],
            ),
        ],
        invitees=[
            invitee(
                "Rosa Vega",
                "Alder Bay Library",
                Status.ACCEPTED,
                "Mayor Ana Ortiz",
                "Mayor of Alder Bay",
            ),
            invitee(
                "Tom Reyes",
                "Alder Bay Food Bank",
                Status.DECLINED,
                "Kim Lee",
                "Director, Alder Bay Library",
            ),
            invitee(
                "Ida Moss",
                "Harbor Tenants",
                Status.INVITED,
                "Kim Lee",
                "Director, Alder Bay Library",
            ),
            invitee("Lou Chen", "Harbor Tenants", Status.KEEP_INFORMED, "Kim Lee", "Director"),
            invitee("Ada Park", "Alder Bay Food Bank", None, "Kim Lee", "Director"),
        ],
    )


def birch_falls() -> CoalitionPlan:
    """A coalition with lists of its own."""
    groups = (*DEFAULT_VOCABULARY.groups[:-1], "Recent arrivals", DEFAULT_VOCABULARY.other)
    types = (
        *DEFAULT_VOCABULARY.organization_types[:-1],
        "Tenant association",
        DEFAULT_VOCABULARY.other,
    )
    vocabulary = replace(DEFAULT_VOCABULARY, groups=groups, organization_types=types).with_other(
        "Something else"
    )
    return CoalitionPlan(
        community="Birch Falls",
        vocabulary=vocabulary,
        needs=Needs(
            groups=[
                Choice("People of color", "Black residents"),
                Choice("Residents with low incomes"),
                Choice("Recent arrivals"),
            ],
            areas=[Choice("Housing stability")],
            assets=[Choice("Convening power"), Choice("Financial resources")],
        ),
        partners=[
            Partner(
                "Birch Falls Foundation",
                EXISTING,
                "Philanthropy",
                populations=["Residents with low incomes", "Recent arrivals"],
                domains=["Wealth-building opportunities"],
                assets=["Financial resources"],
            ),
            Partner(
                "Birch Falls Council of Churches",
                POTENTIAL,
                "Faith-based organization",
                populations=["People of color"],
                domains=["Social capital"],
                assets=["Convening power"],
            ),
        ],
        invitees=[
            invitee(
                "Joy Park",
                "Birch Falls Council of Churches",
                Status.ACCEPTED,
                "Rev. Dana Hill",
                "President, Birch Falls Foundation",
            ),
            invitee(
                "Sam Ode",
                "Birch Falls Foundation",
                None,
                "Rev. Dana Hill",
                "President, Birch Falls Foundation",
            ),
        ],
    )


def cedar_run() -> CoalitionPlan:
    return CoalitionPlan(
        community="Cedar Run",
        needs=Needs(
            groups=[Choice("People of color", "Latino residents")],
            areas=[Choice("Housing stability"), Choice("Digital access")],
        ),
        partners=[
            Partner(
                "Cedar Run Schools",
                EXISTING,
                "Local government",
                populations=["People of color"],
                domains=["Access to preschool"],
                assets=["Staff capacity"],
            )
        ],
        invitees=[invitee("Bo Lind", "Cedar Run Schools", None, "Kim Ash", "Superintendent")],
    )


def without_version(path: Path) -> Path:
    """The workbook as another program might leave it: no layout version anywhere."""
    workbook = load_workbook(path)
    del workbook.defined_names[VERSION_NAME]
    workbook[META_SHEET]["B1"] = None
    workbook.save(path)
    return path


def write_cohort(folder: Path) -> dict[str, Path]:
    """The four communities' workbooks in ``folder``, by community."""
    folder.mkdir(parents=True, exist_ok=True)

    def write(plan: CoalitionPlan, name: str) -> Path:
        return write_workbook(folder / name, plan.vocabulary, plan.community, plan=plan)

    paths = {
        "Alder Bay": write(alder_bay(), "alder-bay.xlsx"),
        "Birch Falls": write(birch_falls(), "birch-falls.xlsx"),
        "Cedar Run": without_version(write(cedar_run(), "cedar-run.xlsx")),
        "Forest City & Lakeshore": Path(shutil.copy(FIXTURE, folder / "layout-v1.xlsx")),
    }
    return paths
