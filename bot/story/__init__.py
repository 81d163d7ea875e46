"""Story tracking across briefs: item rows, matching, "what's new", digests and charts.

Pure logic only: nothing here touches SQL, HTTP or a chat API. The store keeps the rows
(``bot.store.items``), ``bot.stories`` is the service the adapters call, and renderers turn a
``Digest`` into Markdown, Slack blocks or Discord messages.

    rows = rows_from_brief(brief, where=Where(...), normaliser=n)   # one ItemRow per brief item
    notes = compare(rows, earlier_rows)                           # repeat / contradiction / new
    digest = compose_digest(rows_in_window, period="week")         # aid by donor, totals per currency…
"""

from bot.story.normalise import Normaliser
from bot.story.rows import ItemRow, rows_from_brief

__all__ = ["ItemRow", "Normaliser", "rows_from_brief"]
