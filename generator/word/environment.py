"""The Jinja environment every Word template renders in: sandboxed, bounded, escaped and strict.

* Sandboxed, because templates come from colleagues: a template cannot reach Python internals.
* Bounded, for the same reason: Jinja's sandbox caps ``range`` but not the rest of the work a
  template can ask for. Here no operator, filter or method may make a value of more than
  :data:`MAX_VALUE` characters (``'x' * 10**9``, ``center(10**9)``, a format width of a billion),
  no number may grow past :data:`MAX_BITS`, one document may be at most :data:`MAX_OUTPUT`
  characters, and rendering one document stops after :data:`RENDER_SECONDS` (nested loops), so
  that a template from someone else cannot keep a batch busy for ever. Each is a
  ``SecurityError``, reported as something templates may not do.
* Escaped, because values are data: ``&``, ``<`` and ``>`` in a name must not corrupt the
  document (docxtpl's default leaves them raw and then "recovers" the XML, silently losing text).
* Strict, because a misspelt field should stop that document with its name, not leave a blank.

Values are also made Word-ready here: characters XML forbids are removed, line breaks become
Word line breaks and tabs Word tabs. A value is never template code: ``{{ 7*7 }}`` typed into a
cell comes out as those characters.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from generator.common.english import listed, lower_first
from generator.common.text import xml_safe

# Inside a <w:t> run: close the text, add the break or tab, reopen the text.
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def word_value(value: Any) -> Any:
    """What a ``{{ field }}`` prints: escaped text with Word's own breaks and tabs."""
    if hasattr(value, "__html__"):  # already markup: a docxtpl image, a RichText, a Listing
        return value
    if value is None:
        return Markup("")
    text = str(escape(xml_safe(str(value))))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Markup(text.replace("\n", _BREAK).replace("\t", _TAB))


def template_line(error: BaseException) -> int | None:
    """The template line a runtime error happened on, from Jinja's rewritten traceback."""
    tb = error.__traceback__
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


#: The longest value a template may make with one operator, filter or method call.
MAX_VALUE = 1_000_000
#: The largest number, in bits, a template may compute (10 ** 300000 has about a million).
MAX_BITS = 1_000_000
#: The most characters one part of one document may render to: many times the briefing of the
#: largest plan the bounds allow (about 6 million).
MAX_OUTPUT = 20_000_000
#: Seconds one part of one document may take to render (a letter takes a millisecond).
RENDER_SECONDS = 20.0
# A format width ("%9999999s", "{:>9999999}") of a million characters or more.
_HUGE_WIDTH = re.compile(r"[%:][^%:{}]{0,8}?\d{7,}")


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_VALUE
    return isinstance(value, str) and bool(_HUGE_WIDTH.search(value))


def _check(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    if any(_too_big(value) for value in (*args, *kwargs.values())):
        raise SecurityError(f"a width or count over {MAX_VALUE:,} was asked for")


def _bounded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """A filter that refuses widths and counts past the bounds. Its first argument is the value
    (or the context or environment the filter asks for), checked only where it is a format."""

    @functools.wraps(function)  # keeps Jinja's pass_context and pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check(args if name == "format" else args[1:], kwargs)
        return function(*args, **kwargs)

    return bounded


def _repeats_past_bounds(left: Any, right: Any) -> bool:
    """Whether ``left * right`` repeats a text or a list past :data:`MAX_VALUE` items."""
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(times, int):
            return len(sequence) * times > MAX_VALUE
    return False


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the work of each operation bounded (see the module)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and _repeats_past_bounds(left, right):
            raise SecurityError(f"a value of more than {MAX_VALUE:,} characters")
        numbers = isinstance(left, int) and isinstance(right, int)
        if numbers and operator == "*" and left.bit_length() + right.bit_length() > MAX_BITS:
            raise SecurityError("a number too large to compute")
        if (
            numbers
            and operator == "**"
            and right > 0
            and max(left.bit_length(), 1) * right > MAX_BITS
        ):
            raise SecurityError("a number too large to compute")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # A text's own methods: its format() is wrapped by the sandbox, the text kept inside.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        _check((*args, owner) if isinstance(owner, str) else args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def environment() -> ImmutableSandboxedEnvironment:
    """A fresh environment with the filters templates may use (listed in the field reference)."""
    env = BoundedSandbox(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=word_value,
        keep_trailing_newline=True,
    )
    env.filters["join_and"] = listed
    env.filters["lower_first"] = lower_first
    env.filters = {name: _bounded_filter(f, name) for name, f in env.filters.items()}
    return env


def render_bounded(template: Template, context: Mapping[str, Any]) -> str:
    """``template.render(context)``, stopped with a SecurityError past :data:`MAX_OUTPUT`
    characters or :data:`RENDER_SECONDS` (the time is enforced where the system has timers for
    it, on the main thread: Linux and macOS)."""
    written = io.StringIO()  # one buffer, not a string object per piece
    size = 0
    with _deadline(RENDER_SECONDS):
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"it makes more than {MAX_OUTPUT:,} characters of one document")
            written.write(piece)
    return written.getvalue()


class _TooSlow(SecurityError):
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _TooSlow(f"one document took more than {seconds:g} seconds; a loop runs too long")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: The filters a template may use beyond Jinja's built-ins, for the field reference.
FILTERS = {
    "join_and": "a list as \u201ca, b and c\u201d (with semicolons when an item has its own "
    "\u201cand\u201d): {{ partner.assets | join_and }}",
    "lower_first": "lower-case the first letter for mid-sentence use, keeping acronyms and words "
    "such as English: {{ matching.groups | map('lower_first') | join_and }}",
}
