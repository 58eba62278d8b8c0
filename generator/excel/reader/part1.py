"""Part 1: the three checklists, read by their questions and options, wherever the rows are."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from generator.common.text import cell_text, fold
from generator.excel.reader.grid import Grid
from generator.plan.findings import Severity
from generator.plan.model import Choice, Needs
from generator.plan.reading import HEADER_SEARCH_ROWS, Part1Answer, Reading
from generator.worksheet import CHECKLISTS, PART1_HEADINGS
from generator.worksheet.marks import is_mark, is_unmark


def read_part1(reading: Reading, grid: Grid) -> None:
    vocabulary = reading.plan.vocabulary
    reading.part1_sheet = grid.title
    mark_col, details_col = _part1_columns(grid)
    questions = {fold(c.question): c.key for c in CHECKLISTS}
    current: str | None = None
    needs = Needs()
    pillars = {fold(p) for p in vocabulary.pillars}
    for row in grid.rows:
        label = grid.text(row, 1)
        if not label:
            continue
        key = fold(label)
        question = _question(key, questions)
        if question is not None:
            current = question
            continue
        if current is None or key in pillars:
            continue
        grid.report_error(reading, row, mark_col, PART1_HEADINGS[1])
        grid.report_error(reading, row, details_col, PART1_HEADINGS[2])
        raw_mark = grid.value(row, mark_col)
        details = grid.text(row, details_col)
        chosen = not (raw_mark in (None, "") or is_unmark(raw_mark))
        if chosen and not is_mark(raw_mark):
            reading.add(
                Severity.WARNING,
                "not-a-mark",
                f"\u201c{cell_text(raw_mark)}\u201d is not a mark; read as chosen.",
                sheet=grid.title,
                cell=f"{get_column_letter(mark_col)}{row}",
                column=PART1_HEADINGS[1],
                value=cell_text(raw_mark),
                suggestion="Choose Yes from the dropdown, or clear the cell.",
            )
        options = vocabulary.options(current)
        match = reading.matcher.match(label, options)
        if match.option is None:
            if chosen:
                reading.add(
                    Severity.ERROR,
                    "unknown-option",
                    f"\u201c{label}\u201d is not an option of this question.",
                    sheet=grid.title,
                    cell=f"A{row}",
                    column=PART1_HEADINGS[0],
                    value=label,
                    suggestion=match.did_you_mean
                    or "Restore the option's wording, or add it to the Lists sheet.",
                )
            continue
        reading.part1.append(
            Part1Answer(current, match.option, chosen, details, row, mark_col, details_col)
        )
        chosen_so_far: list[Choice] = getattr(needs, current)
        if chosen and all(c.label != match.option for c in chosen_so_far):
            chosen_so_far.append(Choice(match.option, details))
    # Keep the worksheet's order, whatever order the rows were in.
    for checklist in CHECKLISTS:
        order = {o: i for i, o in enumerate(vocabulary.options(checklist.key))}
        getattr(needs, checklist.key).sort(key=lambda c: order.get(c.label, len(order)))
    reading.plan.needs = needs


def _question(key: str, questions: dict[str, str]) -> str | None:
    """The checklist a row's text asks, also when its wording was shortened or edited."""
    if key in questions:
        return questions[key]
    for question, checklist in questions.items():
        if key.startswith(question[:40]):
            return checklist
    return None


def _part1_columns(grid: Grid) -> tuple[int, int]:
    """The mark and details columns, by their headings; B and C when not found."""
    wanted = {fold(PART1_HEADINGS[1]): "mark", fold(PART1_HEADINGS[2]): "details"}
    found: dict[str, int] = {}
    for row in grid.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        for column in grid.columns:
            role = wanted.get(fold(grid.text(row, column)))
            if role and role not in found:
                found[role] = column
    return found.get("mark", 2), found.get("details", 3)
