"""The ``briefbot`` command as a user runs it: real subprocesses, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "article.txt"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, env=full_env, timeout=60, check=False
    )


def test_brief_json_validates_against_the_printed_schema():
    schema = json.loads(run("schema").stdout)
    out = run("brief", str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, schema)
    assert doc["engine"] == "extractive" and doc["schema_version"] == 1
    assert all(item["verified"] for s in ("aid", "weapons_policy", "sanctions", "battlefield_claims") for item in doc[s])


def test_markdown_shows_sections_quotes_and_says_when_a_section_is_empty():
    out = run("brief", str(FIXTURES / "football.txt"))
    text = out.stdout.decode()
    assert out.returncode == 0
    assert text.count("Not mentioned in this article.") == 4
    sample = run("brief", str(SAMPLE)).stdout.decode()
    for heading in ("## Aid", "## Weapons policy", "## Sanctions", "## Battlefield claims"):
        assert heading in sample
    assert "> “" in sample and "€400 million" in sample


def test_stdin_is_read_with_dash():
    out = run("brief", "-", "--format", "json", stdin=SAMPLE.read_bytes())
    assert out.returncode == 0
    assert json.loads(out.stdout)["aid"]


def test_slack_format_prints_a_block_kit_payload():
    out = run("brief", str(SAMPLE), "--format", "slack")
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["text"] and payload["blocks"] and len(payload["blocks"]) <= 50


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Kyiv said the caf\xe9 was hit. The Defence Ministry said nothing.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return {"missing": tmp_path / "nope.txt", "empty": empty, "binary": binary, "latin1": latin, "huge": huge}


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "latin1", "huge"])
def test_bad_input_gives_exit_2_and_one_plain_line(tmp_path, case):
    out = run("brief", str(_bad_inputs(tmp_path)[case]))
    err = out.stderr.decode()
    assert out.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("briefbot: ")


def test_unknown_engine_and_empty_question_are_usage_errors():
    assert run("brief", str(SAMPLE), "--engine", "magic").returncode == 2
    out = run("ask", str(SAMPLE), "  ")
    assert out.returncode == 2 and "question" in out.stderr.decode()


def test_llm_engine_without_a_model_configured_is_a_clear_error():
    out = run("brief", str(SAMPLE), "--engine", "llm")
    assert out.returncode == 2 and "OPENAI_API_KEY" in out.stderr.decode()


def test_ask_answers_with_a_quote_from_the_article():
    out = run("ask", str(SAMPLE), "How much is the air defence package worth?", "--format", "json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert "400" in answer["answer"] + " ".join(answer["quotes"])
    assert all(q in SAMPLE.read_text(encoding="utf-8").replace("\n", " ") for q in answer["quotes"])


def test_ask_knows_whose_sum_it_is_as_the_bot_does():
    # The sample's €400 million is Norway's and the Netherlands', not the EU's (the EU widens sanctions).
    out = run("ask", str(SAMPLE), "How much is the EU giving?")
    assert out.returncode == 0, out.stderr
    lead = out.stdout.decode().splitlines()[0]
    assert "400" not in lead and "doesn't say" in lead
    out = run("ask", str(SAMPLE), "How much are Norway and the Netherlands giving?")
    assert "€400 million" in out.stdout.decode().splitlines()[0]


def test_eval_scores_a_folder_of_gold_files(tmp_path):
    (tmp_path / "001.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "001.json").write_text(
        json.dumps(
            {
                "id": "t-001",
                "facts": [
                    {"section": "aid", "what": "package", "any": [["400 million"]]},
                    {"section": "sanctions", "what": "listings", "any": [["32 entities"]], "imposed_by": ["EU", "European"]},
                    {
                        "section": "battlefield_claims",
                        "what": "village",
                        "any": [["Novo-Pavlivka", "recaptured"]],
                        "claimant": ["General Staff"],
                        "side": "ukraine",
                    },
                    {
                        "section": "weapons_policy",
                        "what": "Germany",
                        "any": [["long-range missiles"]],
                        "stance": ["prohibited", "restricted"],
                        "actor": ["Germany"],
                    },
                    # Only the quote says "off limits": a reader of the item's fields does not see it.
                    {"section": "weapons_policy", "what": "the quote alone", "any": [["off limits"]]},
                ],
                "absent": [],
            }
        ),
        encoding="utf-8",
    )
    out = run("eval", str(tmp_path), "--json", "--no-questions")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["recall"] == {"aid": 1.0, "weapons_policy": 0.5, "sanctions": 1.0, "battlefield_claims": 1.0}
    assert summary["recall_with_quotes"]["weapons_policy"] == 1.0
    assert {k: v["accuracy"] for k, v in summary["fields"].items()} == {
        "stance": 1.0,
        "claimant": 1.0,
        "side": 1.0,
        "actor": 1.0,
        "imposed_by": 1.0,
    }
    assert summary["grounding"] == 1.0 and summary["absent_section_violations"] == 0


def test_eval_counts_bait_only_where_a_reader_sees_it(tmp_path):
    from bot.evaluate import score_brief
    from bot.models import Brief

    text = SAMPLE.read_text(encoding="utf-8")
    out = run("brief", str(SAMPLE), "--format", "json")
    brief = Brief.model_validate_json(out.stdout)
    digest = brief.source.content_sha256
    chance = next(digest[i : i + 3] for i in range(len(digest) - 3) if digest[i : i + 3] not in text)
    gold = {"facts": [], "absent": [], "must_not": [chance, "400 million"]}
    # The planted sum the brief shows is a leak; three characters of the content hash are not.
    assert score_brief(brief, gold, text).bait_leaks == ["400 million"]


def test_eval_of_a_folder_without_gold_files_is_bad_input(tmp_path):
    out = run("eval", str(tmp_path))
    assert out.returncode == 2 and "no NNN.txt" in out.stderr.decode()


class _Page:
    """A news page served on 127.0.0.1 by a real HTTP server in a thread."""

    def __init__(self, body: bytes) -> None:
        import http.server
        import threading

        self.hits = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.hits += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _html_page() -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in SAMPLE.read_text(encoding="utf-8").split("\n\n")[1:-1])
    return (
        f"<html><head><title>Allies pledge air defence money</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Allies pledge air defence money"
        f"</h1>{paragraphs}</article><footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()


def test_brief_of_a_url_end_to_end():
    page = _Page(_html_page())
    try:
        out = run(
            "brief",
            f"http://127.0.0.1:{page.port}/story",
            "--format",
            "json",
            env={"BRIEFBOT_FETCH_ALLOW_HOSTS": "127.0.0.1"},
        )
    finally:
        page.close()
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["source"]["url"] == f"http://127.0.0.1:{page.port}/story"
    assert any(a["amount"] == "€400 million" for a in doc["aid"])
    assert "Subscribe" not in out.stdout.decode()


def test_a_private_address_is_refused_before_any_request():
    page = _Page(_html_page())
    try:
        out = run("brief", f"http://127.0.0.1:{page.port}/story")
    finally:
        page.close()
    assert out.returncode == 2
    assert out.stderr.decode().strip() == "briefbot: That link points into a private network; I don't fetch those."
    assert page.hits == 0


class _Misbehaving:
    """A server on 127.0.0.1 that either never answers or streams an endless body."""

    def __init__(self, mode: str) -> None:
        import http.server
        import threading
        import time

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if mode == "silent":
                    time.sleep(5)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                try:
                    for _ in range(800):  # 50 MB
                        self.wfile.write(chunk)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(("mode", "words"), [("silent", "too long"), ("huge", "too large")])
def test_slow_or_huge_pages_give_exit_2_and_one_line(tmp_path, mode, words):
    config = tmp_path / "fast.yaml"
    config.write_text("fetch:\n  total_timeout_s: 1\n  connect_timeout_s: 1\n", encoding="utf-8")
    server = _Misbehaving(mode)
    try:
        out = run(
            "brief",
            f"http://127.0.0.1:{server.port}/",
            env={"BRIEFBOT_FETCH_ALLOW_HOSTS": "127.0.0.1", "BRIEFBOT_CONFIG": str(config)},
        )
    finally:
        server.close()
    err = out.stderr.decode().strip()
    assert out.returncode == 2, err
    assert len(err.splitlines()) == 1 and words in err


def test_questions_about_an_article_without_words_get_a_one_line_error(tmp_path):
    article = tmp_path / "dots.txt"
    article.write_text("...\n\n!!! ???\n", encoding="utf-8")
    out = run("ask", str(article), "How much?")
    assert out.returncode == 2
    assert out.stderr.strip().count(b"\n") == 0 and b"Traceback" not in out.stderr


def test_pasted_text_with_lone_surrogates_is_briefed_not_crashed():
    from bot.config import load_settings
    from bot.service import BriefService

    service = BriefService(settings=load_settings(env={}), llm=None)
    article = service.load_text("Headline\n\nRussia said its troops took Avdiivka in Ukraine. \ud83d broken emoji")
    brief = service.brief(article)
    assert any("Avdiivka" in (c.location or "") for c in brief.battlefield_claims)
    assert service.ask(article, "Who took Avdiivka? \udc00").answer.answer  # an answer, not a crash
