"""Every answer a plan holds, named the way merge and upgrade compare and account for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.common.text import cell_text, fold
from generator.plan.model import CoalitionPlan, Invitee, PartnerKind
from generator.worksheet import CHECKLIST_KEYS, PART2, PART3, PART4, PART5, Kind, Status

# Answers holding one value each, per table, and the marks (lists), merged as sets; the columns
# that join rows (the name, the partner, the member and organization) are left out.
PARTNER_TEXT = tuple(c.field for c in PART2.columns[1:] if c.kind is not Kind.MARKS)


PARTNER_LISTS = tuple(c.field for c in PART2.columns if c.kind is Kind.MARKS)


BENEFIT_TEXT = tuple(c.field for c in PART4.columns[1:])


INVITEE_KEY = ("member", "organization")


INVITEE_TEXT = tuple(c.field for c in PART5.columns if c.field not in INVITEE_KEY)


KIND_FIELD = "kind"  # the pseudo-answer "which table": Part 2 (existing) or Part 3 (potential)


EXTRA_PREFIX = "extra:"  # field names of the user's own columns


def invitee_answer(invitee: Invitee, name: str) -> object:
    """An invite-list answer as written: the Status cell's text, not what a blank means."""
    return invitee.status_text if name == "status" else getattr(invitee, name)


def invitee_key(invitee: Invitee) -> str:
    """Member and organization; "" for a row without a member, which joins no other row."""
    if not fold(invitee.member):
        return ""
    return f"{fold(invitee.member)}|{fold(invitee.organization)}"


def kind_text(kind: PartnerKind) -> str:
    return PART2.sheet if kind is PartnerKind.EXISTING else PART3.sheet


def plain_text(value: Any) -> str:
    return value.value if isinstance(value, Status) else cell_text(value)


@dataclass(frozen=True)
class Answer:
    """One non-empty answer: a part, a record (folded key), a field and the value written."""

    part: str  # "workbook", "part1", "partners", "benefits", "invitees"
    record: str
    field: str
    value: str


def answers(plan: CoalitionPlan) -> list[Answer]:
    """Every non-empty answer a plan holds, one per value (each mark is one answer)."""
    found: list[Answer] = []
    if plan.community:
        found.append(Answer("workbook", "", "community", plan.community))
    for key in CHECKLIST_KEYS:
        for choice in getattr(plan.needs, key):
            record = f"{key}:{fold(choice.label)}"
            found.append(Answer("part1", record, "chosen", choice.label))
            if choice.details:
                found.append(Answer("part1", record, "details", choice.details))

    def extras(part: str, record: str, extra: dict[str, str]) -> None:
        for heading, value in extra.items():
            found.append(Answer(part, record, EXTRA_PREFIX + fold(heading), value))

    for partner in plan.partners:
        record = fold(partner.name)
        if partner.name:
            found.append(Answer("partners", record, "name", partner.name))
            # Which part an organization is in; a row without a name is no organization.
            found.append(Answer("partners", record, KIND_FIELD, kind_text(partner.kind)))
        for name in PARTNER_TEXT:
            if text := getattr(partner, name):
                found.append(Answer("partners", record, name, text))
        for name in PARTNER_LISTS:
            found.extend(Answer("partners", record, name, v) for v in getattr(partner, name))
        extras("partners", record, partner.extra)
    for benefit in plan.benefits:
        record = fold(benefit.partner)
        if benefit.partner:
            found.append(Answer("benefits", record, "partner", benefit.partner))
        for name in BENEFIT_TEXT:
            if text := getattr(benefit, name):
                found.append(Answer("benefits", record, name, text))
        extras("benefits", record, benefit.extra)
    for invitee in plan.invitees:
        record = invitee_key(invitee)
        for name in (*INVITEE_KEY, *INVITEE_TEXT):
            if text := plain_text(invitee_answer(invitee, name)):
                found.append(Answer("invitees", record, name, text))
        extras("invitees", record, invitee.extra)
    return found


# Where the writer may put an answer other than its own column: values outside the lists go to
# the "Other (describe)" column or the notes (as workbook._with_unplaced does), and the user's own
# columns go to the notes.
