"""How copies are joined: records by what identifies them, single answers settled, lists united.

Partners are joined by organization name, Part 4 rows by partner, invitees by member and
organization. Where copies give different single answers the first file's is kept and every
value becomes a :class:`~generator.merging.conflicts.Conflict`; lists (Part 1 choices, marks)
are the union of every copy's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from generator.common.text import fold
from generator.merging.answers import (
    BENEFIT_TEXT,
    EXTRA_PREFIX,
    INVITEE_TEXT,
    KIND_FIELD,
    PARTNER_LISTS,
    PARTNER_TEXT,
    invitee_answer,
    invitee_key,
    kind_text,
    plain_text,
)
from generator.merging.conflicts import Conflict, Origin, Value
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.worksheet import (
    CHECKLIST_KEYS,
    CHECKLISTS,
    PART1_SHEET,
    PART2,
    PART3,
    PART4,
    PART5,
    STATUSES,
    Status,
    Vocabulary,
)


def union_vocabulary(vocabularies: Sequence[Vocabulary]) -> Vocabulary:
    """Every option of every copy's lists, in the first copy's order, then as they come."""
    first = vocabularies[0]

    def union(key: str) -> tuple[str, ...]:
        return _union_folded(getattr(v, key) for v in vocabularies)

    pillars = {pillar: tuple(areas) for pillar, areas in first.pillars.items()}
    seen = {fold(area) for areas in pillars.values() for area in areas}
    for vocabulary in vocabularies[1:]:
        for pillar, areas in vocabulary.pillars.items():
            for area in areas:
                if fold(area) not in seen:
                    seen.add(fold(area))
                    pillars[pillar] = (*pillars.get(pillar, ()), area)
    return replace(
        first,
        groups=union("groups"),
        pillars=pillars,
        assets=union("assets"),
        organization_types=union("organization_types"),
    )


def _union_folded(lists: Iterable[Iterable[str]]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for items in lists:
        for item in items:
            found.setdefault(fold(item), item)
    return tuple(found.values())


def _settle(candidates: Iterable[tuple[Origin, str]]) -> list[Value]:
    """The distinct non-empty values, in order of first appearance, each with its origins."""
    values: dict[str, Value] = {}
    for origin, text in candidates:
        if not text:
            continue
        values.setdefault(fold(text), Value(text)).origins.append(origin)
    return list(values.values())


def _origin(label: str, record: Any) -> Origin:
    source = getattr(record, "source", None)
    return Origin(label, source.sheet, source.row) if source else Origin(label, "")


class Joiner:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.conflicts: list[Conflict] = []
        # Each option's spelling in the merged lists, so that a copy's "nonprofit" lands in the
        # merged "Nonprofit" column instead of spilling into a text column.
        self.canonical = {
            key: {fold(o): o for o in vocabulary.options(key)}
            for key in (*CHECKLIST_KEYS, "organization_types")
        }

    def _canon(self, list_key: str, value: str) -> str:
        return self.canonical[list_key].get(fold(value), value)

    def text(
        self,
        candidates: Iterable[tuple[Origin, str]],
        *,
        sheet: str,
        record: str,
        heading: str,
        field_name: str,
        target: Any,
        scope: tuple[str, str],
        kept_first: Callable[[list[Value]], list[Value]] | None = None,
    ) -> str:
        values = _settle(candidates)
        if kept_first is not None:
            values = kept_first(values)
        if len(values) > 1:
            self.conflicts.append(
                Conflict(sheet, record, heading, values, field_name, target=target, scope=scope)
            )
        return values[0].text if values else ""

    # Part 1 ------------------------------------------------------------------------------------

    def needs(
        self,
        plans: Sequence[CoalitionPlan],
        labels: Sequence[str],
        part1_rows: Sequence[dict[tuple[str, str], int]],
    ) -> Needs:
        needs = Needs()
        for checklist in CHECKLISTS:
            key = checklist.key
            chosen: dict[str, list[tuple[Origin, str]]] = {}
            for plan, label, rows in zip(plans, labels, part1_rows, strict=True):
                for choice in getattr(plan.needs, key):
                    option = self._canon(key, choice.label)
                    row = rows.get((key, choice.label), 0)
                    chosen.setdefault(option, []).append(
                        (Origin(label, PART1_SHEET, row), choice.details)
                    )
            choices: list[Choice] = []
            for option, details in chosen.items():
                kept = self.text(
                    details,
                    sheet=PART1_SHEET,
                    record=f"{checklist.short}: {option}",
                    heading="Details",
                    field_name="details",
                    target=("part1", key, option),
                    scope=("part1", f"{key}:{fold(option)}"),
                )
                choices.append(Choice(option, kept))
            setattr(needs, key, choices)
        return needs

    # Parts 2 and 3 -----------------------------------------------------------------------------

    def partners(self, plans: Sequence[CoalitionPlan], labels: Sequence[str]) -> list[Partner]:
        groups = _group(
            ((label, p) for plan, label in zip(plans, labels, strict=True) for p in plan.partners),
            key=lambda p: fold(p.name),
        )
        merged: list[Partner] = []
        for key, members in groups:
            first = members[0][1]
            existing = any(p.is_existing for _, p in members)
            partner = Partner(
                name=first.name,
                kind=PartnerKind.EXISTING if existing else PartnerKind.POTENTIAL,
            )
            table = PART2 if existing else PART3
            scope = ("partners", key)
            common = {"sheet": table.sheet, "record": first.name, "target": partner, "scope": scope}
            self.text(
                ((_origin(label, p), kind_text(p.kind)) for label, p in members),
                heading="Part (existing or potential)",
                field_name=KIND_FIELD,
                kept_first=_existing_first,
                **common,
            )
            for name in PARTNER_TEXT:
                text = self.text(
                    ((_origin(label, p), getattr(p, name)) for label, p in members),
                    heading=table.column(name).heading,
                    field_name=name,
                    **common,
                )
                if name == "organization_type":
                    text = self._canon("organization_types", text) if text else ""
                setattr(partner, name, text)
            for name in PARTNER_LISTS:
                list_key = table.column(name).list_key
                assert list_key is not None
                values = (self._canon(list_key, v) for _, p in members for v in getattr(p, name))
                setattr(partner, name, list(dict.fromkeys(values)))
            partner.extra = self.extras(members, common)
            merged.append(partner)
        return merged

    def extras(self, members: list[tuple[str, Any]], common: dict[str, Any]) -> dict[str, str]:
        """Columns of the user's own, joined by heading like any other one-value answer.

        Call after the record's notes are merged: a column whose "Heading: value" line is already
        in the notes (a copy that went through the tool before) is not added twice.
        """
        headings: dict[str, str] = {}
        for _, record in members:
            for heading in record.extra:
                headings.setdefault(fold(heading), heading)
        extra: dict[str, str] = {}
        for key, heading in headings.items():
            text = self.text(
                ((_origin(label, r), _extra_value(r.extra, key)) for label, r in members),
                heading=f"{heading} (a column of your own, kept in Notes)",
                field_name=EXTRA_PREFIX + key,
                **common,
            )
            notes = {fold(line) for line in common["target"].notes.splitlines()}
            if text and fold(f"{heading}: {text}") not in notes:
                extra[heading] = text
        return extra

    # Part 4 ------------------------------------------------------------------------------------

    def benefits(self, plans: Sequence[CoalitionPlan], labels: Sequence[str]) -> list[Benefit]:
        groups = _group(
            ((label, b) for plan, label in zip(plans, labels, strict=True) for b in plan.benefits),
            key=lambda b: fold(b.partner),
        )
        merged: list[Benefit] = []
        for key, members in groups:
            first = members[0][1]
            benefit = Benefit(partner=first.partner)
            common = {
                "sheet": PART4.sheet,
                "record": first.partner or "(no partner named)",
                "target": benefit,
                "scope": ("benefits", key),
            }
            for name in BENEFIT_TEXT:
                text = self.text(
                    ((_origin(label, b), getattr(b, name)) for label, b in members),
                    heading=PART4.column(name).heading,
                    field_name=name,
                    **common,
                )
                setattr(benefit, name, text)
            benefit.extra = self.extras(members, common)
            merged.append(benefit)
        return merged

    # Part 5 ------------------------------------------------------------------------------------

    def invitees(self, plans: Sequence[CoalitionPlan], labels: Sequence[str]) -> list[Invitee]:
        groups = _group(
            ((label, i) for plan, label in zip(plans, labels, strict=True) for i in plan.invitees),
            key=invitee_key,
        )
        merged: list[Invitee] = []
        for key, members in groups:
            first = members[0][1]
            invitee = Invitee(member=first.member, organization=first.organization)
            who = first.member or "(no member named)"
            common = {
                "sheet": PART5.sheet,
                "record": f"{who} ({first.organization})" if first.organization else who,
                "target": invitee,
                "scope": ("invitees", key),
            }
            for name in INVITEE_TEXT:
                text = self.text(
                    (
                        (_origin(label, i), plain_text(invitee_answer(i, name)))
                        for label, i in members
                    ),
                    heading=PART5.column(name).heading,
                    field_name=name,
                    **common,
                )
                if name == "status":
                    # Choosing a status rewrites status_text (model.Invitee), so the cell's own
                    # text goes in last: a blank stays blank, text that is no status stays as is.
                    invitee.status = Status(text) if text in STATUSES else Status.INVITE
                    invitee.status_text = text
                else:
                    setattr(invitee, name, text)
            invitee.extra = self.extras(members, common)
            merged.append(invitee)
        return merged


def _existing_first(values: list[Value]) -> list[Value]:
    """An organization some copy calls an existing partner stays one: it is the safer reading."""
    existing = kind_text(PartnerKind.EXISTING)
    return sorted(values, key=lambda value: value.text != existing)


def _extra_value(extra: dict[str, str], folded_heading: str) -> str:
    return next((v for h, v in extra.items() if fold(h) == folded_heading), "")


def _group(
    items: Iterable[tuple[str, Any]], key: Callable[[Any], str]
) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Records joined by key, in order of first appearance. A record without a key (no name)
    joins nothing: two unnamed rows are not the same organization."""
    groups: dict[str, list[tuple[str, Any]]] = {}
    unnamed: list[tuple[str, list[tuple[str, Any]]]] = []
    order: list[str | int] = []
    for label, record in items:
        k = key(record)
        if not k:
            order.append(len(unnamed))
            unnamed.append(("", [(label, record)]))
        elif k not in groups:
            order.append(k)
            groups[k] = [(label, record)]
        else:
            groups[k].append((label, record))
    return [unnamed[k] if isinstance(k, int) else (k, groups[k]) for k in order]
