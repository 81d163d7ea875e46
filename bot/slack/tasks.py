"""Plain work requests the Slack listeners hand to the workers, stored as job payloads.

A listener turns a Slack event, command or shortcut into one of these and acknowledges; a worker
(possibly after a restart) turns it back into Slack messages. Payloads are JSON and hold no secrets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

BRIEF = "slack.brief"
ANSWER = "slack.answer"


@dataclass(frozen=True, slots=True)
class Where:
    """The workspace, channel and user a request came from."""

    team_id: str | None
    channel: str
    user: str | None = None
    enterprise_id: str | None = None


@dataclass(frozen=True, slots=True)
class BriefTask:
    """Brief a link, pasted text or an uploaded file.

    ``thread_ts`` None means "post a new message in the channel" (``/brief``); otherwise the brief goes
    in that thread.
    """

    where: Where
    origin: str  # "command", "mention", "auto", "shortcut", "dm"
    thread_ts: str | None = None
    url: str | None = None
    text: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    response_url: str | None = None

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> BriefTask:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["where"] = Where(**data["where"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class AnswerTask:
    """Answer a question asked in a brief's thread."""

    where: Where
    thread_ts: str
    question: str

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> AnswerTask:
        return cls(where=Where(**data["where"]), thread_ts=data["thread_ts"], question=data["question"])


# Only what a worker needs to fetch a file; Slack's file objects carry much more.
FILE_KEYS = ("id", "name", "title", "mimetype", "filetype", "size", "url_private_download", "url_private")


def slim_file(file: dict[str, Any]) -> dict[str, Any]:
    return {k: file[k] for k in FILE_KEYS if k in file}
