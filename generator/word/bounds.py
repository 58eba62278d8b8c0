"""Bounds on what a template may compute for one document: time, work, size and depth.

Templates come from colleagues and strangers, and Jinja is a programming language: nested loops,
``10**(10**9)``, a string doubled in a loop or a macro that calls itself would otherwise run for
minutes or exhaust memory. Every document is rendered under a :class:`Budget`:

* **time**: at most :data:`Limits.seconds` for one document, all its parts together;
* **work**: at most :data:`Limits.steps` loop iterations, calls and filters;
* **size**: no string, list or number a template builds may exceed :data:`Limits.text`
  characters (or items, or :data:`Limits.number_bits` bits), everything it builds together may
  not exceed :data:`Limits.created`, and a document may not render to more than
  :data:`Limits.output` characters of XML. Sizes are checked *before* a value is built wherever
  its size can be known (``*``, ``**``, ``+``, ``~``, width arguments), so that a bound is never
  learnt by running out of memory;
* **depth**: macros may call macros (or themselves) at most :data:`Limits.depth` deep.

The environment (:class:`BoundedEnvironment`) intercepts the operators, calls and filters; the
renderer adds a counted step to every ``{% for %}`` (:func:`bound_loops`) and opens a budget
per document (:func:`budget`). Outside a budget nothing is counted, so the environment also
serves code that renders with docxtpl directly.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, soft_str


@dataclass(frozen=True)
class Limits:
    """How much one document may cost. The defaults are far above what a letter or a briefing
    needs (a letter takes about a millisecond and a few hundred steps)."""

    seconds: float = 5.0
    steps: int = 1_000_000
    text: int = 1_000_000  # characters of one string, or items of one list
    created: int = 50_000_000  # characters of all strings a document's template builds
    output: int = 50_000_000  # characters of XML a document renders to
    depth: int = 50
    number_bits: int = 10_000  # about 3,000 digits


LIMITS = Limits()


class BoundExceeded(Exception):
    """A template went past one of the :class:`Limits` for this document. ``str()`` says which,
    in words for a message that goes on to name the template and the row."""


@dataclass
class Budget:
    """What one document has spent so far."""

    limits: Limits
    deadline: float
    steps: int = 0
    created: int = 0
    output: int = 0
    depth: int = 0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.steps:
            raise BoundExceeded(
                f"it does more than {self.limits.steps:,} steps (loop rounds, calls and "
                "filters) for one document"
            )
        # A clock read costs less than the cheapest step a template can take.
        if time.monotonic() > self.deadline:
            self.out_of_time()

    def out_of_time(self) -> None:
        raise BoundExceeded(
            f"it takes longer than {self.limits.seconds:g} seconds for one document"
        )

    def build(self, size: int, what: str = "a text") -> None:
        """Account for a value of ``size`` characters (or items) about to be built."""
        if size > self.limits.text:
            raise BoundExceeded(
                f"it builds {what} of {size:,} characters or items, more than the "
                f"{self.limits.text:,} allowed"
            )
        self.created += size
        if self.created > self.limits.created:
            raise BoundExceeded(
                f"it builds more than {self.limits.created:,} characters of text for one document"
            )

    def emit(self, size: int) -> None:
        """Account for ``size`` characters of the document itself."""
        self.output += size
        if self.output > self.limits.output:
            raise BoundExceeded(
                f"the document would be more than {self.limits.output:,} characters of XML"
            )


_BUDGET: ContextVar[Budget | None] = ContextVar("coalition_template_budget", default=None)


@contextlib.contextmanager
def budget(limits: Limits = LIMITS) -> Iterator[Budget]:
    """Count what the templates rendered inside the ``with`` block spend, as one document."""
    spent = Budget(limits, time.monotonic() + limits.seconds)
    token = _BUDGET.set(spent)
    try:
        yield spent
    finally:
        _BUDGET.reset(token)


def current() -> Budget | None:
    return _BUDGET.get()


# --- Sizes --------------------------------------------------------------------------------------


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


def _check_built(value: Any, what: str = "a text") -> Any:
    spent = _BUDGET.get()
    if spent is not None:
        spent.step()
        size = _size(value)
        if size:
            spent.build(size, what)
    return value


# Widths in a printf-style or format() specification: "%999999999d", "{:>999999999}".
_HUGE_WIDTH = re.compile(r"\d{7,}")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _HUGE_WIDTH.search(text):
        raise BoundExceeded("it formats a value with a width of millions of characters")


def _bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) and not isinstance(value, bool) else 0


def _binop(spent: Budget, symbol: str, left: Any, right: Any) -> None:
    """Refuse, before computing it, a result over the bounds."""
    limits = spent.limits
    if symbol == "**":
        if _bits(left) and isinstance(right, int) and right > 0:
            if _bits(left) * right > limits.number_bits:
                raise BoundExceeded(
                    f"it computes a number of more than {limits.number_bits:,} bits with **"
                )
        elif isinstance(right, int | float) and abs(right) > limits.number_bits:
            raise BoundExceeded("it raises a number to a power in the thousands with **")
    elif symbol == "*":
        for sequence, count in ((left, right), (right, left)):
            if _size(sequence) and isinstance(count, int):
                spent.build(_size(sequence) * max(count, 0), "a repeated text or list")
        if _bits(left) + _bits(right) > limits.number_bits:
            raise BoundExceeded(f"it computes a number of more than {limits.number_bits:,} bits")
    elif symbol == "+":
        if _size(left) and _size(right):
            spent.build(_size(left) + _size(right), "a joined text or list")
    elif symbol == "%" and isinstance(left, str):
        _check_format(left)


def bounded_concat(items: list[Any]) -> Any:
    """``a ~ b``: Jinja's own joining, after checking the size of the result."""
    texts = [soft_str(item) for item in items]
    spent = _BUDGET.get()
    if spent is not None:
        spent.step()
        spent.build(sum(map(len, texts)), "a joined text")
    if any(hasattr(text, "__html__") for text in texts):
        return Markup("").join(texts)
    return "".join(texts)


def bounded_loop(iterable: Any, static_size: int = 0) -> Iterator[Any]:
    """Each round of a ``{% for %}`` is a step, and adds the loop's own text to the document."""
    spent = _BUDGET.get()
    if spent is None:
        yield from iterable
        return
    for item in iterable:
        spent.step()
        if static_size:
            spent.emit(static_size)
        yield item


# --- Filters ------------------------------------------------------------------------------------

# Filters with a numeric argument that sets the size of what they build.
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "slice", "batch", "tojson"})
# str methods whose numeric argument is the size of their result.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _value_index(function: Callable[..., Any]) -> int:
    """Where a filter's value is among its arguments (after a context, if it takes one)."""
    return 1 if getattr(function, "jinja_pass_arg", None) is not None else 0


def _check_width(spent: Budget, arguments: Iterable[Any], text: Any, per_line: bool) -> None:
    lines = text.count("\n") + 1 if per_line and isinstance(text, str) else 1
    for argument in arguments:
        if isinstance(argument, int) and not isinstance(argument, bool):
            if abs(argument) > spent.limits.text:
                spent.build(abs(argument), "a padded or wrapped text")
            if per_line:
                spent.build(abs(argument) * lines + _size(text), "an indented text")


def _check_replace(spent: Budget, text: Any, arguments: list[Any]) -> None:
    if isinstance(text, str) and len(arguments) >= 2:
        old, new = str(arguments[0]), str(arguments[1])
        count = len(text) + 1 if not old else text.count(old)
        spent.build(len(text) + count * max(len(new) - len(old), 0), "a replaced text")


def _check_join(spent: Budget, items: Any, separator: str) -> None:
    if isinstance(items, list | tuple):
        total = sum(len(soft_str(item)) for item in items)
        spent.build(total + len(separator) * max(len(items) - 1, 0), "a joined text")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    index = _value_index(function)
    sized = name in _WIDTH_FILTERS or name in {"format", "replace", "join"}
    what = f"the result of the {name} filter"

    def bounded(*args: Any, **kwargs: Any) -> Any:
        spent = _BUDGET.get()
        if spent is None:
            return function(*args, **kwargs)
        spent.step()
        if sized:
            value = args[index] if len(args) > index else None
            rest = [*args[index + 1 :], *kwargs.values()]
            if name in _WIDTH_FILTERS:
                _check_width(spent, rest, value, per_line=name == "indent")
            elif name == "format":
                _check_format(value)
            elif name == "replace":
                _check_replace(spent, value, rest)
            else:
                _check_join(spent, value, str(rest[0]) if rest else "")
        result = function(*args, **kwargs)
        size = _size(result)
        if size:
            spent.build(size, what)
        return result

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


# --- The environment ----------------------------------------------------------------------------


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with operators, calls and filters counted and sized against the budget of
    the document being rendered (see :func:`budget`)."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Random text has no place in a letter, and its size argument is not bounded.
        self.globals.pop("lipsum", None)
        for name, function in list(self.filters.items()):
            self.filters[name] = _bounded_filter(name, function)
        self.filters[LOOP_FILTER] = bounded_loop
        self.filters[CONCAT_FILTER] = bounded_concat

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Add a filter of our own, counted like the built-in ones."""
        self.filters[name] = _bounded_filter(name, function)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"{:>999999999}".format(x)``: refused when the method is fetched, before Jinja's
        own sandboxed formatter (which :meth:`call` never sees) builds it."""
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in {"format", "format_map"}:
            _check_format(owner)
        return super().wrap_str_format(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        spent = _BUDGET.get()
        if spent is not None:
            spent.step()
            _binop(spent, operator, left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spent = _BUDGET.get()
        if spent is None:
            return super().call(__context, __obj, *args, **kwargs)
        spent.step()
        _check_method(spent, __obj, [*args, *kwargs.values()])
        spent.depth += 1
        if spent.depth > spent.limits.depth:
            raise BoundExceeded(
                f"its macros call each other more than {spent.limits.depth} deep (a macro "
                "that calls itself without end?)"
            )
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            spent.depth -= 1
        return _check_built(result, "the result of a call")


def _check_method(spent: Budget, function: Any, arguments: list[Any]) -> None:
    """The size of what a method of a text will build, checked before it is called."""
    owner = getattr(function, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(function, "__name__", "")
    if name in _WIDTH_METHODS:
        _check_width(spent, arguments, owner, per_line=False)
    elif name == "replace":
        _check_replace(spent, owner, arguments)
    elif name == "join" and arguments:
        _check_join(spent, arguments[0], owner)


# --- Rewriting a template so that its loops and joins are counted --------------------------------

LOOP_FILTER = "coalition_bounded_loop"
CONCAT_FILTER = "coalition_bounded_concat"


def _static_size(body: Iterable[nodes.Node]) -> int:
    """Characters of template text a block prints each time it runs (nested loops and macros
    count their own)."""
    size = 0
    for node in body:
        if isinstance(node, nodes.TemplateData):
            size += len(node.data)
        elif isinstance(node, nodes.For | nodes.Macro | nodes.CallBlock):
            continue
        else:
            size += _static_size(node.iter_child_nodes())
    return size


def bound_loops(template: nodes.Template) -> nodes.Template:
    """Make every ``{% for %}`` count its rounds and every ``~`` check its size (in place)."""
    for loop in template.find_all(nodes.For):
        size = _static_size(loop.body)
        loop.iter = nodes.Filter(
            loop.iter, LOOP_FILTER, [nodes.Const(size)], [], None, None, lineno=loop.lineno
        )
    # Every place that holds a join, found before any is replaced (joins may nest).
    places: list[tuple[nodes.Node, str, int | None]] = []
    for parent in [template, *template.find_all(nodes.Node)]:
        for field in parent.fields:
            value = getattr(parent, field, None)
            if isinstance(value, nodes.Concat):
                places.append((parent, field, None))
            elif isinstance(value, list):
                places += [
                    (parent, field, i)
                    for i, item in enumerate(value)
                    if isinstance(item, nodes.Concat)
                ]
    for parent, field, position in places:
        if position is None:
            setattr(parent, field, _as_filter(getattr(parent, field)))
        else:
            getattr(parent, field)[position] = _as_filter(getattr(parent, field)[position])
    return template


def _as_filter(concat: nodes.Concat) -> nodes.Filter:
    return nodes.Filter(
        nodes.List(concat.nodes, lineno=concat.lineno),
        CONCAT_FILTER,
        [],
        [],
        None,
        None,
        lineno=concat.lineno,
    )
