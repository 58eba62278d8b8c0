"""Which parts of a Word package hold text a template may fill, and tags anywhere else.

Rendered, like docxtpl renders them: the body, headers, footers and footnotes; and also what
docxtpl leaves as typed: endnotes, comments, every document property (core, extended and
custom) and the addresses of hyperlinks (``mailto:{{ email }}``), which Word keeps apart from
the text in a relationships part and percent-encodes. A tag in any other part (a chart, a
SmartArt diagram, Word's building blocks, the settings) would reach every letter as typed; it
is reported instead (:func:`stray_tags`).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import quote, unquote

from lxml import etree
from markupsafe import escape

from generator.word.tags import Typed, scan

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
#: Parts rendered, by content type, with the name messages give them.
PART_KINDS = {
    f"{_WML}.document.main+xml": "body",
    f"{_WML}.template.main+xml": "body",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "body",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "body",
    f"{_WML}.header+xml": "header",
    f"{_WML}.footer+xml": "footer",
    f"{_WML}.footnotes+xml": "footnotes",
    f"{_WML}.endnotes+xml": "endnotes",
    f"{_WML}.comments+xml": "comments",
    "application/vnd.openxmlformats-package.core-properties+xml": "document properties",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": "document properties",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": "document properties",
}
PROPERTIES = "document properties"
HYPERLINKS = "hyperlink addresses"

#: The order fields are listed in: the letter first, then its letterhead, notes and properties.
READING_ORDER = {
    "body": 0,
    "header": 1,
    "footer": 2,
    "footnotes": 3,
    "endnotes": 4,
    "comments": 5,
    HYPERLINKS: 6,
    PROPERTIES: 7,
}

_TAG = re.compile(r"\{\{|\{%|\{#")
_ENCODED_TAG = re.compile(r"%7[bB](?:%7[bB]|%25)|%7[bB]%23")
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_MARKUP = re.compile(r"<[^>]*>")
_WHOLE_TAG = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)|\{#.*?(?:#\}|$)", re.DOTALL)

# The parser python-docx (and so docxtpl) reads parts with; entities are never resolved.
READ_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def has_tag(text: str) -> bool:
    return bool(_TAG.search(text))


def content_types(archive: zipfile.ZipFile) -> dict[str, str] | None:
    """The kind of each part that is rendered, by its name in the zip; None when the list of
    parts cannot be read."""
    try:
        root = etree.fromstring(archive.read("[Content_Types].xml"), READ_PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error):
        return None
    by_extension: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for element in root:
        tag = etree.QName(element).localname
        content_type = element.get("ContentType", "")
        if tag == "Default":
            by_extension[element.get("Extension", "").lower()] = content_type
        elif tag == "Override":
            by_name[element.get("PartName", "").lstrip("/")] = content_type
    kinds = {}
    for name in archive.namelist():
        extension = name.rsplit(".", 1)[-1].lower()
        content_type = by_name.get(name, by_extension.get(extension, ""))
        if content_type in PART_KINDS:
            kinds[name] = PART_KINDS[content_type]
    return kinds


# --- Hyperlink addresses ------------------------------------------------------------------------


def _target(relationship: etree._Element) -> str:
    """A hyperlink's address as typed: Word stores ``{{ email }}`` as ``%7B%7B%20email…``."""
    target = relationship.get("Target", "")
    if not has_tag(target) and _ENCODED_TAG.search(target):
        return unquote(target)
    return target


def _is_hyperlink(relationship: etree._Element) -> bool:
    return relationship.get("Type") == _HYPERLINK and relationship.get("TargetMode") == "External"


@dataclass(frozen=True)
class Addresses:
    """A relationships part whose hyperlinks have tags, as Jinja source."""

    source: str
    typed: list[Typed]


def hyperlink_source(data: bytes) -> Addresses | None:
    """The relationships part as a template, each hyperlink address with a tag made into a
    template of its own: the address's own characters encoded as in a URL, each field's value
    made safe for one (see :func:`generator.word.environment.url_value`). None when no
    hyperlink has a tag."""
    try:
        root = etree.fromstring(data, READ_PARSER)
    except etree.XMLSyntaxError:
        return None
    targets: dict[str, str] = {}
    for number, relationship in enumerate(root):
        target = _target(relationship)
        if _is_hyperlink(relationship) and has_tag(target):
            marker = f"coalition-address-{number}"
            targets[marker] = target
            relationship.set("Target", marker)
    if not targets:
        return None
    xml = etree.tostring(root, encoding="unicode")
    for marker, target in targets.items():
        xml = xml.replace(f'"{marker}"', f'"{_address_template(target)}"', 1)
    return Addresses(xml, [Typed(0, target) for target in targets.values()])


def _address_template(target: str) -> str:
    """An address with tags as Jinja source: static pieces URL-encoded and escaped for the
    attribute, each ``{{ field }}`` passed through the URL filter."""
    pieces: list[str] = []
    position = 0
    for tag in scan(target):
        static = target[position : tag.start]
        pieces.append(str(escape(quote(static, safe=":/?#[]@!$&'()*+,;=%~"))))
        if tag.kind == "{{":
            starts = not target[: tag.start].strip()
            inner = tag.text[2:-2].strip("-+").strip()
            pieces.append(f"{{{{ ({inner}) | coalition_url({starts}) }}}}")
        else:
            pieces.append(tag.text)
        position = tag.end
    pieces.append(str(escape(quote(target[position:], safe=":/?#[]@!$&'()*+,;=%~"))))
    return "".join(pieces)


# --- Tags where nothing renders them --------------------------------------------------------------


@dataclass(frozen=True)
class StrayTag:
    """A tag in a part that no letter renders."""

    part: str
    text: str  # the text around it, as it reads

    @property
    def where(self) -> str:
        return f"{self.part} (\u201c{self.text}\u201d)"


def stray_tags(name: str, data: bytes) -> list[StrayTag]:
    """Tags in a part that is not rendered: its text (XML markup taken out), and for a
    relationships part, the addresses of its links."""
    if not name.endswith((".xml", ".rels", ".vml")) or not data:
        return []
    text = data.decode("utf-8", errors="ignore")
    if name.endswith(".rels"):
        # Hyperlink addresses are rendered (see hyperlink_source); any other link is not.
        text = " ".join(_target(r) for r in _relationships(data) if not _is_hyperlink(r))
    found = []
    # Text and attributes alike: Word keeps document variables, for one, in attributes.
    for match in _WHOLE_TAG.finditer(text):
        found.append(StrayTag(name, " ".join(_MARKUP.sub("", match.group())[:60].split())))
    return found


def _relationships(data: bytes) -> list[etree._Element]:
    try:
        return list(etree.fromstring(data, READ_PARSER))
    except etree.XMLSyntaxError:
        return []
