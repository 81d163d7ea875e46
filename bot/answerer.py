"""The answerer interface: one method, implemented offline and through the model; tests script a fake.

The service picks the answerer, keeps the token budget and records usage; answerers only answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bot.article import Article
from bot.config import Settings
from bot.models import Brief

if TYPE_CHECKING:
    from bot.llm.client import StructuredClient
    from bot.qa import AnswerResult, Turn


class Answerer(Protocol):
    name: str

    def answer(self, article: Article, question: str, *, brief: Brief | None, history: Sequence[Turn]) -> AnswerResult:
        """Answer ``question`` from ``article``, with verified quotes. Model trouble never raises."""
        ...


class QAAnswerer:
    """``bot.qa.answer_question``: offline when ``client`` is None, else the model with the offline safety net."""

    def __init__(self, *, settings: Settings, client: StructuredClient | None = None) -> None:
        self.settings = settings
        self.client = client
        self.name = f"llm:{client.model}" if client is not None else "extractive"

    def answer(self, article: Article, question: str, *, brief: Brief | None, history: Sequence[Turn]) -> AnswerResult:
        from bot.qa import answer_question

        return answer_question(article, question, brief=brief, history=history, settings=self.settings, client=self.client)
