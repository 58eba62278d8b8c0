"""The tree shows the design: packages import one way only, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent

#: Each subpackage may import from its own layer and the layers below it, never above: the data
#: flows from the worksheet's declaration to the plan, the files, the documents, then the pages
#: and the CLI (whose `serve` starts the pages).
LAYERS = (
    {"common"},
    {"worksheet"},
    {"plan"},
    {"excel"},
    {"word"},
    {"merging", "briefing", "letters", "data"},
    {"cohort"},  # many plans at once; its Word summary borrows the briefing's chart and sizing
    {"demo"},
    {"web"},
    {"cli"},
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
#: Peers of one layer that may use each other (none, today).
PEERS: set[tuple[str, str]] = set()

MODULE_LINES = 450


def imports(path: Path) -> list[str]:
    """Every ``generator.X`` a module imports, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name.startswith("generator.")]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_subpackage_has_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(RANK), "add the new subpackage to LAYERS in tests/test_design.py"


def test_packages_import_only_their_own_layer_and_below() -> None:
    against = []
    for path in modules():
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2:
            continue  # generator/__init__.py and __main__.py sit above everything
        mine = parts[0]
        for name in imports(path):
            theirs = name.split(".")[1]
            if theirs == mine or (mine, theirs) in PEERS:
                continue
            if RANK.get(theirs, -1) >= RANK[mine]:
                against.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert against == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                private += [
                    f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and alias.name != "__version__"
                ]
    assert private == []


def test_modules_have_one_job_and_stay_small() -> None:
    long = [
        f"{path.relative_to(PACKAGE)}: {lines} lines"
        for path in modules()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MODULE_LINES
    ]
    assert long == []


def test_every_module_says_its_job_in_a_docstring() -> None:
    silent = [
        str(path.relative_to(PACKAGE))
        for path in modules()
        if path.stat().st_size and not ast.get_docstring(ast.parse(path.read_text("utf-8")))
    ]
    assert silent == []
