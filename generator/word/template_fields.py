"""The fields a Word template reads, where it reads them, and those that do not exist.

A template's Jinja code is parsed once; every name it reads from the context (with one level
of attribute, ``partner.assets``) is a :class:`FieldUse` that knows its part and paragraph, so
that a message can send the author to the right place in Word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import meta, nodes

from generator.common.english import shorten
from generator.common.errors import TemplateError
from generator.common.matching import closest

TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FieldUse:
    """A field a template reads: ``member`` or ``partner.assets``, and where."""

    name: str
    part: str
    paragraph: int
    text: str  # the paragraph's text, tags included, to find it in Word

    @property
    def where(self) -> str:
        return where_text(self.part, self.paragraph, self.text)


#: What a renderer checks names against: each top-level field, with the names of its own
#: fields when it has them (``partner`` -> {"name", "assets", ...}) or None when it is a value.
FieldSchema = Mapping[str, frozenset[str] | None]


def where_text(part: str, paragraph: int, text: str) -> str:
    where = part if paragraph <= 0 else f"{part}, paragraph {paragraph}"
    text = " ".join(text.split())
    if text:
        where += f" (\u201c{shorten(text, 60)}\u201d)"
    return where


def paragraph_at(lines: list[str], lineno: int | None) -> tuple[int, str]:
    """Line n of a patched part is paragraph n-1 (the first line holds what precedes any)."""
    if not lineno or lineno > len(lines):
        return 0, ""
    return lineno - 1, TAGS.sub("", lines[lineno - 1])


def field_uses(ast: nodes.Template, label: str, lines: list[str]) -> Iterator[FieldUse]:
    """Every context field the template reads, with attribute names (``partner.assets``)."""
    free = meta.find_undeclared_variables(ast)
    inner: set[int] = set()
    found: list[tuple[int, str]] = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        target = node.node
        if isinstance(target, nodes.Name) and target.name in free and target.ctx == "load":
            if isinstance(node, nodes.Getattr):
                attr = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                attr = node.arg.value
            else:
                continue
            inner.add(id(target))
            found.append((node.lineno, f"{target.name}.{attr}"))
    for node in ast.find_all(nodes.Name):
        if node.name in free and node.ctx == "load" and id(node) not in inner:
            found.append((node.lineno, node.name))
    for lineno, name in sorted(found, key=lambda use: use[0]):
        paragraph, text = paragraph_at(lines, lineno)
        yield FieldUse(name, label, paragraph, text)


def unknown_fields(uses: list[FieldUse], schema: FieldSchema) -> list[tuple[FieldUse, str]]:
    """Each use of a field the schema does not know, with a did-you-mean suggestion or ""."""
    unknown = []
    for use in uses:
        head, _, attr = use.name.partition(".")
        if head not in schema:
            unknown.append((use, closest(head, schema)))
            continue
        members = schema[head]
        if attr and members is not None and attr not in members:
            near = closest(attr, sorted(members))
            unknown.append((use, f"{head}.{near}" if near else ""))
    return unknown


def check_fields(
    path: Path,
    uses: list[FieldUse],
    schema: FieldSchema,
    fields_help: str = "`coalition templates check` lists every field",
) -> None:
    """Raise TemplateError for the first field the schema does not know (and count the rest)."""
    unknown = unknown_fields(uses, schema)
    if not unknown:
        return
    use, suggestion = unknown[0]
    hint = f" (did you mean \u201c{suggestion}\u201d?)" if suggestion else ""
    more = len({u.name for u, _ in unknown}) - 1
    rest = f"; {more} more unknown field{'s' if more > 1 else ''}" if more > 0 else ""
    raise TemplateError(
        f"uses the unknown field \u201c{use.name}\u201d in {use.where}{hint}{rest}; {fields_help}.",
        path,
    )


#: Template tags ({{ }}, {% %}, {# #}) one template may hold: the bundled briefing has about 150.
#: Compiling costs time and memory in proportion (200,000 tags in a 45 KB file: 80 s, 2.5 GB).
MAX_TAGS = 2_000
_TAG_START = re.compile(r"\{\{|\{%|\{#")


def count_tags(path: Path, source: str, so_far: int = 0) -> int:
    """``so_far`` plus the tags of ``source``; TemplateError past :data:`MAX_TAGS`."""
    total = so_far + len(_TAG_START.findall(source))
    if total > MAX_TAGS:
        raise TemplateError(
            f"has more than {MAX_TAGS:,} template tags ({{{{ }}}}, {{% %}}), far more than a "
            "letter or a briefing needs; it was refused before compiling them.",
            path,
        )
    return total
