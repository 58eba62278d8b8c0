"""Build the default letter templates: ``letter.docx`` (invitation) and ``update-letter.docx``.

Run it after changing the wording here: ``python templates/build_letter_templates.py``. The
templates are ordinary docxtpl templates (Jinja inside Word), so people can also open the .docx
files in Word and change them there; ``coalition templates export`` lists the fields they may use.

Wording choices, for whoever edits them:
* the letter is from a person (the sender) to a person, on one page, in plain words;
* an existing partner (Part 2) is thanked for the relationship, a new one (Part 3) is told why
  they are wanted; an organization in neither still gets a complete letter;
* the Part 4 "barriers" notes are the convener's private notes and never appear in a letter.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
BR = object()  # a line break inside a paragraph

# Pieces used by both letters.
OPTIONAL_LINES = ("member_title", "organization", "mailing_address")
COMMUNITY = "{% if coalition.community %} in {{ coalition.community }}{% endif %}"
WHO_WE_ARE = (
    "a partnership of local government, community organizations, employers, funders and "
    f"residents working together so that more people{COMMUNITY} can build a stable, "
    "prosperous future"
)
# The priorities a letter names: those the partner works on, else the coalition's own; at most
# three by name, since a letter is not the place for the whole Part 1 list.
GOALS = (
    "{%p set goals = (matching.areas or coalition.areas)[:3] %}",
    "{%p set more = coalition.areas | length > goals | length %}",
)
FIRST_GOALS = (
    "{% if more %}{{ goals | map('lower_first') | join(', ') }} and our other priorities"
    "{% else %}{{ goals | map('lower_first') | join_and }}{% endif %}"
)
# How the sender can be reached, when the invite list says.
CONTACT = "[sender_email, sender_phone] | select | join(' or ')"
NAME = "(salutation or member) | tidy_case or 'Colleague'"


def new_document(title: str) -> Document:
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    fonts = normal.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), "Calibri")
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.08

    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.8)
    section.header_distance = Inches(0.45)
    _letterhead(section.header)

    properties = document.core_properties
    properties.title = title
    properties.author = "{{ sender }}"
    properties.subject = "{{ coalition.name }}"
    properties.comments = "Made with coalition; fields are listed by `coalition templates export`."
    properties.keywords = ""
    properties.last_modified_by = "coalition"
    properties.revision = 1
    fixed = datetime(2026, 1, 1)
    properties.created = properties.modified = fixed
    return document


def _letterhead(header: Any) -> None:  # python-docx's header class is private
    name = header.paragraphs[0]
    run = name.add_run("{{ coalition.name }}")
    run.bold = True
    run.font.size = Pt(17)
    run.font.color.rgb = NAVY
    name.paragraph_format.space_after = Pt(0)
    tagline = header.add_paragraph()
    run = tagline.add_run(f"Working together to increase upward mobility{COMMUNITY}")
    run.italic = True
    run.font.size = Pt(9.5)
    run.font.color.rgb = GREY
    tagline.paragraph_format.space_after = Pt(6)
    _bottom_rule(tagline)


def _bottom_rule(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", "1F3864")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def para(document: Document, *pieces: object, after: float | None = None) -> Paragraph:
    """A paragraph of text runs and line breaks; each string is one run, as Word would save."""
    paragraph = document.add_paragraph()
    for piece in pieces:
        if piece is BR:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        else:
            paragraph.add_run(str(piece))
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def opening(document: Document) -> None:
    para(document, "{{ today }}", after=14)
    address = ["{{ member | tidy_case }}"]
    for name in OPTIONAL_LINES:
        # The break sits inside the condition, so an empty line leaves no gap.
        value = f"{name} | tidy_case" if name == "member_title" else name
        address += [f"{{% if {name} %}}", BR, f"{{{{ {value} }}}}{{% endif %}}"]
    para(document, *address, after=14)
    para(document, f"Dear {{{{ {NAME} }}}},")


def closing(document: Document, sign_off: str) -> None:
    para(document, sign_off, after=36)
    signature = ["{{ sender | tidy_case }}"]
    for name in ("sender_title", "sender_email", "sender_phone"):
        signature += [f"{{% if {name} %}}", BR, f"{{{{ {name} }}}}{{% endif %}}"]
    para(document, *signature)


def bullet(document: Document, text: str) -> Paragraph:
    """A bulleted item: no space between items of a list, the usual space after the last."""
    paragraph = para(document, text)
    paragraph.style = document.styles["List Bullet"]
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))
    return paragraph


def invitation() -> Document:
    document = new_document("Invitation to join the {{ coalition.name }}")
    opening(document)
    para(
        document, f"I am writing to invite you to join the {{{{ coalition.name }}}}, {WHO_WE_ARE}."
    )

    # An existing partner is thanked; a new one is told why they are wanted.
    para(document, "{%p if is_existing_partner %}")
    para(
        document,
        "We have valued our partnership with {{ organization }}, and the work we have done "
        "together is part of what made this coalition possible. Joining it would let us build "
        "on that relationship and take our shared work further.",
    )
    para(document, "{%p elif is_new_partner %}")
    para(
        document,
        "Although our organizations have not yet worked closely together, I believe "
        "{{ organization }} would bring experience and perspective that this coalition needs, "
        "and I hope this can be the start of a lasting partnership.",
    )
    para(document, "{%p endif %}")

    # Part 1 priorities that this organization answers.
    para(document, "{%p if matching.areas or matching.groups or matching.assets %}")
    para(
        document,
        "{% if matching.areas %}Your work on {{ matching.areas | map('lower_first') | join_and }} "
        "speaks directly to the concerns our community has set as priorities. {% endif %}",
        "{% if matching.groups %}You serve {{ matching.groups | map('lower_first') | join_and }}"
        ", who face some of the greatest barriers to upward mobility here. {% endif %}",
        "{% if matching.assets %}The coalition especially needs what you would bring: "
        "{{ matching.assets | map('lower_first') | join_and }}.{% endif %}",
    )
    para(document, "{%p endif %}")

    # Part 4, as typed: each note stands where any wording reads well (after a colon, or as a
    # clause only when it says what they want). Never the barriers, the convener's own notes.
    para(document, "{%p set initiatives = benefit.aligned_initiatives | items %}")
    para(document, "{%p set why = benefit.motivations | you_clause %}")
    para(document, "{%p set heard = benefit.motivations | to_reader %}")
    para(document, "{%p set roles = benefit.roles | items %}")
    para(document, "{%p if initiatives or heard %}")
    para(
        document,
        "{% if initiatives %}We see a natural connection with what you are already doing: "
        "{{ initiatives | join_and }}. {% endif %}",
        "{% if why %}We understand that {{ why }}. I believe the coalition can help."
        "{% elif heard[:8] | lower == 'because ' %}We know this work matters to you "
        "{{ heard | lower_first }}, and I believe the coalition can help."
        "{% elif heard %}We have heard what matters most to you: {{ heard | lower_first }}. I "
        "believe the coalition can help.{% endif %}",
    )
    para(document, "{%p endif %}")
    para(document, "{%p if roles | length == 1 %}")
    para(
        document,
        "As a starting point, which we would shape together with you, here is the role we have "
        "in mind for {{ organization or 'you' }}: {{ roles[0] }}.",
    )
    para(document, "{%p elif roles %}")
    para(
        document,
        "As a starting point, which we would shape together with you, here are the roles we "
        "have in mind for {{ organization or 'you' }}:",
        after=4,
    )
    para(document, "{%p for role in roles %}")
    bullet(document, "{{ role[:1] | upper }}{{ role[1:] }}")
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")

    # Nothing in the workbook to personalize: the letter still says why they matter.
    para(
        document,
        "{%p if not (matching.areas or matching.groups or matching.assets or initiatives or "
        "heard or roles) %}",
    )
    para(
        document,
        "Partners like you bring experience, relationships and perspectives that no single "
        "organization has on its own, and your voice would make the coalition\u2019s work "
        "stronger and more lasting.",
    )
    para(document, "{%p endif %}")

    for statement in GOALS:
        para(document, statement)
    para(
        document,
        "Over the coming months, the coalition will agree on shared goals"
        f"{{% if goals %}} for {FIRST_GOALS}{{% endif %}}, choose the actions that will make the "
        "greatest difference, and track our progress together.",
    )
    para(
        document,
        "I would welcome the chance to talk with you about the coalition and the role "
        "{{ organization or 'you' }} could play. I will follow up in the coming days to find a "
        f"time{{% if sender_email or sender_phone %}}; in the meantime, you can reach me at "
        f"{{{{ {CONTACT} }}}}{{% endif %}}. Thank you for considering this invitation.",
    )
    closing(document, "Sincerely,")
    return document


def update() -> Document:
    document = new_document("An update on the {{ coalition.name }}")
    opening(document)
    para(
        document, f"I am writing to let you know about the {{{{ coalition.name }}}}, {WHO_WE_ARE}."
    )
    # The partner's own priorities say why they hear from us; the coalition's say what it does.
    para(
        document,
        "{% if matching.areas %}Because {{ organization or 'your organization' }} works on "
        "{{ matching.areas | map('lower_first') | join_and }}, {% if matching.areas | length < 6 "
        "%}{{ ['one', 'two', 'three', 'four', 'five'][matching.areas | length - 1] }} of{% else "
        "%}among{% endif %} our community\u2019s priorities, I wanted you to hear about the "
        "coalition from us.{% else %}I wanted you to hear about the coalition from us.{% endif %}"
        " Over the coming months, it "
        "will agree on shared goals{% if coalition.areas and not matching.areas %} for "
        "{% if coalition.areas | length > 3 %}{{ coalition.areas[:3] | map('lower_first') | "
        "join(', ') }} and our other priorities{% else %}{{ coalition.areas | "
        "map('lower_first') | join_and }}{% endif %}{% endif %}, "
        "choose the actions that will make the greatest difference, and track our progress "
        "together. We will share news of our progress as the work develops, and we would "
        "welcome your thoughts at any time.",
    )
    thanks = COMMUNITY.replace(" in ", " for ")
    para(
        document,
        "If you would like to be more involved, please let me know"
        f"{{% if sender_email or sender_phone %}} at {{{{ {CONTACT} }}}}{{% endif %}}; there "
        f"will be many ways to take part. Thank you for all you do{thanks}.",
    )
    closing(document, "With best regards,")
    return document


def slim(document: Document) -> Document:
    """Drop what python-docx's starting document carries but a letter never uses.

    Its styles part alone is 350 KB, with 160 styles, a second copy for Word 2010, a thumbnail
    of an empty page and custom XML: every letter would carry them, and Word shows the styles
    in its gallery. Styles in use, and the styles they build on, are kept.
    """
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in ("stylesWithEffects", "customXml"):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]

    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    used = {s.get(qn("w:styleId")) for s in by_id.values() if s.get(qn("w:default")) == "1"}
    xml_parts = [document.element, *(s.header._element for s in document.sections)]
    for element in xml_parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used |= {e.get(qn("w:val")) for e in element.iter(qn(tag))}
    pending = list(used)
    while pending:
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            link = style.find(qn(tag))
            if link is not None and link.get(qn("w:val")) not in used:
                used.add(link.get(qn("w:val")))
                pending.append(link.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in used:
            styles.remove(style)
    return document


def main() -> int:
    for name, build in (("letter.docx", invitation), ("update-letter.docx", update)):
        path = HERE / name
        slim(build()).save(str(path))
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
