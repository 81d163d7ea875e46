"""What a section reader found: the fields of one brief item and the sentences that are its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.extractive.asides import quote_without_population
from bot.extractive.reading import Sentence


@dataclass
class Found:
    section: str
    fields: dict[str, Any]
    sentences: list[Sentence]
    merge_key: tuple[Any, ...] | None = None  # items with the same key are one fact told twice
    data: dict[str, Any] = field(default_factory=dict)  # reader-private notes (not published)

    @property
    def evidence(self) -> str:
        """The sentences verbatim; sentences that are not adjacent are joined with an ellipsis."""
        ordered = sorted({s.index: s for s in self.sentences}.values(), key=lambda s: s.index)
        texts = [quote_without_population(s.doc, s.text) for s in ordered]
        parts = [texts[0]]
        for prev, cur, text in zip(ordered, ordered[1:], texts[1:], strict=False):
            # Adjacent sentences of one paragraph read on; anything else (a list line, a later paragraph)
            # is marked as a gap, so the quote stays verbatim fragment by fragment.
            adjacent = cur.index == prev.index + 1 and cur.para == prev.para
            parts.append(f" {text}" if adjacent else f" … {text}")
        return "".join(parts)

    def extend(self, sentence: Sentence) -> None:
        if all(s.index != sentence.index for s in self.sentences):
            self.sentences.append(sentence)


def aid_without_sum(s: Sentence, givers: list[str], contents: list[str], status: str, kind: str) -> Found:
    """A military aid line with no sum (training given, goods that arrived): its givers, what it holds, its status;
    ``kind`` tells it apart from other lines of the same giver."""
    return Found(
        "aid",
        {
            "donor": " and ".join(givers),
            "recipient": "Ukraine",
            "amount": None,
            "value": None,
            "currency": None,
            "contents": contents,
            "aid_type": "military",
            "status": status,
        },
        [s],
        merge_key=(givers[0].lower(), kind, contents[0].lower()),
    )


def unique(values: list[str]) -> list[str]:
    """Values in order, without case-insensitive repeats."""
    seen: set[str] = set()
    out = []
    for value in values:
        key = value.lower()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def widest(values: list[str]) -> list[str]:
    """Values in order without repeats or names another value already holds ("IRIS-T" beside "IRIS-T
    air-defence missiles")."""
    kept = unique(values)
    return [v for v in kept if not any(v.lower() in other.lower() and v.lower() != other.lower() for other in kept)]
