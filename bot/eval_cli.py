"""``briefbot eval``'s terminal side: the progress bar and the printed report."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bot.evaluate import EvalSummary, FileScore, gold_pairs, run_eval
from bot.models import SECTION_TITLES, SECTIONS, Brief
from bot.service import BriefService


def _question_scorer(service: BriefService) -> Callable[[Path, dict[str, Any], Brief], dict[str, Any]]:
    from bot.qa.evaluate import evaluate_questions

    def score(txt: Path, gold: dict[str, Any], brief: Brief) -> dict[str, Any]:
        article = service.load(str(txt))
        scores = evaluate_questions(article, gold["questions"], settings=service.settings, client=service.llm,
                                    brief=brief)
        return {
            "total": scores.total, "correct": scores.correct,
            "said_doesnt_say": scores.said_not_given, "said_doesnt_say_correctly": scores.said_not_given_rightly,
            "unverified_quotes": scores.quotes - scores.quotes_verified,
            "missed": [r.question for r in scores.results if not r.right],
        }

    return score


def run_and_report(service: BriefService, folder: Path, *, engine: str, as_json: bool, questions: bool) -> None:
    pairs = gold_pairs(folder)

    def brief_file(txt: Path) -> tuple[Brief, str]:
        article = service.load(str(txt))
        return service.brief(article, engine=engine), article.text  # type: ignore[arg-type]

    scorer = _question_scorer(service) if questions else None
    results: list[FileScore] = []
    scores = run_eval(pairs, brief_file, scorer)
    if sys.stderr.isatty():  # a progress bar on a terminal only; CI logs stay clean
        with click.progressbar(scores, length=len(pairs), label="briefing", file=sys.stderr) as bar:
            results.extend(bar)
    else:
        results.extend(scores)
    summary = EvalSummary(results)
    data = summary.to_json()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{data['files']} articles, {data['items']} items")
    for section in SECTIONS:
        value = data["recall"][section]
        click.echo(f"  recall {SECTION_TITLES[section]:<20} {'n/a' if value is None else f'{value:.3f}'}")
    click.echo(f"  grounding                   {data['grounding']:.3f}")
    click.echo(f"  items in absent sections    {data['absent_section_violations']}")
    click.echo(f"  bait strings leaked         {data['bait_leaks']}")
    if "questions" in data:
        q = data["questions"]
        click.echo(f"  answer accuracy             {q['accuracy']}  ({q['total']} questions)")
        click.echo(f"  'doesn't say' precision     {q['doesnt_say_precision']}")
    for f in data["per_file"]:
        for miss in f["missed"]:
            click.echo(f"  missed {f['file']}: {miss}")
        for bad in f["absent_violations"] + [f"bait leaked: {b}" for b in f["bait_leaks"]]:
            click.echo(f"  violation {f['file']}: {bad}")
