"""The LLM brief engine: article → prompt → Structured Outputs → ``BriefDraft``.

It only drafts. Grounding, caching, budgets and the fallback to the extractive engine belong to the
service; failures surface as ``ModelUnavailable`` / ``ModelOutputUnusable`` with a readable reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import yaml
from openai.lib._pydantic import to_strict_json_schema

from bot.article import Article
from bot.config import Settings, domain_path
from bot.engine import EngineResult, Usage
from bot.llm.chunking import merge_drafts, split_article
from bot.llm.client import StructuredClient
from bot.llm.prompts import PromptTemplate, load_prompt
from bot.llm.tokens import count_tokens
from bot.models import SECTIONS, BriefDraft

log = logging.getLogger(__name__)

# Used when config/domain.yaml is missing or has no description for a section.
DEFAULT_SECTION_DESCRIPTIONS: dict[str, str] = {
    "aid": "military, financial or humanitarian aid given, pledged or approved: donor, recipient, amount, contents",
    "weapons_policy": "rules on where and how supplied weapons may be used: permitted, restricted, "
    "prohibited or under review",
    "sanctions": "sanctions, export controls or asset freezes: who imposes them, on whom, how many, which sectors",
    "battlefield_claims": "claims about the fighting (territory, strikes, losses, casualties), each with who makes it",
}
# Anything in the article that could open or close the data block is defused, so text from the
# article can never step outside <article>…</article>.
_TAG = re.compile(r"<(/?)(article)\b", re.IGNORECASE)
_MAX_PARALLEL_PARTS = 4


def section_descriptions(settings: Settings) -> dict[str, str]:
    """Section descriptions from the domain YAML (``sections.<name>.description``), else built-ins."""
    descriptions = dict(DEFAULT_SECTION_DESCRIPTIONS)
    try:
        data = yaml.safe_load(domain_path(settings).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        log.debug("domain file unreadable (%s); using built-in section descriptions", exc)
        return descriptions
    sections = data.get("sections") if isinstance(data, dict) else None
    if isinstance(sections, dict):
        for name in SECTIONS:
            entry = sections.get(name)
            if isinstance(entry, dict) and isinstance(entry.get("description"), str):
                text = " ".join(entry["description"].split())
                if text:
                    descriptions[name] = text
    return descriptions


def as_data(text: str) -> str:
    """Make article text safe to place inside ``<article>…</article>``."""
    return _TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


class LLMEngine:
    """Drafts briefs with an OpenAI-compatible model through ``StructuredClient``."""

    name = "llm"

    def __init__(self, *, settings: Settings, client: StructuredClient, prompt: PromptTemplate | None = None) -> None:
        self.settings = settings
        self.client = client
        self.prompt = prompt or load_prompt("brief")
        descriptions = section_descriptions(settings)
        self._sections = "\n".join(f"- {name}: {text}" for name, text in descriptions.items())
        schema = json.dumps(to_strict_json_schema(BriefDraft), sort_keys=True)
        # The cache key changes when the template, the section descriptions or the schema change.
        digest = hashlib.sha256(f"{self.prompt.digest}\0{self._sections}\0{schema}".encode()).hexdigest()
        self.prompt_version: str = f"{self.prompt.name}-{self.prompt.version}+{digest[:8]}"

    @property
    def model(self) -> str:
        return self.client.model

    def messages(self, article_text: str, title: str | None) -> list[dict[str, str]]:
        """The chat messages for one article (or one part of it)."""
        return self.prompt.render(sections=self._sections, title=as_data(title or "(none)"), article=as_data(article_text))

    def parts(self, article: Article) -> list[str]:
        """The article whole, or split on paragraphs when it exceeds the input budget."""
        llm = self.settings.llm
        if count_tokens(article.text, self.model) <= llm.max_input_tokens:
            return [article.text]
        return split_article(
            article.text,
            budget=llm.max_input_tokens,
            overlap=llm.chunk_overlap_paragraphs,
            count=lambda text: count_tokens(text, self.model),
        )

    def _draft_part(self, text: str, title: str | None) -> tuple[BriefDraft, Usage]:
        return self.client.complete(self.messages(text, title), BriefDraft)

    def draft(self, article: Article) -> EngineResult:
        """Draft a brief. Raises ``ModelUnavailable`` or ``ModelOutputUnusable``."""
        parts = self.parts(article)
        if len(parts) == 1:
            results = [self._draft_part(parts[0], article.title)]
        else:
            # Parts are independent requests; the SDK client is thread-safe.
            with ThreadPoolExecutor(max_workers=min(len(parts), _MAX_PARALLEL_PARTS)) as pool:
                results = list(pool.map(lambda text: self._draft_part(text, article.title), parts))
        usage = Usage()
        for _, part_usage in results:
            usage.add(part_usage)
        draft, notes = _drop_unclaimed(merge_drafts([d for d, _ in results]))
        if len(parts) > 1:
            notes.insert(0, f"Long article: briefed in {len(parts)} parts.")
        return EngineResult(draft=draft, engine=f"llm:{self.model}", notes=notes, usage=usage)


def _drop_unclaimed(draft: BriefDraft) -> tuple[BriefDraft, list[str]]:
    """Battlefield claims must name who claims them; the schema cannot forbid an empty string."""
    kept: list[Any] = [c for c in draft.battlefield_claims if c.claimant.strip()]
    dropped = len(draft.battlefield_claims) - len(kept)
    if not dropped:
        return draft, []
    note = f"{dropped} claim{'s' if dropped > 1 else ''} dropped: no claimant named"
    return draft.model_copy(update={"battlefield_claims": kept}), [note]
