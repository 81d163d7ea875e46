"""The unit every rule reads: one sentence of the article, with its place and its paragraph."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Sentence:
    text: str
    para: int
    index: int  # position in the article, across paragraphs
    paragraph: str
