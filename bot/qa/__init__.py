"""Follow-up questions about a briefed article: answers quoted from the article, or "it doesn't say".

    from bot.qa import Turn, answer_question
    result = answer_question(article, "How much is the package worth?", brief=brief,
                             history=[Turn(question=..., answer=...)], settings=settings, client=client)
    result.answer.answer, result.answer.quotes, result.answerable, result.notes

Modules: ``passages`` (the article as sentences), ``intent`` (what a question asks), ``retrieve``
(bm25s ranking and answer-type checks), ``offline`` (quoted answers), ``prompt`` (the model's messages
within the token budget), ``answering`` (the service), ``evaluate`` (gold questions).
"""

from __future__ import annotations

from bot.qa.answering import AnswerResult, Turn, answer_question, says_not_given
from bot.qa.offline import DOESNT_SAY, REDIRECT

__all__ = ["DOESNT_SAY", "REDIRECT", "AnswerResult", "Turn", "answer_question", "says_not_given"]
