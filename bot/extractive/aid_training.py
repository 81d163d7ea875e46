"""Training as help: "France will train some 600 Ukrainian crew members at Canjuers", "Twenty Ukrainian pilots will
train at the Cazaux air base, the French air force said". A government that trains a counted number of Ukraine's
people gives training, a line of aid with no sum, whose contents say whom it trains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actors_in
from bot.extractive.found import Found, aid_without_sum

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.reading import Sentence

# The people a training is for: "crew members", "pilots", "sappers", "recruits".
_TRAINEES = frozenset(
    {
        "pilot",
        "crew",
        "member",
        "soldier",
        "troop",
        "recruit",
        "sapper",
        "marine",
        "serviceman",
        "servicemen",
        "personnel",
        "technician",
        "engineer",
        "operator",
        "instructor",
        "officer",
        "cadet",
        "mechanic",
        "gunner",
        "medic",
        "specialist",
    }
)


def _ukrainian_trainees(noun: Token) -> bool:
    """ "Ukrainian crew members", "Ukraine's pilots": people of Ukraine's a training is for."""
    return noun.lemma_.lower() in _TRAINEES and any(
        c.lower_ in ("ukrainian", "ukraine's", "ukraine’s") for c in noun.subtree if c.i < noun.i
    )


def _counted_trainees(noun: Token) -> bool:
    """ "600 Ukrainian crew members", "Twenty Ukrainian pilots": people of Ukraine's, with a number."""
    return _ukrainian_trainees(noun) and any(
        c.dep_ == "nummod" or (c.dep_ == "quantmod" and c.like_num) for c in noun.children
    )


def _named_site(where: list[Token]) -> bool:
    """ "at its Florennes air base", "at Canjuers": a training place the sentence names."""
    return any(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() for p in where for t in p.subtree if t.i > p.i)


def training_given(s: Sentence) -> list[Found]:
    """Lines of training the sentence tells: a named government training Ukraine's people, or Ukraine's people
    training in a named government's care (the speaker's government, when the sentence names only it)."""
    out: list[Found] = []
    for verb in s.doc:
        if verb.lemma_.lower() != "train" or not syntax.is_verbal(verb) or syntax.is_negated(verb):
            continue
        who = syntax.subject(verb)
        trainees = syntax.first_child(verb, "dobj")
        if trainees is None and who is not None and _counted_trainees(who):
            # "Twenty Ukrainian pilots will train at the Cazaux air base, the French air force said"
            trainees, who = who, None
        where = [p for p in syntax.children(verb, "prep") if p.lower_ in ("at", "in")]
        # Uncounted trainees are a line when the sentence names where they train: "… and train Ukrainian mechanics and
        # technicians at its Florennes air base".
        if trainees is None or not (_counted_trainees(trainees) or (_ukrainian_trainees(trainees) and _named_site(where))):
            continue
        givers = [a for a in actors_in(s, who) if a not in BELLIGERENTS] if who is not None else []
        if not givers:
            givers = [n.canonical for n in s.names_of("actor") if n.canonical not in BELLIGERENTS][:1]
        if not givers:
            continue
        whom = syntax.noun_phrase(trainees)
        text = f"training for {whom}" + (f" {syntax.span_text(list(where[0].subtree))}" if where else "")
        # "Brussels will also hand over … and train …": the second verb shares the first one's "will".
        modals = syntax.modals(verb) | (syntax.modals(verb.head) if verb.dep_ == "conj" else set())
        status = "pledged" if modals & {"will", "would", "wo"} else "announced"
        out.append(aid_without_sum(s, givers, [text], status, "training"))
    return out
