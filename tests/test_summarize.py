"""coalition summarize: a cohort folder becomes one summary, with every figure counted by hand.

The cohort is tests/cohort_plans.py: four communities in the layouts a cohort really holds (today's,
one with its own lists, one that does not say its version, the frozen layout-v1 fixture).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cohort_plans import alder_bay, write_cohort
from openpyxl import load_workbook
from test_bad_files import legacy_xls, text_file, zip_bomb

from generator.cli import main
from generator.cohort.discover import SUMMARY_MARK
from generator.excel.writer import write_workbook

COMMUNITY_HEADINGS = {
    "community": "Community",
    "state": "State",
    "layout": "Layout version",
    "existing": "Existing partners",
    "potential": "Potential partners",
    "to_invite": "To invite",
    "invited": "Invited",
    "accepted": "Accepted",
    "declined": "Declined",
    "keep_informed": "Keep informed",
    "groups": "Groups chosen",
    "areas": "Areas chosen",
    "assets": "Assets chosen",
    "no_partner": "Priorities with no partner",
    "which": "Which have no partner",
    "errors": "Errors",
    "note": "Note",
}

#: Hand-counted from tests/cohort_plans.py.
COMMUNITIES = {
    "Alder Bay": dict(layout=1, existing=2, potential=1, to_invite=1, invited=1, accepted=1,
                      declined=1, keep_informed=1, groups=2, areas=2, assets=1, no_partner=1,
                      which="People of color", errors=0),
    "Birch Falls": dict(layout=1, existing=1, potential=1, to_invite=1, invited=0, accepted=1,
                        declined=0, keep_informed=0, groups=3, areas=1, assets=2, no_partner=1,
                        which="Housing stability", errors=0),
    "Cedar Run": dict(layout="not stated (read as 1)", existing=1, potential=0, to_invite=1,
                      invited=0, accepted=0, declined=0, keep_informed=0, groups=1, areas=2,
                      assets=0, no_partner=2, which="Housing stability; Digital access",
                      errors=0),
    "Forest City & Lakeshore": dict(layout=1, existing=2, potential=1, to_invite=0, invited=1,
                                    accepted=0, declined=0, keep_informed=1, groups=3, areas=2,
                                    assets=2, no_partner=1, which="Digital access", errors=0),
}  # fmt: skip

#: (communities choosing it, with an existing partner, only potential partners, no partner).
PRIORITIES = {
    ("Priority groups", "People of color"): (4, 2, 1, 1),
    ("Priority groups", "Young people"): (2, 2, 0, 0),
    ("Priority groups", "Residents with low incomes"): (1, 1, 0, 0),
    ("Priority groups", "Recent arrivals"): (1, 1, 0, 0),  # Birch Falls' own group
    ("Priority groups", "Other (written in)"): (1, 1, 0, 0),
    ("Areas of concern", "Housing stability"): (4, 1, 1, 2),
    ("Areas of concern", "Digital access"): (3, 1, 0, 2),
    ("Assets needed", "Convening power"): (3, 1, 2, 0),
    ("Assets needed", "Financial resources"): (1, 1, 0, 0),
    ("Assets needed", "Other (written in)"): (1, 1, 0, 0),
}

#: (existing, potential, communities with one).
TYPES = {
    "Local government": (2, 0, 2),
    "Nonprofit": (2, 0, 2),
    "Advocacy organization": (0, 1, 1),
    "Anchor institution": (0, 1, 1),
    "Faith-based organization": (0, 1, 1),
    "Philanthropy": (1, 0, 1),
    "Tenant association": (1, 0, 1),  # the v1 fixture's and Birch Falls' own type
}

#: (sent, accepted, declined, no answer yet, accepted of sent, accepted of answered).
BY_TYPE = [
    ("Nonprofit", 2, 0, 1, 1, 0.0, 0.0),
    ("Advocacy organization", 1, 0, 0, 1, 0.0, None),
    ("Faith-based organization", 1, 1, 0, 0, 1.0, 1.0),
    ("Local government", 1, 1, 0, 0, 1.0, 1.0),
]
BY_ROLE = [
    ("Local government", 2, 0, 1, 1, 0.0, 0.0),  # Kim Lee, "Director, Alder Bay Library"
    ("Philanthropy", 1, 1, 0, 0, 1.0, 1.0),  # "President, Birch Falls Foundation"
    ("Public official", 1, 1, 0, 0, 1.0, 1.0),  # Mayor Ana Ortiz
    ("Title names no partner", 1, 0, 0, 1, 0.0, None),  # the v1 fixture's sender
]
TOTAL = ("All invitations", 5, 2, 1, 2, 0.4, 2 / 3)


def summarize(*args: str) -> Result:
    return CliRunner().invoke(main, ["summarize", *args])


def table(path: Path, sheet: str, name: str) -> list[dict[str, object]]:
    """An Excel table of the summary, as a list of rows keyed by heading."""
    workbook = load_workbook(path)
    ref = workbook[sheet].tables[name].ref
    rows = [[c.value for c in row] for row in workbook[sheet][ref]]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_cohort(tmp_path_factory.mktemp("written") / "cohort")["Alder Bay"].parent


@pytest.fixture
def cohort(written: Path, tmp_path: Path) -> Path:
    """The four communities' workbooks, in a folder of this test's own."""
    return Path(shutil.copytree(written, tmp_path / "cohort"))


@pytest.fixture(scope="module")
def summarized(written: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """The cohort summarized once, with two workbooks read at a time, for the tests that only
    read the summary."""
    output = tmp_path_factory.mktemp("summary") / "cohort.xlsx"
    return summarize(str(written), "-o", str(output), "--jobs", "2"), output


# --- The figures ----------------------------------------------------------------------------------


def test_a_cohort_folder_becomes_one_summary_with_every_figure_counted(
    summarized: tuple[Result, Path],
) -> None:
    result, output = summarized

    assert result.exit_code == 0, result.output
    assert "Read 4 workbooks (2 at a time): 4 communities counted." in result.output
    assert f"Wrote {output}" in result.output
    rows = {row["Community"]: row for row in table(output, "Communities", "Communities")}
    assert set(rows) == set(COMMUNITIES)
    for community, truth in COMMUNITIES.items():
        row = rows[community]
        assert row["State"] == "Counted"
        for field, expected in truth.items():
            assert row[COMMUNITY_HEADINGS[field]] == expected, (community, field)


def test_how_often_each_priority_is_chosen_and_covered(summarized: tuple[Result, Path]) -> None:
    output = summarized[1]

    rows = table(output, "Priorities", "Priorities")
    chosen = {
        (row["Checklist"], row["Priority"]): (
            row["Communities choosing it"],
            row["With an existing partner"],
            row["Only potential partners"],
            row["No partner"],
        )
        for row in rows
        if row["Communities choosing it"]
    }
    assert chosen == PRIORITIES
    # Every option of the worksheet is listed, chosen or not, and a coalition's own besides.
    assert len(rows) == 9 + 24 + 15 + 1
    flagged = [row["Priority"] for row in rows if row["Chosen often, covered rarely"] == "Yes"]
    assert flagged == ["Digital access"]  # Housing stability: covered in exactly half, not fewer
    watch = table(output, "Summary", "ChosenOftenCoveredRarely")
    assert [(r["Priority"], r["Communities choosing it"], r["With no partner"]) for r in watch] == [
        ("Digital access", 3, 2)
    ]


def test_the_mix_of_organization_types(summarized: tuple[Result, Path]) -> None:
    output = summarized[1]

    rows = table(output, "Organization types", "Types")

    found = {
        r["Type of organization"]: (
            r["Existing partners"],
            r["Potential partners"],
            r["Communities with one"],
        )
        for r in rows
    }
    assert found == TYPES
    assert [r["All partners"] for r in rows] == sorted(
        (r["All partners"] for r in rows), reverse=True
    )
    assert sum(r["Share of all partners"] for r in rows) == pytest.approx(1)


def test_acceptance_by_type_and_by_sender_role_where_statuses_are_tracked(
    summarized: tuple[Result, Path],
) -> None:
    output = summarized[1]

    def figures(name: str, heading: str) -> list[tuple[object, ...]]:
        return [
            (
                r[heading],
                r["Invitations sent"],
                r["Accepted"],
                r["Declined"],
                r["No answer yet"],
                r["Accepted, of those sent"],
                r["Accepted, of those who answered"],
            )
            for r in table(output, "Acceptance", name)
        ]

    assert figures("ByOrganizationType", "Type of organization invited") == BY_TYPE
    assert figures("BySenderRole", "Sender's role") == BY_ROLE
    # The total sits under each table, outside it, so that sorting leaves it last.
    sheet = load_workbook(output)["Acceptance"]
    totals = [
        [c.value for c in row]
        for row in sheet.iter_rows(max_col=7)
        if row[0].value == "All invitations"
    ]
    assert len(totals) == 2
    for total in totals:
        assert total[:5] == list(TOTAL[:5])
        assert total[5:] == [pytest.approx(TOTAL[5]), pytest.approx(TOTAL[6])]
    summary = {r[0].value: r[1].value for r in load_workbook(output)["Summary"].iter_rows()}
    assert summary["Communities tracking invitation statuses"] == 3  # not Cedar Run


def test_invitations_sheet_leaves_the_invitees_names_behind(
    summarized: tuple[Result, Path],
) -> None:
    output = summarized[1]

    rows = table(output, "Invitations", "Invitations")

    assert len(rows) == 5
    assert {r["Status"] for r in rows} == {"Invited", "Accepted", "Declined"}
    text = repr(rows)
    for person in ("Rosa Vega", "Tom Reyes", "Joy Park", "Denise Okafor"):
        assert person not in text
    assert {"Mayor Ana Ortiz", "Kim Lee"} <= {r["Sender"] for r in rows}


# --- Bad files and duplicates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (text_file, "is not an Excel workbook"),
        (legacy_xls, "legacy Excel 97-2003"),
        (zip_bomb, "refused unread"),
    ],
    ids=["text", "xls", "zip-bomb"],
)
def test_one_bad_workbook_gets_its_row_and_never_stops_the_summary(
    cohort: Path, tmp_path: Path, make, words: str
) -> None:
    bad = make(tmp_path)
    moved = Path(shutil.move(bad, cohort / bad.with_suffix(".xlsx").name))
    output = tmp_path / "cohort.xlsx"

    result = summarize(str(cohort), "-o", str(output))

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"unreadable  {moved}: " in result.output
    assert "1 workbook was not read; its row in cohort.xlsx says why." in result.output
    rows = {row["File"]: row for row in table(output, "Communities", "Communities")}
    row = rows[str(moved)]
    assert row["State"] == "Unreadable"
    assert row["Note"].startswith(f"{moved}: ") and words in row["Note"]
    assert "\n" not in row["Note"]
    assert row["Existing partners"] is None  # blank, not 0
    counted_rows = [r for r in rows.values() if r["State"] == "Counted"]
    assert sorted(r["Community"] for r in counted_rows) == sorted(COMMUNITIES)


def test_a_cohort_of_unreadable_files_still_gets_its_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = Path(shutil.move(text_file(tmp_path), folder / "list.xlsx"))
    output, report = tmp_path / "cohort.xlsx", tmp_path / "cohort.docx"

    result = summarize(str(folder), "-o", str(output), "--report", str(report))

    assert result.exit_code == 1
    assert "Read 1 workbook (1 at a time): 0 communities counted." in result.output
    rows = table(output, "Communities", "Communities")
    assert [(r["File"], r["State"]) for r in rows] == [(str(bad), "Unreadable")]
    assert load_workbook(output)["Summary"]["A1"].value == "Cohort summary: 0 communities"
    assert report.exists()


def test_two_workbooks_of_one_community_are_flagged_and_counted_once(
    cohort: Path, tmp_path: Path
) -> None:
    plan = alder_bay()
    plan.community = "  ALDER   bay "  # the same community, as someone else typed it
    copy = write_workbook(cohort / "alder-bay-old.xlsx", plan.vocabulary, plan.community, plan=plan)
    newer = cohort / "alder-bay.xlsx"
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # saved long before the other
    output = tmp_path / "cohort.xlsx"

    result = summarize(str(cohort), "-o", str(output))

    assert result.exit_code == 0  # a duplicate is flagged, not an error
    said = (
        f"duplicate   {copy}: the same community as {newer}, saved later; only that one is counted."
    )
    assert said in result.output
    rows = {row["File"]: row for row in table(output, "Communities", "Communities")}
    assert rows[str(copy)]["State"] == "Not counted (duplicate)"
    assert rows[str(newer)]["State"] == "Counted"
    assert str(copy) in rows[str(newer)]["Note"] and str(newer) in rows[str(copy)]["Note"]
    # The figures are those of the four communities, Alder Bay once.
    priorities = table(output, "Priorities", "Priorities")
    people_of_color = next(r for r in priorities if r["Priority"] == "People of color")
    assert people_of_color["Communities choosing it"] == 4
    summary = {r[0].value: r[1].value for r in load_workbook(output)["Summary"].iter_rows()}
    assert summary["Communities counted"] == 4
    assert summary["Duplicates not counted"] == 1


def test_a_workbook_that_does_not_name_its_community_is_nobodys_duplicate(
    tmp_path: Path,
) -> None:
    plan = alder_bay()
    plan.community = ""
    for name in ("a.xlsx", "b.xlsx"):
        write_workbook(tmp_path / "in" / name, plan.vocabulary, "", plan=plan)
    output = tmp_path / "cohort.xlsx"

    assert summarize(str(tmp_path / "in"), "-o", str(output)).exit_code == 0

    rows = table(output, "Communities", "Communities")
    assert [r["State"] for r in rows] == ["Counted", "Counted"]
    assert all("does not name its community" in r["Note"] for r in rows)
    assert [r["Community"] for r in rows] == ["(not named)", "(not named)"]


# --- What a folder search reads and leaves out -------------------------------------------------


def test_folders_are_searched_and_what_is_not_a_community_is_left_out(
    cohort: Path, tmp_path: Path
) -> None:
    nested = cohort / "second round" / "late"
    nested.mkdir(parents=True)
    shutil.move(cohort / "cedar-run.xlsx", nested / "CEDAR-RUN.XLSX")
    (cohort / "~$alder-bay.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file
    (cohort / "._alder-bay.xlsx").write_bytes(b"\0\5\26\7")  # macOS's AppleDouble file
    (cohort / "notes.txt").write_text("not a workbook")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(cohort / "alder-bay.xlsx", outside / "stray.xlsx")
    (cohort / "stray.xlsx").symlink_to(outside / "stray.xlsx")
    (cohort / "linked folder").symlink_to(outside, target_is_directory=True)
    annotated = cohort / "alder-bay-annotated.xlsx"
    check = CliRunner().invoke(
        main, ["check", str(cohort / "alder-bay.xlsx"), "--annotate", str(annotated)]
    )
    assert check.exit_code == 0
    output = cohort / "cohort.xlsx"

    first = summarize(str(cohort), "-o", str(output))
    again = summarize(str(cohort), "-o", str(output), "--force")  # the summary is in the folder

    for result in (first, again):
        assert result.exit_code == 0, result.output
        assert "Read 4 workbooks" in result.output
    assert f"{cohort / '~$alder-bay.xlsx'}: an Excel lock file" in again.output
    assert f"{cohort / '._alder-bay.xlsx'}: a hidden file" in again.output
    assert f"{cohort / 'stray.xlsx'}: a link to a file outside {cohort.resolve()}" in again.output
    assert f"{cohort / 'linked folder'}: a link to a folder; links are not followed" in again.output
    assert f"{annotated}: an annotated copy written by coalition check --annotate" in again.output
    assert f"{output}: the summary being written" in again.output
    files = [r["File"] for r in table(output, "Communities", "Communities")]
    assert str(nested / "CEDAR-RUN.XLSX") in files


def test_a_file_named_on_the_command_line_is_always_read(cohort: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.xlsx"
    assert summarize(str(cohort), "-o", str(earlier)).exit_code == 0
    annotated = tmp_path / "annotated.xlsx"
    CliRunner().invoke(
        main, ["check", str(cohort / "alder-bay.xlsx"), "--annotate", str(annotated)]
    )
    output = tmp_path / "cohort.xlsx"

    result = summarize(
        str(cohort / "alder-bay.xlsx"), str(annotated), str(earlier), "-o", str(output)
    )

    assert result.exit_code == 1
    summary = "is a cohort summary written by coalition summarize, not a community's workbook."
    assert f"{earlier}: {summary}" in result.output
    rows = {row["File"]: row for row in table(output, "Communities", "Communities")}
    assert rows[str(annotated)]["Community"] == "Alder Bay"  # read, and flagged as a duplicate
    assert rows[str(annotated)]["Note"].startswith("Also the community of")


def test_a_missing_file_gets_its_row_but_a_cohort_of_nothing_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "~$lock.xlsx").write_bytes(b"\0")

    nothing = summarize(str(empty), "-o", str(tmp_path / "cohort.xlsx"))

    assert nothing.exit_code == 2
    assert nothing.stderr.strip() == f"Error: no workbooks (.xlsx) were found in {empty}."
    assert not (tmp_path / "cohort.xlsx").exists()

    missing = summarize(str(tmp_path / "nowhere.xlsx"), "-o", str(tmp_path / "cohort.xlsx"))
    assert missing.exit_code == 1
    assert f"{tmp_path / 'nowhere.xlsx'}: no such file." in missing.output


# --- Outputs --------------------------------------------------------------------------------------


def test_outputs_are_refused_before_anything_is_read(cohort: Path, tmp_path: Path) -> None:
    existing = tmp_path / "cohort.xlsx"
    existing.write_bytes(b"last month's summary")
    community = cohort / "alder-bay.xlsx"
    before = community.read_bytes()

    cases = [
        (
            ["-o", str(existing)],
            f"Error: {existing}: already exists; pass --force to overwrite it.",
        ),
        (["-o", str(tmp_path / "cohort.csv")], "is not an .xlsx name; name the summary workbook"),
        (["-o", str(community), "--force"], "is one of the workbooks being summarized"),
        (["-o", str(tmp_path / "a.xlsx"), "--report", str(tmp_path / "a.pdf")], "not a .docx"),
    ]
    for args, words in cases:
        result = summarize(str(cohort), *args)
        assert result.exit_code == 2, args
        assert words in result.stderr
        assert "Read " not in result.output
    assert existing.read_bytes() == b"last month's summary"
    assert community.read_bytes() == before


def test_the_summary_workbook_has_tables_filters_charts_and_its_mark(
    summarized: tuple[Result, Path],
) -> None:
    output = summarized[1]

    workbook = load_workbook(output)

    assert workbook.sheetnames == [
        "Summary",
        "Communities",
        "Priorities",
        "Priority charts",
        "Organization types",
        "Acceptance",
        "Invitations",
        "Check findings",
    ]
    assert SUMMARY_MARK in workbook.defined_names
    tables = {name for sheet in workbook.worksheets for name in sheet.tables}
    assert tables == {
        "ChosenOftenCoveredRarely",
        "MostChosen",
        "Communities",
        "Priorities",
        "Types",
        "ByOrganizationType",
        "BySenderRole",
        "Invitations",
        "Findings",
    }
    charts = {sheet.title: len(sheet._charts) for sheet in workbook.worksheets if sheet._charts}
    assert charts == {
        "Summary": 1,
        "Priority charts": 3,
        "Organization types": 1,
        "Acceptance": 2,
    }
    assert workbook["Communities"].freeze_panes == "B5"
    with zipfile.ZipFile(output) as package:
        assert sum(name.startswith("xl/charts/chart") for name in package.namelist()) == 7


def test_text_from_a_community_stays_text_in_the_summary(tmp_path: Path) -> None:
    plan = alder_bay()
    plan.community = '=HYPERLINK("http://example.org","Alder Bay")'
    write_workbook(tmp_path / "in" / "a.xlsx", plan.vocabulary, plan.community, plan=plan)
    output = tmp_path / "cohort.xlsx"

    assert summarize(str(tmp_path / "in"), "-o", str(output)).exit_code == 0

    cell = load_workbook(output)["Communities"]["A5"]
    assert cell.value == plan.community
    assert cell.data_type == "s" and cell.quotePrefix
