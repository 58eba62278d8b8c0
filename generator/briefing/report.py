"""The leadership briefing rendered: its context, its chart, its Word template, one .docx.

The briefing goes through the same pipeline as the letters (:mod:`generator.word`): the
sandboxed, escaping, strict environment, so that a value can never be template code or break the
document's XML, and a misspelt field stops with its name and paragraph instead of a blank.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import unicodedata
from pathlib import Path
from typing import Any

from generator.briefing.context import build_context
from generator.briefing.data_context import chart_rows
from generator.common.bundled import bundled_folder
from generator.common.english import counted
from generator.common.errors import TemplateError
from generator.common.fileio import atomic_path, check_writable
from generator.common.text import fold
from generator.plan.coverage import (
    Coverage,
    analyse,
)
from generator.plan.findings import Finding, has_errors, summary
from generator.plan.model import CoalitionPlan
from generator.plan.standing import Standing

TEMPLATE_NAME = "report.docx"
CHART_WIDTH_INCHES = 6.3
#: The tallest the chart may be and still fit a Letter or A4 page with its heading and caption.
CHART_MAX_HEIGHT_INCHES = 8.0


# --- Where things are ---------------------------------------------------------------------------


def default_template() -> Path:
    """The report template shipped with the tool: in the wheel, or beside the source tree."""
    template = bundled_folder("templates") / TEMPLATE_NAME
    if template.is_file():
        return template
    raise TemplateError(f"the bundled template {TEMPLATE_NAME} is missing; reinstall coalition.")


def report_filename(community: str) -> str:
    """``forest-city-coalition-report.docx``: the community in the name, safe on every system."""
    ascii_text = unicodedata.normalize("NFKD", fold(community)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return f"{slug[:60].strip('-')}-coalition-report.docx" if slug else "coalition-report.docx"


def findings_note(findings: list[Finding]) -> str:
    """What a briefing written with findings says about them, in one sentence."""
    found = summary(findings) if has_errors(findings) else counted(len(findings), "warning")
    return f"Found {found}; the briefing lists them in its data-quality notes."


# --- Context ------------------------------------------------------------------------------------


# --- Rendering ----------------------------------------------------------------------------------

#: Where a template author finds the fields, for messages about fields that do not exist.
FIELDS_HELP = "docs/report.md lists the fields a report template can use"
CHART_SLOT = "coverage-chart"
DATA_CHART_SLOT = "data-chart"


def write_report(
    plan: CoalitionPlan,
    findings: list[Finding] | None,
    output: Path,
    *,
    template: Path | None = None,
    prepared_by: str = "",
    today: dt.date | None = None,
    force: bool = False,
) -> Path:
    """Render the briefing for ``plan`` into ``output`` (a .docx), atomically."""
    output = Path(output)
    check_writable(output, force)
    template = Path(template) if template is not None else default_template()
    coverage = analyse(plan)
    context = build_context(plan, findings, prepared_by=prepared_by, today=today, coverage=coverage)
    document = render(template, context, coverage, chart_rows(plan))
    with atomic_path(output) as tmp:
        tmp.write_bytes(document)
    return output


def render(
    template: Path,
    context: dict[str, Any],
    coverage: Coverage | None = None,
    data_rows: list[tuple[str, Standing]] | None = None,
) -> bytes:
    """The briefing as .docx bytes, through the same pipeline as the letters.

    The coverage chart is drawn when there are priorities to show, the data's chart when chosen
    areas have a percentile (``data_rows``); any problem with the template is one
    :class:`TemplateError` naming the field and the paragraph.
    """
    from generator.word.pictures import Picture

    context = dict(context)
    pictures: dict[str, bytes] = {}
    if coverage is not None and coverage.rows:
        from generator.briefing.chart import coverage_chart

        png = coverage_chart(coverage)
        width, height = chart_size(png)
        chart = Picture(CHART_SLOT, width, height, "Partners per priority")
        context["coverage"] = {**context["coverage"], "chart": chart}
        pictures[CHART_SLOT] = png
    if data_rows:
        from generator.briefing.data_chart import standing_chart

        png = standing_chart(data_rows, context["data"]["places"])
        width, height = chart_size(png)
        chart = Picture(DATA_CHART_SLOT, width, height, "Percentile per chosen area")
        context["data"] = {**context["data"], "chart": chart}
        pictures[DATA_CHART_SLOT] = png
    return render_document(template, context, pictures, FIELDS_HELP)


def render_document(
    template: Path, context: dict[str, Any], pictures: dict[str, bytes], fields_help: str
) -> bytes:
    """One document (a briefing, a cohort's summary) from ``template``, with its pictures put
    in their slots; a template problem is one :class:`TemplateError` sentence."""
    from generator.word.batch import DocxRenderer, RenderError
    from generator.word.environment import environment

    renderer = DocxRenderer(
        template,
        env=environment(),
        schema=schema_of(context),
        pictures=tuple(pictures),
        fields_help=fields_help,
    )
    try:
        return renderer.render(context, pictures)
    except RenderError as error:
        raise TemplateError(f"cannot be rendered: {error}", template) from None


def schema_of(context: dict[str, Any]) -> dict[str, frozenset[str] | None]:
    """What a template may read: every field, with the members of those that are groups."""
    return {
        name: frozenset(value) if isinstance(value, dict) else None
        for name, value in context.items()
    }


def chart_size(png: bytes) -> tuple[float, float]:
    """Width and height in inches: the text width, or less when every priority is chosen."""
    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG header's IHDR
    width = CHART_WIDTH_INCHES
    height = width * pixels_high / pixels_wide
    if height > CHART_MAX_HEIGHT_INCHES:
        width, height = width * CHART_MAX_HEIGHT_INCHES / height, CHART_MAX_HEIGHT_INCHES
    return width, height
