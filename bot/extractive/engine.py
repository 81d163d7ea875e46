"""ExtractiveEngine: sentences in, a draft brief out. No model, no network, a few milliseconds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.article import Article
from bot.engine import EngineResult
from bot.extractive import claims as claim_rules
from bot.extractive import fields
from bot.extractive.lexicon import Lexicon
from bot.figures import find_money
from bot.models import (
    AidDraft,
    BattlefieldClaimDraft,
    BriefDraft,
    SanctionsDraft,
    Side,
    Stance,
    WeaponsPolicyDraft,
)
from bot.text import article_units, fingerprint

MAX_ITEMS_PER_SECTION = 14
# "could hit", "wants to retake": intentions and permissions, not events anyone claims happened.
_MODAL_BEFORE = re.compile(r"\b(?:could|would|might|may|can|will|to|must|should)\s+[\"'“‘]?(?:[A-Za-z]+\s+)?[\"'“‘]?$", re.I)
# "If Russia launches attacks …": a hypothetical, not an event.
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|whether|in case|should)\b[^,;.]*$", re.I)
_AND_CLAUSES = re.compile(r",?\s+and (?:has|have|had|will|would|also|is|was)\s+|,\s+while\s+|;\s+", re.I)
# "Ukraine, he said, should …": the sentence before names who "he" is.
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she) (?:said|added|argued|told|insisted|warned|stressed)\b", re.I)
_PASSIVE_GIVING = re.compile(r"\b(?:will|are to|is to|would|were|was|have|has|had|to)\s+be(?:en)?\s+(?:\w+\s+)?"
                             r"(?:delivered|supplied|sent|provided|donated|transferred|handed over|ordered|procured|"
                             r"bought|financed|funded)\b", re.I)
# Verbs of giving that, just before a named weapon, make a sentence about aid.
_GIVING = re.compile(r"\b(?:deliver(?:ed|ies|y|ing)|donat\w+|handed over|hand over|pledg\w+|promis\w+|sen(?:d|t|ding)|"
                     r"provid(?:e|ed|es|ing)|transferr?\w*|pa(?:y|id|ying) for|fund(?:ed|s|ing)|financ\w+|purchas\w+|"
                     r"bought|gave|giv(?:e|es|ing)|find|supplied|order(?:ed|ing)|procur\w+)\b", re.I)
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
class _Sentence:
    text: str
    para: int
    index: int  # position in the article, across paragraphs
    paragraph: str


@dataclass(slots=True)
class _Item:
    section: str
    sentences: list[_Sentence]
    data: dict[str, object] = field(default_factory=dict)

    @property
    def evidence(self) -> str:
        parts = [self.sentences[0].text]
        for prev, cur in zip(self.sentences, self.sentences[1:], strict=False):
            adjacent = cur.para == prev.para and cur.index == prev.index + 1
            parts.append(f" {cur.text}" if adjacent else f" … {cur.text}")
        return "".join(parts)


class ExtractiveEngine:
    """The offline engine: the default without an LLM, and the LLM engine's safety net."""

    name = "extractive"

    def __init__(self, *, lexicon: Lexicon) -> None:
        self.lx = lexicon

    # -- classification -------------------------------------------------------------------------

    def _is_aid(self, s: str, context: str, *, article_recipient: bool = False, prev: str = "",
                article_aid: bool = False) -> bool:
        lx = self.lx
        money = find_money(s)
        sanction = self._is_sanction_action(s)
        # "package" alone also names sanctions rounds: it counts only with a figure or a weapon beside it.
        cues = [m.group(0).lower() for m in lx.aid_strong.finditer(s)]
        named = lx.named_weapons.search(s)
        strong = any(not c.startswith("package") for c in cues) or (bool(cues) and bool(money or (named and not sanction)))
        if not strong and prev and money and not sanction and lx.aid_strong.search(prev):
            # "Then there is the G7 loan. Japan's share is 471.9 billion yen": the figure belongs to the aid above.
            strong = True
        if not strong and lx.not_aid and lx.not_aid.search(s):
            return False
        supply = lx.aid_supply.search(s)
        recipient = lx.aid_recipient.search(s)
        weapon = lx.weapons.search(s)
        if sanction and not strong:
            # "agreed a £1.6bn contract to supply Ukraine … and has imposed sanctions on 100 tankers"
            money_clauses = [c for c in _AND_CLAUSES.split(s) if find_money(c)]
            if not money_clauses or any(self._is_sanction_action(c) for c in money_clauses):
                return False
            s = money_clauses[0]
            supply = lx.aid_supply.search(s)
            recipient = lx.aid_recipient.search(s)
            weapon = lx.weapons.search(s)
        return bool(
            (money and (strong or (supply and (recipient or weapon)) or recipient))
            or (strong and (recipient or weapon or money or lx.aid_recipient.search(context)))
            or (supply and weapon and recipient)
            # "Deliveries of 18 howitzers were promised": a named system given, in an article about aid to Ukraine.
            or (article_recipient and named and _GIVING.search(s[: named.start()][-100:]))
            # "Further Archer howitzers will be supplied": the passive puts the verb after the weapon.
            or (article_recipient and named and _PASSIVE_GIVING.search(s[named.end(): named.end() + 80]))
            or (article_recipient and weapon and _GIVING.search(s[: weapon.start()][-60:]) and re.search(r"\d", s))
            # In an article about aid, a figure on its own line ("NASAMS launchers … NOK 600 million") is aid too.
            or (article_aid and money and not sanction and not (lx.not_aid and lx.not_aid.search(s)))
        )

    def _is_policy(self, s: str) -> bool:
        lx = self.lx
        if not lx.weapons.search(s):
            # "Ukraine should be allowed to neutralise military sites in Russia": a rule on strikes, no weapon named.
            return bool(lx.strike_policy and lx.strike_policy.search(s) and lx.usage.search(s))
        # Rules on use ("may use X against targets in Russia"), or a refusal or review of supplying X.
        return bool((lx.policy.search(s) and lx.usage.search(s))
                    or (lx.supply_review.search(s) and lx.policy_supply.search(s))
                    or (lx.policy_nouns and lx.policy_nouns.search(s) and lx.named_weapons.search(s)))

    def _is_sanction_action(self, s: str) -> bool:
        stripped = self.lx.sanction_background.sub(" ", s) if self.lx.sanction_background else s
        return bool(self.lx.sanction_strong.search(stripped))

    def _is_claim_event(self, s: str, paragraph: str) -> bool:
        lx = self.lx
        real = [m for m in lx.events.finditer(s)
                if not _MODAL_BEFORE.search(s[max(0, m.start() - 30) : m.start()])
                and not _CONDITIONAL_BEFORE.search(s[max(0, m.start() - 60) : m.start()])]
        if not real or (lx.not_claims and lx.not_claims.search(s)):
            return False
        # "Two people were killed" needs no context in a war article; "the team lost" does.
        if lx.ambiguous_events and all(lx.ambiguous_events.fullmatch(m.group(0)) for m in real):
            return bool(lx.military.search(s) or lx.weapons.search(s) or lx.military.search(paragraph))
        return True

    def _is_listing(self, s: _Sentence) -> bool:
        """A weak cue with a sanctions authority acting in the paragraph ("Gazprombank. Designated.")."""
        lx = self.lx
        return bool(lx.sanction_authorities and lx.sanction_weak.search(s.text)
                    and lx.sanction_authorities.search(s.paragraph))

    def _is_weaponless_limit(self, s: _Sentence, prev: _Sentence | None) -> bool:
        """"The condition: use on Ukrainian soil only." right after the sentence naming the weapon."""
        lx = self.lx
        return bool(prev is not None and prev.para == s.para and not lx.weapons.search(s.text)
                    and lx.weapons.search(prev.text) and lx.usage.search(s.text)
                    and (lx.policy.search(s.text) or re.search(r"\bonly\b", s.text)))

    def classify(self, s: _Sentence, *, article_has_sanctions: bool, article_recipient: bool,
                 prev: str = "", article_aid: bool = False, prev_sentence: _Sentence | None = None) -> list[str]:
        text = s.text
        found = []
        strong_sanction = self._is_sanction_action(text)
        sanction = strong_sanction or self._is_listing(s)
        if self._is_aid(text, s.paragraph, article_recipient=article_recipient, prev=prev, article_aid=article_aid):
            found.append("aid")
        if self._is_weaponless_limit(s, prev_sentence):
            found.append("weapons_policy")
        # An export ban on drone parts is a sanction, not a rule on Ukraine's weapons.
        elif not strong_sanction and self._is_policy(text):
            found.append("weapons_policy")
            # A refusal to send Taurus is policy; it is aid only when money changes hands or aid is named.
            named_aid = any(not m.group(0).lower().startswith("package") for m in self.lx.aid_strong.finditer(text))
            if "aid" in found and not find_money(text) and not named_aid:
                found.remove("aid")
        if sanction or article_has_sanctions and not found and self.lx.sanction_weak.search(text):
            found.append("sanctions")
        if not found and self._is_claim_event(text, s.paragraph):
            found.append("battlefield_claims")
        return found

    # -- the brief --------------------------------------------------------------------------------

    def _sentences(self, article: Article) -> list[_Sentence]:
        out = []
        index = 0
        for p, paragraph in enumerate(article_units(article.text, title=article.title)):
            joined = " ".join(paragraph)
            for n, sentence in enumerate(paragraph):
                if n == 0 and p < 3:
                    # "KYIV, Nov 20 (Reuters) - …": the dateline is not part of what anyone said.
                    sentence = _DATELINE.sub("", sentence, count=1) or sentence
                out.append(_Sentence(sentence, p, index, joined))
                index += 1
        return out

    def relevant(self, text: str) -> bool:
        """Is the article about the desk's subject? A pasted sentence needs fewer mentions than a page."""
        needed = min(self.lx.cfg.relevance.min_hits, 1 + len(text.split()) // 60)
        return len(self.lx.relevance.findall(text)) >= needed

    def draft(self, article: Article) -> EngineResult:
        sentences = self._sentences(article)
        summary = self._summary(sentences)
        if not self.relevant(article.text):
            empty = BriefDraft(summary=summary, aid=[], weapons_policy=[], sanctions=[], battlefield_claims=[])
            return EngineResult(draft=empty, engine=self.name,
                                notes=["The article does not appear to be about the Russia-Ukraine war."
                                       if self.lx.cfg.name == "Russia-Ukraine war"
                                       else f"The article does not appear to be about {self.lx.cfg.name}."])
        has_sanctions = any(self._is_sanction_action(s.text) or self._is_listing(s) for s in sentences)
        has_recipient = bool(self.lx.aid_recipient.search(article.text))
        # Does the article report aid at all? Then figures on their own lines (tables, bullets) belong to it.
        has_aid = any(self._is_aid(s.text, s.paragraph, article_recipient=has_recipient) and
                      any(not m.group(0).lower().startswith("package") for m in self.lx.aid_strong.finditer(s.text))
                      for s in sentences)
        items: list[_Item] = []
        interviewee = self._interviewee(article.text, sentences)
        last_claimant: claim_rules.Claimant | None = None
        previous: _Item | None = None
        last_item: _Item | None = None
        list_section: str | None = None  # the section of a list introduced by "The package includes:"
        for s in sentences:
            # A question ("Who is targeted?") is a heading or a rhetorical turn, never a fact.
            if s.text.rstrip("\"'’” ").endswith("?"):
                previous = None
                continue
            prev = sentences[s.index - 1] if s.index else None
            same_para_prev = prev if prev is not None and prev.para == s.para else None
            sections = self.classify(s, article_has_sanctions=has_sanctions, article_recipient=has_recipient,
                                     prev=same_para_prev.text if same_para_prev else "", article_aid=has_aid,
                                     prev_sentence=same_para_prev)
            who = claim_rules.attribution(self.lx, s.text, last_claimant)
            if who is None and interviewee is not None and _ANSWER.match(s.paragraph):
                who = interviewee
            bullet = bool(_BULLET_MARK.match(s.paragraph))
            if list_section and bullet and (not sections or (sections == ["battlefield_claims"] and who is None)):
                sections = [list_section]  # each item of "The package includes:" belongs to the package
            elif not bullet:
                list_section = None
            if s.text.rstrip().endswith(":"):
                intro = sections[0] if sections else None
                if intro is None and last_item is not None and _LIST_INTRO.search(s.text):
                    intro = last_item.section
                list_section = intro
            if not sections and self._weapon_named_before(sentences, s) and self.lx.supply_review.search(s.text) \
                    and self.lx.policy_supply.search(s.text):
                sections = ["weapons_policy"]  # "He was not considering the transfer", two lines after "Tomahawk"
            adjacent = previous is not None and previous.sentences[-1].index == s.index - 1
            continues = adjacent and previous is not None and (
                (bool(self.lx.continuation.match(s.text)) and (not sections or sections == [previous.section]))
                # "Six ATACMS fired, the ministry said. Five shot down, one damaged.": the same source goes on.
                or (sections == ["battlefield_claims"] == [previous.section] and who is None
                    and previous.sentences[-1].para == s.para)
            )
            if continues and previous is not None:
                previous.sentences.append(s)
            else:
                for section in sections:
                    item = _Item(section, self._with_antecedent(sentences, s, section))
                    if section == "battlefield_claims":
                        if who is None:
                            who = self._claimant_nearby(sentences, s, last_claimant)
                        if who is None:
                            continue
                        item.data["claimant"] = who
                        earlier = [x.text for x in sentences[max(0, s.index - 2) : s.index] if x.para == s.para]
                        item.data["before"] = " ".join(earlier)
                    items.append(item)
                    previous = last_item = item
                if not sections:
                    previous = None
            if who is not None:
                last_claimant = who
            else:
                last_claimant = claim_rules.subject_claimant(self.lx, s.text) or last_claimant
        draft = self._build(items, summary, fields.main_actor(self.lx, article.text), has_recipient)
        return EngineResult(draft=draft, engine=self.name)

    def _interviewee(self, text: str, sentences: list[_Sentence]) -> claim_rules.Claimant | None:
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

    def _weapon_named_before(self, sentences: list[_Sentence], s: _Sentence) -> _Sentence | None:
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

    def _with_antecedent(self, sentences: list[_Sentence], s: _Sentence, section: str) -> list[_Sentence]:
        """A policy line about "the missiles" takes along the sentence before it that names them."""
        prev = sentences[s.index - 1] if s.index else None
        if prev is None or prev.para != s.para:
            return [s]
        if section == "weapons_policy" and not fields.weapons_in(self.lx, s.text, named_only=True):
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

    def _claimant_nearby(self, sentences: list[_Sentence], s: _Sentence,
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
            key = fingerprint(evidence)
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
    def _summary(sentences: list[_Sentence]) -> str:
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
        key = ((item.weapon or "").lower(), item.stance, fingerprint(item.evidence))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
