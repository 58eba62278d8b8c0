"""One rule says which Part 1 priority a partner speaks to; checks, coverage and letters ask it."""

from __future__ import annotations

from pathlib import Path

from generator.letters.context import PlanIndex, letter_context
from generator.plan.checks import partners_relevant
from generator.plan.coverage import analyse
from generator.plan.model import Choice, CoalitionPlan, Invitee, Needs, Partner, PartnerKind
from generator.plan.priorities import PriorityKind, PriorityMatcher
from generator.plan.reading import Reading
from generator.worksheet.priorities import PARTNER_FIELD


def test_the_pairing_of_part1_and_partner_columns_is_read_off_the_declaration() -> None:
    assert PARTNER_FIELD == {"groups": "populations", "areas": "domains", "assets": "assets"}
    assert [kind.partner_field for kind in PriorityKind] == ["populations", "domains", "assets"]


def typed_differently() -> CoalitionPlan:
    """Part 1 and the partner's row spell the same options with other case, spacing, quotes."""
    return CoalitionPlan(
        community="Forest City",
        needs=Needs(
            groups=[Choice("Young people")],
            areas=[Choice("Housing stability")],
            assets=[Choice("Staff capacity")],
        ),
        partners=[
            Partner(
                "Tenant Alliance",
                PartnerKind.POTENTIAL,
                populations=["young  PEOPLE"],
                domains=["housing\u00a0stability"],
                assets=["Political clout"],
            )
        ],
        invitees=[Invitee("Ana Ruiz", "Tenant Alliance", "Maria Delgado")],
    )


def test_checks_coverage_and_letters_agree_on_a_partner_typed_differently() -> None:
    plan = typed_differently()
    matcher = PriorityMatcher(plan)
    (partner,) = plan.partners

    assert matcher.matching(partner) == {
        PriorityKind.GROUPS: ["young  PEOPLE"],
        PriorityKind.AREAS: ["housing\u00a0stability"],
        PriorityKind.ASSETS: [],
    }
    # Coverage: both priorities covered by the partner, the asset a gap.
    coverage = analyse(plan)
    assert [row.priority.label for row in coverage.covered] == ["Young people", "Housing stability"]
    assert [row.priority.label for row in coverage.gaps] == ["Staff capacity"]
    # Checks: the partner meets the worksheet's test, so no warning.
    reading = Reading(path=Path("plan.xlsx"), plan=plan)
    partners_relevant(reading)
    assert reading.findings == []
    # Letters: the same two, as the partner's row spells them.
    context = letter_context(plan.invitees[0], PlanIndex(plan), row=4)
    assert context["matching"] == {
        "groups": ["young  PEOPLE"],
        "areas": ["housing\u00a0stability"],
        "assets": [],
    }


def test_a_partner_that_meets_no_priority_is_flagged_and_covers_nothing() -> None:
    plan = typed_differently()
    plan.partners[0] = Partner("Chess Club", PartnerKind.POTENTIAL, assets=["Political clout"])
    reading = Reading(path=Path("plan.xlsx"), plan=plan)

    partners_relevant(reading)

    assert [f.code for f in reading.findings] == ["no-priority-match"]
    assert analyse(plan).unaligned == ("Chess Club",)
    assert not PriorityMatcher(plan).is_relevant(plan.partners[0])


def test_a_letter_names_the_partners_own_words_for_other() -> None:
    plan = CoalitionPlan(
        needs=Needs(groups=[Choice("Other", "Veterans")]),
        partners=[
            Partner(
                "VFW Post 12",
                PartnerKind.POTENTIAL,
                populations=["Other"],
                other_populations="veterans and their families",
            )
        ],
        invitees=[Invitee("Sam Cole", "VFW Post 12", "Maria Delgado")],
    )

    context = letter_context(plan.invitees[0], PlanIndex(plan), row=4)

    assert context["matching"]["groups"] == ["veterans and their families"]
    assert analyse(plan).rows[0].potential == ("VFW Post 12",)
