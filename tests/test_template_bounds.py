"""No template, however hostile, runs unbounded: each bound is one sentence for that row, and
the batch goes on. Bounds are proved by counting (steps, sizes, depth), never by timing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_render import make_template, text_of

from generator.cli import main
from generator.letters.batch import Options, Outcome, write_letters
from generator.plan.model import CoalitionPlan
from generator.word.batch import DocxRenderer, RenderError
from generator.word.bounds import Limits

DAY = dt.date(2026, 5, 4)

HOSTILE = {
    "nested loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "more than 1,000,000 steps",
    ),
    "a huge power": ("{{ 10 ** (10 ** 9) }}", "a number of more than 10,000 bits"),
    "a huge repetition": ('{{ "x" * 10 ** 9 }}', "a repeated text or list of 1,000,000,000"),
    "a list repeated": ("{{ [1, 2] * 900000 }}", "a repeated text or list of 1,800,000"),
    "a text doubled in a loop": (
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}{{ ns.s | length }}",
        "a joined text of 1,048,576 characters",
    ),
    "a text doubled with +": (
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}'
        "{% endfor %}",
        "a joined text or list of 1,048,576",
    ),
    "a macro that calls itself": (
        "{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}",
        "more than 50 deep",
    ),
    "a padded text": ('{{ "x" | center(10 ** 9) }}', "a padded or wrapped text"),
    "a padded text, as a method": ('{{ "x".ljust(10 ** 8) }}', "a padded or wrapped text"),
    "an indented text": (
        '{{ ("a\\n" * 1000) | indent(100000) }}',
        "an indented text",
    ),
    "a replace that multiplies": (
        '{{ ("a" * 5000) | replace("", "b" * 5000) }}',
        "a replaced text of 25,010,000 characters",
    ),
    "a huge format width": ('{{ "%999999999d" % 1 }}', "a width of millions"),
    "a huge format() width": ('{{ "{:>999999999}".format(1) }}', "a width of millions"),
    "a join that multiplies": (
        '{{ range(100000) | list | join("y" * 1000) }}',
        "a joined text of 100,487,890 characters",
    ),
    "many slices": ("{{ [1] | slice(10 ** 8) | list }}", "a padded or wrapped text"),
}


@pytest.mark.parametrize("code", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_template_stops_with_one_sentence(tmp_path: Path, code: str) -> None:
    source, reason = HOSTILE[code]
    template = make_template(tmp_path / "hostile.docx", ["Before", source])
    with pytest.raises(RenderError) as caught:
        DocxRenderer(template).render({})
    message = str(caught.value)
    assert caught.value.bounded
    assert message.startswith("hostile.docx: word/document.xml, paragraph 2")
    assert "the template was stopped because it" in message
    assert reason in message
    assert message.endswith(".") and not message.endswith("..")


def test_the_time_and_output_bounds(tmp_path: Path) -> None:
    loop = make_template(tmp_path / "slow.docx", ["{% for i in range(50) %}{{ i }}{% endfor %}"])
    with pytest.raises(RenderError, match="longer than 0 seconds"):
        DocxRenderer(loop, limits=Limits(seconds=0)).render({})
    with pytest.raises(RenderError, match="more than 1,000 characters of XML"):
        DocxRenderer(loop, limits=Limits(output=1000)).render({})
    assert "012" in text_of(DocxRenderer(loop).render({}))  # within the bounds it renders


def test_ordinary_templates_stay_far_within_the_bounds(tmp_path: Path) -> None:
    template = make_template(
        tmp_path / "t.docx",
        [
            "{% for a in range(200) %}{{ a * 2 }} {{ 'x' * 3 }}{{ a ~ '!' }}{% endfor %}",
            "{{ 2 ** 64 }} {{ '%05d' % 42 }} {{ '{:>8}'.format(7) }} {{ 'abc' | center(9) }}",
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ n }}{% endif %}{% endmacro %}{{ m(20) }}",
        ],
    )
    text = DocxRenderer(template, limits=Limits(steps=5000)).render({})
    assert text


def test_a_row_past_a_bound_fails_and_the_batch_goes_on(
    sample_plan: CoalitionPlan, tmp_path: Path
) -> None:
    # Only the Chamber's letter computes something absurd; every other letter is written.
    template = make_template(
        tmp_path / "letter.docx",
        ["Dear {{ member }},", "{% if 'Chamber' in organization %}{{ 9 ** (9 ** 9) }}{% endif %}"],
    )
    batch = write_letters(sample_plan, tmp_path / "out", Options(date=DAY, template=template))
    failed = batch.having(Outcome.FAILED)
    assert [r.recipient for r in failed] == ["Harold Brooks"]
    assert failed[0].reason.startswith("letter.docx: word/document.xml, paragraph 2")
    assert len(batch.having(Outcome.WRITTEN)) == 9


def test_a_template_past_its_bounds_on_every_row_is_given_up_after_three(
    sample_workbook: Path, tmp_path: Path
) -> None:
    template = make_template(
        tmp_path / "loops.docx",
        ["{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"],
    )
    result = CliRunner().invoke(
        main,
        ["letters", str(sample_workbook), "-o", str(tmp_path / "out"), "--template", str(template)],
    )
    assert result.exit_code == 1, result.output
    assert "Failed 10 rows:" in result.output
    assert result.output.count("more than 1,000,000 steps") == 3
    assert result.output.count("not tried: loops.docx went past its bounds on the 3 rows") == 7
    assert "Internal error" not in result.output


def test_templates_check_reports_hostile_templates_without_a_workbook(tmp_path: Path) -> None:
    template = make_template(tmp_path / "power.docx", ["{{ member }} {{ 10 ** (10 ** 10) }}"])
    result = CliRunner().invoke(main, ["templates", "check", str(template)])
    assert result.exit_code == 1, result.output
    assert "would fail on every row tried: word/document.xml, paragraph 1" in result.output
    assert "not tried: the template went past its bounds" in result.output
