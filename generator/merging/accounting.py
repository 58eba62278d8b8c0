"""Proof that a merge or an upgrade lost nothing: every answer of every copy, found again.

:func:`answers` lists every non-empty answer a plan holds; :func:`unaccounted` returns those of
the copies that are neither in the result nor on its Conflicts sheet. A merge or an upgrade that
would lose one stops before writing.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.common.text import fold
from generator.merging.answers import EXTRA_PREFIX, Answer, answers
from generator.merging.conflicts import Conflict
from generator.plan.model import CoalitionPlan
from generator.worksheet import PART2, Kind

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
