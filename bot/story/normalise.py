"""Keys that make two briefs' items comparable: entities, places, weapons and amounts, not exact text.

"Russia's Defence Ministry", "Russian Defense Ministry" and "Russia's Ministry of Defence" share a key; so
do "Kupiansk" and "Kupyansk", "Krasnoarmeysk" and "Pokrovsk", "UK" and "Britain", "Germany (Scholz)" and
"Berlin", "Taurus cruise missiles" and "Taurus". Names come from config, so another desk's vocabulary needs no
code change: actors and weapons from the domain file (``actors``, ``weapons``), the other names of places
from ``place_names.yaml`` (each group there says why it exists). Only letter-level transliteration folds
(kh/h, y/i …) are rules here.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping

# Bump when the rules below change the keys they give: stored rows are then re-keyed (``bot.store.items``).
KEY_RULES_VERSION = 2
_PAREN = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Place words that say what kind of place it is, not which one.
_PLACE_NOISE = frozenset(
    {
        "the",
        "region",
        "oblast",
        "district",
        "province",
        "city",
        "town",
        "village",
        "of",
        "settlement",
        "area",
        "raion",
        "direction",
        "front",
        "near",
        "outskirts",
    }
)
# Weapon words that say what kind of weapon it is, not which one.
_WEAPON_NOISE = frozenset(
    {
        "the",
        "cruise",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "launcher",
        "launchers",
        "system",
        "systems",
        "delivery",
        "deliveries",
        "fighter",
        "jets",
        "jet",
        "aircraft",
        "air",
        "defence",
        "defense",
        "ballistic",
        "long",
        "range",
        "anti",
        "tank",
        "launched",
        "supplied",
        "donated",
        "of",
        "and",
        "s",
    }
)
_ENTITY_NOISE = frozenset({"the", "s", "of"})
# Transliteration variants of one place name: fold the letters that spellings disagree on.
_FOLDS = (("kh", "h"), ("zh", "z"), ("y", "i"), ("ii", "i"), ("ia", "a"), ("e", "i"), ("j", "i"))
_DEMONYMS = {
    "russian": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "russians": "russia",
    "defense": "defence",
    "ministry": "ministry",
}


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", plain.lower()).strip()


class Normaliser:
    """Turns names into comparison keys. Build once from the domain's actors and weapons."""

    def __init__(
        self,
        *,
        actors: Mapping[str, Iterable[str]] | None = None,
        weapons: Iterable[str] = (),
        places: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self._actor_forms: dict[str, str] = {}
        for canonical, forms in (actors or {}).items():
            key = fold(canonical)
            for form in (canonical, *forms):
                self._actor_forms[fold(form)] = key
        self._weapons = sorted(((fold(w), fold(w)) for w in weapons), key=lambda p: -len(p[0]))
        # Other names of a place (after the letter folds) -> its key.
        self._place_forms: dict[str, str] = {}
        for canonical, forms in (places or {}).items():
            key = _place_words(canonical)
            for form in forms:
                self._place_forms[_place_words(form)] = key
        # What the keys depend on: rows stored under another fingerprint are re-keyed.
        self.fingerprint = hashlib.sha256(
            json.dumps(
                [KEY_RULES_VERSION, sorted(self._actor_forms.items()), self._weapons, sorted(self._place_forms.items())]
            ).encode()
        ).hexdigest()[:16]

    def entity(self, name: str | None) -> str | None:
        """The key of a donor, actor, imposer or claimant: "Russia's Defence Ministry" → "russia defence ministry"."""
        if not name:
            return None
        text = fold(_PAREN.sub(" ", name))
        if not text:
            return None
        if text in self._actor_forms:
            return self._actor_forms[text]
        words = [_DEMONYMS.get(w, w) for w in text.split() if w not in _ENTITY_NOISE]
        joined = " ".join(words)
        if joined in self._actor_forms:
            return self._actor_forms[joined]
        # Word order is not identity: "Russia's Ministry of Defence" is "Russia's Defence Ministry".
        return " ".join(sorted(words)) or None

    def weapon(self, name: str | None) -> str | None:
        """The key of a weapon: "Taurus cruise missiles" → "taurus"; the domain's names win."""
        if not name:
            return None
        text = fold(name)
        padded = f" {text} "
        for form, key in self._weapons:
            if f" {form} " in padded or f" {form}s " in padded:
                return key
        words = [w for w in text.split() if w not in _WEAPON_NOISE]
        return " ".join(_singular(w) for w in words) or text or None

    def place(self, name: str | None) -> str | None:
        """The key of a place: "Kupyansk", "Kupiansk district" and "the town of Kupiansk" → one key, and
        "Krasnoarmeysk" (``place_names.yaml``) → Pokrovsk's."""
        if not name:
            return None
        key = _place_words(name)
        if not key:
            return None
        if key in self._place_forms:
            return self._place_forms[key]
        words = key.split()
        return " ".join(self._place_forms.get(w, w) for w in words) if len(words) > 1 else key


def _place_words(name: str) -> str:
    """A place name without place words ("region", "the town of"), its letters folded."""
    key = " ".join(w for w in fold(name).split() if w not in _PLACE_NOISE)
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


def amount_key(value: float | None, currency: str | None) -> str | None:
    """Amounts compare by value and currency: "$1.2bn" and "1,200 million dollars" are one amount."""
    if value is None:
        return None
    return f"{(currency or '?').upper()}:{round(float(value), 2):.2f}"


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


_CACHE: dict[str, Normaliser] = {}
PLACE_NAMES = "place_names.yaml"


def normaliser_for(path: str | None = None) -> Normaliser:
    """The normaliser of a domain file (the shipped ``domain.yaml`` by default) and the shipped
    ``place_names.yaml``, cached per path."""
    from pathlib import Path

    from bot.config import read_yaml_mapping
    from bot.paths import resource_dir

    config = resource_dir("config")
    file = path or str(config / "domain.yaml")
    if file not in _CACHE:
        data = read_yaml_mapping(Path(file), what="domain file")
        places = read_yaml_mapping(config / PLACE_NAMES, what="place names file")
        _CACHE[file] = Normaliser(actors=data.get("actors") or {}, weapons=(data.get("weapons") or {}).keys(), places=places)
    return _CACHE[file]
