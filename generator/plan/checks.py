"""What a careful convener would catch in a completed workbook, all in one pass.

Each rule is a small function over a :class:`~generator.excel.reader.Reading` that adds
findings; none stops at the first problem. :func:`run_checks` runs them all;
:func:`generator.excel.reader.check_workbook` reads a workbook and runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.common.addresses import address_problem
from generator.common.text import fold
from generator.plan.findings import Severity, sort_key
from generator.plan.model import Invitee, Partner, Source, table_of
from generator.plan.priorities import PriorityMatcher
from generator.plan.reading import Reading
from generator.worksheet import (
    GROUP_WITH_SPECIFICS,
    PART1_HEADINGS,
    PART4,
    PART5,
    Kind,
    Status,
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
            return _where(reading, table, field_name, partner.source)

        if not partner.name and not _unread(reading, at("name")):
            reading.add(
                Severity.ERROR,
                "missing-name",
                "This row has answers but no organization name.",
                suggestion="Write the organization's name, or clear the row.",
                **at("name"),
            )
        if not partner.name:
            continue
        if not partner.organization_type and not _unread(reading, at("organization_type")):
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
            **_where(reading, table_of(partner), "name", partner.source),
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
            **_where(reading, table_of(partner), "name", partner.source),
        )


# --- Part 4 -------------------------------------------------------------------------------------


def _suggest_partner(reading: Reading) -> Callable[[str], str]:
    """ "Did you mean" among the partners' names, from the workbook's one budget of matching."""
    names = tuple(p.name for p in reading.plan.partners if p.name)
    return lambda text: reading.matcher.suggest(text, names)


def _not_a_partner(
    reading: Reading,
    code: str,
    name: str,
    whose: str,
    suggest: Callable[[str], str],
    where: dict[str, str],
) -> None:
    """An organization named in Part 4 or 5 that is in neither Part 2 nor Part 3; ``whose``
    follows its name in the message (" (Pat Reyes)")."""
    reading.add(
        Severity.ERROR,
        code,
        f"{name}{whose} is not in Part 2 or Part 3.",
        value=name,
        suggestion=suggest(name) or "Add the organization to Part 2 or Part 3 first.",
        **where,
    )


def benefits_known(reading: Reading) -> None:
    suggest = _suggest_partner(reading)
    known = reading.plan.partners_by_name()
    seen: set[str] = set()
    for benefit in reading.plan.benefits:
        at_partner = _where(reading, PART4, "partner", benefit.source)
        if not benefit.partner:
            if _unread(reading, at_partner):
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
            _not_a_partner(reading, "unknown-partner", benefit.partner, "", suggest, at_partner)
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
                **_where(reading, PART4, "aligned_initiatives", benefit.source),
            )


# --- Part 5 -------------------------------------------------------------------------------------

#: The invite list's email columns (the invitee's, the sender's), from the declaration.
_EMAIL_FIELDS = tuple(c.field for c in PART5.columns if c.kind is Kind.EMAIL)
_DIGITS = re.compile(r"\d")


#: Where one answer of the row being checked is, for a finding: its sheet, cell and column.
_At = Callable[[str], dict[str, str]]


def invitees_complete(reading: Reading) -> None:
    """Each invite-list row: whom it invites and from which partner, who sends the letter,
    how the invitee is reached, and that the row is there once."""
    suggest = _suggest_partner(reading)
    known = reading.plan.partners_by_name()
    seen: dict[tuple[str, str], int] = {}
    titles: dict[str, str] = {}  # a title each sender signs with on some row
    for invitee in reading.plan.invitees:
        if invitee.sender and invitee.sender_title:
            titles.setdefault(fold(invitee.sender), invitee.sender_title)
    for invitee in reading.plan.invitees:
        row = invitee.source.row if invitee.source else 0

        def at(field_name: str, source: Source | None = invitee.source) -> dict[str, str]:
            return _where(reading, PART5, field_name, source)

        who = invitee.member or invitee.organization or f"Row {row}"
        active = invitee.status in (Status.INVITE, Status.INVITED, Status.KEEP_INFORMED)
        _whom(reading, invitee, who, at, known, suggest)
        if active:
            _sender(reading, invitee, who, at, titles)
        _reach(reading, invitee, who, at, active)
        key = (fold(invitee.member), fold(invitee.organization))
        if invitee.member and key in seen:
            reading.add(
                Severity.ERROR,
                "duplicate-invitee",
                f"{who} is on the invite list twice (also row {seen[key]}); they would get two "
                "letters.",
                value=invitee.member,
                suggestion="Keep one row.",
                **at("member"),
            )
        seen.setdefault(key, row)


def _whom(
    reading: Reading,
    invitee: Invitee,
    who: str,
    at: _At,
    known: dict[str, Partner],
    suggest: Callable[[str], str],
) -> None:
    """The row names a person, and an organization of Part 2 or 3."""
    if not invitee.member:
        message = "This invite-list row has no potential coalition member."
        suggestion = "Write the person's name, or clear the row."
        _missing(reading, at("member"), Severity.ERROR, "missing-member", message, suggestion)
    if not invitee.organization:
        message = f"{who} has no organization."
        suggestion = "Choose their organization from the dropdown."
        where = at("organization")
        _missing(reading, where, Severity.WARNING, "missing-organization", message, suggestion)
    elif fold(invitee.organization) not in known:
        where = at("organization")
        name = invitee.organization
        _not_a_partner(reading, "unknown-organization", name, f" ({who})", suggest, where)


def _sender(reading: Reading, invitee: Invitee, who: str, at: _At, titles: dict[str, str]) -> None:
    """A letter to write names who signs it, with the title to sign with."""
    if not invitee.sender:
        message = f"Nobody is named to send {who}'s invitation."
        suggestion = "Write who will send the invitation (the person who signs)."
        _missing(reading, at("sender"), Severity.ERROR, "missing-sender", message, suggestion)
    elif not invitee.sender_title and not _unread(reading, at("sender_title")):
        title = titles.get(fold(invitee.sender))
        reading.add(
            Severity.WARNING,
            "missing-sender-title",
            f"{invitee.sender} has no title for the signature of {who}'s letter.",
            suggestion=f"Use \u201c{title}\u201d, as on another row." if title else "",
            **at("sender_title"),
        )


def _reach(reading: Reading, invitee: Invitee, who: str, at: _At, active: bool) -> None:
    """Addresses that are addresses, a phone number that is one, and a way to reach an
    invitee whose letter is to be sent."""
    for field_name in _EMAIL_FIELDS:
        # An empty cell names no address: nothing to parse, on most rows of a long list.
        problem = address_problem(value) if (value := getattr(invitee, field_name)) else ""
        if problem:
            reading.add(
                Severity.ERROR,
                "bad-email",
                f"{problem[:1].upper()}{problem[1:]}.",
                value=value,
                suggestion="Write it as name@example.org; separate several with commas.",
                **at(field_name),
            )
    if invitee.sender_phone and len(_DIGITS.findall(invitee.sender_phone)) < 7:
        reading.add(
            Severity.WARNING,
            "bad-phone",
            f"\u201c{invitee.sender_phone}\u201d does not look like a phone number; it is "
            "printed under the signature as written.",
            value=invitee.sender_phone,
            suggestion="Write the number as it should be printed, like (216) 555-0142.",
            **at("sender_phone"),
        )
    # Where an answer was unread is looked up only for a row that lacks both: most rows
    # have one, and the look-up is the loop's dearest step.
    if (
        active
        and not invitee.email
        and not invitee.mailing_address
        and not (_unread(reading, at("email")) or _unread(reading, at("mailing_address")))
    ):
        reading.add(
            Severity.WARNING,
            "unreachable",
            f"There is no email or mailing address to reach {who}.",
            suggestion="Add an email address, a mailing address, or both.",
            **at("email"),
        )


def _missing(
    reading: Reading,
    where: dict[str, str],
    severity: Severity,
    code: str,
    message: str,
    suggestion: str,
) -> None:
    """A finding for an answer left blank, unless the reader could not read its cell (that
    cell has its own finding)."""
    if not _unread(reading, where):
        reading.add(severity, code, message, suggestion=suggestion, **where)


def _unread(reading: Reading, where: dict[str, str]) -> bool:
    """Whether the reader already reported this answer's cell as unreadable: an answer it could
    not read is not a missing one."""
    return reading.is_unread(where["sheet"], where["cell"])


def _where(
    reading: Reading, table: Table, field_name: str, source: Source | None
) -> dict[str, str]:
    """The sheet, cell and column heading of one answer of a record, for a finding."""
    return {
        "sheet": source.sheet if source else table.sheet,
        "cell": reading.cell_of(table, field_name, source),
        "column": table.column(field_name).heading,
    }


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
