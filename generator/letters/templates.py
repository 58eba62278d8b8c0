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

from generator.common.fileio import atomic_path, check_writable
from generator.letters.batch import row_of
from generator.letters.context import (
    LetterKind,
    PlanIndex,
    default_template,
    filters_reference,
    letter_context,
    letter_environment,
)
from generator.letters.fields import reference, reference_markdown, schema
from generator.plan.model import CoalitionPlan
from generator.word.batch import DocxRenderer, RenderError
from generator.word.template_fields import FieldUse, unknown_fields
from generator.worksheet import Status

FIELDS_NAME = "FIELDS.md"


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy the default templates and write the field reference into ``folder``."""
    folder = Path(folder)
    sources = [default_template(kind) for kind in LetterKind]
    targets = [folder / source.name for source in sources] + [folder / FIELDS_NAME]
    for target in targets:  # refuse before writing anything
        check_writable(target, force)
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
    rows: list[RowReport] = field(default_factory=list)
    letters: int = 0  # rows of the plan that were tried

    @property
    def fields(self) -> list[str]:
        return list(dict.fromkeys(use.name for use in self.uses))

    @property
    def ok(self) -> bool:
        return not self.unknown and not any(r.error for r in self.rows)


def check_template(
    path: Path,
    plan: CoalitionPlan | None = None,
    *,
    keep_informed: bool = False,
    today: dt.date | None = None,
) -> TemplateCheck:
    """What a template reads, what it reads that does not exist, and, given a plan, each row
    whose letter would leave a used field empty or fail. Raises TemplateError for a template
    that cannot be read or compiled."""
    renderer = DocxRenderer(Path(path), env=letter_environment())
    fields = schema()
    report = TemplateCheck(renderer.path, renderer.uses, unknown_fields(renderer.uses, fields))
    if plan is None:
        return report
    wanted = {Status.INVITE, Status.KEEP_INFORMED} if keep_informed else {Status.INVITE}
    index = PlanIndex(plan)
    known = [name for name in report.fields if name not in {u.name for u, _ in report.unknown}]
    for position, invitee in enumerate(plan.invitees):
        if invitee.status not in wanted:
            continue
        report.letters += 1
        row = row_of(invitee, position)
        kind = (
            LetterKind.UPDATE if invitee.status is Status.KEEP_INFORMED else LetterKind.INVITATION
        )
        context = letter_context(invitee, index, today=today, letter=kind, row=row)
        entry = RowReport(row, invitee.member, invitee.organization)
        entry.empty = [name for name in known if _is_empty(_lookup(context, name))]
        try:
            renderer.render(context)
        except RenderError as error:
            entry.error = str(error)
        if entry.empty or entry.error:
            report.rows.append(entry)
    return report


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
    for name in check.fields:
        doc = docs.get(name)
        what = doc.description if doc else "not a field of coalition letters"
        lines.append(f"  {name.ljust(width)}  {what}")
    if check.unknown:
        lines.append(f"{len(check.unknown)} use(s) of unknown fields:")
        for use, suggestion in check.unknown:
            hint = f"; did you mean \u201c{suggestion}\u201d?" if suggestion else ""
            lines.append(f"  {use.name} in {use.where}{hint}")
    if check.letters:
        lines.append(f"Tried the letters of {check.letters} invite-list rows:")
        if not check.rows:
            lines.append("  every field the template uses has a value in every row.")
        for row in check.rows:
            who = ", ".join(x for x in (row.recipient, row.organization) if x) or "(no name)"
            if row.error:
                lines.append(f"  row {row.row} ({who}) would fail: {row.error}")
            if row.empty:
                lines.append(f"  row {row.row} ({who}) leaves empty: {', '.join(row.empty)}")
    return lines
