"""The pages, in the order of the work: Start, Check, Briefing, Letters; and the downloads.

Each page is a blueprint that reads its form, calls the library function the CLI calls, and
shows the result; what they share is here: the workspace, and rendering with a message.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template

from generator.web.security import Limits
from generator.web.workspace import Workspace

#: The steps of the work, as the navigation lists them: (endpoint, label).
STEPS = (
    ("start.page", "1. Start"),
    ("check.page", "2. Check"),
    ("briefing.page", "3. Briefing"),
    ("letters.page", "4. Letters"),
)


def workspace() -> Workspace:
    return current_app.extensions["coalition.workspace"]


def limits() -> Limits:
    return current_app.config["COALITION_LIMITS"]


def show(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """A page, with ``error`` (one sentence, or several) shown at its top when given."""
    return render_template(template, ws=workspace(), **context), status
