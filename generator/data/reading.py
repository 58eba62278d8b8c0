"""Read a Mobility Metrics CSV with pandas: the counties or cities, their years, the metrics found.

The file is one a user downloaded from Urban's Data Catalog, perhaps opened and saved in Excel on
the way, so it is read defensively: identified before parsing (a workbook or a UTF-16 "Unicode
text" file renamed .csv gets a sentence of its own), bounded in size and rows, FIPS codes read as
text and padded back where Excel stripped their zeros, values read as numbers only where they are
numbers, and the metrics found by the names of every yearly release (:mod:`.metrics_dictionary`).
Only the columns the metrics need are kept, in chunks, so that memory stays small.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.english import counted
from generator.common.errors import DataError
from generator.data.geography import KINDS, Kind, pad_code
from generator.data.metric_types import Measure, Metric
from generator.data.metrics_dictionary import METRICS
from generator.plan.standing import Quality

if TYPE_CHECKING:
    import pandas as pd

#: Urban's county file of every year has 31,426 rows (2025 release; its files by subgroup have a
#: few times more); these bounds leave room for those and refuse what is far beyond them.
MAX_BYTES = 512 * 1024 * 1024
MAX_ROWS = 1_000_000
CHUNK_ROWS = 20_000

#: What Urban's files (written by R) put where there is no value; Excel may leave a blank.
MISSING = frozenset({"", "na", "nan", "n/a", "null", "."})
_TWO_NUMBERS = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*:\s*(\d+(?:\.\d*)?|\.\d+)\s*$")


@dataclass(frozen=True)
class Found:
    """A measure as one file has it: the variable read and its quality flag (if any)."""

    metric: Metric
    measure: Measure
    column: str
    quality: str | None


@dataclass
class MetricsFile:
    """A Mobility Metrics file as read: one row per place and year, one column per measure.

    ``frame`` has ``fips``, ``name``, ``state_name`` and ``year`` (missing when the file has
    no year: a "recent" file), each found measure's values as numbers under its variable's
    name, its quality flag as 1 to 3 under ``<variable>:quality``, and, for values Urban
    writes as two shares ("0.190:0.272"), the text under ``<variable>:text``.
    """

    path: Path
    kind: Kind
    frame: pd.DataFrame
    found: list[Found]
    missing: list[Metric]
    has_year: bool
    rows_read: int = 0
    unreadable: int = 0  # values that were not numbers, left out
    subgroups: bool = False  # the file was by subgroup: only its "All" rows were kept


def read_metrics_file(path: Path) -> MetricsFile:
    """Read ``path``; one :class:`DataError` sentence for anything that is not such a file."""
    path = Path(path)
    separator, encoding = _identify(path)
    header = _header(path, separator, encoding)
    kind = _kind(path, header)
    found, missing = _find_metrics(header)
    if not found:
        raise DataError(
            f"is not a Mobility Metrics file: it has {kind.key} codes but none of the metrics' "
            "variables (such as share_employed or share_debt_coll).",
            path,
        )
    metrics_file = MetricsFile(path, kind, _empty_frame(), found, missing, "year" in header)
    metrics_file.subgroups = "subgroup" in header
    metrics_file.frame = _read_rows(metrics_file, header, separator, encoding)
    return metrics_file


# --- Before parsing ------------------------------------------------------------------------------


def _identify(path: Path) -> tuple[str, str]:
    """The separator and encoding of a text file; anything else is one sentence."""
    if not path.exists():
        raise DataError("no such file.", path)
    if path.is_dir():
        raise DataError("is a folder; give the Mobility Metrics CSV file.", path)
    size = path.stat().st_size
    if size == 0:
        raise DataError("is empty; download the CSV file again from Urban's Data Catalog.", path)
    if size > MAX_BYTES:
        raise DataError(
            f"is {size // 2**20:,} MiB, more than any Mobility Metrics file "
            f"(at most {MAX_BYTES // 2**20} MiB are read); is it the right file?",
            path,
        )
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror}).", path) from None
    if head.startswith(b"PK\x03\x04"):
        raise DataError(
            "is an Excel workbook, not a CSV file; use the CSV file from Urban's Data Catalog "
            "(or save the sheet as CSV UTF-8).",
            path,
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError("is a legacy Excel workbook (.xls), not a CSV file.", path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            "is a UTF-16 (\u201cUnicode text\u201d) file; save it as CSV UTF-8 and try again.",
            path,
        )
    if b"\x00" in head:
        raise DataError("is not a text file; give the Mobility Metrics CSV file.", path)
    try:
        text = head.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as error:
        # Cut at the end of the sample, a character may be split; anything else is not UTF-8.
        if error.start >= len(head) - 4:
            text, encoding = head[: error.start].decode("utf-8-sig"), "utf-8-sig"
        else:
            text, encoding = head.decode("cp1252", errors="replace"), "cp1252"
    first = text.splitlines()[0] if text.splitlines() else ""
    # Excel in some languages saves "CSV" with semicolons; a tab-separated export is as common.
    separator = max((",", ";", "\t"), key=first.count)
    return separator, encoding


def _header(path: Path, separator: str, encoding: str) -> dict[str, str]:
    """The file's column names, trimmed and lower-cased, mapped to themselves as written."""
    try:
        with path.open(encoding=encoding, newline="") as stream:
            first = next(csv.reader(stream, delimiter=separator), [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"is not a readable CSV file ({error}).", path) from None
    return {name.strip().lower(): name for name in first if name.strip()}


def _kind(path: Path, header: dict[str, str]) -> Kind:
    for kind in KINDS:
        if {"state", kind.key} <= set(header):
            return kind
    shown = ", ".join(list(header)[:6]) + (", ..." if len(header) > 6 else "")
    raise DataError(
        "is not a Mobility Metrics file: it has no state and county (or place) columns "
        f"(its first columns: {shown or 'none'}).",
        path,
    )


def _find_metrics(header: dict[str, str]) -> tuple[list[Found], list[Metric]]:
    found: list[Found] = []
    missing: list[Metric] = []
    for metric in METRICS:
        here = []
        for measure in metric.measures:
            column = next((c for c in measure.columns if c in header), None)
            if column is None:
                continue
            candidates = (*measure.quality, f"{column}_quality")
            quality = next((q for q in candidates if q in header and q != column), None)
            here.append(Found(metric, measure, column, quality))
        if here:
            found.extend(here)
        else:
            missing.append(metric)
    return found, missing


# --- Parsing ------------------------------------------------------------------------------------


def _empty_frame() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame()


def _read_rows(
    metrics_file: MetricsFile, header: dict[str, str], separator: str, encoding: str
) -> pd.DataFrame:
    import pandas as pd

    path, kind = metrics_file.path, metrics_file.kind
    keys = ["state", kind.key, "state_name", kind.name_column, "year", "subgroup"]
    wanted = {k for k in keys if k in header}
    for item in metrics_file.found:
        wanted.add(item.column)
        if item.quality:
            wanted.add(item.quality)
    # Codes, names and flags are text (a code's zeros matter); values are left to pandas' own
    # fast parser, and only a column it could not read as numbers is read cell by cell.
    texts = {"state", kind.key, "state_name", kind.name_column, "subgroup"}
    texts |= {item.column for item in metrics_file.found if item.measure.unit.two_shares}
    parts = []
    try:
        chunks = pd.read_csv(
            path,
            sep=separator,
            encoding=encoding,
            usecols=lambda name: str(name).strip().lower() in wanted,
            dtype={header[name]: str for name in texts if name in header},
            keep_default_na=False,
            na_values=sorted(MISSING | {m.upper() for m in MISSING}),
            chunksize=CHUNK_ROWS,
        )
        for chunk in chunks:
            metrics_file.rows_read += len(chunk)
            if metrics_file.rows_read > MAX_ROWS:
                raise DataError(
                    f"has more than {MAX_ROWS:,} rows, more than any Mobility Metrics file; "
                    "is it the right file?",
                    path,
                )
            parts.append(_clean(chunk, metrics_file))
    except DataError:
        raise
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        detail = " ".join(str(error).split())[:160]
        raise DataError(f"is not a readable CSV file ({detail}).", path) from None
    frame = pd.concat(parts, ignore_index=True) if parts else _clean_empty(metrics_file)
    if metrics_file.subgroups and frame.empty:
        raise DataError(
            "is a file by subgroup without rows for everyone (subgroup \u201cAll\u201d); use "
            f"Urban's {kind.word} file of all residents.",
            path,
        )
    _refuse_duplicates(frame, metrics_file)
    return frame


def _clean(chunk: pd.DataFrame, metrics_file: MetricsFile) -> pd.DataFrame:
    """One chunk as numbers and padded codes, only the rows for everyone."""
    import pandas as pd

    kind = metrics_file.kind
    chunk = chunk.rename(columns=lambda name: str(name).strip().lower())
    if "subgroup" in chunk:
        chunk = chunk[chunk["subgroup"].str.strip().str.casefold() == "all"]
    # Codes repeat from year to year: each distinct one is padded once.
    states = chunk["state"].map(_padded(chunk["state"], 2))
    locals_ = chunk[kind.key].map(_padded(chunk[kind.key], kind.digits))
    # Built as one dict of columns, so that pandas keeps them in a few blocks, not a hundred.
    columns: dict[str, object] = {
        "fips": [
            s + c if isinstance(s, str) and isinstance(c, str) else None
            for s, c in zip(states, locals_, strict=True)
        ],
        "name": _text(chunk, kind.name_column),
        "state_name": _text(chunk, "state_name"),
    }
    if metrics_file.has_year:
        years = pd.to_numeric(chunk["year"], errors="coerce")
        columns["year"] = years.where((years >= 1900) & (years <= 2200) & (years % 1 == 0))
    for item in metrics_file.found:
        raw = chunk[item.column]
        if item.measure.unit.two_shares:
            # Two shares, "0.190:0.272", shown and never ranked: kept as text, and read as
            # numbers only for the community (metrics.py); here, whether there is a value.
            columns[item.column] = raw.notna().map({True: 1.0, False: float("nan")})
            columns[f"{item.column}:text"] = raw
        else:
            values, unreadable = _numbers(raw)
            columns[item.column] = values
            metrics_file.unreadable += unreadable
        if item.quality:
            columns[f"{item.column}:quality"] = _flags(chunk[item.quality])
    out = pd.DataFrame(columns, index=chunk.index)
    keep = out["fips"].notna()
    if metrics_file.has_year:
        keep &= out["year"].notna()
    return out[keep]


def _flags(raw: pd.Series) -> pd.Series:
    """Quality flags as 1.0 to 3.0, whether written 1 to 3 or Strong to Weak; NaN otherwise."""
    values = raw.to_numpy(dtype=object)
    codes = {value: Quality.read(value) for value in set(values.tolist())}
    numbers = {value: float(code) for value, code in codes.items() if code is not None}
    return raw.astype(object).map(numbers).astype("float64")


def _padded(codes: pd.Series, digits: int) -> dict[object, str | None]:
    return {code: pad_code(str(code), digits) for code in codes.unique()}


def _clean_empty(metrics_file: MetricsFile) -> pd.DataFrame:
    import pandas as pd

    columns = ["fips", "name", "state_name", *(["year"] if metrics_file.has_year else [])]
    return pd.DataFrame(columns=columns + [item.column for item in metrics_file.found])


def _text(chunk: pd.DataFrame, column: str) -> pd.Series:
    """A name column as written, "" where there is none (spacing is tidied per place, later)."""
    if column not in chunk:
        return chunk.iloc[:, 0].map(lambda _: "")
    return chunk[column].fillna("")


def _numbers(raw: pd.Series) -> tuple[pd.Series, int]:
    """Values as numbers; "NA" and blanks as missing; "2408:1" as the ratio it writes.

    pandas has already read a column of numbers as numbers; a column it could not (a stray
    word, a ratio) is read cell by cell. Returns the numbers and how many cells held something
    that is no number.
    """
    import pandas as pd

    if raw.dtype.kind in "fiu":
        values = raw.astype("float64")
        values = values.where(values.abs() != float("inf"))  # "1e400" is no count of anything
        return values, int(raw.notna().sum() - values.notna().sum())
    text = raw.astype("object").where(raw.notna(), "").astype(str).str.strip()
    missing = text.str.casefold().isin(MISSING)
    values = pd.to_numeric(text.where(~missing), errors="coerce")
    failed = values.isna() & ~missing
    if failed.any():
        pairs = text[failed].str.extract(_TWO_NUMBERS)
        ratio = pd.to_numeric(pairs[0], errors="coerce") / pd.to_numeric(
            pairs[1], errors="coerce"
        ).where(lambda b: b != 0)
        values = values.where(~failed, ratio)
    values = values.astype("float64")
    values = values.where(values.abs() != float("inf"))
    unreadable = int((values.isna() & ~missing).sum())
    return values, unreadable


def _refuse_duplicates(frame: pd.DataFrame, metrics_file: MetricsFile) -> None:
    """One row per place (and year): a file by subgroup read whole would count places twice."""
    keys = ["fips", "year"] if metrics_file.has_year else ["fips"]
    twice = frame[frame.duplicated(keys, keep=False)]
    if twice.empty:
        return
    first = twice.iloc[0]
    kind = metrics_file.kind
    when = f" in {int(first['year'])}" if metrics_file.has_year else ""
    rows = int((frame[keys] == first[keys]).all(axis=1).sum())
    raise DataError(
        f"has {counted(rows, 'row')} for {kind.word} {first['fips']}{when}, where Urban's files "
        f"have one; is it a file by subgroup? Use Urban's {kind.word} file of all residents.",
        metrics_file.path,
    )
