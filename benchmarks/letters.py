"""How fast letters are written: the whole `coalition letters` command against docxtpl's way.

    python benchmarks/letters.py [--sizes 1000 5000] [--repeat 2] [--docxtpl 1000] [--folder DIR]

For each size N it builds a workbook with N invitees (each with a Part 2 or 3 organization and
most with Part 4 notes) with ``workbook.build_workbook``, then measures, in the same run:

1. the whole command: ``coalition letters WORKBOOK -o OUT --date ...`` as a fresh process, from
   its start to its exit (imports, reading and checking the workbook, rendering and writing
   every letter on the cores it chooses, the manifest); its peak memory is the largest
   resident size of one of its processes (wait4) and the largest total of the proportional set
   sizes (PSS: shared pages counted once) of the command and its workers, sampled every 20 ms;
2. the rendering step alone: ``write_letters`` from a plan already in memory, in a process of its
   own, on the cores the command would use and in one process;
3. the baseline: docxtpl's documented way, a new ``DocxTemplate`` per letter, ``render(context,
   jinja_env, autoescape=True)``, ``save`` (same contexts, same sandboxed environment, same file
   names), timed from its first letter to its last (its imports and the plan are not counted).
   Its cost per letter does not depend on N, so it writes the first ``--docxtpl`` letters.

Each is run ``--repeat`` times and its fastest run counts (a shared machine's other work adds
noise); the load average is printed before and after each size. Then it checks that the
command's letters are the very bytes one process writes (and the manifest too), and that every
letter docxtpl wrote has the same text as the command's (body and header, breaks and tabs).

A coalition plan has at most 2,000 invite-list rows (generator.worksheet.limits); for larger N
the command runs with the plan and file bounds raised, which changes nothing else.
Targets (issue #17, 2 cores): at N = 5,000 the whole command at least 50x docxtpl's rate, its
peak under 80 MiB, growing by under 1 KB per invitee from N = 1,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 5, 4)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The command with the plan and file bounds raised, for workbooks past a real plan's size.
RAISED = {
    "max_rows": 100_000,
    "max_sheet_rows": 1_000_000,
    "max_cells": 10_000_000,
    "max_shared_strings": 1_000_000,
    "max_elements": 50_000_000,
}
COMMAND = (
    "import sys\n"
    "from generator.worksheet.limits import LIMITS\n"
    "for name, value in {raised!r}.items():\n"
    "    object.__setattr__(LIMITS, name, value)\n"
    "from generator.cli import main\n"
    "sys.argv[0] = 'coalition'\n"
    "main()\n"
)

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


def prepare(size: int, folder: Path) -> tuple[Path, Path]:
    """The workbook, and the plan read back from it (in a pickle, for the in-process steps)."""
    from generator.excel.reader import check_workbook
    from generator.excel.writer import build_workbook
    from generator.worksheet.limits import LIMITS

    for name, value in RAISED.items():
        object.__setattr__(LIMITS, name, value)
    plan = make_plan(size)
    workbook = folder / f"plan-{size}.xlsx"
    build_workbook(plan.vocabulary, plan.community, plan).save(workbook)
    reading = check_workbook(workbook)
    errors = [f for f in reading.findings if f.is_error]
    if errors or len(reading.plan.invitees) != size:
        raise SystemExit(f"the {size}-invitee workbook did not read back cleanly: {errors[:3]}")
    pickled = folder / f"plan-{size}.pickle"
    pickled.write_bytes(pickle.dumps(reading.plan))
    return workbook, pickled


def run_prepare(size: int, folder: Path) -> tuple[Path, Path]:
    """:func:`prepare` in a process of its own. Linux keeps a process's peak resident size
    across exec, so every process this one starts would report at least this one's peak: built
    here, the workbook's memory would show as the command's (100 MiB at N = 5,000)."""
    command = [sys.executable, __file__, "--prepare", str(size), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"building the {size}-invitee workbook failed:\n{done.stderr}")
    workbook, pickled = done.stdout.strip().splitlines()[-1].split("\t")
    return Path(workbook), Path(pickled)


# --- The whole command, in a fresh process --------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """``pid`` and every process under it (Linux)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                text = Path(f"/proc/{current}/task/{task}/children").read_text()
                queue.extend(int(child) for child in text.split())
        except OSError:
            continue
    return found


def _pss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total


def run_command(workbook: Path, out: Path) -> dict[str, Any]:
    """Seconds from start to exit, the largest peak of one process and the largest total PSS."""
    command = [
        sys.executable, "-c", COMMAND.format(raised=RAISED),
        "letters", str(workbook), "-o", str(out), "--date", DAY.isoformat(),
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_pss
        while not done.is_set():
            peak_pss = max(peak_pss, _pss_kib(_tree(process.pid)))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if process.returncode != 0 or b"Wrote" not in stdout:
        raise SystemExit(f"coalition letters failed:\n{stdout.decode()}{stderr.decode()}")
    letters = len(list(out.glob("*.docx")))
    return {"letters": letters, "seconds": seconds, "peak_kib": usage.ru_maxrss,
            "pss_kib": peak_pss}  # fmt: skip


# --- One step, in a process of its own ------------------------------------------------------------


def measure(method: str, pickled: Path, out: Path, count: int) -> dict[str, Any]:
    from generator.common.capacity import usable_cores
    from generator.letters.batch import Options, write_letters

    if method == "reading":  # what the command does before its letters, and its memory
        from generator.excel.reader import check_workbook
        from generator.worksheet.limits import LIMITS

        for name, value in RAISED.items():
            object.__setattr__(LIMITS, name, value)
        started = time.perf_counter()
        check_workbook(pickled.with_suffix(".xlsx"))
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"letters": 0, "seconds": seconds, "peak_kib": peak}
    plan = pickle.loads(pickled.read_bytes())
    # Both start with their libraries imported: the clock is the letters'.
    import docxtpl  # noqa: F401

    import generator.letters.parallel
    import generator.word.batch  # imported before the clock starts, as docxtpl is

    started = time.perf_counter()
    if method == "docxtpl":
        count = _baseline(plan, out, count)
    else:
        workers = 1 if method == "one process" else usable_cores()
        if not generator.letters.parallel.can_fork():
            workers = 1
        count = len(write_letters(plan, out, Options(date=DAY), workers=workers).letters)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"letters": count, "seconds": seconds, "peak_kib": peak}


def _baseline(plan: Any, out: Path, count: int) -> int:
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
    for job in jobs[:count]:
        context = letter_context(job.invitee, index, today=DAY, letter=job.kind, row=job.row)
        document = DocxTemplate(default_template(job.kind))
        document.render(context, jinja_env=env, autoescape=True)
        document.save(out / job.file)
    return min(count, len(jobs))


def run_measurement(method: str, pickled: Path, out: Path, count: int = 0) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", method, str(pickled), str(out), str(count)]
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


def compare_text(project: Path, baseline: Path) -> tuple[int, list[str]]:
    """How many of docxtpl's letters were compared, and those whose text differs."""
    theirs = sorted(p.name for p in baseline.glob("*.docx"))
    different = [n for n in theirs if letter_text(project / n) != letter_text(baseline / n)]
    return len(theirs), different


def compare_bytes(one: Path, other: Path) -> tuple[int, list[str]]:
    """How many files (letters and manifest) two folders hold, and those that differ."""
    ours = sorted(p.name for p in one.iterdir())
    if ours != sorted(p.name for p in other.iterdir()):
        return 0, ["the two folders hold different files"]
    return len(ours), [n for n in ours if (one / n).read_bytes() != (other / n).read_bytes()]


# --- Report ---------------------------------------------------------------------------------------


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda run: run["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    parser.add_argument(
        "--docxtpl", type=int, default=1000, help="letters docxtpl writes at each N (its rate)"
    )
    parser.add_argument(
        "--folder", type=Path, default=None, help="where letters are written (default: temp)"
    )
    parser.add_argument(
        "--measure", nargs=4, metavar=("METHOD", "PLAN", "OUT", "COUNT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--prepare", nargs=2, metavar=("SIZE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print("\t".join(map(str, prepare(int(args.prepare[0]), Path(args.prepare[1])))))
        return 0
    if args.measure:
        method, pickled, out, count = args.measure
        print(json.dumps(measure(method, Path(pickled), Path(out), int(count))))
        return 0

    from generator.common.capacity import usable_cores

    mib = 1024
    failures: list[str] = []
    rows: list[dict[str, Any]] = []
    print(f"{usable_cores()} usable cores; load average (1, 5, 15 min) at the start: {load()}")
    with tempfile.TemporaryDirectory(prefix="letters-bench-", dir=args.folder) as tmp:
        folder = Path(tmp)
        print(f"(letters are written under {folder.parent})")
        for size in args.sizes:
            workbook, pickled = run_prepare(size, folder)
            before = load()
            runs: dict[str, list[dict[str, Any]]] = {
                "command": [], "docxtpl": [], "all cores": [], "one process": [], "reading": []
            }  # fmt: skip
            for attempt in range(args.repeat):
                out = folder / f"command-{size}-{attempt}"
                runs["command"].append(run_command(workbook, out))
                for method in ("docxtpl", "all cores", "one process", "reading"):
                    out = folder / f"{method.replace(' ', '-')}-{size}-{attempt}"
                    runs[method].append(run_measurement(method, pickled, out, args.docxtpl))
            after = load()
            checked, differ = compare_bytes(
                folder / f"command-{size}-0", folder / f"one-process-{size}-0"
            )
            if differ:
                failures.append(
                    f"N={size}: {len(differ)} files differ from one process's, e.g. {differ[0]}"
                )
            texts, different = compare_text(
                folder / f"command-{size}-0", folder / f"docxtpl-{size}-0"
            )
            if different:
                failures.append(
                    f"N={size}: {len(different)} letters' text differs, e.g. {different[0]}"
                )
            rows.append({
                "size": size, "before": before, "after": after,
                **{method: fastest(found) for method, found in runs.items()},
                "same_bytes": f"{checked - len(differ)}/{checked}",
                "same_text": f"{texts - len(different)}/{texts}",
            })  # fmt: skip
            for path in folder.iterdir():
                if path.is_dir():
                    shutil.rmtree(path)

    def rate(run: dict[str, Any]) -> float:
        return run["letters"] / run["seconds"]

    print()
    print("1. The whole command (a fresh process: imports, reading, checks, letters, manifest)")
    print(f"{'N':>6} {'seconds':>8} {'letters/s':>10} {'docxtpl/s':>10} {'ratio':>7} "
          f"{'peak (1 process)':>17} {'peak PSS (all)':>15}  load before -> after")  # fmt: skip
    for row in rows:
        ours, theirs = row["command"], row["docxtpl"]
        print(
            f"{row['size']:>6} {ours['seconds']:>8.2f} {rate(ours):>10.0f} {rate(theirs):>10.1f} "
            f"{rate(ours) / rate(theirs):>6.1f}x {ours['peak_kib'] / mib:>13.1f} MiB "
            f"{ours['pss_kib'] / mib:>11.1f} MiB  {row['before']} -> {row['after']}"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        invitees = last["size"] - first["size"]
        for key, label in (("peak_kib", "peak of one process"), ("pss_kib", "peak PSS")):
            grown = (last["command"][key] - first["command"][key]) * 1024 / invitees
            print(f"       {label}: {grown:+,.0f} bytes per invitee from N={first['size']:,} "
                  f"to N={last['size']:,}")  # fmt: skip
    print()
    print("2. The rendering step alone (write_letters from a plan in memory, its own process)")
    print(f"{'N':>6} {'all cores/s':>12} {'ratio':>7} {'one process/s':>14} {'ratio':>7} "
          f"{'docxtpl/s':>10} {'command: outside rendering':>27} "
          f"{'same bytes':>11} {'same text':>10}")  # fmt: skip
    for row in rows:
        cores, one, theirs = row["all cores"], row["one process"], row["docxtpl"]
        outside = row["command"]["seconds"] - cores["seconds"]
        share = outside / row["command"]["seconds"]
        print(
            f"{row['size']:>6} {rate(cores):>12.0f} {rate(cores) / rate(theirs):>6.1f}x "
            f"{rate(one):>14.0f} {rate(one) / rate(theirs):>6.1f}x {rate(theirs):>10.1f} "
            f"{outside:>18.2f} s ({share:>3.0%}) {row['same_bytes']:>11} {row['same_text']:>10}"
        )
    print()
    print("3. Reading and checking the workbook alone (check_workbook, its own process)")
    for row in rows:
        reading = row["reading"]
        peak = reading["peak_kib"] / mib
        print(f"{row['size']:>6} {reading['seconds']:>8.2f} s, peak {peak:.1f} MiB "
              "(imports included)")  # fmt: skip
    print(f"(docxtpl wrote the first {args.docxtpl:,} letters of each N; the fastest of "
          f"{args.repeat} runs counts; load average at the end: {load()})")  # fmt: skip
    for failure in failures:
        print(f"MISMATCH {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
