"""Build a filled workbook from readable data (TOML), so the sample can be regenerated at will.

python -m generator.demo.sample sample_workbooks/forest-city.toml sample_workbooks/forest-city.xlsx
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from generator.common.bundled import bundled_folder
from generator.common.errors import CoalitionError, ConfigError
from generator.plan.model import (
    Benefit,
    Choice,
    CoalitionPlan,
    Invitee,
    Needs,
    Partner,
    PartnerKind,
)
from generator.worksheet import CHECKLIST_KEYS, DEFAULT_VOCABULARY, Status

SAMPLE_NAME = "forest-city"


def sample_dir() -> Path:
    """The bundled samples: inside the installed package, or at the top of a checkout."""
    return bundled_folder("sample_workbooks")


def sample_workbook() -> Path:
    return sample_dir() / f"{SAMPLE_NAME}.xlsx"


def load_plan(path: Path) -> CoalitionPlan:
    """A plan from a TOML description (see sample_workbooks/forest-city.toml)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot be read as TOML ({error}).", path) from None
    try:
        return _plan(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(
            f"does not describe a plan ({type(error).__name__}: {error}).", path
        ) from None


def _plan(data: dict[str, Any]) -> CoalitionPlan:
    part1 = data.get("part1", {})
    details: dict[str, str] = part1.get("details", {})
    needs = Needs(
        **{
            key: [Choice(label, details.get(label, "")) for label in part1.get(key, [])]
            for key in CHECKLIST_KEYS
        }
    )
    partners = [
        _partner(entry, kind)
        for section, kind in (
            ("existing", PartnerKind.EXISTING),
            ("potential", PartnerKind.POTENTIAL),
        )
        for entry in data.get(section, [])
    ]
    benefits = [Benefit(**entry) for entry in data.get("benefits", [])]
    invitees = [
        Invitee(**{**entry, "status": Status(entry.get("status", Status.INVITE.value))})
        for entry in data.get("invitees", [])
    ]
    return CoalitionPlan(
        community=data.get("community", ""),
        return_to=data.get("return_to", ""),
        due=str(data.get("due", "")),
        vocabulary=DEFAULT_VOCABULARY,
        needs=needs,
        partners=partners,
        benefits=benefits,
        invitees=invitees,
    )


def _partner(entry: dict[str, Any], kind: PartnerKind) -> Partner:
    entry = dict(entry)
    entry["organization_type"] = entry.pop("type", "")
    return Partner(kind=kind, **entry)


def build(source: Path, output: Path) -> Path:
    from generator.excel.writer import write_workbook

    plan = load_plan(source)
    return write_workbook(output, plan.vocabulary, plan.community, plan=plan, force=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        print(f"Wrote {build(Path(args[0]), Path(args[1]))}")
    except CoalitionError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
