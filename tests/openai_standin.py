"""A local OpenAI-compatible server for tests (the core lives in ``bot/llm/standin.py``).

    from openai_standin import OpenAIStandin, openai_client

    with OpenAIStandin() as server:
        server.enqueue_json({"answer": "The article doesn't say.", "quotes": []})
        server.enqueue_status(429, headers={"retry-after-ms": "1"})
        client = openai_client(server, max_retries=1)
        ...
        server.requests[0].json["response_format"]    # what the client sent
        server.requests[0].headers["authorization"]

Fixtures: ``openai_standin`` (a running server), ``llm_settings`` (fast timeouts, no waiting retries).
"""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from bot.config import LLMSettings
from bot.llm.client import StructuredClient
from bot.llm.standin import Completion, OpenAIStandin, RecordedRequest, Reply, completion_body, error_body

__all__ = [
    "Completion",
    "OpenAIStandin",
    "RecordedRequest",
    "Reply",
    "completion_body",
    "error_body",
    "llm_settings",
    "openai_client",
    "openai_standin",
    "structured_client",
]

TEST_API_KEY = "sk-test-standin-0123456789"
# Makes the SDK's retry wait 1 ms instead of its 0.5 s+ backoff (Retry-After: 0 means "use backoff").
FAST_RETRY = {"retry-after-ms": "1", "retry-after": "0"}


def openai_client(server: OpenAIStandin, *, max_retries: int = 0, timeout: float = 5.0,
                  api_key: str = TEST_API_KEY) -> openai.OpenAI:
    """A real ``openai.OpenAI`` pointed at the stand-in."""
    return openai.OpenAI(base_url=server.base_url, api_key=api_key, max_retries=max_retries, timeout=timeout)


def structured_client(server: OpenAIStandin, *, model: str = "gpt-4.1-mini", max_retries: int = 0,
                      timeout: float = 5.0, max_output_tokens: int = 2000) -> StructuredClient:
    settings = LLMSettings(model=model, max_retries=max_retries, timeout_s=timeout,
                           max_output_tokens=max_output_tokens)
    return StructuredClient(settings=settings,
                            client=openai_client(server, max_retries=max_retries, timeout=timeout))


@pytest.fixture
def openai_standin() -> Iterator[OpenAIStandin]:
    with OpenAIStandin() as server:
        yield server


@pytest.fixture
def llm_settings() -> LLMSettings:
    return LLMSettings(model="gpt-4.1-mini", max_retries=0, timeout_s=5.0)
