"""The domain file (``bot/resources/config/domain.yaml``): what words mean, validated into sets and lookup tables.

Nothing here matches sentences. The engine reads grammar from the parse; this module only answers
"is this lemma a verb of giving?", "which actor is 'Berlin'?", "which side is 'the Kremlin' on?".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.config import read_yaml_mapping, validated

Side = Literal["ukraine", "russia", "third_party", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Relevance(_Model):
    min_hits: int = 3
    terms: list[str]


class SectionText(_Model):
    description: str


class Sections(_Model):
    aid: SectionText
    weapons_policy: SectionText
    sanctions: SectionText
    battlefield_claims: SectionText


class Words(_Model):
    """Lemma classes; see the comments in the domain file for what each one is for."""

    report: list[str]
    deny: list[str]
    give: list[str]
    decide: list[str]
    amount: list[str]
    aid_noun: list[str]
    private: list[str] = Field(default_factory=list)
    contain: list[str]
    permit: list[str]
    permit_noun: list[str]
    lift: list[str]
    restrict: list[str]
    restrict_noun: list[str]
    prohibit: list[str]
    prohibit_noun: list[str]
    prohibit_adjective: list[str]
    review: list[str]
    review_noun: list[str]
    request: list[str]
    request_noun: list[str]
    need: list[str]
    use: list[str]
    supply: list[str]
    sanction: list[str]
    sanction_action: list[str]
    sanction_noun: list[str]
    trade_modifier: list[str]
    target_noun: list[str]
    sanction_background: list[str]
    event: list[str]
    event_ambiguous: list[str]
    event_noun: list[str]
    route: list[str] = []
    military: list[str]
    intention: list[str]
    hearsay: list[str] = []
    hearsay_media: list[str] = []
    official: list[str] = Field(default_factory=list)
    people_by_role: list[str] = Field(default_factory=list)


class Sides(_Model):
    ukraine: list[str]
    russia: list[str]
    third_party: list[str]
    default_ukraine: list[str] = Field(default_factory=list)


class DomainConfig(_Model):
    name: str
    language: str = "en"
    relevance: Relevance
    sections: Sections
    words: Words
    sides: Sides
    actors: dict[str, list[str]]
    people: dict[str, list[str]] = Field(default_factory=dict)
    sanction_authorities: list[str] = Field(default_factory=list)
    institution_nouns: list[str] = Field(default_factory=list)
    shared_seats: dict[str, str] = Field(default_factory=dict)
    weapons: dict[str, str]
    weapon_heads: list[str]
    forces: list[str] = []
    weapon_heads_modified: list[str] = Field(default_factory=list)
    weapon_modifiers: list[str] = Field(default_factory=list)
    equipment_heads: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    russian_regions: list[str] = Field(default_factory=list)
    countries: dict[str, list[str]]
    sectors: list[str]


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


class Lexicon:
    """One domain file, ready for lookups. Build once per file (``lexicon_for``)."""

    def __init__(self, cfg: DomainConfig) -> None:
        self.cfg = cfg
        w = cfg.words
        # Every lemma class as a frozenset attribute: ``lx.give``, ``lx.report`` …
        for name in Words.model_fields:
            setattr(self, name, _lower(getattr(w, name)))
        # Places of the war count as mentions of it: "12 attacks repelled near Pokrovsk" is about the war.
        self.relevance_terms = _lower(cfg.relevance.terms) | frozenset(
            word.lower() for place in cfg.places for word in place.split() if len(word) > 3
        )
        self.weapon_heads = _lower(cfg.weapon_heads)
        self.forces = _lower(cfg.forces)
        self.weapon_heads_modified = _lower(cfg.weapon_heads_modified)
        self.weapon_modifiers = _lower(cfg.weapon_modifiers)
        self.equipment_heads = _lower(cfg.equipment_heads)
        self.russian_regions = _lower(cfg.russian_regions)
        # Names: phrase -> (kind, canonical). Kinds: actor, weapon, place, country, sector, side marker.
        self.weapon_origin = {name: origin for name, origin in cfg.weapons.items()}
        self.side_words: dict[str, Side] = {}
        for side in ("ukraine", "russia", "third_party"):
            for word in getattr(cfg.sides, side):
                self.side_words.setdefault(word.lower(), side)
        self.default_ukraine = [p for p in cfg.sides.default_ukraine]
        self.authorities = list(cfg.sanction_authorities)

    # -- lemma classes are set as attributes in __init__; declared here for type checkers ----------
    official: frozenset[str]
    report: frozenset[str]
    deny: frozenset[str]
    give: frozenset[str]
    decide: frozenset[str]
    amount: frozenset[str]
    aid_noun: frozenset[str]
    private: frozenset[str]
    contain: frozenset[str]
    permit: frozenset[str]
    permit_noun: frozenset[str]
    lift: frozenset[str]
    restrict: frozenset[str]
    restrict_noun: frozenset[str]
    prohibit: frozenset[str]
    prohibit_noun: frozenset[str]
    prohibit_adjective: frozenset[str]
    review: frozenset[str]
    review_noun: frozenset[str]
    request: frozenset[str]
    request_noun: frozenset[str]
    need: frozenset[str]
    use: frozenset[str]
    supply: frozenset[str]
    sanction: frozenset[str]
    sanction_action: frozenset[str]
    sanction_noun: frozenset[str]
    trade_modifier: frozenset[str]
    target_noun: frozenset[str]
    sanction_background: frozenset[str]
    event: frozenset[str]
    event_ambiguous: frozenset[str]
    event_noun: frozenset[str]
    route: frozenset[str]
    military: frozenset[str]
    intention: frozenset[str]
    hearsay: frozenset[str]
    hearsay_media: frozenset[str]
    people_by_role: frozenset[str]

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
    """The lexicon of one domain file (cached per path)."""
    return Lexicon(load_domain(Path(path)))
