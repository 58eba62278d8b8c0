"""Build templates/report.docx, the Word template of ``coalition report``.

Run it after changing the report's layout:

    python templates/build_report_template.py            # writes templates/report.docx

The result is an ordinary Word document with docxtpl tags in it. Users restyle it in Word
(fonts, colours, logo, letterhead) by changing its named styles (Normal, Title, Heading 1-3,
List Bullet, Table Text, Key Number, ...) and the table style "Coalition Table"; they may move,
delete or reword anything, as long as the tags stay valid. docs/report.md lists every field.

docxtpl's rules, followed here:
* ``{%p ... %}`` alone in its paragraph: the paragraph is replaced by the tag (loops, ifs);
* ``{%tr ... %}`` alone in a table row: the row is replaced by the tag (one table row per item);
* ``{{ ... }}`` and inline ``{% ... %}`` must sit in a single run: each tag is written as one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUTPUT = Path(__file__).resolve().parent / "report.docx"

FONT = "Calibri"  # LibreOffice shows Carlito, its metric-compatible twin, where Calibri is absent
NAVY = RGBColor(0x1F, 0x38, 0x64)
TEAL = RGBColor(0x2E, 0x75, 0xB6)
INK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x59, 0x59, 0x59)
RUST = RGBColor(0x9C, 0x2A, 0x00)
HEADER_FILL = "DCE6F2"  # light enough for black text, dark enough to show on a greyscale print
BAND_FILL = "F3F6FA"
CALLOUT_FILL = "FBEFE9"

TEXT_WIDTH = 6.5  # inches: Letter with one-inch margins


# --- Styles -------------------------------------------------------------------------------------


def _font(style: ParagraphStyle, size: float, color: RGBColor = INK, bold: bool = False) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.color.rgb = color
    font.bold = bold
    font.italic = False
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)


def _spacing(
    style: ParagraphStyle, before: float = 0, after: float = 6, line: float | None = 1.15
) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line


def _paragraph_style(document: Document, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = document.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _border(style: ParagraphStyle, side: str, color: str, size: int = 6, space: int = 4) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = parse_xml(f"<w:pBdr {nsdecls('w')}/>")
        ppr.append(borders)
    borders.append(
        parse_xml(
            f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="{space}" '
            f'w:color="{color}"/>'
        )
    )


def _shade_style(style: ParagraphStyle, fill: str) -> None:
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def define_styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 10.5)
    _spacing(normal, after=6)

    title = styles["Title"]
    _font(title, 34, NAVY)
    _spacing(title, after=6, line=1.0)
    title.element.get_or_add_pPr().remove_all("w:pBdr")

    subtitle = styles["Subtitle"]
    _font(subtitle, 15, TEAL)
    _spacing(subtitle, after=24, line=1.1)

    for name, size, color, before, after in (
        ("Heading 1", 20, NAVY, 18, 10),
        ("Heading 2", 13.5, TEAL, 16, 5),
        ("Heading 3", 11, NAVY, 10, 3),
    ):
        style = styles[name]
        _font(style, size, color, bold=True)
        _spacing(style, before, after, line=1.0)
        style.paragraph_format.keep_with_next = True
    _border(styles["Heading 1"], "bottom", "2E75B6", size=8, space=6)

    bullet = styles["List Bullet"]
    _font(bullet, 10.5)
    _spacing(bullet, after=3)

    cover_label = _paragraph_style(document, "Cover Label")
    _font(cover_label, 11, TEAL, bold=True)
    cover_label.font.all_caps = True
    _spacing(cover_label, before=130, after=10, line=1.0)
    _border(cover_label, "top", "1F3864", size=36, space=14)
    cover_label.element.get_or_add_rPr().append(
        parse_xml(f'<w:spacing {nsdecls("w")} w:val="30"/>')
    )

    cover_meta = _paragraph_style(document, "Cover Meta")
    _font(cover_meta, 12, INK)
    _spacing(cover_meta, after=2, line=1.1)

    cover_note = _paragraph_style(document, "Cover Note")
    _font(cover_note, 9, GREY)
    _spacing(cover_note, before=200, after=0, line=1.15)
    _border(cover_note, "top", "BFBFBF", size=4, space=8)

    intro = _paragraph_style(document, "Intro")  # a section's opening words, kept with what follows
    intro.paragraph_format.keep_with_next = True

    lead = _paragraph_style(document, "Lead")
    _font(lead, 11.5, INK)
    _spacing(lead, after=8, line=1.2)

    key_number = _paragraph_style(document, "Key Number")
    _font(key_number, 28, NAVY, bold=True)
    _spacing(key_number, before=4, after=0, line=1.0)
    key_number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    key_label = _paragraph_style(document, "Key Label")
    _font(key_label, 9, GREY)
    _spacing(key_label, after=4, line=1.0)
    key_label.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table_text = _paragraph_style(document, "Table Text")
    _font(table_text, 9.5)
    _spacing(table_text, before=0, after=0, line=1.05)

    table_small = _paragraph_style(document, "Table Small", base="Table Text")
    _font(table_small, 8.5)

    table_heading = _paragraph_style(document, "Table Heading", base="Table Text")
    _font(table_heading, 9.5, NAVY, bold=True)
    table_heading.paragraph_format.keep_with_next = True

    table_group = _paragraph_style(document, "Table Group", base="Table Text")
    _font(table_group, 9.5, NAVY, bold=True)
    table_group.font.all_caps = True
    table_group.paragraph_format.keep_with_next = True

    gap = _paragraph_style(document, "Gap", base="List Bullet")
    _font(gap, 10.5, RUST, bold=True)
    _spacing(gap, after=3)

    note = _paragraph_style(document, "Note")
    _font(note, 9.5, GREY)
    note.font.italic = True
    _spacing(note, before=2, after=8)
    note.paragraph_format.keep_with_next = True

    callout = _paragraph_style(document, "Callout")
    _font(callout, 10.5, INK)
    _spacing(callout, before=6, after=10)
    _border(callout, "left", "9C2A00", size=24, space=8)
    _shade_style(callout, CALLOUT_FILL)
    callout.paragraph_format.left_indent = Pt(10)

    caption = styles["Caption"]
    _font(caption, 9, GREY)
    caption.font.italic = True
    _spacing(caption, before=4, after=10)

    for name in ("Header", "Footer"):
        _font(styles[name], 8.5, GREY)

    styles.element.append(
        parse_xml(
            f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="CoalitionTable">
  <w:name w:val="Coalition Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="1F3864"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3864"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="70" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="70" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:color w:val="1F3864"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""
        )
    )


# --- Building blocks ----------------------------------------------------------------------------


def tag(document: Document, text: str) -> Paragraph:
    """A ``{%p ... %}`` paragraph: docxtpl replaces the whole paragraph with the tag."""
    paragraph = document.add_paragraph(style="Normal")
    paragraph.add_run(text)
    return paragraph


def para(document: Document, *runs: str | tuple[str, dict], style: str = "Normal") -> Paragraph:
    """A paragraph of runs; a run is text, or (text, {"bold": True, ...})."""
    paragraph = document.add_paragraph(style=style)
    for run in runs:
        text, options = (run, {}) if isinstance(run, str) else run
        added = paragraph.add_run(text)
        added.bold = options.get("bold")
        added.italic = options.get("italic")
    return paragraph


def page_break(document: Document) -> None:
    document.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)


def _cell_width(cell: _Cell, inches: float) -> None:
    cell.width = Inches(inches)


def _shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _cell_text(cell: _Cell, text: str, style: str = "Table Text", bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


def data_table(
    document: Document,
    headings: list[str],
    widths: list[float],
    loop: str,
    cells: list[str],
    *,
    group: tuple[str, str] | None = None,
    first_bold: bool = True,
    style: str = "Table Text",
    small_last: bool = False,
    keep_together: bool = True,
) -> Table:
    """A table with a heading row and one row per item of ``loop`` ("p in partners").

    ``group`` nests it: ("g in coverage.kinds", "{{ g.title }}") adds a full-width row per group.
    """
    table = document.add_table(rows=0, cols=len(headings))
    table.style = document.styles["Coalition Table"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.table_direction = WD_TABLE_DIRECTION.LTR
    table.autofit = False
    _fixed_layout(table, widths)

    header = table.add_row()
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for cell, heading in zip(header.cells, headings, strict=True):
        _cell_text(cell, heading, "Table Heading")
        _shade(cell, HEADER_FILL)

    def tag_row(text: str) -> None:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1]) if len(headings) > 1 else row.cells[0]
        _cell_text(merged, text, "Table Text")

    if group is not None:
        tag_row(f"{{%tr for {group[0]} %}}")
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1]) if len(headings) > 1 else row.cells[0]
        _cell_text(merged, group[1], "Table Group")
        _shade(merged, BAND_FILL)
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    tag_row(f"{{%tr for {loop} %}}")
    row = table.add_row()
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
        small = small_last and index == len(cells) - 1
        _cell_text(cell, text, "Table Small" if small else style, bold=first_bold and index == 0)
    tag_row("{%tr endfor %}")
    if group is not None:
        tag_row("{%tr endfor %}")
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            _cell_width(cell, width)
            # Each row keeps with the next, so that a short table is never cut before its last
            # row; long ones (partners, the matrix) break between rows rather than leave a page
            # blank before them.
            if keep_together:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    return table


def _fixed_layout(table: Table, widths: list[float]) -> None:
    tblPr = table._tbl.tblPr
    tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    width = tblPr.find(qn("w:tblW"))
    if width is None:
        width = parse_xml(f"<w:tblW {nsdecls('w')}/>")
        tblPr.append(width)
    width.set(qn("w:w"), str(int(sum(widths) * 1440)))
    width.set(qn("w:type"), "dxa")
    look = tblPr.find(qn("w:tblLook"))
    if look is None:
        look = parse_xml(f"<w:tblLook {nsdecls('w')}/>")
        tblPr.append(look)
    for key, value in (
        ("w:val", "0420"),
        ("w:firstRow", "1"),
        ("w:lastRow", "0"),
        ("w:firstColumn", "0"),
        ("w:lastColumn", "0"),
        ("w:noHBand", "1"),
        ("w:noVBand", "1"),
    ):
        look.set(qn(key), value)
    grid = table._tbl.tblGrid
    for column, inches in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(inches * 1440)))


def none_yet(document: Document, text: str) -> None:
    para(document, text, style="Note")


# --- The report ---------------------------------------------------------------------------------


def cover(document: Document) -> None:
    para(document, "Mobility coalition briefing", style="Cover Label")
    para(document, "{{ title }}", style="Title")
    para(document, "Who is at the table, who is missing, and whom to invite", style="Subtitle")
    tag(document, "{%p if prepared_by %}")
    para(document, ("Prepared by ", {}), ("{{ prepared_by }}", {"bold": True}), style="Cover Meta")
    tag(document, "{%p endif %}")
    para(document, "{{ date }}", style="Cover Meta")
    para(
        document,
        "Built on the Urban Institute\u2019s worksheet \u201cIdentifying Potential Coalition "
        "Members\u201d, part of its Toolkit for Increasing Upward Mobility in Your Community. "
        "Every list in this briefing comes from the coalition\u2019s own workbook.",
        style="Cover Note",
    )


def summary(document: Document) -> None:
    page_break(document)
    document.add_heading("Summary", level=1)
    widths = [TEXT_WIDTH / 4] * 4
    table = document.add_table(rows=2, cols=4)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table, widths)
    figures = (
        ("{{ numbers.existing_partners }}", "existing partners"),
        ("{{ numbers.potential_partners }}", "potential partners"),
        ("{{ numbers.invitations }}", "on the invite list"),
        ("{{ numbers.gaps }}", "priorities without a partner"),
    )
    for column, (number, label) in enumerate(figures):
        top, bottom = table.cell(0, column), table.cell(1, column)
        _cell_text(top, number, "Key Number")
        _cell_text(bottom, label, "Key Label")
        for cell in (top, bottom):
            _shade(cell, BAND_FILL)
            _cell_width(cell, widths[column])
    para(document, "", style="Normal").paragraph_format.space_after = Pt(4)

    tag(document, "{%p for sentence in summary %}")
    para(document, "{{ sentence }}", style="Lead")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if has_errors %}")
    para(
        document,
        ("Written despite errors in the workbook. ", {"bold": True}),
        "The data-quality notes in the appendix list them; correct the workbook and write the "
        "briefing again before it is shared widely.",
        style="Callout",
    )
    tag(document, "{%p endif %}")


def needs(document: Document) -> None:
    document.add_heading("What the coalition needs", level=1)
    para(
        document,
        "Part 1 of the worksheet: the groups facing the greatest barriers to upward mobility, "
        "the areas of greatest concern, and the assets the coalition needs.",
    )
    document.add_heading("Priority groups", level=2)
    tag(document, "{%p if groups %}")
    tag(document, "{%p for g in groups %}")
    para(
        document,
        "{{ g.label }}",
        "{% if g.details %} \u2014 {{ g.details }}{% endif %}",
        style="List Bullet",
    )
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    none_yet(document, "None chosen yet.")
    tag(document, "{%p endif %}")

    document.add_heading("Areas of concern, by pillar of the Upward Mobility Framework", level=2)
    tag(document, "{%p if numbers.areas %}")
    data_table(
        document,
        ["Pillar", "Areas of greatest concern", "Chosen"],
        [2.6, 3.1, 0.8],
        "pillar in pillars",
        ["{{ pillar.name }}", "{{ pillar.areas_text }}", "{{ pillar.chosen }} of {{ pillar.of }}"],
    )
    tag(document, "{%p else %}")
    none_yet(document, "None chosen yet.")
    tag(document, "{%p endif %}")

    document.add_heading("Assets the coalition needs", level=2)
    tag(document, "{%p if assets %}")
    tag(document, "{%p for a in assets %}")
    para(
        document,
        "{{ a.label }}",
        "{% if a.details %} \u2014 {{ a.details }}{% endif %}",
        style="List Bullet",
    )
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    none_yet(document, "None chosen yet.")
    tag(document, "{%p endif %}")


def data_says(document: Document) -> None:
    """The community's own numbers beside Part 1, when the workbook carries them."""
    tag(document, "{%p if data.has %}")
    page_break(document)
    document.add_heading("What the data says", level=1)
    para(document, "{{ data.intro }}", style="Intro")
    para(document, "{{ data.lead }}", style="Lead")
    tag(document, "{%p if data.chart %}")
    chart = para(document, "{{ data.chart }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart.paragraph_format.keep_with_next = True
    para(
        document,
        ("Where the community stands on each area it chose. ", {"bold": True}),
        "Each bar is a percentile: 100 is the best; the shaded band is the bottom quarter; a "
        "hatched bar rests on a value Urban flags as weak.",
        style="Caption",
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p for r in data.rows %}")
    para(document, ("{{ r.area }}", {"bold": True}), ": {{ r.sentence }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if data.not_supported %}")
    document.add_heading("Chosen, though the data does not single them out", level=2)
    tag(document, "{%p for sentence in data.not_supported %}")
    para(document, "{{ sentence }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if data.not_chosen %}")
    document.add_heading("Where the data points, and Part 1 does not", level=2)
    tag(document, "{%p for sentence in data.not_chosen %}")
    para(document, "{{ sentence }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    para(document, "{{ data.note }}", style="Note")
    tag(document, "{%p endif %}")


def partners(document: Document) -> None:
    document.add_heading("Partners", level=1)
    headings = ["Organization", "Type", "Serves", "Works on", "Brings"]
    widths = [1.45, 0.95, 1.3, 1.35, 1.45]
    cells = [
        "{{ p.name }}",
        "{{ p.type }}",
        "{{ p.populations }}",
        "{{ p.domains }}",
        "{{ p.assets }}",
    ]
    for title, key, intro, empty in (
        (
            "Existing partners",
            "existing_partners",
            "Table 1 of the worksheet: organizations the coalition already works well with.",
            "No existing partners are listed yet.",
        ),
        (
            "Potential new partners",
            "potential_partners",
            "Table 2 of the worksheet: organizations to bring in, including some the coalition "
            "has not worked with before.",
            "No potential partners are listed yet.",
        ),
    ):
        document.add_heading(title, level=2)
        tag(document, f"{{%p if {key} %}}")
        para(document, intro, style="Intro")
        data_table(document, headings, widths, f"p in {key}", cells, keep_together=False)
        tag(document, "{%p else %}")
        none_yet(document, empty)
        tag(document, "{%p endif %}")


def coverage(document: Document) -> None:
    page_break(document)
    document.add_heading("Coverage of the priorities", level=1)
    tag(document, "{%p if coverage.kinds %}")
    para(
        document,
        "A partner covers a priority when Table 1 or Table 2 marks it among the partner\u2019s "
        "target populations, domains of work or assets.",
        style="Intro",
    )
    chart = para(document, "{{ coverage.chart }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart.paragraph_format.keep_with_next = True
    para(
        document,
        ("Partners per priority. ", {"bold": True}),
        "Each bar counts the partners that cover a priority; priorities without a partner are "
        "named in bold.",
        style="Caption",
    )

    document.add_heading("Gaps", level=2)
    tag(document, "{%p if coverage.gaps %}")
    tag(document, "{%p for sentence in coverage.gaps %}")
    para(document, "{{ sentence }}", style="Gap")
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    para(document, "None: every priority has at least one partner.")
    tag(document, "{%p endif %}")
    tag(document, "{%p if coverage.watch %}")
    document.add_heading("Covered only by potential partners", level=2)
    tag(document, "{%p for sentence in coverage.watch %}")
    para(document, "{{ sentence }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if coverage.unaligned %}")
    para(document, "{{ coverage.unaligned }}", style="Note")
    tag(document, "{%p endif %}")

    document.add_heading("Coverage matrix", level=2)
    data_table(
        document,
        [
            "Priority",
            "Existing partners",
            "Potential partners on the invite list",
            "Potential partners not on the invite list",
        ],
        [1.5, 1.75, 1.75, 1.5],
        "r in k.rows",
        [
            "{{ r.name }}",
            "{% if r.is_gap %}No partner yet{% else %}{{ r.existing }}{% endif %}",
            "{{ r.potential_invited }}",
            "{{ r.potential_not_invited }}",
        ],
        style="Table Small",
        group=("k in coverage.kinds", "{{ k.title }}"),
        keep_together=False,
    )
    tag(document, "{%p else %}")
    none_yet(
        document,
        "Part 1 of the workbook names no priorities yet, so coverage cannot be judged. Choose "
        "the groups, areas and assets that matter most, then write this briefing again.",
    )
    tag(document, "{%p endif %}")


def benefits(document: Document) -> None:
    document.add_heading("How partners would benefit the work", level=1)
    tag(document, "{%p if benefits %}")
    para(
        document,
        "Table 3 of the worksheet: what each partner brings and why they would join.",
        style="Intro",
    )
    data_table(
        document,
        ["Partner", "Aligned initiatives", "Motivations for joining", "Roles"],
        [1.5, 1.5, 1.85, 1.65],
        "b in benefits",
        ["{{ b.partner }}", "{{ b.aligned_initiatives }}", "{{ b.motivations }}", "{{ b.roles }}"],
    )
    tag(document, "{%p else %}")
    none_yet(document, "Table 3 is still empty: no partner\u2019s benefits are described yet.")
    tag(document, "{%p endif %}")

    document.add_heading("Barriers to watch, and what makes them good partners", level=2)
    tag(document, "{%p if barriers %}")
    tag(document, "{%p for b in barriers %}")
    para(document, ("{{ b.partner }}", {"bold": True}), ". {{ b.text }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    none_yet(document, "None noted yet.")
    tag(document, "{%p endif %}")


def invitations(document: Document) -> None:
    document.add_heading("Invitations", level=1)
    tag(document, "{%p if invite_groups %}")
    para(
        document,
        "Table 4 of the worksheet, the final invite list, grouped by who sends each invitation.",
        style="Intro",
    )
    tag(document, "{%p for group in invite_groups %}")
    para(document, "From {{ group.sender }}", style="Heading 3")
    tag(document, "{%p if group.sender_title %}")
    para(document, "{{ group.sender_title }} \u00b7 {{ group.count }}", style="Note")
    tag(document, "{%p else %}")
    para(document, "{{ group.count }}", style="Note")
    tag(document, "{%p endif %}")
    data_table(
        document,
        ["Invitee", "Title", "Organization", "Status"],
        [1.7, 1.7, 2.2, 0.9],
        "i in group.invitees",
        ["{{ i.member }}", "{{ i.member_title }}", "{{ i.organization }}", "{{ i.status }}"],
    )
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    none_yet(document, "Nobody is on the invite list yet.")
    tag(document, "{%p endif %}")

    document.add_heading("Keep informed", level=2)
    tag(document, "{%p if keep_informed %}")
    para(
        document, "People to keep up to date without inviting them to join, for now.", style="Intro"
    )
    data_table(
        document,
        ["Name", "Title", "Organization"],
        [1.9, 2.0, 2.6],
        "i in keep_informed",
        ["{{ i.member }}", "{{ i.member_title }}", "{{ i.organization }}"],
    )
    tag(document, "{%p else %}")
    none_yet(document, "Nobody is on the keep-informed list yet.")
    tag(document, "{%p endif %}")


def data_quality(document: Document) -> None:
    page_break(document)
    document.add_heading("Appendix: data-quality notes", level=1)
    tag(document, "{%p if findings %}")
    para(
        document,
        "What the checks found in the coalition\u2019s workbook{% if workbook %} "
        "({{ workbook }}){% endif %}. Warnings are worth a look; errors mean part of this "
        "briefing may be wrong or incomplete. The last column says where to correct each one.",
        style="Intro",
    )
    data_table(
        document,
        ["", "What to look at", "Where in the workbook"],
        [0.8, 4.2, 1.5],
        "f in findings",
        [
            "{{ f.severity }}",
            "{{ f.message }}{% if f.suggestion %} {{ f.suggestion }}{% endif %}",
            "{{ f.where }}",
        ],
        small_last=True,
    )
    tag(document, "{%p else %}")
    para(
        document,
        "The checks found nothing to flag in the coalition\u2019s workbook"
        "{% if workbook %} ({{ workbook }}){% endif %}.",
    )
    tag(document, "{%p endif %}")


def footer(document: Document, text: str) -> None:
    """``text``, then the page number at the right margin, on every page but the cover."""
    section = document.sections[0]
    section.different_first_page_header_footer = True  # no footer on the cover
    paragraph = section.footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    tabs = paragraph.paragraph_format.tab_stops
    # The Footer style has a centre tab; clear it so that one tab reaches the right margin.
    tabs.add_tab_stop(Inches(TEXT_WIDTH / 2), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Inches(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(text)
    paragraph.add_run("\tPage ")
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )


def new_document(title: str) -> Document:
    """An empty Letter-sized document with the briefing's margins, styles and properties."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.9)
    section.footer_distance = Inches(0.45)
    define_styles(document)
    properties = document.core_properties
    properties.title = title
    properties.subject = "Identifying Potential Coalition Members"
    properties.author = "coalition"
    properties.comments = ""
    # The default document starts with one empty paragraph; the cover replaces it.
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    return document


def build(output: Path = OUTPUT) -> Path:
    document = new_document("Mobility coalition briefing")
    cover(document)
    summary(document)
    needs(document)
    data_says(document)
    partners(document)
    coverage(document)
    benefits(document)
    invitations(document)
    data_quality(document)
    footer(document, "{{ title }} \u00b7 briefing of {{ date }}")
    document.save(output)
    return output


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    print(f"Wrote {build(target)}")
