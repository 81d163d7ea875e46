"""Hermetic tests: no real credentials, no shared state, everything under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
_CLEARED = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "BRIEFBOT_MODEL",
    "BRIEFBOT_CONFIG",
    "DATABASE_URL",
    "BRIEFBOT_FETCH_ALLOW_HOSTS",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DISCORD_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
)


@pytest.fixture(autouse=True)
def hermetic_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point all state at tmp_path and forget any credentials the developer has set."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    from bot.config import settings

    settings.cache_clear()


@pytest.fixture
def shared_dir() -> Path:
    """The team's shared folder (seed and dev set); absent on a user's machine, so tests skip."""
    if not (SHARED / "eval" / "dev").is_dir():
        pytest.skip(f"{SHARED} is not here (it exists on the team's machines and in CI only)")
    return SHARED
