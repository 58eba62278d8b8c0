"""The coalition's priorities (Part 1) and which of them a partner (Parts 2 and 3) speaks to.

This is the one place that compares a partner's marks with Part 1's choices: checks (is the
partner relevant at all?), coverage and the briefing (who covers each priority?) and the letters
(what does this partner bring that we asked for?) all ask :class:`PriorityMatcher`. Answers are
compared as :func:`~generator.common.text.fold` compares them (case, spacing, quotes and accents
alike). "Other" is an option like any other here: a partner marking "Other" among the populations
it serves covers a coalition's "Other" group; what each wrote beside it says what they meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.common.english import lower_first
from generator.common.text import fold
from generator.plan.model import Choice, CoalitionPlan, Partner
from generator.worksheet import CHECKLISTS
from generator.worksheet.priorities import PARTNER_FIELD


class PriorityKind(StrEnum):
    """The three checklists of Part 1; the values are ``Needs`` attribute names."""

    GROUPS = "groups"
    AREAS = "areas"
    ASSETS = "assets"

    @property
    def title(self) -> str:
        """What the report calls the checklist ("Priority groups", ...)."""
        return next(c.short for c in CHECKLISTS if c.key == self.value)

    @property
    def partner_field(self) -> str:
        """The ``Partner`` attribute that says whether a partner covers a priority of this kind."""
        return PARTNER_FIELD[self.value]

    @property
    def verb(self) -> str:
        """How a sentence says a partner covers a priority of this kind."""
        return {"groups": "serves", "areas": "works on", "assets": "brings"}[self.value]


@dataclass(frozen=True)
class Priority:
    """One choice of Part 1."""

    kind: PriorityKind
    label: str  # the option, as the vocabulary spells it
    details: str = ""  # what was written beside it ("Black and Latino residents")
    pillar: str | None = None  # areas only: the Upward Mobility Framework pillar
    is_other: bool = False  # the "Other" option, whose details say what it is

    @property
    def name(self) -> str:
        """How a list names it: an "Other" choice by what was written beside it."""
        return self.details if self.is_other and self.details else self.label

    @property
    def in_sentence(self) -> str:
        """How a sentence names it: options in lower case mid-sentence ("works on environmental
        quality"), acronyms and names of peoples kept; what a person wrote, as written."""
        return self.name if self.is_other and self.details else lower_first(self.label)


def priorities(plan: CoalitionPlan) -> list[Priority]:
    """The priorities Part 1 chose, groups then areas (in pillar order) then assets."""
    vocabulary = plan.vocabulary
    other = fold(vocabulary.other)

    def priority(kind: PriorityKind, choice: Choice, pillar: str | None = None) -> Priority:
        return Priority(kind, choice.label, choice.details, pillar, fold(choice.label) == other)

    result = [priority(PriorityKind.GROUPS, c) for c in plan.needs.groups]
    area_rank = {fold(area): rank for rank, area in enumerate(vocabulary.areas)}
    areas = sorted(plan.needs.areas, key=lambda c: area_rank.get(fold(c.label), len(area_rank)))
    result += [priority(PriorityKind.AREAS, c, pillar_of(plan, c.label)) for c in areas]
    result += [priority(PriorityKind.ASSETS, c) for c in plan.needs.assets]
    return result


def pillar_of(plan: CoalitionPlan, label: str) -> str | None:
    """The pillar an area of concern sits under, matching as answers are compared."""
    key = fold(label)
    for pillar, areas in plan.vocabulary.pillars.items():
        if any(fold(area) == key for area in areas):
            return pillar
    return None


class PriorityMatcher:
    """Part 1's choices folded once; then, for any partner, what it marks among them."""

    def __init__(self, plan: CoalitionPlan) -> None:
        self.wanted: dict[PriorityKind, frozenset[str]] = {
            kind: frozenset(fold(label) for label in plan.needs.labels(kind.value))
            for kind in PriorityKind
        }
        # Options repeat across thousands of partners, and fold() is not cheap.
        self._folded: dict[str, str] = {}
        # Asked for every partner of a plan and every letter: the enum's properties looked up
        # once, not per partner.
        self._fields = [(kind, kind.partner_field, self.wanted[kind]) for kind in PriorityKind]

    def _fold(self, text: str) -> str:
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def matching(self, partner: Partner) -> dict[PriorityKind, list[str]]:
        """The partner's marks that are among the coalition's priorities, by kind, as spelled
        in the partner's row."""
        return {
            kind: [value for value in getattr(partner, field) if self._fold(value) in wanted]
            for kind, field, wanted in self._fields
        }

    def is_relevant(self, partner: Partner) -> bool:
        """The worksheet's test: serves a target population, works in a priority area, or
        brings an asset the coalition needs."""
        return any(self.matching(partner).values())
