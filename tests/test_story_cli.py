"""``briefbot digest`` as a user runs it, over the bot's database (a real subprocess, real SQLite)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from story_support import briefed_fixtures

from bot.store import open_store


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env={**os.environ}, timeout=60, check=False
    )


class _Clock:
    def __init__(self) -> None:
        self.now = time.time() - 3 * 86400

    def __call__(self) -> float:
        return self.now

    def advance(self, s: float) -> None:
        self.now += s


def _fill(tmp_path):
    from story_support import post_all

    clock = _Clock()
    with open_store(os.path.join(os.environ["BRIEFBOT_DATA_DIR"], "briefbot.db"), clock=clock) as store:
        post_all(store, briefed_fixtures()[:12], clock=clock, step_s=600)


def test_digest_prints_the_digest_and_writes_the_chart(tmp_path):
    _fill(tmp_path)
    out = run("digest", "week", "--chart", str(tmp_path / "out.png"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Digest of the last 7 days")
    for heading in (
        "## Aid by donor",
        "## Weapons policy, in date order",
        "## Sanctions rounds",
        "## Battlefield claims by place",
    ):
        assert heading in out.stdout
    assert "Totals per currency (never added across currencies): " in out.stdout
    png = (tmp_path / "out.png").read_bytes()
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (1000, 800)
    doc = json.loads(run("digest", "week", "--format", "json").stdout)
    assert doc["period"] == "week" and doc["briefs"] > 0
    lines = [x for d in doc["aid"] for x in d["lines"]] + doc["sanctions"] + doc["weapons_policy"]
    assert lines and all(
        x["threads"] and x["threads"][0]["url"].startswith("https://app.slack.com/client/T1/") for x in lines
    )
    for currency, total in doc["aid_totals"].items():
        assert total == pytest.approx(sum(d["totals"].get(currency, 0) for d in doc["aid"]))
    today = run("digest", "today", "--channel", "nowhere")
    assert today.returncode == 0 and "Nothing was briefed in this period." in today.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["digest", "fortnight"], "briefbot: unknown digest period 'fortnight': use today, week or 30d"),
        (
            ["digest", "week", "--platform", "irc"],
            "briefbot: Invalid value for '--platform': 'irc' is not one of 'slack', 'discord'."
            " (see 'briefbot digest --help')",
        ),
        (["digest", "--format", "xml"], "briefbot: Invalid value for '--format': 'xml' is not one of 'markdown', 'json'."),
        (["digest", "--bogus"], "briefbot: No such option '--bogus'."),
        (["digest", "week", "extra"], "briefbot: Got unexpected extra argument (extra)"),
        (["digest", "--channel"], "briefbot: Option '--channel' requires an argument."),
        (["digest", "--chart", "{tmp}/no/such/x.png"], "briefbot: cannot write the chart: no folder {tmp}/no/such"),
        (["digest", "--chart", "{tmp}"], "briefbot: Invalid value for '--chart': File '{tmp}' is a directory."),
        (
            ["digest", "today", "--chart", "{tmp}/x.png"],
            "briefbot: nothing to chart: no aid figures or claims about places in this period",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, says):
    out = run(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert out.returncode == 2, (args, out.stderr)
    assert out.stdout == "" and len(out.stderr.splitlines()) == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith(says.replace("{tmp}", str(tmp_path))), out.stderr


def test_an_unusable_data_folder_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    out = subprocess.run(
        [sys.executable, "-m", "bot", "digest"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BRIEFBOT_DATA_DIR": str(tmp_path / "file" / "data")},
        check=False,
    )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"briefbot: cannot use the data folder {tmp_path / 'file' / 'data'} (BRIEFBOT_DATA_DIR)")
    assert len(out.stderr.splitlines()) == 1


def test_the_benchmark_runs_and_prints_its_figures():
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.story", "--briefs", "300", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert out.returncode == 0, out.stderr
    assert "database: sqlite; 300 briefs over 30 days in 20 channels; load average" in out.stdout
    assert "digest   30d, all channels: 300 briefs" in out.stdout
    assert "USING INDEX brief_items_channel_time" in out.stdout
