"""Write the LibreOffice-authored templates of the corpus (tests/corpus/libreoffice).

    python tests/corpus/make_libreoffice.py

Each template is written as a flat OpenDocument text (.fodt, readable below) and saved as Word
by LibreOffice Writer itself (``soffice --convert-to docx``), so the .docx files carry what
Writer makes of a template: its own run structure (a field half in bold is two runs), styles,
sections, headers and footers, footnotes and endnotes, comments, a text frame, a hyperlink
whose address holds a field (Writer percent-encodes it), tables, lists and document
properties. The .fodt sources are kept beside them.
"""

# ruff: noqa: E501 (data: rows and XML read best one record to a line)

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "libreoffice"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
"""

STYLES = """ <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
    fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="1cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="1cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
"""

# The letterhead reads the row through extra.get() and extra.items(): the reads the batch
# renderer once mistook for row-independent.
MASTERS = """ <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>{{ coalition.name }} <text:span text:style-name="B">letterhead</text:span> for {{ mem<text:span text:style-name="I">ber }}</text:span> \u2014 liaison: {{ extra.get("Board liaison", "none") }}</text:p></style:header>
   <style:footer><text:p>{{ sender }}{% if sender_title %}, {{ sender_title }}{% endif %} \u2014 {% for key, value in extra.items() %}{{ key }}: {{ value }}; {% endfor %}page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
"""

LETTER = """ <office:meta>
  <dc:title>Letter to {{ member }}</dc:title>
  <dc:subject>{{ coalition.name }}</dc:subject>
  <dc:description>Written for {{ organization }} by {{ sender }}</dc:description>
  <meta:user-defined meta:name="Recipient">{{ member }}</meta:user-defined>
 </office:meta>
{styles}{masters} <office:body><office:text>
  <text:p>{{ today }}</text:p>
  <text:p>{{ member }}<text:line-break/>{% if member_title %}{{ member_title }}<text:line-break/>{% endif %}{{ organ<text:span text:style-name="B">ization</text:span> }}</text:p>
  <text:p>Dear {{ sal<text:span text:style-name="B">utation</text:span> or member }},</text:p>
  <text:p>{%p if is_existing_partner %}</text:p>
  <text:p>Thank you for the years of work with {{ organization }}.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Our records list {{ partner.name or organization }} as an existing partner.</text:p></text:note-body></text:note></text:p>
  <text:p>{%p else %}</text:p>
  <text:p>We would be glad to start working with {{ organization }}.<text:note text:id="n2" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Written for {{ member }} on {{ today }}.</text:p></text:note-body></text:note></text:p>
  <text:p>{%p endif %}</text:p>
  <text:p>Write to <text:a xlink:type="simple" xlink:href="mailto:{{ email }}">{{ email or "us" }}</text:a> or see <text:a xlink:type="simple" xlink:href="https://example.org/partners?name={{ organization }}">our page</text:a>.<office:annotation><dc:creator>Convener</dc:creator><dc:date>2026-01-01T00:00:00</dc:date><text:p>Check the address of {{ member }} ({{ row }}).</text:p></office:annotation></text:p>
  <text:p><draw:frame draw:name="Box" text:anchor-type="paragraph" svg:width="6cm" svg:height="2cm"><draw:text-box><text:p>In a frame: {{ coalition.community }} and {{ matching.groups | join_and }}</text:p></draw:text-box></draw:frame>Areas we share:</text:p>
  <table:table table:name="Areas">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell office:value-type="string"><text:p>Area</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Number</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>{%tr for area in matching.areas %}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p/></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>{{ area }}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{{ loop.<text:span text:style-name="I">index</text:span> }}</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>{%tr endfor %}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p/></table:table-cell></table:table-row>
  </table:table>
  <text:list><text:list-item><text:p>{%p for asset in matching.assets %}</text:p></text:list-item>
   <text:list-item><text:p>{{ asset }}</text:p></text:list-item>
   <text:list-item><text:p>{%p endfor %}</text:p></text:list-item></text:list>
  <text:p>With thanks,</text:p>
  <text:p>{{ sender }}<text:line-break/>{{ sender_title }}</text:p>
 </office:text></office:body>
</office:document>
"""

FORMS = """ <office:meta><dc:title>{{ organization }}</dc:title></office:meta>
{styles} <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>{{r coalition.name }} \u2014 {{ today }}</text:p></style:header>
 </style:master-page></office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Heading">Notes on {{ organization }}</text:p>
  <text:p>Roles, as a paragraph of their own:</text:p>
  <text:p>{{p benefit.roles }}</text:p>
  <text:p>In a sentence: <text:span text:style-name="B">{{r member }}</text:span> of {{ organization }}{%r if member_title %}, {{r member_title }}{%r endif %}.</text:p>
  <text:p>{%p for group in matching.groups %}</text:p>
  <text:p><text:span text:style-name="I">{{ group }}</text:span>{% if not loop.last %};{% endif %}</text:p>
  <text:p>{%p endfor %}</text:p>
  <table:table table:name="Grid">
   <table:table-column table:number-columns-repeated="3"/>
   <table:table-row><table:table-cell office:value-type="string"><text:p>{%tc for area in matching.areas %}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{{ area }}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{%tc endfor %}</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>{{ sender }}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{{ email }}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{{ row }}</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p>{# a note for whoever edits this: not printed #}Address:<text:line-break/>{{ mailing_address }}</text:p>
  <text:p>{{p benefit.motivations }}</text:p>
 </office:text></office:body>
</office:document>
"""

TEMPLATES = {
    "lo_letter": LETTER.replace("{styles}", STYLES).replace("{masters}", MASTERS),
    "lo_forms": FORMS.replace("{styles}", STYLES),
}


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed.", file=sys.stderr)
        return 2
    HERE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for name, text in TEMPLATES.items():
            source = HERE / f"{name}.fodt"
            source.write_text(HEAD + text, encoding="utf-8")
            sources.append(str(source))
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(HERE), *sources],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    for name in TEMPLATES:
        print(f"Wrote {HERE / name}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
