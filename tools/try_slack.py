"""Try the Slack bot on your own machine: no Slack workspace, no internet.

    python -m tools.try_slack [FILE] [--ask QUESTION …]

Starts the stand-in Slack Web API (``standins.slack_api``) on 127.0.0.1 and ``briefbot slack --http`` pointed
at it with ``SLACK_API_URL``, a made-up bot token and signing secret, the offline engine and a throw-away data
folder (the developer's own ``SLACK_*``, ``OPENAI_*`` and ``BRIEFBOT_*`` variables are left out). Then it does
what Slack would: sends the bot a signed ``app_mention`` with FILE's text pasted in (default
``samples/article.txt``), then each question as a reply in that thread, and prints what the bot posted in the
thread as text. Both servers stop at the end; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from standins import slack_api as ss
from standins.bot_process import wait_until_healthy

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "article.txt"
QUESTION = "How much is the package worth?"
SECRET = "try-signing-secret"
CHANNEL, USER = "C0NEWS", "U0YOU"
MENTION_TS = "1800000000.000100"


def readable(body: dict[str, Any]) -> str:
    """A posted message as a person reads it: its blocks' text (or its fallback text), Slack's escapes undone."""
    lines: list[str] = []
    for block in body.get("blocks") or []:
        kind = block.get("type")
        if kind in ("header", "section"):
            lines.append(block.get("text", {}).get("text", ""))
            lines.extend(field.get("text", "") for field in block.get("fields") or [])
        elif kind == "context":
            lines.append("  ".join(e.get("text", "") for e in block.get("elements") or []))
        elif kind == "divider":
            lines.append("")
    text = "\n".join(lines) if lines else str(body.get("text") or "")
    return html.unescape(text).strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bot_env(slack: ss.SlackStandin, data_dir: str) -> dict[str, str]:
    mine = ("SLACK_", "OPENAI_", "BRIEFBOT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(mine) and k not in ("DATABASE_URL", "PORT")}
    env.update(
        {
            "SLACK_API_URL": slack.api_url,
            "SLACK_BOT_TOKEN": "xoxb-try-it",
            "SLACK_SIGNING_SECRET": SECRET,
            "BRIEFBOT_DATA_DIR": data_dir,
            "HOST": "127.0.0.1",
        }
    )
    return env


def _start_bot(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """``briefbot slack --http --port PORT``, waited for until ``/healthz`` answers."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "slack", "--http", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    wait_until_healthy(proc, port, log, timeout=60)
    return proc


def _send(port: int, event_id: str, event: dict[str, Any]) -> None:
    """One signed Events API request, as Slack sends it; the bot must acknowledge it with 200."""
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": ss.TEAM_ID,
            "api_app_id": "A0001",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
    )
    reply = httpx.post(
        f"http://127.0.0.1:{port}/slack/events", content=body, headers=ss.signed_headers(SECRET, body), timeout=10
    )
    if reply.status_code != 200:
        raise RuntimeError(f"the bot answered {reply.status_code} to {event['type']}: {reply.text[:200]}")


def _wait(slack: ss.SlackStandin, api: str, seen: int, timeout: float = 60.0) -> dict[str, Any]:
    """The first ``api`` call after the first ``seen`` in the thread that is not a "Briefing…" placeholder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = [c.body for c in slack.api_calls(api) if c.body.get("channel") == CHANNEL][seen:]
        done = [b for b in calls if not str(b.get("text", "")).startswith("Briefing")]
        if done:
            return done[0]
        time.sleep(0.05)
    raise RuntimeError(f"the bot posted nothing in the thread within {timeout:.0f} s")


def converse(text: str, questions: list[str], out: Any = sys.stdout) -> None:
    """Start the stand-in and the bot, mention it with ``text``, ask ``questions`` in the thread, print, stop."""
    say = out.write
    with tempfile.TemporaryDirectory() as tmp, ss.SlackStandin() as slack:
        port = _free_port()
        bot = _start_bot(_bot_env(slack, tmp), port, Path(tmp) / "bot.log")
        try:
            say(
                f"Slack stand-in: {slack.api_url}   bot: briefbot slack --http --port {port} "
                "(offline engine, data in a temporary folder)\n\n"
            )
            started = time.monotonic()
            _send(
                port,
                "EvTry0",
                {
                    "type": "app_mention",
                    "channel": CHANNEL,
                    "user": USER,
                    "ts": MENTION_TS,
                    "text": f"<@{ss.BOT_USER_ID}> {text}",
                },
            )
            brief = _wait(slack, "chat.update", 0)
            say(f"you, in #news: @briefbot + {len(text):,} characters of article text\n")
            say(f"briefbot, in the thread ({time.monotonic() - started:.1f} s):\n\n{readable(brief)}\n\n")
            for n, question in enumerate(questions, start=1):
                seen = len([c for c in slack.api_calls("chat.postMessage") if c.body.get("channel") == CHANNEL])
                started = time.monotonic()
                _send(
                    port,
                    f"EvTry{n}",
                    {
                        "type": "message",
                        "channel": CHANNEL,
                        "channel_type": "channel",
                        "user": USER,
                        "text": question,
                        "ts": f"1800000000.{100 + n:06d}",
                        "thread_ts": MENTION_TS,
                    },
                )
                answer = _wait(slack, "chat.postMessage", seen)
                say(f"you, in the thread: {question}\n")
                say(f"briefbot ({time.monotonic() - started:.1f} s):\n\n{readable(answer)}\n\n")
            calls = [c.api for c in slack.api_calls()]
            say(
                "Slack Web API calls the bot made: "
                + ", ".join(f"{api} ×{calls.count(api)}" for api in dict.fromkeys(calls))
                + "\n"
            )
        finally:
            bot.terminate()
            try:
                bot.wait(timeout=20)
            except subprocess.TimeoutExpired:
                bot.kill()
                bot.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.try_slack", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=SAMPLE, help="a text article (default: %(default)s)")
    parser.add_argument(
        "--ask",
        action="append",
        default=None,
        metavar="QUESTION",
        help=f"a follow-up question in the brief's thread; repeatable (default: {QUESTION!r})",
    )
    args = parser.parse_args(argv)
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"try_slack: cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}\n")
        return 2
    try:
        converse(text, args.ask if args.ask is not None else [QUESTION])
    except RuntimeError as exc:
        sys.stderr.write(f"try_slack: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
