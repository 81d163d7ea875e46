"""Pathological messages must not stall the bot: each is briefed and answered in bounded time.

Runs of one character, thousands of abbreviations or quote marks once took 5–70 s per 25–50 KB (regexes
and a tokenizer that rescanned the text for every character), holding the interpreter while acks waited.
"""

from __future__ import annotations

import time

import pytest

from bot.config import load_settings
from bot.service import BriefService

LEAD = "Russia's Defence Ministry said its troops captured Avdiivka in Ukraine, and the EU imposed sanctions on 40 firms. "
SIZE = 50_000
INPUTS = {
    "letters then a bang": "A" * SIZE + "!",
    "dots": "." * SIZE,
    "U.S. repeated": "U.S. " * (SIZE // 5),
    "Mr. repeated": "Mr. " * (SIZE // 4),
    "quote marks": '"' * SIZE,
    "curly quotes": "“”" * (SIZE // 2),
    "a. repeated": "a. " * (SIZE // 3),
    "digits and commas": "1," * (SIZE // 2),
}


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_a_pathological_message_is_briefed_and_answered_without_a_stall(service: BriefService, name: str):
    text = "Headline\n\n" + LEAD + INPUTS[name] + " Germany will send Ukraine $100 million in aid."
    started = time.perf_counter()
    article = service.load_text(text)
    brief = service.brief(article)
    answer = service.ask(article, "How much will Germany send?" + INPUTS[name][:500], brief=brief)
    elapsed = time.perf_counter() - started
    # Generous: linear work on 50 KB takes well under a second or two here; the old quadratic paths took 5–70 s.
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"
    assert all(item.verified for item in brief.aid)
    assert answer.answer
