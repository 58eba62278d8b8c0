"""Who covers which priority, and the gaps where nobody does.

A priority is one choice of Part 1: a group facing barriers, an area of concern or an asset the
coalition needs. A partner covers it when Table 1 or Table 2 marks it among the partner's target
populations, domains of work or assets. Coverage is then graded from the coalition's point of
view: a priority an existing partner covers is in hand; one only potential partners cover depends
on whether they are invited; one nobody covers is a gap to say out loud.

Pure functions over :class:`~generator.plan.model.CoalitionPlan`; nothing here reads or writes
files.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.common.english import listed
from generator.common.text import fold
from generator.plan.model import CoalitionPlan
from generator.plan.priorities import Priority, PriorityKind, PriorityMatcher, priorities
from generator.worksheet import Status

#: Invite-list statuses that put an organization "on the invite list". "Keep informed" is a
#: different list, and a declined invitation no longer counts.
INVITED_STATUSES = frozenset({Status.INVITE, Status.INVITED, Status.ACCEPTED})


class Level(StrEnum):
    """How well one priority is covered, best first."""

    EXISTING = "existing"  # at least one existing partner covers it
    INVITED = "invited"  # only potential partners, at least one of them on the invite list
    POTENTIAL = "potential"  # only potential partners, none of them invited yet
    GAP = "gap"  # no partner at all

    @property
    def label(self) -> str:
        return {
            "existing": "An existing partner",
            "invited": "Potential partners on the invite list",
            "potential": "Potential partners not on the invite list",
            "gap": "No partner yet",
        }[self.value]


@dataclass(frozen=True)
class PriorityCoverage:
    """Which partners cover one priority."""

    priority: Priority
    existing: tuple[str, ...] = ()  # names of existing partners (Table 1) that cover it
    potential: tuple[str, ...] = ()  # names of potential partners (Table 2) that cover it
    invited: tuple[str, ...] = ()  # those of either kind that are on the invite list

    @property
    def partners(self) -> tuple[str, ...]:
        return self.existing + self.potential

    @property
    def potential_invited(self) -> tuple[str, ...]:
        return tuple(name for name in self.potential if name in self.invited)

    @property
    def potential_not_invited(self) -> tuple[str, ...]:
        return tuple(name for name in self.potential if name not in self.invited)

    @property
    def level(self) -> Level:
        if self.existing:
            return Level.EXISTING
        if self.potential_invited:
            return Level.INVITED
        if self.potential:
            return Level.POTENTIAL
        return Level.GAP

    @property
    def is_gap(self) -> bool:
        return self.level is Level.GAP


@dataclass(frozen=True)
class Coverage:
    """Coverage of every priority of a plan, in Part 1's order: groups, areas, assets."""

    rows: tuple[PriorityCoverage, ...]
    #: Partners that cover none of the chosen priorities (worth a second look, not an error).
    unaligned: tuple[str, ...] = ()

    def of_kind(self, kind: PriorityKind) -> tuple[PriorityCoverage, ...]:
        return tuple(row for row in self.rows if row.priority.kind is kind)

    def at_level(self, level: Level) -> tuple[PriorityCoverage, ...]:
        return tuple(row for row in self.rows if row.level is level)

    @property
    def gaps(self) -> tuple[PriorityCoverage, ...]:
        return self.at_level(Level.GAP)

    @property
    def covered(self) -> tuple[PriorityCoverage, ...]:
        """Priorities with at least one partner, existing or potential."""
        return tuple(row for row in self.rows if not row.is_gap)


# --- Analysis -----------------------------------------------------------------------------------


def analyse(plan: CoalitionPlan) -> Coverage:
    """Which partners cover each priority of Part 1, and which partners cover none."""
    invited = invited_organizations(plan)
    matcher = PriorityMatcher(plan)
    # What each partner covers, folded, worked out once rather than once per priority.
    partners = [
        (partner, fold(partner.name), {k: {fold(v) for v in vs} for k, vs in matches.items()})
        for partner in plan.partners
        for matches in (matcher.matching(partner),)
    ]
    folded = {partner.name: name for partner, name, _ in partners}
    rows = []
    aligned: set[str] = set()
    for priority in priorities(plan):
        label = fold(priority.label)
        existing, potential = [], []
        for partner, name, covered in partners:
            if label in covered[priority.kind]:
                (existing if partner.is_existing else potential).append(partner.name)
                aligned.add(name)
        rows.append(
            PriorityCoverage(
                priority,
                existing=tuple(existing),
                potential=tuple(potential),
                invited=tuple(n for n in existing + potential if folded[n] in invited),
            )
        )
    unaligned = tuple(p.name for p, name, _ in partners if name not in aligned)
    return Coverage(tuple(rows), unaligned if rows else ())


def invited_organizations(plan: CoalitionPlan) -> set[str]:
    """Folded names of the organizations someone on the invite list belongs to."""
    return {
        fold(invitee.organization)
        for invitee in plan.invitees
        if invitee.organization and invitee.status in INVITED_STATUSES
    }


# --- Plain sentences ----------------------------------------------------------------------------


def gap_sentence(row: PriorityCoverage) -> str:
    """The gap, stated plainly: "No partner yet works on Digital access." """
    return f"No partner yet {row.priority.kind.verb} {row.priority.in_sentence}."


def watch_sentence(row: PriorityCoverage) -> str:
    """For a priority only potential partners cover: who they are, and whether they are invited."""
    priority = row.priority
    if row.level is Level.INVITED:
        return (
            f"Only potential partners cover {priority.in_sentence}; "
            f"{listed(row.potential_invited)} {_is_are(row.potential_invited)} on the invite list."
        )
    return (
        f"Only potential partners cover {priority.in_sentence} ({listed(row.potential)}), and "
        "none of them is on the invite list yet."
    )


def _is_are(names: tuple[str, ...]) -> str:
    return "is" if len(names) == 1 else "are"
