"""Shared fixtures: the Forest City sample as a plan and as a workbook, and a workbook factory.

The suite runs in parallel (pytest-xdist, see pyproject.toml). What is costly to make and only
read by tests (a workbook written from the sample, a run of the demo, workbooks re-saved by
LibreOffice) is made once per run by ``make_once`` and shared by every worker; a test that
changes such a file gets its own copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium_paths

from generator.demo.sample import load_plan, sample_dir
from generator.excel.writer import write_workbook
from generator.plan.model import CoalitionPlan

SAMPLE_TOML = sample_dir() / "forest-city.toml"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``libreoffice`` need soffice; tests marked ``browser`` need Chromium and
    chromedriver. Locally they are skipped without them; in CI (CI=true) they fail instead, so
    that a missing install step cannot pass unnoticed."""
    if os.environ.get("CI"):
        return  # let them run and fail loudly
    missing = {}
    if not (shutil.which("soffice") or os.environ.get("COALITION_SOFFICE")):
        missing["libreoffice"] = "LibreOffice (soffice) is not installed"
    if chromium_paths() is None:
        missing["browser"] = "Chromium and chromedriver are not installed"
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


# --- Made once per run ----------------------------------------------------------------------------

MakeOnce = Callable[[str, Callable[[Path], object]], Path]


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every xdist worker sees (each has a subfolder of it)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and _can_lock():
        return base.parent
    return base


def _can_lock() -> bool:
    try:
        import fcntl  # noqa: F401
    except ImportError:  # Windows: each worker makes its own
        return False
    return True


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (between processes, where the system has flock)."""
    if not _can_lock():
        yield
        return
    import fcntl

    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def make_once(tmp_path_factory: pytest.TempPathFactory) -> MakeOnce:
    """``make_once(name, make)``: the folder that ``make(folder)`` filled, once in this run.

    The first worker to ask makes it while the others wait for it; later calls return the same
    folder. Its files are shared: a test must copy one before changing it.
    """
    made: dict[str, Path] = {}

    def once(name: str, make: Callable[[Path], object]) -> Path:
        if name not in made:
            root = _run_folder(tmp_path_factory)
            folder = root / f"once-{name}"
            with _locked(root / f"once-{name}.lock"):
                if not (folder / ".made").exists():
                    shutil.rmtree(folder, ignore_errors=True)  # left by a failed attempt
                    folder.mkdir()
                    make(folder)
                    (folder / ".made").touch()
            made[name] = folder
        return made[name]

    return once


# --- The sample -----------------------------------------------------------------------------------


@pytest.fixture
def sample_plan() -> CoalitionPlan:
    """The Forest City plan, fresh for each test (tests may change it)."""
    return load_plan(SAMPLE_TOML)


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write a plan as a workbook the way `coalition new-workbook` would, and return its path."""
    counter = iter(range(1_000_000))

    def make(plan: CoalitionPlan, name: str | None = None) -> Path:
        path = tmp_path / (name or f"workbook-{next(counter)}.xlsx")
        return write_workbook(path, plan.vocabulary, plan.community, plan=plan)

    return make


@pytest.fixture
def sample_workbook(make_once: MakeOnce, tmp_path: Path) -> Path:
    """The Forest City sample as `coalition new-workbook` writes it, a copy for this test alone.

    It is written once per run and copied, since tests use it some 150 times."""

    def write(folder: Path) -> None:
        plan = load_plan(SAMPLE_TOML)
        write_workbook(folder / "forest-city.xlsx", plan.vocabulary, plan.community, plan=plan)

    path = tmp_path / "forest-city.xlsx"
    shutil.copyfile(make_once("sample-workbook", write) / "forest-city.xlsx", path)
    return path


# --- Workbooks re-saved by LibreOffice Calc ------------------------------------------------------

CalcWriter = Callable[[Path], list[Path]]


def _writer_key(write: CalcWriter) -> str:
    return f"{write.__module__}.{write.__qualname__}"


@pytest.fixture(scope="session")
def resaved_by_calc(
    request: pytest.FixtureRequest, make_once: MakeOnce
) -> Callable[[CalcWriter, Path], list[Path]]:
    """``resaved_by_calc(write, folder)``: the workbooks ``write(folder)`` writes, as LibreOffice
    Calc saves them (what `convert_workbook` does), copied into ``folder`` for the test.

    Starting LibreOffice costs more than converting a workbook, so the workbooks of every
    ``write`` listed in the ``CALC_RESAVES`` of a module this run tests go through a single
    LibreOffice run, made once per test run, whatever the number of workers.
    """
    import json

    def writers() -> dict[str, CalcWriter]:
        found: dict[str, CalcWriter] = {}
        for item in request.session.items:
            if "resaved_by_calc" in getattr(item, "fixturenames", ()):
                for write in getattr(getattr(item, "module", None), "CALC_RESAVES", ()):
                    found[_writer_key(write)] = write
        return found

    def convert_all(folder: Path) -> None:
        from generator.common.errors import ConversionError
        from generator.word import pdf

        targets: dict[Path, Path] = {}
        written: dict[str, list[str]] = {}
        for key, write in sorted(writers().items()):
            (folder / "in" / key).mkdir(parents=True)
            (folder / "out" / key).mkdir(parents=True)
            paths = write(folder / "in" / key)
            written[key] = [path.name for path in paths]
            targets.update({path: folder / "out" / key / path.name for path in paths})
        # One run over all of them, as convert_workbook runs LibreOffice over one.
        _, failed = pdf._convert_chunk(
            pdf.find_soffice("libreoffice-calc-nogui"),
            list(targets),
            targets,
            pdf._WORKBOOK_FILTERS["xlsx"],
            "xlsx",
            None,
            pdf._Running(),
        )
        if failed:
            names = ", ".join(str(path.relative_to(folder)) for path in failed)
            raise ConversionError(f"LibreOffice Calc could not re-save {names}.")
        (folder / "written.json").write_text(json.dumps(written), encoding="utf-8")

    def resaved(write: CalcWriter, folder: Path) -> list[Path]:
        made = make_once("calc-resaves", convert_all)
        key = _writer_key(write)
        names = json.loads((made / "written.json").read_text(encoding="utf-8")).get(key)
        if names is None:
            raise LookupError(f"{key} is not listed in the CALC_RESAVES of its test module.")
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(made / "out" / key / name, folder / name)) for name in names]

    return resaved


@pytest.fixture
def web(tmp_path: Path) -> Any:
    """The pages of `coalition serve` through Flask's test client, the key already given."""
    from web_helpers import make_web

    return make_web(tmp_path / "serve")
