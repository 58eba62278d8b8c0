"""The worksheet's option lists, word for word, and the vocabulary one workbook uses.

Every option list is copied from the Urban Institute's worksheet (see ``shared/seed``). A coalition
can replace or extend some of them without touching code (:mod:`generator.worksheet.config`), and
a workbook carries its own on its Lists sheet; :class:`Vocabulary` is whichever applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

# --- Option lists, verbatim ---------------------------------------------------------------------

OTHER = "Other"

GROUPS: tuple[str, ...] = (
    "People of color",
    "People with disabilities",
    "English-language learners",
    "People experiencing housing instability or homelessness",
    "Young people",
    "People involved in the criminal legal system",
    "Residents with low incomes",
    "Middle-class residents",
    OTHER,
)

#: The group whose Part 1 row asks for the specific racial or ethnic group(s).
GROUP_WITH_SPECIFICS = "People of color"

#: The 24 areas of concern are the predictors of Urban's Upward Mobility Framework; the five
#: pillars group them (pillar names from the framework, areas verbatim from the worksheet).
PILLARS: dict[str, tuple[str, ...]] = {
    "Opportunity-Rich and Inclusive Neighborhoods": (
        "Housing affordability",
        "Housing stability",
        "Economic inclusion",
        "Racial diversity",
        "Social capital",
        "Transportation access",
    ),
    "High-Quality Education": (
        "Access to preschool",
        "Effective public education",
        "School economic diversity",
        "Preparation for college",
        "Digital access",
    ),
    "Rewarding Work": (
        "Employment opportunities",
        "Jobs paying living wages",
        "Opportunities for income",
        "Financial security",
        "Wealth-building opportunities",
    ),
    "Healthy Environment and Access to Good Health Care": (
        "Access to health services",
        "Neonatal health",
        "Environmental quality",
        "Safety from trauma",
    ),
    "Responsive and Just Governance": (
        "Political participation",
        "Descriptive representation",
        "Safety from crime",
        "Just policing",
    ),
}

AREAS: tuple[str, ...] = tuple(area for areas in PILLARS.values() for area in areas)

ASSETS: tuple[str, ...] = (
    "Research and analytical capacity",
    "Staff capacity",
    "Financial resources",
    "Political clout",
    "Strong connections to community members",
    "Experience conducting deep and meaningful community engagement",
    "Fundraising capacity",
    "Representation of the group(s) that will be directly affected by the work",
    "Convening power",
    "Experience with data-informed decisionmaking",
    "A strong racial equity approach",
    "A strong understanding of positionality",
    "Deep practice of power sharing or power analysis",
    "Data sharing and transparency",
    OTHER,
)

#: Figure 1 of the worksheet did not survive; these are the actors Urban's toolkit names, with the
#: worksheet's own examples ("Nonprofit", "Anchor institution"). A default, meant to be changed.
ORGANIZATION_TYPES: tuple[str, ...] = (
    "Local government",
    "Nonprofit",
    "Community-based organization",
    "Philanthropy",
    "Research organization",
    "Anchor institution",
    "Business or employer",
    "Service provider",
    "Advocacy organization",
    "Faith-based organization",
    "Resident with lived experience",
    OTHER,
)


class Status(StrEnum):
    """Where an invite-list row stands. The worksheet's "keep informed" category is one of them."""

    INVITE = "Invite"
    KEEP_INFORMED = "Keep informed"
    INVITED = "Invited"
    ACCEPTED = "Accepted"
    DECLINED = "Declined"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

#: The one mark a checklist or matrix cell takes. A word rather than a symbol, so that it can be
#: typed as well as chosen; the reader also accepts x, ✓, true and the like.
MARK = "Yes"


# --- The vocabulary a workbook uses ------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The option lists one workbook uses: the defaults, a config file, or its Lists sheet."""

    groups: tuple[str, ...] = GROUPS
    pillars: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(PILLARS))
    assets: tuple[str, ...] = ASSETS
    organization_types: tuple[str, ...] = ORGANIZATION_TYPES
    statuses: tuple[str, ...] = STATUSES
    other: str = OTHER

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(area for areas in self.pillars.values() for area in areas)

    def pillar_of(self, area: str) -> str | None:
        for pillar, areas in self.pillars.items():
            if area in areas:
                return pillar
        return None

    def options(self, list_name: str) -> tuple[str, ...]:
        """The options of one declared list, by its ``ListSpec.key``."""
        # Asked for every answer read: only the list asked for is worked out.
        if list_name == "areas":
            return self.areas
        if list_name == "mark":
            return (MARK,)
        if list_name in ("groups", "assets", "organization_types", "statuses"):
            return getattr(self, list_name)  # type: ignore[no-any-return]
        raise KeyError(list_name)

    def with_other(self, label: str) -> Vocabulary:
        """Rename "Other" in every list that has it."""
        swap = lambda items: tuple(label if i == self.other else i for i in items)  # noqa: E731
        return replace(
            self,
            groups=swap(self.groups),
            assets=swap(self.assets),
            organization_types=swap(self.organization_types),
            other=label,
        )


DEFAULT_VOCABULARY = Vocabulary()
