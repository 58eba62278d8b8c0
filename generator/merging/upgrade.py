"""Move a workbook filled in an older layout version into the current one, losing no answer.

A workbook says its layout version twice: in the defined name ``CoalitionLayoutVersion`` and on
the hidden ``_coalition`` sheet (LibreOffice may show hidden sheets again, but keeps names).

Upgrading runs in three steps:

1. **Migrate**: each older version has a small function in :data:`MIGRATIONS` that edits a
   workbook of that version, in memory, into the next version's layout (rename a sheet, a
   heading, split a column...). They run one after another up to :data:`LAYOUT_VERSION`. The
   reader refuses versions it does not read directly; the migrations never go through it.
2. **Read** the migrated workbook with the current reader, which finds columns by their headings.
3. **Re-emit** it with the current writer, so the dropdowns, lists, protection and partner list
   are this version's, with the coalition's own option lists kept. Columns the user added go
   into the Notes columns as "Heading: value" lines, as in every workbook the tool writes.

Before anything is written, the new workbook is read back and every answer of the old one must
be in it (:func:`generator.merging.merge.unaccounted`); otherwise nothing is written.

To add layout version N+1: raise ``LAYOUT_VERSION`` in worksheet.py, write
``_from_N(workbook)`` below and register it as ``MIGRATIONS[N]``, add a frozen fixture
``tests/fixtures/layout-vN+1.xlsx`` made by the new writer, and keep the old fixtures: each
must still upgrade without losing an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook

from generator.common.english import shorten
from generator.common.errors import LayoutVersionError, OutputError
from generator.common.fileio import atomic_path, check_writable
from generator.excel.reader import read_opened
from generator.excel.reader.opening import declared_version, newer_version_error, open_workbook
from generator.excel.safety import inspect_workbook
from generator.plan.model import CoalitionPlan
from generator.plan.reading import Reading
from generator.worksheet import LAYOUT_VERSION, META_SHEET, VERSION_NAME

#: A migration edits a workbook of version N, in place, into the layout of version N+1. It writes
#: values, not formulas: the reader reads the migrated workbook as it is in memory, where a
#: formula has no computed value.
Migration = Callable[[Workbook], None]

#: The migrations, by the version they start from. Empty while version 1 is the only layout:
#: a version-1 workbook is already current and is only re-emitted.
MIGRATIONS: dict[int, Migration] = {}


@dataclass
class UpgradeResult:
    source: Path
    output: Path
    from_version: int  # 0: the workbook did not say, and was read as the current version
    to_version: int
    applied: list[int] = field(default_factory=list)  # the versions migrated from, in order
    reading: Reading | None = None

    @property
    def plan(self) -> CoalitionPlan:
        assert self.reading is not None
        return self.reading.plan

    @property
    def was_current(self) -> bool:
        return not self.applied


# --- The version a workbook says ----------------------------------------------------------------


def set_layout_version(workbook: Workbook, version: int) -> None:
    """Record ``version`` where the reader looks for it (:func:`reader.declared_version`)."""
    workbook.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text=str(version))
    if META_SHEET in workbook.sheetnames:
        workbook[META_SHEET]["B1"].value = version


def migrate(
    workbook: Workbook,
    version: int,
    target: int = LAYOUT_VERSION,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    path: Path | None = None,
) -> list[int]:
    """Run the migrations from ``version`` up to ``target``; return the versions migrated from."""
    applied: list[int] = []
    while version < target:
        step = migrations.get(version)
        if step is None:
            raise LayoutVersionError(
                f"uses layout version {version}, which this tool cannot upgrade to version "
                f"{target}.",
                path,
            )
        step(workbook)
        applied.append(version)
        version += 1
        set_layout_version(workbook, version)
    return applied


# --- Upgrading a file ---------------------------------------------------------------------------


def upgrade_workbook(source: Path, output: Path, force: bool = False) -> UpgradeResult:
    """Write ``source`` in the current layout to ``output``; the source is never touched."""
    from generator.merging.accounting import unaccounted
    from generator.merging.merge import build_or_refuse, read_back

    source, output = Path(source), Path(output)
    if output.exists() and output.resolve() == source.resolve():
        raise OutputError(
            "is the workbook being upgraded; write the upgraded copy to another file.", output
        )
    check_writable(output, force, suffix=".xlsx", what="upgraded workbook")
    inspect_workbook(source)
    workbook = open_workbook(source)
    version = declared_version(workbook, source)
    if version > LAYOUT_VERSION:
        raise newer_version_error(version, source)
    result = UpgradeResult(source, output, version, LAYOUT_VERSION)
    if 0 < version < LAYOUT_VERSION:
        result.applied = migrate(workbook, version, LAYOUT_VERSION, path=source)
    # The workbook opened above, migrated in memory: the source is parsed once.
    result.reading = read_opened(source, workbook)
    result.reading.refuse_too_long("the upgraded workbook could not hold it")
    plan = result.reading.plan
    # Written beside the output and read back there (see merge.write_merged).
    with atomic_path(output, keep_suffix=True) as draft:
        build_or_refuse(plan, output).save(draft)
        lost = unaccounted([plan], read_back(draft, output, "upgraded workbook").plan)
        if lost:  # a bug of ours; better no output than one that silently lost answers
            raise RuntimeError(
                f"the upgrade would lose {len(lost)} answer(s), first {shorten(str(lost[0]), 200)}"
            )
    return result


def extra_headings(plan: CoalitionPlan) -> list[str]:
    """The headings of the columns the user added, which the new workbook keeps in Notes."""
    records: list[Any] = [*plan.partners, *plan.benefits, *plan.invitees]
    return list(dict.fromkeys(h for record in records for h in record.extra))
