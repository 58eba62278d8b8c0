"""Reading Urban's Mobility Metrics: the community found, its percentiles counted by hand.

The files are SYNTHETIC, in Urban's exact layouts (tests/make_synthetic_metrics.py says how each
number was chosen); small files written here test one thing each.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.data.reading
from generator.common.errors import DataError
from generator.data.metrics import standing_for
from generator.data.metrics_dictionary import METRICS
from generator.plan.standing import CommunityStanding, Direction, Quality, Standing
from generator.worksheet import AREAS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COUNTY_FILE = FIXTURES / "synthetic-mobility-metrics_county_longitudinal.csv"
CITY_FILE = FIXTURES / "synthetic-mobility-metrics_place_longitudinal.csv"
RECENT_FILE = FIXTURES / "synthetic-mobility-metrics_county_recent-2024.csv"


def measure(standing: CommunityStanding, column: str) -> Standing:
    (found,) = [s for s in standing.standings if s.column == column]
    return found


@functools.cache
def forest() -> CommunityStanding:
    """Forest County, Ohio, read once (a standing is immutable)."""
    return standing_for(COUNTY_FILE, county="39177")


def small_file(tmp_path: Path, text: str, name: str = "metrics.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- The declaration ----------------------------------------------------------------------------


def test_the_dictionary_declares_urbans_26_metrics_over_the_24_areas() -> None:
    assert len(METRICS) == 26
    assert {metric.area for metric in METRICS} == set(AREAS)
    assert all(metric.why for metric in METRICS)


def test_the_synthetic_files_are_what_the_script_makes(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parent / "make_synthetic_metrics.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    for fresh in tmp_path.iterdir():
        assert fresh.read_bytes() == (FIXTURES / fresh.name).read_bytes(), fresh.name


def test_the_synthetic_county_file_has_the_layout_of_urbans_2025_release() -> None:
    header = COUNTY_FILE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:6] == ["year", "state", "county", "state_name", "county_name", "population"]
    # Urban's build script reports its quality columns: "A tibble: 31,426 x 47".
    assert sum(name.endswith("_quality") for name in header) == 47
    assert "share_debt_coll" in header and "index_air_hazard" in header
    assert ",Weak," in COUNTY_FILE.read_text(encoding="utf-8")


# --- Percentiles counted by hand ----------------------------------------------------------------


def test_higher_is_better_counted_among_the_counties_with_a_value() -> None:
    employed = measure(forest(), "share_employed")
    # 2023: Forest's 0.72 beats only Penasco's 0.70; Dogwood has no value, so 10 are compared
    # and Forest stands above 1 of the 9 others.
    assert employed.year == 2023
    assert employed.compared == 10
    assert employed.percentile == pytest.approx(100 / 9, abs=1e-4)
    assert employed.rounded == 11
    assert employed.shown == "72.0%"
    assert employed.quality is Quality.WEAK
    assert employed.direction is Direction.HIGHER


def test_lower_is_better_and_ties_share_their_places() -> None:
    debt = measure(forest(), "share_debt_coll")
    # 25% in collections: six counties have more (worse), Birch and Hazel tie at 25%.
    # (6 + 2/2) / 10 others = 70%.
    assert debt.direction is Direction.LOWER
    assert debt.percentile == pytest.approx(70.0)
    assert debt.quality is Quality.STRONG


def test_when_every_county_ties_each_stands_in_the_middle() -> None:
    assert measure(forest(), "index_air_hazard").percentile == pytest.approx(50.0)


def test_the_best_county_stands_at_100_and_the_rest_in_the_middle() -> None:
    assert measure(forest(), "ratio_living_wage").percentile == pytest.approx(100.0)
    assert measure(forest(), "share_affordable_available_80_ami").percentile == 50.0
    assert measure(forest(), "share_affordable_available_80_ami").shown == "75 per 100"


def test_a_value_suppressed_this_year_falls_back_to_the_latest_year_with_one() -> None:
    preschool = measure(forest(), "share_in_preschool")
    # NA in 2023; in 2022 Forest's 40% beats 30%, 35%, 38% and 20%: 4 of the 10 others.
    assert preschool.year == 2022
    assert preschool.percentile == pytest.approx(40.0)


def test_a_value_suppressed_in_every_year_is_said_so() -> None:
    injury = measure(forest(), "rate_injury_death")
    assert injury.shown == "" and injury.percentile is None
    assert "suppressed or not measured" in injury.note


def test_a_metric_measured_group_by_group_is_judged_by_the_weakest_group() -> None:
    standing = forest()
    groups = [s for s in standing.standings if s.area == "School economic diversity"]
    # Black students 60% (3 counties worse): 30; Hispanic 50%, one tie, 3 worse: 35;
    # White 10%, one tie, 8 worse: 85.
    assert [s.percentile for s in groups] == pytest.approx([30.0, 35.0, 85.0])
    assert [s.headline for s in groups] == [True, False, False]
    assert standing.area_standing("School economic diversity") is groups[0]


def test_the_weakest_areas_are_the_bottom_quarter_weakest_first() -> None:
    standing = forest()
    weakest = standing.weakest_areas()
    # Homeless students: Forest's 5% is beaten only by Laurel's 6%: 1 of 10 others.
    assert [(s.area, round(s.percentile or 0, 1)) for s in weakest] == [
        ("Housing stability", 10.0),
        ("Employment opportunities", 11.1),
    ]


def test_metrics_without_an_order_are_shown_not_ranked() -> None:
    standing = forest()
    wealth = [s for s in standing.standings if s.area == "Wealth-building opportunities"]
    assert wealth and all(s.percentile is None and s.shown for s in wealth)
    assert wealth[0].shown == "10.0% : 12.5%"  # "0.100:0.125" in the file
    assert standing.area_standing("Descriptive representation") is None


def test_crime_figures_carry_urbans_caution() -> None:
    violent = measure(forest(), "rate_crime_violent")
    assert violent.percentile == 50.0
    assert "FBI cautions against ranking" in violent.note


# --- Files and places ---------------------------------------------------------------------------


def test_a_city_file_compares_cities_and_reports_the_metrics_it_lacks() -> None:
    standing = standing_for(CITY_FILE, name="Forest City, OH")
    assert (standing.name, standing.fips, standing.places) == (
        "Forest City, Ohio",
        "3927999",
        "cities",
    )
    employed = measure(standing, "share_employed")
    # Forest City's 80% beats 70%, 75%, 65% and 72%; Glenwood has none: 4 of the 5 others.
    assert employed.percentile == pytest.approx(80.0)
    missing = {s.area for s in standing.standings if not s.column}
    assert missing == {
        "Access to health services",
        "Neonatal health",
        "Safety from trauma",
        "Jobs paying living wages",
    }


def test_an_older_release_is_read_by_its_own_names_and_numeric_flags() -> None:
    standing = standing_for(RECENT_FILE, name="Forest County, Ohio")
    employed = measure(standing, "share_employed")
    assert employed.year is None  # a "recent" file has one row per county, no year
    assert employed.percentile == pytest.approx(100 / 9, abs=1e-4)
    assert measure(standing, "share_debt_col").percentile == pytest.approx(70.0)
    assert measure(standing, "share_debt_col").quality is Quality.STRONG  # written "1"
    physician = measure(standing, "ratio_population_pc_physician")
    assert physician.shown == "1,650 people" and physician.percentile == 50.0
    others = standing_for(RECENT_FILE, county="01903")  # "2100:1" in the file
    assert measure(others, "ratio_population_pc_physician").value == 2100.0


def test_codes_stripped_of_their_leading_zeros_by_excel_read_alike(tmp_path: Path) -> None:
    lines = COUNTY_FILE.read_text(encoding="utf-8").splitlines()
    stripped = [lines[0]]
    for line in lines[1:]:
        year, state, county, rest = line.split(",", 3)
        stripped.append(",".join([year, str(int(state)), str(int(county)), rest]))
    saved = small_file(tmp_path, "\n".join(stripped) + "\n", "saved-by-excel.csv")

    as_saved = standing_for(saved, county="39177")
    assert as_saved.standings == standing_for(COUNTY_FILE, county="39177").standings
    cedar = standing_for(saved, county="6007")
    assert (cedar.name, cedar.fips) == ("Cedar County, California", "06007")
    assert standing_for(COUNTY_FILE, county="06-007").fips == "06007"


def test_a_file_saved_by_excel_in_windows_1252_keeps_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "windows.csv"
    path.write_bytes(COUNTY_FILE.read_text(encoding="utf-8").encode("cp1252"))
    assert standing_for(path, name="Penasco, NM").name == "Pe\u00f1asco County, New Mexico"


def test_semicolons_as_excel_writes_them_in_some_languages(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        "year;state;county;state_name;county_name;share_employed\n"
        "2023;39;177;Ohio;Forest County;0.5\n2023;39;179;Ohio;Grove County;0.7\n",
    )
    assert measure(standing_for(path, county="39177"), "share_employed").shown == "50.0%"


MINI_HEADER = "year,state,county,state_name,county_name,share_employed,share_debt_coll\n"


def test_direction_decides_who_is_best(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        MINI_HEADER
        + "2023,01,001,Alabama,A County,0.9,0.9\n"
        + "2023,01,003,Alabama,B County,0.5,0.5\n"
        + "2023,01,005,Alabama,C County,0.7,0.7\n",
    )
    standing = standing_for(path, county="01003")
    assert measure(standing, "share_employed").percentile == 0.0  # the lowest employment
    assert measure(standing, "share_debt_coll").percentile == 100.0  # the least debt


def test_blank_and_na_values_are_missing_not_zero(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        MINI_HEADER
        + "2023,01,001,Alabama,A County,,NA\n"
        + "2023,01,003,Alabama,B County,0.5,0.2\n"
        + "2023,01,005,Alabama,C County,NA,0.1\n",
    )
    standing = standing_for(path, county="01003")
    employed = measure(standing, "share_employed")
    assert employed.percentile is None and employed.compared == 1
    assert "the only county with a value in 2023" in employed.note
    assert measure(standing, "share_debt_coll").percentile == 0.0


def test_a_file_by_subgroup_is_read_for_everyone(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        "year,state,county,state_name,county_name,subgroup_type,subgroup,share_employed\n"
        "2023,01,001,Alabama,A County,race-ethnicity,All,0.8\n"
        "2023,01,001,Alabama,A County,race-ethnicity,Black,0.1\n"
        "2023,01,003,Alabama,B County,race-ethnicity,All,0.6\n",
    )
    assert measure(standing_for(path, county="01003"), "share_employed").percentile == 0.0


# --- Bad input: one sentence each ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04 a workbook", "is an Excel workbook, not a CSV file"),
        ("state,county\n".encode("utf-16"), "is a UTF-16"),
        (b"\x00\x01\x02binary", "is not a text file"),
        (b"", "is empty"),
        (b"name,email\nMaria,maria@example.org\n", "has no state and county (or place) columns"),
        (b"state,county,population\n01,001,5\n", "none of the metrics' variables"),
        (MINI_HEADER.encode() + b'2023,01,001,"unclosed\n', "is not a readable CSV file"),
    ],
    ids=["xlsx", "utf16", "binary", "empty", "other-csv", "no-metrics", "broken-quote"],
)
def test_a_file_that_is_not_a_mobility_metrics_csv(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "download.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=re.escape(says)) as caught:
        standing_for(path, county="01001")
    assert str(caught.value).startswith(f"{path}: ")


def test_a_fips_code_not_in_the_file_suggests_the_nearest_names() -> None:
    with pytest.raises(DataError) as caught:
        standing_for(COUNTY_FILE, county="39175")
    assert str(caught.value) == (
        f"{COUNTY_FILE}: has no county with FIPS code 39175 (Ohio); nearby codes: Forest "
        "County, Ohio (39177); Grove County, Ohio (39179); and Hazel County, Ohio (39181); or "
        'find it with --name "Name, ST".'
    )


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"name": "Forrest County, OH"}, "did you mean Forest County, Ohio (39177)"),
        ({"name": "Forest County"}, "has 2 counties called \u201cForest County\u201d"),
        ({"name": "Atlantis, OH"}, "give its FIPS code with --county"),
        ({"place": "3927999"}, "is a file of counties; give the community with --county"),
        ({"county": "Ohio"}, "--county takes a county's 5-digit FIPS code"),
        ({"county": "391770"}, "--county takes a county's 5-digit FIPS code"),
    ],
)
def test_a_community_that_cannot_be_found_is_one_sentence(kwargs: dict, says: str) -> None:
    with pytest.raises(DataError, match=re.escape(says)):
        standing_for(COUNTY_FILE, **kwargs)


def test_a_community_with_only_suppressed_values_is_refused(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        MINI_HEADER
        + "2023,01,001,Alabama,A County,NA,NA\n"
        + "2022,01,001,Alabama,A County,NA,\n"
        + "2023,01,003,Alabama,B County,0.5,0.2\n",
    )
    with pytest.raises(DataError, match=r"has no value for A County, Alabama \(01001\) in any"):
        standing_for(path, county="01001")


def test_a_place_twice_in_one_year_is_refused(tmp_path: Path) -> None:
    path = small_file(
        tmp_path,
        MINI_HEADER + "2023,01,001,Alabama,A County,0.5,0.2\n" * 2,
    )
    with pytest.raises(DataError, match="has 2 rows for county 01001 in 2023"):
        standing_for(path, county="01001")


def test_the_work_is_bounded_in_rows_and_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.data.reading, "MAX_ROWS", 15)
    monkeypatch.setattr(generator.data.reading, "CHUNK_ROWS", 5)
    with pytest.raises(DataError, match="has more than 15 rows"):
        standing_for(COUNTY_FILE, county="39177")  # 22 rows
    monkeypatch.setattr(generator.data.reading, "MAX_BYTES", 1000)
    with pytest.raises(DataError, match=r"is 0 MiB, more than any Mobility Metrics file"):
        standing_for(COUNTY_FILE, county="39177")


EDITABLE = (
    "year,state,county,state_name,county_name,share_employed,share_employed_quality,"
    "ratio_population_pc_physician,ratio_black_nh_house_value_households\n"
    "2023,01,001,Alabama,A County,0.8,Strong,1200,0.100:0.200\n"
    "2023,01,003,Alabama,B County,0.6,Weak,2400:1,0.150:0.100\n"
    "2022,01,003,Alabama,B County,0.5,3,NA,NA\n"
    "2023,01,005,Alabama,C County,NA,,900,NA\n"
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cell=st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            ["NA", "", "1e400", "-0", "nan", "inf", "3:0", ":", "1,234", "Weak", "1.0"]
        ),
    ),
    column=st.integers(min_value=0, max_value=8),
    row=st.integers(min_value=1, max_value=4),
)
def test_whatever_a_cell_holds_the_reader_answers_or_says_why(
    tmp_path: Path, cell: str, column: int, row: int
) -> None:
    lines = EDITABLE.splitlines()
    cells = lines[row].split(",")
    cells[column] = '"' + cell.replace('"', '""') + '"'
    lines[row] = ",".join(cells)
    path = tmp_path / "edited.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        standing = standing_for(path, county="01003")
    except DataError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
        return
    for item in standing.standings:
        assert item.percentile is None or 0.0 <= item.percentile <= 100.0
        assert item.compared <= 3
