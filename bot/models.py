"""The Brief document: typed models, shared by every engine, renderer and adapter.

Each section has two item models. ``*Draft`` holds exactly the fields an engine (or the LLM, through a
strict JSON schema) produces; the published item adds ``verified``, which only the grounding check sets.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1

SectionName = Literal["aid", "weapons_policy", "sanctions", "battlefield_claims"]
SECTIONS: tuple[SectionName, ...] = ("aid", "weapons_policy", "sanctions", "battlefield_claims")
SECTION_TITLES: dict[str, str] = {
    "aid": "Aid",
    "weapons_policy": "Weapons policy",
    "sanctions": "Sanctions",
    "battlefield_claims": "Battlefield claims",
}

AidType = Literal["military", "financial", "humanitarian", "other"]
Stance = Literal["permitted", "restricted", "prohibited", "under_review", "unclear"]
Side = Literal["ukraine", "russia", "third_party", "unknown"]
ClaimStatus = Literal["claimed", "disputed", "confirmed"]


def _drop_titles(schema: dict[str, Any]) -> None:
    """Property titles only repeat the field names; every token of the schema is sent to the model."""
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_drop_titles)


class AidDraft(_Strict):
    donor: str | None = Field(description="who gives the aid")
    recipient: str | None = Field(description="who receives it")
    amount: str | None = Field(description="the amount exactly as written in the article, e.g. '$125 million'")
    value: float | None = Field(description="the amount as a number in units of the currency")
    currency: str | None = Field(description="ISO 4217 code such as USD or EUR, or null")
    aid_type: AidType
    contents: list[str] = Field(description="items in the package named by the article")
    status: str | None = Field(description="announced, pledged, planned, approved, delivered … as the article says")
    evidence: str = Field(description="verbatim sentence(s) from the article")


class WeaponsPolicyDraft(_Strict):
    actor: str | None = Field(description="government or official setting the policy")
    weapon: str | None = Field(description="weapon or class of weapons")
    stance: Stance
    scope: str | None = Field(description="where or how use is permitted or restricted")
    evidence: str = Field(description="verbatim sentence(s) from the article")


class SanctionsDraft(_Strict):
    imposed_by: str | None = Field(description="who imposes the sanctions")
    targets: str | None = Field(description="who or what is targeted, as the article puts it")
    target_count: int | None = Field(description="number of targets when the article gives one")
    target_countries: list[str] = Field(description="countries of the targets named by the article")
    sectors: list[str] = Field(description="sectors or goods named by the article")
    evidence: str = Field(description="verbatim sentence(s) from the article")


class BattlefieldClaimDraft(_Strict):
    claimant: str = Field(description="who makes the claim; never empty")
    claim: str = Field(description="what is claimed")
    location: str | None = Field(description="place the claim is about")
    side: Side = Field(description="the claimant's side")
    status: ClaimStatus
    evidence: str = Field(description="verbatim sentence(s) from the article")


class AidItem(AidDraft):
    verified: bool


class WeaponsPolicyItem(WeaponsPolicyDraft):
    verified: bool


class SanctionsItem(SanctionsDraft):
    verified: bool


class BattlefieldClaim(BattlefieldClaimDraft):
    verified: bool


DRAFT_MODELS: dict[str, type[_Strict]] = {
    "aid": AidDraft,
    "weapons_policy": WeaponsPolicyDraft,
    "sanctions": SanctionsDraft,
    "battlefield_claims": BattlefieldClaimDraft,
}
ITEM_MODELS: dict[str, type[_Strict]] = {
    "aid": AidItem,
    "weapons_policy": WeaponsPolicyItem,
    "sanctions": SanctionsItem,
    "battlefield_claims": BattlefieldClaim,
}


class BriefDraft(_Strict):
    """What an engine returns before grounding: the LLM's Structured Outputs schema."""

    summary: str
    aid: list[AidDraft]
    weapons_policy: list[WeaponsPolicyDraft]
    sanctions: list[SanctionsDraft]
    battlefield_claims: list[BattlefieldClaimDraft]


class Source(_Strict):
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None
    content_sha256: str
    tokens: int


class Brief(_Strict):
    """The published Brief document (``briefbot brief --format json``)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    source: Source
    engine: str
    summary: str
    aid: list[AidItem] = Field(default_factory=list)
    weapons_policy: list[WeaponsPolicyItem] = Field(default_factory=list)
    sanctions: list[SanctionsItem] = Field(default_factory=list)
    battlefield_claims: list[BattlefieldClaim] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def items(self, section: str) -> list[Any]:
        return list(getattr(self, section))

    def item_count(self) -> int:
        return sum(len(self.items(s)) for s in SECTIONS)


class Answer(_Strict):
    """A follow-up answer; ``quotes`` are verbatim passages of the article."""

    answer: str
    quotes: list[str]


def brief_json_schema() -> dict[str, Any]:
    schema = Brief.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"  # pydantic emits 2020-12
    schema["title"] = "Brief"
    return schema
