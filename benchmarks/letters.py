"""How fast letters are written: the project's batch renderer against docxtpl's documented way.

    python benchmarks/letters.py [--sizes 100 1000 5000] [--folder /dev/shm]

For each size N it builds a plan with N invitees (each with a Part 2 or 3 organization and most
with Part 4 notes), writes it as a workbook with ``workbook.build_workbook`` and reads it back
with ``checks.check_workbook``, as ``coalition letters`` does. Then, each in a fresh Python
process so that memory figures are the process's own:

* project: ``letters.write_letters`` with the default template (names, manifest and all);
* baseline: the same letters the way docxtpl's documentation shows: a new ``DocxTemplate``
  per letter, ``render(context, jinja_env, autoescape=True)``, ``save`` (same contexts, same
  sandboxed environment, same file names).

Each method runs ``--repeat`` times (default 2) and its fastest run counts, since a shared
machine's other work and the kernel's write-back of earlier runs' files add noise. It prints
letters per second, the ratio, and each process's peak resident memory while writing letters
(VmHWM, reset once the plan is loaded: interpreter, libraries and plan included) with how much
the letters added to it, then checks that every letter's text (body and header, line breaks and
tabs included) is identical in both.
Targets on a 2-core machine: at least 30x the baseline's letters per second at N = 1,000, and a
peak under 100 MiB at N = 5,000 that does not grow with N.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import pickle
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 5, 4)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

FIRST = ["Ana", "Denise", "Harold", "Lena", "Tomás", "Aisha", "Marcus", "Rosa", "Mai", "Zoë"]
LAST = ["Okafor", "Brooks", "Park", "Herrera", "Rahman", "Bell", "Jiménez", "Vang", "O'Neil"]
KINDS = [
    "Neighbors United",
    "Community Foundation",
    "Tenants Union",
    "Policy Lab",
    "Youth Sports & Social Club",
    "Health Center",
    "Workers' Cooperative",
    "Food Bank",
]
PLACES = ["Forest City", "East Side", "Mayfield", "Northside", "Lakeshore", "Café Row"]
SENDERS = [
    ("Maria Delgado", "Director, Forest City Office of Economic Mobility"),
    ("Council Member James Whitfield", "Chair, Committee on Economic Development"),
    ("Karen Liu", "President, Lakeshore Community Foundation"),
]


def make_plan(size: int, seed: int = 5) -> Any:
    """A plan with ``size`` invitees, each from an organization of its own."""
    from generator.plan.model import (
        Benefit,
        Choice,
        CoalitionPlan,
        Invitee,
        Needs,
        Partner,
        PartnerKind,
    )
    from generator.worksheet import ASSETS, DEFAULT_VOCABULARY, GROUPS, OTHER

    rng = random.Random(seed)
    areas = list(DEFAULT_VOCABULARY.areas)
    groups = [g for g in GROUPS if g != OTHER]
    assets = [a for a in ASSETS if a != OTHER]
    needs = Needs(
        groups=[Choice(g) for g in rng.sample(groups, 4)],
        areas=[Choice(a) for a in rng.sample(areas, 8)],
        assets=[Choice(a) for a in rng.sample(assets, 6)],
    )
    plan = CoalitionPlan(community="Forest City", needs=needs)
    for number in range(size):
        name = f"{rng.choice(PLACES)} {rng.choice(KINDS)} {number + 1}"
        kind = PartnerKind.EXISTING if number % 3 == 0 else PartnerKind.POTENTIAL
        plan.partners.append(
            Partner(
                name,
                kind,
                organization_type=rng.choice(DEFAULT_VOCABULARY.organization_types[:-1]),
                populations=rng.sample(groups, rng.randint(0, 3)),
                domains=rng.sample(areas, rng.randint(1, 3)),
                assets=rng.sample(assets, rng.randint(1, 3)),
            )
        )
        if number % 5 != 4:
            plan.benefits.append(
                Benefit(
                    name,
                    aligned_initiatives=f"{rng.choice(PLACES)} Pathways program",
                    motivations="They want to reach more families & grow their programs.",
                    roles="Director as champion; analyst as data team lead",
                    barriers="A small staff that is stretched thin.",
                )
            )
        member = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        sender, title = rng.choice(SENDERS)
        plan.invitees.append(
            Invitee(
                member,
                name,
                sender,
                salutation=f"Dr. {member.split()[1]}" if number % 4 == 0 else "",
                member_title="Executive Director",
                email=f"person{number}@example.org",
                mailing_address=f"{number + 1} Elm Street\nForest City, OH 44101",
                sender_title=title,
            )
        )
    # Existing partners first, as a workbook lists them (Part 2 before Part 3).
    plan.partners.sort(key=lambda p: p.kind is not PartnerKind.EXISTING)
    return plan


def prepare(size: int, folder: Path) -> tuple[Path, dict[str, float]]:
    """Write the workbook, read it back as the letters command does; the plan goes in a pickle."""
    from generator.excel.reader import check_workbook
    from generator.excel.writer import build_workbook

    plan = make_plan(size)
    workbook = folder / f"plan-{size}.xlsx"
    started = time.perf_counter()
    build_workbook(plan.vocabulary, plan.community, plan).save(workbook)
    built = time.perf_counter() - started
    started = time.perf_counter()
    reading = check_workbook(workbook)
    read = time.perf_counter() - started
    errors = [f for f in reading.findings if f.is_error]
    if errors or len(reading.plan.invitees) != size:
        raise SystemExit(f"the {size}-invitee workbook did not read back cleanly: {errors[:3]}")
    pickled = folder / f"plan-{size}.pickle"
    pickled.write_bytes(pickle.dumps(reading.plan))
    return pickled, {"build_seconds": built, "read_seconds": read}


# --- One measurement, in a process of its own -----------------------------------------------------


def _status_kib(key: str) -> int:
    """VmRSS (resident now) or VmHWM (the peak) of this process, in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    """Start the peak (VmHWM) afresh, so that it is the letters' own (Linux 4.0 and later)."""
    with contextlib.suppress(OSError):  # elsewhere the peak includes loading the plan
        Path("/proc/self/clear_refs").write_text("5")


def measure(method: str, pickled: Path, out: Path) -> dict[str, Any]:
    from generator.letters.batch import Options, write_letters

    plan = pickle.loads(pickled.read_bytes())
    # Both start with their libraries imported: the clock and the memory growth are the letters'.
    import docxtpl  # noqa: F401

    import generator.word.batch  # noqa: F401

    before = _status_kib("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    if method == "project":
        batch = write_letters(plan, out, Options(date=DAY))
        count = len(batch.letters)
    else:
        count = _baseline(plan, out)
    seconds = time.perf_counter() - started
    peak = _status_kib("VmHWM")
    return {"letters": count, "seconds": seconds, "peak_kib": peak, "before_kib": before}


def _baseline(plan: Any, out: Path) -> int:
    """docxtpl's documented way: a new DocxTemplate per letter, render, save."""
    from docxtpl import DocxTemplate

    from generator.letters.batch import Options, plan_letters
    from generator.letters.context import (
        PlanIndex,
        default_template,
        letter_context,
        letter_environment,
    )

    jobs, _, _ = plan_letters(plan, Options(date=DAY))
    index = PlanIndex(plan)
    env = letter_environment()
    out.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        context = letter_context(job.invitee, index, today=DAY, letter=job.kind, row=job.row)
        document = DocxTemplate(default_template(job.kind))
        document.render(context, jinja_env=env, autoescape=True)
        document.save(out / job.file)
    return len(jobs)


def run_measurement(method: str, pickled: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", method, str(pickled), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{method} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- Comparing texts ------------------------------------------------------------------------------


def letter_text(path: Path) -> str:
    """Every paragraph of the body and headers, with Word's breaks and tabs, in order."""
    lines = []
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"word/header\d*\.xml", n))
        for name in [*names, "word/document.xml"]:
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{W}p"):
                parts = []
                for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
                    if element.tag == f"{W}t":
                        parts.append(element.text or "")
                    else:
                        parts.append("\t" if element.tag == f"{W}tab" else "\n")
                lines.append("".join(parts))
    return "\n".join(lines)


def compare(project: Path, baseline: Path) -> tuple[int, list[str]]:
    ours = sorted(p.name for p in project.glob("*.docx"))
    theirs = sorted(p.name for p in baseline.glob("*.docx"))
    if ours != theirs:
        return 0, [f"different files: {len(ours)} against {len(theirs)}"]
    different = [n for n in ours if letter_text(project / n) != letter_text(baseline / n)]
    return len(ours), different


# --- Report ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each method per size; the fastest counts (this machine is shared)",
    )
    parser.add_argument(
        "--folder", type=Path, default=None, help="where letters are written (default: temp)"
    )
    parser.add_argument(
        "--measure", nargs=3, metavar=("METHOD", "PLAN", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        method, pickled, out = args.measure
        print(json.dumps(measure(method, Path(pickled), Path(out))))
        return 0

    mib = 1024
    print("Letters: the project against docxtpl's documented way (one process each)")
    print(f"{'N':>6} {'project/s':>10} {'docxtpl/s':>10} {'ratio':>7} "
          f"{'project peak':>13} {'(letters)':>10} {'docxtpl peak':>13} {'(letters)':>10} "
          f"{'same text':>10}")  # fmt: skip
    failures = []
    with tempfile.TemporaryDirectory(prefix="letters-bench-", dir=args.folder) as tmp:
        folder = Path(tmp)
        # On a disk, the kernel's write-back of earlier runs' files can stall later ones;
        # --folder /dev/shm (memory) measures the work itself.
        print(f"(letters are written under {folder.parent})")
        for size in args.sizes:
            pickled, timings = prepare(size, folder)
            runs: dict[str, list[dict[str, Any]]] = {"project": [], "baseline": []}
            for attempt in range(args.repeat):
                for method in runs:
                    out = folder / f"{method}-{size}-{attempt}"
                    runs[method].append(run_measurement(method, pickled, out))
            ours = min(runs["project"], key=lambda run: run["seconds"])
            theirs = min(runs["baseline"], key=lambda run: run["seconds"])
            compared, different = compare(
                folder / f"project-{size}-0", folder / f"baseline-{size}-0"
            )
            ours_rate = ours["letters"] / ours["seconds"]
            theirs_rate = theirs["letters"] / theirs["seconds"]
            same = f"{compared - len(different)}/{compared}"
            ours_peak, theirs_peak = ours["peak_kib"] / mib, theirs["peak_kib"] / mib
            ours_added = (ours["peak_kib"] - ours["before_kib"]) / mib
            theirs_added = (theirs["peak_kib"] - theirs["before_kib"]) / mib
            print(
                f"{size:>6} {ours_rate:>10.0f} {theirs_rate:>10.1f} "
                f"{ours_rate / theirs_rate:>6.1f}x {ours_peak:>9.1f} MiB {ours_added:>+6.1f} MiB "
                f"{theirs_peak:>9.1f} MiB {theirs_added:>+6.1f} MiB {same:>10}"
            )
            print(
                f"{'':>6} (workbook: built in {timings['build_seconds']:.1f} s, read and checked "
                f"in {timings['read_seconds']:.1f} s; project {ours['seconds']:.2f} s, docxtpl "
                f"{theirs['seconds']:.1f} s)"
            )
            if different:
                failures.append(f"N={size}: {len(different)} letters differ, e.g. {different[0]}")
            for attempt in range(args.repeat):
                for method in runs:
                    shutil.rmtree(folder / f"{method}-{size}-{attempt}")
    for failure in failures:
        print(f"TEXT MISMATCH {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
