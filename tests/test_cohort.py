"""The cohort's parts: one community's record, the sender's role, the folder search, the pool."""

from __future__ import annotations

import pickle
import shutil
import zipfile
from pathlib import Path

import pytest
from cohort_plans import alder_bay
from cohort_readers import counts_reads, dies_on_crash_files, reads_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cohort.collect import collect, mark_duplicates, read_one
from generator.cohort.discover import (
    ANNOTATED,
    SUMMARY,
    SUMMARY_MARK,
    Found,
    find_workbooks,
    own_output,
)
from generator.cohort.record import (
    NAMES_NO_PARTNER,
    NO_SENDER,
    NO_TITLE,
    ORGANIZATION_UNKNOWN,
    PUBLIC_OFFICIAL,
    CommunityRecord,
    SenderRoles,
    State,
    record_of,
)
from generator.common.errors import CohortError
from generator.demo.sample import sample_workbook
from generator.excel.reader import check_workbook
from generator.plan.coverage import Level
from generator.plan.model import CoalitionPlan, Invitee, Partner, PartnerKind
from generator.worksheet import Status

# --- One community's record -----------------------------------------------------------------------


def test_the_record_of_the_sample_holds_its_counts_and_stays_small() -> None:
    reading = check_workbook(sample_workbook())

    record = record_of(reading, "forest-city.xlsx")

    # Counted by hand in sample_workbooks/forest-city.toml.
    assert (record.community, record.existing, record.potential) == ("Forest City", 9, 11)
    assert record.invitees == {
        "Invite": 10,
        "Keep informed": 2,
        "Invited": 1,
        "Accepted": 1,
        "Declined": 0,
    }
    assert (record.count("groups"), record.count("areas"), record.count("assets")) == (5, 12, 9)
    assert [c.label for c in record.gaps] == [
        "Environmental quality",
        "A strong understanding of positionality",
    ]
    assert (record.errors, record.warnings) == (0, 2)
    assert record.findings == (("no-priority-match", "warning", 1), ("unreachable", "warning", 1))
    # Only what was sent is an invitation: Jordan Ellis (Invited) and Ana Souza (Accepted).
    assert [(i.organization, i.status) for i in record.invitations] == [
        ("Youth Voices Council", Status.INVITED),
        ("Digital Bridges Forest City", Status.ACCEPTED),
    ]
    # What crosses between processes: a few kilobytes, with no person's name or address in it.
    data = pickle.dumps(record)
    assert len(data) < 8_000
    for private in (b"Jordan Ellis", b"Ana Souza", b"jordan.ellis@", b"410 Elm Street"):
        assert private not in data


def test_an_invitation_to_an_organization_not_in_parts_2_and_3() -> None:
    plan = alder_bay()
    plan.invitees[0].organization = "Somewhere Else Entirely"

    from generator.plan.reading import Reading

    record = record_of(Reading(Path("a.xlsx"), plan), "a.xlsx")

    assert record.invitations[0].organization_type == ORGANIZATION_UNKNOWN
    assert {c.label: c.level for c in record.chosen}["Young people"] is Level.EXISTING


def plan_with(*partners: tuple[str, str]) -> CoalitionPlan:
    return CoalitionPlan(
        partners=[Partner(name, PartnerKind.EXISTING, kind) for name, kind in partners]
    )


@pytest.mark.parametrize(
    ("sender", "title", "role"),
    [
        (
            "Council Member James Whitfield",
            "Chair, Committee on Economic Development",
            PUBLIC_OFFICIAL,
        ),
        ("Ana Ortiz", "Mayor of Forest City", PUBLIC_OFFICIAL),
        ("Lee Park", "Councilmember, Ward 3", PUBLIC_OFFICIAL),
        ("Dana Hill", "County Commissioner", PUBLIC_OFFICIAL),
        ("Karen Liu", "President, Lakeshore Community Foundation", "Philanthropy"),
        ("Karen Liu", "President, LAKESHORE community  foundation", "Philanthropy"),
        # The longest partner name the title holds wins over a shorter one inside it.
        ("Maria Delgado", "Director, Forest City Office of Economic Mobility", "Local government"),
        ("Lakeshore Community Foundation", "", "Philanthropy"),
        ("Jordan Ellis", "Chair, Youth Voices Council", "Resident with lived experience"),
        ("Kim Lee", "Executive Director", NAMES_NO_PARTNER),
        ("Kim Lee", "", NO_TITLE),
        ("", "", NO_SENDER),
        # A name inside another word is not a mention of it.
        ("Kim Lee", "Director, Forest Cityscapes Inc.", NAMES_NO_PARTNER),
    ],
)
def test_the_senders_role(sender: str, title: str, role: str) -> None:
    plan = plan_with(
        ("Lakeshore Community Foundation", "Philanthropy"),
        ("Forest City", "Local government"),
        ("Forest City Office of Economic Mobility", "Local government"),
        ("Youth Voices Council", "Resident with lived experience"),
        ("Forest City Chamber of Commerce", "Business or employer"),
    )

    assert SenderRoles(plan).role(sender, title) == role


def test_the_longest_partner_named_gives_the_role() -> None:
    plan = plan_with(
        ("Forest City", "Local government"), ("Forest City Foundation", "Philanthropy")
    )

    assert SenderRoles(plan).role("Ana", "Director, Forest City Foundation") == "Philanthropy"


def test_roles_are_one_search_however_many_partners() -> None:
    plan = plan_with(*((f"Partner number {n}", "Nonprofit") for n in range(5_000)))
    roles = SenderRoles(plan)

    assert roles.role("Ana", "Director, Partner number 4321") == "Nonprofit"
    assert roles.pattern is not None and roles.pattern.pattern.count("|") == 4_999


# --- Duplicates -----------------------------------------------------------------------------------


def read(file: str, community: str, modified: float) -> CommunityRecord:
    return CommunityRecord(file, State.READ, modified=modified, community=community)


def test_of_two_workbooks_of_one_community_the_one_saved_last_counts() -> None:
    records = [
        read("a.xlsx", "Forest City", 100),
        read("b.xlsx", "Millbrook", 100),
        read("c.xlsx", "forest  CITY", 300),
        read("d.xlsx", "Forest City", 200),
        CommunityRecord("e.xlsx", State.UNREADABLE, "e.xlsx: is empty."),
    ]

    marked = mark_duplicates(records)

    assert [(r.file, r.counted, r.duplicates) for r in marked] == [
        ("a.xlsx", False, ("c.xlsx", "d.xlsx")),
        ("b.xlsx", True, ()),
        ("c.xlsx", True, ("a.xlsx", "d.xlsx")),
        ("d.xlsx", False, ("a.xlsx", "c.xlsx")),
        ("e.xlsx", True, ()),
    ]


def test_saved_at_the_same_moment_the_first_counts() -> None:
    marked = mark_duplicates([read("a.xlsx", "Elm", 5), read("b.xlsx", "Elm", 5)])

    assert [r.counted for r in marked] == [True, False]


# --- The folder search --------------------------------------------------------------------------


def test_a_search_is_stable_and_reads_each_file_once(tmp_path: Path) -> None:
    for name in ("b.xlsx", "a.xlsx", "sub/c.xlsx", "sub/deeper/d.XLSX", ".hidden/e.xlsx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")

    found = find_workbooks([tmp_path, tmp_path / "a.xlsx", tmp_path / "sub"])

    names = [f.path.relative_to(tmp_path).as_posix() for f in found.files]
    assert names == ["a.xlsx", "b.xlsx", "sub/c.xlsx", "sub/deeper/d.XLSX"]
    assert [f.explicit for f in found.files] == [False] * 4


def test_a_search_of_far_too_many_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.cohort.discover.MAX_WORKBOOKS", 3)
    for number in range(5):
        (tmp_path / f"{number}.xlsx").write_bytes(b"")

    with pytest.raises(CohortError, match="more than 3 workbooks were found"):
        find_workbooks([tmp_path])


def test_the_tools_own_outputs_are_known_by_a_look_at_their_sheets(tmp_path: Path) -> None:
    def package(name: str, workbook_xml: bytes) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as zipped:
            zipped.writestr("xl/workbook.xml", workbook_xml)
        return path

    summary = package(
        "s.xlsx",
        b'<workbook><sheets><sheet name="Summary" sheetId="1"/></sheets><definedNames>'
        b'<definedName name="' + SUMMARY_MARK.encode() + b'">1</definedName></definedNames>'
        b"</workbook>",
    )
    annotated = package(
        "a.xlsx",
        b'<workbook><sheets><sheet name="Findings" sheetId="9"/><sheet name="Instructions"/>'
        b'<sheet name="Part 1 Needs"/></sheets></workbook>',
    )
    findings_of_their_own = package(
        "f.xlsx", b'<workbook><sheets><sheet name="Findings"/><sheet name="Budget"/></sheets>'
    )

    assert own_output(summary) == SUMMARY
    assert own_output(annotated) == ANNOTATED
    assert own_output(findings_of_their_own) == ""
    assert own_output(sample_workbook()) == ""
    assert own_output(tmp_path / "missing.xlsx") == ""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2_000), as_zip=st.booleans())
def test_a_look_at_any_file_never_raises(tmp_path: Path, data: bytes, as_zip: bool) -> None:
    path = tmp_path / "any.xlsx"
    if as_zip:
        with zipfile.ZipFile(path, "w") as zipped:
            zipped.writestr("xl/workbook.xml", data)
    else:
        path.write_bytes(data)

    assert own_output(path) in ("", SUMMARY, ANNOTATED)


# --- Reading in parallel ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six files: four copies of the sample, an empty one, one that is not a workbook."""
    folder = tmp_path_factory.mktemp("six")
    for name in ("a", "b", "c", "d"):
        shutil.copy(sample_workbook(), folder / f"{name}.xlsx")
    (folder / "e.xlsx").write_bytes(b"")
    (folder / "f.xlsx").write_text("community,partners\n")
    return folder


def test_reading_in_parallel_gives_what_reading_one_by_one_gives(six: Path) -> None:
    files = find_workbooks([six]).files
    ticks: list[int] = []

    alone = collect(files, 1)
    pooled = collect(files, 2, progress=ticks.append)

    assert pooled == alone
    assert [r.state for r in pooled] == [State.READ] * 4 + [State.UNREADABLE] * 2
    assert pooled[4].reason == f"{files[4].path}: is empty (0 bytes); it is not a workbook."
    assert sum(ticks) == len(files)


def test_each_file_is_read_once(six: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(six, tmp_path / "six"))
    files = find_workbooks([folder]).files

    records = collect(files, 2, reader=counts_reads)

    assert len(records) == len(files)
    assert reads_of(folder) == {f.path.name: 1 for f in files}


def test_a_worker_that_dies_costs_only_its_own_file(six: Path, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(six, tmp_path / "six"))
    shutil.copy(sample_workbook(), folder / "crash.xlsx")
    files = find_workbooks([folder]).files

    records = collect(files, 2, reader=dies_on_crash_files)

    by_file = {Path(r.file).name: r for r in records}
    assert len(records) == len(files)
    crashed = by_file["crash.xlsx"]
    assert crashed.state is State.UNREADABLE
    assert crashed.reason.startswith(f"{folder / 'crash.xlsx'}: stopped the process reading it")
    assert [by_file[f"{n}.xlsx"].state for n in "abcd"] == [State.READ] * 4


def test_a_bug_in_the_reader_becomes_that_files_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> None:
        raise KeyError("sheet")

    monkeypatch.setattr("generator.excel.reader.check_workbook", broken)
    path = Path(shutil.copy(sample_workbook(), tmp_path / "a.xlsx"))

    record = read_one(Found(path, explicit=True))

    assert record.state is State.UNREADABLE
    assert record.reason.startswith(f"{path}: could not be read because of a bug in coalition")
    assert "KeyError" in record.reason and "\n" not in record.reason


def test_a_plan_read_from_a_workbook_is_what_the_record_describes(tmp_path: Path) -> None:
    plan = alder_bay()
    plan.invitees.append(Invitee("Zed", "Harbor Tenants", "Kim Lee", status=Status.DECLINED))
    from generator.excel.writer import write_workbook

    path = write_workbook(tmp_path / "a.xlsx", plan.vocabulary, plan.community, plan=plan)

    record = read_one(Found(path))

    assert record.invitees["Declined"] == 2
    # Sent: Rosa Vega (the mayor's), Tom Reyes and Ida Moss (Kim Lee, "Director, Alder Bay
    # Library"), Zed (Kim Lee, no title); kept informed and still to invite are not.
    assert [(i.status, i.sender_role) for i in record.invitations] == [
        (Status.ACCEPTED, PUBLIC_OFFICIAL),
        (Status.DECLINED, "Local government"),
        (Status.INVITED, "Local government"),
        (Status.DECLINED, NO_TITLE),
    ]
