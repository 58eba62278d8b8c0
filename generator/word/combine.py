"""Many Word documents as one, each in sections of its own, for printing a batch in one go.

docxcompose does the hard part: it copies each document's body into the first one and carries
its styles, numbering, images and footnotes along. Two things it does not do for letters:

* separate them: each document is ended with a section break ("next page"), so that it starts
  on a new page without an empty paragraph that could spill onto an extra page;
* keep each one's own letterhead: docxcompose drops the header and footer references of the
  documents it appends, so every page would show the first letter's header ("Letter to Denise
  Okafor", her sender's name). Here each letter's sections keep their own header and footer
  parts (copied in with their pictures), their own page set-up, a first page of their own
  (Word's "different first page") and page numbers that start again at 1 with each letter.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from docxcompose.composer import Composer
from lxml import etree

from generator.common.errors import OutputError
from generator.common.fileio import atomic_path

# Attributes that name a relationship of the part they are in (pictures, links, objects).
_RELATIONSHIP_ATTRIBUTES = [qn("r:id"), qn("r:embed"), qn("r:link"), qn("r:pict")]
# What follows w:pgNumType in a section's properties (ECMA-376 17.6.17), to insert it in order.
_AFTER_PAGE_NUMBERS = [
    qn(f"w:{name}")
    for name in (
        "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
        "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    )
]  # fmt: skip


class _LetterComposer(Composer):
    """docxcompose's Composer, keeping the headers and footers that appended documents use."""

    def remove_header_and_footer_references(self, doc: Document, element: Any) -> None:
        # docxcompose removes these; a letter keeps its own (the body's own section properties,
        # which docxcompose skips, are handled in combine_documents).
        for reference in element.iter(qn("w:headerReference"), qn("w:footerReference")):
            _repoint(self, doc, reference)


def _repoint(composer: Composer, doc: Document, reference: Any) -> None:
    """Copy the header or footer a reference points at into the combined document (as a
    header or footer part, with the pictures and links it uses) and point at the copy."""
    relationship = doc.part.rels[reference.get(qn("r:id"))]
    source = relationship.target_part
    is_header = relationship.reltype == RT.HEADER
    package = composer.doc.part.package
    name = package.next_partname("/word/header%d.xml" if is_header else "/word/footer%d.xml")
    kind = HeaderPart if is_header else FooterPart
    copy = kind.load(name, source.content_type, source.blob, package)
    renamed: dict[str, str] = {}
    for old_id, rel in source.rels.items():
        if rel.is_external:
            renamed[old_id] = copy.rels.get_or_add_ext_rel(rel.reltype, rel.target_ref)
        else:
            renamed[old_id] = composer.add_relationship(source, copy, rel).rId
    for element in copy.element.iter():
        for attribute in _RELATIONSHIP_ATTRIBUTES:
            if element.get(attribute) in renamed:
                element.set(attribute, renamed[element.get(attribute)])
    reference.set(qn("r:id"), composer.doc.part.relate_to(copy, relationship.reltype))


def combine_documents(docx_paths: Sequence[Path], out_path: Path) -> Path:
    """Write the documents, in order, into one .docx at ``out_path``; return ``out_path``.

    Each document starts on a new page with its own headers, footers and page set-up, and its
    page numbers start at 1. Raises OutputError naming the file if a document cannot be read
    or the result cannot be written. The inputs are never modified.
    """
    paths = [Path(p) for p in docx_paths]
    out_path = Path(out_path)
    if not paths:
        raise OutputError("cannot be written: there are no documents to combine.", out_path)
    combined = _open(paths[0])
    body = combined.element.body
    body.get_or_add_sectPr()
    composer = _LetterComposer(combined)
    starts = [0]  # the section each document starts with
    for path in paths[1:]:
        document = _open(path)
        _end_section(combined)
        starts.append(len(body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")))
        composer.append(document)
        # docxcompose keeps the first document's final section properties for everything it
        # appends; the appended document's own take their place.
        own = deepcopy(document.element.body.get_or_add_sectPr())
        for reference in own.iter(qn("w:headerReference"), qn("w:footerReference")):
            _repoint(composer, document, reference)
        body.replace(body.get_or_add_sectPr(), own)
    sections = [*body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}"), body.sectPr]
    for number, start in enumerate(starts):
        _restart_page_numbers(sections[start])
        if number:
            sections[start].start_type = WD_SECTION.NEW_PAGE
    with atomic_path(out_path) as tmp:
        composer.save(str(tmp))
    return out_path


def _open(path: Path) -> Document:
    try:
        return docx.Document(str(path))
    except FileNotFoundError:
        raise OutputError("does not exist, so it cannot be combined.", path) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise OutputError(
            "cannot be read as a Word document, so it cannot be combined.", path
        ) from None
    except OSError as error:
        raise OutputError(f"cannot be read ({error.strerror}).", path) from None


def _restart_page_numbers(section: Any) -> None:
    """Page numbers from 1 at this section, unless the document sets a start of its own."""
    numbers = section.find(qn("w:pgNumType"))
    if numbers is None:
        numbers = section.makeelement(qn("w:pgNumType"), {})
        following = next((e for e in section if e.tag in _AFTER_PAGE_NUMBERS), None)
        if following is not None:
            following.addprevious(numbers)
        else:
            section.append(numbers)
    if numbers.get(qn("w:start")) is None:
        numbers.set(qn("w:start"), "1")


def _end_section(document: Document) -> None:
    """End the document's last section after what is there now, with a copy of its set-up.

    Word keeps a section's properties in the last paragraph of the section (the final section's
    in the body itself). The copy goes into the last paragraph if it has none of its own yet;
    after a table or an existing section break, into a new empty paragraph.
    """
    body = document.element.body
    final = body.get_or_add_sectPr()
    blocks = [child for child in body if child is not final]
    last = blocks[-1] if blocks else None
    if (
        last is None
        or last.tag != qn("w:p")
        or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ):
        last = body.makeelement(qn("w:p"), {})
        final.addprevious(last)
    properties = last.find(qn("w:pPr"))
    if properties is None:
        properties = last.makeelement(qn("w:pPr"), {})
        last.insert(0, properties)
    # In w:pPr the section properties come after the run properties and before a tracked
    # change of the paragraph's properties (ECMA-376 17.3.1.26).
    change = properties.find(qn("w:pPrChange"))
    section = deepcopy(final)
    if change is not None:
        change.addprevious(section)
    else:
        properties.append(section)
