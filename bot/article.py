"""The article as every part of briefbot sees it: clean text plus what we know of its origin."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text (paragraphs separated by blank lines) and its metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    # How the text was obtained: "text", "html", "pdf", "url"; informational only.
    kind: str = "text"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
