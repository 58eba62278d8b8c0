"""`letters --only-sender`, `--only` and `--name` that fit nothing say so, with the nearest."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def letters(workbook: Path, folder: Path, *options: str):
    return CliRunner().invoke(main, ["letters", str(workbook), "-o", str(folder), *options])


def test_filters_that_together_match_nothing_say_so_and_suggest_the_sender(
    sample_workbook: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"

    result = letters(
        sample_workbook,
        folder,
        "--only-sender",
        "Maria Delgado",
        "--only",
        "Great Lakes Policy Lab",
    )

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: --only-sender \u201cMaria Delgado\u201d and --only \u201cGreat Lakes Policy "
        "Lab\u201d together match no row of the invite list. Did you mean --only-sender "
        "\u201cKaren Liu\u201d?"
    )
    assert "No invite-list row asks for a letter" not in result.output
    assert not folder.exists()


def test_filters_that_together_match_a_row_write_its_letter(
    sample_workbook: Path, tmp_path: Path
) -> None:
    result = letters(
        sample_workbook,
        tmp_path / "letters",
        "--only-sender",
        "Karen Liu",
        "--only",
        "Great Lakes Policy Lab",
    )

    assert result.exit_code == 0, result.output
    assert "Wrote 1 letter to" in result.output


def test_a_sender_that_is_not_on_the_list_gets_the_nearest_name(
    sample_workbook: Path, tmp_path: Path
) -> None:
    result = letters(sample_workbook, tmp_path / "letters", "--only-sender", "Maria Delgato")

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: --only-sender \u201cMaria Delgato\u201d matches no sender on the invite list. "
        "Did you mean \u201cMaria Delgado\u201d?"
    )


def test_a_misspelt_field_of_the_name_pattern_gets_the_nearest_field(
    sample_workbook: Path, tmp_path: Path
) -> None:
    result = letters(sample_workbook, tmp_path / "letters", "--name", "{organisation}")

    assert result.exit_code == 2
    last = result.output.splitlines()[-1]
    assert last.startswith("Error: the file-name pattern (--name) uses {organisation}, which is")
    assert last.endswith("Did you mean {organization}?")
    assert not (tmp_path / "letters").exists()
