"""What a new brief adds to what the channel already knows: repeats, contradictions and new items.

Items match by their keys (``bot.story.normalise``), never by exact text:

- aid repeats an earlier item with the same donor and amount; the same donor and package contents with a
  different figure in the same currency contradicts it;
- a weapons policy repeats one with the same actor, weapon and stance; another stance is a change;
- sanctions repeat a round with the same imposer and target count;
- a battlefield claim about a place the other side made a claim about contradicts it; the same side's
  claimant about the same place repeats it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.story.rows import ItemRow

NoteKind = Literal["repeat", "contradiction", "new"]
_RIVALS = frozenset({"ukraine", "russia"})


@dataclass(frozen=True, slots=True)
class Note:
    """How one item of the new brief relates to an earlier brief in the channel."""

    kind: NoteKind
    row: ItemRow
    earlier: ItemRow | None = None
    # What differs, for contradictions: "stance restricted → permitted", "$125 million vs $150 million".
    detail: str | None = None


def compare(new: Sequence[ItemRow], earlier: Sequence[ItemRow]) -> list[Note]:
    """One note per new item; ``earlier`` holds the channel's earlier items (any order)."""
    earlier = sorted(earlier, key=lambda r: r.created_at, reverse=True)
    return [_note(row, [e for e in earlier if e.section == row.section and e.thread_ts != row.thread_ts]) for row in new]


def _note(row: ItemRow, earlier: list[ItemRow]) -> Note:
    finder = {"aid": _aid, "weapons_policy": _policy, "sanctions": _sanctions, "battlefield_claims": _claim}
    found = finder[row.section](row, earlier)
    return found or Note(kind="new", row=row)


def _aid(row: ItemRow, earlier: list[ItemRow]) -> Note | None:
    same_donor = [e for e in earlier if row.entity_key and e.entity_key == row.entity_key]
    for e in same_donor:
        if row.amount_key and e.amount_key == row.amount_key:
            return Note(kind="repeat", row=row, earlier=e)
        if row.value is None and e.value is None and row.weapon_key and e.weapon_key == row.weapon_key:
            return Note(kind="repeat", row=row, earlier=e)
    for e in same_donor:
        if (
            row.value is not None
            and e.value is not None
            and row.currency == e.currency
            and row.weapon_key
            and e.weapon_key == row.weapon_key
            and e.value != row.value
        ):
            return Note(
                kind="contradiction",
                row=row,
                earlier=e,
                detail=f"{row.amount or row.value} here, {e.amount or e.value} before",
            )
    return None


def _policy(row: ItemRow, earlier: list[ItemRow]) -> Note | None:
    for e in earlier:
        if row.entity_key and e.entity_key == row.entity_key and row.weapon_key and e.weapon_key == row.weapon_key:
            if e.stance == row.stance:
                return Note(kind="repeat", row=row, earlier=e)
            return Note(kind="contradiction", row=row, earlier=e, detail=f"stance {e.stance} → {row.stance}")
    return None


def _sanctions(row: ItemRow, earlier: list[ItemRow]) -> Note | None:
    for e in earlier:
        if (
            row.entity_key
            and e.entity_key == row.entity_key
            and row.target_count is not None
            and e.target_count == row.target_count
        ):
            return Note(kind="repeat", row=row, earlier=e)
    return None


def _claim(row: ItemRow, earlier: list[ItemRow]) -> Note | None:
    if not row.place_key:
        return None
    here = [e for e in earlier if e.place_key == row.place_key]
    for e in here:
        if row.side in _RIVALS and e.side in _RIVALS and e.side != row.side:
            return Note(kind="contradiction", row=row, earlier=e, detail=f"{e.side} side's claim")
    for e in here:
        if e.side == row.side and e.entity_key == row.entity_key:
            return Note(kind="repeat", row=row, earlier=e)
    return None


def summary(notes: Sequence[Note]) -> str:
    """ "2 new, 1 already reported, 1 contradicts an earlier brief"."""
    counts = {k: sum(1 for n in notes if n.kind == k) for k in ("new", "repeat", "contradiction")}
    parts = [f"{counts['new']} new"]
    if counts["repeat"]:
        parts.append(f"{counts['repeat']} already reported")
    if counts["contradiction"]:
        word = "contradicts" if counts["contradiction"] == 1 else "contradict"
        parts.append(f"{counts['contradiction']} {word} an earlier brief")
    return ", ".join(parts)
