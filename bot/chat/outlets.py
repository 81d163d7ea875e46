"""What the chat workflows hand a platform and take from it: the outlets (how a platform shows a brief
request's progress and result, or an answer) and the values passed through them.

Adapters implement ``BriefOutlet`` and ``AnswerOutlet``; ``bot.chat.workflow`` drives them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.errors import BriefbotError
from bot.models import Brief
from bot.qa import AnswerResult
from bot.store import ThreadRecord
from bot.story.rows import BriefPlace
from bot.story.whatsnew import Note


class CannotPost(BriefbotError):
    """The outlet could not show anything in the channel (and told the user some other way)."""


@dataclass(frozen=True, slots=True)
class Download:
    data: bytes
    filename: str | None
    content_type: str | None


@dataclass(frozen=True, slots=True)
class BriefThread:
    """A thread that holds a brief, as a pointer or a listing shows it."""

    channel: str
    thread: str
    message: str | None
    title: str
    summary: str
    items: int
    url: str | None


Link = Callable[[str, str | None], None]


@dataclass(frozen=True)
class News:
    """How a new brief relates to the channel's earlier ones ("What's new"), and the threads of other
    channels that already hold the same article's brief."""

    notes: list[Note] = field(default_factory=list)
    elsewhere: list[BriefPlace] = field(default_factory=list)


class BriefOutlet(Protocol):
    """How a platform shows one brief request's progress and result."""

    def start(self, label: str, *, resume: str | None) -> str | None:
        """Show that work began; the placeholder's id (``resume``: the one an earlier attempt posted).
        Raises ``CannotPost`` when nothing can be posted in the channel."""
        ...

    def retitle(self, title: str) -> None: ...
    def point_to(self, earlier: BriefThread) -> None: ...
    def deliver(self, brief: Brief, link: Link, news: News) -> None:
        """Post ``brief``; call ``link(thread, message)`` once the thread that will hold it is known."""
        ...

    def fail(self, text: str) -> None: ...
    def load_file(self, file: dict[str, Any]) -> Download: ...


class AnswerOutlet(Protocol):
    """How a platform shows an answer in a thread."""

    def posted_before(self) -> bool:
        """After a crash in the middle of posting: did the answer go out?"""
        ...

    def answer(self, result: AnswerResult) -> None: ...
    def fail(self, text: str) -> None: ...


def thread_view(record: ThreadRecord) -> BriefThread:
    try:
        brief = Brief.model_validate_json(record.brief_json)
        title, summary, items = brief.source.title or "Untitled article", brief.summary, brief.item_count()
        url = brief.source.url
    except ValueError:
        title, summary, items, url = "Untitled article", "", 0, None
    return BriefThread(
        channel=record.channel,
        thread=record.thread_ts,
        message=record.message_ts,
        title=title,
        summary=summary,
        items=items,
        url=url,
    )
