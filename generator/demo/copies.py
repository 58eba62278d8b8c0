"""Workbooks to try the README's steps on: three partners' copies of the sample, and one with
mistakes.

The README's path merges what Maria, James and Karen returned, then checks a copy with the
mistakes of a hurried afternoon. ``coalition demo`` writes them beside its results, so that the
path runs as written from an installed package; ``docs/make_examples.py`` and the tests make the
copy with mistakes here too.
"""

from __future__ import annotations

import copy
from pathlib import Path

from generator.common.fileio import atomic_path
from generator.demo.sample import load_plan, sample_dir, sample_workbook
from generator.plan.model import CoalitionPlan, Partner, PartnerKind

#: The copy with mistakes, as the README's step 3 names it.
MISTAKES_NAME = "forest-city-with-mistakes.xlsx"
#: Who returned a copy, in the order the README merges them.
PARTNERS = ("maria", "james", "karen")


def partner_plans() -> dict[str, CoalitionPlan]:
    """The sample as three people returned it, by their first names.

    Maria's is the sample. James typed two answers otherwise (the Lakeshore Community
    Foundation as a nonprofit; Maria, not James, to invite Harold Brooks): the merge lists both
    as conflicts. Karen added a partner she works with, the one the merge adds.
    """
    sample = load_plan(sample_dir() / "forest-city.toml")
    maria, james, karen = (copy.deepcopy(sample) for _ in PARTNERS)
    foundation = next(p for p in james.partners if p.name == "Lakeshore Community Foundation")
    foundation.organization_type = "Nonprofit"
    next(i for i in james.invitees if i.member == "Harold Brooks").sender = "Maria Delgado"
    karen.partners.append(
        Partner(
            "Eastside Greenways Alliance",
            PartnerKind.EXISTING,
            "Community-based organization",
            populations=["People of color", "Young people"],
            domains=["Environmental quality", "Transportation access"],
            assets=["Strong connections to community members"],
        )
    )
    return dict(zip(PARTNERS, (maria, james, karen), strict=True))


def write_partner_copy(plan: CoalitionPlan, target: Path) -> Path:
    """One partner's copy as `coalition new-workbook` would write it, filled in."""
    from generator.excel.writer import write_workbook

    return write_workbook(target, plan.vocabulary, plan.community, plan=plan, force=True)


def with_mistakes(target: Path) -> Path:
    """The Forest City sample after a hurried afternoon: a typo, a duplicate, a stray partner,
    a misspelt partner in Part 4, an email without its @-sign and an invitation nobody sends."""
    from openpyxl import load_workbook

    from generator.excel.styles import put_text
    from generator.worksheet import FIRST_DATA_ROW, PART2, PART4, PART5

    workbook = load_workbook(sample_workbook())
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 3, 2, "Philantropy")
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 20, 1, "Forest City Public Library")
    workbook[PART2.sheet].cell(FIRST_DATA_ROW + 20, 2, "Local government")
    workbook[PART4.sheet].cell(FIRST_DATA_ROW + 2, 1, "Forest City Comunity College")
    put_text(workbook[PART5.sheet].cell(FIRST_DATA_ROW + 4, 7), "arahman at greatlakespolicylab")
    workbook[PART5.sheet].cell(FIRST_DATA_ROW + 7, 3).value = None
    with atomic_path(Path(target), keep_suffix=True) as tmp:
        workbook.save(tmp)
    return Path(target)
