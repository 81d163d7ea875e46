"""The one engine interface. The extractive engine and the LLM engine implement it; tests script a fake."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.article import Article
from bot.models import BriefDraft


@dataclass(slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens


@dataclass(slots=True)
class EngineResult:
    """A draft brief before grounding, with what the engine wants the reader told."""

    draft: BriefDraft
    engine: str  # "extractive" or "llm:<model>"
    notes: list[str] = field(default_factory=list)
    usage: Usage | None = None


class BriefEngine(Protocol):
    name: str

    def draft(self, article: Article) -> EngineResult:
        """Produce a draft brief of ``article``. Raises ``EngineError`` when it cannot."""
        ...
