"""The community's Mobility Metrics in the workbook and the terminal: written, read back, kept.

The data is the SYNTHETIC county file of tests/fixtures (tests/make_synthetic_metrics.py):
Forest County, Ohio stands in the bottom quarter on Housing stability (10th percentile) and
Employment opportunities (11th), at the 50th on most measures.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell import MergedCell
from workbook_edits import edit, find_row, mark_part1

from generator.cli import main
from generator.common.text import xml_safe
from generator.data.metrics import standing_for
from generator.excel.reader import check_workbook, read_workbook
from generator.excel.writer import build_workbook, write_workbook
from generator.merging.merge import merge_workbooks
from generator.merging.upgrade import upgrade_workbook
from generator.plan.model import CoalitionPlan
from generator.plan.standing import CommunityStanding
from generator.worksheet import DEFAULT_VOCABULARY, PART1_SHEET
from generator.worksheet.metrics_sheet import METRICS_COLUMNS, METRICS_SHEET, SUGGESTS_HEADING

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COUNTY_FILE = FIXTURES / "synthetic-mobility-metrics_county_longitudinal.csv"


@functools.cache
def forest() -> CommunityStanding:
    return standing_for(COUNTY_FILE, county="39177")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_sentence_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "forest-county.xlsx"
    result = run("new-workbook", "-o", path, "--metrics", COUNTY_FILE, "--county", "39177")
    assert result.exit_code == 0, result.output
    return path


# --- new-workbook --metrics ---------------------------------------------------------------------


def test_new_workbook_says_what_it_added(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    result = run(
        "new-workbook", "-o", path, "--metrics", COUNTY_FILE, "--name", "Forest County, OH"
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote {path}",
        f"With the Mobility Metrics of Forest County, Ohio from {COUNTY_FILE.name}; the data "
        "suggests looking at Housing stability and Employment opportunities (the bottom quarter).",
    ]
    assert load_workbook(path)["_coalition"]["B2"].value == "Forest County"


def test_part1_says_what_the_data_suggests_beside_each_area_and_marks_nothing(
    workbook: Path,
) -> None:
    sheet = load_workbook(workbook)[PART1_SHEET]
    assert [sheet.cell(3, c).value for c in range(1, 5)] == [
        "Option",
        "Chosen?",
        "Details",
        SUGGESTS_HEADING,
    ]
    stability = find_row(sheet, 1, "Housing stability")
    assert sheet.cell(stability, 4).value == (
        "Bottom quarter: 10th percentile among 11 counties, on share of public-school children "
        "ever homeless (5.0% in 2023; marginal data)."
    )
    assert sheet.cell(find_row(sheet, 1, "Access to preschool"), 4).value == (
        "40th percentile among 11 counties, on share of 3- and 4-year-olds in preschool (40.0% "
        "in 2022; strong data)."
    )
    assert sheet.cell(find_row(sheet, 1, "Safety from trauma"), 4).value == (
        "No value in the file for this community (suppressed or not measured)."
    )
    assert sheet.cell(find_row(sheet, 1, "Descriptive representation"), 4).value.startswith(
        "Not ranked: Urban publishes the residents' shares only"
    )
    assert sheet.cell(find_row(sheet, 1, "Young people"), 4).value is None
    chosen = [sheet.cell(row, 2).value for row in range(4, sheet.max_row + 1)]
    assert set(chosen) == {None}
    assert sheet.cell(stability, 4).protection.locked


def test_the_mobility_metrics_sheet_is_read_only_and_holds_every_measure(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames.index(METRICS_SHEET) == book.sheetnames.index("Part 5 Invite List") + 1
    sheet = book[METRICS_SHEET]
    assert sheet.protection.sheet
    assert not [
        cell.coordinate for row in sheet.iter_rows() for cell in row if not cell.protection.locked
    ]
    assert sheet["B4"].value == "39177" and sheet["B4"].data_type == "s"
    headings = [c.heading for c in METRICS_COLUMNS]
    (heading_row,) = [r for r in range(1, 20) if sheet.cell(r, 1).value == headings[0]]
    assert [sheet.cell(heading_row, c).value for c in range(1, len(headings) + 1)] == headings
    rows = [
        [sheet.cell(r, c).value for c in range(1, len(headings) + 1)]
        for r in range(heading_row + 1, heading_row + 1 + len(forest().standings))
    ]
    employed = next(r for r in rows if r[11] == "share_employed")
    assert employed[:9] == [
        "Employment opportunities",
        "Employment of adults aged 25 to 54",
        "Employment-to-population ratio, ages 25 to 54",
        "72.0%",
        2023,
        pytest.approx(100 / 9, abs=1e-4),
        10,
        "Weak",
        "Higher",
    ]
    assert employed[9:] == [None, "Yes", "share_employed", 0.72]


def test_the_workbook_reads_back_its_metrics_and_part1_as_before(workbook: Path) -> None:
    def choose(book) -> None:
        mark_part1(book, "Housing stability", "Yes", "Families doubled up since 2022")
        mark_part1(book, "Digital access")
        mark_part1(book, "Young people")

    edit(workbook, choose)

    reading = check_workbook(workbook)

    assert reading.plan.standing == forest()
    assert [(c.label, c.details) for c in reading.plan.needs.areas] == [
        ("Housing stability", "Families doubled up since 2022"),
        ("Digital access", ""),
    ]
    assert reading.plan.needs.labels("groups") == ["Young people"]
    assert {f.code for f in reading.findings} == {"part1-section-empty"}  # no asset chosen


def test_a_workbook_without_metrics_is_the_workbook_it_always_was(tmp_path: Path) -> None:
    book = build_workbook(DEFAULT_VOCABULARY, "Forest City")
    assert METRICS_SHEET not in book.sheetnames
    assert book[PART1_SHEET]["D3"].value is None
    path = tmp_path / "plain.xlsx"
    book.save(path)
    assert read_workbook(path).plan.standing is None


def test_upgrade_and_merge_carry_the_metrics(
    workbook: Path, tmp_path: Path, sample_plan: CoalitionPlan
) -> None:
    upgraded = tmp_path / "upgraded.xlsx"
    upgrade_workbook(workbook, upgraded)
    assert read_workbook(upgraded).plan.standing == forest()

    other = write_workbook(tmp_path / "sample.xlsx", sample_plan.vocabulary, plan=sample_plan)
    merged = merge_workbooks([other, workbook])
    assert merged.plan.standing == forest()


def test_a_metrics_sheet_that_lost_its_headings_is_one_warning(workbook: Path) -> None:
    def scramble(book) -> None:
        sheet = book[METRICS_SHEET]
        sheet.protection.sheet = False
        for row in sheet.iter_rows(min_row=1, max_row=12):
            for cell in row:
                if cell.value in [c.heading for c in METRICS_COLUMNS]:
                    cell.value = "?"

    edit(workbook, scramble)
    reading = check_workbook(workbook)
    assert reading.plan.standing is None
    (finding,) = [f for f in reading.findings if f.code == "metrics-unreadable"]
    assert finding.sheet == METRICS_SHEET and not finding.is_error


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=60),
            st.integers(min_value=1, max_value=14),
            st.one_of(
                st.none(),
                st.text(max_size=20),
                st.floats(allow_nan=False),
                st.integers(min_value=-(10**12), max_value=10**12),
                st.booleans(),
                st.sampled_from(["Weak", "Yes", "Higher", "Not ranked", "NA", "1e999"]),
            ),
        ),
        max_size=12,
    )
)
def test_whatever_the_metrics_sheet_holds_the_reader_reads_on(
    tmp_path_factory: pytest.TempPathFactory, cells: list
) -> None:
    book = build_workbook(DEFAULT_VOCABULARY, "Forest County", standing=forest())
    sheet = book[METRICS_SHEET]
    for row, column, value in cells:
        if not isinstance(sheet.cell(row, column), MergedCell):
            sheet.cell(row, column).value = xml_safe(value) if isinstance(value, str) else value
    path = tmp_path_factory.mktemp("sheet") / "edited.xlsx"
    book.save(path)

    standing = check_workbook(path).plan.standing

    if standing is not None:
        for item in standing.standings:
            assert item.percentile is None or 0 <= item.percentile <= 100


@pytest.mark.libreoffice
def test_libreoffice_reads_the_sheet_as_written(workbook: Path, tmp_path: Path) -> None:
    from generator.word.pdf import convert_workbook

    resaved = convert_workbook(workbook, tmp_path / "libreoffice")

    assert read_workbook(resaved).plan.standing == forest()


# --- coalition metrics --------------------------------------------------------------------------


def test_metrics_prints_the_table_and_the_weakest_areas() -> None:
    result = run("metrics", "--data", COUNTY_FILE, "--county", "39177")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Forest County, Ohio (county 39177) in {COUNTY_FILE.name}"
    employed = next(line for line in lines if "Employment-to-population" in line)
    assert employed.split()[-6:] == ["72.0%", "2023", "11th", "of", "10", "Weak"]
    start = lines.index("Weakest areas (the bottom quarter), as suggestions for Part 1:")
    assert lines[start + 1].startswith("  Housing stability: the 10th percentile among 11 counties")
    assert lines[start + 2].startswith("  Employment opportunities: the 11th percentile among 10")
    assert "No value for Forest County, Ohio (suppressed or not measured): Safety from trauma." in (
        lines
    )


def test_metrics_as_json_for_other_tools() -> None:
    result = run(
        "metrics", "--data", COUNTY_FILE, "--name", "Forest County, Ohio", "--format", "json"
    )

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["community"], data["fips"], data["compared_with"]) == (
        "Forest County, Ohio",
        "39177",
        "counties",
    )
    assert data["weakest_areas"] == ["Housing stability", "Employment opportunities"]
    debt = next(m for m in data["measures"] if m["variable"] == "share_debt_coll")
    assert debt | {"note": None} == {
        "area": "Financial security",
        "pillar": "Rewarding Work",
        "metric": "Debt in collections",
        "measure": "Share with debt in collections",
        "variable": "share_debt_coll",
        "value": 0.25,
        "shown": "25.0%",
        "year": 2023,
        "percentile": 70.0,
        "compared": 11,
        "better": "lower",
        "quality": "Strong",
        "headline": True,
        "note": None,
    }


def test_metrics_writes_the_table_as_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "forest.xlsx"
    result = run("metrics", "--data", COUNTY_FILE, "--county", "39177", "-o", target)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"Wrote {target}"
    assert load_workbook(target).sheetnames == [METRICS_SHEET]

    again = run("metrics", "--data", COUNTY_FILE, "--county", "39177", "-o", target)
    assert one_sentence_error(again) == (
        f"Error: {target}: already exists; pass --force to overwrite it."
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--county", "39177", "--name", "Forest County, OH"), "with one of --county, --place"),
        ((), "give the community with one of --county, --place or --name."),
        (("--county", "12345"), "has no county with FIPS code 12345 (Florida)"),
    ],
)
def test_metrics_refuses_in_one_sentence(args: tuple[str, ...], says: str) -> None:
    message = one_sentence_error(run("metrics", "--data", COUNTY_FILE, *args))
    assert says in message


def test_new_workbook_wants_the_file_with_a_community(tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    message = one_sentence_error(run("new-workbook", "-o", target, "--county", "39177"))
    assert message == (
        "Error: --county, --place and --name choose the community of --metrics; give the "
        "Mobility Metrics file with --metrics."
    )
    missing = one_sentence_error(
        run("new-workbook", "-o", target, "--metrics", tmp_path / "no.csv", "--county", "1")
    )
    assert missing == f"Error: {tmp_path / 'no.csv'}: no such file."
    assert not target.exists()
