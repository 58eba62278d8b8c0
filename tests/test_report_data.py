"""The briefing's "What the data says": the chosen areas beside the community's own numbers."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from test_report import DAY, millbrook, paragraphs, text_of
from workbook_edits import edit, mark_part1

from generator.briefing.context import build_context
from generator.briefing.report import write_report
from generator.cli import main
from generator.plan.model import CoalitionPlan
from generator.plan.standing import CommunityStanding, Direction, Quality, Standing

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COUNTY_FILE = FIXTURES / "synthetic-mobility-metrics_county_longitudinal.csv"


def ranked(area: str, measure: str, shown: str, percentile: float, quality: Quality) -> Standing:
    return Standing(
        area,
        f"{area} metric",
        measure,
        "variable",
        0.5,
        shown,
        2023,
        percentile,
        3143,
        Direction.HIGHER,
        quality,
        headline=True,
    )


def millbrook_county() -> CommunityStanding:
    """Millbrook chose Housing stability, Digital access, Employment opportunities and Just
    policing; the data has no percentile for Just policing, and Financial security is weak."""
    return CommunityStanding(
        "Millbrook County, Ohio",
        "39999",
        "county",
        "mobility-metrics.csv",
        (
            ranked(
                "Housing stability",
                "Share of public-school children ever homeless",
                "4.1%",
                9.6,
                Quality.MARGINAL,
            ),
            ranked(
                "Digital access",
                "Share of people in households with broadband at home",
                "91.0%",
                80.2,
                Quality.STRONG,
            ),
            ranked(
                "Employment opportunities",
                "Employment-to-population ratio, ages 25 to 54",
                "77.0%",
                30.0,
                Quality.WEAK,
            ),
            Standing(
                "Just policing",
                "Juvenile arrests",
                "Juvenile arrests per 100,000 juveniles",
                "rate_juv_arrest",
                note="no value for this county (suppressed or not measured)",
            ),
            ranked(
                "Financial security", "Share with debt in collections", "31.2%", 4.5, Quality.STRONG
            ),
        ),
    )


def with_data(plan: CoalitionPlan) -> CoalitionPlan:
    plan.standing = millbrook_county()
    return plan


def section(path: Path) -> list[str]:
    texts = paragraphs(path)
    start = texts.index("What the data says")
    end = texts.index("Partners")
    return [t for t in texts[start:end] if t.strip()]


def test_the_section_sets_each_chosen_area_beside_its_standing(tmp_path: Path) -> None:
    report = write_report(with_data(millbrook()), [], tmp_path / "r.docx", today=DAY)

    said = section(report)

    assert said[0] == "What the data says"
    assert said[1].startswith(
        "Where Millbrook County, Ohio stands on the Urban Institute\u2019s Mobility Metrics"
    )
    assert said[2] == (
        "The data places Millbrook County, Ohio in the bottom quarter on 2 areas of concern: "
        "Financial security and Housing stability. Part 1 chose 1 of them."
    )
    assert said[4:8] == [
        "Housing stability: the 10th percentile among 3,143 counties, in the bottom quarter, on "
        "share of public-school children ever homeless (4.1% in 2023; marginal data).",
        "Digital access: the 80th percentile among 3,143 counties, on share of people in "
        "households with broadband at home (91.0% in 2023; strong data).",
        "Employment opportunities: the 30th percentile among 3,143 counties, on "
        "employment-to-population ratio, ages 25 to 54 (77.0% in 2023; weak data).",
        "Just policing: no value in the file for this community (suppressed or not measured).",
    ]
    assert said[8:] == [
        "Chosen, though the data does not single them out",
        "In the better half of the counties: Digital access (80th percentile). The data does not "
        "single it out; the coalition may know what a figure for the whole place does not show.",
        "Without a percentile to weigh: Just policing (the workbook's Mobility Metrics sheet "
        "says why).",
        "Where the data points, and Part 1 does not",
        "Financial security: the 5th percentile among 3,143 counties, on share with debt in "
        "collections (31.2% in 2023; strong data).",
        "The data speaks to areas of concern only: groups and assets have no metric. Urban flags "
        "the data for Employment opportunities as weak: read that figure with care.",
    ]


def test_the_chart_is_a_picture_of_the_ranked_chosen_areas(tmp_path: Path) -> None:
    report = write_report(with_data(millbrook()), [], tmp_path / "r.docx", today=DAY)

    with zipfile.ZipFile(report) as package:
        names = package.namelist()
        assert "word/media/coalition-data-chart.png" in names
        assert package.read("word/media/coalition-data-chart.png").startswith(b"\x89PNG")
        assert 'descr="Percentile per chosen area"' in package.read("word/document.xml").decode()


def test_without_a_ranked_chosen_area_there_is_no_chart(tmp_path: Path) -> None:
    plan = with_data(millbrook())
    plan.needs.areas = [c for c in plan.needs.areas if c.label == "Just policing"]
    report = write_report(plan, [], tmp_path / "r.docx", today=DAY)

    with zipfile.ZipFile(report) as package:
        assert "word/media/coalition-data-chart.png" not in package.namelist()
    assert "Where the data points, and Part 1 does not" in section(report)


def test_a_workbook_without_the_data_has_no_such_section(tmp_path: Path) -> None:
    report = write_report(millbrook(), [], tmp_path / "r.docx", today=DAY)

    assert "What the data says" not in text_of(report)
    assert build_context(millbrook(), today=DAY)["data"]["has"] is False


def test_report_uses_the_metrics_the_workbook_carries(tmp_path: Path) -> None:
    workbook = tmp_path / "forest.xlsx"
    made = CliRunner().invoke(
        main,
        ["new-workbook", "-o", str(workbook), "--metrics", str(COUNTY_FILE), "--county", "39177"],
    )
    assert made.exit_code == 0, made.output

    def choose(book) -> None:
        for option in ("Young people", "Employment opportunities", "Digital access"):
            mark_part1(book, option)
        mark_part1(book, "Convening power")

    edit(workbook, choose)
    result = CliRunner().invoke(main, ["report", str(workbook), "-o", str(tmp_path)])

    assert result.exit_code == 0, result.output
    said = section(tmp_path / "forest-county-coalition-report.docx")
    assert (
        "Employment opportunities: the 11th percentile among 10 counties, in the bottom quarter, "
        "on employment-to-population ratio, ages 25 to 54 (72.0% in 2023; weak data)."
    ) in said
    assert (
        "Housing stability: the 10th percentile among 11 counties, on share of public-school "
        "children ever homeless (5.0% in 2023; marginal data)."
    ) in said
