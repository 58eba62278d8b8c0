"""Many Word documents as one, each starting on a new page, for printing a batch in one go.

docxcompose does the hard part: it copies each document's body into the first one and carries
its styles, numbering, images and footnotes along. What it does not do is separate the
documents, so a section break ("next page") is put at the end of each one. A section break
rather than a page break because each letter then keeps the first document's page set-up,
letterhead on its own first page (Word's "different first page" header) and its own page
numbers, and no empty paragraph is added that could spill onto an extra page.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxcompose.composer import Composer
from lxml import etree

from generator.common.errors import OutputError
from generator.common.fileio import atomic_path


def combine_documents(docx_paths: Sequence[Path], out_path: Path) -> Path:
    """Write the documents, in order, into one .docx at ``out_path``; return ``out_path``.

    The page set-up, headers and footers of the first document apply to all; each document
    starts on a new page. Raises OutputError naming the file if a document cannot be read or
    the result cannot be written. The inputs are never modified.
    """
    paths = [Path(p) for p in docx_paths]
    out_path = Path(out_path)
    if not paths:
        raise OutputError("cannot be written: there are no documents to combine.", out_path)
    combined = _open(paths[0])
    combined.element.body.get_or_add_sectPr()
    # The type of a section says how it starts; the documents must each start a new page.
    combined.sections[-1].start_type = WD_SECTION.NEW_PAGE
    composer = Composer(combined)
    for path in paths[1:]:
        _end_section(combined)
        composer.append(_open(path))
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
