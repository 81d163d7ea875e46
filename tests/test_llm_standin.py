"""The stand-in server other suites rely on, and the benchmark built on it."""

from __future__ import annotations

import time

import openai
import pytest

from benchmarks import llm as bench_llm
from standins.openai_api import OpenAIStandin, Reply, openai_client


def test_scripted_replies_then_responder_and_recorded_requests():
    seen = []

    def responder(request):
        seen.append(request["model"])
        return {"answer": "from responder", "quotes": []}

    with OpenAIStandin(responder=responder) as server:
        server.enqueue_status(418, headers={"x-custom": "teapot"})
        server.enqueue_json({"answer": "queued", "quotes": []})
        client = openai_client(server)
        with pytest.raises(openai.APIStatusError) as err:
            client.chat.completions.create(model="m1", messages=[{"role": "user", "content": "a"}])
        assert err.value.status_code == 418 and err.value.response.headers["x-custom"] == "teapot"
        first = client.chat.completions.create(model="m2", messages=[{"role": "user", "content": "b"}])
        second = client.chat.completions.create(
            model="m3", messages=[{"role": "user", "content": "c"}], extra_headers={"X-Trace": "t-1"}
        )
    assert first.choices[0].message.content == '{"answer": "queued", "quotes": []}'
    assert second.choices[0].message.content == '{"answer": "from responder", "quotes": []}'
    assert second.usage.prompt_tokens > 0 and second.model == "m3"
    assert seen == ["m3"]
    assert [r.json["model"] for r in server.requests] == ["m1", "m2", "m3"]
    assert server.requests[2].headers["x-trace"] == "t-1"
    assert [r.status for r in server.requests] == [418, 200, 200]


def test_latency_applies_to_every_reply_and_can_be_overridden():
    with OpenAIStandin(latency=0.3) as server:
        server.enqueue_json({"a": 1})
        server.enqueue(
            Reply(
                status=200,
                body={"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []},
                delay=0.0,
            )
        )
        client = openai_client(server)
        start = time.perf_counter()
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}])
        slow = time.perf_counter() - start
        start = time.perf_counter()
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}])
        fast = time.perf_counter() - start
    assert slow >= 0.3 > fast
    assert server.requests[0].handled_s >= 0.3


def test_no_reply_queued_is_a_500():
    with OpenAIStandin() as server, pytest.raises(openai.InternalServerError):
        openai_client(server).chat.completions.create(model="m", messages=[])


def test_benchmark_reports_wall_time_share_and_overhead(tmp_path, capsys):
    (tmp_path / "001.txt").write_text(
        "Headline\n\nKyiv said on Monday it had received new air defence systems. Officials gave no figures.\n"
    )
    (tmp_path / "001.json").write_text("{}")
    assert bench_llm.main([str(tmp_path), "--latency", "0.05"]) == 0
    out = capsys.readouterr().out
    assert "001.txt" in out and "time outside the model call" in out and "prompt overhead" in out


def test_benchmark_needs_articles(tmp_path, capsys):
    assert bench_llm.main([str(tmp_path)]) == 2
