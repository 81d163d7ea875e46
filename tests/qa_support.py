"""Shared helpers for the Q&A tests: our own fixture articles, asking in a thread, and checking quotes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.article import Article
from bot.config import Settings
from bot.grounding import Grounder
from bot.models import Answer
from bot.qa import Turn, answer_question

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def qa_article(name: str) -> Article:
    """The fixture article ``tests/fixtures/qa/<name>.txt``."""
    return Article(text=(FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def ask(
    article: Article,
    question: str,
    *,
    settings: Settings | None = None,
    history: Sequence[str | Turn] = (),
    verify: bool = True,
) -> Answer:
    """Answer ``question`` after the thread ``history``; with ``verify``, assert every quote is verbatim.

    A question in ``history`` is asked in turn first, each with the turns before it, and its real answer
    joins the thread; a ``Turn`` joins the thread as given (for a thread whose answers don't matter).
    ``settings`` defaults to plain ``Settings()``, the built-in defaults, not the user's config.
    """
    settings = Settings() if settings is None else settings
    turns: list[Turn] = []
    for earlier in history:
        if isinstance(earlier, Turn):
            turns.append(earlier)
        else:
            reply = answer_question(article, earlier, settings=settings, history=list(turns)).answer
            turns.append(Turn(question=earlier, answer=reply.answer))
    answer = answer_question(article, question, settings=settings, history=turns).answer
    if verify:
        grounder = Grounder(article.text)
        assert all(grounder.verify(q) for q in answer.quotes), answer.quotes  # every quote verbatim
    return answer


def joined(answer: Answer) -> str:
    """The lead and the quotes as one string, for "the answer mentions X" checks."""
    return " ".join([answer.answer, *answer.quotes])
