"""SYNTHETIC Mobility Metrics files, in the Urban Institute's exact column layouts, for the tests.

    python tests/make_synthetic_metrics.py            # writes tests/fixtures/synthetic-*.csv

Every number here is made up, and so is every county and city: the data is not Urban's (whose
files carry no licence this project can rely on), only its layout is. The files are named
``synthetic-...`` and their places have fictional names. Three layouts:

* ``synthetic-mobility-metrics_county_longitudinal.csv``: the 2025 release's county file
  (``data/11_mobility-metrics_county_longitudinal.csv``), its columns in the order Urban's build
  script ``10_construct-database/11_construct_county_all.qmd`` joins them, flags spelled Strong,
  Marginal, Weak, missing values written NA; eleven counties, 2022 and 2023;
* ``synthetic-mobility-metrics_place_longitudinal.csv``: the 2025 city file, seven cities, 2023
  (no physicians, birth weights, injury deaths or living wages: Urban has none for cities);
* ``synthetic-mobility-metrics_county_recent-2024.csv``: a "recent" county file of the 2023-24
  release (no year column, flags 1 to 3, the older names such as ``share_debt_col``), in the
  column order of the header quoted in shared/notes/mobility-metrics.md, its elisions filled from
  Urban's ``00_mobility-metrics_recent.qmd``.

How the numbers are chosen, so that every percentile can be counted by hand: on every measure
not listed in ``LITERAL``, the community (Forest County, Ohio, 39177; Forest City, Ohio,
3927999) holds the middle value of distinct values, so it stands at the 50th percentile in either
direction. The measures in ``LITERAL`` are written out in full; tests/test_metrics_data.py counts
them.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NA = "NA"

#: Eleven fictional counties. Codes keep a leading zero in the state (Alabama) and in the county
#: (California's 007), and two share a name in different states; one has an accented name.
COUNTIES = (
    ("01", "901", "Alabama", "Autumn County"),
    ("01", "903", "Alabama", "Birch County"),
    ("06", "007", "California", "Cedar County"),
    ("06", "009", "California", "Dogwood County"),
    ("35", "905", "New Mexico", "Pe\u00f1asco County"),
    ("39", "177", "Ohio", "Forest County"),  # the community
    ("39", "179", "Ohio", "Grove County"),
    ("39", "181", "Ohio", "Hazel County"),
    ("42", "901", "Pennsylvania", "Forest County"),
    ("42", "903", "Pennsylvania", "Juniper County"),
    ("42", "905", "Pennsylvania", "Laurel County"),
)
COMMUNITY = 5  # Forest County, Ohio

CITIES = (
    ("01", "07000", "Alabama", "Aspen city"),
    ("06", "02000", "California", "Bay city"),
    ("39", "27999", "Ohio", "Forest City city"),  # the community
    ("39", "28000", "Ohio", "Glenwood city"),
    ("42", "60000", "Pennsylvania", "Hillside city"),
    ("48", "35000", "Texas", "Ironwood city"),
    ("53", "05000", "Washington", "Juniper city"),
)
CITY_COMMUNITY = 2

#: Measures written out in full, by (layout, variable, year): one value per place, in the order
#: of COUNTIES (or CITIES), None for NA.
LITERAL: dict[tuple[str, str, int | None], list[float | None]] = {
    # Higher is better; Dogwood has no value, so 10 counties are compared.
    ("county", "share_employed", 2023): [
        0.80,
        0.78,
        0.75,
        None,
        0.70,
        0.72,
        0.81,
        0.77,
        0.74,
        0.79,
        0.76,
    ],
    # Lower is better; Forest ties with Birch and Hazel.
    ("county", "share_debt_coll", 2023): [
        0.30,
        0.25,
        0.31,
        0.20,
        0.28,
        0.25,
        0.33,
        0.25,
        0.22,
        0.35,
        0.27,
    ],
    # Suppressed for Forest in 2023: its latest value is 2022's.
    ("county", "share_in_preschool", 2023): [
        0.50,
        0.45,
        0.30,
        0.35,
        0.42,
        None,
        0.38,
        0.55,
        0.60,
        0.20,
        0.41,
    ],
    ("county", "share_in_preschool", 2022): [
        0.50,
        0.45,
        0.30,
        0.35,
        0.42,
        0.40,
        0.38,
        0.55,
        0.60,
        0.20,
        0.41,
    ],
    # Suppressed for Forest in every year.
    ("county", "rate_injury_death", 2023): [
        80.0,
        90.0,
        70.0,
        60.0,
        85.0,
        None,
        75.0,
        95.0,
        65.0,
        55.0,
        100.0,
    ],
    ("county", "rate_injury_death", 2022): [
        80.0,
        90.0,
        70.0,
        60.0,
        85.0,
        None,
        75.0,
        95.0,
        65.0,
        55.0,
        100.0,
    ],
    # Lower is better; Forest is the second worst.
    ("county", "share_homeless", 2023): [
        0.010,
        0.020,
        0.015,
        0.030,
        0.025,
        0.050,
        0.012,
        0.018,
        0.022,
        0.028,
        0.060,
    ],
    # School economic diversity, group by group (lower is better).
    ("county", "share_meps20_black", 2023): [
        0.40,
        0.70,
        0.55,
        0.65,
        0.30,
        0.60,
        0.20,
        0.75,
        0.50,
        0.45,
        0.35,
    ],
    ("county", "share_meps20_hispanic", 2023): [
        0.30,
        0.35,
        0.40,
        0.45,
        0.50,
        0.50,
        0.55,
        0.60,
        0.65,
        0.20,
        0.25,
    ],
    ("county", "share_meps20_white", 2023): [
        0.10,
        0.20,
        0.30,
        0.40,
        0.05,
        0.10,
        0.15,
        0.25,
        0.35,
        0.45,
        0.50,
    ],
    # Every county ties.
    ("county", "index_air_hazard", 2023): [50.0] * 11,
    # Forest is the best.
    ("county", "ratio_living_wage", 2023): [
        0.80,
        0.90,
        0.85,
        0.70,
        0.95,
        1.20,
        0.75,
        1.00,
        1.05,
        0.65,
        0.60,
    ],
    # The 2024 layout: the same numbers under the older names.
    ("recent", "share_employed", None): [
        0.80,
        0.78,
        0.75,
        None,
        0.70,
        0.72,
        0.81,
        0.77,
        0.74,
        0.79,
        0.76,
    ],
    ("recent", "share_debt_col", None): [
        0.30,
        0.25,
        0.31,
        0.20,
        0.28,
        0.25,
        0.33,
        0.25,
        0.22,
        0.35,
        0.27,
    ],
    # Cities: higher is better; Forest City (the third) stands above four of the other five.
    ("city", "share_employed", 2023): [0.70, 0.75, 0.80, 0.65, None, 0.85, 0.72],
}

#: Flags of the community's values where they are not Strong.
FLAGS = {("county", "share_employed"): "Weak", ("county", "share_homeless"): "Marginal"}

# --- The layouts -------------------------------------------------------------------------------


def _bounds(name: str) -> list[str]:
    return [name, f"{name}_lb", f"{name}_ub", f"{name}_quality"]


def _with_flags(*names: str) -> list[str]:
    return [part for name in names for part in (name, f"{name}_quality")]


GROUPS = ("black_nh", "hispanic", "other_nh", "white_nh")


def county_2025(place: bool = False) -> list[str]:
    """The 2025 release's columns, in the order its build script joins the files."""
    key = ["year", "state", "place" if place else "county", "state_name"]
    key += ["place_name" if place else "county_name", "population"]
    income = [c for rank in (20, 50, 80) for c in _bounds(f"pctl_income_{rank}")]
    wealth = _with_flags(*(f"ratio_{g}_house_value_households" for g in GROUPS))
    debt = ["share_debt_coll", "share_debt_coll_ub", "share_debt_coll_lb"]
    debt += ["share_debt_coll_quality"]
    medical = [] if place else _with_flags("share_medical_debt_coll")
    homeless = ["count_homeless", "count_homeless_lb", "count_homeless_ub"]
    homeless += ["count_homeless_quality", "share_homeless", "share_homeless_quality"]
    housing = [f"share_affordable_{a}_ami" for a in (30, 50, 80)]
    housing += [f"share_affordable_{a}_ami_quality" for a in (30, 50, 80)]
    housing += [f"share_affordable_available_{a}_ami" for a in (30, 50, 80)]
    housing += [f"share_affordable_available_{a}_ami_quality" for a in (30, 50, 80)]
    health = (
        []
        if place
        else [
            *_with_flags("ratio_population_pc_physician"),
            *_bounds("share_low_birth_weight"),
            *_bounds("rate_injury_death"),
        ]
    )
    representation = _with_flags(
        "share_desc_rep_other",
        "share_desc_rep_black_nonhispanic",
        "share_desc_rep_hispanic",
        "share_desc_rep_white_nonhispanic",
    )
    turnout = _with_flags("share_election_turnout")
    exposure = _with_flags(*(f"share_{g}_exposure" for g in GROUPS))
    neighborhoods = [
        *_with_flags("share_poverty_exposure", "count_membership_associations_per_10k"),
        *_bounds("share_economic_connectedness"),
    ]
    transportation = _with_flags("share_transit_commuter", "share_transportation_cost")
    environment = _with_flags("index_air_hazard")
    neighborhoods += (environment + transportation) if place else (transportation + environment)
    safety = ["rate_crime_violent", "rate_crime_property"]
    safety += ["rate_crime_violent_quality", "rate_crime_property_quality"]
    safety += _with_flags("rate_juv_arrest")
    education = [
        *_bounds("share_in_preschool"),
        *_bounds("rate_learning"),
        *_with_flags("share_meps20_black", "share_meps20_hispanic", "share_meps20_white"),
        *_bounds("share_hs_degree"),
        *_with_flags("share_digital_access"),
    ]
    work = _bounds("share_employed") + ([] if place else _with_flags("ratio_living_wage"))
    return [
        *key,
        *income,
        *wealth,
        *debt,
        *medical,
        *homeless,
        *housing,
        *health,
        *representation,
        *turnout,
        *exposure,
        *neighborhoods,
        *safety,
        *education,
        *work,
    ]


def county_recent_2024() -> list[str]:
    """The 2023-24 "recent" county file: no year, one flag for several values, older names."""
    return [
        "state", "county", "state_name", "county_name",
        "share_in_preschool", "share_in_preschool_quality",
        "rate_learning", "rate_learning_lb", "rate_learning_ub", "rate_learning_quality",
        "meps20_black", "meps20_black_quality", "meps20_hispanic", "meps20_hispanic_quality",
        "meps20_white", "meps20_white_quality",
        "share_hs_degree", "share_hs_degree_quality",
        "share_digital_access", "share_digital_access_quality",
        "pctl_income_20", "pctl_income_50", "pctl_income_80", "pctl_income_quality",
        "share_debt_col", "share_debt_col_quality", "share_debt_col_lb", "share_debt_col_ub",
        *_with_flags(*(f"ratio_{g}_house_value_households" for g in GROUPS)),
        "ratio_population_pc_physician", "ratio_population_pc_physician_quality",
        *_bounds("rate_low_birth_weight"),
        *_bounds("rate_injury_death"),
        "share_affordable_80_ami", "share_affordable_50_ami", "share_affordable_30_ami",
        "share_affordable_quality",
        "count_homeless", "count_homeless_lb", "count_homeless_ub", "share_homeless",
        "homeless_quality",
        "share_election_turnout", "share_election_turnout_quality",
        "share_desc_rep_asian_other", "share_desc_rep_black_nonhispanic",
        "share_desc_rep_hispanic", "share_desc_rep_white_nonhispanic",
        "share_poverty_exposure", "share_poverty_exposure_quality",
        *_with_flags(*(f"share_{g}_exposure" for g in GROUPS)),
        "transportation_cost", "index_transit_trips", "transportation_cost_quality",
        "index_transit_trips_quality",
        "index_air_quality", "index_air_quality_quality",
        *_with_flags("ratio_high_low_ses_fb_friends", "count_membership_associations_per_10k"),
        "rate_violent_crime", "rate_property_crime", "rate_crime_quality",
        "rate_juv_arrest", "rate_juv_arrest_quality",
        "share_employed", "share_employed_quality",
        "ratio_average_to_living_wage", "ratio_average_to_living_wage_quality",
    ]  # fmt: skip


# --- The values --------------------------------------------------------------------------------

#: (base, step) of the made-up values of a variable, by how its name starts.
SCALES = (
    ("pctl_income_", (18_000.0, 1_500.0)),
    ("count_homeless", (100.0, 20.0)),
    ("count_membership", (8.0, 0.5)),
    ("share_affordable", (0.50, 0.05)),
    ("ratio_population_pc_physician", (900.0, 150.0)),
    ("ratio_", (0.60, 0.04)),
    ("rate_learning", (0.90, 0.02)),
    ("rate_low_birth_weight", (0.060, 0.004)),
    ("share_low_birth_weight", (0.060, 0.004)),
    ("meps20_", (0.30, 0.03)),
    ("transportation_cost", (20.0, 6.0)),
    ("rate_", (100.0, 12.0)),
    ("index_", (20.0, 6.0)),
    ("share_", (0.30, 0.02)),
)
LABELS = {1: "Strong", 2: "Marginal", 3: "Weak"}


def _generic(name: str, places: int, community: int, salt: int) -> list[float]:
    """Distinct values with the community's in the middle, the others in an order of their own."""
    base, step = next(scale for prefix, scale in SCALES if name.startswith(prefix))
    others = [i for i in range(places) if i != community]
    ranks = list(range(places))
    ranks.remove(places // 2)
    shift = salt % len(ranks)
    ranks = ranks[shift:] + ranks[:shift]
    values = [0.0] * places
    for i, rank in zip(others, ranks, strict=True):
        values[i] = base + step * rank
    values[community] = base + step * (places // 2)
    return [round(v, 4) for v in values]


def _number(value: float | None) -> str:
    if value is None:
        return NA
    return str(int(value)) if float(value).is_integer() else repr(value)


def _rows(layout: str, columns: list[str], year: int | None) -> list[list[str]]:
    places, community = (CITIES, CITY_COMMUNITY) if layout == "city" else (COUNTIES, COMMUNITY)
    count = len(places)
    values: dict[str, list[float | None]] = {}
    for salt, name in enumerate(columns):
        if name in ("year", "state", "county", "place", "state_name", "county_name", "place_name"):
            continue
        if name.endswith(("_quality", "_lb", "_ub")) and name not in ("index_air_quality",):
            continue
        literal = LITERAL.get((layout, name, year))
        if name == "population":
            values[name] = [float(50_000 + 7_000 * i) for i in range(count)]
        elif literal is not None:
            values[name] = literal
        else:
            values[name] = list(_generic(name, count, community, salt))
    rows = []
    for i, (state, code, state_name, place_name) in enumerate(places):
        cells: dict[str, str] = {"state": state, "state_name": state_name}
        cells["place" if layout == "city" else "county"] = code
        cells["place_name" if layout == "city" else "county_name"] = place_name
        if year is not None:
            cells["year"] = str(year)
        for name, column in values.items():
            cells[name] = _cell(name, column[i], i, layout)
        for name in columns:
            if name in cells:
                continue
            cells[name] = _derived(name, values, cells, i, layout, community)
        rows.append([cells[name] for name in columns])
    return rows


def _cell(name: str, value: float | None, i: int, layout: str) -> str:
    if value is None:
        return NA
    if name.endswith("_house_value_households"):
        return f"{0.05 + 0.01 * i:.3f}:{0.10 + 0.005 * i:.3f}"
    if name == "ratio_population_pc_physician" and layout == "recent" and i % 2:
        return f"{int(value)}:1"  # the 2023-24 files write some of these as a ratio
    if name.startswith("count_homeless") or name == "population":
        return str(int(value))
    return _number(value)


def _derived(
    name: str,
    values: dict[str, list[float | None]],
    cells: dict[str, str],
    i: int,
    layout: str,
    community: int,
) -> str:
    """A bound (the value plus or minus a little) or a quality flag, NA with a missing value."""
    stem = name.rsplit("_", 1)[0]
    if name.endswith(("_lb", "_ub")):
        value = values.get(stem, [None] * (i + 1))[i]
        if value is None:
            return NA
        return _number(round(value * (0.95 if name.endswith("_lb") else 1.05), 4))
    # A flag: for its own value, or shared by several (pctl_income_quality, homeless_quality).
    own = [v for v in values if f"{v}_quality" == name]
    shared = own or [v for v in values if v.startswith(stem)]
    if shared and all(values[v][i] is None for v in shared):
        return NA
    level = 2 if i % 4 == 3 else 1
    if i == community:
        flag = FLAGS.get((layout, own[0] if own else ""))
        if flag:
            return flag if layout != "recent" else str({"Weak": 3, "Marginal": 2}[flag])
    return LABELS[level] if layout != "recent" else str(level)


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def make(folder: Path = FIXTURES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    county = county_2025()
    city = county_2025(place=True)
    recent = county_recent_2024()
    return [
        write_csv(
            folder / "synthetic-mobility-metrics_county_longitudinal.csv",
            county,
            _rows("county", county, 2022) + _rows("county", county, 2023),
        ),
        write_csv(
            folder / "synthetic-mobility-metrics_place_longitudinal.csv",
            city,
            _rows("city", city, 2023),
        ),
        write_csv(
            folder / "synthetic-mobility-metrics_county_recent-2024.csv",
            recent,
            _rows("recent", recent, None),
        ),
    ]


def make_many(
    path: Path, counties: int = 400, seed: int = 15, years: tuple[int, ...] = (2022, 2023)
) -> Path:
    """A larger SYNTHETIC county file (random values, fictional counties) in the 2025 layout,
    for pictures: percentiles among hundreds of counties look like the real thing. The community
    is Forest County, Ohio (39177) again; it is not used by the tests."""
    import random

    rng = random.Random(seed)
    columns = county_2025()
    places = [("39", "177", "Ohio", "Forest County")] + [
        (f"{60 + i // 900:02d}", f"{1 + 2 * (i % 900):03d}", "Synthetica", f"Synthetic County {i}")
        for i in range(1, counties)
    ]
    rows = []
    for year in years:
        for state, code, state_name, name in places:
            cells = {"year": str(year), "state": state, "county": code}
            cells |= {"state_name": state_name, "county_name": name, "population": "50000"}
            for column in columns:
                if column in cells or column.endswith(("_lb", "_ub")):
                    continue
                if column.endswith("_quality"):
                    cells[column] = rng.choice(("Strong", "Strong", "Strong", "Marginal", "Weak"))
                    continue
                if column.endswith("_house_value_households"):
                    cells[column] = f"{rng.uniform(0.02, 0.3):.3f}:{rng.uniform(0.02, 0.3):.3f}"
                    continue
                base, step = next(scale for prefix, scale in SCALES if column.startswith(prefix))
                cells[column] = _number(round(base + step * rng.uniform(0, 10), 4))
            rows.append([cells.get(column, NA) for column in columns])
    return write_csv(path, columns, rows)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    for written in make(target):
        print(f"Wrote {written}")
