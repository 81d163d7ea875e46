"""Block Kit payloads and Slack markup: escaping, limits, fallbacks, link parsing."""

from __future__ import annotations

import json

from bot.models import AidItem, BattlefieldClaim, Brief, SanctionsItem, Source
from bot.render.slack import MAX_BLOCKS, answer_message, brief_message, error_message, escape
from bot.slack import markup

EVIL = "Click <!channel> now <https://evil.example|your bank> & more"


def _aid(i: int, evidence: str = "The United States announced $125 million in aid.") -> AidItem:
    return AidItem(
        donor="United States",
        recipient="Ukraine",
        amount="$125 million",
        value=125e6,
        currency="USD",
        aid_type="military",
        contents=["shells"],
        status="announced",
        evidence=evidence,
        verified=True,
    )


def _brief(**kw: object) -> Brief:
    base: dict[str, object] = {
        "source": Source(
            url="https://news.example/a?x=1&y=2",
            title="Aid & arms",
            site="news.example",
            content_sha256="0" * 64,
            tokens=100,
        ),
        "engine": "extractive",
        "summary": "A short summary.",
    }
    base.update(kw)
    return Brief.model_validate(base)


def _texts(payload: dict) -> list[str]:
    out = [payload["text"]]
    for block in payload.get("blocks", []):
        if "text" in block:
            out.append(block["text"]["text"])
        for el in block.get("elements", []):
            out.append(el["text"])
    return out


def test_article_and_model_text_is_escaped_everywhere():
    brief = _brief(
        source=Source(title=EVIL, content_sha256="0" * 64, tokens=1),
        summary=EVIL,
        aid=[_aid(0, evidence=EVIL)],
        battlefield_claims=[
            BattlefieldClaim(
                claimant=EVIL,
                claim=EVIL,
                location=None,
                side="unknown",
                status="claimed",
                evidence=EVIL,
                verified=True,
            )
        ],
    )
    payload = brief_message(brief)
    for text in _texts(payload):
        assert "<!channel>" not in text
        assert "<https://evil" not in text
        assert "& " not in text.replace("&amp;", "")
    assert "&lt;!channel&gt;" in payload["blocks"][0]["text"]["text"]
    answer = answer_message({"answer": EVIL, "quotes": [EVIL]})
    assert all("<!channel>" not in t for t in _texts(answer))
    assert error_message("a < b & c")["text"] == "a &lt; b &amp; c"


def test_block_kit_limits_are_respected_with_and_n_more():
    long = "The United States announced a very long package. " * 200
    brief = _brief(
        summary=long,
        aid=[_aid(i, evidence=long) for i in range(60)],
        sanctions=[
            SanctionsItem(
                imposed_by="EU",
                targets="45 companies",
                target_count=45,
                target_countries=["China"],
                sectors=[],
                evidence="The EU imposed it.",
                verified=True,
            )
            for _ in range(5)
        ],
        source=Source(title="T" * 400, content_sha256="0" * 64, tokens=1),
    )
    payload = brief_message(brief)
    blocks = payload["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) <= 150
    assert all(len(t) <= 3000 for t in _texts(payload))
    dumped = json.dumps(blocks, ensure_ascii=False)
    assert "…and" in dumped and "more" in dumped
    # Every section still shows: the long one does not starve the short one.
    assert "*Sanctions* · 5" in dumped and "*Aid* · 60" in dumped
    assert payload["text"]


def test_brief_payload_shape():
    payload = brief_message(_brief(aid=[_aid(0)]))
    kinds = [b["type"] for b in payload["blocks"]]
    assert kinds[0] == "header"
    assert "“The United States announced $125 million in aid.”" in json.dumps(payload, ensure_ascii=False)
    footer = payload["blocks"][-1]["elements"][0]["text"]
    assert "Engine: extractive" in footer
    assert "<https://news.example/a?x=1&amp;y=2|Source: news.example>" in footer
    assert "Aid & arms".replace("&", "&amp;") in payload["text"]


def test_answer_message_from_answer_result_like_objects():
    class Answer:
        answer = "$125 million."
        quotes = ["The United States announced $125 million in aid."]

    class Result:
        answer = Answer()

    payload = answer_message(Result())
    assert payload["text"].startswith("$125 million.")
    assert "> “The United States announced $125 million in aid.”" in payload["text"]


def test_slack_link_markup_and_entities_are_understood():
    raw = "<@UBOT> see <https://news.example/a?b=1&amp;c=2|the story> &amp; tell me"
    content = markup.message_content(raw, bot_user_id="UBOT")
    assert content.url == "https://news.example/a?b=1&c=2"
    assert markup.extract_links("plain https://x.example/p, ok") == ["https://x.example/p"]
    assert markup.to_plain("a &lt;b&gt; &amp;amp; <https://x|label> <@U1|bob>") == "a <b> &amp; label @bob"
    long_text = "Kyiv said " + "many words " * 60 + "<https://x.example/a>"
    assert markup.message_content(long_text).text.startswith("Kyiv said")
    assert markup.message_content("<https://acme.slack.com/archives/C1/p1>").url is None


def test_escape_order():
    assert escape("&lt;") == "&amp;lt;"
