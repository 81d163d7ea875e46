"""Where briefbot finds its shipped YAML (config/, prompts/) and keeps its state."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """The shipped ``config`` or ``prompts`` folder: the source checkout first, then a wheel's data files."""
    for candidate in (_REPO_ROOT / name, Path(sys.prefix) / "share" / "briefbot" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"briefbot's {name}/ folder was not found next to the package or in {sys.prefix}")


def data_dir() -> Path:
    """The state root: ``BRIEFBOT_DATA_DIR``, else ``~/.local/share/briefbot``. Created on first use."""
    root = os.environ.get("BRIEFBOT_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "briefbot"
    )
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path
