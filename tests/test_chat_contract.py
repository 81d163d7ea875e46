"""Every chat behaviour of PRODUCT.md keeps its Slack and its Discord end-to-end test (docs/chat-behaviours.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "chat-behaviours.md"


def _named_tests() -> list[tuple[str, str, str]]:
    """(behaviour, file, test) for every test the table names."""
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].startswith("`tests/"):
            continue
        for cell in cells[1:]:
            out += [(cells[0], f, t) for f, t in re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", cell)]
    return out


def test_every_behaviour_has_a_slack_and_a_discord_test_that_exists():
    rows = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("| ") and "`tests/" in line]
    assert len(rows) >= 15
    for row in rows:
        slack, discord = [c.strip() for c in row.strip().strip("|").split("|")][1:]
        assert "test_slack" in slack, row
        assert "test_discord" in discord or "not applicable" in discord, row
    defined: dict[str, set[str]] = {}
    for _, file, test in _named_tests():
        if file not in defined:
            tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
            defined[file] = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        assert test in defined[file], f"{file}::{test} is named in docs/chat-behaviours.md but does not exist"
