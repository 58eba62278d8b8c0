"""Letter templates as something users own: export the defaults, check their own.

``export`` copies the default templates with the field reference beside them. ``check`` reads a
template the way ``coalition letters`` will (docxtpl's clean-up of tags Word split, the same
sandboxed environment), lists the fields it uses, flags the unknown ones with a suggestion, and,
given a plan, renders every letter in memory to show which rows leave a used field empty and
which would fail, before any file is written.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.common.english import counted, listed
from generator.common.errors import TemplateError
from generator.common.fileio import atomic_path, check_all_writable
from generator.letters.batch import GIVE_UP_AFTER, row_of
from generator.letters.context import (
    LetterKind,
    PlanIndex,
    default_template,
    filters_reference,
    letter_context,
    letter_environment,
)
from generator.letters.fields import reference, reference_markdown, schema
from generator.plan.model import CoalitionPlan, Invitee
from generator.word.batch import DocxRenderer, RenderError
from generator.word.parts import StrayTag
from generator.word.template_fields import FieldUse, unknown_fields
from generator.worksheet import Status

FIELDS_NAME = "FIELDS.md"


def export_templates(
    folder: Path, *, force: bool = False, others: tuple[Path, ...] = ()
) -> list[Path]:
    """Copy the default letter templates, and ``others`` (the briefing's and the cohort
    summary's, which the letters do not know), with the letters' field reference into
    ``folder``; every path written, in order."""
    folder = Path(folder)
    sources = [default_template(kind) for kind in LetterKind] + list(others)
    targets = [folder / source.name for source in sources] + [folder / FIELDS_NAME]
    check_all_writable(targets, force)  # refuse before writing anything, naming every one
    for source, target in zip(sources, targets[:-1], strict=True):
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
    with atomic_path(targets[-1]) as tmp:
        tmp.write_text(reference_markdown(filters_reference()), encoding="utf-8")
    return targets


@dataclass
class RowReport:
    row: int
    recipient: str
    organization: str
    empty: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class TemplateCheck:
    path: Path
    uses: list[FieldUse]
    unknown: list[tuple[FieldUse, str]]
    stray: list[StrayTag] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    letters: int = 0  # rows of the plan that were tried
    untried: int = 0  # rows left untried once the template kept going past its bounds
    sample: bool = False  # tried on the bundled sample rather than the user's workbook

    @property
    def fields(self) -> list[str]:
        return list(dict.fromkeys(use.name for use in self.uses))

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.stray and not any(r.error for r in self.rows)


#: The emptiest row a workbook that checks clean can hold: a name, and who signs.
BARE_ROW = Invitee("A. Member", "An organization in neither Part 2 nor Part 3", "A. Sender")


def check_template(
    path: Path,
    plan: CoalitionPlan | None = None,
    *,
    keep_informed: bool = False,
    today: dt.date | None = None,
    sample: bool = False,
) -> TemplateCheck:
    """What a template reads, what it reads that does not exist, and, given a plan, each row
    whose letter would leave a used field empty or fail.

    With ``sample``, ``plan`` is the bundled sample rather than the user's workbook: every row is
    tried, with a row that holds nothing but a name and a sender, to find what would fail on any
    workbook; fields left empty by the sample are not the user's concern and are not listed.
    Raises TemplateError for a template that cannot be read or compiled."""
    renderer = DocxRenderer(Path(path), env=letter_environment(), strict=False)
    fields = schema()
    unknown = unknown_fields(renderer.uses, fields)
    report = TemplateCheck(renderer.path, renderer.uses, unknown, renderer.stray, sample=sample)
    if plan is None:
        return report
    wanted = {Status.INVITE, Status.KEEP_INFORMED} if keep_informed else {Status.INVITE}
    rows = [
        (row_of(invitee, position), invitee)
        for position, invitee in enumerate(plan.invitees)
        if sample or invitee.status in wanted
    ]
    if sample:
        rows.append((0, BARE_ROW))
    index = PlanIndex(plan)
    known = [name for name in report.fields if name not in {u.name for u, _ in unknown}]
    bounded = 0
    for row, invitee in rows:
        if bounded >= GIVE_UP_AFTER:
            report.untried = len(rows) - report.letters
            break
        report.letters += 1
        kind = (
            LetterKind.UPDATE if invitee.status is Status.KEEP_INFORMED else LetterKind.INVITATION
        )
        context = _with_blanks(letter_context(invitee, index, today=today, letter=kind, row=row),
                               unknown)  # fmt: skip
        entry = RowReport(row, invitee.member, invitee.organization)
        if not sample:
            entry.empty = [name for name in known if _is_empty(_lookup(context, name))]
        try:
            renderer.render(context)
        except (RenderError, TemplateError) as error:
            entry.error = (
                str(error)
                .removeprefix(f"{renderer.path}: ")
                .removeprefix(f"{renderer.path.name}: ")
            )
            bounded = bounded + 1 if isinstance(error, RenderError) and error.bounded else 0
        if entry.empty or entry.error:
            report.rows.append(entry)
    return report


def _with_blanks(context: dict[str, Any], unknown: list[tuple[FieldUse, str]]) -> dict[str, Any]:
    """The context with each unknown field (listed already) blank, so that trying the rows
    finds the template's other problems rather than the same misspelling on every row."""
    for use, _ in unknown:
        head, _, attribute = use.name.partition(".")
        if head not in context:
            context[head] = ""
        elif attribute and isinstance(context[head], dict):
            context[head] = {attribute: "", **context[head]}
    return context


def _lookup(context: dict[str, Any], name: str) -> Any:
    value: Any = context
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _is_empty(value: Any) -> bool:
    # A yes-or-no field or a number is never "empty": False is an answer.
    if isinstance(value, bool | int) or value is None:
        return False
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    return not value


def describe(check: TemplateCheck) -> list[str]:
    """The check as lines for the terminal."""
    docs = {doc.name: doc for doc in reference()}
    lines = [f"{check.path} uses {len(check.fields)} fields:"]
    width = max((len(name) for name in check.fields), default=0)
    known = schema()
    for name in check.fields:
        head = name.partition(".")[0]
        # member.upper(): a value's own method, described as the value.
        doc = docs.get(name) or (docs.get(head) if head in known and known[head] is None else None)
        what = doc.description if doc else "not a field of coalition letters"
        lines.append(f"  {name.ljust(width)}  {what}")
    if check.unknown:
        lines.append(f"{counted(len(check.unknown), 'use')} of unknown fields:")
        for use, suggestion in check.unknown:
            hint = f"; did you mean \u201c{suggestion}\u201d?" if suggestion else ""
            lines.append(f"  {use.name} in {use.where}{hint}")
    if check.stray:
        lines.append(f"{counted(len(check.stray), 'tag')} where no letter fills them:")
        lines += [f"  in {stray.where}" for stray in check.stray]
    if check.sample:
        lines += _sample_lines(check)
    elif check.letters:
        lines.append(f"Tried the letters of {counted(check.letters, 'invite-list row')}:")
        if not check.rows:
            lines.append("  every field the template uses has a value in every row.")
        for row in check.rows:
            if row.error:
                lines.append(f"  row {row.row} ({_who(row)}) would fail: {row.error}")
            if row.empty:
                lines.append(f"  row {row.row} ({_who(row)}) leaves empty: {', '.join(row.empty)}")
        lines += _untried(check)
    return lines


def _who(row: RowReport) -> str:
    return ", ".join(x for x in (row.recipient, row.organization) if x) or "(no name)"


def _sample_lines(check: TemplateCheck) -> list[str]:
    """Failures on the sample, each once, with the rows it hits."""
    lines = [
        "Tried it on the rows of the bundled Forest City sample and on a row with nothing but "
        "a name and a sender (give your workbook to try your own rows and columns):"
    ]
    by_reason: dict[str, list[RowReport]] = {}
    for row in check.rows:
        # The same failure on several rows reads once; the row's own name is not the reason.
        by_reason.setdefault(row.error, []).append(row)
    if not by_reason:
        lines.append("  no row would fail.")
    for reason, rows in by_reason.items():
        if len(rows) == check.letters:
            which = "every row tried" if check.untried else "every row"
        elif [r.row for r in rows] == [0]:
            which = "a row with nothing but a name and a sender"
        else:
            named = [(r.recipient or r.organization) if r.row else "the bare row" for r in rows]
            which = f"{counted(len(rows), 'row')} ({listed(named)})"
        lines.append(f"  would fail on {which}: {reason}")
    return lines + _untried(check)


def _untried(check: TemplateCheck) -> list[str]:
    if not check.untried:
        return []
    return [
        f"  {counted(check.untried, 'more row')} not tried: the template went past its bounds "
        f"on the {GIVE_UP_AFTER} rows before."
    ]
