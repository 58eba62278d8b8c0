"""Notes typed about a partner, made into words to that partner; and the note of a draft email.

The Part 4 notes are the convener's, written about the partner ("They want to reach more
families", "funding!!", "Their hiring needs", "wants visibility with city council"). A letter
speaks to the partner, so these filters turn such notes to the reader without pretending to
understand them: a note that says what the partner wants becomes a clause after "We understand
that"; any other note keeps its words, with "their" made "your", for a sentence built to hold any
wording ("We have heard what matters most to you: …"). Lists typed in one cell become items
(:func:`generator.common.english.items_of`).

:func:`draft_body` writes the short personal note of a draft email from the same context as the
letter: the greeting, why them, and the ask.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.english import items_of, listed, lower_first, tidy_case

# "they" as the partner doing something: followed by a verb or an auxiliary. "before they
# happen" (evictions) is left alone.
_VERB_LIST = """
    want wants need must have had are were will would can could should may might hope plan see
    said say believe care know work serve run lead do did does aim seek like love feel think
    expect struggle already also really just still often always never recently asked told
    mentioned shared expressed hold host bring offer
"""
_AGENT_VERBS = frozenset(_VERB_LIST.split())
# A note that starts with the verb, its subject understood: "wants visibility with council".
_BARE_VERBS = {
    "wants": "want",
    "needs": "need",
    "hopes": "hope",
    "seeks": "seek",
    "has": "have",
    "is": "are",
    "likes": "like",
    "plans": "plan",
    "aims": "aim",
    "cares": "care",
    "looks": "look",
    "would": "would",
}
_POSSESSIVES = {
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourselves",
    "themself": "yourself",
}
_PRONOUN = re.compile(
    r"\b(they(?:'re|'ve|'d|'ll)?|them|their|theirs|themselves|themself)\b(\s+\w+)?", re.I
)
_THEY_START = re.compile(r"(?i)they(?:'re|'ve|'d|'ll)?\b")


def _plain(note: Any) -> str:
    """A note on one line, shouting turned down ("THEY WANT TO STOP EVICTIONS"), without the
    punctuation it ends with ("funding!!")."""
    text = " ".join(str(note or "").replace("\u2019", "'").split())
    # isupper() first: counting letters one by one is the dear test, and seldom needed.
    if text.isupper() and sum(c.isalpha() for c in text) > 3:
        text = text.lower()
        text = text[:1].upper() + text[1:]
    return text.rstrip(" .;:!?,")


def _swap(match: re.Match[str]) -> str:
    word, following = match.group(1), match.group(2) or ""
    lower = word.lower()
    if not lower.startswith("they"):
        you = _POSSESSIVES[lower]
    elif "'" in lower or match.start() == 0 or following.strip().lower() in _AGENT_VERBS:
        you = "you" + lower[4:]
    else:
        return match.group(0)  # "before they happen": they are not the partner
    if word.isupper() and len(word) > 1:
        you = you.upper()
    elif word[:1].isupper():
        you = you[:1].upper() + you[1:]
    return you + following


def to_reader(note: Any) -> str:
    """A note about the partner as words to them: "Their community benefit obligations" becomes
    "your community benefit obligations"; "they want …" becomes "you want …" where "they" is
    the partner doing something. The first word keeps its case; the final punctuation goes."""
    text = _plain(note)
    if not text:
        return ""
    first = text.split(" ", 1)
    if first[0].lower() in _BARE_VERBS:
        text = "you " + " ".join([_BARE_VERBS[first[0].lower()], *first[1:]])
    return _PRONOUN.sub(_swap, text)


def you_clause(note: Any) -> str:
    """A note that says what the partner wants or does, as a clause for "We understand that":
    "They want to reach more families." becomes "you want to reach more families"; "wants
    visibility with city council" "you want visibility with city council". Any other note (a
    noun phrase, a fragment) gives "", so that a template can word it otherwise."""
    text = _plain(note)
    first = text.split(" ", 1)[0].lower()
    if not (_THEY_START.match(text) or first in _BARE_VERBS):
        return ""
    clause = to_reader(text)
    return clause[:1].lower() + clause[1:]


def items(note: Any) -> list[str]:
    """A list typed in one cell as items to the reader ("their ED as champion" reads "your ED
    as champion"); nothing for "N/A" or "TBD"."""
    return [to_reader(item) for item in items_of(note)]


#: The filters letters add to the shared environment, for the field reference.
LETTER_FILTERS = {
    "items": "a list typed in one cell (with semicolons, commas, bullets or line breaks) as its "
    "items, each as typed but turned to the reader; none for \u201cN/A\u201d or "
    "\u201cTBD\u201d: {{ benefit.roles | items | join_and }}",
    "you_clause": "a Part 4 note that says what the partner wants (\u201cThey want to grow.\u201d, "
    "\u201cwants a seat\u201d) as words to them (\u201cyou want to grow\u201d), for \u201cWe "
    "understand that \u2026\u201d; empty for any other note",
    "to_reader": "any note about the partner as words to them (\u201ctheir\u201d becomes "
    "\u201cyour\u201d), without its final punctuation, for a sentence built to hold it: "
    "\u201cWe have heard what matters most to you: {{ benefit.motivations | to_reader }}.\u201d",
    "tidy_case": "a name or title typed all in capitals or all in small letters as it is "
    "written (\u201cJOHN SMITH\u201d, \u201cjohn smith\u201d: \u201cJohn Smith\u201d); "
    "anything else as typed",
}

FILTER_FUNCTIONS = {
    "items": items,
    "you_clause": you_clause,
    "to_reader": to_reader,
    "tidy_case": tidy_case,
}


# --- The note of a draft email ------------------------------------------------------------------


def _why_them(context: dict[str, Any]) -> str:
    """One sentence on why this organization, from what the letter knows."""
    matching = context["matching"]
    areas = listed(lower_first(a) for a in matching["areas"])
    groups = listed(lower_first(g) for g in matching["groups"])
    if areas:
        return f"Your work on {areas} is close to the heart of what the coalition will take on."
    if groups:
        return f"You serve {groups}, who face some of the greatest barriers here."
    initiatives = listed(items(context["benefit"]["aligned_initiatives"]))
    if initiatives:
        return f"We see a natural connection with what you are already doing: {initiatives}."
    if context["is_existing_partner"]:
        return "Our work together is part of what made this coalition possible."
    return "Partners like you bring experience and relationships no single organization has."


def draft_body(context: dict[str, Any]) -> str:
    """A short personal note to go with the letter: greeting, why them, the ask, signature."""
    name = context["coalition"]["name"]
    greeting = tidy_case(context["salutation"] or context["member"]) or "Colleague"
    organization = context["organization"] or "you"
    sender_lines = [
        tidy_case(context["sender"]),
        context["sender_title"],
        " \u00b7 ".join(x for x in (context["sender_email"], context["sender_phone"]) if x),
    ]
    contact = listed([context["sender_email"], context["sender_phone"]], "or")
    reach = f" You can reach me at {contact}." if contact else ""
    if context["letter"] == "update":
        paragraphs = [
            f"I am writing to let you know about the {name}; my letter, attached, says more.",
            "We will keep you informed as the work develops, and we would welcome your "
            f"thoughts at any time.{reach}",
        ]
    else:
        paragraphs = [
            f"I am writing to invite you to join the {name}. {_why_them(context)}",
            f"I hope {organization} will be part of it; my letter, attached, says more about "
            "what we have in mind. I will follow up in the coming days to find a time to "
            f"talk.{reach}",
        ]
    signature = "\n".join(line for line in sender_lines if line)
    return (
        f"Dear {greeting},\n\n" + "\n\n".join(paragraphs) + f"\n\nWith best regards,\n{signature}\n"
    )
