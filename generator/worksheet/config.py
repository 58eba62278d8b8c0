"""A coalition's own option lists, from a TOML file, merged onto the declared worksheet.

community = "Forest City"
return_to = "Maria Delgado <mdelgado@forestcity.gov>"   # who gets the filled copies back
due = 2027-01-15                                        # by when

[lists]
other = "Something else"                 # rename "Other" everywhere
organization_types = ["City department", "Nonprofit", "Other"]   # replace a list

[lists.add]
organization_types = ["Tribal government"]                       # or add to it

[lists.areas]                            # areas are given by pillar
"Rewarding Work" = ["Employment opportunities", "Jobs paying living wages"]
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.common.errors import ConfigError
from generator.common.fileio import require_regular_file
from generator.worksheet import DEFAULT_VOCABULARY, Vocabulary
from generator.worksheet.limits import LIMITS

#: Lists a coalition may replace or extend. Statuses are not among them: letters and reports
#: give each status a meaning.
EDITABLE_LISTS = ("groups", "assets", "organization_types")

#: Characters an option may not contain, because readers split multi-valued cells on them.
SEPARATORS = (",", ";", "\n")
MAX_OPTION_LENGTH = LIMITS.max_option_length
#: Every list at its longest, with every option at its longest, is under 200 KB of TOML.
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Config:
    vocabulary: Vocabulary = DEFAULT_VOCABULARY
    community: str = ""
    return_to: str = ""
    due: dt.date | None = None


def load_config(path: Path | None) -> Config:
    """Read a coalition's TOML file; ``None`` gives the worksheet's own lists."""
    if path is None:
        return Config()
    require_regular_file(Path(path), ConfigError, missing="config file", what="a TOML config file")
    if Path(path).stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"is over {MAX_CONFIG_BYTES // 1024} KB, far more than option lists need; is it the "
            "right file?",
            path,
        )
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such config file.", path) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a TOML config file.", path) from None
    except UnicodeDecodeError:
        raise ConfigError("is not a UTF-8 text file.", path) from None
    except OSError as error:  # permissions, a vanished network drive
        raise ConfigError(f"cannot be read ({error.strerror}).", path) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"is not valid TOML ({error}).", path) from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | str = "config") -> Config:
    unknown = set(data) - {"community", "return_to", "due", "lists"}
    if unknown:
        raise ConfigError(
            f"unknown setting {sorted(unknown)[0]!r} (expected community, return_to, due, lists).",
            path,
        )
    community = data.get("community", "")
    if not isinstance(community, str):
        raise ConfigError("community must be text.", path)
    return_to = data.get("return_to", "")
    if not isinstance(return_to, str) or "\n" in return_to.strip():
        raise ConfigError("return_to must be one line of text (a name, an address).", path)
    due = data.get("due")
    if isinstance(due, str):
        try:
            due = dt.date.fromisoformat(due.strip())
        except ValueError:
            raise ConfigError(f"due {due!r} is not a date; write it as 2027-01-15.", path) from None
    if due is not None and (not isinstance(due, dt.date) or isinstance(due, dt.datetime)):
        raise ConfigError(f"due {due!r} is not a date; write it as 2027-01-15.", path)
    lists = data.get("lists", {})
    if not isinstance(lists, dict):
        raise ConfigError("[lists] must be a table.", path)
    allowed = {*EDITABLE_LISTS, "areas", "other", "add"}
    unknown = set(lists) - allowed
    if unknown:
        raise ConfigError(
            f"unknown list {sorted(unknown)[0]!r} in [lists] (expected one of "
            f"{', '.join(sorted(allowed))}).",
            path,
        )

    vocabulary = DEFAULT_VOCABULARY
    changes: dict[str, Any] = {}
    for key in EDITABLE_LISTS:
        if key in lists:
            changes[key] = _options(lists[key], f"lists.{key}", path)
    if "areas" in lists:
        pillars = lists["areas"]
        if not isinstance(pillars, dict) or not pillars:
            raise ConfigError("[lists.areas] must map each pillar to a list of areas.", path)
        changes["pillars"] = {
            _option(pillar, "a pillar in lists.areas", path): _options(
                areas, f"lists.areas.{pillar}", path
            )
            for pillar, areas in pillars.items()
        }
    vocabulary = replace(vocabulary, **changes)
    if "other" in lists:
        # After the replacements, so that a replaced list's "Other" is renamed as well.
        vocabulary = vocabulary.with_other(_option(lists["other"], "lists.other", path))

    additions = lists.get("add", {})
    if not isinstance(additions, dict):
        raise ConfigError("[lists.add] must be a table.", path)
    for key, extra in additions.items():
        if key not in EDITABLE_LISTS:
            raise ConfigError(
                f"[lists.add] can extend {', '.join(EDITABLE_LISTS)}, not {key!r}.", path
            )
        current = getattr(vocabulary, key)
        added = _options(extra, f"lists.add.{key}", path)
        # Keep "Other" last, where people look for it.
        head = tuple(o for o in current if o != vocabulary.other)
        tail = (vocabulary.other,) if vocabulary.other in current else ()
        vocabulary = replace(vocabulary, **{key: _unique(head + added + tail, key, path)})

    for key in (*EDITABLE_LISTS, "areas"):
        _unique(vocabulary.options(key), key, path)
    return Config(
        vocabulary=vocabulary, community=community.strip(), return_to=return_to.strip(), due=due
    )


def _option(value: Any, where: str, path: Path | str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be non-empty text, not {value!r}.", path)
    value = " ".join(value.split())
    if any(sep in value for sep in SEPARATORS):
        raise ConfigError(
            f"{where}: option {value!r} contains a comma or semicolon, which the reader uses to "
            "separate several answers in one cell.",
            path,
        )
    if len(value) > MAX_OPTION_LENGTH:
        raise ConfigError(
            f"{where}: option {value[:40]!r}... is over {MAX_OPTION_LENGTH} characters.", path
        )
    return value


def _options(values: Any, where: str, path: Path | str) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise ConfigError(f"{where} must be a non-empty list of text.", path)
    return _unique(tuple(_option(v, where, path) for v in values), where, path)


def _unique(options: tuple[str, ...], where: str, path: Path | str) -> tuple[str, ...]:
    if len(options) > LIMITS.max_options:
        raise ConfigError(
            f"{where} has {len(options):,} options, more than the {LIMITS.max_options} a list may "
            "hold.",
            path,
        )
    seen: set[str] = set()
    for option in options:
        if option.casefold() in seen:
            raise ConfigError(f"{where} lists {option!r} twice.", path)
        seen.add(option.casefold())
    return options
