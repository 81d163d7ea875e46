"""``briefbot eval``: score briefs against gold files (format: shared/eval/dev/README.md).

Pure scoring functions plus one loop over a folder; the CLI adds the progress bar and printing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import InputError
from bot.grounding import Grounder
from bot.models import SECTIONS, Brief

_WS = re.compile(r"\s+")


def fold_for_match(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def item_text(item: Any) -> str:
    """All text fields of an item plus its evidence, joined (the README's matching rule)."""
    parts: list[str] = []
    for name, value in item:
        if name == "verified":
            continue
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif value is not None:
            parts.append(str(value))
    return fold_for_match(" ".join(parts))


def matches(text: str, alternatives: list[list[str]]) -> bool:
    return any(all(fold_for_match(key) in text for key in alt) for alt in alternatives)


@dataclass
class FileScore:
    name: str
    facts: dict[str, tuple[int, int]] = field(default_factory=dict)  # section -> (matched, total)
    items: int = 0
    grounded: int = 0
    absent_violations: list[str] = field(default_factory=list)
    bait_leaks: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    questions: dict[str, Any] | None = None


def score_brief(brief: Brief, gold: dict[str, Any], article_text: str, *, name: str = "") -> FileScore:
    score = FileScore(name=name or str(gold.get("id", "")))
    texts = {s: [item_text(i) for i in brief.items(s)] for s in SECTIONS}
    for section in SECTIONS:
        facts = [f for f in gold.get("facts", []) if f["section"] == section]
        hit = 0
        for fact in facts:
            if any(matches(t, fact["any"]) for t in texts[section]):
                hit += 1
            else:
                score.missed.append(f"{section}: {fact.get('what', fact['any'])}")
        score.facts[section] = (hit, len(facts))
    grounder = Grounder(article_text)
    for section in SECTIONS:
        for item in brief.items(section):
            score.items += 1
            score.grounded += grounder.verify(item.evidence)
        if section in gold.get("absent", []) and brief.items(section):
            score.absent_violations.append(f"{section}: {len(brief.items(section))} item(s)")
    whole = fold_for_match(brief.model_dump_json())
    score.bait_leaks = [b for b in gold.get("must_not", []) if fold_for_match(b) in whole]
    return score


@dataclass
class EvalSummary:
    files: list[FileScore]

    def recall(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for section in SECTIONS:
            hit = sum(f.facts.get(section, (0, 0))[0] for f in self.files)
            total = sum(f.facts.get(section, (0, 0))[1] for f in self.files)
            out[section] = round(hit / total, 3) if total else None
        return out

    def grounding(self) -> float:
        items = sum(f.items for f in self.files)
        return round(sum(f.grounded for f in self.files) / items, 3) if items else 1.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "files": len(self.files),
            "recall": self.recall(),
            "grounding": self.grounding(),
            "items": sum(f.items for f in self.files),
            "absent_section_violations": sum(len(f.absent_violations) for f in self.files),
            "bait_leaks": sum(len(f.bait_leaks) for f in self.files),
            "per_file": [
                {"file": f.name, "facts": {s: list(v) for s, v in f.facts.items()}, "items": f.items,
                 "absent_violations": f.absent_violations, "bait_leaks": f.bait_leaks, "missed": f.missed,
                 **({"questions": f.questions} if f.questions else {})}
                for f in self.files
            ],
        }
        qs = [f.questions for f in self.files if f.questions]
        if qs:
            total = sum(q["total"] for q in qs)
            right = sum(q["correct"] for q in qs)
            said = sum(q["said_doesnt_say"] for q in qs)
            said_right = sum(q["said_doesnt_say_correctly"] for q in qs)
            data["questions"] = {
                "total": total,
                "accuracy": round(right / total, 3) if total else None,
                "doesnt_say_precision": round(said_right / said, 3) if said else None,
                "unverified_quotes": sum(q.get("unverified_quotes", 0) for q in qs),
            }
        return data


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(article, gold) pairs of ``folder``, sorted; raises InputError when there are none."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder")
    pairs = [(txt, txt.with_suffix(".json")) for txt in sorted(folder.glob("*.txt")) if txt.with_suffix(".json").exists()]
    if not pairs:
        raise InputError(f"{folder} holds no NNN.txt files with a matching NNN.json")
    return pairs


def read_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable gold file ({exc})") from exc
    if not isinstance(data, dict) or "facts" not in data:
        raise InputError(f"{path}: not a gold file (no 'facts')")
    return data


def run_eval(pairs: list[tuple[Path, Path]], brief_file: Callable[[Path], tuple[Brief, str]],
             score_questions: Callable[[Path, dict[str, Any], Brief], dict[str, Any] | None] | None = None,
             ) -> Iterator[FileScore]:
    """Score each pair; ``brief_file`` returns (brief, article text). Yields as it goes (for progress)."""
    for txt, gold_path in pairs:
        gold = read_gold(gold_path)
        brief, text = brief_file(txt)
        score = score_brief(brief, gold, text, name=txt.stem)
        if score_questions and gold.get("questions"):
            score.questions = score_questions(txt, gold, brief)
        yield score
