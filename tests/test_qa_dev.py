"""The bar on the shared dev set: offline answer accuracy >= 0.80 with every quote verified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.article import Article
from bot.config import Settings
from bot.qa.evaluate import QuestionScores, evaluate_questions

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason=f"the shared dev set is not at {DEV}")


def test_offline_answer_accuracy_on_dev_questions():
    total = QuestionScores()
    for gold_path in sorted(DEV.glob("[0-9][0-9][0-9].json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        article = Article(text=raw, title=raw.split("\n", 1)[0].strip())
        total.merge(evaluate_questions(article, gold.get("questions", []), settings=Settings()))
    print(f"dev questions: {total.correct}/{total.total} right, accuracy {total.accuracy:.3f}; "
          f"doesn't-say precision {total.doesnt_say_precision:.3f} "
          f"({total.said_not_given_rightly}/{total.said_not_given}); "
          f"quotes verified {total.quotes_verified}/{total.quotes}")
    assert total.total >= 50
    assert total.accuracy >= 0.80
    assert total.quotes_verified == total.quotes
