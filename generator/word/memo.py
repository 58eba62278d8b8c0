"""Reusing a rendered part while everything it can read repeats.

The letterhead of one sender's letters, or the document properties, come out the same letter
after letter; rendering them once per distinct input saves about a third of the work of a
letter. The rule is sound because of what a template can read: a sandboxed Jinja template
sees the context only through the names its code reads (``meta.find_undeclared_variables``:
``extra.get("x")`` and ``extra.items()`` read ``extra``), and rendering is a function of those
values alone (templates that use the ``random`` filter are never reused). So the key is the
whole value of every such name, and a part is reused only when each of them is equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Distinct renderings of a part kept for reuse; a part that differs letter by letter (the
#: body) overflows this at once and stops being looked up.
MEMO_SIZE = 16

_MISSING = object()


class Memo:
    """Renderings of one part by the values of the names its code reads."""

    def __init__(self, names: list[str]) -> None:
        self.names = tuple(names)
        self._kept: dict[tuple[Any, ...], tuple[int, bytes, int]] = {}

    def key(self, context: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The key of this context, or None when a value cannot be one (render every time)."""
        try:
            return tuple(freeze(context.get(name, _MISSING)) for name in self.names)
        except TypeError:
            return None

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
