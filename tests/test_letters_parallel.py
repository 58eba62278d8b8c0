"""Letters rendered by forked workers: the very bytes one process writes, and the same summary,
manifest, give-up and refusal rules."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from test_render import make_template

from generator.common.errors import TemplateError
from generator.letters import batch as batch_module
from generator.letters import writer as writer_module
from generator.letters.batch import Options, Outcome, Result, write_letters
from generator.letters.manifest import read_manifest
from generator.letters.parallel import can_fork
from generator.plan.model import CoalitionPlan, Invitee
from generator.worksheet import Status

DAY = dt.date(2026, 5, 4)

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers even for the sample's ten letters (a real batch needs a hundred)."""
    monkeypatch.setattr(batch_module, "PARALLEL_FROM", 0)


def many(plan: CoalitionPlan, copies: int) -> CoalitionPlan:
    """The sample's invite list repeated, so that every worker gets several spans."""
    invitees = [i for i in plan.invitees if i.status is Status.INVITE]
    plan.invitees = [
        Invitee(**{**vars(i), "member": f"{i.member} {n}", "source": None})
        for n in range(copies)
        for i in invitees
    ]
    return plan


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_workers_write_the_same_bytes_and_manifest_as_one_process(
    sample_plan: CoalitionPlan, tmp_path: Path, always_parallel: None
) -> None:
    plan = many(sample_plan, 6)
    one = write_letters(plan, tmp_path / "one", Options(date=DAY), workers=1)
    two = write_letters(plan, tmp_path / "two", Options(date=DAY), workers=3)

    assert len(one.letters) == len(two.letters) == 60
    assert files(tmp_path / "one") == files(tmp_path / "two")  # letters and manifest.csv
    assert [(r.row, r.file, r.outcome, r.sha256) for r in one.results] == [
        (r.row, r.file, r.outcome, r.sha256) for r in two.results
    ]
    again = write_letters(plan, tmp_path / "two", Options(date=DAY), workers=2)
    assert {r.outcome for r in again.results} == {Outcome.UNCHANGED}


def test_progress_moves_once_per_letter(
    sample_plan: CoalitionPlan, tmp_path: Path, always_parallel: None
) -> None:
    seen: list[str] = []

    def progress(jobs: list) -> object:
        for job in jobs:
            seen.append(job.file)
            yield job

    batch = write_letters(sample_plan, tmp_path, Options(date=DAY), progress=progress, workers=2)
    assert len(seen) == len(batch.letters) == 10


def test_a_template_past_its_bounds_is_given_up_by_every_worker(
    sample_plan: CoalitionPlan, tmp_path: Path, always_parallel: None
) -> None:
    plan = many(sample_plan, 10)
    template = make_template(
        tmp_path / "loops.docx",
        ["{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"],
    )
    batch = write_letters(plan, tmp_path / "out", Options(date=DAY, template=template), workers=2)
    failed = batch.having(Outcome.FAILED)
    assert len(failed) == 100
    tried = [r for r in failed if "not tried" not in r.reason]
    # Three in a row, in each worker at most, before the others see that it was given up.
    assert 3 <= len(tried) <= 6
    assert not list((tmp_path / "out").glob("*.docx"))


def test_a_template_refused_as_it_renders_stops_every_worker(
    sample_plan: CoalitionPlan, tmp_path: Path, always_parallel: None
) -> None:
    plan = many(sample_plan, 6)
    template = make_template(tmp_path / "t.docx", ["{{ member.__class__.__mro__ }}"])
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="may not do"):
        write_letters(plan, out, Options(date=DAY, template=template), workers=2)
    assert not out.exists()  # nothing was written, so nothing is left behind


def test_a_worker_that_dies_breaks_the_batch_instead_of_hanging(
    sample_plan: CoalitionPlan,
    tmp_path: Path,
    always_parallel: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    plan = many(sample_plan, 6)
    # The first span goes to the worker (this process renders spans too, after handing out).
    doomed = plan.invitees[0].member
    parent = os.getpid()
    write = writer_module.LetterWriter.write

    def dies_on_one(self: writer_module.LetterWriter, job: batch_module.Job) -> Result:
        if job.invitee.member == doomed and os.getpid() != parent:
            os._exit(9)  # killed as by the kernel, in the middle of the batch
        return write(self, job)

    monkeypatch.setattr(writer_module.LetterWriter, "write", dies_on_one)
    with pytest.raises(BrokenProcessPool):
        write_letters(plan, tmp_path, Options(date=DAY), workers=2)
    # What was written before is in the manifest, so a re-run knows those letters as its own.
    recorded = read_manifest(tmp_path)
    assert recorded and all((tmp_path / file).exists() for file in recorded)
