"""Part 1: the three checklists, read by their questions and options, wherever the rows are."""

from __future__ import annotations

from generator.common.cells import column_letter
from generator.common.english import shorten
from generator.common.text import cell_text, fold
from generator.excel.reader.grid import Grid, report_not_a_mark, report_span, report_strays
from generator.plan.findings import Severity
from generator.plan.model import Choice, Needs
from generator.plan.reading import HEADER_SEARCH_ROWS, Part1Answer, Reading
from generator.worksheet import CHECKLISTS, PART1_HEADINGS
from generator.worksheet.marks import is_nothing, read_mark, says_nothing
from generator.worksheet.metrics_sheet import SUGGESTS_HEADING


def read_part1(reading: Reading, grid: Grid) -> None:
    vocabulary = reading.plan.vocabulary
    reading.part1_sheet = grid.title
    mark_col, details_col = _part1_columns(grid)
    headings = {mark_col: PART1_HEADINGS[1], details_col: PART1_HEADINGS[2]}
    # Columns the tool writes beside Part 1 for reading, not answering (what the data suggests).
    read_only = _headed(grid, fold(SUGGESTS_HEADING))
    questions = {fold(c.question): c.key for c in CHECKLISTS}
    current: str | None = None
    needs = Needs()
    pillars = {fold(p) for p in vocabulary.pillars}
    strays: dict[int, list[int]] = {}  # beside the checklist's columns
    no_option: dict[int, list[int]] = {}  # in them, on a row without an option
    for row in grid.rows:
        label = grid.text(row, 1)
        if current is not None:
            for column in grid.by_row[row]:
                if column not in (1, mark_col, details_col, *read_only) and not says_nothing(
                    grid.value(row, column)
                ):
                    strays.setdefault(column, []).append(row)
        if not label:
            if current is not None:
                _answers_without_option(grid, row, headings, no_option)
            continue
        key = fold(label)
        question = _question(key, questions)
        if question is not None or (current is not None and key in pillars):
            current = question or current
            _heading_row(reading, grid, row, label, mark_col, details_col, no_option)
            continue
        if current is None:
            continue
        for column, heading in headings.items():
            grid.note_unreadable(reading, row, column, heading)
        report_span(reading, grid, row, mark_col, headings)
        chosen = _read_chosen(reading, grid, row, mark_col, label)
        details = grid.value(row, details_col)
        details = "" if is_nothing(details) else cell_text(details)
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
    grid.report_unreadable(reading)
    report_strays(
        reading,
        grid,
        strays,
        "outside Part 1's columns",
        f"Part 1 reads only {PART1_HEADINGS[1]} and {PART1_HEADINGS[2]} beside each option; "
        "move it there.",
    )
    report_strays(
        reading,
        grid,
        no_option,
        "on a row without an option",
        "Write it beside the option it is about.",
    )
    # Keep the worksheet's order, whatever order the rows were in.
    for checklist in CHECKLISTS:
        order = {o: i for i, o in enumerate(vocabulary.options(checklist.key))}
        getattr(needs, checklist.key).sort(key=lambda c: order.get(c.label, len(order)))
    reading.plan.needs = needs


def _read_chosen(reading: Reading, grid: Grid, row: int, mark_col: int, label: str) -> bool:
    """Whether an option is chosen; something in its mark cell that is no mark is reported and
    never guessed."""
    if grid.unreadable(row, mark_col):
        return False
    raw = grid.value(row, mark_col)
    meaning = read_mark(raw)
    if meaning is None:
        cell = f"{column_letter(mark_col)}{row}"
        read_as = f", so \u201c{label}\u201d was read as not chosen."
        report_not_a_mark(reading, grid.title, cell, PART1_HEADINGS[1], raw, read_as)
    return meaning is True


def _heading_row(
    reading: Reading,
    grid: Grid,
    row: int,
    label: str,
    mark_col: int,
    details_col: int,
    strays: dict[int, list[int]],
) -> None:
    """A question or pillar row takes no answer: a mark there chooses nothing, and says so."""
    if grid.holds(row, mark_col) and not says_nothing(grid.value(row, mark_col), mark_cell=True):
        text = grid.text(row, mark_col) or grid.errors.get((row, mark_col), "") or "a formula"
        reading.add(
            Severity.ERROR,
            "mark-on-heading",
            f"\u201c{text}\u201d is beside the heading \u201c{shorten(label, 80)}\u201d, which "
            "is not an option; it chooses nothing.",
            sheet=grid.title,
            cell=f"{column_letter(mark_col)}{row}",
            column=PART1_HEADINGS[1],
            value=text,
            suggestion="Mark each option under the heading that applies, and clear this cell.",
        )
    if grid.holds(row, details_col) and not says_nothing(grid.value(row, details_col)):
        strays.setdefault(details_col, []).append(row)


def _answers_without_option(
    grid: Grid,
    row: int,
    headings: dict[int, str],
    strays: dict[int, list[int]],
) -> None:
    """A mark or details on a row with no option beside them: no answer belongs there."""
    for column in headings:
        if grid.holds(row, column) and not says_nothing(grid.value(row, column), mark_cell=True):
            strays.setdefault(column, []).append(row)


def _headed(grid: Grid, heading: str) -> set[int]:
    """The columns whose heading, near the top of the sheet, is ``heading`` (folded)."""
    return {
        column
        for row in grid.rows
        if row <= HEADER_SEARCH_ROWS
        for column in grid.by_row[row]
        if fold(grid.text(row, column)) == heading
    }


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
