"""The digest as a PNG: aid pledged over time by donor (one line per donor and currency, since
currencies are never added together) and battlefield claims per place by side.

matplotlib is imported here only, lazily, with the Agg backend (no display needed).
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from bot.story.digest import SIDES, UNNAMED_PLACE, Digest

MAX_SERIES = 8
MAX_PLACES = 12
SIDE_COLOURS = {"ukraine": "#0057b7", "russia": "#c0392b", "third_party": "#7f8c8d", "unknown": "#bdc3c7"}


def has_chart(digest: Digest) -> bool:
    """Whether there is anything to draw: aid figures or claims about places."""
    return bool(digest.aid_totals or any(p.place != UNNAMED_PLACE for p in digest.claims))


def render_png(digest: Digest, *, dpi: int = 100) -> bytes:
    """The chart as PNG bytes (1000 × 800 pixels at the default dpi)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 8), dpi=dpi)
    aid_ax, claims_ax = fig.subplots(2, 1)
    _aid(aid_ax, digest)
    _claims(claims_ax, digest)
    fig.suptitle(f"briefbot digest, {_day(digest.start)} – {_day(digest.end)}")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%d %b %Y")


def _aid(ax: Any, digest: Digest) -> None:
    series: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for donor in digest.aid:
        for line in donor.lines:
            if line.row.value is not None and line.row.currency:
                series[(donor.donor, line.row.currency)].append((line.row.created_at, line.row.value))
    biggest = sorted(series.items(), key=lambda kv: -sum(v for _, v in kv[1]))[:MAX_SERIES]
    for (name, currency), points in biggest:
        points.sort()
        xs, ys, total = [], [], 0.0
        for ts, value in points:
            total += value
            xs.append(datetime.fromtimestamp(ts, UTC))
            ys.append(total / 1e6)
        ax.step(xs, ys, where="post", marker="o", label=f"{name} ({currency})")
    ax.set_title("Aid pledged over time, cumulative, by donor (millions, one line per currency)")
    if biggest:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.set_yscale("log")
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.legend(fontsize="small", loc="upper left")
    else:
        ax.text(0.5, 0.5, "No aid figures in this period", ha="center", va="center")


def _claims(ax: Any, digest: Digest) -> None:
    places = [p for p in digest.claims if p.place != UNNAMED_PLACE][:MAX_PLACES]
    names = [p.place + (" (disputed)" if p.disputed else "") for p in places]
    left = [0.0] * len(places)
    for side in SIDES:
        counts = [float(sum(len(line.refs) for line in p.by_side.get(side, []))) for p in places]
        if any(counts):
            ax.barh(names, counts, left=left, color=SIDE_COLOURS[side], label=side.replace("_", " "))
            left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_title("Battlefield claims per place, by side")
    if places:
        ax.invert_yaxis()
        ax.legend(fontsize="small")
    else:
        ax.text(0.5, 0.5, "No claims about places in this period", ha="center", va="center")
