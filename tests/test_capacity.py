"""How many workers a batch starts: from the cores, the load and the memory actually free."""

from __future__ import annotations

import pytest

import generator.common.capacity as capacity
from generator.word.pdf import SOFFICE_MEMORY, choose_workers

GiB = 1024**3


def machine(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float | None, memory: int | None
) -> None:
    monkeypatch.setattr(capacity, "usable_cores", lambda: cores)
    monkeypatch.setattr(capacity, "load_average", lambda: load)
    monkeypatch.setattr(capacity, "running_now", lambda: load)
    monkeypatch.setattr(capacity, "available_memory", lambda: memory)


@pytest.mark.parametrize(
    ("cores", "load", "memory", "documents", "expected"),
    [
        (2, 0.0, 8 * GiB, 40, 2),  # an idle machine: one per core
        (2, 0.0, 8 * GiB, 1, 1),  # never more than the documents
        (2, 3.0, 8 * GiB, 40, 2),  # busy: a second instance still repays its start-up...
        (2, 3.0, 8 * GiB, 10, 1),  # ...but not for a short batch, which it would only slow
        (8, 0.0, 8 * GiB, 200, 8),
        (8, 0.0, 3 * SOFFICE_MEMORY, 200, 3),  # as many as the memory holds
        (8, 0.0, SOFFICE_MEMORY // 2, 200, 1),  # and one even when it looks short
        (4, None, None, 200, 4),  # where neither load nor memory is known, the cores
    ],
)
def test_pdf_workers_follow_the_cores_load_and_memory_free(
    monkeypatch: pytest.MonkeyPatch,
    cores: int,
    load: float | None,
    memory: int | None,
    documents: int,
    expected: int,
) -> None:
    machine(monkeypatch, cores, load, memory)
    assert choose_workers(documents) == expected


def test_the_count_is_the_one_that_finishes_soonest(monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, 2, None, None)
    # One core each while they fit; past that, every runnable process shares the cores.
    assert capacity.workers_for(100, most=8, start_cost=1.0, task_cost=0.1, load=0) == 2
    assert capacity.workers_for(4, most=8, start_cost=5.0, task_cost=0.1, load=2) == 1
    assert capacity.workers_for(100, most=1, load=0) == 1


def test_the_load_is_the_lower_of_the_last_minute_and_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Letters rendered on every core a moment ago still weigh on the load average.
    monkeypatch.setattr(capacity, "load_average", lambda: 2.5)
    monkeypatch.setattr(capacity, "running_now", lambda: 0.4)
    assert capacity.busy() == 0.4
    monkeypatch.setattr(capacity, "running_now", lambda: None)
    assert capacity.busy() == 2.5


def test_this_machine_is_read() -> None:
    assert capacity.usable_cores() >= 1
    now = capacity.running_now()
    assert now is None or now >= 0
    memory = capacity.available_memory()
    assert memory is None or memory > 0
    assert capacity.workers_for(100, most=64) >= 1
