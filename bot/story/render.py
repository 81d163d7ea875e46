"""Digests and "what's new" notes as lines of text, in Markdown, Slack mrkdwn or Discord markdown.

One set of line builders; a ``Style`` says how to escape untrusted text and write a link, and a
``Linker`` turns a thread reference into a URL (the adapter knows its workspace's URL).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.story.digest import Digest, Line, PlaceClaims
from bot.story.links import thread_url
from bot.story.rows import COLUMNS, BriefPlace, ItemRow
from bot.story.whatsnew import Note, summary

Linker = Callable[[BriefPlace], "str | None"]
SIDE_NAMES = {
    "ukraine": "Ukrainian side",
    "russia": "Russian side",
    "third_party": "Third parties",
    "unknown": "Side unknown",
}
# Thread links per digest line in chat messages (a package reported by many briefs); the CLI shows all.
MAX_LINKS = 5
PERIOD_NAMES = {"today": "today", "week": "the last 7 days", "30d": "the last 30 days"}


@dataclass(frozen=True)
class Style:
    escape: Callable[[str], str]
    link: Callable[[str, str], str]
    bold: Callable[[str], str]
    heading: Callable[[str, int], str]


MARKDOWN = Style(
    escape=lambda t: t,
    link=lambda url, label: f"[{label}]({url})",
    bold=lambda t: f"**{t}**",
    heading=lambda t, level: f"{'#' * level} {t}",
)


def day(ts: float) -> str:
    """12 Aug 2026 (UTC)."""
    return _day(int(ts // 86400))


@functools.lru_cache(maxsize=4096)
def _day(days: int) -> str:
    # A digest writes tens of thousands of dates, of a few dozen days: format each day once.
    d = datetime.fromtimestamp(days * 86400, UTC)
    return f"{d.day} {d:%b %Y}"


def money(value: float, currency: str | None) -> str:
    """USD 125,000,000 (never a sum across currencies: one currency per figure)."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{currency or '?'} {number}"


def _links(refs: Sequence[BriefPlace], style: Style, linker: Linker, limit: int | None = None) -> str:
    out = []
    shown = refs if limit is None else refs[:limit]
    for n, r in enumerate(shown, start=1):
        label = f"thread {day(r.created_at)}" if len(refs) == 1 else f"thread {n} ({day(r.created_at)})"
        url = linker(r)
        out.append(style.link(url, label) if url else f"{label}: {r.channel}/{r.thread_ts}")
    if len(refs) > len(shown):
        out.append(f"and {len(refs) - len(shown)} more threads")
    return " · ".join(out)


def _join(*parts: str | None) -> str:
    return " — ".join(p for p in parts if p)


def aid_text(row: ItemRow, style: Style) -> str:
    amount = money(row.value, row.currency) if row.value is not None else None
    written = f"({style.escape(row.amount)})" if row.amount and amount else style.escape(row.amount or "")
    figure = " ".join(p for p in (amount, written) if p) or "no figure"
    return _join(
        figure, style.escape(row.detail) if row.detail else None, style.escape(row.aid_type) if row.aid_type else None
    )


def policy_text(line: Line, style: Style) -> str:
    r = line.row
    stance = (r.stance or "unclear").replace("_", " ")
    change = f" (was {line.changed_from.replace('_', ' ')})" if line.changed_from else ""
    who = style.escape(r.actor or "Someone")
    return _join(
        f"{who}: {style.escape(r.weapon or 'weapons')} {style.bold(stance + change)}",
        style.escape(r.detail) if r.detail else None,
    )


def sanctions_text(r: ItemRow, style: Style) -> str:
    count = f"{r.target_count:,} targets" if r.target_count is not None else "targets not counted"
    return _join(
        f"{style.escape(r.imposed_by or 'Unnamed imposer')}: {style.bold(count)}",
        style.escape(r.detail) if r.detail else None,
    )


def claim_text(r: ItemRow, style: Style) -> str:
    return f"{style.escape(r.claimant or '?')}: {style.escape(r.detail or '')}"


@dataclass(frozen=True)
class Columns:
    """A disputed place: its heading and each side's claim lines, for platforms that can show the sides side
    by side (Slack section fields, Discord inline embed fields). ``sides``: (side's name, its lines)."""

    heading: str
    sides: list[tuple[str, list[str]]]


Part = str | Columns


def digest_parts(
    digest: Digest, *, style: Style = MARKDOWN, linker: Linker = thread_url, max_links: int | None = None
) -> list[Part]:
    """The digest as lines (headings included) and, for each disputed place, its ``Columns``; every item line
    ends with its thread links (at most ``max_links`` of them, then a count, for chat messages)."""

    def links(refs: Sequence[BriefPlace]) -> str:
        return _links(refs, style, linker, max_links)

    out: list[Part] = [
        style.heading(
            f"Digest of {PERIOD_NAMES.get(digest.period, digest.period)}: "
            f"{day(digest.start)} – {day(digest.end)}, {digest.briefs} briefs with items",
            1,
        )
    ]
    if digest.empty():
        return [*out, "Nothing was briefed in this period."]
    if digest.aid:
        out += ["", style.heading("Aid by donor", 2)]
        totals = " · ".join(money(v, c) for c, v in digest.aid_totals.items()) or "no figures"
        out.append(
            f"Totals per currency (never added across currencies): {totals}. A package reported by several "
            "briefs (the same donor, amount and currency) is one line and counts once."
        )
        for donor in digest.aid:
            sums = " · ".join(money(v, c) for c, v in sorted(donor.totals.items())) or "no figures"
            out.append(style.heading(f"{style.escape(donor.donor)} — {sums}", 3))
            out += [f"- {aid_text(line.row, style)} — {links(line.refs)}" for line in donor.lines]
    if digest.policy:
        out += ["", style.heading("Weapons policy, in date order", 2)]
        out += [f"- {day(line.row.created_at)}: {policy_text(line, style)} — {links(line.refs)}" for line in digest.policy]
    if digest.sanctions:
        out += ["", style.heading("Sanctions rounds", 2)]
        out += [
            f"- {day(line.row.created_at)}: {sanctions_text(line.row, style)} — {links(line.refs)}"
            for line in digest.sanctions
        ]
    if digest.claims:
        out += ["", style.heading("Battlefield claims by place", 2)]
        for place in digest.claims:
            sides = [
                (SIDE_NAMES[side], [f"{claim_text(x.row, style)} — {links(x.refs)}" for x in lines])
                for side, lines in place.by_side.items()
            ]  # each side's claims together
            if place.disputed:
                out.append(
                    Columns(
                        heading=style.heading(f"{style.escape(place_name(place))} — DISPUTED: the sides' claims differ", 3),
                        sides=sides,
                    )
                )
                continue
            out.append(style.heading(style.escape(place_name(place)), 3))
            out += [f"- {side}: {line}" for side, lines in sides for line in lines]
    return out


def flat_lines(parts: Sequence[Part]) -> list[str]:
    """Parts as plain lines: a disputed place's heading, then each side's lines, one side after the other."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, Columns):
            out.append(part.heading)
            out += [f"- {side}: {line}" for side, lines in part.sides for line in lines]
        else:
            out.append(part)
    return out


def digest_lines(
    digest: Digest, *, style: Style = MARKDOWN, linker: Linker = thread_url, max_links: int | None = None
) -> list[str]:
    """The digest, one string per line (headings included), each item line ending with its thread links."""
    return flat_lines(digest_parts(digest, style=style, linker=linker, max_links=max_links))


def links_capped(digest: Digest, max_links: int) -> bool:
    """Does any line of the digest have more threads than a chat line shows?"""
    lines = [
        *(x for d in digest.aid for x in d.lines),
        *digest.policy,
        *digest.sanctions,
        *(x for p in digest.claims for side in p.by_side.values() for x in side),
    ]
    return any(len(x.refs) > max_links for x in lines)


def place_name(place: PlaceClaims, most: int = 3) -> str:
    """ "Pokrovsk (also Krasnoarmeysk)": the name most briefs used, and the others."""
    others = place.other_names[:most]
    return f"{place.place} (also {', '.join(others)})" if others else place.place


def render_markdown(digest: Digest, *, linker: Linker = thread_url) -> str:
    return "\n".join(digest_lines(digest, style=MARKDOWN, linker=linker)) + "\n"


_SECTION_WORDS = {"aid": "Aid", "weapons_policy": "Policy", "sanctions": "Sanctions", "battlefield_claims": "Claim"}


def note_line(note: Note, *, style: Style, linker: Linker) -> str:
    """ "Aid: United States, USD 125,000,000 — already reported on 12 Aug 2026 — see thread"."""
    r = note.row
    if r.section == "aid":
        what = f"{style.escape(r.donor or '?')}, {aid_text(r, style)}"
    elif r.section == "weapons_policy":
        what = f"{style.escape(r.actor or '?')}: {style.escape(r.weapon or 'weapons')} {r.stance or ''}"
    elif r.section == "sanctions":
        what = sanctions_text(r, style)
    else:
        what = f"{style.escape(r.location or '?')}: {claim_text(r, style)}"
    head = f"{_SECTION_WORDS[r.section]}: {what}"
    if note.kind == "new" or note.earlier is None:
        return f"{style.bold('New')} — {head}"
    earlier = note.earlier
    url = linker(earlier)
    see = style.link(url, "see thread") if url else f"see {earlier.channel}/{earlier.thread_ts}"
    if note.kind == "repeat":
        return f"{style.bold('Already reported')} on {day(earlier.created_at)} — {head} — {see}"
    before = (
        f"{style.escape(earlier.claimant or '')}: {style.escape(earlier.detail or '')}"
        if r.section == "battlefield_claims"
        else style.escape(note.detail or "")
    )
    return f"{style.bold('Contradicts')} the brief of {day(earlier.created_at)} — {head} — vs {before} — {see}"


def whats_new_lines(
    notes: Sequence[Note], *, style: Style = MARKDOWN, linker: Linker = thread_url, elsewhere: Sequence[BriefPlace] = ()
) -> list[str]:
    """A heading with counts, then contradictions, repeats and new items; when every item is new, one line says
    so. Empty when there is nothing to say (no notes: the channel's first brief)."""
    lines = []
    for r in elsewhere:
        url = linker(r)
        lines.append(
            f"Also briefed in another channel on {day(r.created_at)}: "
            + (style.link(url, "see thread") if url else f"{r.channel}/{r.thread_ts}")
        )
    if notes and any(n.kind != "new" for n in notes):
        order = {"contradiction": 0, "repeat": 1, "new": 2}
        lines += [note_line(n, style=style, linker=linker) for n in sorted(notes, key=lambda n: order[n.kind])]
    elif notes:
        lines.append("Nothing in this brief repeats or contradicts the channel's earlier briefs.")
    if not lines:
        return []
    return [style.bold(f"What's new: {summary(notes)}" if notes else "What's new"), *lines]


def digest_document(digest: Digest, *, linker: Linker = thread_url) -> dict[str, object]:
    """The digest as plain JSON-ready data (``briefbot digest --format json``); every line lists its threads."""
    # What a line says: its section and fields, not where it was posted nor the keys it is matched by.
    item_fields = COLUMNS[COLUMNS.index("section") : COLUMNS.index("detail") + 1]
    item_fields = tuple(name for name in item_fields if name != "position")

    def line(x: Line) -> dict[str, object]:
        out: dict[str, object] = {k: getattr(x.row, k) for k in item_fields if getattr(x.row, k) is not None}
        if x.changed_from:
            out["changed_from"] = x.changed_from
        out["threads"] = [
            {
                "platform": r.platform,
                "channel": r.channel,
                "thread_ts": r.thread_ts,
                "posted": r.created_at,
                "url": linker(r),
            }
            for r in x.refs
        ]
        return out

    return {
        "period": digest.period,
        "start": digest.start,
        "end": digest.end,
        "briefs": digest.briefs,
        "aid_totals": digest.aid_totals,
        "aid": [{"donor": d.donor, "totals": d.totals, "lines": [line(x) for x in d.lines]} for d in digest.aid],
        "weapons_policy": [line(x) for x in digest.policy],
        "sanctions": [line(x) for x in digest.sanctions],
        "battlefield_claims": [
            {
                "place": p.place,
                "other_names": p.other_names,
                "disputed": p.disputed,
                "sides": {side: [line(x) for x in lines] for side, lines in p.by_side.items()},
            }
            for p in digest.claims
        ],
    }
