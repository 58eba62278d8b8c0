"""The words of a .docx, paragraph by paragraph: what a preview shows beside the page's picture.

A picture of a page cannot be read by a screen reader, searched or copied; the text can.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def document_paragraphs(data: bytes) -> list[str]:
    """The non-empty paragraphs of the first page's header and of the body, in reading order
    (tables included); line breaks inside a paragraph stay line breaks."""
    document = docx.Document(io.BytesIO(data))
    texts: list[str] = []
    if document.sections:
        section = document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else None
        if header is None or header.is_linked_to_previous:
            header = section.header
        if not header.is_linked_to_previous:
            texts += [p.text.strip() for p in header.paragraphs]
    body = document.element.body
    texts += [Paragraph(p, document).text.strip() for p in body.iter(qn("w:p"))]
    return [text for text in texts if text]
