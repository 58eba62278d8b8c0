"""The Jinja environment every Word template renders in: sandboxed, escaped and strict.

* Sandboxed, because templates come from colleagues: a template cannot reach Python internals.
* Escaped, because values are data: ``&``, ``<`` and ``>`` in a name must not corrupt the
  document (docxtpl's default leaves them raw and then "recovers" the XML, silently losing text).
* Strict, because a misspelt field should stop that document with its name, not leave a blank.

Values are also made Word-ready here: characters XML forbids are removed, line breaks become
Word line breaks and tabs Word tabs. A value is never template code: ``{{ 7*7 }}`` typed into a
cell comes out as those characters.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
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


def environment() -> ImmutableSandboxedEnvironment:
    """A fresh environment with the filters templates may use (listed in the field reference)."""
    env = ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=word_value,
        keep_trailing_newline=True,
    )
    env.filters["join_and"] = listed
    env.filters["lower_first"] = lower_first
    return env


#: The filters a template may use beyond Jinja's built-ins, for the field reference.
FILTERS = {
    "join_and": "a list as \u201ca, b and c\u201d (with semicolons when an item has its own "
    "\u201cand\u201d): {{ partner.assets | join_and }}",
    "lower_first": "lower-case the first letter for mid-sentence use, keeping acronyms and words "
    "such as English: {{ matching.groups | map('lower_first') | join_and }}",
}
