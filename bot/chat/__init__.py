"""The chat workflows every chat adapter (Slack, Discord) calls, so both behave the same.

    workflow = ChatWorkflow(service=BriefService(settings=settings))
    admission = workflow.admit(where, keys=("event:Ev123",))        # dedupe, allow-lists, rate limit
    workflow.brief_into_thread(BriefRequest(...), outlet, progress)  # or point to the earlier thread
    workflow.answer_in_thread(AnswerRequest(...), outlet, progress)
    workflow.list_threads(platform="slack", workspace="T1")          # App Home, /briefs

Adapters turn a platform event into a plain request (``requests``), admit it, enqueue it as a durable
job (``jobs``, resumed after a crash) and render what the workflow hands their *outlet*. Only this
package (through ``bot.service``) touches the store and ingestion; adapters never do.
"""

from __future__ import annotations

from bot.chat.admit import Admission, Gate
from bot.chat.jobs import JobPool, Progress, Unrecorded
from bot.chat.outlets import AnswerOutlet, BriefOutlet, BriefThread, CannotPost, Download, Link, News
from bot.chat.requests import ANSWER, BRIEF, AnswerRequest, BriefRequest, Where
from bot.chat.workflow import ChatWorkflow

__all__ = [
    "ANSWER",
    "BRIEF",
    "Admission",
    "AnswerOutlet",
    "AnswerRequest",
    "BriefOutlet",
    "BriefRequest",
    "BriefThread",
    "CannotPost",
    "ChatWorkflow",
    "Download",
    "Gate",
    "JobPool",
    "Link",
    "News",
    "Progress",
    "Unrecorded",
    "Where",
]
