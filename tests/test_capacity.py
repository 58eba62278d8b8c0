"""How many workers a batch starts: from the cores, the load and the memory actually free."""

from __future__ import annotations

import pytest

import generator.common.capacity as capacity
from generator.word.pdf import DOCUMENTS_PER_WORKER, SOFFICE_MEMORY, choose_workers

GiB = 1024**3


def machine(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float | None, memory: int | None
) -> None:
    monkeypatch.setattr(capacity, "usable_cores", lambda: cores)
    monkeypatch.setattr(capacity, "load_average", lambda: load)
    monkeypatch.setattr(capacity, "available_memory", lambda: memory)


@pytest.mark.parametrize(
    ("cores", "load", "memory", "documents", "expected"),
    [
        (2, 0.0, 8 * GiB, 200, 2),  # an idle machine: one per core
        (2, 1.0, 8 * GiB, 200, 1),  # one core busy
        (2, 0.4, 8 * GiB, 200, 2),  # a core busy 40% of the time still gives most of itself
        (2, 3.7, 8 * GiB, 200, 1),  # overloaded: never fewer than one
        (8, 0.0, 8 * GiB, 200, 8),
        (8, 0.0, 3 * SOFFICE_MEMORY, 200, 3),  # as many as the memory holds
        (8, 0.0, SOFFICE_MEMORY // 2, 200, 1),  # and one even when it looks short
        (8, 0.0, 8 * GiB, 2 * DOCUMENTS_PER_WORKER, 2),  # a start-up is worth ten documents
        (8, 0.0, 8 * GiB, 3, 1),
        (4, None, None, 200, 4),  # where neither is known, the cores
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


def test_this_machine_is_read() -> None:
    assert capacity.usable_cores() >= 1
    memory = capacity.available_memory()
    assert memory is None or memory > 0
    assert capacity.workers_for(100, most=64) >= 1
