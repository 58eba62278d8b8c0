"""The leadership briefing: what it says for a known plan, read back from the .docx and the PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree

from generator.briefing.context import build_context
from generator.briefing.report import default_template, report_filename, write_report
from generator.cli import main
from generator.common.errors import OutputError, TemplateError
from generator.plan.findings import Finding, Severity
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.worksheet import Status

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY = dt.date(2025, 5, 12)
EXISTING, POTENTIAL = PartnerKind.EXISTING, PartnerKind.POTENTIAL


def millbrook() -> CoalitionPlan:
    """A small plan whose every number is easy to count by hand.

    Ten priorities; Digital access and Fundraising capacity have no partner. Two people are
    invited (one declined, one is only kept informed), from two senders.
    """
    return CoalitionPlan(
        community="Millbrook",
        needs=Needs(
            groups=[
                Choice("Young people"),
                Choice("English-language learners"),
                Choice("Residents with low incomes"),
            ],
            areas=[
                Choice("Housing stability"),
                Choice("Digital access"),
                Choice("Employment opportunities"),
                Choice("Just policing"),
            ],
            assets=[
                Choice("Convening power"),
                Choice("Fundraising capacity"),
                Choice("Staff capacity"),
            ],
        ),
        partners=[
            Partner(
                "Millbrook Asset Builders",
                EXISTING,
                "Nonprofit",
                ["Young people", "Residents with low incomes"],
                domains=["Housing stability"],
                assets=["Staff capacity"],
            ),
            Partner(
                "Millbrook Public Library",
                EXISTING,
                "Local government",
                ["English-language learners"],
                assets=["Convening power"],
            ),
            Partner(
                "Millbrook Community College",
                POTENTIAL,
                "Anchor institution",
                ["Residents with low incomes"],
                domains=["Employment opportunities"],
                assets=["Convening power"],
            ),
            Partner(
                "Second Chance Network",
                POTENTIAL,
                "Advocacy organization",
                domains=["Just policing"],
            ),
            Partner("Riverside Soccer League", POTENTIAL, "Nonprofit", ["Middle-class residents"]),
        ],
        benefits=[
            Benefit(
                "Millbrook Asset Builders",
                "Wealth-Building for All campaign",
                "They want to reach more of the city.",
                "Director as champion",
                "They may be skeptical of newcomers to this work.",
            ),
            Benefit("Millbrook Community College", "Pathways to Careers"),
        ],
        invitees=[
            Invitee("Dr. Linh Vu", "Millbrook Community College", "Mayor Dana Whitfield"),
            Invitee("Angela Brooks", "Millbrook Asset Builders", "Maria Okafor", Status.ACCEPTED),
            Invitee("Tasha Reynolds", "Second Chance Network", "Maria Okafor", Status.DECLINED),
            Invitee("Helen Park", "Millbrook Public Library", "Maria Okafor", Status.KEEP_INFORMED),
        ],
    )


WARNING = Finding(
    Severity.WARNING,
    "no-contact",
    "There is no email or mailing address to reach Dr. Linh Vu.",
    sheet="Part 5 Invite List",
    cell="G4",
    suggestion="Add an email address, a mailing address, or both.",
)


# --- Reading a report back ----------------------------------------------------------------------


def paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body in order, table cells included; Word breaks as newlines."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    texts = []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
            parts.append(
                node.text or "" if node.tag == f"{W}t" else "\n" if node.tag == f"{W}br" else "\t"
            )
        texts.append("".join(parts))
    return texts


def text_of(path: Path) -> str:
    return "\n".join(paragraphs(path))


def table_rows(path: Path, first_heading: str) -> list[list[str]]:
    """The rows (header included) of every table whose first heading is ``first_heading``."""
    rows = []
    for table in Document(str(path)).tables:
        if table.rows and table.rows[0].cells[0].text == first_heading:
            rows += [[cell.text for cell in row.cells] for row in table.rows]
    return rows


def write(plan: CoalitionPlan, tmp_path: Path, findings: list[Finding] | None = None, **kw) -> Path:
    return write_report(
        plan,
        findings or [],
        tmp_path / "report.docx",
        prepared_by=kw.pop("prepared_by", "Maria Okafor"),
        today=DAY,
        **kw,
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return write(millbrook(), tmp_path, [WARNING])


# --- What the report says -----------------------------------------------------------------------


def test_cover_names_the_community_the_date_and_who_prepared_it(report: Path) -> None:
    text = paragraphs(report)

    assert "Millbrook Mobility Coalition" in text
    assert "May 12, 2025" in text
    assert "Prepared by Maria Okafor" in text


def test_summary_gives_the_key_numbers(report: Path) -> None:
    key_numbers = Document(str(report)).tables[0]
    assert [cell.text for cell in key_numbers.rows[0].cells] == ["2", "3", "2", "2"]
    assert [cell.text for cell in key_numbers.rows[1].cells] == [
        "existing partners",
        "potential partners",
        "on the invite list",
        "priorities without a partner",
    ]
    text = paragraphs(report)
    assert (
        "The coalition has named 3 priority groups, 4 areas of concern and 3 assets it needs."
        in text
    )
    assert (
        "It lists 2 existing partners and 3 potential new partners; 2 people are on the invite "
        "list (invitations from 2 senders), and 1 is to be kept informed." in text
    )
    assert (
        "Partners cover 8 of the 10 priorities; 2 have no partner yet: Digital access and "
        "Fundraising capacity." in text
    )
    assert "The checks flagged 1 point to review; see the data-quality notes." in text


def test_part_1_lists_areas_under_every_pillar(report: Path) -> None:
    rows = table_rows(report, "Pillar")

    assert rows[0] == ["Pillar", "Areas of greatest concern", "Chosen"]
    assert rows[1:] == [
        ["Opportunity-Rich and Inclusive Neighborhoods", "Housing stability", "1 of 6"],
        ["High-Quality Education", "Digital access", "1 of 5"],
        ["Rewarding Work", "Employment opportunities", "1 of 5"],
        ["Healthy Environment and Access to Good Health Care", "None chosen", "0 of 4"],
        ["Responsive and Just Governance", "Just policing", "1 of 4"],
    ]


def test_partners_appear_in_their_tables(report: Path) -> None:
    rows = table_rows(report, "Organization")

    names = [row[0] for row in rows if row[0] != "Organization"]
    assert names == [
        "Millbrook Asset Builders",
        "Millbrook Public Library",
        "Millbrook Community College",
        "Second Chance Network",
        "Riverside Soccer League",
    ]
    assert rows[1] == [
        "Millbrook Asset Builders",
        "Nonprofit",
        "Young people, Residents with low incomes",
        "Housing stability",
        "Staff capacity",
    ]
    assert rows[2][3] == "\u2014"  # the library works on no area: a dash, not a blank


def test_gaps_are_stated_in_plain_sentences(report: Path) -> None:
    text = paragraphs(report)

    assert "No partner yet works on Digital access." in text
    assert "No partner yet brings Fundraising capacity." in text
    assert (
        "Only potential partners cover Just policing (Second Chance Network), and none of them "
        "is on the invite list yet." in text
    )
    assert (
        "Only potential partners cover Employment opportunities; Millbrook Community College is "
        "on the invite list." in text
    )
    assert "1 partner is not marked against any chosen priority: Riverside Soccer League." in text


def test_coverage_matrix_has_a_row_per_priority_under_its_checklist(report: Path) -> None:
    rows = table_rows(report, "Priority")

    assert rows[0] == [
        "Priority",
        "Existing partners",
        "Potential partners, invited",
        "Not yet invited",
    ]
    by_priority = {row[0]: row[1:] for row in rows[1:]}
    assert by_priority["Residents with low incomes"] == [
        "Millbrook Asset Builders",
        "Millbrook Community College",
        "\u2014",
    ]
    assert by_priority["Digital access"] == ["No partner yet", "\u2014", "\u2014"]
    assert by_priority["Just policing"] == ["\u2014", "\u2014", "Second Chance Network"]
    # one full-width band per checklist, in Part 1's order
    bands = [row[0] for row in rows if len(set(row)) == 1]
    assert bands == ["Priority groups", "Areas of concern", "Assets needed"]
    assert len(rows) == 1 + 3 + 10


def test_the_coverage_chart_is_embedded_as_a_picture(report: Path) -> None:
    with zipfile.ZipFile(report) as package:
        pictures = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(pictures) == 1
        assert package.read(pictures[0]).startswith(b"\x89PNG")


def test_the_chart_fits_on_a_page_even_when_every_priority_is_chosen(tmp_path: Path) -> None:
    plan = millbrook()
    vocabulary = plan.vocabulary
    plan.needs = Needs(
        groups=[Choice(g) for g in vocabulary.groups],
        areas=[Choice(a) for a in vocabulary.areas],
        assets=[Choice(a) for a in vocabulary.assets],
    )

    report = write(plan, tmp_path)

    (shape,) = Document(str(report)).inline_shapes
    assert shape.height.inches <= 8.0
    assert shape.width.inches <= 6.5


def test_benefits_barriers_invitations_and_keep_informed(report: Path) -> None:
    text = paragraphs(report)

    benefits = table_rows(report, "Partner")
    assert benefits[1][:2] == ["Millbrook Asset Builders", "Wealth-Building for All campaign"]
    assert benefits[2] == ["Millbrook Community College", "Pathways to Careers", "\u2014", "\u2014"]
    assert "Millbrook Asset Builders. They may be skeptical of newcomers to this work." in text

    # grouped by sender, in order of first appearance; declined invitations still shown
    assert [t for t in text if t.startswith("From ")] == [
        "From Mayor Dana Whitfield",
        "From Maria Okafor",
    ]
    invitees = table_rows(report, "Invitee")
    assert [row for row in invitees if row[0] != "Invitee"] == [
        ["Dr. Linh Vu", "", "Millbrook Community College", "To invite"],
        ["Angela Brooks", "", "Millbrook Asset Builders", "Accepted"],
        ["Tasha Reynolds", "", "Second Chance Network", "Declined"],
    ]
    assert table_rows(report, "Name")[1] == ["Helen Park", "", "Millbrook Public Library"]


def test_data_quality_notes_list_the_warnings(report: Path) -> None:
    rows = table_rows(report, "")

    assert rows[1] == [
        "Warning",
        "Part 5 Invite List!G4",
        "There is no email or mailing address to reach Dr. Linh Vu. Add an email address, a "
        "mailing address, or both.",
    ]
    assert "Written despite errors in the workbook." not in text_of(report)


def test_no_template_tag_survives_in_any_part(report: Path) -> None:
    with zipfile.ZipFile(report) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml and "{#" not in xml, name


def test_footer_names_the_coalition_and_date(report: Path) -> None:
    footer = Document(str(report)).sections[0].footer.paragraphs[0].text

    assert footer.startswith("Millbrook Mobility Coalition \u00b7 briefing of May 12, 2025\tPage")


def test_an_empty_workbook_says_none_yet_instead_of_showing_bare_headings(
    tmp_path: Path,
) -> None:
    report = write(CoalitionPlan(), tmp_path, prepared_by="")
    text = paragraphs(report)

    assert "Mobility Coalition" in text  # no community: still a title
    assert not any(t.startswith("Prepared by") for t in text)
    assert text.count("None chosen yet.") == 3  # groups, areas and assets
    assert "No existing partners are listed yet." in text
    assert "No potential partners are listed yet." in text
    assert any(t.startswith("Part 1 of the workbook names no priorities yet") for t in text)
    assert "Nobody is on the invite list yet." in text
    assert "Nobody is on the keep-informed list yet." in text
    assert "None noted yet." in text
    assert "The checks found nothing to flag in the workbook." in text
    with zipfile.ZipFile(report) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/")]


def test_allow_errors_report_says_so_up_front_and_lists_the_errors(tmp_path: Path) -> None:
    error = Finding(
        Severity.ERROR,
        "missing-type",
        "Second Chance Network has no type of organization.",
        sheet="Part 3 Potential",
        cell="B5",
    )
    report = write(millbrook(), tmp_path, [error, WARNING])
    text = paragraphs(report)

    assert any(t.startswith("Written despite errors in the workbook.") for t in text)
    assert (
        "The workbook still has 1 error and 1 warning: read the data-quality notes before "
        "relying on these numbers." in text
    )
    notes = table_rows(report, "")
    assert [row[0] for row in notes[1:]] == ["Error", "Warning"]


# --- Values are data ----------------------------------------------------------------------------

HOSTILE = 'Sports & Social <Club> "A\u2019s"'
MULTILINE = "Line one\nLine two"
JINJA = "{{ 7*7 }} {% if true %}x{% endif %}"
RTL = "\u05e2\u05de\u05d5\u05ea\u05ea \u05e9\u05db\u05e0\u05d9\u05dd \u0645\u0624\u0633\u0633\u0629"
EMOJI = "Youth Voice \U0001f3a4 Council"


def test_values_come_out_literally_and_control_characters_are_removed(tmp_path: Path) -> None:
    plan = millbrook()
    plan.community = "Forest & <City>"
    plan.needs.groups.append(Choice("Other", "Veterans paying $5 or $10 rent {{ x }}"))
    plan.partners[0].name = HOSTILE
    plan.partners[1].name = JINJA
    plan.partners[2].name = RTL
    plan.partners[3].name = EMOJI
    plan.partners[4].organization_type = "Non\x07profit\x0b"
    plan.benefits[0].partner = HOSTILE
    plan.benefits[0].barriers = MULTILINE
    plan.invitees[0].member = "Dr. {{ member }}"

    report = write(plan, tmp_path, prepared_by="Maria & <Co>")
    text = text_of(report)

    for value in (HOSTILE, JINJA, RTL, EMOJI, "Forest & <City> Mobility Coalition"):
        assert value in text
    assert "Prepared by Maria & <Co>" in text
    assert "Dr. {{ member }}" in text
    assert "49" not in text  # {{ 7*7 }} was not evaluated
    assert f"{HOSTILE}. Line one\nLine two" in text  # a line break stays a line break
    assert "Nonprofit" in text and "\x07" not in text and "\x0b" not in text
    assert "No partner yet serves Veterans paying $5 or $10 rent {{ x }}." in text
    with zipfile.ZipFile(report) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                etree.fromstring(package.read(name))  # well-formed, nothing "recovered"


# --- Templates ----------------------------------------------------------------------------------


def template_with(tmp_path: Path, *lines: str) -> Path:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "custom.docx"
    document.save(str(path))
    return path


def test_a_restyled_template_can_use_any_documented_field(tmp_path: Path) -> None:
    template = template_with(
        tmp_path,
        "{{ title }}: {{ numbers.gaps }} gaps, {{ numbers.partners }} partners",
        "{%p for sentence in coverage.gaps %}",
        "- {{ sentence }}",
        "{%p endfor %}",
    )

    report = write(millbrook(), tmp_path, template=template)

    assert paragraphs(report) == [
        "Millbrook Mobility Coalition: 2 gaps, 5 partners",
        "- No partner yet works on Digital access.",
        "- No partner yet brings Fundraising capacity.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Prepared for {{ comunity }}",
            "uses the unknown field \u201ccomunity\u201d in word/document.xml",
        ),
        (
            "{{ numbers.gapz }} gaps",
            "uses the unknown field \u201cnumbers.gapz\u201d in word/document",
        ),
        ("{% if community %}unclosed", "has a template error in word/document.xml"),
        ("{{ community.__class__.__mro__ }}", "word/document.xml"),
    ],
)
def test_a_broken_template_is_named_with_the_field_and_where_it_is(
    tmp_path: Path, line: str, expected: str
) -> None:
    template = template_with(tmp_path, "Cover", line)

    with pytest.raises(TemplateError) as caught:
        write(millbrook(), tmp_path, template=template)

    message = str(caught.value)
    assert message.startswith(f"{template}: ")
    assert expected in message
    assert not (tmp_path / "report.docx").exists()


def test_the_paragraph_of_an_unknown_field_is_quoted(tmp_path: Path) -> None:
    template = template_with(tmp_path, "Cover", "Prepared for {{ comunity }}")

    with pytest.raises(TemplateError, match=r"paragraph 2 .\u201cPrepared for \{\{ comunity"):
        write(millbrook(), tmp_path, template=template)


def test_a_file_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx.txt"
    fake.write_text("not a document")

    with pytest.raises(TemplateError, match=r"is not a Word document \(\.docx\)"):
        write(millbrook(), tmp_path, template=fake)
    with pytest.raises(TemplateError, match="no such template"):
        write(millbrook(), tmp_path, template=tmp_path / "missing.docx")


def test_an_existing_report_is_kept_unless_forced(tmp_path: Path) -> None:
    first = write(millbrook(), tmp_path)
    before = first.read_bytes()

    with pytest.raises(OutputError, match="already exists; pass --force"):
        write(millbrook(), tmp_path)
    assert first.read_bytes() == before
    write(millbrook(), tmp_path, force=True)


def test_the_committed_template_is_what_the_build_script_makes(tmp_path: Path) -> None:
    build = TEMPLATES / "build_report_template.py"
    subprocess.run([sys.executable, str(build), str(tmp_path / "fresh.docx")], check=True)

    with (
        zipfile.ZipFile(tmp_path / "fresh.docx") as fresh,
        zipfile.ZipFile(default_template()) as committed,
    ):
        for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
            assert fresh.read(part) == committed.read(part), f"{part}: run {build.name}"


def test_report_file_name_carries_the_community() -> None:
    assert report_filename("Forest City") == "forest-city-coalition-report.docx"
    assert report_filename("  St. Lucie County, FL ") == "st-lucie-county-fl-coalition-report.docx"
    assert report_filename("Réunion") == "reunion-coalition-report.docx"
    assert report_filename("") == "coalition-report.docx"
    assert report_filename("../../etc") == "etc-coalition-report.docx"


def test_context_has_no_field_that_shadows_a_dict_method() -> None:
    """Jinja reads ``group.items`` as the dict's method: no field may be called that."""
    shadowed = set(dir(dict))

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                assert key not in shadowed, f"{where}.{key}"
                walk(inner, f"{where}.{key}")
        elif isinstance(value, list):
            for inner in value:
                walk(inner, where)

    walk(build_context(millbrook(), [WARNING], today=DAY), "context")


# --- From the command line ----------------------------------------------------------------------


def test_cli_writes_the_report_for_a_workbook(sample_workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["report", str(sample_workbook), "-o", str(out), "--prepared-by", "Maria Okafor"]
    )

    assert result.exit_code == 0, result.output
    report = out / "forest-city-coalition-report.docx"
    assert f"Wrote {report}" in result.output
    text = text_of(report)
    assert "Forest City Mobility Coalition" in text
    assert "Prepared by Maria Okafor" in text


def test_cli_stops_on_errors_and_prints_them(
    sample_plan: CoalitionPlan, make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    sample_plan.partners[0].organization_type = ""
    workbook = make_workbook(sample_plan)
    out = tmp_path / "out"

    # A wide terminal, so that the finding is not wrapped (pytest-xdist's workers report 80).
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["report", str(workbook), "-o", str(out)]
    )

    assert result.exit_code == 1
    assert f"{sample_plan.partners[0].name} has no type of organization." in result.output
    assert "--allow-errors" in result.output
    assert not out.exists() or not list(out.iterdir())

    result = CliRunner().invoke(main, ["report", str(workbook), "-o", str(out), "--allow-errors"])

    assert result.exit_code == 0, result.output
    text = text_of(out / "forest-city-coalition-report.docx")
    assert "Written despite errors in the workbook." in text
    assert f"{sample_plan.partners[0].name} has no type of organization." in text


def test_cli_reports_a_broken_template_in_one_sentence(
    sample_workbook: Path, tmp_path: Path
) -> None:
    template = template_with(tmp_path, "{{ comunity }}")

    result = CliRunner().invoke(
        main,
        ["report", str(sample_workbook), "-o", str(tmp_path), "--template", str(template)],
    )

    assert result.exit_code == 2
    assert "unknown field \u201ccomunity\u201d" in result.output
    assert "did you mean \u201ccommunity\u201d" in result.output
    assert "Traceback" not in result.output


@pytest.mark.libreoffice
def test_pdf_reads_like_the_report(
    sample_plan: CoalitionPlan, make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    worked_on = {domain for partner in sample_plan.partners for domain in partner.domains}
    gap = next(area for area in sample_plan.vocabulary.areas if area not in worked_on)
    sample_plan.needs.areas.append(Choice(gap))  # nobody works on it
    workbook = make_workbook(sample_plan)
    out = tmp_path / "out"

    result = CliRunner().invoke(main, ["report", str(workbook), "-o", str(out), "--pdf"])

    assert result.exit_code == 0, result.output
    pdf = out / "forest-city-coalition-report.pdf"
    assert f"Wrote {pdf}" in result.output
    text = _pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Forest City Mobility Coalition" in flat
    assert f"No partner yet works on {gap}." in flat
    for partner in sample_plan.partners:
        assert " ".join(partner.name.split()[:2]) in flat
    assert "{{" not in text and "{%" not in text


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        )
        return done.stdout
    pytest.skip("pdftotext (poppler-utils) is not installed")
    return ""
