"""Typed settings: ``bot/resources/config/default.yaml``, merged with ``$BRIEFBOT_CONFIG``, then the environment.

Precedence: explicit argument > environment variable > ``BRIEFBOT_CONFIG`` file > ``bot/resources/config/default.yaml``.
Secrets (API keys, tokens) are never read from YAML; they come from the environment only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import ConfigError
from bot.paths import resource_dir

M = TypeVar("M", bound=BaseModel)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LLMSettings(_Section):
    model: str = "gpt-4.1-mini"
    timeout_s: float = 30.0
    max_retries: int = 2
    temperature: float = 0.0
    max_output_tokens: int = 4000
    max_input_tokens: int = 12000
    chunk_overlap_paragraphs: int = 1
    daily_token_budget: int | None = None


class FetchSettings(_Section):
    connect_timeout_s: float = 5.0
    total_timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot; news brief bot)"
    allow_hosts: list[str] = Field(default_factory=list)


class InputSettings(_Section):
    max_file_bytes: int = 10_000_000
    max_article_chars: int = 400_000


class QASettings(_Section):
    max_prompt_tokens: int = 2000
    history_tokens: int = 500
    passages: int = 6
    min_score: float = 0.25


class ChatSettings(_Section):
    """What every chat platform's section holds: the same admission rules on Slack and Discord."""

    auto_brief_channels: list[str] = Field(default_factory=list)
    allowed_channels: list[str] = Field(default_factory=list)
    allowed_users: list[str] = Field(default_factory=list)
    rate_limit_per_user_per_hour: int = 30
    workers: int = 8


class SlackSettings(ChatSettings):
    oauth: bool = False


class DiscordSettings(ChatSettings):
    pass


class Settings(_Section):
    domain_file: str = "domain.yaml"
    llm: LLMSettings = Field(default_factory=LLMSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    input: InputSettings = Field(default_factory=InputSettings)
    qa: QASettings = Field(default_factory=QASettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    database_url: str | None = None
    # Filled from the environment, never from YAML files.
    config_dir: str = ""


def read_yaml_mapping(path: Path, *, what: str = "config file", error: type[ConfigError] = ConfigError) -> dict[str, Any]:
    """``yaml.safe_load`` of a file that must hold a mapping; any problem raises ``error`` in one line."""
    try:
        # libyaml's safe loader when PyYAML was built with it: the same result, ten times faster.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{what} {path} is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error(f"{what} {path} must hold a mapping at the top level")
    return data


def validated(model: type[M], data: Any, *, where: str, error: type[ConfigError] = ConfigError) -> M:
    """``model.model_validate(data)``, with the first problem as a one-line ``error``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise error(f"{where}: {loc}: {first['msg']}") from exc


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Merge ``over`` into a copy of ``base``; nested mappings merge, everything else replaces."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _env_overrides(env: dict[str, str]) -> dict[str, Any]:
    over: dict[str, Any] = {}
    if env.get("BRIEFBOT_MODEL"):
        over.setdefault("llm", {})["model"] = env["BRIEFBOT_MODEL"]
    if env.get("DATABASE_URL"):
        over["database_url"] = env["DATABASE_URL"]
    if env.get("BRIEFBOT_FETCH_ALLOW_HOSTS"):
        hosts = [h.strip() for h in env["BRIEFBOT_FETCH_ALLOW_HOSTS"].split(",") if h.strip()]
        over.setdefault("fetch", {})["allow_hosts"] = hosts
    return over


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build Settings from the shipped defaults, ``$BRIEFBOT_CONFIG`` and the environment."""
    env = dict(os.environ if env is None else env)
    config_dir = resource_dir("config")
    data = read_yaml_mapping(config_dir / "default.yaml")
    if env.get("BRIEFBOT_CONFIG"):
        data = deep_merge(data, read_yaml_mapping(Path(env["BRIEFBOT_CONFIG"])))
    data = deep_merge(data, _env_overrides(env))
    data["config_dir"] = str(config_dir)
    return validated(Settings, data, where="invalid setting")


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Process-wide settings, read once."""
    return load_settings()


def domain_path(cfg: Settings) -> Path:
    path = Path(cfg.domain_file)
    if path.is_absolute():
        return path
    # Settings built in code (no config file read) take the shipped config folder.
    return (Path(cfg.config_dir) if cfg.config_dir else resource_dir("config")) / path
