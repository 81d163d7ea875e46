"""What the bot says in chat when it does not brief or answer: the same words on every platform."""

from __future__ import annotations

NOTHING_TO_BRIEF = "Send me a link, paste the article text, or attach a file (text, HTML or PDF) to brief."
NOTHING_IN_MESSAGE = "That message has no link, text or file I can brief."
NOT_ALLOWED = "I'm not enabled in this channel (or for you) here."
RATE_LIMITED = (
    "You've reached the limit of {limit} requests per hour. "
    "Please try again a little later — this keeps the workspace's costs in check."
)
ARTICLE_GONE = "I no longer have the article of this thread; brief it again."
OOPS = "Sorry, something went wrong on my side while {doing}. Please try again in a minute."
