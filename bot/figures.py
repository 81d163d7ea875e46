"""Figures in prose: money amounts ("$125 million", "€1.3bn", "two billion euros") and counts ("over 400").

Pure functions, shared by the offline engine (to fill ``value``/``currency``) and by grounding (to check
that every figure an item states is in its evidence).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from bot.language import CARDINALS, search_in_windows

_SMALL = {
    **CARDINALS,
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "half a": 0.5,
    "a": 1,
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,  # agency headlines: "Japan adds $450 mil. for Ukraine grid"
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "bil": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₴": "UAH",
    "₽": "RUB",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "kroner": "DKK",
    "krona": "SEK",
    "kronor": "SEK",
    "francs": "CHF",
    "cad": "CAD",
    "aud": "AUD",
    "krone": "NOK",
    # Wire copy writes the Nordic currencies as "crowns"; only a nationality says which ("Norwegian crowns").
    "crowns": "",
    "franc": "CHF",
    "zloty": "PLN",
    "zlotys": "PLN",
    "zlotych": "PLN",
    "koruna": "CZK",
    "korunas": "CZK",
    "forint": "HUF",
    "forints": "HUF",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "lei": "RON",
    "lira": "TRY",
    "liras": "TRY",
}
# "30,000 Swedish kronor", "9 billion Norwegian kroner": the country decides which krone or dollar.
_NATIONAL_CURRENCY = {
    ("swedish", "kronor"): "SEK",
    ("swedish", "krona"): "SEK",
    ("norwegian", "kroner"): "NOK",
    ("norwegian", "krone"): "NOK",
    ("danish", "kroner"): "DKK",
    ("danish", "krone"): "DKK",
    ("swedish", "crowns"): "SEK",
    ("norwegian", "crowns"): "NOK",
    ("danish", "crowns"): "DKK",
    ("czech", "crowns"): "CZK",
    ("canadian", "dollars"): "CAD",
    ("canadian", "dollar"): "CAD",
    ("australian", "dollars"): "AUD",
    ("australian", "dollar"): "AUD",
    ("swiss", "francs"): "CHF",
    ("swiss", "franc"): "CHF",
    ("czech", "koruna"): "CZK",
    ("czech", "korunas"): "CZK",
    ("polish", "zloty"): "PLN",
    ("polish", "zlotys"): "PLN",
    ("hungarian", "forint"): "HUF",
    ("hungarian", "forints"): "HUF",
    ("ukrainian", "hryvnias"): "UAH",
    ("ukrainian", "hryvnia"): "UAH",
    ("russian", "roubles"): "RUB",
    ("russian", "rubles"): "RUB",
    ("japanese", "yen"): "JPY",
    ("chinese", "yuan"): "CNY",
    ("indian", "rupees"): "INR",
    ("turkish", "lira"): "TRY",
    ("new zealand", "dollars"): "NZD",
    ("hong kong", "dollars"): "HKD",
    ("singapore", "dollars"): "SGD",
}
# The Nordic and Czech currencies a bare "crowns" or "kroner" means, by the country that pays.
CROWNS_OF = {"Norway": "NOK", "Sweden": "SEK", "Denmark": "DKK", "Iceland": "ISK", "Czech Republic": "CZK"}
_CROWN_WORDS = {"crowns", "kroner", "krone", "kronor", "krona"}


def national_currency(amount_text: str, currency: str | None, payer: str | None) -> str | None:
    """The currency of ``amount_text`` once the payer is known: "6.5 billion crowns" from Norway is NOK, from
    Sweden SEK; a nationality or code the text states ("Danish kroner", "DKK") stays as written."""
    own = amount_text.lower().split("(")[0].split(", or")[0]  # without the conversion ("($600 million)")
    words = own.split()
    bare = bool(words) and words[-1] in _CROWN_WORDS and not any(f"{n} " in own for n, _ in _NATIONAL_CURRENCY)
    if bare and payer:
        country = next((c for c in CROWNS_OF if c in payer), None)
        if country is not None:
            return CROWNS_OF[country]
    return currency or None


_NATIONALITY = r"|".join(sorted({n for n, _ in _NATIONAL_CURRENCY}, key=len, reverse=True))

_WORD_NUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|half a|a)"
    r"(?:\s+hundred(?:\s+(?:and\s+)?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|"
    r"four|five|six|seven|eight|nine|ten))?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|bn|bln|bil|mn|mln|mil|tn|trn|m|b|k"
_SYMBOL = r"(?<![A-Za-z])(?:US|CA|C|AU|A|NZ|HK)\$|\$|€|£|¥|₴|₽"
_CUR_WORD = r"|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))

# Money: symbol-first ("$125 million", "€1.3bn") or number-then-currency-word ("two billion euros").
_MONEY_SYMBOL = re.compile(rf"(?P<sym>{_SYMBOL})\s?(?P<num>{_DIGITS})(?:\s?(?P<scale>{_SCALE})\b)?", re.IGNORECASE)
_ISO_CODES = ("USD", "EUR", "GBP", "SEK", "NOK", "DKK", "CHF", "JPY", "CAD", "AUD", "PLN", "UAH", "CZK")
# "SEK 4.5bn", "USD 2 billion": an ISO code before the number (case-sensitive: "eur" is not a code).
_MONEY_CODE = re.compile(rf"\b(?P<code>{'|'.join(_ISO_CODES)})\s?(?P<num>{_DIGITS})(?:\s?(?P<scale>{_SCALE})\b)?")
_MONEY_WORDS = re.compile(
    rf"\b(?P<num>{_DIGITS}|{_WORD_NUM})(?:\s|-)?(?P<scale>{_SCALE})?\s+(?:(?:of|in)\s+)?"
    rf"(?:(?P<nation>{_NATIONALITY})\s+)?(?P<cur>{_CUR_WORD})\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"\b(?P<qual>(?:more than|over|at least|nearly|almost|about|around|some|roughly|up to)\s+)?"
    rf"(?P<num>{_DIGITS}|{_WORD_NUM})(?:\s(?P<scale>thousand|hundred|million))?\s+(?P<noun>(?:[a-z-]+\s){{0,4}}?"
    rf"(?:entities|individuals|companies|firms|people|persons|vessels|ships|tankers|banks|targets|"
    rf"organisations|organizations|businesses|addresses|aircraft|officials|oligarchs|suppliers|refiners|"
    rf"traders|producers|exporters|importers|manufacturers|insurers|operators|carriers|airlines|networks|"
    rf"subsidiaries|executives|lawmakers|judges|generals|ports))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Money:
    text: str
    value: float
    currency: str | None
    start: int
    end: int


def word_number(text: str) -> float | None:
    """Parse "seven hundred", "twenty-five", "half a" or digits ("1,376", "1.25") into a number."""
    s = text.strip().lower().replace(",", "")
    try:
        return float(s)
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    for token in re.split(r"[\s-]+", s.replace("half a", "half_a").replace("a dozen", "a_dozen")):
        token = token.replace("_", " ")
        if token == "and":
            continue
        if token == "hundred":
            current = (current or 1) * 100
        elif token in _SMALL:
            current += _SMALL[token]
        else:
            return None
    total += current
    return total or None


def _scale(scale: str | None) -> float:
    return _SCALES.get((scale or "").lower(), 1.0)


def find_money(text: str) -> list[Money]:
    """Every money amount in ``text``, in order of appearance."""
    found: list[Money] = []
    for m in _MONEY_SYMBOL.finditer(text):
        num = word_number(m.group("num"))
        if num is None:
            continue
        value = num * _scale(m.group("scale"))
        found.append(Money(m.group(0).strip(), value, _CURRENCY_SYMBOLS[m.group("sym").lower()], m.start(), m.end()))
    for m in _MONEY_CODE.finditer(text):
        num = word_number(m.group("num"))
        if num is not None:
            found.append(Money(m.group(0).strip(), num * _scale(m.group("scale")), m.group("code"), m.start(), m.end()))
    # Amounts with a symbol or code win over the same words read as "number currency-word". Looking the overlap
    # up by position (not by scanning every amount found for every match) keeps long lists of amounts linear.
    found.sort(key=lambda f: f.start)
    starts = [f.start for f in found]
    reach = list(itertools.accumulate((f.end for f in found), max))
    for m in _MONEY_WORDS.finditer(text):
        before_end = bisect.bisect_left(starts, m.end())
        if before_end and reach[before_end - 1] > m.start():
            continue
        num = word_number(m.group("num"))
        scale = m.group("scale")
        # "one euro" on its own is not an aid figure; "seven billion euros" is.
        if num is None or (scale is None and num < 1000 and not m.group("num")[0].isdigit()):
            continue
        if scale and len(scale) == 1 and not m.group("num")[0].isdigit():
            continue  # "two m euros" is not a way anyone writes money
        value = num * _scale(scale)
        cur = m.group("cur").lower()
        # Bare "crowns": which country's, the words do not say; the currency stays empty for the reader of the
        # sentence to settle from who pays ("Norway will spend 6.5 billion crowns").
        currency = _NATIONAL_CURRENCY.get(((m.group("nation") or "").lower(), cur), _CURRENCY_WORDS[cur])
        found.append(Money(m.group(0).strip(), value, currency, m.start(), m.end()))
        found.extend(_sharing_currency(text, m.start(), currency, taken=reach[before_end - 1] if before_end else -1))
    # "half a billion euros": the word pattern sees "half a" as the number.
    found.sort(key=lambda f: f.start)
    return found


# "50 million and 20 million euros": sums listed before the one that names the currency share it.
_LISTED_BEFORE = re.compile(rf"\b(?P<num>{_DIGITS})\s?(?P<scale>{_SCALE})\s*(?:,\s*and|,|and|or)\s+$", re.IGNORECASE)


def _sharing_currency(text: str, start: int, currency: str | None, *, taken: int) -> list[Money]:
    out: list[Money] = []
    while (m := _LISTED_BEFORE.search(text, max(0, start - 40), start)) and m.start() >= taken:
        num = word_number(m.group("num"))
        if num is None:
            break
        out.append(
            Money(text[m.start() : m.end("scale")], num * _scale(m.group("scale")), currency, m.start(), m.end("scale"))
        )
        start = m.start()
    return out


def _count_value(m: re.Match[str]) -> float | None:
    num = word_number(m.group("num"))
    if num is not None and m.group("scale"):
        num *= {"thousand": 1e3, "hundred": 1e2, "million": 1e6}[m.group("scale").lower()]
    return num


def find_count(text: str) -> tuple[int, str] | None:
    """The first "over 400 entities"-style count: (400, "over 400 entities").

    "11 individuals and 29 organisations" counts as one list of 40 targets.
    """
    m = search_in_windows(_COUNT, text)
    if not m:
        return None
    num = _count_value(m)
    if num is None:
        return None
    end = m.end()
    following = re.match(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)", text[end:])
    while following:
        nxt = _COUNT.match(text, end + following.end())
        value = _count_value(nxt) if nxt and not nxt.group("qual") else None
        if nxt is None or value is None:
            break
        num += value
        end = nxt.end()
        following = re.match(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)", text[end:])
    return int(num), text[m.start() : end]


_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def digit_figures(text: str) -> set[str]:
    """Digit runs in ``text`` with separators removed: "1,376" -> "1376", "1.25" -> "1.25"."""
    out = set()
    for tok in _NUMBER_TOKEN.findall(text):
        tok = tok.replace(",", "")
        out.add(tok.rstrip(".0") if "." in tok else tok)
    return out


def values_in(text: str) -> set[float]:
    """Numeric values stated in ``text``: money amounts, counts and bare numbers."""
    vals = {round(m.value, 2) for m in find_money(text)}
    for tok in _NUMBER_TOKEN.findall(text):
        try:
            vals.add(round(float(tok.replace(",", "")), 2))
        except ValueError:
            continue
    count = find_count(text)
    if count:
        vals.add(float(count[0]))
    for m in re.finditer(rf"\b({_WORD_NUM})\b(?:\s+({_SCALE})\b)?", text, re.IGNORECASE):
        num = word_number(m.group(1))
        if num is not None:
            vals.add(round(num * _scale(m.group(2)), 2))
            vals.add(round(num, 2))
    return vals
