"""Adapt docxtpl's own test templates to coalition's letter fields (the corpus of tests/corpus/docxtpl).

    python tests/corpus/adapt_docxtpl.py PATH/TO/python-docx-template/tests/templates

The templates were written in Word (and a few in LibreOffice) by docxtpl's authors, with every
habit real templates have: tags split across runs by the spelling checker, headers and footers,
footnotes, text boxes, pictures, embedded documents, table loops, merged cells, docxtpl's
``{%p %}``, ``{%tr %}``, ``{%tc %}`` and ``{{r }}``/``{{p }}`` forms. Only the fields change: each
template's own variables become fields of a coalition letter (``customer_name`` becomes
``member``), so that the differential test (tests/test_differential.py) can render them with real
letter contexts. The replacements are made in the text of the XML, keeping every run boundary,
so the tags stay split as Word split them. Images, embedded objects and formatting are untouched.
"""

# ruff: noqa: E501 (data: rows and XML read best one record to a line)

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
OUT = HERE / "docxtpl"

#: template -> [(text as docxtpl wrote it, text for coalition)], applied to every XML part.
ADAPTATIONS: dict[str, list[tuple[str, str]]] = {
    "order_tpl.docx": [
        ("customer_name", "member"),
        ("in items", "in matching.assets"),
        ("i.desc", "i"),
        ("i.qty", "loop.index"),
        ("i.price", "i|length"),
        ("total_price", "row"),
        ("total_price", "row"),
        ("is_paid", "is_existing_partner"),
        ("in_europe", "is_new_partner"),
        ("company_name", "coalition.name"),
    ],
    "nested_for_tpl.docx": [
        ("in dishes", "in [matching.areas, coalition.areas]"),
        ("dish.name", "dish|length"),
        ("dish.ingredients", "dish"),
        ("in authors", "in [partner]"),
        ("author.books", "author.domains"),
        ("book.title", "book"),
    ],
    "header_footer_tpl.docx": [
        ("{{title}}", "{{ member }}"),
        ("mysubdoc", "benefit.roles"),
        ("{{company_name}}", '{{ extra.get("Board liaison", "no liaison") }}'),
        ("{{date}}", "{{ today }}: {% for k, v in extra.items() %}{{ k }}={{ v }}; {% endfor %}"),
    ],
    "header_footer_tpl_utf8.docx": [
        ("{{title}}", "{{ organization }}"),
        ("mysubdoc", "benefit.aligned_initiatives"),
        ("{{company_name}}", "{{ sender }}"),
        ("{{date}}", "{{ extra['Board liaison'] if 'Board liaison' in extra else 'n/a' }}"),
    ],
    "header_footer_entities_tpl.docx": [
        ("unknowvar", "extra.nickname"),
        ("unknowvar", "extra.nickname"),
        ("{{title}}", "{{ salutation }}"),
    ],
    "footnotes_tpl.docx": [("a_jinja_variable", "sender_title")],
    "doc_properties_tpl.docx": [("{{ test }}", "{{ member }}")] * 4,
    "comments_tpl.docx": [],
    "merge_paragraph_tpl.docx": [("living_in_town", "is_existing_partner")] * 3,
    "cellbg_tpl.docx": [
        ("in alerts", "in matching.areas"),
        ("a.date", "loop.index"),
        ("a.bg", "'FFFF00' if loop.first else 'CCFFCC'"),
        ("a.type", "a"),
        ("a.desc", "coalition.name"),
    ],
    "dynamic_table_tpl.docx": [
        ("col_labels|count", "coalition.areas[:3]|count"),
        ("in col_labels", "in coalition.areas[:3]"),
        ("in tbl_contents", "in [matching.areas, matching.groups, matching.assets]"),
        ("item.label", "item|length"),
        ("item.cols", "item[:3]"),
    ],
    "horizontal_merge_tpl.docx": [("x in [1, 2] %}", "x in matching.groups %}")],
    "vertical_merge_tpl.docx": [
        ("in items", "in matching.areas"),
        ("{{category}}", "{{ coalition.community }}"),
        ("i.desc", "i"),
        ("i.qty", "loop.index"),
        ("i.price", "i|wordcount"),
        ("total_price", "row"),
    ],
    "vertical_merge_nested_tpl.docx": [("x in [1, 2] %}", "x in matching.assets %}")],
    "less_cells_after_loop_tpl.docx": [('["some", "data"]', "[member, organization]")],
    "module_execute_tpl.docx": [
        ("json_dict_var", "partner"),
        ("json_dict_var", "partner"),
        ("json_array_var", "matching.areas"),
        ("json_array_var", "matching.areas"),
        ("json_string_var", "member"),
        ("json_string_var", "member"),
        ("json_int_var", "row"),
        ("json_int_var", "row"),
        ("json_float_var is float", "(row / 2) is float"),
        ("{{ json_float_var }}", "{{ row / 2 }}"),
        ("json_true_var", "is_existing_partner"),
        ("json_false_var", "is_new_partner"),
        ("json_none_var", "extra.get('none')"),
    ],
    "multi_rendering_tpl.docx": [
        ("{{ title }}", "{{ organization }}"),
        ("{{ body }}", "{{ benefit.motivations }}"),
    ],
    "preserve_spaces_tpl.docx": [("tag_1", "member_title"), ("tag_2", "sender_title")],
    "richtext_and_if_tpl.docx": [("if foobar", "if member"), ("r foobar", "r salutation")],
    "richtext_eastAsia_tpl.docx": [
        ("r example", "r member"),
        ("r Chinese", "r organization"),
        ("r simsun", "r sender"),
    ],
    "richtext_paragraph_tpl.docx": [("p example", "p benefit.motivations")] * 2,
    "richtext_tpl.docx": [("r example", "r sender_title")],
    "subdoc_tpl.docx": [("mysubdoc", "mailing_address")],
    "word2016_tpl.docx": [
        ("test_space_r", "organization"),
        ("test_space", "member"),
        ("test_tabs_r", "sender_title"),
        ("test_tabs", "sender"),
    ],
    "escape_tpl.docx": [
        ("r myvar", "r member"),
        ("myescvar", "organization"),
        ("r nlnp", "r mailing_address"),
        ("mylisting", "benefit.roles"),
        ("r page_break", "r sender"),
        ("new_listing", "benefit.aligned_initiatives"),
        ("some_html", "partner.notes"),
    ],
    "escape_tpl_auto.docx": [
        ("iteritems(nested_dict)", "coalition.items()"),
        ("{{ autoescape }}", "{{ mailing_address }}"),
        ("autoescape_unicode", "organization"),
    ],
    "custom_jinja_filters_tpl.docx": [
        ("base_value_float | my_filterB(2)", "row | round(2)"),
        (
            "base_value_string | my_filterA(\u2018Deric\u2019)",
            "member | replace(\u2018a\u2019, \u2018o\u2019)",
        ),
        ("base_value_float", "row"),
        ("base_value_string", "member"),
        ("doc_no", "coalition.community"),
    ],
    "get_undeclared_variables.docx": [
        ("{{ name }}", "{{ member }}"),
        ("{{ age }}", "{{ row }}"),
        ("is_student", "is_new_partner"),
        ("has_degree", "benefit.roles"),
        ("degree_field", "benefit.roles"),
        ("in skills", "in matching.groups"),
        ("if projects", "if partner.name"),
        ("in projects", "in [partner]"),
        ("project.year", "project.kind"),
        ("project.description", "project.notes"),
        ("company_name", "coalition.name"),
        ("page_number", "row"),
        ("generation_date", "today"),
        ("{{ author }}", "{{ sender }}"),
    ],
    "embedded_main_tpl.docx": [("{{name}}", "{{ member }}")],
    "header_footer_image_tpl.docx": [("mycompany", "coalition.name")],
    "inline_image_tpl.docx": [
        ("myimageratio", "organization"),
        ("myimage", "member"),
        ("myimage", "member"),
        ("myimage", "member"),
        ("in frameworks", "in matching.assets"),
        ("f.image", "loop.index"),
        ("f.desc", "f"),
    ],
    "header_footer_inline_image_tpl.docx": [
        ("in images", "in matching.areas"),
        ("inline_image", "sender"),
    ],
    "merge_docx_master_tpl.docx": [("mysubdoc", "benefit.aligned_initiatives")],
}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_EMPTY_RUN = re.compile(
    r"<w:r(?: [^>]*)?>(?:<w:rPr/>|<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?<w:t(?: [^>]*)?></w:t></w:r>"
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _in_a_tag(xml: str, position: int) -> bool:
    """Whether a position of the XML is in the text (not in markup) and inside a Jinja tag."""
    if xml.rfind("<", 0, position) > xml.rfind(">", 0, position):
        return False
    text = re.sub(r"<[^>]*>", "", xml[:position])
    return max(text.rfind("{{"), text.rfind("{%")) > max(text.rfind("}}"), text.rfind("%}"))


def replace_in_text(xml: str, old: str, new: str) -> tuple[str, bool]:
    """Replace the first ``old`` in the template code of the document's text, even where Word
    split it across runs: the new text goes where the old one started, and every XML tag in
    between is kept. (Text around the tags, "json_dict_var is a dict", is left alone.)"""
    old, new = _escape(old), _escape(new)
    pattern = "((?:<[^>]*>)*)".join(re.escape(char) for char in old)
    for match in re.finditer(pattern, xml):
        starts_tag = old.startswith("{")
        outside_markup = xml.rfind("<", 0, match.start()) <= xml.rfind(">", 0, match.start())
        if (starts_tag and outside_markup) or _in_a_tag(xml, match.start()):
            kept = "".join(group or "" for group in match.groups())
            return xml[: match.start()] + new + kept + xml[match.end() :], True
    return xml, False


def adapt(source: Path, target: Path, replacements: list[tuple[str, str]]) -> None:
    pending = list(replacements)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as adapted:
        for info in original.infolist():
            data = original.read(info)
            if info.filename.endswith(".xml") and pending:
                # Serialised as python-docx (and so docxtpl) reads it: quotes as characters.
                xml = etree.tostring(etree.fromstring(data, _PARSER), encoding="unicode")
                for old, new in list(pending):
                    xml, done = replace_in_text(xml, old, new)
                    if done:
                        pending.remove((old, new))
                # Runs the replacement emptied go, as Word leaves no empty run behind.
                xml = _EMPTY_RUN.sub("", xml)
                declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                data = (declaration + xml).encode("utf-8")
            adapted.writestr(info, data)
    if pending:
        raise SystemExit(f"{source.name}: not found: {pending}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = Path(argv[0])
    OUT.mkdir(exist_ok=True)
    for name, replacements in ADAPTATIONS.items():
        adapt(folder / name, OUT / name, replacements)
        print(f"Wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
