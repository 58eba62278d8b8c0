"""Render the letters of thirty rows typed as people type (tests/typed_rows.py) to read them.

    python tests/review_letters.py OUT_DIR [--pdf]

Writes every letter (invitations and, for Keep informed rows, update letters), the documents
for printing and the draft emails into OUT_DIR, then prints each letter's text as LibreOffice
lays it out (with --pdf, through pdftotext) or as Word holds it, and each draft's note. This is
how the default letters are judged: read them all, as their recipients would.
"""

from __future__ import annotations

import datetime as dt
import email
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typed_rows import typed_plan

from generator.letters.batch import Options, write_letters
from generator.letters.delivery import deliver
from generator.letters.summary import summary_lines


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    pdf = "--pdf" in argv
    if out.exists():
        shutil.rmtree(out)
    plan = typed_plan()
    batch = write_letters(plan, out, Options(date=dt.date(2026, 5, 4), keep_informed=True))
    deliver(batch, plan, pdf=pdf, combined=True, eml=True)
    for line in summary_lines(batch):
        print(line)
    for result in batch.letters:
        print(f"\n{'=' * 30} row {result.row}: {result.file}")
        if pdf:
            path = (out / result.file).with_suffix(".pdf")
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
            print(text.stdout.decode())
        else:
            for paragraph in docx.Document(str(out / result.file)).paragraphs:
                if paragraph.text.strip():
                    print(paragraph.text + "\n")
        draft = (out / result.file).with_suffix(".eml")
        if draft.exists():
            message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
            print(f"--- draft to {message['To']}, from {message['From']}: {message['Subject']}")
            print(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
