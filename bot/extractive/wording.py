"""The article's own name for an item's actor, beside the canonical one.

The readers work with canonical names ("United Kingdom"), so one government is one actor however the
article calls it. The brief shows the canonical name and, when the article names the actor otherwise, the
article's word too: "United Kingdom (Britain)", "United States (Pentagon)", as it shows "France (Macron)".
A demonym ("British") or an initialism of the canonical name ("UK") adds nothing and is left out.
"""

from __future__ import annotations

from bot.extractive.found import Found

# The field that names who acts, per section.
ACTOR_FIELD = {"aid": "donor", "weapons_policy": "actor", "sanctions": "imposed_by"}


def with_article_name(item: Found) -> None:
    """Add the article's own name of the item's actor to its field, in place."""
    key = ACTOR_FIELD.get(item.section)
    if key is None:
        return
    value = item.fields.get(key)
    if not value or "(" in value or " and " in value:
        return
    for s in sorted(item.sentences, key=lambda s: s.index):
        for name in s.names_of("actor"):
            if name.canonical != value:
                continue
            word = name.text.strip()
            if not _adds_something(word, value, s.doc[name.start : name.end]):
                return
            item.fields[key] = f"{value} ({word})"
            return


def _adds_something(word: str, canonical: str, span: object) -> bool:
    """Is ``word`` a name of its own, not the canonical name, a demonym or its initials?"""
    plain = word.replace(".", "").replace("’s", "").replace("'s", "").strip()
    if not plain or plain.lower() in canonical.lower():
        return False
    initials = "".join(w[0] for w in canonical.split() if w[0].isupper())
    if plain.upper() == plain and (plain == initials or plain.startswith(initials)):
        return False  # "UK", "US", "USA", "EU"
    tokens = list(span)  # type: ignore[call-overload]
    # "British", "German", "Dutch": a demonym, or a name used as an adjective.
    return not all(t.tag_ in ("JJ", "NNPS") or t.ent_type_ == "NORP" for t in tokens)
