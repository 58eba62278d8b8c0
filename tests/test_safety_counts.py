"""The inspection's counts and rectangles against the plain patterns they stand for.

The inspection counts rows, cells and shared texts, and measures a sheet's rectangle, with
shortcuts that must find exactly what these patterns find in the whole part, however a hostile
sender writes the tags (namespace prefixes, unusual whitespace, look-alike names) and wherever
the part's chunks happen to end. Each property compares the two on generated parts; the limits
are set at the count and one below, so that finding one more or one fewer fails.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.common.errors import UnsafeWorkbookError
from generator.common.xmlscan import PartScan, XmlScanError
from generator.excel import safety
from generator.excel.safety import DENSE_FACTOR, DENSE_FLOOR, inspect_workbook
from generator.worksheet.limits import LIMITS

# What a parser makes one object of, and a cell's reference as nearly every program writes it.
COUNTED = re.compile(rb"<(?:[^\s<>/:!?]+:)?(c|row|si)[\s/>]")
REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
PART = "xl/worksheets/sheet1.xml"

PREFIXES = [b"", b"", b"x:", b"c:", b"row:", b"si:", b"a.b-c:", "é:".encode(), b"a:b:", b"x :"]
NAMES = [b"c", b"row", b"si"] * 4 + [b"col", b"cols", b"cfRule", b"cellWatch", b"sheetData"]
NAMES += [b"rowBreaks", b"sizes", b"sst", b"is", b"t", b"v", b"r", b"s", b"C", b"Row", b"ci"]
# Every byte a bytes pattern's \s matches, the other two that end a name, and near misses.
ENDS = [b" ", b"\t", b"\n", b"\x0b", b"\x0c", b"\r", b"/", b">", b"\x1c", b"\x85", b"\xa0"]
ENDS += [b":", b"!", b"?", b"<", b"=", b"a", b"1", b'"']
TEXTS = [b":c ", b": row>", b":si/", b":c\x0b", b'<!-- <c r="A1"/> -->', b"<?pi x?>", b"</c>"]
TEXTS += [b"</row>", b">", b"!", b"?", b"<", b"<!", b"<?", b' r="B2"', b"x", b"<![CDATA[<c ]]>"]

COLUMNS = st.sampled_from(["A", "B", "Z", "AA", "BA", "XFD", "ZZZ"]) | st.text(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3
)
ROWS = st.sampled_from([1, 2, 9, 10, 99, 100, 1_048_576, 9_999_999]) | st.integers(1, 9_999_999)


@st.composite
def tags(draw: st.DrawFn) -> bytes:
    prefix, name, end = (draw(st.sampled_from(options)) for options in (PREFIXES, NAMES, ENDS))
    return b"<" + prefix + name + end


CELL_FORMS = [b'<c r="%s"/>', b'<c r="%s">', b'<x:c r="%s"/>', b"<c r='%s'/>", b'<c  r="%s"/>']
CELL_FORMS += [b'<c\tr="%s"/>', b'<c r="$%s"/>', b'<c r="%s" t="n"><v>1</v></c>']
PLAIN_FORMS = [b'<c r="%s"/>', b'<c r="%s">', b'<c r="%s" t="n"><v>1</v></c>']


@st.composite
def cells(draw: st.DrawFn, forms: list[bytes] = CELL_FORMS) -> bytes:
    reference = f"{draw(COLUMNS)}{draw(ROWS)}".encode()
    return draw(st.sampled_from(forms)) % reference


FRAGMENTS = st.one_of(tags(), tags(), cells(), st.sampled_from(TEXTS))


def parts(fragments: st.SearchStrategy[bytes] = FRAGMENTS) -> st.SearchStrategy[bytes]:
    body = st.lists(fragments, max_size=40).map(b"".join)
    return body.map(lambda inner: b"<worksheet>" + inner + b"</worksheet>")


def package(folder: Path, part: bytes) -> Path:
    path = folder / "generated.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"not XML: counted nowhere")
        archive.writestr(PART, part)
    return path


def elements(part: bytes) -> int:
    return part.count(b"<") - part.count(b"</") - part.count(b"<!") - part.count(b"<?")


def expected_counts(part: bytes) -> dict[str, int]:
    names = COUNTED.findall(part)
    return {
        "max_sheet_rows": names.count(b"row"),
        "max_cells": names.count(b"c"),
        "max_shared_strings": names.count(b"si"),
        "max_elements": elements(part),
    }


def column_number(letters: bytes) -> int:
    return sum(26**power * (letter - ord("A") + 1) for power, letter in enumerate(letters[::-1]))


def expected_rectangle(part: bytes) -> str | None:
    """What the inspection said of a UTF-8 part before its shortcuts: the plain patterns."""
    references = REFERENCE.findall(part)
    if len(references) != COUNTED.findall(part).count(b"c"):
        return 'a cell without a reference written as r="A1" first'
    if not references:
        return None
    columns = [column_number(letters) for letters, _ in references]
    numbers = [int(number) for _, number in references]
    rows, width = max(numbers) - min(numbers) + 1, max(columns) - min(columns) + 1
    if rows * width > max(DENSE_FACTOR * len(references), DENSE_FLOOR):
        return f"cells spread over {rows:,} rows and {width:,} columns"
    return None


# Parts of a few hundred bytes, read in chunks as small, meet what a 1 MiB chunk meets in a
# large part: tags cut anywhere.
CHUNKS = st.sampled_from([1, 2, 3, 5, 7, 64, safety._CHUNK])
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(part=parts(), chunk=CHUNKS)
def test_counts_are_those_of_the_plain_pattern_at_any_chunk_size(
    tmp_path: Path, part: bytes, chunk: int
) -> None:
    path = package(tmp_path, part)
    expected = expected_counts(part)
    at_the_count = replace(LIMITS, **expected)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(safety, "_CHUNK", chunk)
        inspection = inspect_workbook(path, at_the_count)  # one more found would be refused
        assert inspection.openpyxl_only.get(PART) == expected_rectangle(part)
        for limit, count in expected.items():
            if count:  # one fewer found would not be refused
                with pytest.raises(UnsafeWorkbookError, match="holds more than"):
                    inspect_workbook(path, replace(at_the_count, **{limit: count - 1}))


@SETTINGS
@given(part=parts(st.one_of(cells(PLAIN_FORMS), st.sampled_from([b"<row>", b"</row>", b" "]))))
def test_a_rectangle_is_measured_from_every_cell_written_plainly(tmp_path: Path, part: bytes):
    assert inspect_workbook(package(tmp_path, part)).openpyxl_only.get(PART) == (
        expected_rectangle(part)
    )


DOCTYPES = [b"<!DOCTYPE x>", b"<!doctype", b"<!DocType [", b"<!doctyp", b"!doctype", b"<!-- -->"]


@settings(max_examples=400, deadline=None)
@given(
    part=parts(st.one_of(FRAGMENTS, st.sampled_from(DOCTYPES))),
    data=st.data(),
    max_tag=st.sampled_from([1, 2, 8, 65_536]),  # a tag held back longer is given up whole
)
def test_elements_and_doctypes_are_found_as_in_the_whole_part_wherever_it_is_cut(
    part: bytes, data: st.DataObject, max_tag: int
) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(part)), max_size=12))
    declares = re.search(rb"<!doctype", part, re.IGNORECASE) is not None
    scan, start = PartScan(max_tag), 0
    try:
        for cut in sorted(cuts):
            scan.feed(part[start:cut])
            start = cut
        scan.feed(part[start:], final=True)
    except XmlScanError:
        assert declares
        return
    assert not declares
    assert scan.elements == elements(part)


@pytest.mark.parametrize(
    "written",
    [b'<x:c r="A1"/>', b"<c\x0b/>", b"<c\x0c/>", b"<row\r/>", b"<si\t/>", b"<\xc3\xa9:si>"],
)
def test_each_unusual_way_of_writing_a_counted_tag_is_counted(tmp_path: Path, written: bytes):
    part = b"<worksheet>" + written * 3 + b"</worksheet>"
    (limit,) = (name for name, count in expected_counts(part).items() if count == 3)
    with pytest.raises(UnsafeWorkbookError, match="holds more than 2 "):
        inspect_workbook(package(tmp_path, part), replace(LIMITS, **{limit: 2}))


def test_a_part_cut_just_after_a_tag_given_up_counts_its_instructions_as_no_elements() -> None:
    # The second piece starts with the "?" that the pairs are looked for from.
    scan = PartScan(max_tag=2)
    scan.feed(b"<worksheet><abc")
    scan.feed(b"?x<?pi?><!-- --><c/>", final=True)
    assert scan.elements == elements(b"<worksheet><abc?x<?pi?><!-- --><c/>") == 3
