"""The fields a letter template can use, derived from the model and the worksheet.

Every field of an invite-list row, of the invitee's organization (Parts 2 and 3) and of its
Part 4 notes comes straight from the dataclasses in ``model.py``, described with the column
heading and prompt that ``worksheet.py`` declares for it. Only what a letter works out on top
(``matching``, ``coalition``, ``today`` ...) is described here, in :data:`COMPUTED`, next to
nothing else. A test checks that a real letter context has exactly these fields.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from generator.plan.model import Benefit, Invitee, Partner
from generator.worksheet import CHECKLISTS, PART2, PART4, PART5, Kind, Table

#: Model attributes that are bookkeeping rather than answers: where a record was read, and the
#: Status cell as typed (``status`` is what it means, and what letters use).
INTERNAL = frozenset({"source", "status_text"})


@dataclass(frozen=True)
class FieldDoc:
    """One field of the reference: ``member`` or ``partner.assets``."""

    name: str
    kind: str  # "text", "list of text", "yes or no", "one of: ..."
    description: str
    where: str = ""  # the sheet and column it comes from, or "" for a computed field
    example: str = ""


@dataclass(frozen=True)
class Computed:
    """A field a letter works out from the workbook, with its members if it has any."""

    kind: str
    description: str
    members: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)


_CHECKLIST = {c.key: c for c in CHECKLISTS}

#: What a letter adds to the workbook's own fields. letters.letter_context builds exactly these.
COMPUTED: dict[str, Computed] = {
    "is_existing_partner": Computed(
        "yes or no",
        "The organization is in Part 2 (an existing partnership): the letter can acknowledge "
        "the relationship.",
    ),
    "is_new_partner": Computed(
        "yes or no", "The organization is in Part 3 (a potential new partnership)."
    ),
    "matching": Computed(
        "group",
        "What the organization offers that the coalition chose as a priority in Part 1.",
        {
            "groups": (
                "list of text",
                "Populations it serves that are among the coalition's priority groups.",
            ),
            "areas": ("list of text", "Its domains of work that are among the areas of concern."),
            "assets": ("list of text", "Its assets that are among the assets the coalition needs."),
        },
    ),
    "coalition": Computed(
        "group",
        "The coalition itself (Part 1 and the workbook's Instructions sheet).",
        {
            "name": (
                "text",
                "The coalition's name: the community followed by \u201cMobility Coalition\u201d.",
            ),
            "community": ("text", "The community the coalition serves."),
            "groups": ("list of text", _CHECKLIST["groups"].question),
            "areas": ("list of text", _CHECKLIST["areas"].question),
            "assets": ("list of text", _CHECKLIST["assets"].question),
        },
    ),
    "today": Computed("text", "The date of the letter, like \u201cMay 4, 2026\u201d."),
    "letter": Computed(
        "text",
        "\u201cinvitation\u201d, or \u201cupdate\u201d for a keep-informed letter.",
    ),
    "row": Computed("number", "The invite-list row the letter was written from."),
}

#: The groups of fields that come from a model record, and the table that describes them.
_RECORDS: dict[str, tuple[type, Table]] = {"partner": (Partner, PART2), "benefit": (Benefit, PART4)}


def _model_fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in INTERNAL]


def model_field_names(cls: type) -> list[str]:
    """The attributes of a model record that templates see, in declaration order."""
    return [name for name, _ in _model_fields(cls)]


#: Model attributes that no worksheet column declares, described here.
_NOT_IN_WORKSHEET = {
    "kind": "\u201cexisting\u201d for an organization of Part 2, \u201cpotential\u201d for one of "
    "Part 3.",
    "extra": 'Columns you added to the sheet yourself, by heading: {{ extra["Board liaison"] }}.',
}


def _kind(annotation: Any) -> str:
    if typing.get_origin(annotation) is list:
        return "list of text"
    if typing.get_origin(annotation) is dict:
        return "your own columns"
    if annotation is bool:
        return "yes or no"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of: " + ", ".join(str(member.value) for member in annotation)
    return "text"


def _documented(cls: type, table: Table, prefix: str) -> list[FieldDoc]:
    docs = []
    # The worksheet's example row fills its own columns, not the "describe Other" ones or ours.
    described = {c.other_field for c in table.columns if c.other_field}
    own = [c.field for c in table.columns if c.worksheet and c.field not in described]
    example = dict(zip(own, table.example, strict=False))
    for name, annotation in _model_fields(cls):
        kind = _kind(annotation)
        try:
            column = table.column(name)
        except KeyError:
            description = _NOT_IN_WORKSHEET.get(name, "")
            where = ""
        else:
            if column.kind is Kind.MARKS:
                kind = "list of text"
            description = column.prompt or column.heading
            where = f"{table.sheet}, column \u201c{column.heading}\u201d"
            if table is PART2:
                where = f"Part 2 or Part 3, column \u201c{column.heading}\u201d"
        docs.append(FieldDoc(prefix + name, kind, description, where, example.get(name, "")))
    return docs


def reference() -> list[FieldDoc]:
    """Every field, in the order the reference lists them."""
    docs = _documented(Invitee, PART5, "")
    for prefix, (cls, table) in _RECORDS.items():
        what = (
            "The organization's row of Part 2 (existing) or Part 3 (potential); empty when it "
            "is in neither."
            if prefix == "partner"
            else f"Its row of {table.part}, {table.title.split('. ', 1)[-1]} (several rows are "
            "joined with \u201c; \u201d)."
        )
        docs.append(FieldDoc(prefix, "group", what))
        docs.extend(_documented(cls, table, prefix + "."))
    for name, computed in COMPUTED.items():
        docs.append(FieldDoc(name, computed.kind, computed.description))
        for member, (kind, description) in computed.members.items():
            docs.append(FieldDoc(f"{name}.{member}", kind, description))
    return docs


def schema() -> dict[str, frozenset[str] | None]:
    """Each top-level field with its members (``partner`` -> name, assets ...), or None."""
    result: dict[str, frozenset[str] | None] = dict.fromkeys(model_field_names(Invitee))
    for prefix, (cls, _table) in _RECORDS.items():
        result[prefix] = frozenset(model_field_names(cls))
    for name, computed in COMPUTED.items():
        result[name] = frozenset(computed.members) if computed.members else None
    return result


def reference_markdown(filters: dict[str, str]) -> str:
    """The field reference as a Markdown page, to sit beside exported templates."""
    lines = [
        "# Fields for letter templates",
        "",
        "Write a field in a Word template as `{{ member }}`; a field of a group as "
        "`{{ partner.assets }}`. Lists print best with a filter: "
        "`{{ matching.assets | join_and }}`. Choose wording with `{% if is_existing_partner %}"
        "...{% else %}...{% endif %}`, and leave out a whole paragraph with `{%p if ... %}` "
        "at its start and `{%p endif %}` in a paragraph of its own. A field that a template "
        "uses but this list does not have stops `coalition letters` before any letter is "
        "written; `coalition templates check TEMPLATE WORKBOOK` shows which rows leave a field "
        "empty.",
        "",
        "Values are printed as written: `&`, `<` and quotes are safe, line breaks become line "
        "breaks in Word, and text such as `{{ 7*7 }}` typed in a cell appears literally.",
        "",
        "| Field | Kind | What it holds | From |",
        "|---|---|---|---|",
    ]
    for doc in reference():
        what = doc.description
        if doc.example:
            what += f" Example: \u201c{doc.example}\u201d."
        lines.append(f"| `{doc.name}` | {doc.kind} | {_cell(what)} | {_cell(doc.where)} |")
    lines += ["", "## Filters", "", "| Filter | What it does |", "|---|---|"]
    for name, description in filters.items():
        lines.append(f"| `{name}` | {_cell(description)} |")
    lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
