"""Pictures a template places with a field: ``{{ coverage.chart }}`` prints a PNG there.

A renderer is told the picture slots a template may fill (:class:`DocxRenderer`'s
``pictures``); each slot gets a media part and a relationship of the document body, made once.
The field's value, a :class:`Picture`, prints the drawing that points at that relationship,
in the run where the field stands, as docxtpl's ``InlineImage`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from markupsafe import escape

EMU_PER_INCH = 914_400
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_SLOT = re.compile(r"[a-z][a-z0-9-]{0,30}")
# The drawing closes the field's text and run, stands in a run of its own, then reopens both.
_DRAWING = (
    '</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape}" name="{name}" descr="{description}"/>'
    "<wp:cNvGraphicFramePr><a:graphicFrameLocks "
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
    '</wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/'
    '2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{relationship}"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    '<w:r><w:t xml:space="preserve">'
)


def check_slot(slot: str) -> str:
    if not _SLOT.fullmatch(slot):
        raise ValueError(f"a picture slot is a short lower-case name, not {slot!r}")
    return slot


def media_name(slot: str) -> str:
    """The slot's picture part, relative to the document body's folder."""
    return f"media/coalition-{check_slot(slot)}.png"


def relationship_id(slot: str) -> str:
    return "rIdCoalition" + "".join(part.title() for part in check_slot(slot).split("-"))


@dataclass(frozen=True)
class Picture:
    """A PNG of the given size, shown where a field prints it (its bytes go to ``render``)."""

    slot: str
    width_inches: float
    height_inches: float
    description: str = ""

    def __bool__(self) -> bool:
        return True

    def __html__(self) -> str:
        return _DRAWING.format(
            cx=round(self.width_inches * EMU_PER_INCH),
            cy=round(self.height_inches * EMU_PER_INCH),
            shape=4000 + sum(map(ord, self.slot)),
            name=escape(self.slot),
            description=escape(self.description),
            relationship=relationship_id(self.slot),
        )


_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def with_slots(name: str, data: bytes, body: str, slots: tuple[str, ...]) -> bytes:
    """A part of the package with a place for each picture slot: in the list of parts, PNG
    as a known content type; in the body's relationships, one image relationship per slot.
    Any other part is returned as it is."""
    if not slots:
        return data
    folder, _, file = body.rpartition("/")
    if name == "[Content_Types].xml":
        root = etree.fromstring(data, _PARSER)
        defaults = {e.get("Extension", "").lower() for e in root if "Default" in e.tag}
        if "png" not in defaults:
            namespace = etree.QName(root).namespace
            element = etree.SubElement(root, f"{{{namespace}}}Default" if namespace else "Default")
            element.set("Extension", "png")
            element.set("ContentType", "image/png")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if name == f"{folder}/_rels/{file}.rels".lstrip("/"):
        root = etree.fromstring(data, _PARSER)
        tag = etree.QName(etree.QName(root).namespace, "Relationship").text
        for slot in slots:
            element = etree.SubElement(root, tag)
            element.set("Id", relationship_id(slot))
            element.set("Type", IMAGE_RELATIONSHIP)
            element.set("Target", media_name(slot))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
