"""Coverage: which partners cover each priority of Part 1, and the gaps, said plainly."""

from __future__ import annotations

from generator.plan.coverage import Level, analyse, gap_sentence, watch_sentence
from generator.plan.model import Choice, CoalitionPlan, Invitee, Needs, Partner, PartnerKind
from generator.plan.priorities import PriorityKind
from generator.worksheet import Status

EXISTING, POTENTIAL = PartnerKind.EXISTING, PartnerKind.POTENTIAL


def plan_with(
    partners: list[Partner], invitees: list[Invitee] | None = None, **needs: list[str]
) -> CoalitionPlan:
    return CoalitionPlan(
        community="Forest City",
        needs=Needs(**{key: [Choice(label) for label in labels] for key, labels in needs.items()}),
        partners=partners,
        invitees=invitees or [],
    )


def test_a_priority_nobody_covers_is_a_gap_stated_in_plain_words() -> None:
    plan = plan_with(
        [Partner("Asset Builders", EXISTING, domains=["Financial security"])],
        areas=["Financial security", "Digital access"],
    )

    coverage = analyse(plan)

    assert [row.priority.label for row in coverage.gaps] == ["Digital access"]
    assert gap_sentence(coverage.gaps[0]) == "No partner yet works on digital access."
    assert [row.priority.label for row in coverage.covered] == ["Financial security"]


def test_each_kind_of_priority_is_matched_against_its_own_column() -> None:
    library = Partner(
        "Public Library",
        EXISTING,
        populations=["English-language learners"],
        domains=["Digital access"],
        assets=["Convening power"],
    )
    plan = plan_with(
        [library],
        groups=["English-language learners", "Young people"],
        areas=["Digital access"],
        assets=["Convening power", "Fundraising capacity"],
    )

    coverage = analyse(plan)

    assert [(r.priority.kind, r.priority.label, r.existing) for r in coverage.rows] == [
        (PriorityKind.GROUPS, "English-language learners", ("Public Library",)),
        (PriorityKind.GROUPS, "Young people", ()),
        (PriorityKind.AREAS, "Digital access", ("Public Library",)),
        (PriorityKind.ASSETS, "Convening power", ("Public Library",)),
        (PriorityKind.ASSETS, "Fundraising capacity", ()),
    ]
    assert [gap_sentence(r) for r in coverage.gaps] == [
        "No partner yet serves young people.",
        "No partner yet brings fundraising capacity.",
    ]


def test_levels_grade_existing_then_invited_then_potential_partners() -> None:
    partners = [
        Partner("Housing Authority", EXISTING, domains=["Housing stability"]),
        Partner("Community College", POTENTIAL, domains=["Employment opportunities"]),
        Partner("Transit Riders Union", POTENTIAL, domains=["Transportation access"]),
        Partner("Credit Union", POTENTIAL, domains=["Financial security"]),
    ]
    invitees = [
        Invitee("Dr. Linh Vu", "community college", "Mayor", Status.INVITED),  # case differs
        Invitee("Lisa Tran", "Credit Union", "Mayor", Status.KEEP_INFORMED),
    ]
    plan = plan_with(
        partners,
        invitees,
        areas=[
            "Housing stability",
            "Employment opportunities",
            "Transportation access",
            "Financial security",
            "Digital access",
        ],
    )

    levels = {row.priority.label: row.level for row in analyse(plan).rows}

    assert levels == {
        "Housing stability": Level.EXISTING,
        "Employment opportunities": Level.INVITED,
        "Transportation access": Level.POTENTIAL,
        "Financial security": Level.POTENTIAL,  # keep informed is not an invitation
        "Digital access": Level.GAP,
    }


def test_a_declined_invitation_no_longer_counts_as_invited() -> None:
    plan = plan_with(
        [Partner("Community College", POTENTIAL, domains=["Employment opportunities"])],
        [Invitee("Dr. Linh Vu", "Community College", "Mayor", Status.DECLINED)],
        areas=["Employment opportunities"],
    )

    (row,) = analyse(plan).rows

    assert row.invited == ()
    assert row.level is Level.POTENTIAL
    assert watch_sentence(row) == (
        "Only potential partners cover employment opportunities (Community College), and none "
        "of them is on the invite list yet."
    )


def test_watch_sentence_names_the_invited_potential_partners() -> None:
    plan = plan_with(
        [
            Partner("Community College", POTENTIAL, domains=["Employment opportunities"]),
            Partner("Chamber of Commerce", POTENTIAL, domains=["Employment opportunities"]),
            Partner("Workforce Board", POTENTIAL, domains=["Employment opportunities"]),
        ],
        [
            Invitee("A", "Community College", "Mayor"),
            Invitee("B", "Chamber of Commerce", "Mayor", Status.ACCEPTED),
        ],
        areas=["Employment opportunities"],
    )

    (row,) = analyse(plan).rows

    assert row.potential_invited == ("Community College", "Chamber of Commerce")
    assert row.potential_not_invited == ("Workforce Board",)
    assert watch_sentence(row) == (
        "Only potential partners cover employment opportunities; Community College and "
        "Chamber of Commerce are on the invite list."
    )


def test_areas_follow_the_framework_order_and_carry_their_pillar() -> None:
    plan = plan_with([], areas=["Just policing", "Housing stability", "Digital access"])

    rows = analyse(plan).rows

    assert [(r.priority.label, r.priority.pillar) for r in rows] == [
        ("Housing stability", "Opportunity-Rich and Inclusive Neighborhoods"),
        ("Digital access", "High-Quality Education"),
        ("Just policing", "Responsive and Just Governance"),
    ]


def test_other_is_named_by_what_was_written_beside_it() -> None:
    plan = CoalitionPlan(
        needs=Needs(groups=[Choice("Other", "Veterans")]),
        partners=[Partner("VFW Post 12", POTENTIAL, populations=["Other"])],
    )

    (row,) = analyse(plan).rows

    assert row.priority.name == "Veterans"
    assert row.potential == ("VFW Post 12",)
    assert gap_sentence(row) == "No partner yet serves Veterans."


def test_partners_matching_no_priority_are_listed_apart() -> None:
    plan = plan_with(
        [
            Partner("Asset Builders", EXISTING, domains=["Financial security"]),
            Partner("Youth Soccer League", EXISTING, populations=["Middle-class residents"]),
        ],
        areas=["Financial security"],
    )

    assert analyse(plan).unaligned == ("Youth Soccer League",)


def test_an_empty_part_1_has_no_rows_and_no_gaps() -> None:
    plan = plan_with([Partner("Asset Builders", EXISTING, domains=["Financial security"])])

    coverage = analyse(plan)

    assert coverage.rows == ()
    assert coverage.gaps == ()
    assert coverage.unaligned == ()  # nothing to align with: not worth a remark


def test_matching_ignores_case_and_spacing_as_answers_are_compared() -> None:
    plan = plan_with(
        [Partner("Asset Builders", EXISTING, domains=["financial  SECURITY"])],
        areas=["Financial security"],
    )

    assert analyse(plan).rows[0].existing == ("Asset Builders",)
