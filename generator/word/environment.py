"""The Jinja environment every Word template renders in: sandboxed, bounded, escaped and strict.

* Sandboxed, because templates come from colleagues: a template cannot reach Python internals.
* Bounded (:mod:`generator.word.bounds`): time, work, size and depth per document.
* Escaped, because values are data: ``&``, ``<`` and ``>`` in a name must not corrupt the
  document (docxtpl's default leaves them raw and then "recovers" the XML, silently losing text).
* Strict, because a misspelt field should stop that document with its name, not leave a blank.

Values are also made Word-ready here: characters XML forbids are removed, line breaks become
Word line breaks and tabs Word tabs. A value is never template code: ``{{ 7*7 }}`` or docxtpl's
``{_{ … }_}`` typed into a cell come out as those characters, in every part.

What a ``{{ field }}`` prints depends on where the tag stands once docxtpl's clean-up has run
(:mod:`generator.word.tags` decides): inside a run's text, plain text; in place of a run, a
paragraph, a table cell or a row (docxtpl's ``{{r …}}``, ``{{p …}}``, ``{{tc …}}`` and
``{{tr …}}``), a run, paragraph, cell or row holding the text; in an attribute or a field code,
text on one line; in a hyperlink's address, the value made safe for a URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from jinja2 import StrictUndefined
from markupsafe import Markup, escape

from generator.common.english import listed, lower_first
from generator.common.text import xml_safe
from generator.word.bounds import BoundedEnvironment, current

# Inside a <w:t> run: close the text, add the break or tab, reopen the text.
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_TEXT = '<w:t xml:space="preserve">'


def _protected(text: str) -> str:
    """Escaped text in which docxtpl's ``{_{ }_}`` clean-up, which runs on the rendered XML,
    finds nothing: braces and a ``_`` at either end are written as character references, which
    read back as the same characters."""
    if "{" in text or "}" in text:
        text = text.replace("{", "&#123;").replace("}", "&#125;")
    if text[:1] == "_":
        text = "&#95;" + text[1:]
    if text[-1:] == "_":
        text = text[:-1] + "&#95;"
    return text


def _emitted(markup: Markup) -> Markup:
    spent = current()
    if spent is not None:
        spent.emit(len(markup))
    return markup


_EMPTY = Markup("")


def word_value(value: Any) -> Any:
    """What a ``{{ field }}`` prints in a run's text: escaped text with Word's breaks and tabs."""
    if hasattr(value, "__html__"):  # already markup: a picture, a run, a paragraph
        return _emitted(Markup(_protected(str(value.__html__()))))
    if value is None:
        return _EMPTY
    # str methods, not Markup's: Markup.replace would escape what it puts in.
    text = str(escape(xml_safe(value if type(value) is str else str(value))))
    if "{" in text or "}" in text or text[:1] == "_" or text[-1:] == "_":
        text = _protected(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text or "\t" in text:
        text = text.replace("\n", _BREAK).replace("\t", _TAB)
    return _emitted(Markup(text))


def one_line(value: Any) -> str:
    """A value as plain text on one line (document properties, attributes, field codes)."""
    if value is None:
        return ""
    return " ".join(xml_safe(str(value)).split())


def plain_value(value: Any) -> Any:
    """What a field prints where Word keeps plain text: escaped, on one line."""
    if hasattr(value, "__html__"):
        return value
    return _emitted(Markup(_protected(str(escape(one_line(value))))))


# --- Tags that stand in place of a run, a paragraph, a cell or a row -----------------------------


def as_run(value: Any) -> Markup:
    """docxtpl's ``{{r …}}`` with a plain value: a run holding the text (nothing when empty)."""
    text = word_value(value)
    return Markup(f"<w:r>{_TEXT}{text}</w:t></w:r>") if text else Markup("")


def as_run_text(value: Any) -> Markup:
    """A value printed inside a run but outside its text: a text element of its own."""
    return Markup(f"{_TEXT}{word_value(value)}</w:t>")


def as_paragraph(value: Any) -> Markup:
    """docxtpl's ``{{p …}}`` with a plain value: a paragraph holding the text."""
    return Markup(f"<w:p>{as_run(value)}</w:p>")


def as_cell(value: Any) -> Markup:
    """docxtpl's ``{{tc …}}`` with a plain value: a table cell holding the text."""
    return Markup(f"<w:tc>{as_paragraph(value)}</w:tc>")


def as_row(value: Any, columns: int = 1) -> Markup:
    """docxtpl's ``{{tr …}}`` with a plain value: a row with one cell across the table."""
    span = f'<w:tcPr><w:gridSpan w:val="{columns}"/></w:tcPr>' if columns > 1 else ""
    return Markup(f"<w:tr><w:tc>{span}{as_paragraph(value)}</w:tc></w:tr>")


# --- Hyperlink addresses ------------------------------------------------------------------------

#: Schemes a value may bring when it is a whole address: web, mail and telephone links. Others
#: (file:, javascript:, smb:) could make a click in Word reach a machine the letter never meant.
URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# Characters a URL may carry as they are (RFC 3986 reserved and unreserved, and %).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def url_value(value: Any, starts_address: bool = False) -> Markup:
    """A value in a hyperlink's address, escaped for the XML attribute.

    In the middle of an address (``mailto:{{ email }}``) the value is one component: every
    character that could change the address's structure is percent-encoded. As the whole
    address (``{{ website }}``) it keeps its structure but must start with a web, mail or
    telephone scheme (``www.`` gets ``https://``); anything else becomes a harmless relative
    link.
    """
    text = one_line(value)
    if starts_address:
        if text.lower().startswith("www."):
            text = "https://" + text
        if text.lower().startswith(URL_SCHEMES):
            return _emitted(Markup(escape(quote(text, safe=_URL_SAFE))))
    return _emitted(Markup(escape(quote(text, safe="@"))))


# --- The environment ----------------------------------------------------------------------------

#: Filters the renderer wraps around a tag according to where it stands (see generator.word.tags);
#: not for templates to use, so the field reference does not list them.
POSITION_FILTERS = {
    "coalition_run": as_run,
    "coalition_run_text": as_run_text,
    "coalition_paragraph": as_paragraph,
    "coalition_cell": as_cell,
    "coalition_row": as_row,
    "coalition_plain": plain_value,
    "coalition_url": url_value,
}


def template_line(error: BaseException) -> int | None:
    """The template line a runtime error happened on, from Jinja's rewritten traceback."""
    tb = error.__traceback__
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def environment() -> BoundedEnvironment:
    """A fresh environment with the filters templates may use (listed in the field reference)."""
    env = BoundedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=word_value,
        keep_trailing_newline=True,
    )
    env.add_filter("join_and", listed)
    env.add_filter("lower_first", lower_first)
    for name, function in POSITION_FILTERS.items():
        env.filters[name] = function
    return env


#: The filters a template may use beyond Jinja's built-ins, for the field reference.
FILTERS = {
    "join_and": "a list as \u201ca, b and c\u201d (with semicolons when an item has its own "
    "\u201cand\u201d): {{ partner.assets | join_and }}",
    "lower_first": "lower-case the first letter for mid-sentence use, keeping acronyms and words "
    "such as English: {{ matching.groups | map('lower_first') | join_and }}",
}
