"""The domain YAML (``config/domain.yaml``), validated and compiled into regular expressions."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from bot.config import read_yaml_mapping, validated
from bot.errors import ConfigError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Relevance(_Model):
    min_hits: int = 3
    terms: list[str]


class AidCues(_Model):
    description: str
    strong: list[str]
    supply: list[str]
    recipients: list[str]
    not_aid: list[str] = Field(default_factory=list)


class PolicyCues(_Model):
    description: str
    policy: list[str]
    supply_review: list[str]
    supply: list[str]
    policy_nouns: list[str] = Field(default_factory=list)
    withholding: list[str] = Field(default_factory=list)
    strike_policy: list[str] = Field(default_factory=list)
    usage: list[str]


class SanctionsCues(_Model):
    description: str
    strong: list[str]
    weak: list[str]
    authorities: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)


class ClaimCues(_Model):
    description: str
    events: list[str]
    ambiguous_events: list[str] = Field(default_factory=list)
    not_claims: list[str] = Field(default_factory=list)
    claim_verbs: list[str]
    military_context: list[str]


class Sections(_Model):
    aid: AidCues
    weapons_policy: PolicyCues
    sanctions: SanctionsCues
    battlefield_claims: ClaimCues


class DomainConfig(_Model):
    name: str
    relevance: Relevance
    sections: Sections
    continuations: list[str]
    weapons: list[str]
    weapon_classes: list[str]
    actors: dict[str, list[str]]
    claimants: dict[str, list[str]]
    places: list[str]
    countries: list[str]
    sectors: list[str]


def _alternation(patterns: list[str], *, boundary: bool = True) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    prefix = r"(?<![\w-])" if boundary else ""
    try:
        return re.compile(f"{prefix}(?:{body})", re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"a pattern in the domain file is not a valid regular expression: {exc}") from exc


class Lexicon:
    """Compiled cues. Build once per domain file; matching is the hot path."""

    def __init__(self, cfg: DomainConfig) -> None:
        s = cfg.sections
        self.cfg = cfg
        self.relevance = _alternation(cfg.relevance.terms)
        self.aid_strong = _alternation(s.aid.strong)
        self.aid_supply = _alternation(s.aid.supply)
        self.aid_recipient = _alternation(s.aid.recipients)
        self.not_aid = _alternation(s.aid.not_aid) if s.aid.not_aid else None
        self.policy = _alternation(s.weapons_policy.policy)
        self.usage = _alternation(s.weapons_policy.usage)
        self.supply_review = _alternation(s.weapons_policy.supply_review)
        self.policy_supply = _alternation(s.weapons_policy.supply)
        self.policy_nouns = _alternation(s.weapons_policy.policy_nouns) if s.weapons_policy.policy_nouns else None
        self.withholding = _alternation(s.weapons_policy.withholding) if s.weapons_policy.withholding else None
        self.strike_policy = _alternation(s.weapons_policy.strike_policy) if s.weapons_policy.strike_policy else None
        self.sanction_strong = _alternation(s.sanctions.strong)
        self.sanction_weak = _alternation(s.sanctions.weak)
        self.sanction_authorities = _alternation(s.sanctions.authorities) if s.sanctions.authorities else None
        self.sanction_background = _alternation(s.sanctions.background) if s.sanctions.background else None
        self.events = _alternation(s.battlefield_claims.events)
        ambiguous = s.battlefield_claims.ambiguous_events
        self.ambiguous_events = _alternation(ambiguous) if ambiguous else None
        self.not_claims = _alternation(s.battlefield_claims.not_claims) if s.battlefield_claims.not_claims else None
        self.claim_verbs = _alternation(s.battlefield_claims.claim_verbs)
        self.military = _alternation(s.battlefield_claims.military_context)
        # Continuations are matched at the very start of a sentence only, and case-sensitively.
        self.continuation = re.compile("^(?:" + "|".join(cfg.continuations) + ")")
        self.named_weapons = _alternation(cfg.weapons)
        self.weapon_classes = _alternation(cfg.weapon_classes)
        self.weapons = _alternation(cfg.weapons + cfg.weapon_classes)
        self.actors = [(name, _alternation(pats)) for name, pats in cfg.actors.items()]
        # One pass over a text finds every actor: a named group per actor (much faster than one pattern each).
        self._actor_names = list(cfg.actors)
        groups = "|".join(
            f"(?P<a{i}>" + "|".join(f"(?:{p})" for p in sorted(pats, key=len, reverse=True)) + ")"
            for i, pats in enumerate(cfg.actors.values())
        )
        self._actor_any = re.compile(rf"(?<![\w-])(?:{groups})", re.IGNORECASE)
        self.claimants = [(side, _alternation(pats)) for side, pats in cfg.claimants.items()]
        self.places = _alternation(cfg.places)
        self.countries = _alternation(cfg.countries)
        self.sectors = _alternation(cfg.sectors)

    def actor_hits(self, text: str) -> list[tuple[int, str]]:
        """(position, canonical actor) for every actor mention in ``text``, in order."""
        out = []
        for m in self._actor_any.finditer(text):
            assert m.lastgroup is not None
            out.append((m.start(), self._actor_names[int(m.lastgroup[1:])]))
        return out

    def section_descriptions(self) -> dict[str, str]:
        s = self.cfg.sections
        return {
            "aid": s.aid.description,
            "weapons_policy": s.weapons_policy.description,
            "sanctions": s.sanctions.description,
            "battlefield_claims": s.battlefield_claims.description,
        }


def load_domain(path: Path) -> DomainConfig:
    data = read_yaml_mapping(path, what="domain file")
    return validated(DomainConfig, data, where=f"domain file {path}")


@lru_cache(maxsize=4)
def lexicon_for(path: str) -> Lexicon:
    """The compiled lexicon of one domain file (cached per path)."""
    return Lexicon(load_domain(Path(path)))
