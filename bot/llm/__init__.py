"""The LLM engine: prompts, offline token counting, a Structured Outputs client and the engine itself.

    prompts.py   versioned YAML templates → chat messages
    tokens.py    tiktoken encodings from packaged, hash-checked BPE files (never downloads)
    client.py    StructuredClient: chat.completions.parse with strict json_schema, json_object fallback
    chunking.py  long articles: paragraph split with overlap, merge and dedupe
    engine.py    LLMEngine, a BriefEngine producing BriefDraft
    standin.py   a local OpenAI-compatible server for tests and the benchmark
"""

from __future__ import annotations

from bot.llm.client import StructuredClient, client_from_env
from bot.llm.engine import LLMEngine
from bot.llm.prompts import PromptTemplate, load_prompt
from bot.llm.tokens import count_tokens, encoding_for_model

__all__ = [
    "LLMEngine",
    "PromptTemplate",
    "StructuredClient",
    "client_from_env",
    "count_tokens",
    "encoding_for_model",
    "load_prompt",
]
