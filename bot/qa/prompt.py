"""The messages a follow-up sends to the model: the best passages and the thread, within a token budget.

Budget order: the question always goes; history is capped at ``history_tokens`` (newest turns kept,
oldest dropped first); then passages are added best first while the whole prompt stays within
``max_prompt_tokens``, counted with tiktoken for the configured model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.llm.prompts import load_prompt
from bot.llm.tokens import count_message_tokens, count_tokens

# A question longer than this is not a chat follow-up; cut it so the budget always holds.
MAX_QUESTION_CHARS = 1500


class TurnLike(Protocol):
    question: str
    answer: str


@dataclass(slots=True)
class BuiltPrompt:
    messages: list[dict[str, str]]
    passages: list[str]
    turns_kept: int
    tokens: int


def _history_text(turns: Sequence[TurnLike]) -> str:
    if not turns:
        return "(none)"
    return "\n".join(f"Q: {t.question}\nA: {t.answer}" for t in turns)


def fit_history(turns: Sequence[TurnLike], *, budget: int, model: str | None) -> list[TurnLike]:
    """The newest turns whose text fits in ``budget`` tokens (the oldest are dropped first)."""
    kept: list[TurnLike] = []
    used = 0
    for turn in reversed(turns):
        cost = count_tokens(f"Q: {turn.question}\nA: {turn.answer}\n", model)
        if used + cost > budget:
            break
        kept.insert(0, turn)
        used += cost
    return kept


def build_prompt(
    question: str,
    ranked_passages: Sequence[tuple[int, str]],
    history: Sequence[TurnLike],
    *,
    max_prompt_tokens: int,
    history_tokens: int,
    model: str | None,
) -> BuiltPrompt:
    """Render the answer prompt with as many of ``ranked_passages`` (best first) as the budget allows.

    Each passage is ``(position in the article, text)``.
    """
    template = load_prompt("answer")
    question = question.strip()[:MAX_QUESTION_CHARS]
    turns = fit_history(history, budget=history_tokens, model=model)

    def render(chosen: list[tuple[int, str]], kept: Sequence[TurnLike]) -> list[dict[str, str]]:
        # Passages go in article order, numbered, so the model reads them as a text.
        body = "\n".join(f"[{i}] {text}" for i, (_, text) in enumerate(chosen, 1)) or "(none)"
        return template.render(passages=body, history=_history_text(kept), question=question)

    chosen: list[tuple[int, str]] = []
    messages = render(chosen, turns)
    while count_message_tokens(messages, model) > max_prompt_tokens and turns:
        turns = turns[1:]
        messages = render(chosen, turns)
    for passage in ranked_passages:
        trial = sorted([*chosen, passage])
        trial_messages = render(trial, turns)
        if count_message_tokens(trial_messages, model) <= max_prompt_tokens:
            chosen, messages = trial, trial_messages
    return BuiltPrompt(
        messages=messages,
        passages=[text for _, text in chosen],
        turns_kept=len(turns),
        tokens=count_message_tokens(messages, model),
    )
