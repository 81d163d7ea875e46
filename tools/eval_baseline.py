"""The evaluation gate's baseline: per-set floors and corpus hashes (``tests/eval_baseline.json``).

    python -m tools.eval_baseline check  [--baseline FILE]     score every set, compare with its floors
    python -m tools.eval_baseline update [--baseline FILE] [--add NAME=DIR …] [--only NAME …]

``update`` raises floors to today's scores and lowers ceilings (violations) to today's counts; it never
lowers a floor or raises a ceiling. A set whose files changed gets its new hash and keeps its floors,
so fixing a gold file cannot quietly excuse a regression. Folders are relative to the repository root;
sets whose folder is absent (the team's ``../shared`` on a user's machine) are skipped, saying so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = ROOT / "tests" / "eval_baseline.json"
# Figures that must not fall (floors) and counts that must not rise (ceilings).
FLOOR_KEYS = (
    "recall.aid",
    "recall.weapons_policy",
    "recall.sanctions",
    "recall.battlefield_claims",
    "fields.stance",
    "fields.claimant",
    "fields.side",
    "fields.donor",
    "fields.actor",
    "fields.imposed_by",
    "grounding",
    "questions.accuracy",
    "questions.declines",
)
CEILING_KEYS = ("absent_section_violations", "bait_leaks", "questions.unverified_quotes")


def corpus_sha256(folder: Path) -> str:
    """One hash over the set's articles and gold files (names and bytes), independent of file order."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def figures(summary: dict[str, Any]) -> dict[str, float]:
    """The gated figures of one ``EvalSummary.to_json()``, flattened ("recall.aid": 0.81 …)."""
    out: dict[str, float] = {}
    for section, value in summary["recall"].items():
        if value is not None:
            out[f"recall.{section}"] = value
    for key, acc in summary.get("fields", {}).items():
        out[f"fields.{key}"] = acc["accuracy"]
    out["grounding"] = summary["grounding"]
    out["absent_section_violations"] = summary["absent_section_violations"]
    out["bait_leaks"] = summary["bait_leaks"]
    q = summary.get("questions")
    if q:
        for key in ("accuracy", "declines"):
            if q.get(key) is not None:
                out[f"questions.{key}"] = q[key]
        out["questions.unverified_quotes"] = q["unverified_quotes"]
    return out


def problems(entry: dict[str, Any], folder: Path, scored: dict[str, float]) -> list[str]:
    """What the set does worse than its baseline entry (empty when it holds)."""
    out: list[str] = []
    if corpus_sha256(folder) != entry["sha256"]:
        out.append(f"{folder}: files changed since the baseline was recorded (run the update command)")
    for key, floor in entry.get("floors", {}).items():
        if key in scored and scored[key] < floor - 1e-9:
            out.append(f"{folder}: {key} {scored[key]:.3f} is below its floor {floor:.3f}")
        elif key not in scored:
            out.append(f"{folder}: {key} is no longer measured (floor {floor:.3f})")
    for key, ceiling in entry.get("ceilings", {}).items():
        if scored.get(key, 0) > ceiling:
            out.append(f"{folder}: {key} {scored.get(key)} is above its ceiling {ceiling}")
    return out


def raised(entry: dict[str, Any] | None, folder: Path, scored: dict[str, float], path: str) -> dict[str, Any]:
    """The entry with floors raised and ceilings lowered to ``scored``; never the other way."""
    old = entry or {"path": path, "floors": {}, "ceilings": {}}
    floors = dict(old.get("floors", {}))
    ceilings = dict(old.get("ceilings", {}))
    for key in FLOOR_KEYS:
        if key in scored:
            floors[key] = round(max(floors.get(key, 0.0), scored[key]), 3)
    for key in CEILING_KEYS:
        if key in scored:
            ceilings[key] = min(ceilings.get(key, scored[key]), scored[key])
    return {**old, "path": path, "sha256": corpus_sha256(folder), "floors": floors, "ceilings": ceilings}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"sets": {}}


def score_folder(folder: Path) -> dict[str, float]:
    """Brief and question every article of ``folder`` with the offline engine; the gated figures."""
    from bot.config import load_settings
    from bot.evaluate import EvalSummary, gold_pairs, run_eval
    from bot.qa.evaluate import evaluate_questions
    from bot.service import BriefService

    service = BriefService(settings=load_settings(env={}), llm=None)

    def brief_file(txt: Path) -> Any:
        article = service.load(str(txt))
        return service.brief(article, engine="extractive"), article.text

    def questions(txt: Path, gold: dict[str, Any], brief: Any) -> dict[str, Any]:
        scores = evaluate_questions(service.load(str(txt)), gold["questions"], settings=service.settings, brief=brief)
        return scores.to_json()

    return figures(EvalSummary(list(run_eval(gold_pairs(folder), brief_file, questions))).to_json())


def apply(
    command: str, sets: dict[str, Any], *, only: list[str], score: Callable[[Path], dict[str, float]] = score_folder
) -> tuple[list[str], bool]:
    """Check every set against its floors, or raise them (``update``, in place): a line per set, and whether
    any set failed its check."""
    lines: list[str] = []
    failed = False
    for name, entry in sets.items():
        if only and name not in only:
            continue
        folder = ROOT / entry["path"]
        if not folder.is_dir():
            lines.append(f"{name}: skipped, {folder} is not here")
            continue
        scored = score(folder)
        if command == "update":
            sets[name] = raised(entry if "sha256" in entry else None, folder, scored, entry["path"])
            lines.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sets[name]["floors"].items()))
        else:
            found = problems(entry, folder, scored)
            failed = failed or bool(found)
            lines.append(f"{name}: {'ok' if not found else '; '.join(found)}")
    return lines, failed


def main(argv: list[str] | None = None, *, score: Callable[[Path], dict[str, float]] = score_folder) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.eval_baseline", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--add", action="append", default=[], metavar="NAME=DIR", help="a new set (update only)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="score only these sets (a blind set is left at its first score by naming the others)",
    )
    args = parser.parse_args(argv)
    baseline = load(args.baseline)
    sets: dict[str, Any] = baseline.setdefault("sets", {})
    for spec in args.add:
        name, _, folder = spec.partition("=")
        sets.setdefault(name, {"path": folder})
    lines, failed = apply(args.command, sets, only=args.only, score=score)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    if args.command == "update":
        args.baseline.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
