"""What kind of aid a clause gives and how far along it is: humanitarian, financial, military or other
help, by the clause's words; delivered, approved, pledged or announced, by its verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.models import AidType

if TYPE_CHECKING:
    from spacy.tokens import Token

_HUMANITARIAN = {
    "humanitarian",
    "refugee",
    "shelter",
    "heating",
    "food",
    "medical",
    "medicine",
    "winter",
    "generator",
    "electricity",
    "energy",
    "health",
    "hospital",
    "demining",
    "water",
    "reconstruction",
    "civilian",
}
_FINANCIAL = {
    "loan",
    "budget",
    "financial",
    "macro-financial",
    "grant",
    "credit",
    "economic",
    "fiscal",
    "bond",
    "guarantee",
    "salary",
    "pension",
    "facility",
}
_MILITARY = {
    "military",
    "defence",
    "defense",
    "security",
    "weapon",
    "ammunition",
    "missile",
    "drawdown",
    "artillery",
    "armour",
    "armor",
    "air",
    "tank",
    "drone",
    "shell",
    "munition",
    "howitzer",
    "army",
    "troops",
}
_STATUS = (
    ("delivered", {"deliver", "hand", "ship", "arrive", "transfer", "send", "dispatch", "disburse", "release", "receive"}),
    (
        "approved",
        {"approve", "authorize", "authorise", "sign", "adopt", "clear", "agree", "pass", "finalise", "finalize", "unlock"},
    ),
    ("pledged", {"pledge", "promise", "commit", "earmark", "allocate", "offer", "reserve"}),
    ("announced", {"announce", "unveil", "present", "launch"}),
)


def aid_type(s: Sentence, clause: set[int], contents: list[str]) -> AidType:
    words = {t.lemma_.lower() for t in s.doc if t.i in clause} | {t.lower_ for t in s.doc if t.i in clause}
    if words & _HUMANITARIAN and not words & (_MILITARY - {"air"}):
        return "humanitarian"
    if words & _MILITARY or any(w for w in contents if w):
        return "military"
    if words & _FINANCIAL:
        return "financial"
    return "other"


# Verbs of a plan under a verb of giving: "plans to send", "intends to donate", "is set to deliver". The help
# is planned: neither given nor merely hoped for ("hopes to", "wants to" stay no aid).
PLANNING = ("plan", "intend", "aim", "expect", "prepare", "set", "schedule")


def aid_status(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLANNING:
        return "planned"
    if (
        syntax.modals(verb) & {"will", "'ll", "shall", "would"}
        or verb.tag_ == "VBG"
        or (verb.dep_ == "xcomp" and verb.head.lemma_ == "be")
    ):  # "are to be delivered"
        return "pledged"
    for status, lemmas in _STATUS:
        if lemma in lemmas:
            return status
    return "announced"
