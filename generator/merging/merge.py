"""Join copies of one workbook that several people filled in, and list where they disagree.

Rows are joined by what identifies them: partners by organization name, Part 4 rows by partner,
invitees by member and organization, all compared with :func:`~generator.common.text.fold` (case,
spacing and quote styles do not make two organizations). Then, answer by answer:

* Part 1 choices, and the marks of populations, domains and assets, are *sets*: the merged
  workbook takes their union. Two people marking different populations for one partner have
  each added something true, not contradicted each other, so a union is not a conflict.
* Every other answer holds one value. An empty value never conflicts with a filled one; two
  different values do. The merged workbook keeps the value of the first file that has one (for a
  partner that is existing in one copy and potential in another: existing), and the conflict,
  with every file's value, goes to a Conflicts sheet and to the terminal.

Nothing is dropped on the way: before the merged workbook is written, it is read back and every
non-empty answer of every input must be found in it or among the conflicts (:func:`unaccounted`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from generator.common.english import counted, shorten
from generator.common.errors import OutputError
from generator.common.fileio import atomic_path, check_writable
from generator.common.text import cell_text, fold
from generator.excel.reader import read_workbook
from generator.excel.styles import (
    BAND_FILL,
    ERROR_FILL,
    HEADING_FILL,
    HEADING_FONT,
    WRAP_TOP,
    fit_row,
    put_text,
)
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
    records_of,
    table_of,
)
from generator.plan.reading import Reading
from generator.worksheet import (
    CHECKLIST_KEYS,
    CHECKLISTS,
    FIRST_DATA_ROW,
    INSTRUCTIONS_SHEET,
    LAYOUT_VERSION,
    PART1_SHEET,
    PART2,
    PART3,
    PART4,
    PART5,
    STATUSES,
    Kind,
    Status,
    Vocabulary,
)
from generator.worksheet.placement import place_part1, place_table

CONFLICTS_SHEET = "Conflicts"

# Answers holding one value each, per table, and the marks (lists), merged as sets; the columns
# that join rows (the name, the partner, the member and organization) are left out.
PARTNER_TEXT = tuple(c.field for c in PART2.columns[1:] if c.kind is not Kind.MARKS)
PARTNER_LISTS = tuple(c.field for c in PART2.columns if c.kind is Kind.MARKS)
BENEFIT_TEXT = tuple(c.field for c in PART4.columns[1:])
INVITEE_KEY = ("member", "organization")
INVITEE_TEXT = tuple(c.field for c in PART5.columns if c.field not in INVITEE_KEY)
KIND_FIELD = "kind"  # the pseudo-answer "which table": Part 2 (existing) or Part 3 (potential)
EXTRA_PREFIX = "extra:"  # field names of the user's own columns


# --- What a merge produces ----------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where one value was read: a file (by its label), a sheet and a row."""

    file: str
    sheet: str
    row: int = 0

    def describe(self, sheet: str = "") -> str:
        """Like "a.xlsx (row 5)", naming the sheet too when it is not the conflict's own."""
        if not self.row:
            return self.file
        if self.sheet and self.sheet != sheet:
            return f"{self.file} ({self.sheet}, row {self.row})"
        return f"{self.file} (row {self.row})"


@dataclass
class Value:
    """One of the values a conflict offers, with every place it was read."""

    text: str
    origins: list[Origin] = field(default_factory=list)


@dataclass
class Conflict:
    """Copies that disagree on one answer. ``values[0]`` is the one kept in the merged workbook."""

    sheet: str  # where the answer sits in the merged workbook
    record: str  # the organization, invitee or Part 1 option
    field: str  # the heading of the answer
    values: list[Value]
    field_name: str = ""  # the model's attribute, "kind", or "extra:<folded heading>"
    cell: str = ""  # the kept value's cell in the merged workbook, once written
    target: Any = None  # the merged record (or Part 1 / community marker) it belongs to
    scope: tuple[str, str] = ("", "")  # (part, folded record key), as :func:`answers` names it

    @property
    def kept(self) -> Value:
        return self.values[0]


@dataclass
class MergeResult:
    plan: CoalitionPlan
    conflicts: list[Conflict]
    readings: list[Reading]
    labels: list[str]  # the name each input goes by in conflicts


# --- Reading the inputs -------------------------------------------------------------------------


def file_labels(paths: Sequence[Path]) -> list[str]:
    """Short, distinct names for the inputs: the file name, with folders only where needed.

    Copies sent back by email often share a name (coalition-workbook.xlsx from everyone), so
    "alice/coalition-workbook.xlsx" and "bob/coalition-workbook.xlsx" are told apart by folder.
    The same file given twice is numbered instead: "a.xlsx", "a.xlsx #2".
    """
    resolved = [Path(p).resolve() for p in paths]
    depth = dict.fromkeys(resolved, 1)  # by file, so that a file given twice reads alike

    def label(path: Path) -> str:
        return "/".join(path.parts[-depth[path] :])

    while True:  # lengthen every label shared by different files, all at once
        by_label: dict[str, list[Path]] = {}
        for path in depth:
            by_label.setdefault(label(path), []).append(path)
        grow = [
            path
            for shared in by_label.values()
            if len(shared) > 1
            for path in shared
            if depth[path] < len(path.parts)
        ]
        if not grow:
            break
        for path in grow:
            depth[path] += 1
    seen: dict[str, int] = {}
    labels: list[str] = []
    for path in resolved:
        name = label(path)
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return labels


def refuse_overwriting_inputs(paths: Iterable[Path], output: Path) -> None:
    """The merged workbook never replaces one of the copies, even with --force."""
    if Path(output).resolve() in {Path(p).resolve() for p in paths}:
        raise OutputError(
            "is one of the workbooks being merged; write the merged workbook to another file.",
            output,
        )


def merge_workbooks(paths: Sequence[Path]) -> MergeResult:
    """Read every workbook (refusing unreadable ones) and merge what they say."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("merge_workbooks needs at least one workbook")
    readings = [read_workbook(path) for path in paths]
    labels = file_labels(paths)
    plan, conflicts = merge_plans([r.plan for r in readings], labels, readings)
    return MergeResult(plan, conflicts, readings, labels)


# --- Merging ------------------------------------------------------------------------------------


def merge_plans(
    plans: Sequence[CoalitionPlan],
    labels: Sequence[str],
    readings: Sequence[Reading] | None = None,
) -> tuple[CoalitionPlan, list[Conflict]]:
    """One plan from several, and the conflicts between them (first plan's values kept)."""
    merger = _Merger(union_vocabulary([p.vocabulary for p in plans]))
    merged = CoalitionPlan(layout_version=LAYOUT_VERSION, vocabulary=merger.vocabulary)
    merged.community = merger.text(
        [
            (Origin(label, INSTRUCTIONS_SHEET), p.community)
            for p, label in zip(plans, labels, strict=True)
        ],
        sheet=INSTRUCTIONS_SHEET,
        record="Workbook",
        heading="Community",
        field_name="community",
        target="community",
        scope=("workbook", ""),
    )
    part1_rows = [
        {(a.checklist, a.option): a.row for a in r.part1 if a.chosen} for r in readings
    ] or [{} for _ in plans]
    merged.needs = merger.needs(plans, labels, part1_rows)
    merged.partners = merger.partners(plans, labels)
    merged.benefits = merger.benefits(plans, labels)
    merged.invitees = merger.invitees(plans, labels)
    return merged, merger.conflicts


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


class _Merger:
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
                ((_origin(label, p), _kind_text(p.kind)) for label, p in members),
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
                    ((_origin(label, i), _plain(invitee_answer(i, name))) for label, i in members),
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


def invitee_answer(invitee: Invitee, name: str) -> object:
    """An invite-list answer as written: the Status cell's text, not what a blank means."""
    return invitee.status_text if name == "status" else getattr(invitee, name)


def invitee_key(invitee: Invitee) -> str:
    """Member and organization; "" for a row without a member, which joins no other row."""
    if not fold(invitee.member):
        return ""
    return f"{fold(invitee.member)}|{fold(invitee.organization)}"


def _existing_first(values: list[Value]) -> list[Value]:
    """An organization some copy calls an existing partner stays one: it is the safer reading."""
    existing = _kind_text(PartnerKind.EXISTING)
    return sorted(values, key=lambda value: value.text != existing)


def _kind_text(kind: PartnerKind) -> str:
    return PART2.sheet if kind is PartnerKind.EXISTING else PART3.sheet


def _plain(value: Any) -> str:
    return value.value if isinstance(value, Status) else cell_text(value)


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


# --- Accounting for every answer ----------------------------------------------------------------


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
        found.append(Answer("partners", record, KIND_FIELD, _kind_text(partner.kind)))
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
            if text := _plain(invitee_answer(invitee, name)):
                found.append(Answer("invitees", record, name, text))
        extras("invitees", record, invitee.extra)
    return found


# Where the writer may put an answer other than its own column: values outside the lists go to
# the "Other (describe)" column or the notes (as workbook._with_unplaced does), and the user's own
# columns go to the notes.
_SPILL = {c.field: (c.other_field or "notes",) for c in PART2.columns if c.kind is Kind.MARKS}


def unaccounted(
    inputs: Iterable[CoalitionPlan], merged: CoalitionPlan, conflicts: Iterable[Conflict] = ()
) -> list[Answer]:
    """The answers of ``inputs`` found neither in ``merged`` nor among ``conflicts``.

    An answer is found when the merged record holds it in the same field (or inside that field's
    text, where the writer appended to it), in the column the writer spills it into, or when a
    conflict on that record and field lists it.
    """
    index: dict[tuple[str, str], dict[str, list[str]]] = {}
    for answer in answers(merged):
        fields = index.setdefault((answer.part, answer.record), {})
        fields.setdefault(answer.field, []).append(fold(answer.value))
    disputed = {
        (*conflict.scope, conflict.field_name, fold(value.text))
        for conflict in conflicts
        for value in conflict.values
    }

    missing: list[Answer] = []
    for plan in inputs:
        for answer in answers(plan):
            value = fold(answer.value)
            if (answer.part, answer.record, answer.field, value) in disputed:
                continue
            fields = index.get((answer.part, answer.record), {})
            held = fields.get(answer.field, [])
            if answer.field.startswith(EXTRA_PREFIX):
                # The writer keeps a column of the user's own as a "Heading: value" line of Notes.
                heading = answer.field.removeprefix(EXTRA_PREFIX)
                value_in_notes = f"{heading}: {value}"
                if any(value == t for t in held) or any(
                    value_in_notes in t for t in fields.get("notes", [])
                ):
                    continue
                missing.append(answer)
                continue
            held = held + [t for name in _SPILL.get(answer.field, ()) for t in fields.get(name, [])]
            if not any(value == text or value in text for text in held):
                missing.append(answer)
    return missing


# --- Writing the merged workbook ----------------------------------------------------------------

CONFLICT_HEADINGS = ("#", "Where", "Record", "Answer", "Value", "From", "In the merged workbook")
CONFLICT_WIDTHS = (5, 22, 34, 30, 44, 40, 14)
KEPT = "kept"
AUTHOR = "coalition merge"


def write_merged(result: MergeResult, output: Path, force: bool = False) -> Path:
    """Write the merged workbook: the writer's layout, conflicts flagged in place and listed."""
    from generator.excel.writer import build_workbook

    output = Path(output)
    refuse_overwriting_inputs((r.path for r in result.readings), output)
    check_writable(output, force)
    plan = result.plan
    workbook = build_workbook(plan.vocabulary, plan.community, plan)
    for conflict in result.conflicts:
        conflict.cell = _locate(conflict, plan, workbook)
    if result.conflicts:
        _flag_cells(workbook, result.conflicts)
        _write_conflicts_sheet(workbook, result.conflicts, result.labels)
    with tempfile.TemporaryDirectory(prefix="coalition-merge-") as folder:
        draft = Path(folder) / "merged.xlsx"
        workbook.save(draft)
        written = read_workbook(draft).plan
        lost = unaccounted([r.plan for r in result.readings], written, result.conflicts)
        if lost:  # a bug of ours; better no output than one that silently lost answers
            raise RuntimeError(
                f"the merged workbook would lose {len(lost)} answer(s), first {lost[0]}"
            )
        with atomic_path(output) as tmp:
            shutil.copyfile(draft, tmp)
    return output


def _locate(conflict: Conflict, plan: CoalitionPlan, workbook: Workbook) -> str:
    """The cell of the merged workbook that holds the conflict's kept value."""
    target = conflict.target
    if target == "community":
        sheet = workbook[INSTRUCTIONS_SHEET]
        for row in range(1, 20):
            if cell_text(sheet.cell(row, 1).value) == "Community":
                return f"B{row}"
        return ""
    if isinstance(target, tuple) and target[0] == "part1":
        return f"C{place_part1(plan.vocabulary).row_of(target[1], target[2])}"
    table = table_of(target)
    records = records_of(plan, table)
    index = next(i for i, record in enumerate(records) if record is target)
    name = conflict.field_name
    if name == KIND_FIELD:
        name = table.key_column.field
    elif name.startswith(EXTRA_PREFIX):
        name = "notes"
    placed = next(p for p in place_table(table, plan.vocabulary) if p.column_field == name)
    return f"{placed.letter}{FIRST_DATA_ROW + index}"


def _flag_cells(workbook: Workbook, conflicts: list[Conflict]) -> None:
    """Colour each disputed cell and say, in a comment, what the other copies said."""
    notes: dict[tuple[str, str], list[str]] = {}
    for conflict in conflicts:
        if not conflict.cell:
            continue
        kept = conflict.kept

        def brief(text: str) -> str:
            return shorten(text, 120, one_line=True)

        lines = [
            f"{conflict.field}: copies disagree. Kept \u201c{brief(kept.text)}\u201d from "
            f"{', '.join(o.file for o in kept.origins)}."
        ]
        lines.extend(
            f"{', '.join(o.file for o in value.origins)}: \u201c{brief(value.text)}\u201d"
            for value in conflict.values[1:]
        )
        notes.setdefault((conflict.sheet, conflict.cell), []).append("\n".join(lines))
    for (sheet_name, coordinate), texts in notes.items():
        cell = workbook[sheet_name][coordinate]
        cell.fill = ERROR_FILL
        comment = Comment("\n\n".join([*texts, f"See the {CONFLICTS_SHEET} sheet."]), AUTHOR)
        comment.width, comment.height = 360, 160
        cell.comment = comment


def _write_conflicts_sheet(
    workbook: Workbook, conflicts: list[Conflict], labels: list[str]
) -> None:
    # The writer's own look and its row fitting: no program fits rows that openpyxl wrote.

    sheet = workbook.create_sheet(CONFLICTS_SHEET, 0)
    title = sheet.cell(1, 1)
    put_text(title, f"coalition merge: {counted(len(conflicts), 'conflict')} between the copies")
    title.font = Font(name="Calibri", bold=True, size=14, color="1F3864")
    explanation = sheet.cell(2, 1)
    put_text(
        explanation,
        "Merged from, in this order: "
        + ", ".join(labels)
        + ". Where copies disagree, the merged workbook keeps the value of the first file that "
        "has one (an organization listed as existing in one copy and potential in another stays "
        "existing); each row below is one value and the files it came from. Decide, correct the "
        "cell (the link in Where goes there), then delete this sheet.",
    )
    explanation.alignment = WRAP_TOP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(CONFLICT_HEADINGS))
    sheet.row_dimensions[2].height = 48
    heading_row = 4
    for column, (text, width) in enumerate(
        zip(CONFLICT_HEADINGS, CONFLICT_WIDTHS, strict=True), start=1
    ):
        cell = sheet.cell(heading_row, column, text)
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[heading_row].height = 32
    row = heading_row + 1
    for number, conflict in enumerate(conflicts, start=1):
        band = BAND_FILL if number % 2 == 0 else None
        for position, value in enumerate(conflict.values):
            texts = (
                _where(conflict),
                conflict.record,
                conflict.field,
                value.text,
                "; ".join(o.describe(conflict.sheet) for o in value.origins),
                KEPT if position == 0 else "",
            )
            sheet.cell(row, 1, number)
            for column, text in enumerate(texts, start=2):
                put_text(sheet.cell(row, column), text)
            fit_row(sheet, row, list(zip(texts, CONFLICT_WIDTHS[1:], strict=True)))
            for column in range(1, len(CONFLICT_HEADINGS) + 1):
                cell = sheet.cell(row, column)
                cell.alignment = WRAP_TOP
                if band is not None:
                    cell.fill = band
            if conflict.cell and position == 0:
                link = sheet.cell(row, 2)
                # A location, not a "#..." target: an in-workbook link in every program.
                location = f"{quote_sheetname(conflict.sheet)}!{conflict.cell}"
                link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
                link.font = Font(name="Calibri", color="0563C1", underline="single")
            row += 1
    sheet.freeze_panes = f"A{heading_row + 1}"
    sheet.auto_filter.ref = f"A{heading_row}:G{row - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = other is sheet
    workbook.active = 0


# --- Saying what happened -----------------------------------------------------------------------


def summarize(plan: CoalitionPlan) -> str:
    return (
        f"{counted(len(plan.partners), 'partner')} ({len(plan.existing_partners)} existing, "
        f"{len(plan.potential_partners)} potential), {counted(len(plan.benefits), 'Part 4 row')}, "
        f"{counted(len(plan.invitees), 'invitee')}"
    )


def format_conflicts(conflicts: Sequence[Conflict], width: int = 100) -> list[str]:
    """The conflicts as terminal lines: where and what, then each value with its files."""
    lines: list[str] = []
    for conflict in conflicts:
        lines.append(f"  {_where(conflict)} \u00b7 {conflict.record} \u00b7 {conflict.field}")
        shown = [f"\u201c{text}\u201d" for text in _excerpts([v.text for v in conflict.values])]
        pad = max(len(text) for text in shown)
        for position, (value, text) in enumerate(zip(conflict.values, shown, strict=True)):
            mark = "kept" if position == 0 else "    "
            files = "from " + "; ".join(o.describe(conflict.sheet) for o in value.origins)
            line = f"      {mark}  {text.ljust(pad)}  {files}"
            if len(line) <= width:
                lines.append(line)
            else:  # a long value: its files on a line of their own
                lines.extend([f"      {mark}  {text}", f"            {files}"])
    return lines


def _excerpts(texts: list[str], limit: int = 70) -> list[str]:
    """Each value on one line, shortened so that where they differ still shows."""
    flat = [" / ".join(text.splitlines()) for text in texts]
    if all(len(text) <= limit for text in flat):
        return flat
    same = len(_common_prefix(flat))
    start = max(0, same - limit // 3) if same > limit // 2 else 0
    if start:  # begin at a word
        space = flat[0].find(" ", start)
        start = space + 1 if 0 <= space < same else start
    shown = []
    for text in flat:
        shown.append(("\u2026" if start else "") + shorten(text[start:], limit))
    return shown


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    pairs = zip(first, last, strict=False)  # the shorter one ends the comparison
    size = next((i for i, (a, b) in enumerate(pairs) if a != b), min(map(len, texts)))
    return first[:size]


def _where(conflict: Conflict) -> str:
    return f"{conflict.sheet}!{conflict.cell}" if conflict.cell else conflict.sheet
