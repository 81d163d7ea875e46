"""Field extraction for aid, weapons-policy and sanctions items: pure functions over one sentence."""

from __future__ import annotations

import re
from collections import Counter

from bot.extractive.lexicon import Lexicon
from bot.figures import find_count, find_money
from bot.models import AidType, Stance

_DEMONYMS = {
    "chinese": "China", "russian": "Russia", "iranian": "Iran", "indian": "India", "turkish": "Türkiye",
    "turkey": "Türkiye", "uae": "United Arab Emirates", "belarusian": "Belarus", "north korean": "North Korea",
}
_CLAUSE_SPLIT = re.compile(r"(?:,\s*|\s+)(?:although|though|but|while|whereas|however|yet)\s+|;\s*", re.IGNORECASE)

_STANCE_RULES: list[tuple[Stance, re.Pattern[str]]] = [
    ("permitted", re.compile(r"\bno (?:restriction|limit|ban)s?\b|\blift(?:ed|ing|s)? (?:the|its|their|a) "
                             r"(?:ban|limits?|restrictions?|curbs?|objection)", re.I)),
    ("prohibited", re.compile(r"prohibit|\bban(?:s|ned)?\b|off limits|refus|rule[sd]? out|forbid|not allowed|"
                              r"not (?:be )?(?:passed on|sent|supplied|given|transferred) to|no plans? to|\bno plans\b|"
                              r"turned down|will not (?:transfer|hand over)|not (?:transfer|hand over)|reject|"
                              r"will not (?:send|supply|deliver)|won't (?:send|supply|deliver)|remain(?:s)? barred", re.I)),
    ("restricted", re.compile(r"restrict|\blimit(?:s|ed)?\b|\bcurbs?\b|confined|\bonly (?:against|on|in|within|for)\b|"
                              r"\bnot for\b|narrow", re.I)),
    ("under_review", re.compile(r"whether to|not yet decided|undecided|consider|review|weigh|request|asked|wants|"
                                r"press(?:es|ing|ed)? for|lobb|discuss|debat", re.I)),
    ("permitted", re.compile(r"allow|permi(?:t|ssion)|authori[sz]|approv|green light|\beas(?:ed|ing)\b|loosen|"
                             r"\b(?:may|can|could) (?:be )?use|supports? (?:\w+['’]?s )?use|\blet\b|free to", re.I)),
]
# ", two U.S. officials said" closing a clause is attribution, not part of a policy's scope.
_ATTRIBUTION_TAIL = re.compile(r",\s+(?:[\w.'’-]+\s){0,5}(?:said|says|told \w+|reported|according to .*)\W*$")
_HUMANITARIAN = re.compile(r"humanitarian|refugee|shelter|heating|electricity|food|medical|winter", re.I)
_FINANCIAL = re.compile(r"\bloan|budget support|financial|macro-financial|\bgrant|economic|reconstruction", re.I)
_MILITARY = re.compile(r"military|security (?:aid|assistance)|defen[cs]e|weapon|ammunition|missile|drawdown|"
                       r"air defen|artillery|armou?r", re.I)
_STATUS = [
    ("delivered", re.compile(r"delivered|handed over|arrived|transferred|released", re.I)),
    ("approved", re.compile(r"approv|authori[sz]|signed", re.I)),
    ("pledged", re.compile(r"pledg|promis|commit|earmark|will (?:lend|provide|send|give)", re.I)),
    ("announced", re.compile(r"announc|unveil|adding|added|put .* on the table|presented", re.I)),
]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = v.lower()
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# Alliances are venues more often than donors ("at NATO's summit, Germany pledged…"): last resort only.
_VENUES = ("NATO", "G7")


def actor(lx: Lexicon, text: str, *, exclude: tuple[str, ...] = ("Ukraine", "Russia")) -> str | None:
    """The canonical actor named earliest in ``text`` (ignoring the belligerents by default)."""
    hits = [(name in _VENUES, start, name) for start, name in lx.actor_hits(text) if name not in exclude]
    return min(hits)[2] if hits else None


def main_actor(lx: Lexicon, text: str, *, exclude: tuple[str, ...] = ("Ukraine", "Russia")) -> str | None:
    """The actor the whole article mentions most: the fallback when a sentence names none."""
    counts = Counter(name for _, name in lx.actor_hits(text) if name not in exclude)
    return max(counts, key=lambda k: (k not in _VENUES, counts[k])) if counts else None


def weapons_in(lx: Lexicon, text: str, *, named_only: bool = False) -> list[str]:
    """Weapons named in ``text``: systems first ("glide bombs"), then classes ("long-range missiles")."""
    named = [m.group(0).strip() for m in lx.named_weapons.finditer(text)]
    if named_only:
        return _unique(named)
    return _unique(named + [m.group(0).strip() for m in lx.weapon_classes.finditer(text)])


def countries_in(lx: Lexicon, text: str) -> list[str]:
    out = []
    for m in lx.countries.finditer(text):
        word = m.group(0)
        out.append(_DEMONYMS.get(word.lower(), word))
    return _unique(out)


def sectors_in(lx: Lexicon, text: str) -> list[str]:
    return _unique([m.group(0) for m in lx.sectors.finditer(text)])


def aid_clauses(evidence: str) -> list[str]:
    """Clauses that each carry their own amount ("Canada gives C$100m, while Japan lends $4.5bn")."""
    clauses = [c for c in _CLAUSE_SPLIT.split(evidence) if c and c.strip()]
    with_money = [c for c in clauses if find_money(c)]
    return with_money if len(with_money) > 1 else [evidence]


def aid_fields(lx: Lexicon, evidence: str, context: str, fallback_actor: str | None = None, *,
               clause: str | None = None, article_recipient: bool = False) -> dict[str, object]:
    """Fields of one aid item; ``clause`` narrows donor, amount and contents to part of the evidence."""
    part = clause or evidence
    money = find_money(part)
    amount = money[0] if money else None
    recipient = ("Ukraine" if lx.aid_recipient.search(part) or lx.aid_recipient.search(context) or article_recipient
                 else None)
    if _HUMANITARIAN.search(part):
        aid_type: AidType = "humanitarian"
    elif _FINANCIAL.search(part) and not lx.named_weapons.search(part):
        aid_type = "financial"
    elif _MILITARY.search(part) or lx.weapons.search(part):
        aid_type = "military"
    elif _FINANCIAL.search(part):
        aid_type = "financial"
    else:
        aid_type = "other"
    status = next((name for name, pattern in _STATUS if pattern.search(part)), None)
    return {
        "donor": actor(lx, part) or actor(lx, evidence) or actor(lx, context) or fallback_actor,
        "recipient": recipient,
        "amount": amount.text if amount else None,
        "value": amount.value if amount else None,
        "currency": amount.currency if amount else None,
        "aid_type": aid_type,
        "contents": weapons_in(lx, part if clause else evidence, named_only=True),
        "status": status,
        "evidence": evidence,
    }


# "would review its refusal": the refusal is what is under review.
_REVIEWING_A_LIMIT = re.compile(r"\b(?:review|reconsider|rethink|revisit|re-examine)\w*\s+"
                                r"(?:(?:its|their|the|a|his|her)\s+)?(?:[\w-]+\s+){0,2}"
                                r"(?:refusal|ban|restrictions?|limits?|policy|position|rules?|red lines?)",
                                re.IGNORECASE)


def stance_of(clause: str) -> Stance:
    if _REVIEWING_A_LIMIT.search(clause):
        return "under_review"
    for stance, pattern in _STANCE_RULES:
        if pattern.search(clause):
            return stance
    return "unclear"


def policy_clauses(lx: Lexicon, sentence: str) -> list[tuple[str, Stance, str | None]]:
    """(weapon, stance, scope) for each clause of ``sentence`` that names a weapon.

    One sentence can permit one weapon and restrict another ("supports the use of glide bombs,
    although ATACMS remain restricted"), so stance is read clause by clause.
    """
    out = []
    clauses = [c for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()]
    for clause in clauses:
        weapons = weapons_in(lx, clause)
        if not weapons:
            continue
        stance = stance_of(clause)
        if stance == "unclear" and len(clauses) > 1:
            stance = stance_of(sentence)
        # The usage phrase nearest the weapon says where it may (not) be used.
        anchor = clause.find(weapons[0])
        usage = min(lx.usage.finditer(clause), key=lambda m: abs(m.start() - anchor), default=None)
        tail = re.split(r"(?<=[.!?])\s+(?=[A-Z])", clause[usage.start():], maxsplit=1)[0] if usage else ""
        scope = _ATTRIBUTION_TAIL.sub("", tail).strip(" ,.;:") if usage else None
        if scope and len(scope) > 140:
            scope = scope[:140].rsplit(" ", 1)[0] + "…"
        out.append((weapons[0], stance, scope or None))
    return out


_FINITE_VERB = re.compile(r"\s(?:were|was|are|is|have|has|had|will|would|face|faced|faces)\s")
_PHRASE_END = re.compile(r"[,;:]\s|\.\s|\.$|\s[-–—]\s|\s(?:in what|which|who|that|so that)\s")


def _phrase(text: str, limit: int = 140) -> str | None:
    """The noun phrase that starts ``text``: up to the first clause break, never cutting a number."""
    phrase = _PHRASE_END.split(text, maxsplit=1)[0].strip(" .")
    if len(phrase) > limit:
        phrase = phrase[:limit].rsplit(" ", 1)[0] + "…"
    return phrase or None


def sanction_fields(lx: Lexicon, evidence: str, context: str, fallback_actor: str | None = None,
                    ) -> dict[str, object]:
    count = find_count(evidence)
    targets = None
    added = re.search(r"\badded (.{3,120}?) to (?:its|the|their)\b", evidence)
    if added:
        targets = _phrase(added.group(1))
    elif count:
        start = evidence.find(count[1])
        # "over 400 entities and individuals supporting Russia's military", not the verb that follows.
        targets = _phrase(_FINITE_VERB.split(evidence[start:], maxsplit=1)[0])
    else:
        m = re.search(r"(?:sanction(?:s|ed|ing)?|designat\w*|blacklist\w*|listed|bans?|bars?|targets?)\s+(?:on\s+)?"
                      r"(.{3,})", evidence, re.I)
        targets = _phrase(m.group(1)) if m else None
    return {
        "imposed_by": actor(lx, evidence) or actor(lx, context) or fallback_actor,
        "targets": targets,
        "target_count": count[0] if count else None,
        "target_countries": countries_in(lx, evidence),
        "sectors": sectors_in(lx, evidence),
        "evidence": evidence,
    }
