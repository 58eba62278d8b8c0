"""Letters in batch: what each one says, where it is written, and what a re-run leaves alone."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from test_render import make_template

from generator.cli import main
from generator.common.english import listed as join_and
from generator.common.english import lower_first
from generator.letters.batch import Options, Outcome, Result, write_letters
from generator.letters.context import LetterKind, PlanIndex, letter_context
from generator.letters.delivery import deliver
from generator.letters.fields import schema
from generator.letters.manifest import MANIFEST_NAME, read_manifest
from generator.letters.naming import MAX_STEM_BYTES, safe_stem, unique_stems
from generator.letters.summary import summary_lines
from generator.letters.wording import you_clause
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Partner, PartnerKind
from generator.worksheet import Status

DAY = dt.date(2026, 5, 4)
OPTIONS = Options(date=DAY)


def letter_text(path: Path) -> str:
    document = docx.Document(str(path))
    header = [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs])


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def by_member(batch_results: list[Result], member: str) -> Result:
    return next(r for r in batch_results if r.recipient == member)


# --- The sample batch -----------------------------------------------------------------------------


def test_sample_batch_writes_one_letter_per_invitation(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    batch = write_letters(sample_plan, tmp_path, OPTIONS)

    invited = [i for i in sample_plan.invitees if i.status is Status.INVITE]
    letters = batch.having(Outcome.WRITTEN)
    assert len(letters) == len(invited) == 10
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(r.file for r in letters)
    for result in letters:  # every letter opens, and is addressed to its own invitee
        text = letter_text(tmp_path / result.file)
        assert result.recipient in text
        assert "{{" not in text and "{%" not in text
    assert not batch.failed


def test_fields_land_where_they_belong(sample_plan: CoalitionPlan, tmp_path: Path) -> None:
    batch = write_letters(sample_plan, tmp_path, OPTIONS)
    result = by_member(batch.results, "Denise Okafor")
    assert result.file == "Forest City Asset Builders - Denise Okafor.docx"

    lines = paragraphs(tmp_path / result.file)
    assert lines[0] == "May 4, 2026"
    assert lines[1] == (
        "Denise Okafor\nExecutive Director\nForest City Asset Builders\n410 Elm Street\n"
        "Forest City, OH 44101"
    )
    assert lines[2] == "Dear Ms. Okafor,"
    assert lines[-2:] == [
        "Sincerely,",
        "Maria Delgado\nDirector, Forest City Office of Economic Mobility\n"
        "mdelgado@forestcityoh.gov\n(216) 555-0142",
    ]
    header = docx.Document(str(tmp_path / result.file)).sections[0].header.paragraphs
    assert header[0].text == "Forest City Mobility Coalition"
    body = "\n".join(lines)
    # Part 1 matches, Part 4 notes turned to the reader, and never the private barriers notes.
    assert "Your work on financial security and housing stability" in body
    assert "You serve young people, residents with low incomes and people of color" in body
    assert "what you are already doing: Wealth-Building for All campaign." in body
    assert "We understand that you want to expand your wealth-building programming" in body
    # Two roles typed in one cell, as a list of their own.
    assert "here are the roles we have in mind for Forest City Asset Builders:" in body
    assert lines[lines.index(next(x for x in lines if x.startswith("As a starting"))) + 1 :][
        :2
    ] == [
        "Forest City AB director as champion",
        "Forest City AB data analyst as data team lead",
    ]
    # The partner's own priorities, and a way to answer.
    assert "shared goals for financial security, housing stability and our other priorities" in body
    assert "you can reach me at mdelgado@forestcityoh.gov or (216) 555-0142." in body
    assert "skeptical" not in body


def test_existing_and_new_partners_are_addressed_differently(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    batch = write_letters(sample_plan, tmp_path, OPTIONS)
    existing = letter_text(tmp_path / by_member(batch.results, "Denise Okafor").file)
    new = letter_text(tmp_path / by_member(batch.results, "Dr. Lena Park").file)

    assert "We have valued our partnership with Forest City Asset Builders" in existing
    assert "not yet worked closely together" not in existing
    assert "Although our organizations have not yet worked closely together" in new
    assert "valued our partnership" not in new


def test_a_row_with_nothing_to_personalize_still_reads_well(tmp_path: Path) -> None:
    plan = CoalitionPlan(invitees=[Invitee("Sam Lee", "Unlisted Org", "Kim Park")])
    batch = write_letters(plan, tmp_path, OPTIONS)

    lines = paragraphs(tmp_path / batch.results[0].file)
    assert lines[1] == "Sam Lee\nUnlisted Org"
    assert lines[2] == "Dear Sam Lee,"
    assert lines[3].startswith("I am writing to invite you to join the Mobility Coalition, a ")
    assert lines[4].startswith("Partners like you bring experience")
    assert not any(line.startswith(("Your work", "We see", "Although")) for line in lines)
    assert lines[-1] == "Kim Park"


def test_keep_informed_rows_get_the_update_letter_only_when_asked(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    without = write_letters(sample_plan, tmp_path / "a", OPTIONS)
    skipped = by_member(without.results, "Greg Walsh")
    assert skipped.outcome is Outcome.SKIPPED
    assert "--keep-informed" in skipped.reason

    with_flag = write_letters(sample_plan, tmp_path / "b", Options(date=DAY, keep_informed=True))
    update = by_member(with_flag.results, "Greg Walsh")
    assert update.letter == LetterKind.UPDATE
    text = letter_text(tmp_path / "b" / update.file)
    assert "I am writing to let you know about the Forest City Mobility Coalition" in text
    assert "invite you" not in text
    assert by_member(with_flag.results, "Ana Souza").reason.startswith("already accepted")


def test_only_and_only_sender_choose_letters_without_renaming_them(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    everyone = write_letters(sample_plan, tmp_path / "all", OPTIONS)
    karen = write_letters(
        sample_plan, tmp_path / "k", Options(date=DAY, only_senders=("karen liu",))
    )
    one = write_letters(
        sample_plan, tmp_path / "one", Options(date=DAY, only_organizations=("Bethel AME Church",))
    )

    names = {r.recipient: r.file for r in everyone.results}
    assert {r.recipient for r in karen.letters} == {"Aisha Rahman", "Dr. Samuel Okoye"}
    assert all(names[r.recipient] == r.file for r in karen.letters)
    assert [r.recipient for r in one.letters] == ["Rev. Calvin Moore"]
    assert one.left_out == len(sample_plan.invitees) - 1


# --- Re-runs and hand edits -----------------------------------------------------------------------


def test_a_rerun_leaves_hand_edited_letters_alone_unless_forced(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    first = write_letters(sample_plan, tmp_path, OPTIONS)
    edited = tmp_path / by_member(first.results, "Marcus Bell").file
    document = docx.Document(str(edited))
    document.add_paragraph("P.S. Great to see you at the tenants' meeting!")
    document.save(str(edited))
    edited_bytes = edited.read_bytes()

    again = write_letters(sample_plan, tmp_path, Options(date=DAY + dt.timedelta(days=1)))
    assert by_member(again.results, "Marcus Bell").outcome is Outcome.KEPT_EDITED
    assert edited.read_bytes() == edited_bytes
    assert by_member(again.results, "Denise Okafor").outcome is Outcome.WRITTEN  # new date
    assert any("edited by hand" in line for line in summary_lines(again))

    # Still protected on the run after: the manifest keeps the checksum coalition wrote.
    third = write_letters(sample_plan, tmp_path, OPTIONS)
    assert by_member(third.results, "Marcus Bell").outcome is Outcome.KEPT_EDITED

    forced = write_letters(sample_plan, tmp_path, Options(date=DAY, force=True))
    assert by_member(forced.results, "Marcus Bell").outcome is Outcome.REPLACED_EDITED
    assert "P.S." not in letter_text(edited)
    assert any("Overwrote 1 file edited by hand" in line for line in summary_lines(forced))


def test_a_rerun_with_nothing_new_rewrites_nothing(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    write_letters(sample_plan, tmp_path, OPTIONS)
    again = write_letters(sample_plan, tmp_path, OPTIONS)
    assert {r.outcome for r in again.letters} == {Outcome.UNCHANGED}


def test_a_file_coalition_did_not_write_is_kept(sample_plan: CoalitionPlan, tmp_path: Path) -> None:
    mine = tmp_path / "Bethel AME Church - Rev. Calvin Moore.docx"
    mine.write_bytes(b"my own letter")
    batch = write_letters(sample_plan, tmp_path, OPTIONS)
    assert by_member(batch.results, "Rev. Calvin Moore").outcome is Outcome.KEPT_FOREIGN
    assert mine.read_bytes() == b"my own letter"


def test_the_manifest_records_row_recipient_file_checksum_and_status(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    write_letters(sample_plan, tmp_path, OPTIONS)
    with (tmp_path / MANIFEST_NAME).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))

    assert len(rows) == len(sample_plan.invitees)
    written = [r for r in rows if r["status"] == "written"]
    assert len(written) == 10
    for row in written:
        data = (tmp_path / row["file"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
    accepted = next(r for r in rows if r["recipient"] == "Ana Souza")
    assert accepted["file"] == ""
    assert accepted["status"].startswith("skipped: already accepted")


def test_manifest_cells_cannot_become_formulas(tmp_path: Path) -> None:
    plan = CoalitionPlan(invitees=[Invitee('=HYPERLINK("http://x")', "+Org", "@me")])
    write_letters(plan, tmp_path, OPTIONS)
    text = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",'+Org," in text


@pytest.mark.parametrize("first", ["=", "+", "@", "-", "'", "'="])
def test_a_rerun_recognises_letters_whose_names_start_like_a_formula(
    tmp_path: Path, first: str
) -> None:
    """The manifest guards such names against spreadsheets with a leading apostrophe; reading it
    back once kept the apostrophe, so the next run called its own letter foreign and kept it."""
    organization = f"{first}Equity Now"
    plan = CoalitionPlan(
        partners=[Partner(organization, PartnerKind.EXISTING, "Nonprofit")],
        invitees=[Invitee(f"{first}Bo Reyes", organization, "Pat Lee", sender_title="Director")],
    )
    first_run = write_letters(plan, tmp_path, OPTIONS)
    (written,) = first_run.letters

    again = write_letters(plan, tmp_path, OPTIONS)

    assert [r.outcome for r in again.letters] == [Outcome.UNCHANGED]
    with (tmp_path / MANIFEST_NAME).open(encoding="utf-8-sig", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert read_manifest(tmp_path)[written.file].recipient == f"{first}Bo Reyes"
    assert not row["file"].startswith(("=", "+", "@", "-"))  # still safe in a spreadsheet
    plan.invitees[0].member_title = "Executive Director"  # a change: the letter is rewritten
    assert [r.outcome for r in write_letters(plan, tmp_path, OPTIONS).letters] == [Outcome.WRITTEN]


# --- File names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Forest City Asset Builders - Denise Okafor",
            "Forest City Asset Builders - Denise Okafor",
        ),
        ("../../etc/passwd - x", "etc-passwd - x"),
        ("..\\..\\Windows\\System32 - y", "Windows-System32 - y"),
        ('AC/DC: Live? <Now> | "Quoted" *', "AC-DC- Live - Now - Quoted"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("CONSOLE - Bo", "CONSOLE - Bo"),
        ("  trailing dots... ", "trailing dots"),
        (".hidden", "hidden"),
        ("..", "fallback"),
        ("Tab\there\nand line", "Tab here and line"),
        ("\u202etxt.exe", "txt.exe"),
        (" - Sam Lee", "Sam Lee"),
        ("Acme -  - ", "Acme"),
        ("Café – Zoë 🎉", "Café – Zoë 🎉"),
    ],
)
def test_safe_file_names(raw: str, expected: str) -> None:
    assert safe_stem(raw, "fallback") == expected


def test_long_names_are_bounded_in_bytes_without_breaking_characters() -> None:
    stem = safe_stem("組織" * 200, "x")
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert stem == "組織" * (len(stem) // 2)


def test_colliding_names_get_distinct_stable_names() -> None:
    named = [(4, "Acme - Jo Lee"), (5, "ACME - jo lee"), (9, "Acme - Jo Lee"), (10, "Other")]
    stems = unique_stems(named)
    assert stems == {
        4: "Acme - Jo Lee",
        5: "ACME - jo lee (row 5)",
        9: "Acme - Jo Lee (row 9)",
        10: "Other",
    }
    assert unique_stems(named) == stems
    # The tool's own outputs are never shadowed by a letter.
    assert unique_stems([(3, "manifest")]) == {3: "manifest (row 3)"}


def test_collisions_and_traversal_in_a_real_batch(tmp_path: Path) -> None:
    plan = CoalitionPlan(
        invitees=[
            Invitee("Jo", "../../outside", "S"),
            Invitee("Jo", "..\\..\\outside", "S"),
            Invitee("Jo", "/etc", "S"),
            Invitee("Jo", "Acme", "S"),
            Invitee("jo", "acme", "S"),
        ]
    )
    out = tmp_path / "letters"
    batch = write_letters(plan, out, OPTIONS)

    files = sorted(p.name for p in out.iterdir())
    assert sorted(r.file for r in batch.letters) == sorted(set(files) - {MANIFEST_NAME})
    assert len(batch.letters) == 5
    assert [p for p in tmp_path.rglob("*") if p.parent not in (tmp_path, out)] == []
    assert "acme - jo (row 5).docx" in files


def test_name_pattern(sample_plan: CoalitionPlan, tmp_path: Path) -> None:
    batch = write_letters(
        sample_plan, tmp_path, Options(date=DAY, name_pattern="{row} {sender} to {member}")
    )
    assert by_member(batch.results, "Mai Vang").file == "10 Maria Delgado to Mai Vang.docx"
    with pytest.raises(Exception, match=r"\{membr\}, which is not an invite-list field"):
        write_letters(sample_plan, tmp_path, Options(name_pattern="{membr}"))


# --- Values are data ------------------------------------------------------------------------------


def test_hostile_values_come_out_literally(tmp_path: Path) -> None:
    plan = CoalitionPlan(
        community="Sports & Social <Club>",
        invitees=[
            Invitee(
                member='Ana "Nana" O\'Neil 🎉',
                organization="{{ 7*7 }} & {% raw %} <Network>",
                sender="مريم الحسيني",
                sender_title="Chair\tשלום",
                salutation="Ms.\x00 O'Neil\x1b",
                mailing_address="1 Main St\nApt 2\r\nForest City",
            )
        ],
    )
    batch = write_letters(plan, tmp_path, OPTIONS)
    path = tmp_path / batch.results[0].file
    lines = paragraphs(path)

    assert lines[1] == (
        'Ana "Nana" O\'Neil 🎉\n{{ 7*7 }} & {% raw %} <Network>\n1 Main St\nApt 2\nForest City'
    )
    assert lines[2] == "Dear Ms. O'Neil,"
    assert lines[-1] == "مريم الحسيني\nChair\tשלום"
    text = letter_text(path)
    assert "Sports & Social <Club> Mobility Coalition" in text
    assert "49" not in text
    assert batch.results[0].file == "{{ 7-7 }} & {% raw %} -Network - Ana -Nana- O'Neil 🎉.docx"


def test_an_undefined_field_fails_that_row_and_the_batch_goes_on(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    template = make_template(
        tmp_path / "first-asset.docx", ["Dear {{ member }},", "{{ matching.groups[0] }}"]
    )
    out = tmp_path / "out"
    batch = write_letters(sample_plan, out, Options(date=DAY, template=template))

    failed = batch.having(Outcome.FAILED)
    # The Chamber serves no priority group, the Policy Lab no population at all.
    assert [r.recipient for r in failed] == ["Harold Brooks", "Aisha Rahman"]
    assert "word/document.xml, paragraph 2" in failed[0].reason
    assert len(batch.having(Outcome.WRITTEN)) == 8
    assert batch.failed
    assert not (out / failed[0].file).exists()


def test_an_unknown_field_stops_before_any_letter_is_written(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    from generator.common.errors import TemplateError

    template = make_template(tmp_path / "t.docx", ["Dear {{ salutaton }},"])
    with pytest.raises(TemplateError, match="did you mean \u201csalutation\u201d"):
        write_letters(sample_plan, tmp_path / "out", Options(template=template))
    assert not (tmp_path / "out").exists()


# --- The context and the field reference ----------------------------------------------------------


def test_the_context_has_exactly_the_documented_fields(sample_plan: CoalitionPlan) -> None:
    context = letter_context(sample_plan.invitees[0], PlanIndex(sample_plan), today=DAY)
    documented = schema()
    assert set(context) == set(documented)
    for name, members in documented.items():
        if members is not None:
            assert set(context[name]) == members, name


def test_matching_keeps_only_what_part1_chose() -> None:
    plan = CoalitionPlan(
        partners=[
            Partner(
                "Acme",
                PartnerKind.POTENTIAL,
                populations=["Young people", "Middle-class residents", "Other"],
                domains=["Digital access", "Neonatal health"],
                assets=["Staff capacity", "Other"],
            )
        ],
        benefits=[Benefit("ACME", roles="Lead"), Benefit("acme ", roles="Host")],
    )
    from generator.plan.model import Choice

    plan.needs.groups = [Choice("Young people"), Choice("Other", "Veterans")]
    plan.needs.areas = [Choice("Digital access")]
    plan.needs.assets = [Choice("Other", "Money")]
    context = letter_context(Invitee("Jo", "acme", "S"), PlanIndex(plan), today=DAY)

    assert context["matching"] == {
        "groups": ["Young people"],
        "areas": ["Digital access"],
        "assets": [],
    }
    assert context["is_new_partner"] and not context["is_existing_partner"]
    assert context["benefit"]["roles"] == "Lead; Host"
    assert context["partner"]["kind"] == "potential"


def test_own_columns_reach_the_letter(tmp_path: Path) -> None:
    plan = CoalitionPlan(
        partners=[Partner("Acme", PartnerKind.EXISTING, extra={"Board liaison": "Dee"})],
        benefits=[Benefit("Acme", extra={"Budget": "$5k"}), Benefit("Acme", extra={"Budget": "x"})],
        invitees=[Invitee("Jo", "Acme", "S", extra={"Nickname": "JJ"})],
    )
    template = make_template(
        tmp_path / "t.docx",
        ['{{ extra["Nickname"] }} {{ partner.extra["Board liaison"] }} {{ benefit.extra.Budget }}'],
    )
    batch = write_letters(plan, tmp_path / "out", Options(date=DAY, template=template))
    assert paragraphs(tmp_path / "out" / batch.results[0].file) == ["JJ Dee $5k"]
    nobody = letter_context(Invitee("Al", "Unknown", "S"), PlanIndex(plan), today=DAY)
    assert nobody["partner"]["extra"] == {} and nobody["benefit"]["extra"] == {}


def test_letter_filters() -> None:
    assert you_clause("They want to reach more of their families.") == (
        "you want to reach more of your families"
    )
    assert you_clause("They're keen; THEY said so.") == "you're keen; YOU said so"
    assert you_clause("Their hiring needs.") == ""
    assert you_clause("A seat at the table.") == ""
    assert lower_first("English-language learners") == "English-language learners"
    assert lower_first("Middle-class residents") == "middle-class residents"
    assert lower_first("HUD programs") == "HUD programs"
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_and(["Research and analytical capacity", "Convening power"]) == (
        "Research and analytical capacity; and Convening power"
    )


# --- The command ----------------------------------------------------------------------------------


def test_letters_command_writes_and_summarizes(sample_workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    result = CliRunner().invoke(
        main, ["letters", str(sample_workbook), "-o", str(out), "--date", "2026-05-04"]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote 10 letters to {out}." in result.output
    assert "row 17  Ana Souza, Digital Bridges Forest City: already accepted" in result.output
    assert "Writing letters" not in result.output  # no progress bar when not on a terminal
    assert (out / MANIFEST_NAME).exists()


def test_letters_command_exits_1_when_a_row_fails(sample_workbook: Path, tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{{ matching.groups[0] }}"])
    result = CliRunner().invoke(
        main,
        ["letters", str(sample_workbook), "-o", str(tmp_path / "o"), "--template", str(template)],
    )
    assert result.exit_code == 1
    assert "Failed 2 rows:" in result.output
    assert "Wrote 8 letters" in result.output


def test_letters_command_stops_on_workbook_errors(
    sample_plan: CoalitionPlan, make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    sample_plan.invitees[0].member = ""
    workbook = make_workbook(sample_plan)
    out = tmp_path / "out"
    refused = CliRunner().invoke(main, ["letters", str(workbook), "-o", str(out)])
    assert refused.exit_code == 1
    assert "no letters were written" in refused.output
    assert not out.exists()

    allowed = CliRunner().invoke(main, ["letters", str(workbook), "-o", str(out), "--allow-errors"])
    assert allowed.exit_code == 0, allowed.output


def test_letters_command_rejects_an_unknown_only(sample_workbook: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["letters", str(sample_workbook), "-o", str(tmp_path), "--only", "Bethel Church"]
    )
    assert result.exit_code == 2
    assert "Did you mean \u201cBethel AME Church\u201d?" in result.output


@pytest.mark.libreoffice
def test_every_sample_letter_converts_to_a_one_page_pdf(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    batch = write_letters(sample_plan, tmp_path, Options(date=DAY, keep_informed=True))
    soffice = shutil.which("soffice") or "soffice"
    files = [str(tmp_path / r.file) for r in batch.letters]
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *files],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(files) == 12
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdfinfo"):
            assert _pages(pdf) == 1, pdf.name


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


# --- PDFs, printing and drafts --------------------------------------------------------------------


def test_drafts_attach_each_letter_and_rows_without_email_are_noted(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    import email
    from email import policy

    batch = write_letters(sample_plan, tmp_path, OPTIONS)
    deliver(batch, sample_plan, eml=True)

    drafts = sorted(tmp_path.glob("*.eml"))
    assert len(drafts) == 8  # two invitees have no email address
    assert any("Marcus Bell" in note and "no email" in note for note in batch.notes)
    message = email.message_from_bytes(
        (tmp_path / "Forest City Asset Builders - Denise Okafor.eml").read_bytes(),
        policy=policy.default,
    )
    assert message["To"] == "Denise Okafor <dokafor@fcassetbuilders.org>"
    assert message["From"] == "Maria Delgado <mdelgado@forestcityoh.gov>"
    assert message["Subject"] == "Invitation to join the Forest City Mobility Coalition"
    note = message.get_body().get_content().replace("\r\n", "\n")
    assert note.startswith("Dear Ms. Okafor,\n\nI am writing to invite you to join the Forest City")
    assert "Your work on financial security and housing stability is close to the heart" in note
    assert "I hope Forest City Asset Builders will be part of it" in note
    assert "You can reach me at mdelgado@forestcityoh.gov or (216) 555-0142." in note
    assert note.endswith(
        "With best regards,\nMaria Delgado\nDirector, Forest City Office of Economic Mobility\n"
        "mdelgado@forestcityoh.gov \u00b7 (216) 555-0142\n"
    )
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "Forest City Asset Builders - Denise Okafor.docx"
    assert not batch.failed


def test_a_missing_libreoffice_is_reported_after_the_letters(
    sample_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["letters", str(sample_workbook), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert "Wrote 10 letters" in result.output
    assert "Problem: COALITION_SOFFICE is set to" in result.output
    assert len(list(out.glob("*.docx"))) == 10


def test_for_printing_each_letter_keeps_its_own_letterhead_grouped_by_sender(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Letter to {{ member }}"
    document.sections[0].footer.paragraphs[0].text = "Signed {{ sender }}"
    document.add_paragraph("Dear {{ member }},")
    document.save(str(tmp_path / "mine.docx"))
    out = tmp_path / "out"
    batch = write_letters(sample_plan, out, Options(date=DAY, template=tmp_path / "mine.docx"))
    deliver(batch, sample_plan, combined=True)

    assert not batch.problems
    combined = docx.Document(str(out / "All letters (for printing).docx"))
    headers = [s.header.paragraphs[0].text for s in combined.sections]
    footers = [s.footer.paragraphs[0].text for s in combined.sections]
    by_row = {r.row: r.recipient for r in batch.letters}
    senders = {i.member: i.sender for i in sample_plan.invitees}
    members = [h.removeprefix("Letter to ") for h in headers]
    assert sorted(members) == sorted(by_row.values())
    assert footers == [f"Signed {senders[m]}" for m in members]
    assert [senders[m] for m in members] == sorted(
        (senders[m] for m in members), key=str.casefold
    )  # grouped by sender, alphabetically
    karen = docx.Document(str(out / "Letters from Karen Liu (for printing).docx"))
    assert [s.header.paragraphs[0].text for s in karen.sections] == [
        "Letter to Aisha Rahman",
        "Letter to Dr. Samuel Okoye",
    ]
    assert sorted(batch.extras) == sorted(
        [
            "All letters (for printing).docx",
            "Letters from Council Member James Whitfield (for printing).docx",
            "Letters from Karen Liu (for printing).docx",
            "Letters from Maria Delgado (for printing).docx",
        ]
    )
    assert any(
        "All letters (for printing).docx and 3 documents for printing (one per sender)" in line
        for line in summary_lines(batch)
    )


@pytest.mark.libreoffice
def test_pdf_and_combined_for_printing(sample_plan: CoalitionPlan, tmp_path: Path) -> None:
    batch = write_letters(sample_plan, tmp_path, OPTIONS)
    deliver(batch, sample_plan, pdf=True, combined=True)

    assert not batch.problems
    # Ten letters, all of them for printing, and one document for each of the three senders.
    assert len(list(tmp_path.glob("*.pdf"))) == 14
    combined = docx.Document(str(tmp_path / "All letters (for printing).docx"))
    text = "\n".join(p.text for p in combined.paragraphs)
    assert text.count("Sincerely,") == 10
    if shutil.which("pdfinfo"):
        assert _pages(tmp_path / "All letters (for printing).pdf") == 10
        assert _pages(tmp_path / "Letters from Karen Liu (for printing).pdf") == 2
