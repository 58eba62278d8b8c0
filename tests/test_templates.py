"""Templates as a feature: the defaults, exporting them, and checking a user's own."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from test_render import make_template

from generator.cli import main
from generator.common.errors import OutputError, TemplateError
from generator.letters.context import LetterKind, default_template, letter_environment
from generator.letters.fields import reference, schema
from generator.letters.templates import FIELDS_NAME, check_template, export_templates
from generator.plan.model import CoalitionPlan
from generator.word.batch import DocxRenderer


@pytest.mark.parametrize("kind", list(LetterKind))
def test_default_templates_use_only_known_fields(kind: LetterKind) -> None:
    renderer = DocxRenderer(default_template(kind), schema=schema(), env=letter_environment())
    assert {"member", "sender", "today", "coalition.name"} <= set(renderer.fields)
    # The Part 4 barriers are the convener's own notes, never a letter's.
    assert "benefit.barriers" not in renderer.fields


def test_the_default_templates_are_built_by_the_committed_script(tmp_path: Path) -> None:
    import importlib.util

    script = default_template().parent / "build_letter_templates.py"
    spec = importlib.util.spec_from_file_location("build_letter_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def body(path: Path) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]

    for kind, build in (
        (LetterKind.INVITATION, module.invitation),
        (LetterKind.UPDATE, module.update),
    ):
        rebuilt = tmp_path / f"{kind.value}.docx"
        module.slim(build()).save(str(rebuilt))
        assert body(rebuilt) == body(default_template(kind))


def test_export_copies_templates_and_the_field_reference(tmp_path: Path) -> None:
    written = export_templates(tmp_path)
    assert sorted(p.name for p in written) == [FIELDS_NAME, "letter.docx", "update-letter.docx"]
    assert (tmp_path / "letter.docx").read_bytes() == default_template().read_bytes()
    fields_md = (tmp_path / FIELDS_NAME).read_text(encoding="utf-8")
    for doc in reference():
        assert f"| `{doc.name}` |" in fields_md
    assert "`you_clause`" in fields_md and "`join_and`" in fields_md
    # The reference is derived from the worksheet's own prompts, not written by hand.
    assert "The person to invite (first and last name)." in fields_md

    with pytest.raises(OutputError, match="--force"):
        export_templates(tmp_path)
    assert export_templates(tmp_path, force=True) == written


def test_every_field_is_described_and_examples_sit_on_their_own_field() -> None:
    docs = {doc.name: doc for doc in reference()}
    assert [name for name, doc in docs.items() if not doc.description] == []
    assert docs["partner.domains"].example == "Financial security, housing stability"
    assert docs["benefit.roles"].example.startswith("Forest City AB director as champion")
    assert docs["partner.other_populations"].example == ""


def test_every_model_field_is_in_the_reference() -> None:
    import dataclasses

    from generator.letters.fields import INTERNAL
    from generator.plan.model import Benefit, Invitee, Partner

    names = {doc.name for doc in reference()}
    for cls, prefix in ((Invitee, ""), (Partner, "partner."), (Benefit, "benefit.")):
        for f in dataclasses.fields(cls):
            if f.name not in INTERNAL:
                assert prefix + f.name in names


def test_check_lists_fields_and_flags_unknown_ones(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "mine.docx",
        ["Dear {{ salutaton }},", "{{ partner.asets | join_and }} {{ organization }}"],
    )
    result = check_template(template)
    assert result.fields == ["salutaton", "partner.asets", "organization"]
    assert [(use.name, hint) for use, hint in result.unknown] == [
        ("salutaton", "salutation"),
        ("partner.asets", "partner.assets"),
    ]
    assert not result.ok


def test_check_with_a_workbook_shows_empty_fields_and_failures(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    template = make_template(
        tmp_path / "t.docx", ["{{ mailing_address }}", "{{ email }}", "{{ matching.groups[0] }}"]
    )
    result = check_template(template, sample_plan)

    assert result.letters == 10
    rows = {row.recipient: row for row in result.rows}
    assert rows["Marcus Bell"].empty == ["mailing_address", "email"]
    assert rows["Aisha Rahman"].error  # serves no population: matching.groups[0] fails
    assert "Denise Okafor" not in rows  # every field filled
    assert not result.ok


def test_a_template_edited_in_word_with_split_tags_checks_clean(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "word.docx",
        [["Dear {{ sal", "utation }", "},"], ["{%", "p if is_existing_partner %}"], ["Thanks!"],
         ["{%p endif %", "}"]],
    )  # fmt: skip
    result = check_template(template)
    assert result.ok
    assert result.fields == ["salutation", "is_existing_partner"]


def test_check_reports_a_syntax_error_as_one_sentence(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx", ["{% if member %}no end"])
    with pytest.raises(TemplateError, match=r"t\.docx: has a template error in word/document"):
        check_template(template)


def test_templates_commands(sample_workbook: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    exported = runner.invoke(main, ["templates", "export", str(tmp_path / "mine")])
    assert exported.exit_code == 0, exported.output
    assert "FIELDS.md" in exported.output

    checked = runner.invoke(
        main, ["templates", "check", str(tmp_path / "mine" / "letter.docx"), str(sample_workbook)]
    )
    assert checked.exit_code == 0, checked.output
    assert "Tried the letters of 10 invite-list rows" in checked.output
    assert "row 9 (Marcus Bell, Mayfield Tenants Union) leaves empty: mailing_address" in (
        checked.output
    )

    bad = make_template(tmp_path / "bad.docx", ["{{ membr }}"])
    flagged = runner.invoke(main, ["templates", "check", str(bad)])
    assert flagged.exit_code == 1
    assert "did you mean \u201cmember\u201d?" in flagged.output

    broken = make_template(tmp_path / "broken.docx", ["{{ member "])
    refused = runner.invoke(main, ["templates", "check", str(broken)])
    assert refused.exit_code == 2
    assert refused.output.startswith("Error: ")


@pytest.mark.parametrize(
    ("paragraphs", "exit_code", "expected"),
    [
        (['{{ extra["Board liaison"] }}'], 1, "would fail on every row: word/document.xml"),
        (["{{ member.__class__ }}"], 1, "would fail on every row: does something templates may"),
        (["{{ partner.asets }}"], 1, "did you mean \u201cpartner.assets\u201d?"),
        (["{{ sender_name }}"], 1, "did you mean \u201csender\u201d?"),
        (["{{ matching.groups[0] }}"], 1, "a row with nothing but a name and a sender"),
        (['{% include "other.docx" %}'], 2, "which needs another template file"),
        (["{% if member %}", "{{ member }}"], 2, "\u201c{% if member %}\u201d): Unexpected end"),
        (["{{ member | uppr }}"], 2, "No filter named 'uppr' (did you mean \u201cupper\u201d?)"),
    ],
)
def test_check_without_a_workbook_finds_what_fails_on_any_row(
    tmp_path: Path, paragraphs: list[str], exit_code: int, expected: str
) -> None:
    template = make_template(tmp_path / "mine.docx", ["Dear {{ member }},", *paragraphs])
    result = CliRunner().invoke(main, ["templates", "check", str(template)])
    assert result.exit_code == exit_code, result.output
    assert expected in result.output
    assert ".." not in result.output.replace("\u2026", "")
    assert "Internal error" not in result.output


def test_a_sample_row_that_fails_is_named_once_with_the_rows_it_hits(tmp_path: Path) -> None:
    from generator.demo.sample import load_plan, sample_dir
    from generator.letters.templates import describe

    template = make_template(tmp_path / "t.docx", ["{{ matching.groups[0] }}"])
    plan = load_plan(sample_dir() / "forest-city.toml")
    lines = describe(check_template(template, plan, sample=True))
    failing = [line for line in lines if "would fail on" in line]
    assert len(failing) == 1
    assert "3 rows (Harold Brooks, Aisha Rahman and the bare row)" in failing[0]
    assert "the bare row" in failing[0]
    assert "has no value for this row" in failing[0]
