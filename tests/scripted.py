"""Scripted engine and answerer for service tests: an output queue and a call history (as llm's MockModel).

engine = ScriptedEngine()
engine.enqueue(draft_result(...))        # or engine.enqueue(ModelUnavailable("down"))
service = BriefService(settings=..., store=..., llm=None, engine=engine)
engine.calls                             # the articles it was asked to draft
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

from bot.article import Article
from bot.engine import EngineResult, Usage
from bot.models import Answer, Brief, BriefDraft
from bot.qa import AnswerResult, Turn


class ScriptedEngine:
    """A ``BriefEngine`` that returns (or raises) what was enqueued, in order."""

    def __init__(self, name: str = "scripted", *, model: str = "script-1", prompt_version: str = "v1") -> None:
        self.name, self.model, self.prompt_version = name, model, prompt_version
        self.queue: deque[EngineResult | Exception] = deque()
        self.calls: list[Article] = []

    def enqueue(self, *outputs: EngineResult | Exception) -> None:
        self.queue.extend(outputs)

    def draft(self, article: Article) -> EngineResult:
        self.calls.append(article)
        out = self.queue.popleft()
        if isinstance(out, Exception):
            raise out
        return out


class ScriptedAnswerer:
    """An ``Answerer`` that returns what was enqueued, in order."""

    def __init__(self, name: str = "llm:script-1") -> None:
        self.name = name
        self.queue: deque[AnswerResult] = deque()
        self.calls: list[str] = []

    def enqueue(self, answer: str, quotes: Sequence[str], *, tokens: int = 100) -> None:
        self.queue.append(
            AnswerResult(
                answer=Answer(answer=answer, quotes=list(quotes)),
                engine=self.name,
                usage=Usage(prompt_tokens=tokens, completion_tokens=tokens // 10),
            )
        )

    def answer(self, article: Article, question: str, *, brief: Brief | None, history: Sequence[Turn]) -> AnswerResult:
        self.calls.append(question)
        return self.queue.popleft()


def draft_result(*, engine: str = "scripted:script-1", tokens: int = 500, **sections: Any) -> EngineResult:
    draft = BriefDraft(
        summary=sections.pop("summary", "Norway adds air defence money for Ukraine."),
        aid=sections.get("aid", []),
        weapons_policy=[],
        sanctions=[],
        battlefield_claims=[],
    )
    return EngineResult(draft=draft, engine=engine, usage=Usage(prompt_tokens=tokens, completion_tokens=tokens // 5))
