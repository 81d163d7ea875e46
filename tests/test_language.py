"""The shared language primitives, as the text splitter and the readers see them."""

from __future__ import annotations

import pytest

from bot.language import language_of, strip_dateline, strip_label
from bot.text import split_paragraphs, split_sentences


@pytest.mark.parametrize("abbreviation", ["Sept.", "Sep.", "Jan.", "Thurs.", "Tue."])
def test_a_month_or_weekday_abbreviation_does_not_end_a_sentence(abbreviation):
    text = f"The package was signed on {abbreviation} 12 in Brussels. Deliveries start in spring."
    assert split_sentences(text) == [
        f"The package was signed on {abbreviation} 12 in Brussels.",
        "Deliveries start in spring.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "KYIV, March 4 (Reuters) - Russia launched 120 drones overnight.",
        "BRUSSELS (AP) — Russia launched 120 drones overnight.",
        "Tokyo, Jan 9 (Kyodo) - Russia launched 120 drones overnight.",
        "(Reuters) - Russia launched 120 drones overnight.",
        # Reuters copy often runs the lede into the dash after its credit.
        "KYIV, Dec 2 (Reuters) -Russia launched 120 drones overnight.",
        "(Reuters) -Russia launched 120 drones overnight.",
        "Rio de Janeiro, March 3 (AFP) - Russia launched 120 drones overnight.",
    ],
)
def test_a_wire_dateline_is_not_part_of_the_lede(line):
    assert strip_dateline(line) == "Russia launched 120 drones overnight."


def test_a_place_followed_by_a_dash_and_lower_case_is_no_dateline():
    assert strip_dateline("Kyiv - and Moscow too - said so.") == "Kyiv - and Moscow too - said so."


def test_a_noun_phrase_set_off_by_a_dash_is_no_dateline():
    line = "Two trading houses — Coral Bay Energy and Harbourline Petroleum — were added to the list."
    assert strip_dateline(line) == line


def test_a_live_blog_time_is_a_label_not_text():
    assert strip_label("15:20 - Air raid alert in Kharkiv.") == "Air raid alert in Kharkiv."


def test_bullets_and_timestamped_lines_are_paragraphs_of_their_own():
    text = "Aid announced:\n- 50 Patriot missiles\n- 20 Bradley vehicles\n09:45 GMT - Sirens in Kyiv."
    assert split_paragraphs(text) == [
        "Aid announced:",
        "- 50 Patriot missiles",
        "- 20 Bradley vehicles",
        "09:45 GMT - Sirens in Kyiv.",
    ]


def test_which_language_an_article_is_in():
    assert (
        language_of(
            "Russia said on Monday that it had shot down the drones over the border regions, "
            "and the governor of Belgorod said two people were hurt in the attack."
        )
        == "English"
    )
    assert language_of("Україна отримала нову партію їжі та ліків від європейських партнерів цього тижня.") == "Ukrainian"


def test_a_windowed_search_finds_what_one_scan_finds_wherever_the_match_lies():
    """A long text is searched a window at a time (a regex call holds the interpreter lock); a match that
    straddles two windows, or lies past the last full one, is found all the same, and the first one."""
    import re

    from bot.language import search_in_windows

    pattern = re.compile(r"\bnote to (?:AI|bots)[^.:]{0,20}?:")
    filler = "word " * 3_000  # 15,000 characters, several windows
    for at in (0, 3_590, 3_600, 3_610, 7_200, 10_790, 14_990):
        text = f"{filler[:at]}note to AI systems: stop.{filler[at:]}"
        assert search_in_windows(pattern, text).span() == pattern.search(text).span()
    text = f"{filler}note to bots: one. note to AI: two."
    assert search_in_windows(pattern, text).group(0) == "note to bots:"
    assert search_in_windows(pattern, filler) is None
