"""Answering one follow-up question about an article: offline, or through the model with a safety net.

The model only ever sees the top passages. What it returns is checked like brief evidence: quotes
that are not in the article are dropped, and an answer that states a figure found neither in its
verified quotes nor in the article, or that keeps no quote at all, is replaced by the offline answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.article import Article
from bot.config import Settings
from bot.engine import Usage
from bot.errors import EngineError, InputError
from bot.figures import digit_figures
from bot.grounding import Grounder, fold, has_link
from bot.models import Answer, Brief
from bot.qa.denier import who_answered
from bot.qa.donors import ABOUT_GOODS, ABOUT_HELP, another_donors_goods, another_donors_sum, asked_donors_line
from bot.qa.intent import understand, with_referent
from bot.qa.offline import DOESNT_SAY, Finding, find_answer
from bot.qa.passages import Passage, build_passages
from bot.qa.prompt import build_prompt
from bot.qa.retrieve import Retriever
from bot.qa.span import reader_for

if TYPE_CHECKING:
    from bot.llm.client import StructuredClient

log = logging.getLogger(__name__)

OFFLINE_ENGINE = "extractive"
_ANSWER_MAX_TOKENS = 700
_NOT_SAID = re.compile(
    r"\b(?:does(?:n't| not)|did(?:n't| not)) (?:say|give|mention|state|specify|report|provide|include)\b|"
    r"\bnot (?:mentioned|stated|given|specified|reported)\b|\bno information\b|"
    r"\bcan only answer questions about\b",
    re.IGNORECASE,
)


@dataclass
class Turn:
    """One earlier question and answer in the same thread."""

    question: str
    answer: str


@dataclass
class AnswerResult:
    """An answer, which engine gave it, what the reader should be told, and whether the article had it."""

    answer: Answer
    engine: str
    notes: list[str] = field(default_factory=list)
    usage: Usage | None = None
    answerable: bool = True


def says_not_given(text: str) -> bool:
    """Does an answer say that the article doesn't give the information?"""
    return bool(_NOT_SAID.search(text))


def _verified_quotes(quotes: Sequence[str], passages: Sequence[Passage], grounder: Grounder) -> list[str]:
    """Every quote shown must pass the grounding check. A fragment too short to check on its own
    ("Designated.") is quoted with the sentence before it; one that still fails is dropped."""
    by_text = {p.text: p for p in passages}
    out: list[str] = []
    for quote in quotes:
        if grounder.verify(quote):
            out.append(quote)
            continue
        passage = by_text.get(quote)
        if passage is not None and passage.prev is not None:
            joined = f"{passages[passage.prev].text} {quote}"
            if grounder.verify(joined):
                out.append(joined)
    return out


def _offline(finding: Finding, notes: list[str], passages: Sequence[Passage], grounder: Grounder) -> AnswerResult:
    quotes = _verified_quotes(finding.quotes, passages, grounder)
    return AnswerResult(
        answer=Answer(answer=finding.lead, quotes=quotes),
        engine=OFFLINE_ENGINE,
        notes=notes,
        usage=None,
        answerable=finding.answerable,
    )


def _unsupported_figures(text: str, quotes: Sequence[str], article_text: str) -> set[str]:
    """Figures in ``text`` that neither the quotes nor the article contain."""
    return digit_figures(text) - digit_figures(" ".join(quotes)) - digit_figures(article_text)


def _unsupported_names(text: str, article_text: str) -> bool:
    """Does the answer name someone or something (a capitalised word, not opening a sentence) that the
    article never names? A hijacked model's "HACKED" or invented official is caught here."""
    folded = fold(article_text).lower()
    for m in re.finditer(r"\b[A-Z][\w'’-]{2,}", text):
        before = text[: m.start()].rstrip()
        if (not before or before[-1] in '.!?:"“') and not m.group(0).isupper():
            continue  # a sentence's first word is capitalised anyway (a shout in capitals is still checked)
        word = fold(m.group(0)).lower()
        if word not in folded and word.removesuffix("'s") not in folded:
            return True
    return False


# "Which other countries …?", "Who else …?": others than the ones the question names.
_OTHER_ONES_Q = re.compile(r"\b(?:which|what|who) other\b|\bwho else\b", re.IGNORECASE)


def answer_question(
    article: Article,
    question: str,
    *,
    brief: Brief | None = None,
    history: Sequence[Turn] = (),
    settings: Settings,
    client: StructuredClient | None = None,
) -> AnswerResult:
    """Answer ``question`` from ``article`` (and its brief), in the context of the thread's ``history``."""
    passages = build_passages(article, brief)
    if not any(any(ch.isalnum() for ch in p.text) for p in passages):
        raise InputError("article has no words", user_message="That article has no text I can answer from.")
    spans = reader_for(settings)
    retriever = Retriever(passages, title=article.title, sides=spans.side_names())
    question = with_referent(question, history[-1].answer if history else None)
    intents = understand(question, [t.question for t in history])
    finding = find_answer(retriever, question, intents, min_coverage=settings.qa.min_score, spans=spans)
    asked = {n.canonical for n in spans.sentence(question).names if n.kind == "actor"} - {"Ukraine", "Russia"}
    if (
        finding.answerable
        # a sum asked for, or given as the lead of "What is the value of …?"
        and (intents[0].kind == "money" or (intents[0].kind in ("quantity", "what") and re.search(r"\d", finding.lead)))
        and brief is not None
        # the lead's own figure, or, under a cautious lead that names none, the quote it points to
        and another_donors_sum(
            finding.lead if re.search(r"\d", finding.lead) else " ".join([finding.lead, *finding.quotes[:1]]), asked, brief
        )
    ):
        own = asked_donors_line(asked, brief, retriever.rank(intents[0]), question) if ABOUT_HELP.search(question) else None
        finding = own or Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    elif (
        finding.answerable
        and intents[0].kind in ("weapon", "what")
        and ABOUT_GOODS.search(question)
        and brief is not None
        and another_donors_goods(finding.lead, asked, brief)
    ):
        finding = asked_donors_line(asked, brief, retriever.rank(intents[0]), question, goods=True) or finding
    if finding.answerable or intents[0].kind == "who":
        answered = who_answered(question, brief)
        if answered is not None and answered.claimant not in finding.lead:
            # "Who disputed the Russian claim on Yablunivka?": the brief knows which claimant of that side spoke
            # about that place; its line is the answer.
            finding = Finding(
                answerable=True, lead=f"{answered.claimant}, according to the article:", quotes=[answered.evidence], hits=[]
            )
    if finding.answerable and _OTHER_ONES_Q.search(question) and asked:
        named = {n.canonical for n in spans.sentence(finding.lead).names if n.kind == "actor"}
        if named and named <= asked:
            # "Which other countries will pay into the Norwegian fund?" is not answered by Norway.
            finding = Finding(answerable=False, lead=DOESNT_SAY, quotes=[], hits=[])
    grounder = Grounder(article.text)
    if client is None or finding.off_topic:
        return _offline(finding, [], passages, grounder)

    # The model sees the offline pick first, then the best of the rest, as far as the budget allows.
    ranked: list[tuple[int, str]] = []
    for text in finding.quotes:
        ranked.extend((p.index, p.text) for p in passages if p.text == text and p.quotable)
    for hit in retriever.rank(intents[0]):
        if len(ranked) >= settings.qa.passages:
            break
        pair = (hit.passage.index, hit.passage.text)
        if pair not in ranked:
            ranked.append(pair)
    prompt = build_prompt(
        question,
        ranked[: max(settings.qa.passages, len(finding.quotes))],
        history,
        max_prompt_tokens=settings.qa.max_prompt_tokens,
        history_tokens=settings.qa.history_tokens,
        model=client.model,
    )
    engine = f"llm:{client.model}"
    try:
        reply, usage = client.complete(prompt.messages, Answer, max_tokens=_ANSWER_MAX_TOKENS)
    except EngineError as exc:
        log.warning("answering offline: %s", exc)
        return _offline(finding, [f"answered without the model: {exc}"], passages, grounder)

    grounder = Grounder(article.text)
    text = reply.answer.strip()
    if says_not_given(text):
        return AnswerResult(answer=Answer(answer=DOESNT_SAY, quotes=[]), engine=engine, usage=usage, answerable=False)
    quotes = [q.strip() for q in reply.quotes if q.strip() and grounder.verify(q)]
    notes: list[str] = []
    dropped = len(reply.quotes) - len(quotes)
    if dropped:
        notes.append(f"{dropped} quote{'s' if dropped != 1 else ''} dropped: not found in the article")
    if not quotes:
        result = _offline(
            finding, notes + ["answered offline: none of the model's quotes is in the article"], passages, grounder
        )
        result.usage = usage
        return result
    problem = (
        "a figure the article does not give"
        if _unsupported_figures(text, quotes, article.text)
        else "a link"
        if has_link(text)
        else "a name the article does not give"
        if _unsupported_names(text, article.text)
        else None
    )
    if problem:
        result = _offline(
            finding,
            passages=passages,
            grounder=grounder,
            notes=notes + [f"answered offline: the model's answer had {problem}"],
        )
        result.usage = usage
        return result
    return AnswerResult(answer=Answer(answer=text, quotes=quotes), engine=engine, notes=notes, usage=usage, answerable=True)
