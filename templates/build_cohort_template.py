"""Build templates/cohort.docx, the Word template of ``coalition summarize --report``.

Run it after changing the cohort summary's layout:

    python templates/build_cohort_template.py            # writes templates/cohort.docx

It uses the styles and building blocks of build_report_template.py, so that a funder's cohort
summary and a coalition's briefing look like one family; restyle it in Word the same way.
docs/summarize.md lists every field. docxtpl's rules are those of the briefing's template.
"""

from __future__ import annotations

import sys
from pathlib import Path

from build_report_template import (
    BAND_FILL,
    TEXT_WIDTH,
    data_table,
    footer,
    new_document,
    none_yet,
    page_break,
    para,
    tag,
)
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Pt

OUTPUT = Path(__file__).resolve().parent / "cohort.docx"


def cover(document: Document) -> None:
    para(document, "Cohort summary", style="Cover Label")
    para(document, "{{ title }}", style="Title")
    para(
        document,
        "Shared needs, who covers them, and how invitations are received",
        style="Subtitle",
    )
    para(document, "{{ date }}", style="Cover Meta")
    para(
        document,
        "From {{ numbers.files }} workbook{% if numbers.files != 1 %}s{% endif %}",
        style="Cover Meta",
    )
    para(
        document,
        "Each community filled in the Urban Institute\u2019s worksheet \u201cIdentifying "
        "Potential Coalition Members\u201d, part of its Toolkit for Increasing Upward Mobility in "
        "Your Community. Every figure here is summed from the communities\u2019 own workbooks.",
        style="Cover Note",
    )


def key_figures(document: Document, figures: list[tuple[str, str]]) -> None:
    """Big numbers over their labels, side by side, as on the briefing's summary page."""
    table = document.add_table(rows=2, cols=len(figures))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = Inches(TEXT_WIDTH / len(figures))
    for column, (number, label) in enumerate(figures):
        for row, (text, style) in enumerate(((number, "Key Number"), (label, "Key Label"))):
            cell = table.cell(row, column)
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = style
            paragraph.add_run(text)
            cell._tc.get_or_add_tcPr().append(
                parse_xml(
                    f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{BAND_FILL}"/>'
                )
            )
    para(document, "", style="Normal").paragraph_format.space_after = Pt(4)


def summary(document: Document) -> None:
    page_break(document)
    document.add_heading("Summary", level=1)
    key_figures(
        document,
        [
            ("{{ numbers.communities }}", "communities"),
            ("{{ numbers.partners }}", "partners"),
            ("{{ numbers.watch }}", "priorities chosen often, covered rarely"),
            ("{{ numbers.accepted_of_sent }}", "of invitations sent were accepted"),
        ],
    )
    tag(document, "{%p for sentence in summary %}")
    para(document, "{{ sentence }}", style="Lead")
    tag(document, "{%p endfor %}")


def priorities(document: Document) -> None:
    document.add_heading("Priorities across the cohort", level=1)
    tag(document, "{%p if top %}")
    para(
        document,
        "Part 1 of the worksheet asks each community for the groups facing the greatest "
        "barriers, the areas of greatest concern and the assets its coalition needs. A "
        "community covers a priority when one of its partners serves that group, works in that "
        "area or brings that asset.",
        style="Intro",
    )
    tag(document, "{%p if chart %}")
    chart = para(document, "{{ chart }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart.paragraph_format.keep_with_next = True
    para(
        document,
        ("The most chosen priorities. ", {"bold": True}),
        "Each bar counts the communities that chose a priority, by who covers it there.",
        style="Caption",
    )
    tag(document, "{%p endif %}")
    document.add_heading("Chosen often, covered rarely", level=2)
    para(document, "Priorities {{ often.rule }}.", style="Note")
    tag(document, "{%p if watch %}")
    tag(document, "{%p for w in watch %}")
    para(document, "{{ w.sentence }}", style="Gap")
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    para(document, "None: every priority chosen often has a partner in most communities.")
    tag(document, "{%p endif %}")
    document.add_heading("The most chosen priorities", level=2)
    data_table(
        document,
        ["Priority", "Checklist", "Chosen by", "Existing partner", "Potential only", "None"],
        [2.3, 1.3, 0.75, 0.8, 0.75, 0.6],
        "p in top",
        [
            "{{ p.priority }}",
            "{{ p.checklist }}",
            "{{ p.chosen }} ({{ p.share }})",
            "{{ p.existing }}",
            "{{ p.potential_only }}",
            "{{ p.no_partner }}",
        ],
        first_bold=False,
    )
    tag(document, "{%p else %}")
    none_yet(document, "No community has chosen a priority yet.")
    tag(document, "{%p endif %}")


def communities(document: Document) -> None:
    page_break(document)
    document.add_heading("The communities", level=1)
    tag(document, "{%p if communities %}")
    para(
        document,
        "One row per community counted: its partners (Parts 2 and 3), the people on its invite "
        "list and those who accepted, the priorities it chose and those no partner covers yet.",
        style="Intro",
    )
    data_table(
        document,
        [
            "Community",
            "Existing",
            "Potential",
            "On invite list",
            "Accepted",
            "Priorities",
            "No partner",
        ],
        [1.6, 0.75, 0.8, 0.75, 0.8, 0.85, 0.95],
        "c in communities",
        [
            "{{ c.community }}",
            "{{ c.existing }}",
            "{{ c.potential }}",
            "{{ c.on_invite_list }}",
            "{{ c.accepted }}",
            "{{ c.priorities }}",
            "{{ c.no_partner }}",
        ],
    )
    tag(document, "{%p else %}")
    none_yet(document, "No community's workbook could be read.")
    tag(document, "{%p endif %}")


def organization_types(document: Document) -> None:
    document.add_heading("The mix of organization types", level=1)
    tag(document, "{%p if organization_types %}")
    data_table(
        document,
        ["Type of organization", "Existing partners", "Potential partners", "All", "Share"],
        [2.5, 1.1, 1.1, 0.9, 0.9],
        "t in organization_types",
        ["{{ t.type }}", "{{ t.existing }}", "{{ t.potential }}", "{{ t.partners }}",
         "{{ t.share }}"],
        first_bold=False,
    )  # fmt: skip
    tag(document, "{%p else %}")
    none_yet(document, "No partners are listed yet.")
    tag(document, "{%p endif %}")


def acceptance(document: Document) -> None:
    document.add_heading("How invitations are received", level=1)
    tag(document, "{%p if acceptance.tracking %}")
    para(
        document,
        "Where statuses are tracked ({{ acceptance.tracking }} of {{ numbers.communities }} "
        "communities): each invitation marked Invited, Accepted or Declined. The sender\u2019s "
        "role is read from the sender\u2019s name and title: a public office makes a public "
        "official; a title naming one of the community\u2019s partners gives that partner\u2019s "
        "type.",
        style="Intro",
    )
    headings = ["Sent", "Accepted", "Declined", "No answer", "Accepted of sent",
                "Accepted of answered"]  # fmt: skip
    cells = [
        "{{ a.sent }}",
        "{{ a.accepted }}",
        "{{ a.declined }}",
        "{{ a.awaiting }}",
        "{{ a.accepted_of_sent }}",
        "{{ a.accepted_of_answered }}",
    ]
    widths = [1.9, 0.6, 0.75, 0.75, 0.8, 0.85, 0.85]
    for title, key in (
        ("By type of organization invited", "acceptance.by_type"),
        ("By the sender\u2019s role", "acceptance.by_role"),
    ):
        document.add_heading(title, level=2)
        data_table(
            document,
            ["", *headings],
            widths,
            f"a in {key}",
            ["{% if a.is_total %}All invitations{% else %}{{ a.group }}{% endif %}", *cells],
            first_bold=False,
        )
    tag(document, "{%p else %}")
    none_yet(
        document,
        "No community marks its invitations Invited, Accepted or Declined yet, so acceptance "
        "cannot be measured.",
    )
    tag(document, "{%p endif %}")


def notes(document: Document) -> None:
    document.add_heading("Notes on the data", level=1)
    tag(document, "{%p if notes.unreadable %}")
    document.add_heading("Workbooks that could not be read", level=2)
    tag(document, "{%p for u in notes.unreadable %}")
    para(document, ("{{ u.file }}", {"bold": True}), ": {{ u.reason }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if notes.duplicates %}")
    document.add_heading("Two workbooks of one community", level=2)
    tag(document, "{%p for sentence in notes.duplicates %}")
    para(document, "{{ sentence }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    document.add_heading("What the checks found", level=2)
    tag(document, "{%p if findings %}")
    data_table(
        document,
        ["Finding", "Severity", "Workbooks with it", "Times found"],
        [2.6, 1.2, 1.4, 1.3],
        "f in findings",
        ["{{ f.code }}", "{{ f.severity }}", "{{ f.workbooks }}", "{{ f.times }}"],
        first_bold=False,
    )
    tag(document, "{%p else %}")
    para(document, "The checks found nothing to flag in the communities\u2019 workbooks.")
    tag(document, "{%p endif %}")


def build(output: Path = OUTPUT) -> Path:
    document = new_document("Cohort summary")
    cover(document)
    summary(document)
    priorities(document)
    communities(document)
    organization_types(document)
    acceptance(document)
    notes(document)
    footer(document, "Cohort summary \u00b7 {{ title }} \u00b7 {{ date }}")
    document.save(output)
    return output


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    print(f"Wrote {build(target)}")
