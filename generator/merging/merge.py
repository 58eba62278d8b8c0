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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from generator.common.english import counted, shorten
from generator.common.errors import OutputError, WorkbookError
from generator.common.fileio import atomic_path, check_writable
from generator.excel.reader import read_workbook
from generator.merging.accounting import unaccounted
from generator.merging.conflicts import Conflict, Origin, flag_cells, locate, write_conflicts_sheet
from generator.merging.join import Joiner, union_vocabulary
from generator.plan.findings import format_text
from generator.plan.model import CoalitionPlan, records_of
from generator.plan.reading import UNREAD_CODES, Reading
from generator.word.recalc import read
from generator.worksheet import INSTRUCTIONS_SHEET, LAYOUT_VERSION, TABLES
from generator.worksheet.limits import LIMITS

# --- What a merge produces ----------------------------------------------------------------------


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


def merge_workbooks(paths: Sequence[Path], *, recalculate: bool = False) -> MergeResult:
    """Read every workbook (refusing unreadable ones; recalculated by LibreOffice first, if
    asked) and merge what they say."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("merge_workbooks needs at least one workbook")
    readings = [read(path, recalculate=recalculate, check=False) for path in paths]
    return merge_readings(readings)


def merge_readings(readings: Sequence[Reading]) -> MergeResult:
    """Merge workbooks already read, for callers that read each one themselves (to report
    every unreadable copy at once rather than the first)."""
    readings = list(readings)
    for reading in readings:
        reading.refuse_too_long("the merged workbook could not hold it")
    labels = file_labels([r.path for r in readings])
    plan, conflicts = merge_plans([r.plan for r in readings], labels, readings)
    return MergeResult(plan, conflicts, readings, labels)


# --- Merging ------------------------------------------------------------------------------------


def merge_plans(
    plans: Sequence[CoalitionPlan],
    labels: Sequence[str],
    readings: Sequence[Reading] | None = None,
) -> tuple[CoalitionPlan, list[Conflict]]:
    """One plan from several, and the conflicts between them (first plan's values kept)."""
    merger = Joiner(union_vocabulary([p.vocabulary for p in plans]))
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
    # Data, not answers: the first copy that carries the Mobility Metrics brings them along.
    merged.standing = next((p.standing for p in plans if p.standing is not None), None)
    return merged, merger.conflicts


# --- Accounting for every answer ----------------------------------------------------------------


# --- Writing the merged workbook ----------------------------------------------------------------


def write_merged(result: MergeResult, output: Path, force: bool = False) -> Path:
    """Write the merged workbook: the writer's layout, conflicts flagged in place and listed."""
    output = Path(output)
    refuse_overwriting_inputs((r.path for r in result.readings), output)
    check_writable(output, force, suffix=".xlsx", what="merged workbook")
    plan = result.plan
    for table in TABLES:  # copies within the bounds may join into a plan past them
        rows = len(records_of(plan, table))
        if rows > LIMITS.max_rows:
            raise OutputError(
                f"was not written: the copies hold {rows:,} different rows for {table.sheet}, "
                f"more than the {LIMITS.max_rows:,} a coalition plan may have; merge fewer "
                "copies at a time.",
                output,
            )
    workbook = build_or_refuse(plan, output)
    for conflict in result.conflicts:
        conflict.cell = locate(conflict, plan, workbook)
    if result.conflicts:
        flag_cells(workbook, result.conflicts)
        write_conflicts_sheet(workbook, result.conflicts, result.labels)
    # Written beside the output and read back there before it takes the output's name: a run
    # stopped on the way leaves no file in the system's temporary folder.
    with atomic_path(output, keep_suffix=True) as draft:
        workbook.save(draft)
        written = read_back(draft, output, "merged workbook").plan
        lost = unaccounted([r.plan for r in result.readings], written, result.conflicts)
        if lost:  # a bug of ours; better no output than one that silently lost answers
            raise RuntimeError(
                f"the merged workbook would lose {len(lost)} answer(s), first "
                f"{shorten(str(lost[0]), 200)}"
            )
    return output


def read_back(draft: Path, output: Path, what: str) -> Reading:
    """The workbook just written, read as any other would be: what this tool writes must be
    within the bounds it reads (:mod:`generator.worksheet.limits`), or it is not written."""
    try:
        return read_workbook(draft)
    except WorkbookError as error:
        reason = str(error).removeprefix(f"{error.path}: ").split(" (counted", 1)[0]
        reason = reason.replace("holds", "would hold", 1)
        raise OutputError(
            f"was not written: the {what} {reason.split(', far more', 1)[0]}, more than "
            "coalition reads back; merge fewer copies, or fewer rows, at a time.",
            output,
        ) from None


def build_or_refuse(plan: CoalitionPlan, output: Path) -> Workbook:
    """The workbook of ``plan``, or one sentence naming the cell it could not hold.

    Each value read fits a cell (longer ones are refused as they are read), but the Notes column
    gathers the columns of a person's own and the answers no column holds, one per line.
    """
    from generator.excel.writer import build_workbook

    try:
        return build_workbook(plan.vocabulary, plan.community, plan)
    except OutputError as error:
        if error.path is not None:
            raise
        raise OutputError(
            f"cannot be written: its {error}, once the answers without a column of their own are "
            "gathered there; shorten them and try again.",
            output,
        ) from None


# --- Saying what happened -----------------------------------------------------------------------


def unread_lines(reading: Reading, width: int = 100) -> list[str]:
    """What the reader could not read in one copy, which is therefore not in the merge."""
    unread = [f for f in reading.findings if f.code in UNREAD_CODES]
    if not unread:
        return []
    lines = [
        f"  {counted(len(unread), 'cell')} of it could not be read, so the merged workbook "
        f"does not have {'it' if len(unread) == 1 else 'them'}:"
    ]
    lines.extend(f"  {line}" for line, _ in format_text(unread, width=width - 2))
    return lines


def summarize(plan: CoalitionPlan) -> str:
    return (
        f"{counted(len(plan.partners), 'partner')} ({len(plan.existing_partners)} existing, "
        f"{len(plan.potential_partners)} potential), {counted(len(plan.benefits), 'Part 4 row')}, "
        f"{counted(len(plan.invitees), 'invitee')}"
    )
