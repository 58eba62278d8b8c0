"""The README's pictures show what the tool makes today.

``docs/make_pictures.py`` wrote, beside each picture, the lines of text it shows; this test makes
the same outputs with the current code and fails when one of those lines is gone. Then run
``.venv/bin/python docs/make_pictures.py`` and commit the new pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from picture_text import output_text

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT / "docs"))

from make_pictures import PICTURES, outputs  # noqa: E402


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    made = outputs(tmp_path_factory.mktemp("pictures"))
    return {name: output_text(path) for name, path in made.items()}


def test_every_picture_has_its_text_and_is_referenced() -> None:
    documents = "".join(
        path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *ROOT.glob("docs/*.md")]
    )
    for picture in PICTURES:
        assert (IMAGES / f"{picture.name}.png").is_file()
        assert (IMAGES / f"{picture.name}.txt").is_file()
        assert f"images/{picture.name}.png" in documents


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_the_picture_shows_what_the_tool_makes_now(picture, current: dict[str, str]) -> None:
    lines = (IMAGES / f"{picture.name}.txt").read_text(encoding="utf-8").splitlines()
    shown = [line for line in lines[1:] if line]
    assert len(shown) >= 3, "the picture's text is too thin to guard it"
    missing = [line for line in shown if line not in current[picture.source]]
    assert missing == [], (
        f"docs/images/{picture.name}.png shows text the tool no longer makes; "
        "run .venv/bin/python docs/make_pictures.py"
    )
