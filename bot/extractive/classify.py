"""Which sections a sentence belongs to: the cue rules of the offline engine, driven by the domain YAML.

Each predicate reads one sentence (with its paragraph for context) and answers yes or no; the engine
combines them with what it knows of the article as a whole.
"""

from __future__ import annotations

import re

from bot.extractive.lexicon import Lexicon
from bot.extractive.units import Sentence
from bot.figures import find_money

# "could hit", "wants to retake": intentions and permissions, not events anyone claims happened.
_MODAL_BEFORE = re.compile(r"\b(?:could|would|might|may|can|will|to|must|should)\s+[\"'“‘]?(?:[A-Za-z]+\s+)?[\"'“‘]?$", re.I)
# "If Russia launches attacks …": a hypothetical, not an event.
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|whether|in case|should)\b[^,;.]*$", re.I)
_ON_THE_LIST = re.compile(r"\bon the list\b|\blist (?:also )?(?:includes|contains)\b", re.I)
_AND_CLAUSES = re.compile(r",?\s+and (?:has|have|had|will|would|also|is|was)\s+|,\s+while\s+|;\s+", re.I)
_PASSIVE_GIVING = re.compile(r"\b(?:will|are to|is to|would|were|was|have|has|had|to)\s+be(?:en)?\s+(?:\w+\s+)?"
                             r"(?:delivered|supplied|sent|provided|donated|transferred|handed over|ordered|procured|"
                             r"bought|financed|funded)\b", re.I)
# Verbs of giving that, just before a named weapon, make a sentence about aid.
_GIVING = re.compile(r"\b(?:deliver(?:ed|ies|y|ing)|donat\w+|handed over|hand over|pledg\w+|promis\w+|sen(?:d|t|ding)|"
                     r"provid(?:e|ed|es|ing)|transferr?\w*|pa(?:y|id|ying) for|fund(?:ed|s|ing)|financ\w+|purchas\w+|"
                     r"bought|gave|giv(?:e|es|ing)|find|supplied|order(?:ed|ing)|procur\w+)\b", re.I)


class Classifier:
    """Section predicates over one compiled lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        # The same cue is looked up in the same sentence by several predicates: remember the answers.
        self._memo: dict[tuple[re.Pattern[str], str], re.Match[str] | None] = {}

    def reset(self) -> None:
        """Forget remembered lookups (call once per article)."""
        self._memo.clear()

    def _find(self, pattern: re.Pattern[str] | None, text: str) -> re.Match[str] | None:
        if pattern is None:
            return None
        key = (pattern, text)
        if key not in self._memo:
            self._memo[key] = pattern.search(text)
        return self._memo[key]

    def is_aid(self, s: str, context: str, *, article_recipient: bool = False, prev: str = "",
                article_aid: bool = False) -> bool:
        lx = self.lx
        money = find_money(s)
        sanction = self.is_sanction_action(s)
        # "package" alone also names sanctions rounds: it counts only with a figure or a weapon beside it.
        cues = [m.group(0).lower() for m in lx.aid_strong.finditer(s)]
        named = self._find(lx.named_weapons, s)
        strong = any(not c.startswith("package") for c in cues) or (bool(cues) and bool(money or (named and not sanction)))
        if not strong and prev and money and not sanction and self._find(lx.aid_strong, prev):
            # "Then there is the G7 loan. Japan's share is 471.9 billion yen": the figure belongs to the aid above.
            strong = True
        if not strong and lx.not_aid and self._find(lx.not_aid, s):
            return False
        supply = self._find(lx.aid_supply, s)
        recipient = self._find(lx.aid_recipient, s)
        weapon = self._find(lx.weapons, s)
        if sanction and not strong:
            # "agreed a £1.6bn contract to supply Ukraine … and has imposed sanctions on 100 tankers"
            money_clauses = [c for c in _AND_CLAUSES.split(s) if find_money(c)]
            if not money_clauses or any(self.is_sanction_action(c) for c in money_clauses):
                return False
            s = money_clauses[0]
            supply = self._find(lx.aid_supply, s)
            recipient = self._find(lx.aid_recipient, s)
            weapon = self._find(lx.weapons, s)
        return bool(
            (money and (strong or (supply and (recipient or weapon)) or recipient))
            or (strong and (recipient or weapon or money or self._find(lx.aid_recipient, context)))
            or (supply and named and recipient and supply.start() < named.start())
            # "Ottawa will also fund demining equipment worth C$15 million": money given, in an article on Ukraine.
            or (money and supply and article_recipient and money[0].value >= 1e6)
            # "Deliveries of 18 howitzers were promised": a named system given, in an article about aid to Ukraine.
            or (article_recipient and named and _GIVING.search(s[: named.start()][-100:]))
            # "Further Archer howitzers will be supplied": the passive puts the verb after the weapon.
            or (article_recipient and named and _PASSIVE_GIVING.search(s[named.end(): named.end() + 80]))
            or (article_recipient and weapon and re.search(r"\d", s)
                and _PASSIVE_GIVING.search(s[weapon.end(): weapon.end() + 80]))
            or (article_recipient and weapon and _GIVING.search(s[: weapon.start()][-60:]) and re.search(r"\d", s))
            # In an article about aid, a figure on its own line ("NASAMS launchers … NOK 600 million") is aid too.
            # "Also on the list are 30 Leopard 1A5 tanks": the package's contents, a paragraph later.
            or (article_aid and named and _ON_THE_LIST.search(s))
            or (article_aid and money and money[0].value >= 1e6 and not sanction
                and not (lx.not_aid and self._find(lx.not_aid, s)))
        )

    def is_policy(self, s: str) -> bool:
        lx = self.lx
        if not self._find(lx.weapons, s):
            # "Ukraine should be allowed to neutralise military sites in Russia": a rule on strikes, no weapon named.
            return bool(lx.strike_policy and self._find(lx.strike_policy, s) and self._find(lx.usage, s))
        # Rules on use ("may use X against targets in Russia"), or a refusal or review of supplying X.
        return bool((self._find(lx.policy, s) and self._find(lx.usage, s))
                    or (self._find(lx.supply_review, s) and self._find(lx.policy_supply, s))
                    or (lx.policy_nouns and self._find(lx.policy_nouns, s))
                    or (lx.withholding and self._find(lx.withholding, s)))

    def is_sanction_action(self, s: str) -> bool:
        stripped = self.lx.sanction_background.sub(" ", s) if self.lx.sanction_background else s
        return bool(self._find(self.lx.sanction_strong, stripped))

    def is_claim_event(self, s: str, paragraph: str) -> bool:
        lx = self.lx
        real = [m for m in lx.events.finditer(s)
                if not _MODAL_BEFORE.search(s[max(0, m.start() - 30) : m.start()])
                and not _CONDITIONAL_BEFORE.search(s[max(0, m.start() - 60) : m.start()])]
        if not real or (lx.not_claims and self._find(lx.not_claims, s)):
            return False
        # "Two people were killed" needs no context in a war article; "the team lost" does.
        if lx.ambiguous_events and all(lx.ambiguous_events.fullmatch(m.group(0)) for m in real):
            return bool(self._find(lx.military, s) or self._find(lx.weapons, s) or self._find(lx.military, paragraph))
        return True

    def is_listing(self, s: Sentence) -> bool:
        """A weak cue with a sanctions authority acting in the paragraph ("Gazprombank. Designated.")."""
        lx = self.lx
        return bool(lx.sanction_authorities and self._find(lx.sanction_weak, s.text)
                    and self._find(lx.sanction_authorities, s.paragraph))

    def is_weaponless_limit(self, s: Sentence, prev: Sentence | None) -> bool:
        """"The condition: use on Ukrainian soil only." right after the sentence naming the weapon."""
        lx = self.lx
        return bool(prev is not None and prev.para == s.para and not self._find(lx.weapons, s.text)
                    and self._find(lx.weapons, prev.text) and self._find(lx.usage, s.text)
                    and (self._find(lx.policy, s.text) or re.search(r"\bonly\b", s.text)))

    def classify(self, s: Sentence, *, article_has_sanctions: bool, article_recipient: bool,
                 prev: str = "", article_aid: bool = False, prev_sentence: Sentence | None = None) -> list[str]:
        text = s.text
        found = []
        strong_sanction = self.is_sanction_action(text)
        sanction = strong_sanction or self.is_listing(s)
        if self.is_aid(text, s.paragraph, article_recipient=article_recipient, prev=prev, article_aid=article_aid):
            found.append("aid")
        if self.is_weaponless_limit(s, prev_sentence):
            found.append("weapons_policy")
        # An export ban on drone parts is a sanction, not a rule on Ukraine's weapons.
        elif not strong_sanction and self.is_policy(text):
            found.append("weapons_policy")
            # A refusal to send Taurus is policy; it is aid only when money changes hands or aid is named.
            named_aid = any(not m.group(0).lower().startswith("package") for m in self.lx.aid_strong.finditer(text))
            if "aid" in found and not find_money(text) and not named_aid:
                found.remove("aid")
        if sanction or article_has_sanctions and not found and self._find(self.lx.sanction_weak, text):
            found.append("sanctions")
        if not found and self.is_claim_event(text, s.paragraph):
            found.append("battlefield_claims")
        return found

    # -- the brief --------------------------------------------------------------------------------
