"""Word templates rendered in batch: prepared once, then one cheap render per document.

A template is a docxtpl template (Jinja inside Word). ``DocxTemplate.render()`` re-opens the
package, re-runs its clean-up of tags that Word split across runs, recompiles every Jinja
template and re-serialises and re-deflates every part, for every document. Here all of that
happens once per batch:

* each part that can hold tags (body, headers, footers, footnotes, document properties) is read
  and cleaned with docxtpl's own ``patch_xml``, so a template edited in Word behaves exactly as
  it would under docxtpl, and compiled once with :func:`generator.word.environment.environment`;
* every other entry of the package is deflated once, with its zip headers, and copied as bytes;
* per document only the parts with tags are rendered, checked to be well-formed XML (never
  "recovered": a broken document is an error for that document) and deflated.

The result is a .docx whose text is the same as docxtpl's for the same template and context.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SecurityError
from lxml import etree
from markupsafe import Markup, escape

from generator.common.errors import TemplateError
from generator.common.fileio import require_regular_file
from generator.common.text import xml_safe
from generator.common.xmlscan import XmlScanError, scan_package
from generator.word.environment import environment, render_bounded, template_line
from generator.word.pictures import IMAGE_RELATIONSHIP, media_name, relationship_id
from generator.word.template_fields import (
    FieldSchema,
    FieldUse,
    check_fields,
    count_tags,
    field_uses,
    paragraph_at,
    where_text,
)
from generator.word.zipwriter import (
    COMPRESSION_LEVEL,
    Package,
    Packed,
    ZipEntry,
    deflate,
    pack,
    pack_deflated,
)

# --- What a package may hold ---------------------------------------------------------------------

# Parts docxtpl renders, by content type, with the name a message gives them.
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PART_KINDS = {
    f"{_WML}.document.main+xml": "body",
    f"{_WML}.template.main+xml": "body",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "body",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "body",
    f"{_WML}.header+xml": "header",
    f"{_WML}.footer+xml": "footer",
    f"{_WML}.footnotes+xml": "footnotes",
    "application/vnd.openxmlformats-package.core-properties+xml": "document properties",
}

#: A template is a small file; these bounds refuse a zip bomb before anything is inflated.
MAX_ENTRIES = 1000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

_TAG = re.compile(r"\{\{|\{%|\{#")
# Templates whose tables change shape ({%tc for %}, {% hm %}, {% colspan %}) need docxtpl's
# grid repair after rendering; all others are left as rendered, which is much cheaper.
_RESHAPES_TABLES = re.compile(r"\{%-?\s*(?:tc\s|hm\s*-?%\}|colspan\s)")
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_UNDEFINED = re.compile(
    r"^(?:'(?P<name>[^']+)' is undefined|.* has no attribute '(?P<attr>[^']+)')"
)

# The parser python-docx (and so docxtpl) reads parts with; entities are never resolved.
_READ_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_CHECK_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

#: Distinct renderings of a part kept for reuse (see DocxRenderer._part_data).
MEMO_SIZE = 16


class RenderError(Exception):
    """One document could not be rendered (an undefined field, XML that is not well-formed).

    The batch reports it for that document and goes on with the next.
    """


@dataclass
class _Part:
    name: str
    label: str  # "word/document.xml", "header (word/header1.xml)"
    kind: str
    source: str  # the patched XML Jinja compiles, one paragraph per line
    template: jinja2.Template
    is_body: bool
    reshapes_tables: bool
    has_drawings: bool
    lines: list[str] = field(default_factory=list)
    reads: list[tuple[str, ...]] = field(default_factory=list)  # field paths it reads
    memo: dict[tuple[Any, ...], tuple[int, bytes, int]] | None = None
    entry: ZipEntry | None = None


class DocxRenderer:
    """A docxtpl template prepared once; :meth:`render` makes one document from one context.

    Raises TemplateError (naming the template, the part, the paragraph and the field) when the
    template cannot be read, has a Jinja syntax error, or reads a field ``schema`` does not know.
    """

    def __init__(
        self,
        path: Path,
        *,
        schema: FieldSchema | None = None,
        env: jinja2.Environment | None = None,
        pictures: tuple[str, ...] = (),
        fields_help: str = "`coalition templates check` lists every field",
    ) -> None:
        from docxtpl import DocxTemplate

        self.path = Path(path)
        self.env = env or environment()
        # Document properties are plain XML text, not Word runs: no Word breaks there.
        self._properties_env = self.env.overlay(finalize=_plain_value)
        self._docxtpl = DocxTemplate(self.path)  # used for its functions; never loads the file
        self._pictures = {slot: ZipEntry.named("") for slot in pictures}  # named once read
        self._shared: list[Packed] = []
        self.parts: list[_Part] = []
        self._tags = 0  # template tags seen so far, bounded before anything is compiled
        self.uses: list[FieldUse] = []
        self._read()
        # Fields in reading order: the letter first, then its letterhead, then its properties.
        rank = {"body": 0, "header": 1, "footer": 2, "footnotes": 3, "document properties": 4}
        self.uses.sort(key=lambda use: rank.get(use.part.split(" (")[0], 0))
        if schema is not None:
            check_fields(self.path, self.uses, schema, fields_help)

    # -- preparing -------------------------------------------------------------------------------

    def _read(self) -> None:
        require_regular_file(self.path, TemplateError, missing="template", what="a Word template")
        try:
            archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise TemplateError(
                "is not a Word document (.docx); save it from Word as \u201cWord Document\u201d.",
                self.path,
            ) from None
        with archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise TemplateError(
                    "is too large to be a Word template (over 100 MB unpacked or over 1000 parts).",
                    self.path,
                )
            try:  # every part read as a parser would, before any is parsed: no DOCTYPE at all
                scan_package(archive)
            except XmlScanError as error:
                raise TemplateError(f"{error}; it was refused unread.", self.path) from None
            kinds = self._content_types(archive)
            bodies = [name for name, kind in kinds.items() if kind == "body"]
            if not bodies:
                raise TemplateError("is not a Word document: it has no document body.", self.path)
            for info in infos:
                if info.is_dir():
                    continue
                try:
                    data = archive.read(info)
                except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError):
                    raise TemplateError(
                        f"is damaged: its part {info.filename} cannot be read.", self.path
                    ) from None
                data = self._with_picture_slots(info.filename, data, bodies[0])
                self._add(info, data, kinds.get(info.filename))
        folder = bodies[0].rpartition("/")[0]
        for slot in self._pictures:
            self._pictures[slot] = ZipEntry.named(f"{folder}/{media_name(slot)}".lstrip("/"))
        self._package = Package(self._shared)

    def _content_types(self, archive: zipfile.ZipFile) -> dict[str, str]:
        """Each part that may hold tags, by its name in the zip, with its kind."""
        try:
            root = etree.fromstring(archive.read("[Content_Types].xml"), _READ_PARSER)
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error):
            raise TemplateError(
                "is not a Word document (.docx): its list of parts is missing or damaged.",
                self.path,
            ) from None
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
            if content_type in _PART_KINDS:
                kinds[name] = _PART_KINDS[content_type]
        return kinds

    def _add(self, info: zipfile.ZipInfo, data: bytes, kind: str | None) -> None:
        """A part with tags is compiled and rendered per document; any other is packed once."""
        entry = ZipEntry.named(info.filename, info.date_time)
        part = self._compile(info.filename, kind, data) if kind is not None else None
        if part is None:
            self._shared.append(pack(entry, data, level=9))
        else:
            part.entry = entry

    def _with_picture_slots(self, name: str, data: bytes, body: str) -> bytes:
        """The package's list of parts and the body's relationships, with a place for each
        picture slot: PNG as a known content type, and one image relationship per slot."""
        if not self._pictures:
            return data
        folder, _, file = body.rpartition("/")
        if name == "[Content_Types].xml":
            root = etree.fromstring(data, _READ_PARSER)
            defaults = {e.get("Extension", "").lower() for e in root if "Default" in e.tag}
            if "png" not in defaults:
                namespace = etree.QName(root).namespace
                element = etree.SubElement(
                    root, f"{{{namespace}}}Default" if namespace else "Default"
                )
                element.set("Extension", "png")
                element.set("ContentType", "image/png")
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if name == f"{folder}/_rels/{file}.rels".lstrip("/"):
            root = etree.fromstring(data, _READ_PARSER)
            tag = etree.QName(etree.QName(root).namespace, "Relationship").text
            for slot in self._pictures:
                element = etree.SubElement(root, tag)
                element.set("Id", relationship_id(slot))
                element.set("Type", IMAGE_RELATIONSHIP)
                element.set("Target", media_name(slot))
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return data

    def _compile(self, name: str, kind: str, data: bytes) -> _Part | None:
        label = name if kind == "body" else f"{kind} ({name})"
        try:
            root = etree.fromstring(data, _READ_PARSER)
        except etree.XMLSyntaxError as error:
            raise TemplateError(
                f"is damaged: {label} is not well-formed XML ({error}).", self.path
            ) from None
        # The same text docxtpl starts from: python-docx's parse, serialised without pretty
        # printing (patch_xml's patterns depend on it).
        xml = etree.tostring(root, encoding="unicode")
        if not _TAG.search(xml):
            return None
        patched = self._docxtpl.patch_xml(xml)
        self._tags = count_tags(self.path, patched, self._tags)
        # As docxtpl does: one paragraph per line, so Jinja's line numbers name paragraphs.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        env = self._properties_env if kind == "document properties" else self.env
        lines = source.split("\n")
        try:
            ast = env.parse(source)
            template = env.from_string(ast)
        except jinja2.TemplateSyntaxError as error:
            paragraph, text = paragraph_at(lines, error.lineno)
            raise TemplateError(
                f"has a template error in {where_text(label, paragraph, text)}: "
                f"{(error.message or '').rstrip('.')}.",
                self.path,
            ) from None
        part = _Part(
            name=name,
            label=label,
            kind=kind,
            source=source,
            template=template,
            is_body=kind == "body",
            reshapes_tables=bool(_RESHAPES_TABLES.search(xml)),
            has_drawings="docPr" in xml,
            lines=lines,
        )
        uses = list(field_uses(ast, label, lines))
        part.reads = list(dict.fromkeys(tuple(use.name.split(".")) for use in uses))
        if not _is_random(ast):
            part.memo = {}
        self.parts.append(part)
        self.uses.extend(uses)
        return part

    # -- rendering -------------------------------------------------------------------------------

    @property
    def fields(self) -> list[str]:
        """The fields the template reads, in order of first use."""
        return list(dict.fromkeys(use.name for use in self.uses))

    def render(
        self, context: Mapping[str, Any], pictures: Mapping[str, bytes] | None = None
    ) -> bytes:
        """One .docx, as bytes. Raises RenderError when this context cannot fill the template.

        ``pictures`` gives the PNG of each picture slot the renderer was made with.
        """
        own: list[Packed] = []
        for part in self.parts:
            assert part.entry is not None
            own.append(pack_deflated(part.entry, *self._part_data(part, context)))
        for slot, entry in self._pictures.items():
            png = (pictures or {}).get(slot)
            if png is None:
                raise RenderError(f"no picture was given for the slot \u201c{slot}\u201d.")
            own.append(pack(entry, png))
        return self._package.build(own)

    def _part_data(self, part: _Part, context: Mapping[str, Any]) -> tuple[int, bytes, int]:
        """A rendered part as (CRC, deflated bytes, size), reused while its inputs repeat.

        A letterhead or document properties read only what every letter of a batch shares
        (the coalition's name, the sender); they are rendered once per distinct set of values.
        A part that differs letter by letter overflows the small memo and stops using it.
        """
        key = None
        if part.memo is not None:
            try:
                key = tuple(_freeze(_lookup(context, path)) for path in part.reads)
            except TypeError:  # a value that cannot be a key: render every time
                key = None
            if key is not None and key in part.memo:
                return part.memo[key]
        data = self._render_part(part, context)
        value = (zlib.crc32(data), deflate(data, COMPRESSION_LEVEL), len(data))
        if key is not None and part.memo is not None:
            if len(part.memo) < MEMO_SIZE:
                part.memo[key] = value
            else:
                part.memo = None
        return value

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        try:
            xml = render_bounded(part.template, context)
        except jinja2.UndefinedError as error:
            raise RenderError(self._undefined(part, error)) from None
        except SecurityError as error:
            raise TemplateError(
                f"does something templates may not do in {part.label} ({error}).", self.path
            ) from None
        except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as error:
            raise RenderError(
                f"{part.label}: the template failed for this row ({type(error).__name__}: {error})."
            ) from None
        # docxtpl's own clean-up after rendering, step for step (render_xml_part), skipping
        # the steps that have nothing to do.
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "{_" in xml or "_}" in xml:
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
            xml = xml.replace("%_}", "%}")
        if any(c in xml for c in "\t\a\n\f"):
            xml = self._docxtpl.resolve_listing(xml)
        data = xml.encode("utf-8")
        try:
            tree = etree.fromstring(data, _CHECK_PARSER)
        except etree.XMLSyntaxError as error:
            raise RenderError(
                f"{part.label}: the rendered letter is not well-formed XML ({error}); check "
                "that each {% if %} and {% for %} opens and closes in the same kind of place."
            ) from None
        if part.is_body and (part.reshapes_tables or part.has_drawings):
            if part.reshapes_tables:
                tree = self._docxtpl.fix_tables(xml)
            self._docxtpl.docx_ids_index = 1000
            self._docxtpl.fix_docpr_ids(tree)
            return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)
        return _DECLARATION + data

    def _undefined(self, part: _Part, error: jinja2.UndefinedError) -> str:
        match = _UNDEFINED.match(str(error))
        name = (match.group("name") or match.group("attr")) if match else ""
        lineno = template_line(error)
        paragraph, text = paragraph_at(part.lines, lineno)
        where = where_text(part.label, paragraph, text)
        if name:
            return f"{where}: the field \u201c{name}\u201d has no value for this row."
        return f"{where}: this row has no such value ({error})."


def _plain_value(value: Any) -> Any:
    """What a field prints in document properties: escaped text on one line."""
    if hasattr(value, "__html__"):
        return value
    if value is None:
        return Markup("")
    return escape(" ".join(xml_safe(str(value)).split()))


# --- Fields a template reads ----------------------------------------------------------------------


def _is_random(ast: nodes.Template) -> bool:
    """Whether a template prints something new on each render (the random filter, lipsum)."""
    if any(node.name == "random" for node in ast.find_all(nodes.Filter)):
        return True
    return any(node.name == "lipsum" for node in ast.find_all(nodes.Name))


_MISSING = object()


def _lookup(context: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = context.get(path[0], _MISSING)
    for attr in path[1:]:
        if isinstance(value, Mapping):
            value = value.get(attr, _MISSING)
        else:
            value = getattr(value, attr, _MISSING)
    return value


def _freeze(value: Any) -> Any:
    """A hashable copy of a context value; the type is kept, so that Markup("&") and "&" (which
    print differently) are different keys."""
    if value is None or value is _MISSING or isinstance(value, bool | int | float):
        return (type(value), value)
    if isinstance(value, str):
        return (type(value), str(value))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_freeze(v) for v in value))
    if isinstance(value, Mapping):
        return (type(value), tuple((k, _freeze(v)) for k, v in value.items()))
    raise TypeError(f"{type(value).__name__} is not a plain value")


# --- Zip writing ----------------------------------------------------------------------------------
