"""Keys that make two briefs' items comparable: entities, places, weapons and amounts, not exact text.

"Russia's Defence Ministry" and "Russian Defense Ministry" share a key; so do "Kupiansk" and "Kupyansk",
"Germany (Scholz)" and "Berlin", "Taurus cruise missiles" and "Taurus". Aliases come from the domain
file (``actors``, ``weapons``), so another desk's vocabulary needs no code change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_PAREN = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Place words that say what kind of place it is, not which one.
_PLACE_NOISE = frozenset({"the", "region", "oblast", "district", "province", "city", "town", "village", "of",
                          "settlement", "area", "raion", "direction", "front", "near", "outskirts"})
# Weapon words that say what kind of weapon it is, not which one.
_WEAPON_NOISE = frozenset({"the", "cruise", "missile", "missiles", "rocket", "rockets", "launcher", "launchers",
                           "system", "systems", "delivery", "deliveries", "fighter", "jets", "jet", "aircraft",
                           "air", "defence", "defense", "ballistic", "long", "range", "anti", "tank", "launched",
                           "supplied", "donated", "of", "and", "s"})
_ENTITY_NOISE = frozenset({"the", "s", "of"})
# Transliteration variants of one place name: fold the letters that spellings disagree on.
_FOLDS = (("kh", "h"), ("zh", "z"), ("y", "i"), ("ii", "i"), ("ia", "a"), ("e", "i"), ("j", "i"))
_SPELLINGS = {"kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "nikolaev": "mykolaiv",
              "artemovsk": "bakhmut", "artemivsk": "bakhmut", "lugansk": "luhansk", "zaporozhye": "zaporizhzhia"}
_DEMONYMS = {"russian": "russia", "ukrainian": "ukraine", "ukrainians": "ukraine", "russians": "russia",
             "defense": "defence", "ministry": "ministry"}


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", plain.lower()).strip()


class Normaliser:
    """Turns names into comparison keys. Build once from the domain's actors and weapons."""

    def __init__(self, *, actors: Mapping[str, Iterable[str]] | None = None,
                 weapons: Iterable[str] = ()) -> None:
        self._actor_forms: dict[str, str] = {}
        for canonical, forms in (actors or {}).items():
            key = fold(canonical)
            for form in (canonical, *forms):
                self._actor_forms[fold(form)] = key
        self._weapons = sorted(((fold(w), fold(w)) for w in weapons), key=lambda p: -len(p[0]))

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
        return self._actor_forms.get(joined, joined) or None

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

    @staticmethod
    def place(name: str | None) -> str | None:
        """The key of a place: "Kupyansk" and "Kupiansk district" → the same key."""
        if not name:
            return None
        words = [w for w in fold(name).split() if w not in _PLACE_NOISE]
        if not words:
            return None
        key = " ".join(_SPELLINGS.get(w, w) for w in words)
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


def normaliser_for(path: str | None = None) -> Normaliser:
    """The normaliser of a domain file (the shipped ``domain.yaml`` by default), cached per path."""
    import yaml

    from bot.paths import resource_dir

    file = path or str(resource_dir("config") / "domain.yaml")
    if file not in _CACHE:
        with open(file, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        _CACHE[file] = Normaliser(actors=data.get("actors") or {}, weapons=(data.get("weapons") or {}).keys())
    return _CACHE[file]
