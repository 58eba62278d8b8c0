"""What a careful convener would catch in a completed workbook, all in one pass.

Each rule is a small function over a :class:`~generator.excel.reader.Reading` that adds
findings; none stops at the first problem. :func:`run_checks` runs them all;
:func:`generator.excel.reader.check_workbook` reads a workbook and runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.common.text import fold
from generator.plan.answer_findings import not_a_partner, suggest_partner, unread, where_of
from generator.plan.findings import Severity, sort_key
from generator.plan.invite_list_checks import invitees_complete
from generator.plan.model import Partner, table_of
from generator.plan.priorities import PriorityMatcher
from generator.plan.reading import Reading
from generator.worksheet import (
    GROUP_WITH_SPECIFICS,
    PART1_HEADINGS,
    PART4,
    Table,
)

Rule = Callable[[Reading], None]


# --- Part 1 -------------------------------------------------------------------------------------


def part1_chosen(reading: Reading) -> None:
    needs = reading.plan.needs
    sheet = reading.part1_sheet
    if needs.is_empty:
        reading.add(
            Severity.ERROR,
            "part1-empty",
            "Nothing is chosen in Part 1, so partners cannot be matched to priorities.",
            sheet=sheet,
            suggestion="Choose Yes beside the groups, areas and assets that matter most.",
        )
        return
    for key, what in (
        ("groups", "no group facing barriers"),
        ("areas", "no area of concern"),
        ("assets", "no asset the coalition needs"),
    ):
        if not getattr(needs, key):
            reading.add(
                Severity.WARNING,
                "part1-section-empty",
                f"Part 1 has {what} chosen.",
                sheet=sheet,
                suggestion="Choose at least one, or confirm that none applies.",
            )


def part1_details(reading: Reading) -> None:
    other = reading.plan.vocabulary.other
    for answer in reading.part1:
        where = {"sheet": reading.part1_sheet, "column": PART1_HEADINGS[2]}
        if not answer.chosen:
            if answer.details:
                reading.add(
                    Severity.WARNING,
                    "details-not-chosen",
                    f"Details are written for \u201c{answer.option}\u201d, but it is not chosen.",
                    cell=answer.details_cell,
                    value=answer.details,
                    suggestion=f"Choose Yes in {answer.mark_cell}, or clear the details.",
                    **where,
                )
            continue
        if answer.details:
            continue
        if answer.option == other:
            reading.add(
                Severity.WARNING,
                "other-undescribed",
                f"\u201c{other}\u201d is chosen in Part 1 with nothing written beside it.",
                cell=answer.details_cell,
                suggestion="Say in Details what you mean by Other.",
                **where,
            )
        if answer.checklist == "groups" and answer.option == GROUP_WITH_SPECIFICS:
            reading.add(
                Severity.WARNING,
                "groups-unspecified",
                f"\u201c{GROUP_WITH_SPECIFICS}\u201d is chosen without the specific racial "
                "or ethnic group(s).",
                cell=answer.details_cell,
                suggestion="Name the specific group(s) in Details, as the worksheet asks.",
                **where,
            )


# --- Parts 2 and 3 ------------------------------------------------------------------------------


def partners_complete(reading: Reading) -> None:
    other = reading.plan.vocabulary.other
    for partner in reading.plan.partners:
        table = table_of(partner)

        def at(field_name: str, table: Table = table, partner: Partner = partner) -> dict[str, str]:
            return where_of(reading, table, field_name, partner.source)

        if not partner.name and not unread(reading, at("name")):
            reading.add(
                Severity.ERROR,
                "missing-name",
                "This row has answers but no organization name.",
                suggestion="Write the organization's name, or clear the row.",
                **at("name"),
            )
        if not partner.name:
            continue
        if not partner.organization_type and not unread(reading, at("organization_type")):
            reading.add(
                Severity.ERROR,
                "missing-type",
                f"{partner.name} has no type of organization.",
                value=partner.name,
                suggestion="Choose one from the dropdown.",
                **at("organization_type"),
            )
        if not (partner.populations or partner.domains or partner.assets):
            reading.add(
                Severity.WARNING,
                "nothing-marked",
                f"{partner.name} has no populations, domains or assets marked.",
                value=partner.name,
                suggestion="Mark what they serve, work on and bring, so coverage can be judged.",
                **at("populations"),
            )
        for marks, text_field in (("populations", "other_populations"), ("assets", "other_assets")):
            if other in getattr(partner, marks) and not getattr(partner, text_field):
                reading.add(
                    Severity.WARNING,
                    "other-undescribed",
                    f"{partner.name}: \u201c{other}\u201d is marked under "
                    f"{table.column(marks).heading.lower()} with nothing described.",
                    value=partner.name,
                    suggestion=f"Describe it in \u201c{table.column(text_field).heading}\u201d.",
                    **at(text_field),
                )


def partners_unique(reading: Reading) -> None:
    seen: dict[str, Partner] = {}
    for partner in reading.plan.partners:
        if not partner.name:
            continue
        key = fold(partner.name)
        first = seen.get(key)
        if first is None:
            seen[key] = partner
            continue
        first_where = f"{first.source.sheet} row {first.source.row}" if first.source else ""
        both_kinds = first.kind is not partner.kind
        reading.add(
            Severity.ERROR,
            "both-existing-and-potential" if both_kinds else "duplicate-organization",
            (
                f"{partner.name} is listed both as an existing partner and as a potential one."
                if both_kinds
                else f"{partner.name} is entered twice (also at {first_where})."
            ),
            value=partner.name,
            suggestion=(
                "Keep it in Part 2 if you already work with them, in Part 3 if not."
                if both_kinds
                else "Merge the two rows into one."
            ),
            **where_of(reading, table_of(partner), "name", partner.source),
        )


def partners_relevant(reading: Reading) -> None:
    """The worksheet's test: serves a target population, works in a priority area, or brings an
    asset the coalition needs. A partner that meets none may still belong, but deserves a look."""
    if reading.plan.needs.is_empty:
        return
    matcher = PriorityMatcher(reading.plan)
    for partner in reading.plan.partners:
        if not partner.name or not (partner.populations or partner.domains or partner.assets):
            continue
        if matcher.is_relevant(partner):
            continue
        reading.add(
            Severity.WARNING,
            "no-priority-match",
            f"{partner.name} serves none of the Part 1 groups, works in none of its areas and "
            "brings none of the assets it needs.",
            value=partner.name,
            suggestion="Check their marks, or note in Part 4 why they belong.",
            **where_of(reading, table_of(partner), "name", partner.source),
        )


# --- Part 4 -------------------------------------------------------------------------------------


def benefits_known(reading: Reading) -> None:
    suggest = suggest_partner(reading)
    known = reading.plan.partners_by_name()
    seen: set[str] = set()
    for benefit in reading.plan.benefits:
        at_partner = where_of(reading, PART4, "partner", benefit.source)
        if not benefit.partner:
            if unread(reading, at_partner):
                continue
            reading.add(
                Severity.ERROR,
                "missing-partner",
                "This row has answers but no identified partner.",
                suggestion="Choose the partner from the dropdown, or clear the row.",
                **at_partner,
            )
            continue
        if fold(benefit.partner) not in known:
            not_a_partner(reading, "unknown-partner", benefit.partner, "", suggest, at_partner)
        key = fold(benefit.partner)
        if key in seen:
            reading.add(
                Severity.WARNING,
                "duplicate-benefit",
                f"{benefit.partner} has more than one row in Part 4; letters use all of them.",
                value=benefit.partner,
                suggestion="Combine the rows if they say the same thing.",
                **at_partner,
            )
        seen.add(key)
        if not any((benefit.aligned_initiatives, benefit.motivations, benefit.roles)):
            reading.add(
                Severity.WARNING,
                "benefit-empty",
                f"{benefit.partner} is listed in Part 4 with no initiatives, motivations or roles.",
                value=benefit.partner,
                suggestion="Say how their participation would benefit the coalition.",
                **where_of(reading, PART4, "aligned_initiatives", benefit.source),
            )


RULES: tuple[Rule, ...] = (
    part1_chosen,
    part1_details,
    partners_complete,
    partners_unique,
    partners_relevant,
    benefits_known,
    invitees_complete,
)


def matching_stopped(reading: Reading) -> None:
    """Say so when the budget of near misses ran out (see :mod:`generator.common.matching`)."""
    if reading.matcher.exhausted:
        reading.add(
            Severity.WARNING,
            "matching-stopped",
            "So many answers are not in their lists, or not in Parts 2 and 3, that near misses "
            "were looked for only in the first ones; the others are reported without a "
            "suggestion.",
            suggestion="Correct the answers reported so far, then check again.",
        )


def run_checks(reading: Reading) -> Reading:
    """Every rule over a reading, its findings then in workbook order (sheets, then cells)."""
    for rule in RULES:
        rule(reading)
    matching_stopped(reading)  # last: the rules above spend from the budget too
    reading.findings.sort(key=sort_key)
    return reading
