"""What the look for formulas without results costs when reading a large workbook.

    python benchmarks/read.py [--partners 2000] [--repeat 9]

Writes one workbook with as many partners in Part 2 (each with a type, three marks and notes)
and invitees in Part 5, in three forms: without formulas; with a formula in every invitee's Notes
saved without its result (as a script writes it); and that same workbook saved by LibreOffice
Calc, every formula with its result (skipped without LibreOffice). Each is read with the
reader as it is and with the formula look switched off, in turns; the best of ``--repeat``
reads is printed, in CPU seconds of this process (steadier than the clock on a shared machine).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

import generator.excel.reader.fast as fast
from generator.common.errors import ConversionError
from generator.excel.reader import read_workbook
from generator.excel.writer import write_workbook
from generator.plan.model import CoalitionPlan, Invitee, Partner, PartnerKind
from generator.word.pdf import convert_workbook
from generator.worksheet import DEFAULT_VOCABULARY, PART5


def big_plan(partners: int) -> CoalitionPlan:
    groups, areas, assets = DEFAULT_VOCABULARY.groups, DEFAULT_VOCABULARY.areas, ASSETS
    plan = CoalitionPlan(community="Benchmark City")
    for n in range(partners):
        name = f"Organization {n}"
        plan.partners.append(
            Partner(name, PartnerKind.EXISTING, "Nonprofit", populations=[groups[n % 8]],
                    domains=[areas[n % 24]], assets=[assets[n % 14]], notes=f"Note {n}")
        )  # fmt: skip
        plan.invitees.append(
            Invitee(f"Person {n}", name, "Pat Reyes", email=f"p{n}@example.org",
                    sender_title="Director")
        )  # fmt: skip
    return plan


ASSETS = DEFAULT_VOCABULARY.assets


def with_formulas(path: Path, target: Path) -> Path:
    workbook = load_workbook(path)
    sheet = workbook[PART5.sheet]
    for row in range(4, sheet.max_row + 1):
        sheet[f"J{row}"] = f'=IF(A{row}="","","Invite by "&C{row})'
    workbook.save(target)
    return target


def best_in_turns(reads: list[Callable[[], object]], repeat: int) -> list[float]:
    """Each read's fastest CPU time over ``repeat`` rounds, the reads taking turns in every
    round, so that the machine's other work falls on all alike."""
    times: list[list[float]] = [[] for _ in reads]
    for _ in range(repeat):
        for read, taken in zip(reads, times, strict=True):
            start = time.process_time()
            read()
            taken.append(time.process_time() - start)
    return [min(taken) for taken in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        plan = big_plan(args.partners)
        plain = write_workbook(root / "plain.xlsx", plan.vocabulary, plan.community, plan=plan)
        unsaved = with_formulas(plain, root / "formulas.xlsx")
        forms = {"no formulas": plain, "formulas without results": unsaved}
        try:
            forms["formulas saved by LibreOffice"] = convert_workbook(unsaved, root / "calc")
        except ConversionError as error:
            print(f"(skipped the LibreOffice form: {error})")
        real = fast.scan_sheet

        def no_look(data: bytes, recalculate: bool, **kinds: bool) -> tuple[dict, dict]:
            return real(data, recalculate, **{**kinds, "formulas": False})

        print(f"{args.partners:,} partners and invitees; best of {args.repeat} reads, in turns")
        print(f"{'workbook':32} {'size':>8} {'reader':>9} {'no look':>9} {'look costs':>11}")

        def without_look(path: Path) -> object:
            fast.scan_sheet = no_look
            try:
                return read_workbook(path)
            finally:
                fast.scan_sheet = real

        for label, path in forms.items():
            with_look, without = best_in_turns(
                [lambda path=path: read_workbook(path), lambda path=path: without_look(path)],
                args.repeat,
            )
            size = path.stat().st_size / 1024 / 1024
            share = (with_look - without) / without * 100
            print(f"{label:32} {size:6.1f} MB {with_look:8.2f}s {without:8.2f}s {share:10.0f}%")


if __name__ == "__main__":
    main()
