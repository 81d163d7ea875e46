"""Errors raised by briefbot. One root; each becomes user text only at the edges (CLI, Slack, Discord).

BriefbotError
├── InputError                 bad input from the user: CLI exit 2, a plain message in chat
│   ├── SourceNotFound         no such file
│   ├── EmptyArticle           nothing to brief (empty page, paywall stub, login wall)
│   ├── UnsupportedInput       binary, not UTF-8, unknown file type
│   ├── InputTooLarge          over the size cap
│   └── FetchError             a URL could not be fetched (status_code when there was a reply)
│       ├── FetchRefused       the SSRF guard refused the address
│       └── FetchTimeout       connect or total timeout
├── ConfigError                bad YAML or settings
│   ├── PromptError            a prompt template is invalid or misses variables
│   └── TokenizerUnavailable   the tokenizer's BPE file is not installed or corrupt
├── EngineError                an engine could not produce a brief
│   ├── ModelUnavailable       the LLM could not be reached (after the SDK's own retries)
│   └── ModelOutputUnusable    refused, truncated, invalid, or nothing survived grounding
└── StorageError               database problems
"""

from __future__ import annotations


class BriefbotError(Exception):
    """Root of every briefbot error. ``user_message`` is safe to show in chat."""

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message or message


class InputError(BriefbotError):
    """The input cannot be briefed; the user can fix it."""


class SourceNotFound(InputError):
    """The named file does not exist."""


class EmptyArticle(InputError):
    """There is no article text to brief."""


class UnsupportedInput(InputError):
    """The input is not text, HTML or PDF, or not decodable."""


class InputTooLarge(InputError):
    """The input exceeds the configured size cap."""


class FetchError(InputError):
    """A URL could not be fetched."""

    def __init__(
        self, message: str, *, user_message: str | None = None, status_code: int | None = None, url: str | None = None
    ) -> None:
        super().__init__(message, user_message=user_message)
        self.status_code = status_code
        self.url = url


class FetchRefused(FetchError):
    """The address is private, loopback, link-local or otherwise not allowed."""


class FetchTimeout(FetchError):
    """The server did not answer in time."""


class ConfigError(BriefbotError):
    """Configuration or prompt files are invalid."""


class PromptError(ConfigError):
    """A prompt template cannot be loaded or rendered; ``missing`` lists absent variables."""

    def __init__(self, message: str, *, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = list(missing or [])


class TokenizerUnavailable(ConfigError):
    """The BPE file a tokenizer needs is not installed, or fails its published sha256."""


class EngineError(BriefbotError):
    """An engine failed to produce a usable brief or answer."""


class ModelUnavailable(EngineError):
    """The model server could not be reached or kept failing."""

    def __init__(self, message: str, *, status_code: int | None = None, request_id: str | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.request_id = request_id


class ModelOutputUnusable(EngineError):
    """The model answered, but its output cannot be used."""


class StorageError(BriefbotError):
    """The database failed."""
