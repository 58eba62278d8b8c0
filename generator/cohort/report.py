"""The Word summary of a cohort, for a funder: the same template pipeline as the briefing.

``build_context`` turns the summary's tables into plain data (numbers counted, sentences
phrased, shares written as percentages); ``render_report`` renders it through
:class:`~generator.word.batch.DocxRenderer` with the sandboxed, escaping, strict environment, so
that a community's name can never be template code and a misspelt field in a restyled template
stops with its name and paragraph. The default template is ``templates/cohort.docx``, built by
``templates/build_cohort_template.py``; docs/summarize.md lists its fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.briefing.report import chart_size, render_document
from generator.cohort.summary import ALL_INVITATIONS, CohortSummary
from generator.common.bundled import bundled_folder
from generator.common.english import counted, listed, written_date
from generator.common.errors import TemplateError

TEMPLATE_NAME = "cohort.docx"
CHART_SLOT = "cohort-chart"
FIELDS_HELP = "docs/summarize.md lists the fields a cohort template can use"
NOBODY = "\u2014"


def default_template() -> Path:
    template = bundled_folder("templates") / TEMPLATE_NAME
    if template.is_file():
        return template
    raise TemplateError(f"the bundled template {TEMPLATE_NAME} is missing; reinstall coalition.")


def render_report(summary: CohortSummary, template: Path | None = None) -> bytes:
    """The Word summary as .docx bytes; a template problem is one TemplateError sentence."""
    from generator.word.pictures import Picture

    template = Path(template) if template is not None else default_template()
    context = build_context(summary)
    pictures: dict[str, bytes] = {}
    if context["numbers"]["communities"] and (summary.priorities["chosen"] > 0).any():
        from generator.cohort.picture import cohort_chart

        png = cohort_chart(summary.priorities, context["numbers"]["communities"])
        width, height = chart_size(png)
        context["chart"] = Picture(CHART_SLOT, width, height, "The most chosen priorities")
        pictures[CHART_SLOT] = png
    return render_document(template, context, pictures, FIELDS_HELP)


def build_context(summary: CohortSummary) -> dict[str, Any]:
    """Everything the template may show, as plain data. ``chart`` is the picture, or "" when
    no community chose a priority."""
    n = summary.numbers
    communities = n["communities"]
    numbers = {
        **{k: v for k, v in n.items() if isinstance(v, int)},
        "median_partners": _number(n["median_partners"]),
        "partners": n["existing_partners"] + n["potential_partners"],
        "on_invite_list": n["to_invite"] + n["invited"] + n["accepted"] + n["declined"],
        "accepted_of_sent": percent(n["accepted_of_sent"]),
        "accepted_of_answered": percent(n["accepted_of_answered"]),
    }
    watch = [_watch(row, communities) for row in summary.watch.to_dict("records")]
    return {
        "title": f"A cohort of {counted(communities, 'community', 'communities')}",
        "date": written_date(summary.today),
        "numbers": numbers,
        "summary": _sentences(summary),
        "chart": "",
        "top": [_priority(row) for row in _most_chosen(summary)],
        "watch": watch,
        "often": {
            "communities": n["often"],
            "rule": f"chosen by at least {n['often']} of the "
            f"{counted(communities, 'community', 'communities')}, and fewer than half of those "
            "have a partner for it",
        },
        "communities": [
            _community(row)
            for row in summary.communities.to_dict("records")
            if row["state"] == "Counted"
        ],
        "organization_types": [
            {
                "type": row["type"],
                "existing": int(row["existing"]),
                "potential": int(row["potential"]),
                "partners": int(row["partners"]),
                "share": percent(row["share"]),
            }
            for row in summary.organization_types.to_dict("records")
        ],
        "acceptance": {
            "tracking": n["tracking"],
            "by_type": _acceptance(summary.acceptance_by_type),
            "by_role": _acceptance(summary.acceptance_by_role),
        },
        "notes": {
            "unreadable": [
                {"file": r.file, "reason": r.reason.removeprefix(f"{r.file}: ")}
                for r in summary.unreadable
            ],
            "duplicates": _duplicates(summary),
            "skipped": len(summary.skipped),
        },
        "findings": [
            {
                "code": row["code"],
                "severity": row["severity"].capitalize(),
                "workbooks": int(row["workbooks"]),
                "times": int(row["times"]),
            }
            for row in summary.findings.to_dict("records")
        ],
    }


def percent(value: Any) -> str:
    """ "46%", or a dash when there is nothing to divide."""
    if value is None or value != value:  # None or NaN
        return NOBODY
    return f"{float(value):.0%}"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _most_chosen(summary: CohortSummary) -> list[dict[str, Any]]:
    table = summary.priorities[summary.priorities["chosen"] > 0]
    return table.sort_values("chosen", ascending=False, kind="stable").head(10).to_dict("records")


def _priority(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "priority": row["priority"],
        "checklist": row["checklist"],
        "chosen": int(row["chosen"]),
        "share": percent(row["share"]),
        "existing": int(row["existing"]),
        "potential_only": int(row["potential_only"]),
        "no_partner": int(row["no_partner"]),
    }


def _watch(row: dict[str, Any], communities: int) -> dict[str, Any]:
    chosen, none = int(row["chosen"]), int(row["no_partner"])
    return {
        **_priority(row),
        "covered": percent(row["covered_share"]),
        "sentence": f"{row['priority']} ({row['checklist'].lower()}): chosen by {chosen} of "
        f"{communities} communities; {counted(none, 'has', 'have')} no partner for it.",
    }


def _community(row: dict[str, Any]) -> dict[str, Any]:
    on_list = sum(int(row[c]) for c in ("to_invite", "invited", "accepted", "declined"))
    chosen = sum(int(row[c]) for c in ("groups", "areas", "assets"))
    return {
        "community": row["community"],
        "existing": int(row["existing"]),
        "potential": int(row["potential"]),
        "on_invite_list": on_list,
        "accepted": int(row["accepted"]),
        "priorities": chosen,
        "no_partner": int(row["no_partner"]),
        "no_partner_list": row["no_partner_list"] or NOBODY,
        "errors": int(row["errors"]),
        "warnings": int(row["warnings"]),
    }


def _acceptance(frame: Any) -> list[dict[str, Any]]:
    return [
        {
            "group": row["group"],
            "is_total": row["group"] == ALL_INVITATIONS,
            "sent": int(row["sent"]),
            "accepted": int(row["accepted"]),
            "declined": int(row["declined"]),
            "awaiting": int(row["awaiting"]),
            "accepted_of_sent": percent(row["accepted_of_sent"]),
            "accepted_of_answered": percent(row["accepted_of_answered"]),
        }
        for row in frame.to_dict("records")
    ]


def _duplicates(summary: CohortSummary) -> list[str]:
    sentences = []
    for record in summary.duplicates:
        if record.counted:
            sentences.append(
                f"{record.community}: {listed([record.file, *record.duplicates])} "
                f"hold the same community; only {record.file}, saved last, is counted."
            )
    return sentences


def _sentences(summary: CohortSummary) -> list[str]:
    """The summary's sentences, with counts and plurals done here rather than in Jinja."""
    n = summary.numbers
    communities = n["communities"]
    if not communities:
        return ["No community's workbook could be read, so there is nothing to sum up yet."]
    sentences = [
        f"The cohort counts {counted(communities, 'community', 'communities')}, with "
        f"{counted(n['existing_partners'], 'existing partner')} and "
        f"{counted(n['potential_partners'], 'potential partner')} in all "
        f"({_number(n['median_partners'])} per community, the median)."
    ]
    top = _most_chosen(summary)[:3]
    if top:
        named = listed(f"{row['priority']} ({row['chosen']} of {communities})" for row in top)
        sentences.append(f"The priorities chosen most often: {named}.")
    if len(summary.watch):
        names = listed(summary.watch["priority"])
        sentences.append(
            f"{counted(len(summary.watch), 'priority is', 'priorities are')} chosen often but "
            f"covered rarely: {names}."
        )
    else:
        sentences.append("Every priority chosen often has a partner in most communities.")
    if n["tracking"]:
        accepted, waiting = n["accepted"], n["invited"]
        sentences.append(
            f"{counted(n['tracking'], 'community tracks', 'communities track')} invitations: of "
            f"{counted(n['sent'], 'invitation')} sent, {accepted} "
            f"{'was' if accepted == 1 else 'were'} accepted ({percent(n['accepted_of_sent'])}), "
            f"{n['declined']} declined and {counted(waiting, 'awaits', 'await')} an answer."
        )
    else:
        sentences.append("No community tracks what became of its invitations yet.")
    left_out = []
    if n["unreadable"]:
        left_out.append(f"{counted(n['unreadable'], 'workbook')} could not be read")
    if n["duplicates"]:
        left_out.append(f"{counted(n['duplicates'], 'duplicate')} left out")
    if left_out:
        sentences.append(f"{listed(left_out).capitalize()}; the notes at the end say which.")
    return sentences
