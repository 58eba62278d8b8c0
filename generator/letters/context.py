"""What one letter knows: every field of the letter templates, for one invite-list row.

:func:`letter_context` gathers everything the workbook says about one invitee: their row, their
organization's Part 2 or 3 row and Part 4 notes, what of it matches the coalition's Part 1
priorities, the coalition itself and the date, as the fields :mod:`generator.letters.fields`
documents. :class:`PlanIndex` makes a plan's look-ups once per batch.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.bundled import bundled_folder
from generator.common.english import coalition_name, written_date
from generator.common.text import fold
from generator.letters.fields import model_field_names
from generator.letters.wording import FILTER_FUNCTIONS, LETTER_FILTERS
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Partner, PartnerKind
from generator.plan.priorities import PriorityKind, PriorityMatcher
from generator.worksheet import CHECKLIST_KEYS, PART2

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment


class LetterKind(StrEnum):
    INVITATION = "invitation"
    UPDATE = "update"


def default_template(kind: LetterKind = LetterKind.INVITATION) -> Path:
    name = "letter.docx" if kind is LetterKind.INVITATION else "update-letter.docx"
    return bundled_folder("templates") / name


def letter_environment() -> ImmutableSandboxedEnvironment:
    """The shared sandboxed, escaping, strict environment, with the letters' filters."""
    from generator.word.environment import environment

    env = environment()
    for name, function in FILTER_FUNCTIONS.items():
        env.add_filter(name, function)
    return env


def filters_reference() -> dict[str, str]:
    from generator.word.environment import FILTERS

    return {**FILTERS, **LETTER_FILTERS}


INVITEE_FIELDS = model_field_names(Invitee)


PARTNER_FIELDS = model_field_names(Partner)


BENEFIT_FIELDS = model_field_names(Benefit)


def _plain_fields(names: list[str]) -> Callable[[Any], dict[str, Any]]:
    """A record's fields ``names`` (two or more) as plain values, by name. Made once: a letter
    asks for three records' fields, and one attrgetter call is cheaper than a getattr a field."""
    values = operator.attrgetter(*names)
    return lambda record: dict(zip(names, map(plain_value, values(record)), strict=True))


_invitee_fields = _plain_fields(INVITEE_FIELDS)
_partner_fields = _plain_fields(PARTNER_FIELDS)


def _joined(values: list[Any]) -> Any:
    """Several Part 4 rows about one partner as one: texts joined with "; ", own columns merged
    (the first row's value wins)."""
    if len(values) == 1 and type(values[0]) is str:
        return values[0]  # one row, the usual case: what joining would give, without the cost
    if values and all(isinstance(v, dict) for v in values):
        merged: dict[str, Any] = {}
        for value in values:
            for key, item in value.items():
                if item:
                    merged.setdefault(key, item)
        return merged
    return "; ".join(dict.fromkeys(str(v) for v in values if v))


def plain_value(value: Any) -> Any:
    if type(value) is str:
        return value  # most fields of every letter: decided before the three tests below
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


class PlanIndex:
    """A plan's lookups made once per batch: partners and notes by name, priorities by key."""

    def __init__(self, plan: CoalitionPlan) -> None:
        self.partners = plan.partners_by_name()
        self.benefits: dict[str, list[Benefit]] = {}
        for benefit in plan.benefits:
            self.benefits.setdefault(fold(benefit.partner), []).append(benefit)
        # An organization missing from Parts 2 and 3 still has every field, empty.
        blank = Partner("", PartnerKind.POTENTIAL)
        self.no_partner = {name: plain_value(getattr(blank, name)) for name in PARTNER_FIELDS}
        self.no_partner["kind"] = ""
        self.no_benefit = {name: plain_value(getattr(Benefit(""), name)) for name in BENEFIT_FIELDS}
        self.matcher = PriorityMatcher(plan)
        self.other = fold(plan.vocabulary.other)
        self.coalition = {
            "name": coalition_name(plan.community),
            "community": plan.community,
            "groups": plan.needs.labels("groups"),
            "areas": plan.needs.labels("areas"),
            "assets": plan.needs.labels("assets"),
        }

    def matching(self, partner: Partner | None) -> dict[str, list[str]]:
        """What the partner marks among the coalition's priorities, by Part 1 checklist; an
        "Other" as what the partner wrote for it (left out when it wrote nothing), since a
        letter cannot thank anyone for their work on "Other"."""
        if partner is None:
            return {key: [] for key in CHECKLIST_KEYS}
        shown: dict[str, list[str]] = {}
        for kind, values in self.matcher.matching(partner).items():
            key, described = _SHOWN[kind]
            text = getattr(partner, described) if described else ""
            shown[key] = [value for value in values if fold(value) != self.other] + (
                [text] if text and any(fold(value) == self.other for value in values) else []
            )
        return shown


#: The partner attribute that describes its "Other", by marks attribute (from the declaration).
_DESCRIBED_BY = {c.field: c.other_field for c in PART2.columns if c.other_field}
#: Each checklist's key in ``matching`` and the attribute describing its "Other", looked up once
#: rather than through the enum's properties for every letter.
_SHOWN = {kind: (kind.value, _DESCRIBED_BY.get(kind.partner_field)) for kind in PriorityKind}


def letter_context(
    invitee: Invitee,
    index: PlanIndex,
    *,
    today: dt.date | None = None,
    letter: LetterKind = LetterKind.INVITATION,
    row: int = 0,
) -> dict[str, Any]:
    """Every field of :mod:`generator.letters.fields` for one invitee."""
    context = _invitee_fields(invitee)
    key = fold(invitee.organization) if invitee.organization else ""
    partner = index.partners.get(key) if key else None
    if partner is None:
        context["partner"] = index.no_partner
    else:
        context["partner"] = _partner_fields(partner)
    notes = index.benefits.get(key, []) if key else []
    if notes:
        context["benefit"] = {
            name: _joined([getattr(b, name) for b in notes]) for name in BENEFIT_FIELDS
        }
    else:
        context["benefit"] = index.no_benefit
    context["is_existing_partner"] = partner is not None and partner.kind is PartnerKind.EXISTING
    context["is_new_partner"] = partner is not None and partner.kind is PartnerKind.POTENTIAL
    context["matching"] = index.matching(partner)
    context["coalition"] = index.coalition
    context["today"] = written_date(today or dt.date.today())
    context["letter"] = letter.value
    context["row"] = row
    return context
