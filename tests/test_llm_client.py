"""StructuredClient through the real openai client against a local stand-in server."""

from __future__ import annotations

import socket

import pytest

from bot.config import LLMSettings
from bot.errors import ModelOutputUnusable, ModelUnavailable
from bot.llm.client import PLACEHOLDER_API_KEY, client_from_env
from bot.models import Answer, BriefDraft
from standins.openai_api import FAST_RETRY, TEST_API_KEY, OpenAIStandin, Reply, error_body, structured_client

PRODUCT_FIELDS = {
    "AidDraft": ["donor", "recipient", "amount", "value", "currency", "aid_type", "contents", "status", "evidence"],
    "WeaponsPolicyDraft": ["actor", "weapon", "stance", "scope", "evidence"],
    "SanctionsDraft": ["imposed_by", "targets", "target_count", "target_countries", "sectors", "evidence"],
    "BattlefieldClaimDraft": ["claimant", "claim", "location", "side", "status", "evidence"],
}
MESSAGES = [{"role": "system", "content": "Reply in JSON."}, {"role": "user", "content": "Brief it."}]
EMPTY_DRAFT = {"summary": "Nothing to report.", "aid": [], "weapons_policy": [], "sanctions": [], "battlefield_claims": []}
ANSWER = {"answer": "The article doesn't say.", "quotes": []}


@pytest.fixture
def server():
    with OpenAIStandin() as s:
        yield s


def test_request_carries_the_strict_brief_schema(server):
    server.enqueue_json(EMPTY_DRAFT)
    draft, usage = structured_client(server).complete(MESSAGES, BriefDraft)
    assert draft == BriefDraft.model_validate(EMPTY_DRAFT)
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0

    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {TEST_API_KEY}"
    body = request.json
    assert body["model"] == "gpt-4.1-mini" and body["messages"] == MESSAGES
    assert body["temperature"] == 0 and body["max_tokens"] == 2000
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True and fmt["json_schema"]["name"] == "BriefDraft"
    schema = fmt["json_schema"]["schema"]
    assert schema["required"] == ["summary", "aid", "weapons_policy", "sanctions", "battlefield_claims"]
    assert schema["additionalProperties"] is False
    for name, fields in PRODUCT_FIELDS.items():
        item = schema["$defs"][name]
        assert list(item["properties"]) == fields  # exactly PRODUCT's fields, no `verified`
        assert item["required"] == fields and item["additionalProperties"] is False
    aid = schema["$defs"]["AidDraft"]["properties"]
    assert aid["aid_type"]["enum"] == ["military", "financial", "humanitarian", "other"]
    assert {"type": "null"} in aid["currency"]["anyOf"]
    assert "default" not in str(schema)


def test_rate_limited_then_success_gives_one_answer(server):
    server.enqueue_status(429, headers=FAST_RETRY)
    server.enqueue_json(ANSWER)
    answer, _ = structured_client(server, max_retries=2).complete(MESSAGES, Answer)
    assert answer.answer == "The article doesn't say."
    assert [r.status for r in server.requests] == [429, 200]


def test_permanent_500_is_unavailable_after_the_sdk_retries(server):
    for _ in range(3):
        server.enqueue_status(500, headers={**FAST_RETRY, "x-request-id": "req-abc"})
    with pytest.raises(ModelUnavailable) as err:
        structured_client(server, max_retries=2).complete(MESSAGES, Answer)
    assert len(server.requests) == 3  # first try + max_retries, no loop of ours on top
    assert err.value.status_code == 500 and err.value.request_id == "req-abc"
    assert "kept failing" in str(err.value)


def test_refusal_is_unusable(server):
    server.enqueue_refusal("I can't help with that.")
    with pytest.raises(ModelOutputUnusable, match="refused"):
        structured_client(server).complete(MESSAGES, BriefDraft)


def test_truncated_answer_is_unusable(server):
    server.enqueue_content('{"summary": "Kyiv said', finish_reason="length")
    with pytest.raises(ModelOutputUnusable, match="cut off"):
        structured_client(server).complete(MESSAGES, BriefDraft)


def test_content_filter_is_unusable(server):
    server.enqueue_content("", finish_reason="content_filter")
    with pytest.raises(ModelOutputUnusable, match="content filter"):
        structured_client(server).complete(MESSAGES, BriefDraft)


@pytest.mark.parametrize("content", ["not json at all", '{"summary": "x"}', '{"answer": 3, "quotes": []}'])
def test_invalid_json_is_unusable(server, content):
    server.enqueue_content(content)
    with pytest.raises(ModelOutputUnusable, match="schema"):
        structured_client(server).complete(MESSAGES, Answer)


def test_server_without_json_schema_falls_back_to_json_object(server):
    """llama.cpp's server 400s on json_schema but accepts {"type": "json_object", "schema": …}."""

    def llama_cpp(request):
        if request["response_format"]["type"] != "json_object":
            message = "'response_format' type json_schema is not supported"
            return Reply(status=400, body=error_body(400, message))
        return ANSWER

    server.responder = llama_cpp
    client = structured_client(server)
    answer, usage = client.complete(MESSAGES, Answer)
    assert answer == Answer.model_validate(ANSWER) and usage.prompt_tokens > 0
    first, second = server.bodies
    assert first["response_format"]["type"] == "json_schema"
    assert second["response_format"]["type"] == "json_object"
    assert second["response_format"]["schema"]["required"] == ["answer", "quotes"]
    assert client.json_schema_supported is False

    client.complete(MESSAGES, Answer)  # remembered: straight to json_object
    modes = [b["response_format"]["type"] for b in server.bodies]
    assert modes == ["json_schema", "json_object", "json_object"]


def test_llama_cpp_python_500_on_json_schema_also_falls_back(server):
    """llama-cpp-python's server (0.3.x) answers json_schema with a 500 naming response_format."""
    message = (
        "1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
    )

    def llama_cpp_python(request):
        if request["response_format"]["type"] != "json_object":
            return Reply(status=500, body={"error": {"message": message, "type": "internal_server_error"}})
        return ANSWER

    server.responder = llama_cpp_python
    client = structured_client(server)
    answer, _ = client.complete(MESSAGES, Answer)
    assert answer == Answer.model_validate(ANSWER)
    assert client.json_schema_supported is False


def test_fallback_mode_still_rejects_bad_output(server):
    server.enqueue_status(400, body={"error": {"message": "Unsupported response_format", "type": "invalid"}})
    server.enqueue_content('{"answer": "yes"}')
    with pytest.raises(ModelOutputUnusable, match="schema"):
        structured_client(server).complete(MESSAGES, Answer)
    server.enqueue_content('{"answer": "cut', finish_reason="length")
    client = structured_client(server)
    client._json_schema_ok = False
    with pytest.raises(ModelOutputUnusable, match="cut off"):
        client.complete(MESSAGES, Answer)


def test_other_400s_are_not_mistaken_for_json_schema_support(server):
    server.enqueue_status(400, body={"error": {"message": "context length exceeded", "type": "invalid"}})
    with pytest.raises(ModelUnavailable, match="rejected the request") as err:
        structured_client(server).complete(MESSAGES, Answer)
    assert err.value.status_code == 400 and len(server.requests) == 1


def test_bad_key_is_unavailable_and_the_key_never_leaks(server):
    server.enqueue_status(401, body={"error": {"message": f"Incorrect API key provided: {TEST_API_KEY}"}})
    with pytest.raises(ModelUnavailable) as err:
        structured_client(server).complete(MESSAGES, Answer)
    assert err.value.status_code == 401
    assert TEST_API_KEY not in str(err.value) and TEST_API_KEY not in err.value.user_message


def test_unreachable_server_is_unavailable():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = client_from_env(LLMSettings(max_retries=0, timeout_s=2), {"OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1"})
    with pytest.raises(ModelUnavailable, match="could not be reached"):
        client.complete(MESSAGES, Answer)


def test_slow_server_times_out(server):
    server.enqueue_json(ANSWER, delay=1.0)
    with pytest.raises(ModelUnavailable, match="in time"):
        structured_client(server, timeout=0.2).complete(MESSAGES, Answer)


def test_client_from_env(server, monkeypatch):
    settings = LLMSettings(model="local-model", max_retries=0, timeout_s=3)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # must not win over the mapping
    assert client_from_env(settings, {}) is None
    client = client_from_env(settings, {"OPENAI_BASE_URL": server.base_url})
    assert client is not None and client.model == "local-model"
    server.enqueue_json(ANSWER)
    client.complete(MESSAGES, Answer)
    assert server.requests[0].headers["authorization"] == f"Bearer {PLACEHOLDER_API_KEY}"
    keyed = client_from_env(settings, {"OPENAI_API_KEY": "sk-live"})
    assert keyed is not None and keyed.base_url.startswith("https://api.openai.com/v1")


def test_openai_hosts_get_max_completion_tokens_and_reasoning_models_no_temperature():
    settings = LLMSettings(model="gpt-5-mini", max_output_tokens=123)
    client = client_from_env(settings, {"OPENAI_API_KEY": "sk-x"})
    kwargs = client._common_kwargs(None)
    assert kwargs == {"model": "gpt-5-mini", "max_completion_tokens": 123}


def test_default_client_without_a_key_is_a_config_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    from bot.errors import ConfigError
    from bot.llm.client import StructuredClient

    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        StructuredClient(settings=LLMSettings())
