"""Money and counts in prose."""

import pytest

from bot.figures import find_count, find_money


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("a new $125 million package", 125e6, "USD"),
        ("nearly $1.25bn in aid", 1.25e9, "USD"),
        ("€500m for air defence", 500e6, "EUR"),
        ("£3bn a year", 3e9, "GBP"),
        ("two billion euros", 2e9, "EUR"),
        ("some seven hundred million euros", 700e6, "EUR"),
        ("another half a billion euros", 500e6, "EUR"),
        ("SEK 4.5bn", 4.5e9, "SEK"),
        ("Japan adds $450 mil. for Ukraine grid", 450e6, "USD"),  # an agency headline's abbreviation
        ("a further 2 bln euros", 2e9, "EUR"),
        ("one euro coin", None, None),
    ],
)
def test_money(text, value, currency):
    found = find_money(text)
    if value is None:
        assert found == []
        return
    assert found[0].value == pytest.approx(value)
    assert found[0].currency == currency
    assert found[0].text in text


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("sanctions on over 400 entities and individuals", 400),
        ("more than 1,000 companies", 1000),
        ("74 vessels were added", 74),
        ("Thirteen more Russian banks", 13),
        ("18 more shadow fleet oil tankers", 18),
    ],
)
def test_counts(text, count):
    assert find_count(text)[0] == count
