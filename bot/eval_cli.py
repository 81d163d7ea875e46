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
        scores = evaluate_questions(article, gold["questions"], settings=service.settings, client=service.llm, brief=brief)
        return {**scores.to_json(), "missed": [f"{r.question} -> {r.answer.answer}" for r in scores.results if not r.right]}

    return score


def run_and_report(
    service: BriefService, folder: Path, *, engine: str, as_json: bool, questions: bool, details: bool = True
) -> None:
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
        if not details:
            data.pop("per_file")
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{data['files']} articles, {data['items']} items")
    click.echo(f"  {'recall':<28}{'fields':>8}{'with quotes':>13}")
    for section in SECTIONS:
        click.echo(
            f"  {SECTION_TITLES[section]:<28}{_fmt(data['recall'][section]):>8}"
            f"{_fmt(data['recall_with_quotes'][section]):>13}"
        )
    for key, acc in data["fields"].items():
        click.echo(f"  {key + ' correct':<28}{_fmt(acc['accuracy']):>8}  ({acc['right']}/{acc['checked']})")
    click.echo(f"  {'grounding':<28}{data['grounding']:>8.3f}")
    click.echo(f"  {'items in absent sections':<28}{data['absent_section_violations']:>8}")
    click.echo(f"  {'bait strings leaked':<28}{data['bait_leaks']:>8}")
    if "questions" in data:
        q = data["questions"]
        click.echo(f"  {'answers (lead)':<28}{_fmt(q['accuracy']):>8}  ({q['total']} questions)")
        click.echo(f"  {'answers (with quotes)':<28}{_fmt(q['accuracy_with_quotes']):>8}")
        click.echo(f"  {'declines':<28}{_fmt(q['declines']):>8}")
        label = "'doesn't say' precision"
        click.echo(f"  {label:<28}{_fmt(q['doesnt_say_precision']):>8}")
        click.echo(f"  {'unverified quotes':<28}{q['unverified_quotes']:>8}")
    if not details:
        return
    for f in data["per_file"]:
        for miss in f["missed"]:
            click.echo(f"  missed {f['file']}: {miss}")
        for wrong in f["wrong_fields"]:
            click.echo(f"  wrong {f['file']}: {wrong}")
        for question in (f.get("questions") or {}).get("missed", []):
            click.echo(f"  answer {f['file']}: {question}")
        for bad in f["absent_violations"] + [f"bait leaked: {b}" for b in f["bait_leaks"]]:
            click.echo(f"  violation {f['file']}: {bad}")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
