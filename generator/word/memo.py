"""Reusing a rendered part while everything it can read repeats.

The letterhead of one sender's letters, or the document properties, come out the same letter
after letter; rendering them once per distinct input saves about a third of the work of a
letter. The rule is sound because of what a template can read: a sandboxed Jinja template
sees the context only through the names its code reads (``meta.find_undeclared_variables``),
and rendering is a function of those values alone (templates that use the ``random`` filter
are never reused). So the key holds the whole value of every such name (``extra.get("x")``
and ``extra.items()`` read all of ``extra``), with one narrowing that keeps keys cheap: a
name whose every use is ``coalition.name`` or ``coalition["name"]`` reads only those items,
provided its value is a mapping and the names are not a mapping's own methods (in the sandbox,
``x.items`` is the method, not the item).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import nodes

#: Distinct renderings of a part kept for reuse; a part that differs letter by letter (the
#: body) overflows this at once and stops being looked up.
MEMO_SIZE = 16

_MISSING = object()


_MAPPING_ATTRIBUTES = frozenset(dir(dict))


def reads(ast: nodes.Template, names: list[str]) -> dict[str, tuple[str, ...] | None]:
    """For each name, the items its code reads (``coalition.name``) when that is all it does
    with it, or None when the code uses the value itself (loops over it, passes it to a
    filter, calls one of its methods)."""
    items: dict[str, set[str] | None] = {name: set() for name in names}

    def visit(node: nodes.Node) -> None:
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Name) and child.name in items:
                item = _item(node, child)
                used = items[child.name]
                if item is None or used is None:
                    items[child.name] = None
                else:
                    used.add(item)
            visit(child)

    visit(ast)
    return {name: None if used is None else tuple(sorted(used)) for name, used in items.items()}


def _item(parent: nodes.Node, name: nodes.Name) -> str | None:
    """The item ``parent`` reads of ``name`` (``name.x``, ``name["x"]``), or None."""
    if isinstance(parent, nodes.Getattr) and parent.node is name:
        item: Any = parent.attr
    elif (
        isinstance(parent, nodes.Getitem)
        and parent.node is name
        and isinstance(parent.arg, nodes.Const)
    ):
        item = parent.arg.value
    else:
        return None
    return item if isinstance(item, str) and item not in _MAPPING_ATTRIBUTES else None


class Memo:
    """Renderings of one part by the values of the names its code reads."""

    def __init__(self, names: dict[str, tuple[str, ...] | None]) -> None:
        self.names = tuple(names.items())
        self._kept: dict[tuple[Any, ...], tuple[int, bytes, int]] = {}

    def key(self, context: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The key of this context, or None when a value cannot be one (render every time)."""
        try:
            return tuple(
                self._read(context.get(name, _MISSING), items) for name, items in self.names
            )
        except TypeError:
            return None

    @staticmethod
    def _read(value: Any, items: tuple[str, ...] | None) -> Any:
        if items is not None and isinstance(value, Mapping):
            return (type(value), tuple(freeze(value.get(item, _MISSING)) for item in items))
        return freeze(value)

    def get(self, key: tuple[Any, ...]) -> tuple[int, bytes, int] | None:
        return self._kept.get(key)

    def keep(self, key: tuple[Any, ...], value: tuple[int, bytes, int]) -> bool:
        """Keep a rendering; False once the part has shown it differs too often to be kept."""
        if len(self._kept) >= MEMO_SIZE:
            return False
        self._kept[key] = value
        return True


def freeze(value: Any) -> Any:
    """A hashable copy of a context value; the type is kept, so that Markup("&") and "&" (which
    print differently) are different keys."""
    if value is None or value is _MISSING or isinstance(value, bool | int | float):
        return (type(value), value)
    if isinstance(value, str):
        return (type(value), str(value))
    if isinstance(value, list | tuple):
        return (type(value), tuple(freeze(v) for v in value))
    if isinstance(value, Mapping):
        return (type(value), tuple((k, freeze(v)) for k, v in value.items()))
    raise TypeError(f"{type(value).__name__} is not a plain value")
