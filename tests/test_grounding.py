"""One grounding check for every engine."""

from bot.grounding import Grounder, figures_supported, ground_brief
from bot.models import AidDraft, BriefDraft, Source

ARTICLE = (
    "Officials said the “new” package — worth $40 million — arrives in May.\n\nA second tranche follows in June, they said."
)


def test_typography_and_whitespace_fold():
    g = Grounder(ARTICLE)
    assert g.verify('Officials said the "new" package - worth $40 million - arrives in May.')
    assert g.verify("A second   tranche\nfollows in June")


def test_ellipsis_fragments_are_each_checked_in_order():
    g = Grounder(ARTICLE)
    assert g.verify("the “new” package … arrives in May")
    assert not g.verify("arrives in May … the “new” package")
    assert not g.verify("the new package arrives in April")


def test_short_or_empty_quotes_never_verify():
    assert not Grounder(ARTICLE).verify("May")
    assert not Grounder(ARTICLE).verify("")


def _aid(**kw):
    base = dict(
        donor=None,
        recipient=None,
        amount=None,
        value=None,
        currency=None,
        aid_type="military",
        contents=[],
        status=None,
        evidence="worth $40 million",
    )
    return AidDraft(**{**base, **kw})


def test_figures_must_appear_in_the_evidence():
    assert figures_supported(_aid(amount="$40 million", value=40e6))
    assert not figures_supported(_aid(amount="$45 million", value=45e6))
    assert not figures_supported(_aid(amount="$40 million", value=400e6))


def test_ground_brief_drops_and_counts_ungrounded_items():
    draft = BriefDraft(
        summary="s",
        weapons_policy=[],
        sanctions=[],
        battlefield_claims=[],
        aid=[
            _aid(evidence="Officials said the “new” package — worth $40 million — arrives in May."),
            _aid(evidence="The package is worth $90 million and arrives tomorrow."),
            _aid(amount="$50 million", evidence="A second tranche follows in June, they said."),
        ],
    )
    brief = ground_brief(draft, source=Source(content_sha256="x", tokens=1), engine="t", article_text=ARTICLE)
    assert len(brief.aid) == 1 and brief.aid[0].verified
    assert "1 item dropped: its evidence is not in the article" in brief.notes
    assert any("figure" in n for n in brief.notes)


def test_rival_claims_from_any_engine_are_marked_disputed():
    from bot.models import BattlefieldClaimDraft

    text = (
        "Kyiv said its troops held Hlyboke. Moscow said its forces had taken Hlyboke. "
        "Kyiv also said it repelled attacks near Lyman."
    )

    def claim(claimant, side, evidence, location):
        return BattlefieldClaimDraft(
            claimant=claimant, claim="x", location=location, side=side, status="claimed", evidence=evidence
        )

    draft = BriefDraft(
        summary="s",
        aid=[],
        weapons_policy=[],
        sanctions=[],
        battlefield_claims=[
            claim("Kyiv", "ukraine", "Kyiv said its troops held Hlyboke.", "Hlyboke"),
            claim("Moscow", "russia", "Moscow said its forces had taken Hlyboke.", "hlyboke"),
            claim("Kyiv", "ukraine", "Kyiv also said it repelled attacks near Lyman.", "Lyman"),
        ],
    )
    brief = ground_brief(draft, source=Source(content_sha256="x", tokens=1), engine="llm:x", article_text=text)
    assert [c.status for c in brief.battlefield_claims] == ["disputed", "disputed", "claimed"]
