"""Plain chat requests: what an adapter makes of a platform event, stored as a durable job's payload.

A request says where it came from (``Where``) and what is asked: brief a link, pasted text or a file
(``BriefRequest``), or answer a question in a brief's thread (``AnswerRequest``). ``thread`` is the
platform's own id of the thread a request is in or its reply goes to (a Slack message ts, a Discord
thread id); the workflow compares it, never reads it. Payloads are JSON and hold no secrets.
"""

from __future__ import annotations

import copy
from dataclasses import Field, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

BRIEF = "chat.brief"
ANSWER = "chat.answer"
# A durable job to record with an admission: its kind (``BRIEF``, ``ANSWER``) and its payload.
JobSpec = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Content:
    """What a message asks to brief: a link, or pasted text, or nothing."""

    url: str | None = None
    text: str | None = None

    @property
    def empty(self) -> bool:
        return not self.url and not self.text


@dataclass(frozen=True, slots=True)
class Where:
    """The platform, workspace (Slack team, Discord server), channel and user a request came from."""

    platform: str
    workspace: str | None
    channel: str
    user: str | None = None
    enterprise_id: str | None = None  # a Slack Enterprise Grid org; None elsewhere

    def payload(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Where:
        return cls(**_known(cls, data))


def _known(cls: type[DataclassInstance], data: dict[str, Any]) -> dict[str, Any]:
    """The entries of a stored payload that are fields of ``cls`` (keys it does not know are left out)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


class _Request:
    """The round trip every request makes through a job: to a JSON payload and back, its ``Where`` rebuilt."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def payload(self) -> dict[str, Any]:
        # Field by field rather than ``dataclasses.asdict`` (which deep-copies recursively): this runs inside
        # every acknowledgement. Lists and dicts are copied, as asdict would.
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = (
                value.payload()
                if isinstance(value, Where)
                else copy.deepcopy(value)
                if isinstance(value, (list, dict))
                else value
            )
        return out

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Self:
        values = _known(cls, data)
        values["where"] = Where.from_payload(data["where"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class BriefRequest(_Request):
    """Brief a link, pasted text or a file (the first of ``files``, platform file objects).

    ``thread`` None means "post a new message in the channel" (a slash command outside a thread);
    ``message`` is the user's message the brief answers, when there is one. ``reply`` holds what the
    platform needs to answer an acknowledged command later (a response URL, an interaction token).
    """

    where: Where
    origin: str  # "command", "mention", "auto", "shortcut"
    thread: str | None = None
    message: str | None = None
    url: str | None = None
    text: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    reply: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AnswerRequest(_Request):
    """Answer ``question``, asked in message ``message`` of the brief thread ``thread``."""

    where: Where
    thread: str
    question: str
    message: str | None = None
