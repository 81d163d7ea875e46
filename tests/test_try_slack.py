"""``python -m tools.try_slack``, the documented way to try the Slack bot without Slack: a real subprocess that
runs the stand-in Slack Web API and ``briefbot slack --http``, and prints what the bot posted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def try_slack(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.try_slack", *args], cwd=ROOT, capture_output=True, text=True, timeout=110, check=False
    )


def test_try_slack_prints_the_brief_and_the_answer_the_bot_posted_in_the_thread():
    out = try_slack()
    assert out.returncode == 0, out.stderr
    brief, _, answer = out.stdout.partition("you, in the thread: How much is the package worth?")
    # The sample article's aid line, as the bot rendered it in Slack (Block Kit), read back as text.
    assert "*Norway and Netherlands → Ukraine*: €400 million military aid (_announced_)" in brief
    assert answer.splitlines()[3] == "€400 million, according to the article:"
    assert "Slack Web API calls the bot made: auth.test ×1, chat.postMessage ×2, chat.update ×2" in out.stdout


def test_try_slack_briefs_the_given_file_and_asks_the_given_questions(tmp_path):
    article = tmp_path / "sanctions.txt"
    article.write_text(
        "EU widens sanctions\n\nThe European Union imposed sanctions on 45 companies in China and Iran "
        "accused of supplying drone parts to Russia.\n",
        encoding="utf-8",
    )
    out = try_slack(str(article), "--ask", "Who imposed sanctions?", "--ask", "How many companies?")
    assert out.returncode == 0, out.stderr
    brief, _, answers = out.stdout.partition("you, in the thread: Who imposed sanctions?")
    who, _, how_many = answers.partition("you, in the thread: How many companies?")
    assert "*European Union*: 45 companies" in brief
    assert "European Union" in who.split("Slack Web API calls")[0]
    assert "45 companies" in how_many.split("Slack Web API calls")[0]


def test_try_slack_with_a_missing_file_says_so_in_one_line(tmp_path):
    out = try_slack(str(tmp_path / "nowhere.txt"))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"try_slack: cannot read {tmp_path / 'nowhere.txt'}: No such file or directory\n"
