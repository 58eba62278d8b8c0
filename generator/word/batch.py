"""Word templates rendered in batch: prepared once, then one cheap render per document.

A template is a docxtpl template (Jinja inside Word). ``DocxTemplate.render()`` re-opens the
package, re-runs its clean-up of tags that Word split across runs, recompiles every Jinja
template and re-serialises and re-deflates every part, for every document. Here all of that
happens once per batch:

* each part that can hold text (:mod:`generator.word.parts`) is read and cleaned with docxtpl's
  own ``patch_xml``, so a template edited in Word behaves exactly as it would under docxtpl;
  each tag is given what it must print where it stands, and what would break the document for
  some rows is refused (:mod:`generator.word.tags`); then it is compiled once, bounded
  (:mod:`generator.word.bounds`), with :func:`generator.word.environment.environment`;
* every other entry of the package is deflated once, with its zip headers, and copied as bytes;
* per document the parts with template code are rendered, checked to be well-formed XML (never
  "recovered": a broken document is an error for that document) and deflated.

A rendered part is reused for the next document only when every value it can read is the same
(the letterhead of one sender's letters): the key is the whole value of each name the part's
code reads from the context, so that ``extra.get("x")`` or ``extra.items()`` is a read of
``extra``. The result is a .docx whose text is the same as docxtpl's for the same template
and context.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SecurityError
from lxml import etree

from generator.common.errors import TemplateError
from generator.common.fileio import require_regular_file
from generator.common.matching import closest
from generator.common.xmlscan import XmlScanError, scan_package
from generator.word.bounds import LIMITS, BoundExceeded, Budget, Limits, bound_loops, budget
from generator.word.environment import environment, plain_value, template_line
from generator.word.memo import Memo, reads
from generator.word.parts import (
    HYPERLINKS,
    PROPERTIES,
    READ_PARSER,
    READING_ORDER,
    Addresses,
    StrayTag,
    content_types,
    has_tag,
    hyperlink_source,
    stray_tags,
)
from generator.word.pictures import media_name, with_slots
from generator.word.tags import (
    Locator,
    Tag,
    check_structure,
    scan,
    typed_units,
    unclosed,
    with_position_filters,
)
from generator.word.template_fields import (
    FieldSchema,
    FieldUse,
    check_fields,
    field_uses,
    top_level_names,
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

#: A template is a small file; these bounds refuse a zip bomb before anything is inflated.
MAX_ENTRIES = 1000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

# Templates whose tables change shape ({%tc for %}, {% hm %}, {% colspan %}) need docxtpl's
# grid repair after rendering; all others are left as rendered, which is much cheaper.
_RESHAPES_TABLES = re.compile(r"\{%-?\s*(?:tc\s|hm\s*-?%\}|colspan\s)")
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_UNDEFINED = re.compile(
    r"^(?:'(?P<name>[^']+)' is undefined|.* has no attribute '(?P<attr>[^']+)')"
)
_QUOTED = re.compile(r"'([^']+)'")
_CHECK_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
#: Tags that fetch other template files, which a Word template cannot bring along.
_OTHER_FILES = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)


class RenderError(Exception):
    """One document could not be rendered (an undefined field, a bound exceeded, XML that is
    not well-formed). The batch reports it for that document and goes on with the next.
    ``bounded`` says the template went past one of its bounds (see generator.word.bounds)."""

    def __init__(self, message: str, *, bounded: bool = False) -> None:
        super().__init__(message)
        self.bounded = bounded


@dataclass
class _Part:
    name: str
    label: str  # "word/document.xml", "header (word/header1.xml)"
    kind: str
    template: jinja2.Template
    locator: Locator
    names: list[str]  # every name its code reads from the context
    size: int  # characters of its source, counted as output once per document
    reshapes_tables: bool = False
    has_drawings: bool = False
    memo: Memo | None = None
    entry: ZipEntry | None = None

    @property
    def is_text(self) -> bool:
        """Word text, which docxtpl's after-rendering clean-up applies to."""
        return self.kind not in (PROPERTIES, HYPERLINKS)


class DocxRenderer:
    """A docxtpl template prepared once; :meth:`render` makes one document from one context.

    Raises TemplateError (naming the template, the part, the paragraph as typed and the tag)
    when the template cannot be read, has a Jinja syntax error, would break the document for
    some rows, or, with ``strict``, reads a field ``schema`` does not know or has a tag in a part
    no document renders (``templates check`` lists those instead: :attr:`uses`, :attr:`stray`).
    """

    def __init__(
        self,
        path: Path,
        *,
        schema: FieldSchema | None = None,
        env: jinja2.Environment | None = None,
        pictures: tuple[str, ...] = (),
        fields_help: str = "`coalition templates check` lists every field",
        strict: bool = True,
        limits: Limits = LIMITS,
    ) -> None:
        from docxtpl import DocxTemplate

        self.path = Path(path)
        self.env = env or environment()
        self.limits = limits
        # Document properties and attributes are plain text, not Word runs: no Word breaks.
        self._properties_env = self.env.overlay(finalize=plain_value)
        self._docxtpl = DocxTemplate(self.path)  # used for its functions; never loads the file
        self._pictures = {slot: ZipEntry.named("") for slot in pictures}  # named once read
        self._shared: list[Packed] = []
        self.parts: list[_Part] = []
        self.uses: list[FieldUse] = []
        self.stray: list[StrayTag] = []
        self._read()
        self.uses.sort(key=lambda use: READING_ORDER.get(use.part.split(" (")[0], 0))
        if schema is not None and strict:
            check_fields(self.path, self.uses, schema, fields_help)
        if self.stray and strict:
            raise TemplateError(self.stray_message(), self.path)

    def stray_message(self) -> str:
        first = self.stray[0]
        more = len(self.stray) - 1
        rest = f" (and {more} more)" if more else ""
        return (
            f"has a tag where no letter fills it, in {first.where}{rest}; move it into the "
            "text, a header, a footer, a note or a comment, or delete it."
        )

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
            kinds = content_types(archive)
            if kinds is None:
                raise TemplateError(
                    "is not a Word document (.docx): its list of parts is missing or damaged.",
                    self.path,
                )
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
                data = with_slots(info.filename, data, bodies[0], tuple(self._pictures))
                self._add(info, data, kinds.get(info.filename))
        folder = bodies[0].rpartition("/")[0]
        for slot in self._pictures:
            self._pictures[slot] = ZipEntry.named(f"{folder}/{media_name(slot)}".lstrip("/"))
        self._package = Package(self._shared)

    def _add(self, info: zipfile.ZipInfo, data: bytes, kind: str | None) -> None:
        """A part with template code is compiled and rendered per document; any other is
        packed once (and looked through for tags that nothing would fill)."""
        entry = ZipEntry.named(info.filename, info.date_time)
        if kind is None and info.filename.endswith(".rels"):
            addresses = hyperlink_source(data)
            part = self._compile_addresses(info.filename, addresses) if addresses else None
        else:
            part = self._compile(info.filename, kind, data) if kind is not None else None
        if part is None:
            if kind is None:
                self.stray += stray_tags(info.filename, data)
            self._shared.append(pack(entry, data, level=9))
        else:
            part.entry = entry

    def _compile(self, name: str, kind: str, data: bytes) -> _Part | None:
        label = name if kind == "body" else f"{kind} ({name})"
        try:
            root = etree.fromstring(data, READ_PARSER)
        except etree.XMLSyntaxError as error:
            raise TemplateError(
                f"is damaged: {label} is not well-formed XML ({error}).", self.path
            ) from None
        # The same text docxtpl starts from: python-docx's parse, serialised without pretty
        # printing (patch_xml's patterns depend on it).
        xml = etree.tostring(root, encoding="unicode")
        if not has_tag(xml):
            return None
        patched = self._docxtpl.patch_xml(xml)
        # As docxtpl does: one paragraph per line, so Jinja's line numbers name paragraphs.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        tags = scan(source)
        locator = Locator(typed_units(root), tags)
        self._check_structure(label, tags, locator)
        if kind != PROPERTIES:
            source = with_position_filters(source, tags)
        part = self._compiled(name, label, kind, source, tags, locator)
        part.reshapes_tables = kind == "body" and bool(_RESHAPES_TABLES.search(xml))
        part.has_drawings = kind == "body" and "docPr" in xml
        return part

    def _compile_addresses(self, name: str, addresses: Addresses) -> _Part:
        tags = scan(addresses.source)
        locator = Locator(addresses.typed, tags)
        return self._compiled(
            name, f"{HYPERLINKS} ({name})", HYPERLINKS, addresses.source, tags, locator
        )

    def _compiled(
        self, name: str, label: str, kind: str, source: str, tags: list[Tag], locator: Locator
    ) -> _Part:
        env = self._properties_env if kind == PROPERTIES else self.env
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as error:
            message = (error.message or "").rstrip(".")
            opener = unclosed(tags) if "end of template" in message else None
            if opener is not None:
                paragraph, text, _typed = locator.tag_at(opener)
            else:
                hint = _QUOTED.search(message)
                found = hint.group(1) if hint else ""
                paragraph, text, _typed = locator.locate(error.lineno, found)
            raise TemplateError(
                f"has a template error in {where_text(label, paragraph, text)}: {message}.",
                self.path,
            ) from None
        except RecursionError:
            raise TemplateError(f"nests its tags too deeply in {label}.", self.path) from None
        for node in ast.find_all(_OTHER_FILES):
            paragraph, text, _ = locator.locate(node.lineno)
            raise TemplateError(
                f"uses {{% {type(node).__name__.lower().replace('fromimport', 'from')} %}} in "
                f"{where_text(label, paragraph, text)}, which needs another template file; a "
                "Word template must hold all its text itself (use a macro for repeated text).",
                self.path,
            )
        try:
            template = env.from_string(bound_loops(ast))
        except jinja2.TemplateSyntaxError as error:  # an unknown filter or test
            message = (error.message or "").rstrip(".")
            name = _QUOTED.search(message)
            paragraph, text, _typed = locator.locate(error.lineno, name.group(1) if name else "")
            near = closest(name.group(1), _filter_names(env)) if name else ""
            hint = f" (did you mean \u201c{near}\u201d?)" if near else ""
            raise TemplateError(
                f"has a template error in {where_text(label, paragraph, text)}: {message}{hint}.",
                self.path,
            ) from None
        part = _Part(name, label, kind, template, locator, top_level_names(ast), len(source))
        if not _is_random(ast):
            part.memo = Memo(reads(ast, part.names))
        self.parts.append(part)
        self.uses.extend(field_uses(ast, label, locator.locate))
        return part

    def _check_structure(self, label: str, tags: list[Tag], locator: Locator) -> None:
        problem = check_structure(tags)
        if problem is not None:
            raise TemplateError(problem.message(label, locator), self.path)

    # -- rendering -------------------------------------------------------------------------------

    @property
    def fields(self) -> list[str]:
        """The fields the template reads, in order of first use."""
        return list(dict.fromkeys(use.name for use in self.uses))

    def render(
        self, context: Mapping[str, Any], pictures: Mapping[str, bytes] | None = None
    ) -> bytes:
        """One .docx, as bytes. Raises RenderError when this context cannot fill the template
        within the bounds. ``pictures`` gives the PNG of each picture slot."""
        own: list[Packed] = []
        with budget(self.limits) as spent:
            for part in self.parts:
                assert part.entry is not None
                own.append(pack_deflated(part.entry, *self._part_data(part, context, spent)))
        for slot, entry in self._pictures.items():
            png = (pictures or {}).get(slot)
            if png is None:
                raise RenderError(f"no picture was given for the slot \u201c{slot}\u201d.")
            own.append(pack(entry, png))
        return self._package.build(own)

    def _part_data(
        self, part: _Part, context: Mapping[str, Any], spent: Budget
    ) -> tuple[int, bytes, int]:
        """A rendered part as (CRC, deflated bytes, size), reused while every value its code
        can read repeats (see :class:`generator.word.memo.Memo`)."""
        key = part.memo.key(context) if part.memo is not None else None
        if key is not None and part.memo is not None:
            found = part.memo.get(key)
            if found is not None:
                return found
        data = self._render_part(part, context, spent)
        value = (zlib.crc32(data), deflate(data, COMPRESSION_LEVEL), len(data))
        if key is not None and part.memo is not None and not part.memo.keep(key, value):
            part.memo = None
        return value

    def _render_part(self, part: _Part, context: Mapping[str, Any], spent: Budget) -> bytes:
        try:
            spent.emit(part.size)
            xml = part.template.render(context)
        except SecurityError as error:
            paragraph, text, _ = part.locator.locate(template_line(error))
            raise TemplateError(
                f"does something templates may not do in {where_text(part.label, paragraph, text)}"
                f" ({str(error).rstrip('.')}).",
                self.path,
            ) from None
        except Exception as error:  # a template is untrusted code: any failure is its own
            raise RenderError(
                self._failure(part, error), bounded=isinstance(error, BoundExceeded)
            ) from None
        # docxtpl's own clean-up after rendering, step for step (render_xml_part), for Word
        # text only (it renders document properties as plain strings).
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if part.is_text and ("{_" in xml or "_}" in xml):
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
            xml = xml.replace("%_}", "%}")
        if part.is_text and any(c in xml for c in "\t\a\n\f"):
            xml = self._docxtpl.resolve_listing(xml)
        data = xml.encode("utf-8")
        try:
            tree = etree.fromstring(data, _CHECK_PARSER)
        except etree.XMLSyntaxError as error:
            raise RenderError(
                f"{self.path.name}: {part.label}: the rendered letter is not well-formed XML "
                f"({error})."
            ) from None
        if part.reshapes_tables or part.has_drawings:
            if part.reshapes_tables:
                tree = self._docxtpl.fix_tables(xml)
            self._docxtpl.docx_ids_index = 1000
            self._docxtpl.fix_docpr_ids(tree)
            return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True)
        return _DECLARATION + data

    def _failure(self, part: _Part, error: Exception) -> str:
        """One sentence for a part that could not be rendered for this context."""
        name = ""
        if isinstance(error, jinja2.UndefinedError):
            match = _UNDEFINED.match(str(error))
            name = (match.group("name") or match.group("attr")) if match else ""
        paragraph, text, typed = part.locator.locate(template_line(error), name)
        where = f"{self.path.name}: {where_text(part.label, paragraph, text)}"
        if isinstance(error, jinja2.UndefinedError):
            if name:
                return f"{where}: the field \u201c{name}\u201d has no value for this row."
            what = f"\u201c{typed}\u201d" if typed else "a field"
            return f"{where}: {what} has no value for this row ({str(error).rstrip('.')})."
        if isinstance(error, BoundExceeded):
            return f"{where}: the template was stopped because {error}."
        if isinstance(error, RecursionError):
            return f"{where}: the template was stopped because its macros call themselves too deep."
        if isinstance(error, MemoryError):
            return f"{where}: the template was stopped because it needs more memory than a letter."
        detail = str(error).rstrip(".")
        return f"{where}: the template failed for this row ({type(error).__name__}: {detail})."


# --- Fields a template reads ----------------------------------------------------------------------


def _filter_names(env: jinja2.Environment) -> list[str]:
    """The filters a template may use (not the renderer's own)."""
    return [name for name in env.filters if not name.startswith("coalition_")]


def _is_random(ast: nodes.Template) -> bool:
    """Whether a template prints something new on each render (the random filter)."""
    return any(node.name == "random" for node in ast.find_all(nodes.Filter))
