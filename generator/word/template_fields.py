"""The fields a Word template reads, where it reads them, and those that do not exist.

A template's Jinja code is parsed once; every name it reads from the context (with one level
of attribute, ``partner.assets``) is a :class:`FieldUse` that knows its part and paragraph (as
the user typed it, see :class:`generator.word.tags.Locator`), so that a message can send the
author to the right place in Word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import meta, nodes

from generator.common.english import shorten
from generator.common.errors import TemplateError
from generator.common.matching import closest


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


#: What a template may call on a group of fields, which reads the whole group.
GROUP_METHODS = frozenset({"items", "keys", "values", "get"})

#: What a renderer checks names against: each top-level field, with the names of its own
#: fields when it has them (``partner`` -> {"name", "assets", ...}) or None when it is a value.
FieldSchema = Mapping[str, frozenset[str] | None]


def where_text(part: str, paragraph: int, text: str) -> str:
    where = part if paragraph <= 0 else f"{part}, paragraph {paragraph}"
    text = " ".join(text.split())
    if text:
        where += f" (\u201c{shorten(text, 60)}\u201d)"
    return where


#: Where a line of a part's source was typed: (paragraph number, paragraph text, tag as typed),
#: given the line and a word the tag mentions (see generator.word.tags.Locator.locate).
Locate = Callable[[int | None, str], tuple[int, str, str]]


def top_level_names(ast: nodes.Template) -> list[str]:
    """Every name a template reads from the context, whatever it does with it afterwards
    (``extra.get("x")`` and ``extra.items()`` read ``extra``)."""
    return sorted(meta.find_undeclared_variables(ast))


def field_uses(ast: nodes.Template, label: str, locate: Locate) -> Iterator[FieldUse]:
    """Every context field the template reads, with attribute names (``partner.assets``)."""
    free = meta.find_undeclared_variables(ast)
    inner: set[int] = set()
    found: list[tuple[int, str]] = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        target = node.node
        if isinstance(target, nodes.Name) and target.name in free and target.ctx == "load":
            if isinstance(node, nodes.Getattr) and node.attr in GROUP_METHODS:
                continue  # coalition.items(), extra.get("x"): a read of the whole group
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
        paragraph, text, _typed = locate(lineno, name.rpartition(".")[2])
        yield FieldUse(name, label, paragraph, text)


def unknown_fields(uses: list[FieldUse], schema: FieldSchema) -> list[tuple[FieldUse, str]]:
    """Each use of a field the schema does not know, with a did-you-mean suggestion or ""."""
    unknown = []
    for use in uses:
        head, _, attr = use.name.partition(".")
        members = schema.get(head)
        if head not in schema or (attr and members is not None and attr not in members):
            unknown.append((use, suggestion(use.name, schema)))
    return unknown


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[._\s]+", name.lower()) if word]


def _alike(typed: str, known: str) -> bool:
    """Two words that name the same thing: equal, one a misspelling of the other, or the
    first letters of it ("org", "organization")."""
    if typed == known or (len(typed) >= 3 and known.startswith(typed)):
        return True
    return difflib.SequenceMatcher(None, typed, known).ratio() >= 0.8


def suggestion(name: str, schema: FieldSchema) -> str:
    """The field a misspelt or misremembered one most likely means, or "" when nothing is
    close enough to be worth suggesting. Two equally likely fields are both given, as
    ``a” or “b`` (the caller quotes the whole)."""
    fields = list(schema) + [
        f"{head}.{member}" for head, members in schema.items() for member in sorted(members or ())
    ]
    head, _, attr = name.partition(".")
    if attr:  # partner.asets: a member of the same group first, then any field by its words
        near = closest(attr, sorted(schema.get(head) or ()))
        if near and difflib.SequenceMatcher(None, attr, near).ratio() >= 0.75:
            return f"{head}.{near}"
    else:
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.8)
        if close:
            return close[0]
    # By the words of the name: "roles" is benefit.roles, "sender_name" is sender, "adress"
    # is mailing_address. The best share most words; among them, those with no word more.
    typed = _words(attr or name)
    scored = []
    for field_name in fields:
        words = _words(field_name)
        shared = sum(any(_alike(t, w) for w in words) for t in typed)
        if shared:
            extra = sum(not any(_alike(t, w) for t in typed) for w in words)
            scored.append((-shared, extra, len(field_name), field_name))
    if not scored:
        return ""
    scored.sort()
    best = [s for s in scored if s[:2] == scored[0][:2]]
    if len(best) > 2:
        return ""
    return "\u201d or \u201c".join(s[3] for s in best)


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
