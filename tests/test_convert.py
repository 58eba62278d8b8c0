"""PDF conversion in batches: one LibreOffice run per worker, clean failures, safe outputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from generator.common.errors import ConversionError, OutputError
from generator.word import pdf as convert
from generator.word.pdf import (
    PartialConversionError,
    convert_to_pdf,
    convert_workbook,
    find_soffice,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")


def make_letter(path: Path, *lines: str) -> Path:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def fake_soffice(tmp_path: Path, body: str) -> Path:
    """An executable stand-in for soffice, written in Python; ``body`` sees ``args`` and ``log``."""
    script = tmp_path / "fake-soffice"
    log = tmp_path / "calls.jsonl"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys, time\n"
        "from pathlib import Path\n"
        "args = sys.argv[1:]\n"
        f"log = Path({str(log)!r})\n"
        "with log.open('a') as handle:\n"
        "    handle.write(json.dumps(args) + '\\n')\n" + textwrap.dedent(body)
    )
    script.chmod(0o755)
    return script


def running(pid: int) -> bool:
    """Whether a process is alive; a killed one waiting to be reaped (a zombie) is not."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def logged_calls(tmp_path: Path) -> list[list[str]]:
    log = tmp_path / "calls.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


# A stand-in that "converts" each file by writing a small PDF holding the input's name.
CONVERTS = """
    out = Path(args[args.index('--outdir') + 1])
    for name in [a for a in args if a.endswith('.docx')]:
        (out / (Path(name).stem + '.pdf')).write_bytes(b'%PDF-1.4 fake')
"""


@pytest.mark.libreoffice
def test_a_letter_becomes_a_pdf_with_its_text(tmp_path: Path) -> None:
    letter = make_letter(
        tmp_path / "Sports & Social Club - Ana Ruiz.docx",
        "Dear Ana,",
        "Sports & Social Club <Network> {{ 7*7 }} — Café",
    )
    (pdf,) = convert_to_pdf([letter], tmp_path / "pdf")

    assert pdf == tmp_path / "pdf" / "Sports & Social Club - Ana Ruiz.pdf"
    assert "Dear Ana, Sports & Social Club <Network> {{ 7*7 }} — Café" in pdf_text(pdf)
    assert list((tmp_path / "pdf").iterdir()) == [pdf], "no temporary files are left behind"


@pytest.mark.libreoffice
def test_a_batch_comes_back_in_input_order_whatever_the_names(tmp_path: Path) -> None:
    names = ["-leading dash", "50% #1", "Ünïcödé شريك", "colon: here", "plain"]
    letters = [
        make_letter(tmp_path / f"{name}.docx", f"Letter number {i}") for i, name in enumerate(names)
    ]

    pdfs = convert_to_pdf(letters, tmp_path / "out", workers=2)

    assert [p.name for p in pdfs] == [f"{name}.pdf" for name in names]
    assert [pdf_text(p) for p in pdfs] == [f"Letter number {i}" for i in range(len(names))]


@posix_only
def test_each_worker_starts_libreoffice_once_with_its_own_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COALITION_SOFFICE", str(fake_soffice(tmp_path, CONVERTS)))
    letters = [make_letter(tmp_path / f"letter {i}.docx", str(i)) for i in range(7)]

    pdfs = convert_to_pdf(letters, tmp_path / "out", workers=2)

    calls = logged_calls(tmp_path)
    assert len(calls) == 2
    profiles = {arg for call in calls for arg in call if arg.startswith("-env:UserInstallation=")}
    assert len(profiles) == 2
    assert sorted(len([a for a in call if a.endswith(".docx")]) for call in calls) == [3, 4]
    assert pdfs == [tmp_path / "out" / f"letter {i}.pdf" for i in range(7)]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_missing_libreoffice_is_one_sentence_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "no" / "soffice"))
    letter = make_letter(tmp_path / "letter.docx", "Hello")

    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([letter], tmp_path / "out")

    message = str(caught.value)
    assert str(tmp_path / "no" / "soffice") in message
    assert any(
        hint in message
        for hint in (
            "sudo apt-get install libreoffice-writer-nogui",
            "brew install --cask libreoffice",
            "https://www.libreoffice.org/download/",
        )
    )
    assert "\n" not in message and message.endswith(".") and message.count(". ") == 0
    assert not (tmp_path / "out").exists()


def test_without_libreoffice_anywhere_the_message_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COALITION_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(convert, "_KNOWN_LOCATIONS", ())

    with pytest.raises(ConversionError, match=r"LibreOffice is needed .* was not found; install"):
        find_soffice()


@posix_only
def test_the_environment_variable_chooses_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_soffice(tmp_path, "")
    monkeypatch.setenv("COALITION_SOFFICE", str(script))
    assert find_soffice() == str(script)


@posix_only
def test_a_hung_libreoffice_is_stopped_with_everything_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like the real soffice, a wrapper that starts the program that does the work.
    child_pid = tmp_path / "child.pid"
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > '{child_pid}'\nwait\n")
    script.chmod(0o755)
    monkeypatch.setenv("COALITION_SOFFICE", str(script))
    letter = make_letter(tmp_path / "letter.docx", "Hello")

    with pytest.raises(ConversionError, match=r"did not finish converting letter\.docx within 1"):
        convert_to_pdf([letter], tmp_path / "out", timeout=1)

    pid = int(child_pid.read_text())
    for _ in range(50):  # killed before the error is raised; the kernel may take a moment
        if not running(pid):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the program started by the hung soffice is still running")
    assert not (tmp_path / "out" / "letter.pdf").exists()


class Interrupted(BaseException):
    """Stands in for KeyboardInterrupt, which would also stop pytest."""


@posix_only
@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs interval timers")
def test_an_interrupted_batch_stops_every_libreoffice_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each run would write its marker after 15 seconds, if it were left running.
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 15\ntouch '{tmp_path}'/finished-$$\n")
    script.chmod(0o755)
    monkeypatch.setenv("COALITION_SOFFICE", str(script))
    letters = [make_letter(tmp_path / f"letter {i}.docx", str(i)) for i in range(4)]

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(Interrupted):
            convert_to_pdf(letters, tmp_path / "out", workers=2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    assert list(tmp_path.glob("finished-*")) == []
    assert not (tmp_path / "out").exists()


@posix_only
def test_libreoffice_failing_outright_is_reported_with_its_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = """
        sys.stderr.write('Warning: failed to launch javaldx\\nFatal: no display\\n')
        sys.exit(81)
    """
    monkeypatch.setenv("COALITION_SOFFICE", str(fake_soffice(tmp_path, body)))
    letter = make_letter(tmp_path / "letter.docx", "Hello")

    with pytest.raises(
        ConversionError, match=r"exit status 81 .*letter\.docx \(Fatal: no display\)"
    ):
        convert_to_pdf([letter], tmp_path / "out")


@pytest.mark.libreoffice
def test_a_document_libreoffice_cannot_open_is_named_and_the_rest_still_convert(
    tmp_path: Path,
) -> None:
    good = make_letter(tmp_path / "good.docx", "A good letter")
    broken = tmp_path / "broken letter.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a Word document")

    with pytest.raises(
        PartialConversionError, match=r"1 of 2 documents .*: broken letter\.docx\."
    ) as caught:
        convert_to_pdf([good, broken], tmp_path / "out")

    assert caught.value.failed == [broken]
    assert caught.value.converted == {good: tmp_path / "out" / "good.pdf"}
    assert pdf_text(tmp_path / "out" / "good.pdf") == "A good letter"
    assert not (tmp_path / "out" / "broken letter.pdf").exists()


@pytest.mark.libreoffice
def test_two_conversions_at_once_do_not_clash(tmp_path: Path) -> None:
    batches = {
        side: [make_letter(tmp_path / f"{side}{i}.docx", f"{side} letter {i}") for i in range(3)]
        for side in ("left", "right")
    }
    results: dict[str, list[Path]] = {}
    failures: list[BaseException] = []

    def run(side: str) -> None:
        try:
            results[side] = convert_to_pdf(batches[side], tmp_path / side, workers=1)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(side,)) for side in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    for side in batches:
        assert [pdf_text(p) for p in results[side]] == [f"{side} letter {i}" for i in range(3)]


def test_two_documents_that_would_make_the_same_pdf_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_letter(tmp_path / "a" / "letter.docx", "one")
    second = make_letter(tmp_path / "b" / "letter.docx", "two")

    with pytest.raises(ConversionError, match="same file"):
        convert_to_pdf([first, second], tmp_path / "out")


def test_a_missing_document_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match=r"nowhere\.docx: does not exist"):
        convert_to_pdf([tmp_path / "nowhere.docx"], tmp_path / "out")


def test_nothing_to_convert_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COALITION_SOFFICE", str(tmp_path / "missing"))
    assert convert_to_pdf([], tmp_path / "out") == []


@pytest.mark.libreoffice
def test_a_workbook_survives_a_save_by_libreoffice_calc(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Part 1"
    sheet["A1"] = "Sports & Social Club 🏀"
    sheet["A2"] = "01234"
    workbook.save(tmp_path / "plan.xlsx")

    copy = convert_workbook(tmp_path / "plan.xlsx", tmp_path / "resaved")

    assert copy == tmp_path / "resaved" / "plan.xlsx"
    reopened = openpyxl.load_workbook(copy)
    assert reopened.sheetnames == ["Part 1"]
    assert reopened["Part 1"]["A1"].value == "Sports & Social Club 🏀"
    assert reopened["Part 1"]["A2"].value == "01234"


def test_a_workbook_is_never_saved_over_itself(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "plan.xlsx")
    with pytest.raises(OutputError, match="its own copy"):
        convert_workbook(tmp_path / "plan.xlsx", tmp_path)


def test_a_pdf_is_never_converted_over_itself(tmp_path: Path) -> None:
    pdf = tmp_path / "already.pdf"
    pdf.write_bytes(b"%PDF-1.4 the user's own file")
    with pytest.raises(OutputError, match=r"already\.pdf: is already a \.pdf file"):
        convert_to_pdf([pdf], tmp_path)
    assert pdf.read_bytes() == b"%PDF-1.4 the user's own file"
