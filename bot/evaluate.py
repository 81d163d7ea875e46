"""``briefbot eval``: score briefs against gold files (format and rules: ``docs/eval.md``).

A fact counts when one item of its section holds it in the item's own fields, which is what a reader
sees as a line of the brief; the older rule, which also counts the evidence quote, is reported beside
it. Where a gold fact names the stance, claimant, side, donor, actor or imposing body, the items that
hold the fact are checked for it too. Pure scoring functions plus one loop over a folder; the CLI adds
the progress bar and printing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import InputError
from bot.grounding import Grounder, fold
from bot.models import SECTIONS, Brief

# Gold keys that check one field of the items holding a fact: gold key -> item field.
FIELD_CHECKS: dict[str, str] = {
    "stance": "stance",
    "claimant": "claimant",
    "side": "side",
    "donor": "donor",
    "actor": "actor",
    "imposed_by": "imposed_by",
}
# Fields compared by value (the gold lists acceptable values); the others by contained alternatives.
_EXACT_FIELDS = {"stance", "side"}
_NOT_SHOWN = {"verified", "evidence"}


def fold_for_match(text: str) -> str:
    """Case, whitespace and typography folded (curly quotes, dashes), as the grounding check folds them."""
    return fold(text).lower()


def item_text(item: Any, *, with_evidence: bool = False) -> str:
    """The item's own fields joined; with ``with_evidence`` its evidence quote too."""
    parts: list[str] = []
    for name, value in item:
        if name == "verified" or (name == "evidence" and not with_evidence):
            continue
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif value is not None:
            parts.append(str(value))
    return fold_for_match(" ".join(parts))


def matches(text: str, alternatives: list[list[str]]) -> bool:
    return any(all(fold_for_match(key) in text for key in alt) for alt in alternatives)


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def field_is_right(item: Any, key: str, gold_value: Any) -> bool:
    """Does ``item`` carry an acceptable value for the gold field check ``key``?"""
    value = getattr(item, FIELD_CHECKS[key], None)
    if value is None:
        return False
    if key in _EXACT_FIELDS:
        return str(value) in _as_list(gold_value)
    shown = fold_for_match(str(value))
    # Whole words: "UK" must not be found inside "Ukraine", nor "US" inside "Russia".
    return any(re.search(rf"(?<!\w){re.escape(fold_for_match(alt))}(?!\w)", shown) for alt in _as_list(gold_value))


@dataclass
class FactResult:
    section: str
    what: str
    held: bool  # by the item's own fields
    held_with_quote: bool  # by its fields or its evidence
    checks: dict[str, bool] = field(default_factory=dict)  # gold field key -> right?


@dataclass
class FileScore:
    name: str
    facts: list[FactResult] = field(default_factory=list)
    items: int = 0
    grounded: int = 0
    absent_violations: list[str] = field(default_factory=list)
    bait_leaks: list[str] = field(default_factory=list)
    questions: dict[str, Any] | None = None

    @property
    def missed(self) -> list[str]:
        return [f"{f.section}: {f.what}" for f in self.facts if not f.held]

    @property
    def wrong_fields(self) -> list[str]:
        return [f"{f.section} {key}: {f.what}" for f in self.facts for key, ok in f.checks.items() if not ok]


def score_fact(fact: dict[str, Any], items: list[Any]) -> FactResult:
    """Which items hold ``fact``, and do they carry the gold field values?"""
    own = [i for i in items if matches(item_text(i), fact["any"])]
    quoted = own or [i for i in items if matches(item_text(i, with_evidence=True), fact["any"])]
    result = FactResult(
        section=fact["section"], what=str(fact.get("what", fact["any"])), held=bool(own), held_with_quote=bool(quoted)
    )
    for key in FIELD_CHECKS:
        if key in fact and quoted:
            result.checks[key] = any(field_is_right(i, key, fact[key]) for i in quoted)
    return result


def score_brief(brief: Brief, gold: dict[str, Any], article_text: str, *, name: str = "") -> FileScore:
    score = FileScore(name=name or str(gold.get("id", "")))
    for fact in gold.get("facts", []):
        score.facts.append(score_fact(fact, brief.items(fact["section"])))
    grounder = Grounder(article_text)
    for section in SECTIONS:
        for item in brief.items(section):
            score.items += 1
            score.grounded += grounder.verify(item.evidence)
        if section in gold.get("absent", []) and brief.items(section):
            score.absent_violations.append(f"{section}: {len(brief.items(section))} item(s)")
    # What a reader sees: not the source's content hash or token count, where a short planted figure such as
    # "87" turns up by chance.
    whole = fold_for_match(brief.model_dump_json(exclude={"source": {"content_sha256", "tokens"}}))
    score.bait_leaks = [b for b in gold.get("must_not", []) if fold_for_match(b) in whole]
    return score


def _ratio(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


@dataclass
class EvalSummary:
    files: list[FileScore]

    def _facts(self, section: str | None = None) -> list[FactResult]:
        return [f for s in self.files for f in s.facts if section is None or f.section == section]

    def recall(self, *, with_quotes: bool = False) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for section in SECTIONS:
            facts = self._facts(section)
            out[section] = _ratio(sum(f.held_with_quote if with_quotes else f.held for f in facts), len(facts))
        return out

    def field_accuracy(self) -> dict[str, dict[str, Any]]:
        """For each gold field key: right / checked (facts that give the key and are held by some item)."""
        out: dict[str, dict[str, Any]] = {}
        for key in FIELD_CHECKS:
            checked = [f.checks[key] for f in self._facts() if key in f.checks]
            if checked:
                out[key] = {"accuracy": _ratio(sum(checked), len(checked)), "right": sum(checked), "checked": len(checked)}
        return out

    def grounding(self) -> float:
        items = sum(f.items for f in self.files)
        return round(sum(f.grounded for f in self.files) / items, 3) if items else 1.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "files": len(self.files),
            "recall": self.recall(),
            "recall_with_quotes": self.recall(with_quotes=True),
            "fields": self.field_accuracy(),
            "grounding": self.grounding(),
            "items": sum(f.items for f in self.files),
            "absent_section_violations": sum(len(f.absent_violations) for f in self.files),
            "bait_leaks": sum(len(f.bait_leaks) for f in self.files),
            "per_file": [
                {
                    "file": f.name,
                    "items": f.items,
                    "missed": f.missed,
                    "wrong_fields": f.wrong_fields,
                    "absent_violations": f.absent_violations,
                    "bait_leaks": f.bait_leaks,
                    **({"questions": f.questions} if f.questions else {}),
                }
                for f in self.files
            ],
        }
        qs = [f.questions for f in self.files if f.questions]
        if qs:
            total = sum(q["total"] for q in qs)
            said = sum(q["said_doesnt_say"] for q in qs)
            said_right = sum(q["said_doesnt_say_correctly"] for q in qs)
            data["questions"] = {
                "total": total,
                "accuracy": _ratio(sum(q["correct"] for q in qs), total),
                "accuracy_with_quotes": _ratio(sum(q["correct_with_quotes"] for q in qs), total),
                "declines": _ratio(said_right, sum(q["unanswerable"] for q in qs)),
                "doesnt_say_precision": _ratio(said_right, said),
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


def run_eval(
    pairs: list[tuple[Path, Path]],
    brief_file: Callable[[Path], tuple[Brief, str]],
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
