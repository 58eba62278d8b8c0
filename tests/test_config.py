"""A coalition's own option lists, from the TOML file given with --config."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import generator.worksheet.config
from generator.common.errors import ConfigError
from generator.worksheet import ASSETS, DEFAULT_VOCABULARY, GROUPS, ORGANIZATION_TYPES, STATUSES
from generator.worksheet.config import load_config, parse_config


def write(tmp_path: Path, text: str, name: str = "coalition.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_gives_the_worksheets_own_lists() -> None:
    config = load_config(None)
    assert config.vocabulary == DEFAULT_VOCABULARY
    assert config.community == ""


def test_the_documented_example_reads_as_documented(tmp_path: Path) -> None:
    # The module's docstring is the format's reference; keep it a working example.
    example = generator.worksheet.config.__doc__.split("\n", 2)[2]
    config = load_config(write(tmp_path, example))
    vocabulary = config.vocabulary
    assert config.community == "Forest City"
    assert vocabulary.organization_types == (
        "City department",
        "Nonprofit",
        "Tribal government",
        "Something else",
    )
    assert vocabulary.groups[-1] == vocabulary.assets[-1] == "Something else"
    assert vocabulary.other == "Something else"
    assert vocabulary.pillars == {
        "Rewarding Work": ("Employment opportunities", "Jobs paying living wages")
    }
    assert vocabulary.pillar_of("Jobs paying living wages") == "Rewarding Work"


def test_added_options_go_before_other_which_stays_last() -> None:
    config = parse_config({"lists": {"add": {"organization_types": ["Tribal government"]}}})
    assert config.vocabulary.organization_types == (
        *ORGANIZATION_TYPES[:-1],
        "Tribal government",
        "Other",
    )
    assert config.vocabulary.groups == GROUPS  # the other lists are untouched


def test_renaming_other_renames_it_in_every_list_that_has_it() -> None:
    vocabulary = parse_config({"lists": {"other": "Not listed"}}).vocabulary
    for options in (vocabulary.groups, vocabulary.assets, vocabulary.organization_types):
        assert options[-1] == "Not listed"
        assert "Other" not in options
    assert len(vocabulary.groups) == len(GROUPS) and len(vocabulary.assets) == len(ASSETS)


def test_a_replaced_list_is_used_as_given() -> None:
    vocabulary = parse_config({"lists": {"groups": ["Veterans", "Seniors"]}}).vocabulary
    assert vocabulary.groups == ("Veterans", "Seniors")


def test_statuses_and_the_mark_belong_to_the_tool() -> None:
    with pytest.raises(ConfigError, match="unknown list 'statuses'"):
        parse_config({"lists": {"statuses": ["Maybe"]}})
    with pytest.raises(ConfigError, match=r"can extend groups, assets, organization_types"):
        parse_config({"lists": {"add": {"statuses": ["Maybe"]}}})
    assert DEFAULT_VOCABULARY.statuses == STATUSES


def test_option_text_is_tidied_and_the_community_trimmed() -> None:
    config = parse_config(
        {"community": "  Forest City ", "lists": {"groups": ["  Older   adults "]}}
    )
    assert config.community == "Forest City"
    assert config.vocabulary.groups == ("Older adults",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": "blue"}, "unknown setting 'colour'"),
        ({"community": 7}, "community must be text"),
        ({"lists": ["groups"]}, r"\[lists\] must be a table"),
        ({"lists": {"groups": "Veterans"}}, "lists.groups must be a non-empty list of text"),
        ({"lists": {"groups": []}}, "lists.groups must be a non-empty list of text"),
        ({"lists": {"groups": [""]}}, "must be non-empty text"),
        ({"lists": {"groups": [3]}}, "must be non-empty text, not 3"),
        ({"lists": {"groups": ["Youth, young adults"]}}, "contains a comma or semicolon"),
        ({"lists": {"groups": ["Youth; young adults"]}}, "contains a comma or semicolon"),
        ({"lists": {"groups": ["x" * 256]}}, "over 255 characters"),
        ({"lists": {"groups": ["Veterans", "veterans"]}}, "lists 'veterans' twice"),
        ({"lists": {"add": {"organization_types": ["nonprofit"]}}}, "'nonprofit' twice"),
        ({"lists": {"other": "Nonprofit"}}, "'Nonprofit' twice"),
        ({"lists": {"areas": ["Housing"]}}, "must map each pillar to a list of areas"),
        ({"lists": {"areas": {"Work": ["Jobs"], "Pay": ["jobs"]}}}, "'jobs' twice"),
        ({"lists": {"add": ["Veterans"]}}, r"\[lists.add\] must be a table"),
        ({"lists": {"add": {"areas": ["Parks"]}}}, r"can extend .*, not 'areas'"),
        ({"lists": {"other": ""}}, "lists.other must be non-empty text"),
    ],
)
def test_a_wrong_setting_is_one_sentence_naming_the_file(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_config(data, "coalition.toml")
    text = str(caught.value)
    assert text.startswith("coalition.toml: ")
    assert text.endswith(".") and "\n" not in text
    assert caught.value.exit_code == 2


def test_a_file_that_is_not_toml_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, "[lists]\ngroups = [Veterans]\n")
    with pytest.raises(ConfigError, match=r"is not valid TOML \(.*line 2") as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_a_missing_file_a_folder_or_binary_text_says_why(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('community = "Bogotá"'.encode("latin-1"))
    for path, message in [
        (tmp_path / "missing.toml", "no such config file"),
        (tmp_path, "is a folder, not a TOML config file"),
        (latin1, "is not a UTF-8 text file"),
    ]:
        with pytest.raises(ConfigError, match=message) as caught:
            load_config(path)
        assert str(caught.value).startswith(f"{path}: ")


def test_a_config_with_only_a_community_keeps_the_worksheets_lists(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'community = "Summit County, OH"\n'))
    assert config.community == "Summit County, OH"
    assert config.vocabulary == DEFAULT_VOCABULARY


def test_whom_to_return_the_workbook_to_and_by_when() -> None:
    config = parse_config({"return_to": " Maria Delgado <md@city.gov> ", "due": "2027-01-15"})

    assert config.return_to == "Maria Delgado <md@city.gov>"
    assert config.due == dt.date(2027, 1, 15)
    assert parse_config({"due": dt.date(2027, 1, 15)}).due == dt.date(2027, 1, 15)  # TOML's own


@pytest.mark.parametrize("due", ["2027-13-01", "next Friday", 15])
def test_a_due_date_that_is_not_a_date_is_named(due: object) -> None:
    with pytest.raises(ConfigError, match="is not a date; write it as 2027-01-15"):
        parse_config({"due": due})
