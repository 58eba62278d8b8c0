"""How fast letters become PDFs: one LibreOffice run per worker against one run per letter.

    python benchmarks/convert.py [--letters 40] [--naive 10] [--workers N ...] [--repeat 3]

Makes one-page letters the way ``coalition letters`` does (the default template), converts all
of them with ``convert_to_pdf`` with the worker count it chooses itself (from the idle cores,
the load average and the available memory, as ``letters --pdf`` does) and with each count of
``--workers`` (default 1 and 2), and a subset the naive way, one ``soffice --convert-to pdf``
call per letter, with a profile made beforehand. Each batch runs ``--repeat`` times, alternated,
and its fastest run counts. It prints seconds per letter side by side, the load average before
and after, and the memory available.
The target (issue #17, 2 cores): the batch with the chosen workers at least 15x the naive rate.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from generator.common.capacity import available_memory, usable_cores
from generator.word.combine import combine_documents
from generator.word.pdf import choose_workers, convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "letter.docx"

ORGANIZATIONS = [
    ("Eastside Food Bank", "Ana Ruiz", "food security and emergency assistance"),
    ("Springfield Housing Trust", "Daniel Okafor", "affordable housing and tenant support"),
    ("Riverside Community College", "Mei Chen", "workforce training and adult education"),
    ("Northgate Youth Sports & Social Club", "Samir Haddad", "youth programs and mentoring"),
    ("Café Ünïon Workers' Cooperative", "José Müller", "small business and local hiring"),
]


def sample(number: int) -> dict[str, str]:
    organization, member, work = ORGANIZATIONS[number % len(ORGANIZATIONS)]
    return {
        "organization": f"{organization} ({number})",
        "member": member,
        "salutation": f"Dear {member.split()[0]},",
        "work": work,
        "sender": "Maria Lopez",
        "sender_title": "Director, Springfield Office of Community Development",
    }


def python_docx_letter(path: Path, fields: dict[str, str]) -> None:
    """A one-page invitation letter of the length and shape a convener would send."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Springfield Coalition for Upward Mobility · 100 Main Street · Springfield"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("12 March 2025")
    document.add_paragraph(f"{fields['member']}\n{fields['organization']}\n200 Elm Street")
    document.add_paragraph(fields["salutation"])
    paragraphs = [
        f"We are bringing together organizations that share a commitment to the people of "
        f"Springfield, and we would be honoured if {fields['organization']} joined us. Your "
        f"work in {fields['work']} is exactly the kind of experience our coalition needs.",
        "Over the past year, residents have told us that housing stability, access to good "
        "jobs and safe places for young people matter most to them. No single organization "
        "can address these alone; together, we can align our efforts and our resources.",
        "We are inviting you to our first meeting on 2 April at the Central Library, from "
        "6 to 8 pm. We will share what we have learned so far, agree on our priorities, and "
        "ask each partner what role they would like to take.",
        "Please let me know by 25 March whether you or a colleague can attend. I would be "
        "glad to talk beforehand about how the coalition could support your own goals.",
    ]
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("With warm regards,")
    document.add_paragraph(f"\n\n{fields['sender']}\n{fields['sender_title']}")
    document.save(str(path))


def make_letters(folder: Path, count: int) -> tuple[list[Path], str]:
    """``count`` letters as ``coalition letters`` writes them: the default template, filled
    from a plan like the letters benchmark's (python-docx letters if that cannot be done)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from letters import DAY, make_plan

        from generator.letters.batch import Options, write_letters

        batch = write_letters(make_plan(count), folder, Options(date=DAY))
        paths = [folder / result.file for result in batch.letters]
        if len(paths) == count:
            return paths, f"{TEMPLATE.relative_to(ROOT)}, filled by coalition letters"
    except Exception as error:  # keep measuring LibreOffice even if the letters code is broken
        print(f"(coalition letters did not run here: {error}; using python-docx)")
    paths = []
    for number in range(count):
        fields = sample(number)
        path = folder / f"{fields['organization']} - {fields['member']}.docx"
        python_docx_letter(path, fields)
        paths.append(path)
    return paths, "a python-docx letter"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return -1


def naive(soffice: str, letters: list[Path], out: Path, profile: Path) -> float:
    """One soffice call per letter, as most scripts do it; returns the seconds taken."""
    out.mkdir(parents=True, exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    start = time.perf_counter()
    for letter in letters:
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", str(out), str(letter)],
            capture_output=True,
            check=True,
        )
    return time.perf_counter() - start


def load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--letters", type=int, default=40, help="letters in the batch")
    parser.add_argument("--naive", type=int, default=10, help="letters converted one by one")
    parser.add_argument(
        "--workers", type=int, nargs="*", default=[1, 2], help="worker counts to compare"
    )
    parser.add_argument("--repeat", type=int, default=3, help="batches of each; the fastest counts")
    args = parser.parse_args()

    soffice = find_soffice()
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout
    memory = available_memory()
    print(f"{version.strip()}; {usable_cores()} usable cores; "
          f"{memory / 2**30 if memory else 0:.1f} GiB available; load average at the start: "
          f"{load()}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="coalition-bench-") as scratch:
        root = Path(scratch)
        letters, source = make_letters(root / "letters", args.letters)
        print(f"{args.letters} letters from {source}")

        # A first call creates the profile; it is not counted, to be fair to the naive way.
        profile = root / "naive-profile"
        naive(soffice, letters[:1], root / "warm", profile)
        subset = letters[: args.naive]
        before = load()
        one_by_one = naive(soffice, subset, root / "naive", profile)
        per_naive = one_by_one / len(subset)

        # What convert_to_pdf(workers=None) and `letters --pdf` choose at this moment.
        chosen = choose_workers(len(letters))
        methods = [(f"chosen: {chosen}", chosen), *((str(w), w) for w in args.workers)]
        timings: dict[str, list[float]] = {label: [] for label, _ in methods}
        for attempt in range(args.repeat):  # alternated, so that the load weighs on each alike
            for label, workers in methods:
                start = time.perf_counter()
                pdfs = convert_to_pdf(letters, root / f"batch-{attempt}-{label}", workers=workers)
                timings[label].append(time.perf_counter() - start)
        batches = [(label, min(found)) for label, found in timings.items()]
        after = load()
        page_counts = {pages(pdf) for pdf in pdfs[:10]}

        start = time.perf_counter()
        combine_documents(letters, root / "combined.docx")
        combining = time.perf_counter() - start

    print(f"pages per letter (first 10): {sorted(page_counts)}")
    print()
    print(f"{'method':<44}{'letters':>8}{'seconds':>10}{'s/letter':>10}{'vs naive':>10}")
    print(f"{'one soffice call per letter':<44}{len(subset):>8}{one_by_one:>10.1f}"
          f"{per_naive:>10.3f}{'1.0x':>10}")  # fmt: skip
    for label, seconds in batches:
        per_batch = seconds / len(letters)
        print(f"{f'convert_to_pdf, workers {label}':<44}{len(letters):>8}{seconds:>10.1f}"
              f"{per_batch:>10.3f}{per_naive / per_batch:>9.1f}x")  # fmt: skip
    speedup = per_naive / (batches[0][1] / len(letters))
    print(f"speed-up with the workers chosen ({chosen}): {speedup:.1f}x (target: at least 15x); "
          f"load average {before} -> {after}")  # fmt: skip
    print(f"combine_documents of {len(letters)} letters: {combining:.1f} s")
    return 0 if speedup >= 15 else 1


if __name__ == "__main__":
    sys.exit(main())
