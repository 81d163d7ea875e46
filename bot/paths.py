"""Where briefbot finds its shipped YAML (``bot/resources/config``, ``bot/resources/prompts``) and keeps
its state."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def resource_dir(name: str) -> Path:
    """The shipped ``config`` or ``prompts`` folder, package data of ``bot`` (the same in a checkout, an
    editable install and a wheel)."""
    folder = Path(str(resources.files("bot") / "resources" / name))
    if not folder.is_dir():
        raise FileNotFoundError(f"briefbot's {name}/ folder is missing from the installed package ({folder})")
    return folder


def data_dir() -> Path:
    """The state root: ``BRIEFBOT_DATA_DIR``, else ``~/.local/share/briefbot``. Created on first use."""
    root = os.environ.get("BRIEFBOT_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "briefbot"
    )
    path = Path(root)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from bot.errors import ConfigError

        raise ConfigError(f"cannot use the data folder {path} (BRIEFBOT_DATA_DIR): {exc.strerror}") from exc
    return path
