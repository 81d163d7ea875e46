"""Benchmark the LLM engine's own overhead: ``python -m benchmarks.llm DIR [--latency 1.0]``.

Each ``DIR/*.txt`` article (headline, blank line, body) is briefed through a local stand-in server that
answers after ``--latency`` seconds with a small valid BriefDraft. Printed per brief: wall time (drafting
plus grounding), the share of it spent outside the model call (wall minus the time the server held the
request), the article's tokens, the prompt tokens billed, and their difference: the prompt overhead.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import openai
from openai.lib._pydantic import to_strict_json_schema

from bot.article import Article
from bot.config import load_settings
from bot.grounding import ground_brief
from bot.llm.client import PLACEHOLDER_API_KEY, StructuredClient
from bot.llm.engine import LLMEngine
from bot.llm.tokens import count_tokens, encoding_for_model
from bot.models import BriefDraft, Source
from standins.openai_api import OpenAIStandin

_FIRST_SENTENCE = re.compile(r"<article>\s*Title:[^\n]*\n\s*(.+?[.!?])(?:\s|$)", re.DOTALL)


def read_article(path: Path) -> Article:
    """``NNN.txt``: headline on line 1, a blank line, then the body."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    if sep and "\n" not in head.strip():
        return Article(text=body.strip(), title=head.strip())
    return Article(text=text.strip())


def _reply(request: Any) -> dict[str, Any]:
    """A small valid draft: one item quoting the article's first sentence, so grounding has work."""
    user = request["messages"][-1]["content"]
    match = _FIRST_SENTENCE.search(user)
    evidence = match.group(1) if match else "n/a"
    claim = {
        "claimant": "the article",
        "claim": "its first sentence",
        "location": None,
        "side": "unknown",
        "status": "claimed",
        "evidence": evidence,
    }
    return {
        "summary": "Benchmark stand-in reply.",
        "aid": [],
        "weapons_policy": [],
        "sanctions": [],
        "battlefield_claims": [claim],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.llm", description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder of NNN.txt articles")
    parser.add_argument("--latency", type=float, default=1.0, help="stand-in model latency in seconds")
    parser.add_argument("--model", default=None, help="model name (sets the tokenizer); default from config")
    args = parser.parse_args(argv)

    paths = sorted(args.dir.glob("*.txt"))
    if not paths:
        print(f"no .txt articles in {args.dir}", file=sys.stderr)
        return 2
    settings = load_settings()
    if args.model:
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"model": args.model})})
    model = settings.llm.model

    t0 = time.perf_counter()
    encoding_for_model(model)  # one-off per process: a running bot pays this once
    startup = time.perf_counter() - t0
    schema_tokens = count_tokens(json.dumps(to_strict_json_schema(BriefDraft)), model)

    rows: list[tuple[str, float, float, int, int, int]] = []
    with OpenAIStandin(latency=args.latency, responder=_reply) as server:
        client = StructuredClient(
            settings=settings.llm,
            client=openai.OpenAI(
                base_url=server.base_url, api_key=PLACEHOLDER_API_KEY, timeout=args.latency + 30, max_retries=0
            ),
        )
        engine = LLMEngine(settings=settings, client=client)
        print(
            f"model {model} · stand-in latency {args.latency:.2f} s · tokenizer load "
            f"{startup * 1000:.0f} ms (once per process) · prompt {engine.prompt_version}"
        )
        print(
            f"{'article':<10} {'wall s':>7} {'outside %':>9} {'calls':>5} {'article tok':>11} "
            f"{'prompt tok':>10} {'overhead':>8}"
        )
        for path in paths:
            article = read_article(path)
            seen = len(server.requests)
            start = time.perf_counter()
            result = engine.draft(article)
            article_tokens = count_tokens(article.text, model)
            source = Source(title=article.title, content_sha256=article.content_sha256, tokens=article_tokens)
            ground_brief(result.draft, source=source, engine=result.engine, article_text=article.text, notes=result.notes)
            wall = time.perf_counter() - start
            calls = server.requests[seen:]
            # Parts run in parallel: the model time is the longest-held request, not the sum.
            model_time = max(r.handled_s for r in calls) if calls else 0.0
            prompt = result.usage.prompt_tokens if result.usage else 0
            rows.append((path.name, wall, wall - model_time, len(calls), article_tokens, prompt))
            print(
                f"{path.name:<10} {wall:>7.3f} {100 * (wall - model_time) / wall:>8.2f}% {len(calls):>5} "
                f"{article_tokens:>11} {prompt:>10} {prompt - article_tokens:>8}"
            )

    walls = [r[1] for r in rows]
    outside = sum(r[2] for r in rows)
    overheads = [r[5] - r[4] for r in rows if r[3] == 1]
    print(
        f"\n{len(rows)} briefs · wall per brief: mean {statistics.mean(walls):.3f} s, "
        f"median {statistics.median(walls):.3f} s, max {max(walls):.3f} s"
    )
    print(
        f"time outside the model call: {100 * outside / sum(walls):.2f}% of wall time "
        f"(mean {1000 * outside / len(rows):.1f} ms per brief; target < 5%)"
    )
    if overheads:
        print(
            "prompt overhead per single-call brief (prompt tokens − article tokens): "
            f"min {min(overheads)}, max {max(overheads)} tokens (target < 700)"
        )
    print(
        f"not included above: the strict JSON schema sent as response_format, {schema_tokens} tokens as "
        "JSON (OpenAI renders it more compactly inside the prompt)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
