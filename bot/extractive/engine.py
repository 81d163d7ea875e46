"""ExtractiveEngine: sentences in, a draft brief out. No model, no network, a few milliseconds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.article import Article
from bot.engine import EngineResult
from bot.extractive import claims as claim_rules
from bot.extractive import fields
from bot.extractive.classify import _GIVING, Classifier
from bot.extractive.lexicon import Lexicon
from bot.extractive.units import Sentence
from bot.models import (
    AidDraft,
    BattlefieldClaimDraft,
    BriefDraft,
    SanctionsDraft,
    Side,
    Stance,
    WeaponsPolicyDraft,
)
from bot.text import article_units, text_key

MAX_ITEMS_PER_SECTION = 20
# "Ukraine, he said, should …": the sentence before names who "he" is.
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she) (?:said|added|argued|told|insisted|warned|stressed)\b", re.I)
_COUNT_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty)\b",
                         re.I)
_LIST_INTRO = re.compile(r"\b(?:includes?|including|contains?|comprises?|consists? of|following|list|are|were)\s*:\s*$",
                         re.I)
_BULLET_MARK = re.compile(r"^\s*(?:[-*•▪●◦–—]|\d{1,2}[.)])\s+")
_REFERS_BACK = re.compile(r"\b(?:that|the|this) (?:attack|strike|raid|assault|bombardment|operation)\b|"
                          r"\b(?:called|described|identified) (?:it|this|that|them)\b", re.I)
_ENEMY_RU = re.compile(r"\bthe Russians\b|\bRussian (?:troops|forces|soldiers|units)\b|\bthe occupiers\b", re.I)
_ENEMY_UA = re.compile(r"\bthe Ukrainians\b|\bUkrainian (?:troops|forces|soldiers|units)\b|\bKyiv regime\b|\bnationalists\b",
                       re.I)
# Interviews: "A:" paragraphs are the interviewee speaking.
_ANSWER = re.compile(r"^\s*(?:A|Answer)\s*[:.-]\s*")
_CALL_SIGN = re.compile(r"(?:call ?sign|nom de guerre|first name|identified (?:only )?(?:by|as))"
                        r"[^\"“]{0,20}[\"“]([^\"”]{2,30})[\"”]")
_DATELINE = re.compile(r"^[A-Z]{2,}[A-Z/ .'-]*(?:,\s*[^-–—()]{2,40}?)?(?:\s*\([^)]*\))?\s*[-–—]\s+")


@dataclass(slots=True)
class _Item:
    section: str
    sentences: list[Sentence]
    data: dict[str, object] = field(default_factory=dict)

    @property
    def evidence(self) -> str:
        parts = [self.sentences[0].text]
        for prev, cur in zip(self.sentences, self.sentences[1:], strict=False):
            adjacent = cur.para == prev.para and cur.index == prev.index + 1
            parts.append(f" {cur.text}" if adjacent else f" … {cur.text}")
        return "".join(parts)


@dataclass(slots=True)
class _ArticleFacts:
    """What the whole article says, which single sentences are read against."""

    has_sanctions: bool
    has_recipient: bool
    has_aid: bool
    interviewee: claim_rules.Claimant | None


@dataclass(slots=True)
class _Reading:
    """Where the reading of the article stands, sentence by sentence."""

    last_claimant: claim_rules.Claimant | None = None
    previous: _Item | None = None  # the item the last sentence went into
    last_item: _Item | None = None
    list_section: str | None = None  # the section of a list introduced by "The package includes:"


class ExtractiveEngine:
    """The offline engine: the default without an LLM, and the LLM engine's safety net."""

    name = "extractive"

    def __init__(self, *, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self.classifier = Classifier(lexicon)

    # -- classification -------------------------------------------------------------------------

    def _sentences(self, article: Article) -> list[Sentence]:
        out = []
        index = 0
        for p, paragraph in enumerate(article_units(article.text, title=article.title)):
            joined = " ".join(paragraph)
            for n, sentence in enumerate(paragraph):
                if n == 0 and p < 3:
                    # "KYIV, Nov 20 (Reuters) - …": the dateline is not part of what anyone said.
                    sentence = _DATELINE.sub("", sentence, count=1) or sentence
                out.append(Sentence(sentence, p, index, joined))
                index += 1
        return out

    def relevant(self, text: str) -> bool:
        """Is the article about the desk's subject? A pasted sentence needs fewer mentions than a page."""
        needed = min(self.lx.cfg.relevance.min_hits, 1 + len(text.split()) // 60)
        return len(self.lx.relevance.findall(text)) >= needed

    def draft(self, article: Article) -> EngineResult:
        self.classifier.reset()
        sentences = self._sentences(article)
        summary = self._summary(sentences)
        if not self.relevant(article.text):
            empty = BriefDraft(summary=summary, aid=[], weapons_policy=[], sanctions=[], battlefield_claims=[])
            return EngineResult(draft=empty, engine=self.name,
                                notes=["The article does not appear to be about the Russia-Ukraine war."
                                       if self.lx.cfg.name == "Russia-Ukraine war"
                                       else f"The article does not appear to be about {self.lx.cfg.name}."])
        facts = self._article_facts(article, sentences)
        items: list[_Item] = []
        state = _Reading()
        for s in sentences:
            # A question ("Who is targeted?") is a heading or a rhetorical turn, never a fact.
            if s.text.rstrip("\"'’” ").endswith("?"):
                state.previous = None
                continue
            who = claim_rules.attribution(self.lx, s.text, state.last_claimant)
            if who is None and facts.interviewee is not None and _ANSWER.match(s.paragraph):
                who = facts.interviewee
            sections = self._sections(sentences, s, facts, state, who)
            if self._continues(s, sections, who, state):
                assert state.previous is not None
                state.previous.sentences.append(s)
            else:
                for section in sections:
                    item = _Item(section, self._with_antecedent(sentences, s, section))
                    if section == "battlefield_claims":
                        if who is None:
                            who = self._claimant_nearby(sentences, s, state.last_claimant)
                        if who is None:
                            continue
                        item.data["claimant"] = who
                        earlier = [x.text for x in sentences[max(0, s.index - 2) : s.index] if x.para == s.para]
                        item.data["before"] = " ".join(earlier)
                    items.append(item)
                    state.previous = state.last_item = item
                if not sections:
                    state.previous = None
            if who is not None:
                state.last_claimant = who
            else:
                state.last_claimant = claim_rules.subject_claimant(self.lx, s.text) or state.last_claimant
        draft = self._build(items, summary, fields.main_actor(self.lx, article.text), facts.has_recipient)
        return EngineResult(draft=draft, engine=self.name)

    def _article_facts(self, article: Article, sentences: list[Sentence]) -> _ArticleFacts:
        c = self.classifier
        has_recipient = bool(self.lx.aid_recipient.search(article.text))
        return _ArticleFacts(
            has_sanctions=any(c.is_sanction_action(s.text) or c.is_listing(s) for s in sentences),
            has_recipient=has_recipient,
            # Does the article report aid at all? Then figures on their own lines (tables, bullets) belong to it.
            has_aid=any(c.is_aid(s.text, s.paragraph, article_recipient=has_recipient)
                        and any(not m.group(0).lower().startswith("package") for m in self.lx.aid_strong.finditer(s.text))
                        for s in sentences),
            interviewee=self._interviewee(article.text, sentences),
        )

    def _sections(self, sentences: list[Sentence], s: Sentence, facts: _ArticleFacts, state: _Reading,
                  who: claim_rules.Claimant | None) -> list[str]:
        """The sections of one sentence, read in its context (lists, the sentences before it)."""
        prev = sentences[s.index - 1] if s.index else None
        same_para_prev = prev if prev is not None and prev.para == s.para else None
        sections = self.classifier.classify(s, article_has_sanctions=facts.has_sanctions,
                                            article_recipient=facts.has_recipient,
                                            prev=same_para_prev.text if same_para_prev else "",
                                            article_aid=facts.has_aid, prev_sentence=same_para_prev)
        bullet = bool(_BULLET_MARK.match(s.paragraph))
        if state.list_section and bullet and (not sections or (sections == ["battlefield_claims"] and who is None)):
            sections = [state.list_section]  # each item of "The package includes:" belongs to the package
        elif not bullet:
            state.list_section = None
        if s.text.rstrip().endswith(":"):
            intro = sections[0] if sections else None
            if intro is None and state.last_item is not None and _LIST_INTRO.search(s.text):
                intro = state.last_item.section
            state.list_section = intro
        if (not sections and facts.has_recipient and self._weapon_named_before(sentences, s)
                and _GIVING.search(s.text) and _COUNT_WORD.search(s.text)):
            sections = ["aid"]  # "Norway has said it will give six", right after the F-16s are named
        if not sections and self._weapon_named_before(sentences, s) and (
                (self.lx.supply_review.search(s.text) and self.lx.policy_supply.search(s.text))
                or (self.lx.withholding and self.lx.withholding.search(s.text))):
            sections = ["weapons_policy"]  # "He was not considering the transfer", two lines after "Tomahawk"
        return sections

    def _continues(self, s: Sentence, sections: list[str], who: claim_rules.Claimant | None,
                   state: _Reading) -> bool:
        """Does ``s`` carry on the item before it? (Sets ``state.previous`` to that item.)"""
        previous, last_item = state.previous, state.last_item
        adjacent = previous is not None and previous.sentences[-1].index == s.index - 1
        # "It includes SAMP/T components" may follow one aside ("The list is classified.") in the paragraph.
        nearby = last_item is not None and last_item.sentences[-1].para == s.para \
            and last_item.sentences[-1].index >= s.index - 2
        cue = bool(self.lx.continuation.match(s.text))
        if not adjacent and nearby and last_item is not None and cue and (not sections or sections == [last_item.section]):
            previous, adjacent = last_item, True
            state.previous = previous
        return adjacent and previous is not None and (
            (cue and (not sections or sections == [previous.section]))
            # "Six ATACMS fired, the ministry said. Five shot down, one damaged.": the same source goes on.
            or (sections == ["battlefield_claims"] == [previous.section] and who is None
                and previous.sentences[-1].para == s.para)
        )

    def _interviewee(self, text: str, sentences: list[Sentence]) -> claim_rules.Claimant | None:
        """Who answers in a Q/A interview: a call sign or name from the introduction, else "the interviewee"."""
        if not any(_ANSWER.match(s.paragraph) for s in sentences):
            return None
        intro = text[:1500]
        named = _CALL_SIGN.search(intro)
        # The interviewee is on the side opposite to the one their answers call "the enemy" / "the Russians".
        answers = " ".join(s.text for s in sentences if _ANSWER.match(s.paragraph))
        russians = len(_ENEMY_RU.findall(answers))
        ukrainians = len(_ENEMY_UA.findall(answers))
        side: Side = "ukraine" if russians > ukrainians else "russia" if ukrainians > russians else "unknown"
        return claim_rules.Claimant(named.group(1) if named else "the interviewee", side)

    def _weapon_named_before(self, sentences: list[Sentence], s: Sentence) -> Sentence | None:
        """The nearest of the three sentences before ``s`` in its paragraph that names a weapon system."""
        for back in range(1, 4):
            if s.index - back < 0:
                return None
            candidate = sentences[s.index - back]
            if candidate.para != s.para:
                return None
            if self.lx.named_weapons.search(candidate.text):
                return candidate
        return None

    def _with_antecedent(self, sentences: list[Sentence], s: Sentence, section: str) -> list[Sentence]:
        """A policy line about "the missiles" takes along the sentence before it that names them."""
        prev = sentences[s.index - 1] if s.index else None
        if prev is None or prev.para != s.para:
            return [s]
        if section in ("weapons_policy", "aid") and not fields.weapons_in(self.lx, s.text, named_only=True):
            named = self._weapon_named_before(sentences, s)
            if named is not None:
                return sentences[named.index : s.index + 1]
        speaker = _PRONOUN_SPEAKER.search(s.text)
        if speaker is not None and speaker.start() < 40:
            return [prev, s]
        # A fragment ("Designated.") means nothing without the words before it ("Gazprombank.").
        if len(s.text.split()) < 5:
            before = sentences[prev.index - 1] if prev.index else None
            if len(prev.text.split()) < 5 and before is not None and before.para == s.para:
                return [before, prev, s]
            return [prev, s]
        return [s]

    def _claimant_nearby(self, sentences: list[Sentence], s: Sentence,
                         last: claim_rules.Claimant | None) -> claim_rules.Claimant | None:
        """An unattributed event takes its source from the next sentence when that one reports on it
        ("Missiles hit the yard. Officials said the strike used …")."""
        nxt = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
        if (nxt is not None and nxt.para == s.para and self.lx.claim_verbs.search(nxt.text)
                and _REFERS_BACK.search(nxt.text)):
            return claim_rules.attribution(self.lx, nxt.text, last)
        return None

    def _build(self, items: list[_Item], summary: str, main_actor: str | None, recipient: bool) -> BriefDraft:
        aid: list[AidDraft] = []
        policy: list[WeaponsPolicyDraft] = []
        sanctions: list[SanctionsDraft] = []
        claims: list[dict[str, object]] = []
        seen: dict[str, list[str]] = {}
        for item in items:
            evidence = item.evidence
            key = text_key(evidence)
            # Syndicated copy repeats a sentence, sometimes inside a longer one: list each fact once.
            if any(key in other for other in seen.setdefault(item.section, [])):
                continue
            seen[item.section].append(key)
            context = item.sentences[0].paragraph
            if item.section == "aid":
                clauses = fields.aid_clauses(evidence)
                for clause in clauses:
                    data = fields.aid_fields(self.lx, evidence, context, main_actor, article_recipient=recipient,
                                             clause=clause if len(clauses) > 1 else None)
                    aid.append(AidDraft(**data))  # type: ignore[arg-type]
            elif item.section == "weapons_policy":
                actor = fields.actor(self.lx, evidence) or fields.actor(self.lx, context) or main_actor
                rules: list[tuple[str | None, Stance, str | None]] = list(fields.policy_clauses(self.lx, evidence))
                if not rules:  # a rule on strikes that names no weapon
                    usage = self.lx.usage.search(evidence)
                    rules = [(None, fields.stance_of(evidence),
                              evidence[usage.start():].split(". ")[0].rstrip(". ") if usage else None)]
                for weapon, stance, scope in rules:
                    policy.append(WeaponsPolicyDraft(actor=actor, weapon=weapon, stance=stance, scope=scope,
                                                     evidence=evidence))
            elif item.section == "sanctions":
                sanctions.append(SanctionsDraft(**fields.sanction_fields(self.lx, evidence, context, main_actor)))  # type: ignore[arg-type]
            else:
                who = item.data["claimant"]
                assert isinstance(who, claim_rules.Claimant)
                claim = claim_rules.claim_text(evidence)
                claims.append({
                    "claimant": who.name,
                    "claim": claim,
                    # The place the claim is about, before places in the claimant's name ("Kharkiv Group").
                    "location": claim_rules.location_of(self.lx, claim) or claim_rules.location_of(self.lx, evidence)
                    # "Bryansk region. Six ATACMS fired at a facility, the ministry said.": a place set just before.
                    or claim_rules.location_of(self.lx, str(item.data.get("before", ""))),
                    "side": who.side,
                    "status": "claimed",
                    "evidence": evidence,
                })
        claim_rules.fill_locations(claims)
        # An aid line with no figure, no weapon and no contents repeats a package listed elsewhere
        # ("providing additional military aid"); a vote count or a weapons class is worth keeping.
        if any(a.amount for a in aid):
            aid = [a for a in aid if a.amount or a.contents or any(ch.isdigit() for ch in a.evidence)
                   or self.lx.weapons.search(a.evidence)]
        return BriefDraft(
            summary=summary,
            aid=aid[:MAX_ITEMS_PER_SECTION],
            weapons_policy=_dedupe_policy(policy)[:MAX_ITEMS_PER_SECTION],
            sanctions=sanctions[:MAX_ITEMS_PER_SECTION],
            battlefield_claims=[BattlefieldClaimDraft(**c) for c in claims][:MAX_ITEMS_PER_SECTION],  # type: ignore[arg-type]
        )

    @staticmethod
    def _summary(sentences: list[Sentence]) -> str:
        """The lead: the first two sentences of the first real paragraph, without a dateline."""
        for s in sentences:
            if len(s.paragraph.split()) >= 15:
                lead = [_BULLET_MARK.sub("", x.text) for x in sentences if x.para == s.para][:2]
                text = " ".join(lead)
                return _DATELINE.sub("", text, count=1)
        return " ".join(s.text for s in sentences[:2])


def _dedupe_policy(items: list[WeaponsPolicyDraft]) -> list[WeaponsPolicyDraft]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for item in items:
        key = ((item.weapon or "").lower(), item.stance, text_key(item.evidence))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
