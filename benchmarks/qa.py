"""Benchmark: on a ~10,000-token article, how many prompt tokens does a follow-up send to the model?

    .venv/bin/python -m benchmarks.qa [--tokens 10000]

Builds a long article from our own fixture text (``tests/fixtures/qa``), runs a three-turn thread
through the real ``StructuredClient`` against the local OpenAI stand-in, and prints the prompt tokens
of each request, counted with tiktoken from the messages the server actually received.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import openai

from bot.article import Article
from bot.config import LLMSettings, Settings
from bot.llm.client import StructuredClient
from bot.llm.tokens import count_message_tokens, count_tokens
from bot.qa.answering import Turn, answer_question
from standins.openai_api import OpenAIStandin

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "qa"
QUESTIONS = ("How much is Norway giving for air defence?", "And what about Canada?", "Who says they recaptured the village?")


def long_article(target_tokens: int, *, model: str | None = None, fixture_dir: Path = FIXTURE_DIR) -> Article:
    """An article of at least ``target_tokens`` tokens: fixture paragraphs as dated dispatches.

    Each copy is dated differently so that deduplication keeps it, as a live blog would read.
    """
    paragraphs: list[str] = []
    for path in sorted(fixture_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n")[1:]  # without the headline
        paragraphs.extend(p.strip() for p in body if p.strip())
    if not paragraphs:
        raise FileNotFoundError(f"no fixture articles in {fixture_dir}")
    out: list[str] = []
    day = 0
    while count_tokens("\n\n".join(out), model) < target_tokens:
        day += 1
        out.extend(f"Dispatch {day}, update {i + 1}: {p}" for i, p in enumerate(paragraphs))
    return Article(text="\n\n".join(out), title="Fixture live blog")


def run(target_tokens: int) -> list[int]:
    """Prompt tokens of each request in a three-turn thread about a long article."""
    settings = Settings()
    llm = LLMSettings(model=settings.llm.model, max_retries=0, timeout_s=10.0)
    article = long_article(target_tokens, model=llm.model)
    history: list[Turn] = []
    with OpenAIStandin() as server:
        client = StructuredClient(
            settings=llm, client=openai.OpenAI(base_url=server.base_url, api_key="bench", max_retries=0, timeout=10.0)
        )
        for question in QUESTIONS:
            # A long answer so that the history part of the budget is exercised too.
            quote = next(p for p in article.text.split("\n\n") if "Norway" in p).split(": ", 1)[1]
            server.enqueue_json({"answer": "Norway will give 1.1 billion kroner for air defence. " * 8, "quotes": [quote]})
            result = answer_question(article, question, history=history, settings=settings, client=client)
            history.append(Turn(question=question, answer=result.answer.answer))
        sent = [count_message_tokens(body["messages"], llm.model) for body in server.bodies]
    sys.stdout.write(
        f"article: {count_tokens(article.text, llm.model)} tokens ({llm.model}); "
        f"budget: {settings.qa.max_prompt_tokens} prompt tokens per follow-up\n"
    )
    for question, tokens in zip(QUESTIONS, sent, strict=True):
        sys.stdout.write(f"  {tokens:5d} prompt tokens  {question}\n")
    sys.stdout.write(f"max: {max(sent)} (article alone would be {count_tokens(article.text, llm.model)})\n")
    return sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=10_000, help="size of the generated article")
    args = parser.parse_args(argv)
    sent = run(args.tokens)
    return 0 if max(sent) <= Settings().qa.max_prompt_tokens else 1


if __name__ == "__main__":
    raise SystemExit(main())
