"""Shared fixtures: the Forest City sample as a plan and as a workbook, and a workbook factory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
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
def sample_workbook(sample_plan: CoalitionPlan, make_workbook: Callable[..., Path]) -> Path:
    """The Forest City sample written afresh into a temporary folder."""
    return make_workbook(sample_plan, "forest-city.xlsx")


@pytest.fixture
def web(tmp_path: Path) -> Any:
    """The pages of `coalition serve` through Flask's test client, the key already given."""
    from web_helpers import make_web

    return make_web(tmp_path / "serve")
