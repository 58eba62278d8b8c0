"""One letter per invite-list row: what each letter says, where it goes, and what was done.

* :func:`letter_context` gathers everything the workbook knows about one invitee (their row,
  their organization's Part 2 or 3 row and Part 4 notes, what of it matches the coalition's
  Part 1 priorities, the coalition itself and the date) as the fields of
  :mod:`generator.letters.fields`;
* :func:`plan_letters` decides which rows get which letter and under which file name;
* :func:`write_letters` renders them with :class:`generator.word.batch.DocxRenderer` and keeps a
  manifest, so that a re-run never overwrites a letter someone has edited since;
* :func:`deliver` adds PDFs, a combined document and draft emails on request.

One row's failure never stops the batch: it is recorded with its reason and the batch goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.bundled import bundled_folder
from generator.common.english import coalition_name, counted, written_date
from generator.common.errors import CoalitionError, OutputError
from generator.common.fileio import write_bytes_atomic
from generator.common.text import fold, needs_text_guard, xml_safe
from generator.letters.fields import model_field_names, schema
from generator.plan.model import Benefit, CoalitionPlan, Invitee, Partner, PartnerKind
from generator.word.environment import join_and
from generator.worksheet import CHECKLIST_KEYS, Status

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

#: The file-name pattern: any invite-list field in braces.
DEFAULT_NAME_PATTERN = "{organization} - {member}"
MANIFEST_NAME = "manifest.csv"
COMBINED_NAME = "All letters (for printing)"
MANIFEST_COLUMNS = ("row", "recipient", "organization", "letter", "file", "sha256", "status")


class LetterKind(StrEnum):
    INVITATION = "invitation"
    UPDATE = "update"


class Outcome(StrEnum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"
    REPLACED_EDITED = "written over a file edited by hand or not written by coalition (--force)"
    KEPT_EDITED = "kept: edited by hand since it was written"
    KEPT_FOREIGN = "kept: a file of this name was not written by coalition"
    FAILED = "failed"
    SKIPPED = "skipped"


# --- Templates ------------------------------------------------------------------------------------


def default_template(kind: LetterKind = LetterKind.INVITATION) -> Path:
    name = "letter.docx" if kind is LetterKind.INVITATION else "update-letter.docx"
    return bundled_folder("templates") / name


_THEY = re.compile(r"\b(they|them|their|theirs|themselves|themself)\b", re.IGNORECASE)
_YOU = {
    "they": "you",
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourselves",
    "themself": "yourself",
}


def you_clause(note: Any) -> str:
    """A Part 4 note about the partner as words to them, for use after "We understand that".

    "They want to reach more families." becomes "you want to reach more families" (English
    conjugates "they" and "you" alike). A note that does not start with "They" gives "", so
    that a template can leave the sentence out rather than print it awkwardly: "Their hiring
    needs." or "A seat at the table." are notes, not clauses.
    """
    text = " ".join(str(note).split())
    if not re.match(r"(?i)they\b", text):
        return ""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        you = _YOU[word.lower()]
        if word.isupper() and len(word) > 1:
            return you.upper()
        return you.capitalize() if word[0].isupper() else you

    text = _THEY.sub(swap, text).rstrip(" .;!")
    return text[:1].lower() + text[1:]


#: The filter letters add to the shared environment, for the field reference.
LETTER_FILTERS = {
    "you_clause": "a Part 4 note written about them (\u201cThey want to grow.\u201d) as words to "
    "them (\u201cyou want to grow\u201d); empty when the note does not start with \u201cThey\u201d",
}


def letter_environment() -> ImmutableSandboxedEnvironment:
    """The shared sandboxed, escaping, strict environment, with the letters' filters."""
    from generator.word.environment import environment

    env = environment()
    env.filters["you_clause"] = you_clause
    return env


def filters_reference() -> dict[str, str]:
    from generator.word.environment import FILTERS

    return {**FILTERS, **LETTER_FILTERS}


# --- What each letter knows -----------------------------------------------------------------------

_INVITEE_FIELDS = model_field_names(Invitee)
_PARTNER_FIELDS = model_field_names(Partner)
_BENEFIT_FIELDS = model_field_names(Benefit)


def _joined(values: list[Any]) -> Any:
    """Several Part 4 rows about one partner as one: texts joined with "; ", own columns merged
    (the first row's value wins)."""
    if values and all(isinstance(v, dict) for v in values):
        merged: dict[str, Any] = {}
        for value in values:
            for key, item in value.items():
                if item:
                    merged.setdefault(key, item)
        return merged
    return "; ".join(dict.fromkeys(str(v) for v in values if v))


def _value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


class PlanIndex:
    """A plan's lookups made once per batch: partners and notes by name, priorities by key."""

    def __init__(self, plan: CoalitionPlan) -> None:
        self.partners = plan.partners_by_name()
        self.benefits: dict[str, list[Benefit]] = {}
        for benefit in plan.benefits:
            self.benefits.setdefault(fold(benefit.partner), []).append(benefit)
        # An organization missing from Parts 2 and 3 still has every field, empty.
        blank = Partner("", PartnerKind.POTENTIAL)
        self.no_partner = {name: _value(getattr(blank, name)) for name in _PARTNER_FIELDS}
        self.no_partner["kind"] = ""
        self.no_benefit = {name: _value(getattr(Benefit(""), name)) for name in _BENEFIT_FIELDS}
        other = fold(plan.vocabulary.other)
        self.priorities = {
            key: {fold(label) for label in plan.needs.labels(key)} - {other}
            for key in CHECKLIST_KEYS
        }
        self.coalition = {
            "name": coalition_name(plan.community),
            "community": plan.community,
            "groups": plan.needs.labels("groups"),
            "areas": plan.needs.labels("areas"),
            "assets": plan.needs.labels("assets"),
        }

    def matching(self, partner: Partner | None) -> dict[str, list[str]]:
        if partner is None:
            return {"groups": [], "areas": [], "assets": []}
        wanted = self.priorities
        return {
            "groups": [g for g in partner.populations if _fold_option(g) in wanted["groups"]],
            "areas": [a for a in partner.domains if _fold_option(a) in wanted["areas"]],
            "assets": [a for a in partner.assets if _fold_option(a) in wanted["assets"]],
        }


# Options repeat across thousands of rows and fold() is not cheap; the cache is bounded.
_fold_option = lru_cache(maxsize=2048)(fold)


def letter_context(
    invitee: Invitee,
    index: PlanIndex,
    *,
    today: dt.date | None = None,
    letter: LetterKind = LetterKind.INVITATION,
    row: int = 0,
) -> dict[str, Any]:
    """Every field of :mod:`generator.letters.fields` for one invitee."""
    context: dict[str, Any] = {name: _value(getattr(invitee, name)) for name in _INVITEE_FIELDS}
    key = fold(invitee.organization) if invitee.organization else ""
    partner = index.partners.get(key) if key else None
    if partner is None:
        context["partner"] = index.no_partner
    else:
        context["partner"] = {name: _value(getattr(partner, name)) for name in _PARTNER_FIELDS}
    notes = index.benefits.get(key, []) if key else []
    if notes:
        context["benefit"] = {
            name: _joined([getattr(b, name) for b in notes]) for name in _BENEFIT_FIELDS
        }
    else:
        context["benefit"] = index.no_benefit
    context["is_existing_partner"] = partner is not None and partner.kind is PartnerKind.EXISTING
    context["is_new_partner"] = partner is not None and partner.kind is PartnerKind.POTENTIAL
    context["matching"] = index.matching(partner)
    context["coalition"] = index.coalition
    context["today"] = written_date(today or dt.date.today())
    context["letter"] = letter.value
    context["row"] = row
    return context


# --- Which letters, under which names ------------------------------------------------------------


@dataclass(slots=True)
class Job:
    """One letter to write."""

    row: int
    invitee: Invitee
    kind: LetterKind
    stem: str  # file name without extension

    @property
    def file(self) -> str:
        return f"{self.stem}.docx"


@dataclass(slots=True)
class Result:
    """What happened to one invite-list row."""

    row: int
    recipient: str
    organization: str
    letter: str  # LetterKind value, or "" when no letter was due
    file: str  # relative to the output folder, or ""
    outcome: Outcome
    reason: str = ""
    sha256: str = ""

    @property
    def status(self) -> str:
        if self.outcome in (Outcome.FAILED, Outcome.SKIPPED):
            return f"{self.outcome.value}: {self.reason}"
        return self.outcome.value

    @property
    def has_letter(self) -> bool:
        """Whether a letter of this row is in the folder (written now, or kept)."""
        return self.outcome in (
            Outcome.WRITTEN,
            Outcome.UNCHANGED,
            Outcome.REPLACED_EDITED,
            Outcome.KEPT_EDITED,
            Outcome.KEPT_FOREIGN,
        )


@dataclass(frozen=True)
class Options:
    template: Path | None = None
    update_template: Path | None = None
    keep_informed: bool = False
    only_organizations: tuple[str, ...] = ()
    only_senders: tuple[str, ...] = ()
    name_pattern: str = DEFAULT_NAME_PATTERN
    force: bool = False
    date: dt.date | None = None


_SKIP_REASONS = {
    Status.INVITED: "already invited (status \u201cInvited\u201d)",
    Status.ACCEPTED: "already accepted (status \u201cAccepted\u201d)",
    Status.DECLINED: "declined (status \u201cDeclined\u201d)",
    Status.KEEP_INFORMED: "keep informed: add --keep-informed to write an update letter",
}


def row_of(invitee: Invitee, position: int) -> int:
    return invitee.source.row if invitee.source else position + 1


def plan_letters(plan: CoalitionPlan, options: Options) -> tuple[list[Job], list[Result], int]:
    """The letters to write, the rows skipped with their reason, and how many rows the
    --only filters left out. Raises CoalitionError for a pattern or filter that fits nothing."""
    _check_pattern(options.name_pattern)
    _check_filter(plan, options.only_organizations, "organization", "--only")
    _check_filter(plan, options.only_senders, "sender", "--only-sender")

    # Names are given over every row that could have a letter, whatever the filters and flags,
    # so that a letter keeps its name from one run to the next.
    lettered = [
        (row_of(invitee, i), invitee)
        for i, invitee in enumerate(plan.invitees)
        if invitee.status in (Status.INVITE, Status.KEEP_INFORMED)
    ]
    stems = unique_stems(
        [(row, _fill_pattern(options.name_pattern, inv, row)) for row, inv in lettered]
    )

    organizations = {fold(o) for o in options.only_organizations}
    senders = {fold(s) for s in options.only_senders}
    jobs: list[Job] = []
    skipped: list[Result] = []
    left_out = 0
    for position, invitee in enumerate(plan.invitees):
        row = row_of(invitee, position)
        if (organizations and fold(invitee.organization) not in organizations) or (
            senders and fold(invitee.sender) not in senders
        ):
            left_out += 1
            continue
        if invitee.wants_letter:
            jobs.append(Job(row, invitee, LetterKind.INVITATION, stems[row]))
        elif invitee.status is Status.KEEP_INFORMED and options.keep_informed:
            jobs.append(Job(row, invitee, LetterKind.UPDATE, stems[row]))
        else:
            reason = _SKIP_REASONS.get(invitee.status, f"status \u201c{invitee.status}\u201d")
            skipped.append(
                Result(row, invitee.member, invitee.organization, "", "", Outcome.SKIPPED, reason)
            )
    return jobs, skipped, left_out


def _check_filter(plan: CoalitionPlan, wanted: Sequence[str], attribute: str, option: str) -> None:
    import difflib

    present = {fold(getattr(i, attribute)): getattr(i, attribute) for i in plan.invitees}
    for value in wanted:
        if fold(value) not in present:
            close = difflib.get_close_matches(fold(value), list(present), n=1, cutoff=0.6)
            hint = f" Did you mean \u201c{present[close[0]]}\u201d?" if close else ""
            raise CoalitionError(
                f"{option} \u201c{value}\u201d matches no {attribute} on the invite list.{hint}"
            )


_PATTERN_FIELD = re.compile(r"\{([^{}]*)\}")


def _check_pattern(pattern: str) -> None:
    names = _PATTERN_FIELD.findall(pattern)
    for name in names:
        if name not in _INVITEE_FIELDS and name != "row":
            raise CoalitionError(
                f"the file-name pattern uses {{{name}}}, which is not an invite-list field "
                f"(use {', '.join('{' + f + '}' for f in [*_INVITEE_FIELDS, 'row'])})."
            )
    if not names:
        raise CoalitionError(
            "the file-name pattern has no field in braces, so every letter would get the same "
            "name; use for example \u201c{organization} - {member}\u201d."
        )


def _fill_pattern(pattern: str, invitee: Invitee, row: int) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(row) if name == "row" else str(_value(getattr(invitee, name)))

    return _PATTERN_FIELD.sub(value, pattern)


# --- Safe file names ------------------------------------------------------------------------------

# Characters Windows, macOS or Linux refuse or treat specially in a file name.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Invisible characters that can disguise a name (bidirectional overrides, zero widths).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [
        f"{port}{n}"
        for port in ("COM", "LPT")
        for n in [*"123456789", "\u00b9", "\u00b2", "\u00b3"]
    ]
)
#: Room for the folder, the suffix and the extension within every system's limits (255 bytes a
#: name on Linux, 260 characters a path on older Windows).
MAX_STEM_BYTES = 120
_OWN_NAMES = frozenset({Path(MANIFEST_NAME).stem.casefold(), COMBINED_NAME.casefold()})


def safe_stem(text: str, fallback: str) -> str:
    """A file name (without extension) that every common system accepts as one plain name."""
    text = unicodedata.normalize("NFC", xml_safe(text))
    text = " ".join(_INVISIBLE.sub("", text).split())  # tabs and line breaks too
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r"(?:\s*-\s*){2,}", " - ", text)  # what empty fields leave: "Acme -  - "
    text = _bounded(text.strip(" .-_"), MAX_STEM_BYTES).strip(" .-_")
    if not text:
        return fallback
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = f"_{text}"
    return text


def _bounded(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def unique_stems(named: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Safe names by row; rows that would share one (ignoring case, as Windows and macOS do)
    get "(row N)" added, all but the first, so that names do not move from run to run."""
    stems: dict[int, str] = {}
    taken: set[str] = set(_OWN_NAMES)
    for row, raw in named:
        stem = safe_stem(raw, f"Letter row {row}")
        if stem.casefold() in taken:
            base = _bounded(stem, MAX_STEM_BYTES)
            stem = f"{base} (row {row})"
            counter = 2
            while stem.casefold() in taken:
                stem = f"{base} (row {row}, {counter})"
                counter += 1
        taken.add(stem.casefold())
        stems[row] = stem
    return stems


# --- The manifest ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ManifestEntry:
    row: str
    recipient: str
    organization: str
    letter: str
    file: str
    sha256: str
    status: str


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The previous run's record of the letters it wrote, by file name; {} when there is none."""
    path = folder / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError, PermissionError):
        return {}
    entries = {}
    for record in csv.DictReader(io.StringIO(text)):
        file = (record.get("file") or "").strip()
        digest = (record.get("sha256") or "").strip().lower()
        if file and re.fullmatch(r"[0-9a-f]{64}", digest):
            entries[file] = ManifestEntry(
                **{name: (record.get(name) or "") for name in MANIFEST_COLUMNS}
                | {"file": file, "sha256": digest}
            )
    return entries


def _guard(value: object) -> str:
    """A cell Excel will not run as a formula (OWASP's CSV-injection rule)."""
    text = str(value)
    return f"'{text}" if needs_text_guard(text) else text


def write_manifest(folder: Path, entries: Iterable[ManifestEntry]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for entry in entries:
        writer.writerow([_guard(getattr(entry, name)) for name in MANIFEST_COLUMNS])
    path = folder / MANIFEST_NAME
    # With a byte-order mark, Excel opens the names as UTF-8 rather than guessing.
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    return path


# --- Writing the batch ----------------------------------------------------------------------------


@dataclass
class Batch:
    """Everything a run did, for the summary, the manifest and the exit code."""

    folder: Path
    results: list[Result] = field(default_factory=list)
    left_out: int = 0
    manifest: Path | None = None
    extras: list[str] = field(default_factory=list)  # PDFs, combined document, drafts
    notes: list[str] = field(default_factory=list)  # extras left out, with the reason
    problems: list[str] = field(default_factory=list)  # extras that could not be made

    def having(self, *outcomes: Outcome) -> list[Result]:
        return [r for r in self.results if r.outcome in outcomes]

    @property
    def failed(self) -> bool:
        return bool(self.having(Outcome.FAILED) or self.problems)

    @property
    def letters(self) -> list[Result]:
        return [r for r in self.results if r.has_letter]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_letters(
    plan: CoalitionPlan,
    folder: Path,
    options: Options = Options(),
    *,
    progress: Callable[[list[Job]], Iterable[Job]] | None = None,
) -> Batch:
    """Write every letter due, keep the manifest, and say what happened to every row.

    Raises TemplateError (before any file is written) when a template cannot be used, and
    CoalitionError for a name pattern or filter that fits nothing; a row that fails is recorded
    and the batch goes on. ``progress`` wraps the list of letters to write (a progress bar).
    """
    from generator.word.batch import DocxRenderer, RenderError

    folder = Path(folder)
    jobs, skipped, left_out = plan_letters(plan, options)
    env = letter_environment()
    fields = schema()
    renderers: dict[LetterKind, DocxRenderer] = {}
    for kind in {job.kind for job in jobs}:
        chosen = options.template if kind is LetterKind.INVITATION else options.update_template
        renderers[kind] = DocxRenderer(chosen or default_template(kind), schema=fields, env=env)
    if jobs and folder.exists() and not folder.is_dir():
        raise OutputError("is a file; give a folder for the letters.", folder)

    if jobs:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot be made ({error.strerror}).", folder) from None
    batch = Batch(folder, left_out=left_out)
    index = PlanIndex(plan)
    today = options.date or dt.date.today()
    previous = read_manifest(folder)
    results: list[Result] = []
    try:
        for job in progress(jobs) if progress is not None else jobs:
            result = Result(
                job.row, job.invitee.member, job.invitee.organization, job.kind.value, job.file,
                Outcome.FAILED,
            )  # fmt: skip
            results.append(result)
            try:
                context = letter_context(
                    job.invitee, index, today=today, letter=job.kind, row=job.row
                )
                data = renderers[job.kind].render(context)
            except RenderError as error:
                result.reason = str(error)
                continue
            _place(folder / job.file, data, previous.get(job.file), options.force, result)
    finally:
        batch.results = sorted(results + skipped, key=lambda r: r.row)
        if jobs:
            batch.manifest = write_manifest(folder, _manifest_entries(batch, previous))
    return batch


def _place(
    path: Path, data: bytes, previous: ManifestEntry | None, force: bool, result: Result
) -> None:
    """Write one letter unless that would overwrite someone's edits; record what was done."""
    try:
        _write_unless_edited(path, data, previous, force, result)
    except OutputError as error:
        result.outcome = Outcome.FAILED
        result.reason = str(error)


def _write_unless_edited(
    path: Path, data: bytes, previous: ManifestEntry | None, force: bool, result: Result
) -> None:
    digest = sha256(data)
    result.sha256 = digest
    try:
        current = sha256(path.read_bytes()) if path.exists() else None
    except OSError as error:
        raise OutputError(f"cannot be read ({error.strerror}).", path) from None
    if current == digest:
        result.outcome = Outcome.UNCHANGED
        return
    ours = current is None or (previous is not None and current == previous.sha256)
    if not ours and not force:
        result.outcome = Outcome.KEPT_EDITED if previous is not None else Outcome.KEPT_FOREIGN
        result.sha256 = previous.sha256 if previous is not None else ""
        return
    write_bytes_atomic(path, data)
    result.outcome = Outcome.WRITTEN if ours else Outcome.REPLACED_EDITED


def _manifest_entries(batch: Batch, previous: dict[str, ManifestEntry]) -> list[ManifestEntry]:
    """This run's rows, and the earlier entries of letters this run did not touch."""
    entries: list[ManifestEntry] = []
    touched = set()
    for result in batch.results:
        digest = result.sha256
        if result.outcome is Outcome.FAILED and result.file in previous:
            digest = previous[result.file].sha256  # the earlier letter is still there
        elif result.outcome is Outcome.FAILED:
            digest = ""
        entries.append(
            ManifestEntry(
                str(result.row),
                result.recipient,
                result.organization,
                result.letter,
                result.file,
                digest,
                result.status,
            )
        )
        touched.add(result.file)
    for file, entry in previous.items():
        if file not in touched and (batch.folder / file).exists():
            entries.append(entry)
    return sorted(entries, key=lambda e: (int(e.row) if e.row.isdigit() else 0, e.file))


# --- PDFs, printing, drafts -------------------------------------------------------------------


def deliver(
    batch: Batch,
    plan: CoalitionPlan,
    *,
    pdf: bool = False,
    combined: bool = False,
    eml: bool = False,
    workers: int = 2,
) -> None:
    """Make the extras asked for from the letters now in the folder; problems go in the batch."""
    letters = batch.letters
    if not letters:
        return
    paths = [batch.folder / r.file for r in letters]
    combined_path = batch.folder / f"{COMBINED_NAME}.docx"
    if combined:
        from generator.word.combine import combine_documents

        try:
            combine_documents(paths, combined_path)
            batch.extras.append(combined_path.name)
        except CoalitionError as error:
            batch.problems.append(str(error))
            combined = False
    pdfs: dict[Path, Path] = {}
    if pdf:
        from generator.word.pdf import PartialConversionError, convert_to_pdf

        sources = paths + ([combined_path] if combined else [])
        try:
            pdfs = dict(
                zip(sources, convert_to_pdf(sources, batch.folder, workers=workers), strict=True)
            )
        except PartialConversionError as error:
            pdfs = dict(error.converted)
            batch.problems.append(str(error))
        except CoalitionError as error:
            batch.problems.append(str(error))
        batch.extras.extend(p.name for p in pdfs.values())
    if eml:
        _drafts(batch, plan, letters, pdfs)


def _drafts(
    batch: Batch, plan: CoalitionPlan, letters: list[Result], pdfs: dict[Path, Path]
) -> None:
    from generator.letters.drafts import write_draft

    by_row = {row_of(inv, i): inv for i, inv in enumerate(plan.invitees)}
    name = coalition_name(plan.community)
    for result in letters:
        invitee = by_row[result.row]
        docx_path = batch.folder / result.file
        attachment = pdfs.get(docx_path, docx_path)
        if not invitee.email:
            batch.notes.append(
                f"row {result.row} ({result.recipient}): no email address, so no draft email"
            )
            continue
        if result.letter == LetterKind.UPDATE:
            subject = f"An update on the {name}"
            opening = f"I am writing to share news of the {name}; my letter is attached."
        else:
            subject = f"Invitation to join the {name}"
            opening = f"I am writing to invite you to join the {name}; my letter is attached."
        signature = "\n".join(x for x in (invitee.sender, invitee.sender_title) if x)
        body = (
            f"Dear {invitee.salutation or invitee.member},\n\n{opening} I would be glad to "
            f"talk about it at any time.\n\nWith best regards,\n{signature}\n"
        )
        path = docx_path.with_suffix(".eml")
        try:
            write_draft(path, to=invitee.email, subject=subject, body=body, attachment=attachment)
            batch.extras.append(path.name)
        except CoalitionError as error:
            batch.problems.append(str(error))


# --- The summary ----------------------------------------------------------------------------------

#: Rows listed by name in each part of the summary; the manifest has them all.
SUMMARY_ROWS = 25


def summary_lines(batch: Batch) -> list[str]:
    """What a run did, for the terminal: counts, and every row kept, skipped or failed."""
    folder = batch.folder
    lines: list[str] = []
    fresh = batch.having(Outcome.WRITTEN, Outcome.REPLACED_EDITED)
    unchanged = batch.having(Outcome.UNCHANGED)
    if fresh or unchanged:
        text = f"Wrote {counted(len(fresh), 'letter')} to {folder}"
        if unchanged:
            text += f" ({len(unchanged)} more already up to date)"
        lines.append(text + ".")
    elif not batch.results:
        lines.append("No invite-list row asks for a letter.")
    replaced = batch.having(Outcome.REPLACED_EDITED)
    if replaced:
        lines.append(
            f"Overwrote {counted(len(replaced), 'file')} edited by hand or not written by "
            "coalition (--force):"
        )
        lines += _rows(replaced, with_file=True, folder=folder)
    edited = batch.having(Outcome.KEPT_EDITED)
    if edited:
        lines.append(
            f"Kept {counted(len(edited), 'letter')} edited by hand since coalition wrote "
            f"{'it' if len(edited) == 1 else 'them'} (pass --force to overwrite):"
        )
        lines += _rows(edited, with_file=True, folder=folder)
    foreign = batch.having(Outcome.KEPT_FOREIGN)
    if foreign:
        lines.append(
            f"Kept {counted(len(foreign), 'file')} of the same name that coalition did not write "
            "(pass --force to overwrite):"
        )
        lines += _rows(foreign, with_file=True, folder=folder)
    skipped = batch.having(Outcome.SKIPPED)
    if skipped:
        lines.append(f"Skipped {counted(len(skipped), 'row')}:")
        lines += _rows(skipped)
    failed = batch.having(Outcome.FAILED)
    if failed:
        lines.append(f"Failed {counted(len(failed), 'row')}:")
        lines += _rows(failed)
    if batch.left_out:
        lines.append(f"Left out {counted(batch.left_out, 'row')} (--only, --only-sender).")
    if batch.extras:
        lines.append(f"Also wrote {_extras(batch.extras)}.")
    lines += [f"Note: {note}" for note in batch.notes]
    lines += [f"Problem: {problem}" for problem in batch.problems]
    if batch.manifest is not None:
        lines.append(f"Manifest: {batch.manifest}")
    return lines


def _extras(names: list[str]) -> str:
    """ "10 PDFs, 8 draft emails and All letters (for printing).docx" """
    combined = [n for n in names if Path(n).stem == COMBINED_NAME]
    pdfs = sum(n.endswith(".pdf") for n in names if n not in combined)
    drafts = sum(n.endswith(".eml") for n in names)
    parts = [counted(pdfs, "PDF")] if pdfs else []
    parts += [counted(drafts, "draft email")] if drafts else []
    return join_and(parts + combined)


def _rows(
    results: list[Result], *, with_file: bool = False, folder: Path | None = None
) -> list[str]:
    lines = []
    for result in results[:SUMMARY_ROWS]:
        who = ", ".join(x for x in (result.recipient, result.organization) if x) or "(no name)"
        detail = str(folder / result.file) if with_file and folder else result.reason
        lines.append(f"  row {result.row}  {who}: {detail}")
    if len(results) > SUMMARY_ROWS:
        lines.append(f"  ... and {len(results) - SUMMARY_ROWS} more (see the manifest)")
    return lines
