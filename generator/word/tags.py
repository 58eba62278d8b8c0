"""Where each tag of a template stands, what it prints there, and where the user typed it.

docxtpl's clean-up (``patch_xml``) turns a part into Jinja source: XML with the tags in it. This
module reads that source once per template:

* :func:`scan` finds every tag (strings inside a tag, ``{% raw %}`` blocks and comments taken
  into account) with the XML elements open around it;
* :func:`position_filter` says what a ``{{ field }}`` must print where it stands: text inside a
  run, or a whole run, paragraph, cell or row where docxtpl's ``{{r …}}``, ``{{p …}}``,
  ``{{tc …}}`` and ``{{tr …}}`` replaced one, or one line of text in an attribute;
* :func:`check_structure` refuses what would break the document for some rows: an ``{% if %}``
  or ``{% for %}`` whose ends stand in different places (one in a table cell, the other
  outside the table), and docxtpl's ``{%tr …%}`` or ``{%tc …%}`` outside a row or cell;
* :class:`Locator` maps a line of the source back to the paragraph as the user typed it, so
  that messages quote ``{%tr for i in items %}`` rather than what docxtpl made of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from generator.word.template_fields import where_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_START = re.compile(r"\{\{|\{%|\{#")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_END_RAW = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")
_ANGLE = re.compile(r"[<>]")


@dataclass(frozen=True)
class Tag:
    """One tag of the source, with the XML elements open around it."""

    start: int
    end: int
    text: str
    line: int
    stack: tuple[str, ...]  # open elements, outermost first
    in_markup: bool  # inside an XML tag: an attribute's value
    columns: int = 1  # grid columns of the innermost table

    @property
    def kind(self) -> str:
        return self.text[:2]

    @property
    def body(self) -> str:
        """What is between the delimiters, without whitespace control."""
        return self.text[2:-2].strip("-+").strip()

    @property
    def keyword(self) -> str:
        """The first word of a block tag (``if``, ``endfor`` ...), or ""."""
        if self.kind != "{%":
            return ""
        return (self.body.split(None, 1) or [""])[0]


class _Elements:
    """The XML elements open at a point of the source, read a piece at a time."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.grids: list[int] = []  # gridCol count of each open table
        self.in_markup = False
        self.markup: list[str] = []

    def feed(self, text: str) -> None:
        position = 0
        for match in _ANGLE.finditer(text):
            if match.group() == "<" and not self.in_markup:
                self.in_markup = True
                self.markup = []
            elif match.group() == ">" and self.in_markup:
                self.markup.append(text[position : match.start()])
                inside = "".join(self.markup)
                if inside.startswith("!--") and not inside.endswith("--"):
                    self.markup.append(">")  # a ">" inside a comment
                else:
                    self.in_markup = False
                    self._element(inside)
            position = match.end()
        if self.in_markup:
            self.markup.append(text[position:])

    def _element(self, inside: str) -> None:
        if not inside or inside[0] in "?!":
            return
        if inside[0] == "/":
            name = inside[1:].strip()
            if name in self.stack:
                while self.stack:
                    closed = self.stack.pop()
                    if closed == "w:tbl" and self.grids:
                        self.grids.pop()
                    if closed == name:
                        break
            return
        name = inside.split(None, 1)[0].rstrip("/")
        if inside.endswith("/"):
            if name == "w:gridCol" and self.grids:
                self.grids[-1] += 1
            return
        self.stack.append(name)
        if name == "w:tbl":
            self.grids.append(0)


def _tag_end(source: str, start: int, kind: str) -> int:
    close = _CLOSE[kind]
    if kind == "{#":
        end = source.find(close, start + 2)
        return len(source) if end < 0 else end + 2
    position, length = start + 2, len(source)
    while position < length:
        char = source[position]
        if char in "'\"":  # a string may hold the closing delimiter
            position += 1
            while position < length and source[position] != char:
                position += 2 if source[position] == "\\" else 1
        elif source.startswith(close, position):
            return position + 2
        position += 1
    return length


def scan(source: str) -> list[Tag]:
    """Every tag of the source, in order, with the elements around it."""
    tags: list[Tag] = []
    elements = _Elements()
    position = 0
    line = 1
    while True:
        match = _START.search(source, position)
        if match is None:
            break
        elements.feed(source[position : match.start()])
        line += source.count("\n", position, match.start())
        end = _tag_end(source, match.start(), match.group())
        text = source[match.start() : end]
        tags.append(
            Tag(
                match.start(),
                end,
                text,
                line,
                tuple(elements.stack),
                elements.in_markup,
                elements.grids[-1] if elements.grids else 1,
            )
        )
        line += text.count("\n")
        position = end
        if tags[-1].keyword == "raw":  # its content is text, tags and all
            closing = _END_RAW.search(source, position)
            if closing is None:
                break
            elements.feed(source[position : closing.start()])
            line += source.count("\n", position, closing.start())
            position = closing.start()
    elements.feed(source[position:])
    return tags


# --- What a field prints where it stands ----------------------------------------------------------

# Elements whose content is runs, elements whose content is paragraphs, and wrappers that may hold
# either (their parent decides).
_RUN_CONTAINERS = frozenset({"w:p", "w:hyperlink", "w:fldSimple", "w:smartTag", "w:bdo", "w:dir"})
_BLOCK_CONTAINERS = frozenset(
    {
        "w:body",
        "w:tc",
        "w:txbxContent",
        "w:hdr",
        "w:ftr",
        "w:footnote",
        "w:endnote",
        "w:comment",
        "w:docPartBody",
    }
)
_WRAPPERS = frozenset({"w:sdtContent", "w:customXml", "w:ins", "w:del", "w:moveFrom", "w:moveTo"})


def position_filter(tag: Tag) -> str:
    """The filter that makes a ``{{ field }}`` print well-formed XML where it stands ("" for
    text inside a run, where the environment's own escaping is all it needs)."""
    if tag.in_markup:
        return "coalition_plain"
    container = next((name for name in reversed(tag.stack) if name not in _WRAPPERS), "")
    if container == "w:t":
        return ""
    if container == "w:r":
        return "coalition_run_text"
    if container == "w:tbl":
        return f"coalition_row({tag.columns})"
    if container == "w:tr":
        return "coalition_cell"
    if container in _BLOCK_CONTAINERS:
        return "coalition_paragraph"
    if container in _RUN_CONTAINERS:
        return "coalition_run"
    return "coalition_plain"


_PRINT = re.compile(r"\{\{([-+]?)(.*?)([-+]?)\}\}", re.DOTALL)


def with_position_filters(source: str, tags: list[Tag]) -> str:
    """The source with each ``{{ field }}`` that does not stand in a run's text wrapped in the
    filter that makes it print what belongs where it stands. Lines are kept as they were."""
    pieces: list[str] = []
    position = 0
    for tag in tags:
        if tag.kind != "{{":
            continue
        wrapper = position_filter(tag)
        match = _PRINT.fullmatch(tag.text)
        if not wrapper or match is None or not match.group(2).strip():
            continue
        left, expression, right = match.groups()
        pieces.append(source[position : tag.start])
        pieces.append(f"{{{{{left} ({expression.strip()}) | {wrapper} {right}}}}}")
        position = tag.end
    pieces.append(source[position:])
    return "".join(pieces)


# --- What would break the document ----------------------------------------------------------------

_OPENERS = frozenset({"if", "for", "macro", "call", "filter", "with", "block", "autoescape"})
_MIDDLES = frozenset({"elif", "else"})
_FORMS = re.compile(r"^\{[{%](tr|tc)\s")


@dataclass(frozen=True)
class Misplaced:
    """Why a template would break: ``first`` (and ``second``, when two tags disagree)."""

    reason: str
    first: Tag
    second: Tag | None = None

    def message(self, label: str, locator: Locator) -> str:
        """One sentence (after the template's name) quoting both tags as typed."""
        paragraph, text, typed = locator.tag_at(self.first)
        where = where_text(label, paragraph, text)
        if self.second is None:
            return (
                f"has {typed} in {where}, which {self.reason}; docxtpl's {{%tr \u2026%}} and "
                "{%tc \u2026%} repeat or leave out the table row or cell they stand in."
            )
        other_paragraph, other_text, other = locator.tag_at(self.second)
        there = where_text("", other_paragraph, other_text).lstrip(", ")
        return (
            f"has {typed} in {where} and its {other} in {there}, {self.reason}, so some "
            "letters would come out broken; put both in the same place (to leave out whole "
            "table rows, use {%tr if \u2026%} and {%tr endif %})."
        )


def _place(tag: Tag) -> str:
    """Where a tag stands, in Word's words."""
    if tag.in_markup:
        return "inside a field of Word's own"
    container = next((name for name in reversed(tag.stack) if name not in _WRAPPERS), "")
    tables = tag.stack.count("w:tbl")
    table = "a table" if tables < 2 else "a table inside a table"
    if container == "w:tbl":
        return f"between the rows of {table}"
    if container == "w:tr":
        return f"between the cells of a row of {table}"
    if tables:
        return f"in a cell of {table}"
    if "w:txbxContent" in tag.stack:
        return "in a text box"
    return "in the text"


def _differ(first: Tag, second: Tag) -> str:
    one, other = _place(first), _place(second)
    if one == other:
        return f"which stand at different depths ({one}, but not in the same kind of element)"
    return f"which stand in different places (one {one}, the other {other})"


def _opens(tag: Tag) -> bool:
    if tag.keyword == "set":
        return "=" not in tag.body  # {% set x %}...{% endset %} holds a block
    return tag.keyword in _OPENERS


def check_structure(tags: list[Tag]) -> Misplaced | None:
    """The first place where the template would make broken XML for some rows, or None.

    The two ends of a block (``{% if %}`` and ``{% endif %}``, ``{% for %}`` and
    ``{% endfor %}``) must stand among the same kinds of elements: otherwise what the block
    leaves out or repeats closes elements it does not open.
    """
    blocks: list[Tag] = []
    for tag in tags:
        form = _FORMS.match(tag.text)
        if form:
            where = "row" if form.group(1) == "tr" else "cell"
            return Misplaced(f"is not in a table {where}", tag)
        if tag.kind != "{%":
            continue
        keyword = tag.keyword
        if _opens(tag):
            blocks.append(tag)
        elif keyword in _MIDDLES or keyword.startswith("end"):
            if not blocks:
                return None  # a syntax error, which Jinja reports in its own words
            opener = blocks[-1]
            if (opener.stack, opener.in_markup) != (tag.stack, tag.in_markup):
                return Misplaced(_differ(opener, tag), opener, tag)
            if keyword.startswith("end"):
                blocks.pop()
    return None


def unclosed(tags: list[Tag]) -> Tag | None:
    """The innermost block left open at the end of the source (a missing ``{% endif %}``)."""
    blocks: list[Tag] = []
    for tag in tags:
        if tag.kind != "{%":
            continue
        if _opens(tag):
            blocks.append(tag)
        elif tag.keyword.startswith("end") and blocks:
            blocks.pop()
    return blocks[-1] if blocks else None


# --- Where the user typed a tag -------------------------------------------------------------------

_TYPED = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_DOCXTPL_FORM = re.compile(r"^(?:p|tr|tc|r)\s")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _normal(tag: str) -> str:
    """A tag as docxtpl's clean-up leaves it, for matching typed tags with rewritten ones."""
    body = tag[2:-2]
    body = _DOCXTPL_FORM.sub("", body)
    body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&#8216;", "'")
    return tag[:2] + " ".join(body.translate(_QUOTES).strip("-+").split())


@dataclass(frozen=True)
class Typed:
    """A paragraph (or a property) as the user typed it, and its number in the part."""

    number: int  # 1-based; 0 for a part without paragraphs
    text: str


def typed_units(root: etree._Element) -> list[Typed]:
    """The part's paragraphs as typed (their runs' text joined), or, for a part without
    paragraphs (document properties), each element's own text."""
    paragraphs = list(root.iter(f"{W}p"))
    if not paragraphs:
        return [
            Typed(0, element.text)
            for element in root.iter()
            if isinstance(element.tag, str) and element.text and element.text.strip()
        ]
    texts: dict[etree._Element, list[str]] = {p: [] for p in paragraphs}
    for text in root.iter(f"{W}t"):
        parent = text.getparent()
        while parent is not None and parent.tag != f"{W}p":
            parent = parent.getparent()
        if parent is not None and text.text:
            texts[parent].append(text.text)
    return [Typed(number, "".join(texts[p])) for number, p in enumerate(paragraphs, start=1)]


class Locator:
    """Maps the lines of a part's source back to the paragraphs the user typed."""

    def __init__(self, units: list[Typed], tags: list[Tag]) -> None:
        self.tags = tags
        typed = [(unit, m.group()) for unit in units for m in _TYPED.finditer(unit.text)]
        self._typed = typed
        matcher = difflib.SequenceMatcher(
            None, [_normal(t) for _, t in typed], [_normal(t.text) for t in tags], autojunk=False
        )
        self._of: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                self._of[block.b + offset] = block.a + offset
        self._units = units

    def on_line(self, line: int | None) -> Iterator[int]:
        return (i for i, tag in enumerate(self.tags) if tag.line == line)

    def locate(self, line: int | None, hint: str = "") -> tuple[int, str, str]:
        """(paragraph number, paragraph as typed, tag as typed) for a line of the source; with
        ``hint`` (a field or a keyword), the tag of that line that mentions it."""
        indexes = list(self.on_line(line))
        chosen = next((i for i in indexes if hint and hint in self.tags[i].text), None)
        if chosen is None and indexes:
            chosen = indexes[0]
        if chosen is not None and chosen in self._of:
            unit, typed = self._typed[self._of[chosen]]
            return unit.number, unit.text, typed
        number = self._paragraph_of_line(line)
        tag = self.tags[chosen].text if chosen is not None else ""
        if 0 < number <= len(self._units):
            return number, self._units[number - 1].text, tag
        return 0, "", tag

    def _paragraph_of_line(self, line: int | None) -> int:
        """Line n of the source holds paragraph n-1, less the paragraphs docxtpl's clean-up
        took out before it (``{%p …%}``, ``{%tr …%}``), as the typed tags placed so far show."""
        if not line or not self._units or self._units[0].number == 0:
            return 0
        offset = 0
        for index, tag in enumerate(self.tags):
            if index in self._of and tag.line <= line:
                unit, _ = self._typed[self._of[index]]
                offset = unit.number - (tag.line - 1)
        return line - 1 + offset

    def tag_at(self, tag: Tag) -> tuple[int, str, str]:
        """(paragraph number, paragraph as typed, tag as typed) for a tag of the source."""
        index = self.tags.index(tag)
        if index in self._of:
            unit, typed = self._typed[self._of[index]]
            return unit.number, unit.text, typed
        number, text, _ = self.locate(tag.line)
        return number, text, tag.text
