"""Scoring follow-up answers against gold ``questions`` (``../shared/eval/dev/README.md``).

An answerable question is right when every key of one ``any`` alternative occurs in the answer's lead
line, the line a reader takes as the answer (case, whitespace and typography folded); the older rule,
which also counts the quoted sentences, is kept beside it. An unanswerable one is right only when the
answer says the article doesn't give this and quotes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.article import Article
from bot.config import Settings
from bot.evaluate import fold_for_match, matches
from bot.grounding import Grounder
from bot.models import Answer, Brief
from bot.qa.answering import Turn, answer_question, says_not_given

if TYPE_CHECKING:
    from bot.llm.client import StructuredClient


def score_question(answer: Answer, gold: Mapping[str, Any], *, with_quotes: bool = False) -> bool:
    """Is ``answer`` right for one gold question? By its lead line, or with ``with_quotes`` its quotes too."""
    if gold.get("unanswerable"):
        return says_not_given(answer.answer) and not answer.quotes
    text = " ".join([answer.answer, *answer.quotes]) if with_quotes else answer.answer
    return matches(fold_for_match(text), gold.get("any", []))


@dataclass
class QuestionResult:
    question: str
    answer: Answer
    right: bool
    right_with_quotes: bool
    unanswerable: bool
    said_not_given: bool


class _Tally:
    """A read-only count on ``QuestionScores``: how many results have every one of ``flags`` set."""

    def __init__(self, *flags: str) -> None:
        self.flags = flags

    def __get__(self, scores: QuestionScores, owner: type | None = None) -> int:
        return sum(all(getattr(r, flag) for flag in self.flags) for r in scores.results)


@dataclass
class QuestionScores:
    """Answer accuracy and "doesn't say" precision over a set of gold questions."""

    results: list[QuestionResult] = field(default_factory=list)
    quotes: int = 0
    quotes_verified: int = 0

    correct = _Tally("right")
    correct_with_quotes = _Tally("right_with_quotes")
    said_not_given = _Tally("said_not_given")
    said_not_given_rightly = _Tally("said_not_given", "unanswerable")
    unanswerable = _Tally("unanswerable")

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def doesnt_say_precision(self) -> float:
        """Of the answers that said "doesn't say", the share given to unanswerable questions."""
        return self.said_not_given_rightly / self.said_not_given if self.said_not_given else 1.0

    def to_json(self) -> dict[str, int]:
        """The counts ``briefbot eval`` and the eval baseline record for one article."""
        return {
            "total": self.total,
            "correct": self.correct,
            "correct_with_quotes": self.correct_with_quotes,
            "unanswerable": self.unanswerable,
            "said_doesnt_say": self.said_not_given,
            "said_doesnt_say_correctly": self.said_not_given_rightly,
            "unverified_quotes": self.quotes - self.quotes_verified,
        }

    def merge(self, other: QuestionScores) -> None:
        self.results.extend(other.results)
        self.quotes += other.quotes
        self.quotes_verified += other.quotes_verified


def evaluate_questions(
    article: Article,
    gold_questions: Sequence[Mapping[str, Any]],
    *,
    settings: Settings,
    client: StructuredClient | None = None,
    brief: Brief | None = None,
) -> QuestionScores:
    """Answer every gold question about ``article`` as the bot would in one thread, and score it.

    Gold questions are written as a thread ("How did the governor respond to that?" follows the question
    about Moscow's claim), so each is asked with the earlier questions and the bot's answers as history.
    """
    scores = QuestionScores()
    grounder = Grounder(article.text)
    history: list[Turn] = []
    for gold in gold_questions:
        result = answer_question(article, str(gold["q"]), brief=brief, history=history, settings=settings, client=client)
        answer = result.answer
        history.append(Turn(question=str(gold["q"]), answer=answer.answer))
        scores.quotes += len(answer.quotes)
        scores.quotes_verified += sum(grounder.verify(q) for q in answer.quotes)
        scores.results.append(
            QuestionResult(
                question=str(gold["q"]),
                answer=answer,
                right=score_question(answer, gold),
                right_with_quotes=score_question(answer, gold, with_quotes=True),
                unanswerable=bool(gold.get("unanswerable")),
                said_not_given=says_not_given(answer.answer),
            )
        )
    return scores
