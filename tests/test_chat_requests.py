"""Job payloads are the requests' plain JSON, field for field (the acknowledgement builds them by hand, so a
new field must be added there too), and read back to equal requests."""

from __future__ import annotations

import dataclasses
import json

from bot.chat.requests import AnswerRequest, BriefRequest, Where

WHERE = Where(platform="slack", workspace="T1", channel="C1", user="U1", enterprise_id="E1")


def test_payloads_hold_every_field_and_read_back():
    brief = BriefRequest(
        where=WHERE,
        origin="mention",
        thread="1.0",
        message="1.0",
        url="https://x.example/a",
        text=None,
        files=[{"id": "F1", "name": "a.pdf"}],
        reply={"response_url": "https://r"},
    )
    answer = AnswerRequest(where=WHERE, thread="1.0", question="How much?", message="2.0")
    for request in (brief, answer, WHERE):
        assert request.payload() == dataclasses.asdict(request)
        assert json.loads(json.dumps(request.payload())) == request.payload()
    assert BriefRequest.from_payload(brief.payload()) == brief
    assert AnswerRequest.from_payload(answer.payload()) == answer


def test_a_payload_is_a_copy():
    brief = BriefRequest(where=WHERE, origin="shortcut", files=[{"id": "F1"}])
    brief.payload()["files"][0]["id"] = "changed"
    assert brief.files == [{"id": "F1"}]
