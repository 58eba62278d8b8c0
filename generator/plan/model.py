"""The coalition plan as typed data: what a completed workbook says, once read and cleaned.

Each record remembers where it came from (sheet and row), so that checks can point at cells and
merges can name the file a value came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.common.text import fold
from generator.plan.standing import CommunityStanding
from generator.worksheet import (
    DEFAULT_VOCABULARY,
    PART2,
    PART3,
    PART4,
    PART5,
    Kind,
    Status,
    Table,
    Vocabulary,
)


@dataclass(frozen=True)
class Source:
    """Where a record was read: a sheet and a row (1-based, as spreadsheets count)."""

    sheet: str
    row: int


@dataclass(frozen=True)
class Choice:
    """One checked option of Part 1, with what was written beside it."""

    label: str
    details: str = ""


@dataclass
class Needs:
    """Part 1: the groups, areas of concern and assets the coalition chose."""

    groups: list[Choice] = field(default_factory=list)
    areas: list[Choice] = field(default_factory=list)
    assets: list[Choice] = field(default_factory=list)

    def labels(self, key: str) -> list[str]:
        return [choice.label for choice in getattr(self, key)]

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.areas or self.assets)


class PartnerKind(StrEnum):
    EXISTING = "existing"
    POTENTIAL = "potential"


@dataclass
class Partner:
    """An organization of Table 1 (existing) or Table 2 (potential)."""

    name: str
    kind: PartnerKind
    organization_type: str = ""
    populations: list[str] = field(default_factory=list)
    other_populations: str = ""
    domains: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    other_assets: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # columns of the user's own
    source: Source | None = None

    @property
    def is_existing(self) -> bool:
        return self.kind is PartnerKind.EXISTING


@dataclass
class Benefit:
    """A row of Table 3: how a partner's participation could benefit the coalition."""

    partner: str
    aligned_initiatives: str = ""
    motivations: str = ""
    roles: str = ""
    barriers: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    source: Source | None = None


@dataclass
class Invitee:
    """A row of Table 4, with what the letters and tracking need."""

    member: str
    organization: str = ""
    sender: str = ""
    status: Status = Status.INVITE  # what the Status cell means; a blank one means Invite
    salutation: str = ""
    member_title: str = ""
    email: str = ""
    mailing_address: str = ""
    sender_title: str = ""
    sender_email: str = ""
    sender_phone: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    source: Source | None = None
    #: The Status cell as written: a status, text that is none, or "" for a blank cell. Kept
    #: apart from ``status`` so that a blank is not mistaken for a choice (merges) and text
    #: that is no status is not lost (the checks report it).
    status_text: str = ""

    def __post_init__(self) -> None:
        if self.status_text in Status._value2member_map_:
            self.status = Status(self.status_text)
        elif not self.status_text and self.status is not Status.INVITE:
            self.status_text = self.status.value

    def __setattr__(self, name: str, value: object) -> None:
        # Choosing a status is writing it; __init__ then sets status_text after status, so a
        # blank cell read from a workbook stays blank.
        object.__setattr__(self, name, value)
        if name == "status":
            object.__setattr__(self, "status_text", Status(value).value)

    @property
    def wants_letter(self) -> bool:
        """Whether the status asks for an invitation to be written."""
        return self.status is Status.INVITE


@dataclass(frozen=True)
class Cover:
    """What the Instructions sheet tells the people who fill a workbook in: for which community,
    whom to return it to, and by when."""

    community: str = ""
    return_to: str = ""  # "Maria Delgado <mdelgado@forestcity.gov>", as the convener wrote it
    due: str = ""  # the date, as an ISO date (2027-01-15) or as written

    @property
    def due_text(self) -> str:
        """The due date in words ("January 15, 2027") when it is a date, else as written."""
        from generator.common.english import written_date

        try:
            return written_date(dt.date.fromisoformat(self.due))
        except ValueError:
            return self.due


@dataclass
class CoalitionPlan:
    """Everything one workbook says."""

    community: str = ""
    return_to: str = ""
    due: str = ""
    layout_version: int = 1
    path: Path | None = None
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    needs: Needs = field(default_factory=Needs)
    partners: list[Partner] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    invitees: list[Invitee] = field(default_factory=list)
    #: The community's own Mobility Metrics, when the workbook carries them (read-only data,
    #: not answers: merges and upgrades carry them along, the checks leave them alone).
    standing: CommunityStanding | None = None

    @property
    def cover(self) -> Cover:
        return Cover(self.community, self.return_to, self.due)

    @property
    def existing_partners(self) -> list[Partner]:
        return [p for p in self.partners if p.kind is PartnerKind.EXISTING]

    @property
    def potential_partners(self) -> list[Partner]:
        return [p for p in self.partners if p.kind is PartnerKind.POTENTIAL]

    def partners_by_name(self) -> dict[str, Partner]:
        """Every partner by its name as :func:`fold` compares names; the first entry of a name
        wins, and the reader puts existing partners first."""
        index: dict[str, Partner] = {}
        for partner in self.partners:
            index.setdefault(fold(partner.name), partner)
        return index

    def partner(self, name: str) -> Partner | None:
        """The partner of that name, ignoring case, spacing and quote styles; existing first.

        For many look-ups, build :meth:`partners_by_name` once instead.
        """
        return self.partners_by_name().get(fold(name))


# --- Records by table ---------------------------------------------------------------------------

#: A record of any table of Parts 2 to 5.
Record = Partner | Benefit | Invitee


def records_of(plan: CoalitionPlan, table: Table) -> list[Record]:
    """The records a table of Parts 2 to 5 holds, in order (a new list)."""
    if table is PART2:
        return list(plan.existing_partners)
    if table is PART3:
        return list(plan.potential_partners)
    if table is PART4:
        return list(plan.benefits)
    if table is PART5:
        return list(plan.invitees)
    raise ValueError(f"{table.key} is not a table of Parts 2 to 5")


def table_of(record: Record) -> Table:
    """The table a record belongs in."""
    if isinstance(record, Partner):
        return PART2 if record.is_existing else PART3
    return PART4 if isinstance(record, Benefit) else PART5


def record_maker(table: Table) -> Callable[[dict[str, object], Source | None], Record]:
    """How to make a record of ``table`` from its answers, by column field (missing ones
    empty; ``extra`` holds the user's own columns), each answer landing on the attribute its
    column declares; what the columns say is worked out once, for the thousands of records the
    reader makes of a table."""
    attributes = _Attributes(table)
    if table is PART2 or table is PART3:
        kind = PartnerKind.EXISTING if table is PART2 else PartnerKind.POTENTIAL

        def partner(answers: dict[str, object], source: Source | None) -> Record:
            return Partner(kind=kind, source=source, **attributes.of(answers))  # type: ignore[arg-type]

        return partner
    if table is PART4:
        return lambda answers, source: Benefit(source=source, **attributes.of(answers))
    defaults = _invitee_defaults()

    def invitee(answers: dict[str, object], source: Source | None) -> Record:
        # As Invitee(**values) makes it, without its __setattr__ for every field: the fields,
        # then __post_init__ (which reads status_text, as __init__ leaves it).
        record = Invitee.__new__(Invitee)
        record.__dict__.update(defaults)
        record.__dict__.update(attributes.of(answers), source=source)
        record.__post_init__()
        return record

    return invitee


def _invitee_defaults() -> dict[str, object]:
    """Every field of an Invitee as ``Invitee(member="")`` leaves it."""
    return dict(vars(Invitee(member="")))


class _Attributes:
    """A table's answers, by column field, as the attributes of its record (by the names its
    columns declare), a blank for each answer missing: a list for marks, else ""."""

    def __init__(self, table: Table) -> None:
        self.renamed = [(c.field, c.attribute) for c in table.columns if c.field != c.attribute]
        self.blank = {column.field: column.kind is Kind.MARKS for column in table.columns}

    def of(self, answers: dict[str, object]) -> dict[str, Any]:
        # Copied, then mended: a dictionary copy is one call, where building it anew costs a
        # step per column (the reader makes thousands of records).
        values = dict(answers)
        for name in self.blank.keys() - values.keys():
            values[name] = [] if self.blank[name] else ""
        for name, attribute in self.renamed:
            values[attribute] = values.pop(name)
        values.setdefault("extra", {})
        return values


def add_record(plan: CoalitionPlan, record: Record) -> None:
    """Put a record in its table of the plan."""
    if isinstance(record, Partner):
        plan.partners.append(record)
    elif isinstance(record, Benefit):
        plan.benefits.append(record)
    else:
        plan.invitees.append(record)
