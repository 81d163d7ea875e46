"""The LLM engine: prompts, offline token counting, a Structured Outputs client and the engine itself.

prompts.py   versioned YAML templates → chat messages
tokens.py    tiktoken encodings from packaged, hash-checked BPE files (never downloads)
client.py    StructuredClient: chat.completions.parse with strict json_schema, json_object fallback
chunking.py  long articles: paragraph split with overlap, merge and dedupe
engine.py    LLMEngine, a BriefEngine producing BriefDraft
"""

from __future__ import annotations

from typing import Any

# Submodules load on first use: importing openai costs ~0.6 s, which the offline CLI never pays.
_EXPORTS = {
    "StructuredClient": "bot.llm.client",
    "client_from_env": "bot.llm.client",
    "LLMEngine": "bot.llm.engine",
    "PromptTemplate": "bot.llm.prompts",
    "load_prompt": "bot.llm.prompts",
    "count_tokens": "bot.llm.tokens",
    "encoding_for_model": "bot.llm.tokens",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'bot.llm' has no attribute {name!r}")


__all__ = [
    "LLMEngine",
    "PromptTemplate",
    "StructuredClient",
    "client_from_env",
    "count_tokens",
    "encoding_for_model",
    "load_prompt",
]
