"""Words for question answering: tokenising, a light stemmer, aliases, synonyms and cue words.

The stemmer is deliberately small (plural, -ed, -ing, irregular verbs of news copy) so that "lending"
finds "lend" and "retook" finds "retaken"; it never has to be linguistically right, only consistent
between the question and the article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.language import COUNTRIES, COUNTRY_ALIASES, MONTH_ABBREVIATIONS


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


STOPWORDS = word_set("""
a an the and or but if of to in on at by for from with about as into onto over under than then that this these
those there here it its it's is are was were be been being am do does did doing done has have had having
will would shall should can could may might must not no nor so such too very just also only own same
i me my we our ours you your he him his she her they them their what which who whom whose when where why how
whether while again further once more most other some any each few both all up down out off through during
before after above below between against until because per via
re ve ll
much many exactly roughly approximately about around according say says said tell told think thinks
now still so far yet ever really actually anything something else
""")

_GENERIC_WORDS = """
new other get got give giving make way thing kind sort happen happened go going come came take well also next
put putting
time news
big bigger large larger size huge
"""

_IRREGULAR = {
    "took": "take",
    "taken": "take",
    "retook": "retake",
    "retaken": "retake",
    "won": "win",
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "gave": "give",
    "given": "give",
    "paid": "pay",
    "repaid": "repay",
    "lost": "lose",
    "shot": "shoot",
    "brought": "bring",
    "sent": "send",
    "left": "leave",
    "held": "hold",
    "men": "man",
    "servicemen": "serviceman",
    "seized": "seize",
    "fought": "fight",
    "struck": "strike",
    "hit": "hit",
    "bought": "buy",
    "sold": "sell",
    "spent": "spend",
    "began": "begin",
    "begun": "begin",
    "led": "lead",
    "met": "meet",
    "put": "put",
    "drew": "draw",
    "drawn": "draw",
    "flew": "fly",
    "flown": "fly",
    "taking": "take",
    "making": "make",
    "people": "people",
    "children": "child",
    "died": "die",
    "dead": "die",
    "death": "die",
    "deaths": "die",
    "defense": "defence",
    "defenses": "defence",
    "defences": "defence",
    "immobilized": "immobilise",
    **MONTH_ABBREVIATIONS,
    "km": "kilometre",
    "kilometer": "kilometre",
    "kilometers": "kilometre",
    "beaten": "beat",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "news": "news",
    "us": "us",
    "uk": "uk",
    "eu": "eu",
    "atacms": "atacms",
    "himars": "himars",
    # the noun of a verb of giving meets its verb: "the new disbursement" and "would disburse"
    "disbursement": "disburse",
}
_NO_STRIP = re.compile(r"(?:ss|us|is|ous|ics)$")


def _final(word: str) -> str:
    # A final "e" goes, so "alleged" and "allege", "announced" and "announce" meet.
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def stem(word: str) -> str:
    """A consistent, light stem of a lower-case word."""
    if word in _IRREGULAR:
        return _final(_IRREGULAR[word])
    if word.isdigit() or len(word) <= 3:
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not _NO_STRIP.search(w):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif (w.endswith("ed") and len(w) > 4) or (w.endswith("ing") and len(w) > 5):
        w = w[:-2] if w.endswith("ed") else w[:-3]
        # "added" -> "add", not "ad": a doubled letter stays when the stem would be too short to have doubled it
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w.endswith("ize"):
        w = w[:-3] + "ise"
    return _final(_IRREGULAR.get(w, w))


def stems(text: str) -> frozenset[str]:
    """Stems of the whitespace-separated words of ``text``."""
    return frozenset(stem(w) for w in text.split())


# Words that say nothing about the topic of a question ("How much is X giving this time?"): never
# required, never expanded. Questions are tokenised into stems, so the stems are what is matched.
GENERIC = word_set(_GENERIC_WORDS) | stems(_GENERIC_WORDS)


# Multi-word names become one token before tokenising, so "United States" and "US" meet.
_PHRASES = [
    (re.compile(r"\bU\.S\.(?:A\.)?|\bUSA\b|\bUS\b|\bUnited States\b|\bAmerica(?:n|ns)?\b"), " usa "),
    (re.compile(r"\bU\.K\.|\bUK\b|\bUnited Kingdom\b|\bBritain\b|\bBritish\b"), " uk "),
    (re.compile(r"\bE\.U\.|\bEU\b|\bEuropean Union\b"), " eu "),
    (re.compile(r"\bNorth Korean?s?\b"), " northkorea "),
    (re.compile(r"\bSouth Korean?s?\b"), " southkorea "),
    (re.compile(r"\bU\.N\.|\bUnited Nations\b"), " un "),
    # Phrasal verbs of targeting: "went after the producers", "cracked down on traders".
    (
        re.compile(
            r"\b(?:go|goes|going|gone|went)\s+after\b|\b(?:crack|cracks|cracked|cracking)\s+down\s+on\b|"
            r"\b(?:take|takes|took|taken|taking)\s+aim\s+at\b",
            re.IGNORECASE,
        ),
        " target ",
    ),
]
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][st])?", re.UNICODE)

# "won't" is "will not", not a form of "win"; the negation itself is no topic word.
_CONTRACTION = re.compile(r"\b(\w+)n['’]t\b", re.IGNORECASE)
_NEGATED = {"wo": "will", "ca": "can", "sha": "shall"}


def _expand(m: re.Match[str]) -> str:
    stem_ = m.group(1)
    return f"{_NEGATED.get(stem_.lower(), stem_)} not"


def tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Lower-case stemmed tokens with country names canonicalised; numbers lose their separators."""
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    out: list[str] = []
    for raw in _TOKEN.findall(_CONTRACTION.sub(_expand, text)):
        word = raw.lower().replace("’", "'")
        if word.endswith(("'s", "'t")):
            word = word[:-2]
        if word[:1].isdigit():
            out.append(word.replace(",", ""))
            continue
        if len(word) < 2 or (word in STOPWORDS and not keep_stopwords):
            continue
        out.append(COUNTRY_ALIASES.get(word, stem(word)))
    return out


def _stem_groups(groups: list[str]) -> dict[str, frozenset[str]]:
    """Each stem to the stems of every group it is in ("people" finds "civilians")."""
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        group_stems = frozenset(stem(w) for w in group.split())
        for one in group_stems:
            out[one] = out.get(one, frozenset()) | group_stems
    return out


# Words that mean the same thing in war reporting; a question word brings its group in at lower weight.
_SYNONYM_GROUPS = [
    "surround encircle encirclement trap cut",
    "capture prisoner captive pow",
    "kill die killed casualty loss lose toll",
    "injure wound injury hurt",
    "retake recapture liberate reclaim regain",
    "seize take capture liberate liberation",
    "range reach kilometre mile",
    "ship vessel tanker",
    "company firm entity business major",
    "repel repelled repulse beat thwart fend",
    "shoot shot intercept destroy downed neutralise neutralize",
    "attack assault raid offensive",
    "job worker vacancy employee staff workforce",
    "grow increase expand enlarge boost",
    "send deliver supply transfer",
    "create add hire recruit",
    "neighbour resident local villager",
    "unhappy complain complaint angry anger upset object objection concern worry frustrat annoy protest",
    "move rise fall climb jump gain drop slide surge slump",
    "dock deduct deduction penalty fine",
    "chip semiconductor microchip",
    "buy purchase",
    "press ask urge question challenge",
    "review reconsider rethink revisit",
    "provide donate contribute",
    "supplier supply",
    "soldier troop serviceman fighter personnel force",
    "people civilian resident person individual",
    "missile rocket interceptor",
    "shell round ammunition munition",
    "drone uav unmanned",
    "package aid assistance tranche",
    "call name refer dub",
    "weapon arm munition",
    "exception carve permission",
    "outlet media newspaper report",
    "worth value total",
    "total number tally",
    "lend loan",
    "pledge promise commit",
    "sanction designate blacklist list",
    "ban prohibit bar",
    "limit restriction curb rule",
    "cap ceiling",
    "reason because why",
    "split divide",
    "hit strike attack",
    "bring shoot intercept",
    "formation unit group grouping battlegroup brigade division battalion regiment corps",
    "fly range reach",
    "suppose meant intend earmark",
    "headquarters hq",
    "village settlement town",
    "maker manufacturer producer industry supplier",
    "aim target",
    "governor administration",
    "play travel visit host face",
    "respond reply react reject deny dismiss rebut counter answer",
    "dispute deny denial reject rejection false contest refute challenge",
    "block veto stall obstruct hold",
    "short shortage lack",
    "road highway route motorway",
    "refuse decline reject",
    "energy power electricity grid",
    "speak spoke spokesman spokeswoman spokesperson",
    "decide decision",
    "make build produce manufacture assemble",
    "approve approval authorise authorize authorisation authorization",
    "allow permit permission grant let",
]
SYNONYMS = _stem_groups(_SYNONYM_GROUPS)

# Kinds of a class: a question about the class is answered by a name on a kind ("Which companies …?" by
# "Rosneft, Russia's biggest oil producer"), but not the other way round (a shipping company is no producer).
_KIND_GROUPS = {
    "company": "producer dealer trader operator exporter refiner insurer shipper lender bank manufacturer maker",
    # "Which occupation official …?" is answered by "Yevgeny Balitsky, the Moscow-installed governor".
    "official": "governor minister deputy mayor commander chief envoy spokesman spokeswoman spokesperson head",
}
KINDS: dict[str, frozenset[str]] = {stem(k): frozenset(stem(w) for w in v.split()) for k, v in _KIND_GROUPS.items()}

# Nouns a "how many" question counts, grouped so that "people" finds "civilians".
COUNT_GROUPS = [
    # people by what they were doing when hurt: "Two workers were taken to hospital"
    "people person civilian resident inhabitant citizen child adult individual worker employee passenger pedestrian",
    "troop soldier serviceman fighter personnel force officer man",
    "ship vessel tanker carrier boat",
    "company firm entity business organisation organization target",
    "target individual",  # a sanctions target may be a person; an individual is not a company
    "missile rocket interceptor projectile",
    "shell round",
    "drone uav unmanned",
    "attack assault strike raid",
    "clash engagement battle",  # the General Staff's "combat engagements" are the clashes asked about
    "job worker vacancy employee",
    "vehicle tank",
    # "18 Bohdana self-propelled artillery systems" are the howitzers asked about
    "howitzer artillery gun",
    "village settlement town locality",
    "year",
    "month",
    "week",
    "day",
]
COUNT_SYNONYMS = _stem_groups(COUNT_GROUPS)

# A specific "how much X" noun must be near the money; these are generic and need not be.
GENERIC_MONEY = stems("""money funding fund aid assistance support cash package
financing finance help contribution amount sum budget""")

# Questions about things no news article about this war answers.
OFF_TOPIC = re.compile(
    r"\b(?:weather|forecast|rain(?:ing)?|snow(?:ing)?|temperature|sunny|football|soccer|champions league|"
    r"premier league|world cup|basketball|tennis|cricket|baseball|olympics?|recipe|cook(?:ing)?|movie|film|"
    r"song|album|celebrity|horoscope|lottery|joke|bitcoin|crypto(?:currency)?|stock price|dating)\b",
    re.IGNORECASE,
)

WEAPON_WORDS = stems("""weapon missile bomb rocket drone tank artillery mine launcher
howitzer ammunition shell round interceptor munition jet aircraft system arm air defence vehicle gun helicopter
radar""")
PLACE_NOUNS = stems("""region village town city district area oblast province port
settlement border front territory peninsula base depot arsenal airfield""")
TARGET_WORDS = stems("""sector target company firm entity bank good industry project
export import individual vessel ship tanker""")
WHO_NOUNS = stems("""outlet newspaper official minister group force unit agency
person country government leader commander general spokesman spokeswoman brigade army
state nation partner ally donor""")
SPEECH = stems("""say said says claim claimed report reported announce announced
state stated tell told warn warned accuse accused deny denied confirm confirmed estimate assess allege
insist argue describe credit""")
REASON_CUES = re.compile(
    r"\b(?:because|since|so that|in order to|due to|reasons?|argu(?:e|ed|es)|why|risk|fear(?:s|ed)?|"
    r"concerns?|relies|danger|owing to|as a result|cit(?:e|es|ed|ing)|on the grounds|"
    r"under (?:its|the) \w+ (?:law|rules?))\b",
    re.IGNORECASE,
)


_BELLIGERENTS = frozenset({"russia", "ukraine"})


def about_another_country(question: str, text: str) -> bool:
    """Does ``text`` name only countries other than the one the question asks about? "How much is Poland's new
    package worth?" is not answered by "Finland announced its 27th aid package, worth €190m". The belligerents
    are the setting, not rivals; "the European Investment Bank" is no rival to Germany (the bloc holds its members).
    """
    asked = _countries_in(question)
    named = _countries_in(text)
    return bool(asked and named - {"eu"}) and not asked & named


@lru_cache(maxsize=1024)
def _countries_in(text: str) -> frozenset[str]:
    """The countries ``text`` names, the belligerents left out; asked of every passage at every ranking. Where a
    thing was made ("American-made weapons") names no country that acts in the passage."""
    return frozenset(tokens(_MADE_IN.sub(" ", text))) & COUNTRIES - _BELLIGERENTS


_MADE_IN = re.compile(r"\b[\w.]+-(?:made|built|designed|produced|manufactured)\b", re.IGNORECASE)
