"""One community as the cohort summary sees it: a small record made from a checked workbook.

A worker process reads a workbook through the project's reader and checks, then keeps only this
record: counts, the Part 1 choices with how well each is covered, the types of the partners, the
invitations whose status is tracked, and how many findings of each kind. A record of the Forest
City sample pickles to about 3 KB; it grows with the options chosen and the invitations sent,
never with the workbook's size, so that only small data crosses between processes.

Pure functions; nothing here reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from generator.common.text import fold
from generator.plan.coverage import Level, analyse
from generator.plan.model import CoalitionPlan, Invitee, Partner
from generator.plan.reading import Reading
from generator.worksheet import Status

#: Statuses that say an invitation went out; a community that uses any of them tracks statuses.
SENT = (Status.INVITED, Status.ACCEPTED, Status.DECLINED)


class State(StrEnum):
    """What became of one file of the cohort."""

    READ = "read"
    UNREADABLE = "unreadable"
    SKIPPED = "skipped"  # found in a folder, but one of the tool's own outputs


@dataclass(frozen=True)
class Chosen:
    """One Part 1 choice of a community and how well its partners cover it."""

    kind: str  # "groups" | "areas" | "assets"
    label: str  # as the workbook's option list spells it
    pillar: str  # the area's pillar; "" for groups and assets
    level: Level
    is_other: bool = False  # the "Other" option (whatever a coalition renamed it to)


@dataclass(frozen=True)
class Invitation:
    """An invite-list row whose status says the invitation went out (Invited, Accepted,
    Declined). The invitee's name and contact details are left behind on purpose: the summary
    is about organizations and senders, not people."""

    status: Status
    organization: str
    organization_type: str  # of the organization in Parts 2-3; see ORGANIZATION_UNKNOWN
    sender: str
    sender_title: str
    sender_role: str


#: What an invitation's organization type says when Parts 2-3 do not list the organization, or
#: list it without a type.
ORGANIZATION_UNKNOWN = "Not in Parts 2\u20133"
TYPE_NOT_GIVEN = "Type not given"


@dataclass(frozen=True)
class CommunityRecord:
    """Everything the cohort summary needs from one workbook (or why there is nothing)."""

    file: str  # the path as the user gave it or as it was found in a folder
    state: State
    #: Why it was not read: one sentence naming the file (unreadable), or a phrase (skipped).
    reason: str = ""
    modified: float = 0.0  # the file's modification time, to choose among duplicates
    community: str = ""
    declared_version: int = 0  # the layout version the workbook states; 0 when it does not say
    layout_version: int = 0  # the version it was read as
    existing: int = 0
    potential: int = 0
    #: Invite-list rows by status value; a blank Status cell counts as Invite.
    invitees: dict[str, int] = field(default_factory=dict)
    chosen: tuple[Chosen, ...] = ()
    #: (existing partners, potential partners) of Parts 2 and 3 by organization type, as written.
    partner_types: dict[str, tuple[int, int]] = field(default_factory=dict)
    invitations: tuple[Invitation, ...] = ()
    errors: int = 0
    warnings: int = 0
    #: (code, severity, times found) per kind of finding of `check`.
    findings: tuple[tuple[str, str, int], ...] = ()
    #: Set once every record is in: the other files that name the same community.
    duplicates: tuple[str, ...] = ()
    counted: bool = True  # False for a duplicate left out of the cohort's figures

    @property
    def is_read(self) -> bool:
        return self.state is State.READ

    @property
    def tracks_statuses(self) -> bool:
        """Whether the invite list records what became of invitations."""
        return bool(self.invitations)

    @property
    def gaps(self) -> tuple[Chosen, ...]:
        return tuple(c for c in self.chosen if c.level is Level.GAP)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.chosen if c.kind == kind)

    def with_duplicates(self, others: tuple[str, ...], counted: bool) -> CommunityRecord:
        return replace(self, duplicates=others, counted=counted)


def unreadable(file: str, reason: str, modified: float = 0.0) -> CommunityRecord:
    return CommunityRecord(file, State.UNREADABLE, reason, modified, counted=False)


def skipped(file: str, reason: str) -> CommunityRecord:
    return CommunityRecord(file, State.SKIPPED, reason, counted=False)


def record_of(reading: Reading, file: str, modified: float = 0.0) -> CommunityRecord:
    """The record of a workbook read and checked (``check_workbook``'s result)."""
    plan = reading.plan
    declared = 0 if any(f.code == "no-version" for f in reading.findings) else plan.layout_version
    partners = plan.partners_by_name()
    roles = SenderRoles(plan)
    counts = {status.value: 0 for status in Status}
    for invitee in plan.invitees:
        counts[invitee.status.value] += 1
    findings: dict[tuple[str, str], int] = {}
    for finding in reading.findings:
        key = (finding.code, finding.severity.value)
        findings[key] = findings.get(key, 0) + 1
    return CommunityRecord(
        file=file,
        state=State.READ,
        modified=modified,
        community=" ".join(plan.community.split()),
        declared_version=declared,
        layout_version=plan.layout_version,
        existing=len(plan.existing_partners),
        potential=len(plan.potential_partners),
        invitees=counts,
        chosen=tuple(
            Chosen(
                row.priority.kind.value,
                row.priority.label,
                row.priority.pillar or "",
                row.level,
                row.priority.is_other,
            )
            for row in analyse(plan).rows
        ),
        partner_types=_by_type(plan.partners),
        invitations=tuple(
            _invitation(invitee, partners, roles)
            for invitee in plan.invitees
            if invitee.status in SENT
        ),
        errors=len(reading.errors),
        warnings=len(reading.warnings),
        findings=tuple((code, severity, n) for (code, severity), n in sorted(findings.items())),
    )


def _by_type(partners: list[Partner]) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for partner in partners:
        existing, potential = counts.get(partner.organization_type, (0, 0))
        counts[partner.organization_type] = (
            (existing + 1, potential) if partner.is_existing else (existing, potential + 1)
        )
    return counts


def _invitation(invitee: Invitee, partners: dict[str, Partner], roles: SenderRoles) -> Invitation:
    partner = partners.get(fold(invitee.organization))
    if partner is None:
        organization_type = ORGANIZATION_UNKNOWN
    else:
        organization_type = partner.organization_type or TYPE_NOT_GIVEN
    return Invitation(
        status=invitee.status,
        organization=invitee.organization,
        organization_type=organization_type,
        sender=invitee.sender,
        sender_title=invitee.sender_title,
        sender_role=roles.role(invitee.sender, invitee.sender_title),
    )


# --- The sender's role --------------------------------------------------------------------------

PUBLIC_OFFICIAL = "Public official"
NAMES_NO_PARTNER = "Title names no partner"
NO_TITLE = "No title given"
NO_SENDER = "No sender named"

#: Words of a public office, in a sender's name ("Council Member James Whitfield") or title
#: ("Mayor of Forest City"). Whole words, as folded text compares them.
PUBLIC_OFFICES = (
    "mayor",
    "deputy mayor",
    "council member",
    "councilmember",
    "councilwoman",
    "councilman",
    "councilor",
    "councillor",
    "alderman",
    "alderwoman",
    "alderperson",
    "commissioner",
    "county executive",
    "county judge",
    "county supervisor",
    "board of supervisors",
    "selectman",
    "selectwoman",
    "select board",
    "senator",
    "state representative",
    "assemblymember",
    "assembly member",
    "legislator",
)
_OFFICE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in PUBLIC_OFFICES) + r")\b")


class SenderRoles:
    """What kind of messenger sent each invitation of one plan, comparable across communities.

    A public office in the sender's name or title makes a public official. Otherwise a title (or
    a sender) that names one of the plan's partner organizations gives that organization's type:
    "President, Lakeshore Community Foundation" is a Philanthropy when Part 2 lists the
    foundation as one. Any other title names no partner.
    """

    def __init__(self, plan: CoalitionPlan) -> None:
        self.partners = plan.partners_by_name()
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """Every partner name in one pattern, longest first, so that each invitation is one
        search however many partners the plan has; made when first needed."""
        if self._pattern is None:
            names = sorted((n for n in self.partners if len(n) >= 3), key=len, reverse=True)
            if not names:
                return None
            alternatives = "|".join(re.escape(n) for n in names)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return self._pattern

    def role(self, sender: str, title: str) -> str:
        if not sender.strip() and not title.strip():
            return NO_SENDER
        text = f"{fold(sender)} \u00b7 {fold(title)}"
        if _OFFICE.search(text):
            return PUBLIC_OFFICIAL
        if self.pattern is not None:
            found = max(self.pattern.finditer(text), key=lambda m: len(m.group()), default=None)
            if found is not None:
                return self.partners[found.group()].organization_type or TYPE_NOT_GIVEN
        return NAMES_NO_PARTNER if title.strip() else NO_TITLE
