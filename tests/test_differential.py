"""Every letter's text is docxtpl's own, for every template of a corpus of real ones.

The corpus (tests/corpus) holds docxtpl's own test templates, written in Word by its authors and
adapted to the letters' fields, and templates written in LibreOffice Writer: split runs,
headers and footers (some reading ``extra.get(...)`` and ``extra.items()``), footnotes,
endnotes, comments, text boxes, pictures, table loops, merged cells and docxtpl's ``{%p %}``,
``{%tr %}``, ``{%tc %}``, ``{{r }}`` and ``{{p }}`` forms.

Each template renders the letters of a batch through one DocxRenderer, as ``coalition letters``
does (so a part reused from an earlier letter would show), and each letter is compared, part
by part and paragraph by paragraph, with docxtpl rendering the same template with the same
context from scratch:

* body, headers, footers and footnotes: docxtpl's ``render()``;
* endnotes and comments, which docxtpl leaves as typed: docxtpl's own footnote procedure
  (``patch_xml`` then ``render_xml_part``) applied to them;
* document properties: docxtpl's ``render_properties`` with a plain-text environment (given the
  escaping environment, docxtpl escapes property values twice);
* ``{{r field}}`` and ``{{p field}}``: docxtpl given what its users pass there, a ``RichText``
  and a ``RichTextParagraph`` of the value.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate, RichText, RichTextParagraph
from lxml import etree
from typed_rows import typed_plan

from generator.letters.batch import Options, plan_letters
from generator.letters.context import PlanIndex, letter_context, letter_environment
from generator.letters.fields import schema
from generator.word.batch import DocxRenderer, RenderError
from generator.word.environment import one_line

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*/*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY = dt.date(2026, 5, 4)
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
# docxtpl's forms that print a run or a paragraph: {{r member}}, {{p benefit.roles}}.
RICH_FORMS = re.compile(r"\{\{(r|p)\s+([\w.]+)\s*\}\}")


def contexts() -> list[dict[str, Any]]:
    """The letters of the typed rows: ten, as different as the plan has them."""
    plan = typed_plan()
    index = PlanIndex(plan)
    jobs, _, _ = plan_letters(plan, Options(keep_informed=True))
    chosen = [letter_context(j.invitee, index, today=DAY, letter=j.kind, row=j.row) for j in jobs]
    return chosen[::3]


CONTEXTS = contexts()


def typed_text(path: Path) -> str:
    """A template's text with its markup taken out, to see which tags it holds as typed."""
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )
    return re.sub(r"<[^>]+>", "", xml)


class Run(RichText):
    """A RichText that is as true or false as its text, as the plain value is in an {% if %}."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __bool__(self) -> bool:
        return bool(self.text)


class Paragraph(RichTextParagraph):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.add(RichText(text))
        self.text = text

    def __bool__(self) -> bool:
        return bool(self.text)


def with_rich_values(context: dict[str, Any], path: Path) -> dict[str, Any]:
    """The context as a docxtpl user passes it to {{r field}} and {{p field}}."""
    rich = dict(context)
    for form, name in set(RICH_FORMS.findall(typed_text(path))):
        head, _, attribute = name.partition(".")
        value = context[head][attribute] if attribute else context[head]
        wrapped: Any = Paragraph(value) if form == "p" else Run(value)
        if attribute:
            rich[head] = {**rich[head], attribute: wrapped}
        else:
            rich[head] = wrapped
    return rich


class Docxtpl(DocxTemplate):
    """docxtpl itself; document properties rendered as plain text (see the module docstring)."""

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        plain = letter_environment().overlay(autoescape=False, finalize=one_line)
        super().render_properties(context, plain)


def docxtpl_letter(path: Path, context: dict[str, Any]) -> bytes:
    template = Docxtpl(path)
    env = letter_environment()
    template.render(with_rich_values(context, path), jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    # Endnotes and comments, which docxtpl's render() skips, the way it renders footnotes.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with source, zipfile.ZipFile(output, "w") as result:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in ("word/endnotes.xml", "word/comments.xml"):
                xml = etree.tostring(etree.fromstring(data), encoding="unicode")
                xml = template.patch_xml(xml)
                xml = template.render_xml_part(xml, None, with_rich_values(context, path), env)
                data = xml.encode("utf-8")
            result.writestr(info, data)
    return output.getvalue()


def paragraphs(xml: bytes) -> list[str]:
    """Each paragraph's text (breaks as \\n, tabs as \\t), nested text boxes as paragraphs of
    their own, in document order."""
    root = etree.fromstring(xml)
    texts: dict[Any, list[str]] = {p: [] for p in root.iter(f"{W}p")}
    for element in root.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        paragraph = next(a for a in element.iterancestors(f"{W}p"))
        if element.tag == f"{W}t":
            texts[paragraph].append(element.text or "")
        else:
            texts[paragraph].append("\t" if element.tag == f"{W}tab" else "\n")
    return ["".join(pieces) for pieces in texts.values()]


def text_outside_runs(xml: bytes) -> list[str]:
    """Text that stands outside any run's text, where Word and LibreOffice drop it."""
    root = etree.fromstring(xml)
    lost = []
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(W):
            continue
        if (
            element.tag not in (f"{W}t", f"{W}instrText", f"{W}delText")
            and (element.text or "").strip()
        ):
            lost.append(element.text)
        if (element.tail or "").strip():
            lost.append(element.tail)
    return lost


def letter_texts(data: bytes) -> dict[str, Any]:
    """Every text part's paragraphs and the properties docxtpl renders."""
    texts: dict[str, Any] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if TEXT_PARTS.fullmatch(name):
                texts[name] = paragraphs(archive.read(name))
    properties = docx.Document(io.BytesIO(data)).core_properties
    texts["properties"] = {name: getattr(properties, name) for name in PROPERTIES}
    return texts


def test_the_corpus_is_all_there() -> None:
    names = {path.parent.name for path in CORPUS}
    assert names == {"docxtpl", "libreoffice"}
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_letter_is_the_text_docxtpl_makes(path: Path) -> None:
    # Fields printed by {{r }} or {{p }} take docxtpl's objects on its side; a plain tag
    # elsewhere reading the same field would then differ for docxtpl's reasons, not ours.
    rich = {name for _, name in RICH_FORMS.findall(typed_text(path))}
    plain = re.findall(r"\{\{\s*([\w.]+)\s*\}\}", typed_text(path))
    assert not rich & set(plain), "a field printed both ways would not compare like with like"
    assert not any("{_" in str(c) or "_}" in str(c) for c in CONTEXTS)  # docxtpl rewrites those

    renderer = DocxRenderer(path, schema=schema(), env=letter_environment())
    compared = 0
    for context in CONTEXTS:  # one renderer for the batch, as `coalition letters` uses it
        try:
            ours = renderer.render(context)
        except RenderError as error:
            # A template that reads what this row does not have fails for docxtpl too.
            with pytest.raises(Exception):  # noqa: B017 (docxtpl raises Jinja's own errors)
                docxtpl_letter(path, context)
            assert "has no value for this row" in str(error)
            continue
        theirs = docxtpl_letter(path, context)
        assert letter_texts(ours) == letter_texts(theirs), f"row {context['row']}"
        with zipfile.ZipFile(io.BytesIO(ours)) as archive:
            for name in archive.namelist():
                if TEXT_PARTS.fullmatch(name):
                    assert text_outside_runs(archive.read(name)) == [], name
        compared += 1
    assert compared >= len(CONTEXTS) // 2
