"""What a sanctions measure's line says: its targets in the article's words (names listed, where they are put or
what they are barred from, a price cap and its level, a fine), how many, in which countries and sectors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive import syntax
from bot.extractive.found import Found, unique
from bot.extractive.reading import Sentence
from bot.extractive.sanction_nouns import acted_on, arguments, is_sanction_noun, names_a_measure
from bot.extractive.sanction_targets import (
    colon_list,
    members_after,
    names_listed,
    partitive_places,
    target_count,
    without_trailing_time,
)
from bot.extractive.sanction_verbs import BANS, USE_NOUNS, is_price_cap

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extractive.lexicon import Lexicon

# Participles that say where a target is ("based in China", "registered in the UAE"), unlike what it does.
_SITED = {"base", "register", "locate", "headquarter", "incorporate", "domicile"}
# Where a measure puts its targets or what it bars them from: "to the Entity List", "from connecting to SPFS".
_EXTENT = {"to", "from", "into", "onto"}
# A target line longer than this is cut; a list of names may run to it, a description only to the shorter length.
_LONGEST_TARGETS = 240
# A measure's line tells at most where the targets come from and where they are put.
_MOST_EXTENTS = 2
_SHORT_DESCRIPTION = 160


def sanction_item(
    lx: Lexicon,
    s: Sentence,
    trigger: Token,
    target: Token | None,
    imposer: str | None,
    clause: set[int],
    sectors: list[str],
    *,
    leave_out: frozenset[int] = frozenset(),
) -> Found | None:
    # The target without its relative clause: "32 entities that the bloc accuses of shipping engines to
    # Russian manufacturers" names the entities, and Russia is not where they are.
    phrase = (
        [
            t
            for t in target.subtree
            if not any(
                a.dep_ == "relcl" and a.i in {x.i for x in target.subtree} for a in [t, *t.ancestors] if a.i != target.i
            )
        ]
        if target is not None
        else []
    )
    phrase = syntax.without_asides([t for t in phrase if t.i not in leave_out])
    participle = target is not None and trigger.dep_ == "acl" and trigger.head.i == target.i
    if participle:
        # "189 more tankers added to the list, bringing …": the noun without the participle's own words,
        # which follow as where the measure puts them.
        phrase = [t for t in phrase if t.i < trigger.i]
    while phrase and (phrase[-1].is_punct or phrase[-1].dep_ == "cc"):
        phrase = phrase[:-1]
    listing: list[Token] = []
    if target is not None and phrase:
        colon, added, listing = colon_list(trigger, target, phrase)
        phrase = [*phrase, *added]
        # ", among them the tankers Volga Star and …": named members of the targets, wherever the parser hung them
        # ("sanctions on 22 individuals and 11 entities, among them …": or on the noun the targets complete).
        phrase += members_after((*trigger.children, *target.children, *_holder_children(target)), colon)
    if target is not None and phrase:
        # "targets banks in Kazakhstan": the parser hangs the place on the verb; a measure is not done there.
        after = max(t.i for t in phrase) + 1
        place = next((p for p in syntax.children(trigger, "prep") if p.i == after and p.lower_ == "in"), None)
        named = {t.i for t in place.subtree} if place is not None else set()
        if place is not None and any(n.kind == "country" and n.start in named for n in s.names):
            phrase = sorted([*phrase, *place.subtree], key=lambda t: t.i)
        # "included senior executives at Arkto-Marine Insurance": the parser hangs the employer on the verb.
        holder = target.head if target.dep_ == "dobj" else trigger
        employer = next((p for p in syntax.children(holder, "prep") if p.i == after and p.lower_ in ("at", "of")), None)
        if employer is not None and target.lemma_.lower() in lx.people_by_role:
            phrase = sorted([*phrase, *syntax.until_comma(employer)], key=lambda t: t.i)
    # Where the targets are, not whom they serve: "entities supporting Russia's military", "companies
    # shipping machine tools to Russia" are not in Russia.
    described = {
        t.i
        for t in phrase
        for a in [t, *t.ancestors]
        if a.dep_ == "acl"
        and a.i != (target.i if target is not None else -1)
        and a.i in {x.i for x in phrase}
        and a.lemma_.lower() not in _SITED
    }
    target_tokens = ({t.i for t in [*phrase, *listing]} - described) | partitive_places(s, clause, target)
    countries = [
        n.canonical
        for n in s.names
        if n.kind == "country"
        and (n.start in target_tokens or (target is None and n.start in clause))
        and n.canonical != imposer
    ]
    count = target_count(lx, trigger, target)
    text = syntax.span_text(phrase).strip(" ,;:") if target is not None else None
    if text and syntax.skips_aside(phrase):
        # "46 tankers … – ageing vessels used to move crude – as well as 14 individuals": the aside is left out,
        # but not the names an aside lists ("three Russian lenders — MTS Bank, Bank Saint Petersburg and …").
        listed = _names_in_aside(phrase)
        text = syntax.runs_text(phrase).strip(" ,;:")
        if listed:
            text = text.replace(" … ", f" ({listed}) ", 1)
    if (
        target is not None
        and any(n.kind in ("country", "actor", "side") and n.start == target.i for n in s.names)
        and len(phrase) == 1
    ):
        text = None  # "its 17th package against Russia": the country goes to target_countries, the measure shows
    if text is None:
        # "adopted its 17th sanctions package": with no target named, the measure itself.
        measure = next(
            (t for t in ([trigger] + acted_on(trigger)) if is_sanction_noun(lx, t) or names_a_measure(lx, t)),
            None,
        )
        if measure is not None:
            text = syntax.noun_phrase(measure)
            # "Thirty-four new designations were announced …, among them 21 shadow fleet tankers and four oil
            # traders": the members are whom the measure hits.
            among = members_after(tuple(measure.children), -1, counted=True)
            if among:
                text = f"{text}{syntax.span_text(among)}"
            if names_a_measure(lx, measure):
                # "17th package of sanctions"; the country it is against shows in target_countries.
                text = f"{text.removeprefix('its ').removeprefix('their ')} of sanctions"
    cap = next((t for t in arguments(trigger) if is_price_cap(t)), None) if trigger.pos_ == "VERB" else None
    if cap is not None:
        # "lowered the price cap on Russian crude to $47.60 a barrel": the cap and its new level.
        text = syntax.span_text([t for t in cap.subtree if t.dep_ != "det" or t.head.i != cap.i]).strip(" ,;:")
        level = next((p for p in syntax.children(trigger, "prep") if p.lower_ in ("to", "at")), None)
        if level is not None:
            text = f"{text} {trigger.text} {syntax.span_text(list(level.subtree))}"
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in ("cap", "ceiling") and trigger.dep_ == "nsubj":
        # "the EU’s dynamic cap on Russian crude will fall to $44.10 a barrel": the cap and its new level.
        verb = trigger.head
        level = next((p for p in syntax.children(verb, "prep") if p.lower_ in ("to", "at")), None)
        if level is not None and any(t.tag_ == "$" or t.text in ("$", "€", "£") for t in level.subtree):
            said = [t for t in verb.children if t.dep_ in ("aux", "neg") and t.i < verb.i] + [verb]
            cap_words = [t for t in trigger.subtree if not (t.dep_ in ("det", "poss") and t.head.i == trigger.i)]
            text = f"{syntax.span_text(cap_words)} {syntax.span_text(said)} {syntax.span_text(list(level.subtree))}"
    if (
        text
        and target is not None
        and syntax.is_verbal(trigger)
        and trigger.lemma_.lower() in BANS
        and target.lemma_.lower() in USE_NOUNS
    ):
        # "prohibits the use of EU ports to reload Russian LNG for transshipment": what the use is for is
        # what the ban is about; the parser hangs the infinitive on the verb.
        after = max(t.i for t in phrase) + 1 if phrase else -1
        purpose = next(
            (
                c
                for c in trigger.children
                if c.dep_ in ("advcl", "xcomp")
                and c.left_edge.i == after
                and c.left_edge.lower_ == "to"
                and c.left_edge.tag_ == "TO"
            ),
            None,
        )
        if purpose is not None:
            text = f"{text} {syntax.span_text(list(purpose.subtree))}"
    if text and target is not None and syntax.is_verbal(trigger) and cap is None:
        # "adds 40 companies to the Entity List", "are barred from connecting to SPFS": where the measure
        # puts them, or what it bars them from, is part of what it does.
        ends = {t.i for t in phrase} or {t.i for t in target.subtree}
        # "add 118 vessels from Russia's shadow fleet to the list of ships barred from EU ports": where they come
        # from and where they are put, both told.
        told = 0
        for prep in syntax.children(trigger, "prep"):
            if told == _MOST_EXTENTS:
                break
            if (
                prep.lower_ in _EXTENT
                and prep.i > max(ends)
                and not syntax.is_temporal(syntax.first_child(prep, "pobj") or prep)
            ):
                where = syntax.span_text(list(prep.subtree)).strip(" ,;:")
                if syntax.is_passive(trigger) or participle:
                    # "Three Russian banks cut off from SWIFT": without its verb the phrase would read as
                    # where the banks are from.
                    particle = " ".join(c.text for c in syntax.children(trigger, "prt"))
                    where = f"{trigger.text} {particle} {where}".replace("  ", " ")
                text = f"{text} {where}"
                told += 1
                if prep.lower_ != "from" or syntax.is_passive(trigger) or participle:
                    break  # "barred from EU ports" is where they are kept out: nothing follows it
    fine = next((t for t in acted_on(trigger) if t.lemma_.lower() == "penalty"), None) if trigger.pos_ == "VERB" else None
    if text and fine is not None and is_sanction_noun(lx, fine):
        text = f"{text} ({syntax.noun_phrase(fine).removeprefix('a ')})"  # the sum is what the measure is
    if text and target is not None and listing:
        # "seven front companies it said the ring used …: Steppe Trade Logistics LLP of Kazakhstan; …": a list
        # after a colon reads as what the targets are and their names, the names being what a reader acts on.
        names = names_listed(s, listing)
        if len(names) >= 2 and (len(text) > _SHORT_DESCRIPTION or any(n not in text for n in names)):
            text = f"{syntax.noun_phrase(target)}: {', '.join(names)}"
    if text and trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and target is not None:
        text = _with_its_date(trigger) or text
    longest = _LONGEST_TARGETS if listing else _SHORT_DESCRIPTION
    text = without_trailing_time(text) if text else text
    if text and len(text) > longest:
        cut = text[:longest].rsplit(" ", 1)[0]
        # "…, among them Volga-Techsnab, the Yekaterinburg machine-tool maker Uralpribor-Invest and Pacific Meridian
        # Trading Ltd., a Hong Kong-registered …": the names past the cut are what a reader acts on, kept.
        cited = {n.canonical for n in s.names} | {imposer or ""}
        lost = [n for n in names_listed(s, phrase) if n not in cut and n not in cited and len(n) > 3]
        text = f"{cut}… (named: {', '.join(lost)})" if lost and target is not None else f"{cut}…"
    if not (text or count or countries or sectors):
        return None  # a measure nobody could act on: nothing to show
    return Found(
        "sanctions",
        {
            "imposed_by": imposer,
            "targets": text,
            "target_count": count,
            "target_countries": unique(countries),
            "sectors": sectors,
        },
        [s],
        merge_key=((imposer or "").lower(), count, (text or "").lower()[:40]),
        data={"ruled": {trigger.i}},  # "The package also targets 189 tankers": a measure's verb, no strike
    )


def _with_its_date(measure: Token) -> str | None:
    """ "would bring forward a full ban on Russian LNG to January 1 2027": a measure a draft moves to a date is
    told with its verb and the date, which is what a reader acts on."""
    verb = measure.head
    dated = next(
        (
            p
            for p in syntax.children(verb, "prep")
            if p.i > measure.right_edge.i
            and p.lower_ in ("to", "until", "from", "by")
            and syntax.is_temporal(syntax.first_child(p, "pobj") or p)
        ),
        None,
    )
    if dated is None:
        return None
    moved = [verb, *syntax.children(verb, "prt"), *(a for a in syntax.children(verb, "advmod") if a.i == verb.i + 1)]
    return f"{syntax.span_text(moved)} {syntax.span_text(list(measure.subtree))} {syntax.span_text(list(dated.subtree))}"


def _holder_children(target: Token) -> tuple[Token, ...]:
    """The words hung on the noun a target completes ("sanctions on [22 individuals]")."""
    return tuple(target.head.head.children) if target.dep_ == "pobj" and target.head.dep_ == "prep" else ()


def _names_in_aside(phrase: list[Token]) -> str | None:
    """The text of a dash aside inside ``phrase`` that only lists names ("MTS Bank, Bank Saint Petersburg and
    the Ural Bank for Reconstruction and Development"), or None."""
    kept = {t.i for t in phrase}
    doc = phrase[0].doc
    gap = [doc[i] for i in range(min(kept), max(kept)) if i not in kept]
    inner = [t for t in gap if t.text not in syntax.DASHES]
    if not inner or any(syntax.is_verbal(t) for t in inner):
        return None
    names = [t for t in inner if t.pos_ == "PROPN"]
    return syntax.span_text(inner).strip(" ,;:") if len(names) >= 2 and len(names) * 2 >= len(inner) - 4 else None
