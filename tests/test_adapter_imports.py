"""The chat adapters are thin: no module under bot/slack/ or bot/discord_bot/ reaches the store or ingestion.

Every import statement of every module there is read from its syntax tree (function-local and
``TYPE_CHECKING`` imports included), and ``from bot import store`` counts as importing ``bot.store``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
ADAPTERS = ("slack", "discord_bot")
FORBIDDEN = ("bot.store", "bot.ingest")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = BOT) -> set[str]:
    """Every module an import statement in ``path`` names, relative imports resolved."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # ``from bot import store`` imports the module bot.store.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _adapter_modules() -> list[Path]:
    return sorted(p for name in ADAPTERS for p in (BOT / name).rglob("*.py"))


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("path", _adapter_modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_adapter_module_imports_neither_store_nor_ingest(path: Path) -> None:
    bad = sorted(n for n in imported_modules(path) if _forbidden(n))
    assert bad == [], f"{path.relative_to(BOT.parent)} imports {bad}: go through bot.chat instead"


def test_the_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The walker is honest: each way of spelling the import is caught."""
    pkg = tmp_path / "bot" / "slack"
    pkg.mkdir(parents=True)
    sample = pkg / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "import bot.store.base\n"
        "from bot import ingest\n"
        "from ..store import Store\n"
        "if TYPE_CHECKING:\n    from bot.ingest.urls import canonical_url\n"
        "def f():\n    from bot.store import open_store\n",
        encoding="utf-8",
    )
    names = {n for n in imported_modules(sample, tmp_path / "bot") if _forbidden(n)}
    assert {
        "bot.store.base",
        "bot.ingest",
        "bot.store",
        "bot.store.Store",
        "bot.ingest.urls",
        "bot.store.open_store",
    } <= names
