"""ExtractiveEngine: the offline engine. Parses the article, reads each section from grammar, and
returns a draft brief whose every line is a sentence of the article.

Reading order matters: sentences are read in article order with one ``Context``, so "he said", "the
ministry said", "it will also send" and "The package includes …" resolve to what came before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from bot.article import Article
from bot.engine import EngineResult
from bot.extractive import syntax
from bot.extractive.actors import BELLIGERENTS, actors_in
from bot.extractive.aid import AidReader
from bot.extractive.aid_arrival import arrivals
from bot.extractive.aid_training import training_given
from bot.extractive.attribution import Attributor, document_voice
from bot.extractive.claim_sides import sides_from_own_words, sides_of_local_officials, without_speaker_places
from bot.extractive.claims import ClaimReader
from bot.extractive.found import Found, unique
from bot.extractive.lexicon import Lexicon
from bot.extractive.names import Gazetteer
from bot.extractive.pipeline import load_pipeline, parse
from bot.extractive.policy_items import PolicyItemReader
from bot.extractive.reading import Context, Sentence, read_sentences
from bot.extractive.rejected import rejected_figure, without_rejected
from bot.extractive.sanctions import SanctionsReader
from bot.extractive.sanctions_follow import SanctionsFollowUp
from bot.extractive.wording import with_article_name
from bot.ingest.text import headline
from bot.language import BULLET, english_only_note, language_of, strip_dateline
from bot.models import AidDraft, BattlefieldClaimDraft, BriefDraft, SanctionsDraft, WeaponsPolicyDraft
from bot.text import article_units, is_heading

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_ITEMS_PER_SECTION = 25
_DRAFTS: dict[str, Any] = {
    "aid": AidDraft,
    "weapons_policy": WeaponsPolicyDraft,
    "sanctions": SanctionsDraft,
    "battlefield_claims": BattlefieldClaimDraft,
}


class ExtractiveEngine:
    """The offline engine: the default without an LLM, and the LLM engine's safety net."""

    name = "extractive"

    def __init__(self, *, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self._gazetteer: Gazetteer | None = None

    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.lx, load_pipeline())
        return self._gazetteer

    def relevant(self, text: str) -> bool:
        """Is the article about the desk's subject? A pasted sentence needs fewer mentions than a page."""
        words = [w.strip(".,;:!?\"'()“”‘’").lower() for w in text.split()]
        terms = self.lx.relevance_terms
        hits = sum(w in terms or w.removesuffix("’s").removesuffix("'s") in terms for w in words)
        return hits >= min(self.lx.cfg.relevance.min_hits, 1 + len(words) // 60)

    def draft(self, article: Article) -> EngineResult:
        units = article_units(article.text, title=article.title)
        body = " ".join(" ".join(p) for p in units)
        summary = _summary(units)
        language = language_of(body)
        if language != "English" and self.lx.cfg.language == "en":
            return EngineResult(draft=_empty(summary), engine=self.name, notes=[english_only_note(language)])
        if not self.relevant(body):
            return EngineResult(
                draft=_empty(summary),
                engine=self.name,
                notes=[
                    f"The article does not appear to be about the {self.lx.cfg.name}."
                    if self.lx.cfg.name.endswith("war")
                    else f"The article does not appear to be about {self.lx.cfg.name}."
                ],
            )
        sentences = read_sentences(units, self.gazetteer(), parse)
        ctx = Context(lexicon=self.lx, main_actor=_main_actor(sentences), sentences=sentences)
        attributor = Attributor(ctx)
        policy = PolicyItemReader(ctx)
        sanctions = SanctionsReader(ctx)
        readers = (sanctions, policy)
        follow_up = SanctionsFollowUp(sanctions)
        aid = AidReader(ctx, policy)
        claims = ClaimReader(ctx)
        list_head: Found | None = None
        voice = document_voice(article.title or headline(article.text), self.gazetteer(), parse)
        about_ukraine = any(n.canonical == "Ukraine" for s in sentences for n in s.names if n.kind == "actor")
        for s in sentences:
            if s.text.rstrip("\"'’” ").endswith("?"):
                # A question is a heading or a rhetorical turn, never a fact, unless the next line answers it
                # plainly: "Will Germany send Taurus? No." states a rule.
                ctx.items.extend(policy.answered(s))
                continue
            if _heads_a_list(s, sentences):
                named = {n.canonical for n in s.names_of("actor")} - set(BELLIGERENTS)
                ctx.heading_actor = named.pop() if len(named) == 1 else None
                continue  # a heading is no fact; it says whom the lines under it are about
            if s.subhead or (s.text.isupper() and is_heading(s.text)) or _verbless_heading(s, sentences):
                continue  # "THE STRAITS" over a newsletter's part: context for answers, no fact and no one's line
            if not s.bullet:
                ctx.heading_actor = None
            elif ctx.heading_actor is not None:
                ctx.last_actor = ctx.heading_actor  # "• The government will send …" under "GERMANY"
            following = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
            bait = rejected_figure(s, following)  # "…; the ministry said that figure was incorrect"
            attributions = attributor.attributions(s)
            if attributions:
                ctx.last_said = (s.index, attributions[-1].speaker)
            found: list[Found] = []
            part = aid.more.component(s, list_head)
            if part is not None:
                ctx.items.append(part)  # "- $13.8 billion to buy weapons": a part of the package above
                continue
            if s.bullet and list_head is not None:
                # A line of a list under "The package includes:" belongs to that item.
                if list_head.section == "aid" and aid.more.add_listed(list_head, s):
                    continue
                if list_head.section != "aid":
                    list_head.extend(s)
            elif not s.bullet:
                list_head = None
            for reader in readers:
                found += reader.read(s, attributions)
            if not any(f.section == "sanctions" for f in found) and not follow_up.breakdown(s):
                more = follow_up.read(s)  # "The package also bans …", "Among them are …"
                found += [more] if more is not None else []
            totals = follow_up.totals(s)  # "bringing the total number of listed ships to 557"
            if totals:
                # "The listings bring the number of vessels under British sanctions to 540": the running total is
                # the line, not "the number of vessels" read as the measure's targets.
                found = [f for f in found if not (f.section == "sanctions" and _a_tally(f.fields.get("targets")))]
            found += totals
            # "The order is financed by Denmark and the Netherlands": who pays for the help just told gives it.
            financed = aid.financed_by(s)
            continued = None if financed or bait else aid.more.continuation(s)
            if continued is None and not financed:
                found += aid.read(s, article_about_ukraine=about_ukraine)
            if continued is None:
                # "France will train some 600 Ukrainian crew members at Canjuers", also beside a sum the same giver
                # earmarks in the sentence ("… and has earmarked a further 250 million euros"), unless a line of
                # the sentence already tells of the training.
                told = " ".join(str(v) for f in found if f.section == "aid" for v in f.fields.values())
                found += [t for t in training_given(s) if not _told_already(t, told)]
            if not any(f.section == "aid" for f in found) and continued is None:
                found += arrivals(s, ctx.lexicon)  # "The last of 50 armored vehicles pledged by Ottawa has reached Ukraine"
            found += aid.more.parts(s, found)  # "…, made up of a $1.25bn drawdown and $1.22bn under USAI"
            ruled = {i for f in found if f.section in ("weapons_policy", "sanctions") for i in f.data.get("ruled", ())}
            claimed = _without_parts(claims.read(s, attributions, ruled) + claims.quote_closed(s, attributions))
            if not attributions and not claimed:
                follow = claims.continuation(s)
                if follow is None and voice is not None:
                    follow = claims.voiced(s, voice)  # under "Statement of the Russian Ministry of Defence"
                claimed = [follow] if follow is not None else []
            found += claimed
            if bait is not None:
                found = without_rejected(found, bait)
            ctx.items.extend(found)
            _remember_actor(ctx, s)
            if s.text.rstrip().endswith(":"):
                list_head = continued or (found[-1] if found else None)
        sides_from_own_words(ctx.items, ctx.sentences)
        sides_of_local_officials(ctx.items, ctx.sentences)
        without_speaker_places(ctx.items)
        return EngineResult(draft=_build(ctx.items, summary), engine=self.name)


def _heads_a_list(s: Sentence, sentences: list[Sentence]) -> bool:
    """Is ``s`` a heading line ("GERMANY", "Sanctions") right above a list line?"""
    after = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
    alone = s.index == 0 or sentences[s.index - 1].para != s.para
    return after is not None and after.bullet and after.para != s.para and alone and not s.bullet and is_heading(s.text)


def _told_already(training: Found, told: str) -> bool:
    """Does another line of the sentence already name the people a training line is for?"""
    whom = " ".join(str(c) for c in training.fields.get("contents") or [])
    return any(ch.isdigit() for ch in whom) and any(w in told for w in whom.split() if any(ch.isdigit() for ch in w))


def _without_parts(claimed: list[Found]) -> list[Found]:
    """Claims less a quote's last sentence told beside the whole quote by the same claimant ("“The village is ours.
    What the Russians call liberation is …,” the spokesman told …")."""
    return [
        f
        for f in claimed
        if not any(
            o is not f
            and o.fields["claimant"] == f.fields["claimant"]
            and o.fields["claim"].endswith(f.fields["claim"])
            and o.fields["claim"][: -len(f.fields["claim"])].rstrip().endswith((".", "!", "?"))
            for o in claimed
        )
    ]


def _verbless_heading(s: Sentence, sentences: list[Sentence]) -> bool:
    """A short title line of its own with no verb ("The sanctions problem" over a section): no fact."""
    alone = all(o.para != s.para for o in sentences[max(0, s.index - 1) : s.index + 2] if o is not s)
    return alone and not s.bullet and is_heading(s.text) and not any(t.pos_ in ("VERB", "AUX") for t in s.doc)


def _remember_actor(ctx: Context, s: Sentence) -> None:
    """The actor a later "it" or "the government" stands for: the subject of this sentence's main verb."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    who = syntax.subject(root) if root is not None else None
    if root is not None and (who is None or syntax.is_pronoun(who)) and root.lemma_.lower() in ctx.lexicon.report:
        # "She said Madrid would deliver further Patriot missiles": the government her words are about.
        said = syntax.first_child(root, "ccomp")
        who = syntax.subject(said) if said is not None else None
    if root is None or (who is not None and syntax.is_pronoun(who)):
        return  # "it", "they": the actor already remembered stands
    names = _non_belligerents(s, who) if who is not None else []
    if not names:
        # "The announcements came as France tightened its own sanctions regime": the subject of a clause under the
        # main one, when the main subject names nobody.
        doers = [syntax.subject(c) for c in root.children if c.dep_ in ("advcl", "ccomp") and syntax.is_verbal(c)]
        named = (_non_belligerents(s, d) for d in doers if d is not None and not syntax.is_pronoun(d))
        names = next((n for n in named if n), [])
    if not names and who is not None:
        # "The largest single pledge came from Germany": whom the main clause names after its verb.
        names = [a for p in syntax.children(root, "prep") if p.lower_ in ("from", "by") for a in _non_belligerents(s, p)]
    if names:
        ctx.last_actor = names[0]
    if len(names) > 1:
        ctx.last_group = names  # "France and Germany unveiled …": what a later "the two governments" stands for


def _non_belligerents(s: Sentence, phrase: Token) -> list[str]:
    return [a for a in actors_in(s, phrase) if a not in BELLIGERENTS]


def _main_actor(sentences: list[Sentence]) -> str | None:
    """The actor the article names most often: the fallback when a sentence names none."""
    counts = Counter(
        n.canonical
        for s in sentences
        if not (s.text.isupper() and is_heading(s.text))  # a part's heading ("GERMANY") is no mention of its own
        for n in s.names
        if n.kind == "actor" and n.canonical not in BELLIGERENTS
    )
    return counts.most_common(1)[0][0] if counts else None


def _merge(found: list[Found]) -> list[Found]:
    """One item per fact: the same package, rule, measure or claim told twice becomes one item."""
    by_key: dict[tuple[Any, ...], Found] = {}
    out: list[Found] = []
    for item in found:
        key = (item.section, *item.merge_key) if item.merge_key is not None else None
        if key is not None and key in by_key:
            first = by_key[key]
            if item.section == "aid":
                known = {x.lower() for x in first.fields["contents"]}
                extra = [c for c in item.fields["contents"] if c.lower() not in known]
                if extra:
                    first.fields["contents"] = unique([*first.fields["contents"], *extra])
                    for s in item.sentences:
                        first.extend(s)
            continue
        if key is not None:
            by_key[key] = item
        out.append(item)
    return out


def _build(found: list[Found], summary: str) -> BriefDraft:
    sections: dict[str, list[Any]] = {name: [] for name in _DRAFTS}
    for item in _merge(found):
        with_article_name(item)
        draft = _DRAFTS[item.section](**item.fields, evidence=item.evidence)
        sections[item.section].append(draft)
    # An aid line with no figure and no contents repeats a package listed elsewhere; so does one with no figure whose
    # every item a priced line of the same donor names ("Eight and four of the truck-mounted Caesar guns will be
    # financed from …" after "… including 12 more Caesar howitzers").
    if any(a.amount for a in sections["aid"]):
        sections["aid"] = [
            a for a in sections["aid"] if a.amount or (a.contents and not _named_in_priced(a, sections["aid"]))
        ]
    return BriefDraft(summary=summary, **{k: v[:MAX_ITEMS_PER_SECTION] for k, v in sections.items()})


def _named_in_priced(line: AidDraft, lines: list[AidDraft]) -> bool:
    """Are the items of ``line`` ones already told ("four of the truck-mounted Caesar guns": a part of the known
    ones), which a priced line of the same donor names by their proper name ("12 more Caesar howitzers")?"""
    told = all(re.search(rf"\bof the (?:[\w-]+ )?{re.escape(c)}", line.evidence) for c in line.contents)
    names = [{w for w in c.split() if w[:1].isupper()} for c in line.contents]
    if not told or not names or not all(names):
        return False
    for other in lines:
        if other is line or not other.amount or other.donor != line.donor:
            continue
        words = {w for c in other.contents for w in c.split()}
        if all(n <= words for n in names):
            return True
    return False


def _empty(summary: str) -> BriefDraft:
    return BriefDraft(summary=summary, aid=[], weapons_policy=[], sanctions=[], battlefield_claims=[])


def _summary(units: list[list[str]]) -> str:
    """The lead: the first two sentences of the first real paragraph, without a dateline."""
    for paragraph in units:
        if len(" ".join(paragraph).split()) >= 15:
            return " ".join([strip_dateline(paragraph[0]), *paragraph[1:2]])
    # A digest of short lines: its first two, without their list markers.
    return " ".join(BULLET.sub("", " ".join(p), count=1) for p in units[:2])[:600]


def _a_tally(targets: object) -> bool:
    """ "the number of shadow-fleet vessels under British sanctions": a count's name, not who is targeted."""
    return isinstance(targets, str) and targets.lower().startswith(("the number of", "the total", "the tally"))
