"""Modules under bot/ use each other's public names only, and the language primitives live in one place.

A name with a leading underscore is its module's own business: another module that imports it
(``from bot.x import _name``), reaches it through the module (``x._name``) or through an object it
holds (``self.reader._name``) breaks the day the owner renames it. Every module's syntax tree is read,
function-local imports included.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_reaches(source: str, modules: set[str]) -> list[str]:
    """Each place ``source`` uses another bot module's private name, as "line: what"."""
    tree = ast.parse(source)
    module_aliases: set[str] = set()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "bot":
            for alias in node.names:
                if f"{node.module}.{alias.name}" in modules:
                    module_aliases.add(alias.asname or alias.name)
                elif _private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            module_aliases.update(a.asname or a.name for a in node.names if a.name.split(".")[0] == "bot")
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        base = node.value
        if isinstance(base, ast.Name) and base.id in module_aliases:
            found.append(f"{node.lineno}: {base.id}.{node.attr}")
        elif isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name) and base.value.id in ("self", "cls"):
            found.append(f"{node.lineno}: {base.value.id}.{base.attr}.{node.attr}")
    return found


def _bot_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def test_no_module_uses_another_modules_private_names() -> None:
    modules = _bot_modules()
    offences = [
        f"{path.relative_to(BOT.parent)}:{where}"
        for path in modules.values()
        for where in private_reaches(path.read_text(encoding="utf-8"), set(modules))
    ]
    assert offences == []


def test_the_check_catches_each_kind_of_private_reach() -> None:
    modules = {"bot.text", "bot.extractive.reading"}
    source = (
        "from bot.text import _ABBREVIATIONS, split_sentences\n"
        "from bot.extractive import reading\n"
        "import bot.text\n"
        "x = reading._DATELINE\n"
        "class R:\n"
        "    def f(self):\n"
        "        return self.reader._money(1), self._own(), reading.strip_dateline('')\n"
    )
    assert private_reaches(source, modules) == [
        "1: from bot.text import _ABBREVIATIONS",
        "4: reading._DATELINE",
        "7: self.reader._money",
    ]


def test_month_and_weekday_names_are_spelled_out_only_in_bot_language() -> None:
    spelled = re.compile(r"[\"'](?:september|thursday)[\"']", re.IGNORECASE)
    holders = [
        str(p.relative_to(BOT.parent)) for p in sorted(BOT.rglob("*.py")) if spelled.search(p.read_text(encoding="utf-8"))
    ]
    assert holders == ["bot/language.py"]
