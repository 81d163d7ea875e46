"""A digest of the briefs of a period: aid by donor with totals per currency, weapons-policy changes in
date order, sanctions rounds, and battlefield claims by place with each side's claims side by side.

Amounts are never summed across currencies. The same package reported by several briefs (same donor,
amount and currency) is one line with a link to each thread and counts once in the totals; the same
article briefed in two channels counts once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.story.rows import BriefPlace, ItemRow

PERIODS: dict[str, timedelta] = {"today": timedelta(days=1), "week": timedelta(days=7), "30d": timedelta(days=30)}
SIDES = ("ukraine", "russia", "third_party", "unknown")


@dataclass(slots=True)
class Line:
    """One digest line: the first row it was seen in, and every thread that reported it (the rows themselves,
    so composing a digest of tens of thousands of items copies nothing)."""

    row: ItemRow
    refs: list[BriefPlace] = field(default_factory=list)
    # Weapons policy: the stance this actor had before for this weapon, when it changed.
    changed_from: str | None = None

    def add(self, row: ItemRow) -> None:
        """Add the thread of ``row`` to this line's references, once. A brief's rows come together (as
        ``items_between`` gives them), so a thread already named is the last one."""
        last = self.refs[-1] if self.refs else None
        if last is None or last.thread_ts != row.thread_ts or last.channel != row.channel:
            self.refs.append(row)


@dataclass(slots=True)
class DonorAid:
    donor: str
    lines: list[Line]
    totals: dict[str, float]


@dataclass(slots=True)
class PlaceClaims:
    place: str
    by_side: dict[str, list[Line]]
    disputed: bool
    # Other names the briefs gave this place ("Krasnoarmeysk" for Pokrovsk), most used first.
    other_names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Digest:
    period: str
    start: float
    end: float
    briefs: int
    aid: list[DonorAid]
    aid_totals: dict[str, float]
    policy: list[Line]
    sanctions: list[Line]
    claims: list[PlaceClaims]

    def empty(self) -> bool:
        return not (self.aid or self.policy or self.sanctions or self.claims)


def window(period: str, *, now: float) -> tuple[float, float]:
    """``[start, end)`` of "today" (since UTC midnight), "week" (7 days) or "30d"; ValueError otherwise."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: use today, week or 30d")
    end = datetime.fromtimestamp(now, UTC)
    if period == "today":
        start = end.replace(hour=0, minute=0, second=0, microsecond=0)
    else:
        start = end - PERIODS[period]
    return start.timestamp(), now + 1e-6


def compose_digest(rows: Iterable[ItemRow], *, period: str, start: float, end: float) -> Digest:
    """The digest of ``rows``, oldest first (as ``items_between`` gives them)."""
    unique, briefs = _one_per_article(rows)
    by_section: dict[str, list[ItemRow]] = defaultdict(list)
    for r in unique:
        by_section[r.section].append(r)
    aid, totals = _aid(by_section["aid"])
    return Digest(
        period=period,
        start=start,
        end=end,
        briefs=briefs,
        aid=aid,
        aid_totals=totals,
        policy=_policy(by_section["weapons_policy"]),
        sanctions=_sanctions(by_section["sanctions"]),
        claims=_claims(by_section["battlefield_claims"]),
    )


def _one_per_article(rows: Iterable[ItemRow]) -> tuple[list[ItemRow], int]:
    """An article briefed in several channels keeps the rows of its first brief only; also how many briefs are
    kept. ``rows`` come oldest first, a brief's rows together (as ``items_between`` gives them); the order is
    kept."""
    first_thread: dict[int, tuple[str, str, str]] = {}
    kept: list[ItemRow] = []
    briefs: set[tuple[str, str, str]] = set()
    last: ItemRow | None = None
    keep = False
    for r in rows:
        if last is None or r.thread_ts != last.thread_ts or r.channel != last.channel or r.platform != last.platform:
            where = (r.platform, r.channel, r.thread_ts)
            keep = first_thread.setdefault(r.article_id, where) == where
            if keep:
                briefs.add(where)
            last = r
        if keep:
            kept.append(r)
    return kept, len(briefs)


def _merge(rows: Sequence[ItemRow], key: object) -> list[Line]:
    """Rows in date order, rows with the same non-None ``key(row)`` merged into one line."""
    lines: list[Line] = []
    index: dict[object, Line] = {}
    for r in rows:
        k = key(r)  # type: ignore[operator]
        if k is not None and k in index:
            index[k].add(r)
            continue
        line = Line(row=r)
        line.add(r)
        lines.append(line)
        if k is not None:
            index[k] = line
    return lines


def _names(names: Iterable[str | None]) -> list[str]:
    """Distinct names (ignoring case and spacing), most used first."""
    counted = Counter(" ".join(n.split()) for n in names if n and n.strip())
    seen: set[str] = set()
    out = []
    for name, _ in counted.most_common():
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _display(names: Iterable[str | None], fallback: str) -> str:
    counted = Counter(n for n in names if n)
    return counted.most_common(1)[0][0] if counted else fallback


def _aid(rows: list[ItemRow]) -> tuple[list[DonorAid], dict[str, float]]:
    groups: dict[str, list[ItemRow]] = defaultdict(list)
    for r in rows:
        groups[r.entity_key or "(donor not named)"].append(r)
    donors = []
    overall: dict[str, float] = defaultdict(float)
    for key, items in groups.items():
        lines = _merge(items, lambda r: (r.currency, r.value) if r.value is not None else None)
        totals: dict[str, float] = defaultdict(float)
        for line in lines:
            if line.row.value is not None and line.row.currency:
                totals[line.row.currency] += line.row.value
                overall[line.row.currency] += line.row.value
        donors.append(DonorAid(donor=_display((r.donor for r in items), key), lines=lines, totals=dict(totals)))
    donors.sort(key=lambda d: (-len(d.totals), -max(d.totals.values(), default=0), d.donor))
    return donors, dict(sorted(overall.items()))


def _policy(rows: list[ItemRow]) -> list[Line]:
    """Every position in date order; a repeat of the same stance joins its line, a new stance is a change."""
    lines: list[Line] = []
    last: dict[tuple[str | None, str | None], Line] = {}
    for r in rows:
        k = (r.entity_key, r.weapon_key)
        prev = last.get(k) if r.entity_key and r.weapon_key else None
        if prev is not None and prev.row.stance == r.stance:
            prev.add(r)
            continue
        line = Line(row=r, changed_from=prev.row.stance if prev is not None else None)
        line.add(r)
        lines.append(line)
        last[k] = line
    return lines


def _sanctions(rows: list[ItemRow]) -> list[Line]:
    return _merge(rows, lambda r: (r.entity_key, r.target_count) if r.target_count is not None else None)


UNNAMED_PLACE = "Place not named"


def _claims(rows: list[ItemRow]) -> list[PlaceClaims]:
    """Claims grouped by place, each side's together; claims that name no place come last, never compared."""
    groups: dict[str | None, list[ItemRow]] = defaultdict(list)
    for r in rows:
        groups[r.place_key].append(r)
    places = []
    for key, items in groups.items():
        by_side: dict[str, list[Line]] = {}
        for side in SIDES:
            mine = [r for r in items if (r.side or "unknown") == side]
            if mine:
                by_side[side] = _merge(mine, lambda r: (r.entity_key, (r.detail or "").lower()))
        rivals = {"ukraine", "russia"} & set(by_side)
        disputed = key is not None and (len(rivals) == 2 or any(r.status == "disputed" for r in items))
        names = _names(r.location for r in items) if key is not None else [UNNAMED_PLACE]
        places.append(
            PlaceClaims(place=names[0] if names else "?", by_side=by_side, disputed=disputed, other_names=names[1:])
        )
    places.sort(key=lambda p: (p.place == UNNAMED_PLACE, not p.disputed, -sum(len(v) for v in p.by_side.values()), p.place))
    return places
