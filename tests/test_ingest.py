"""Ingestion from files, stdin and uploads: kinds, text format, metadata, extraction quality, errors."""

from __future__ import annotations

import io
import json
import time

import pytest
from fixtures.ingest.support import FIXTURES, fixture_bytes, make_pdf

from bot.config import InputSettings, Settings
from bot.errors import EmptyArticle, InputError, InputTooLarge, SourceNotFound, UnsupportedInput
from bot.ingest import article_from_bytes, canonical_url, load_source

SETTINGS = Settings()
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))

ARTICLE_TXT = """Convoy reaches river towns after three-week pause

A convoy of 40 trucks carrying food and medicine reached the towns of Brask
and Olden on Monday, the regional administration said.

It was the first delivery in three weeks.   Officials said a second convoy
would follow   within days.
"""


def _plain_line(exc: InputError) -> str:
    assert exc.user_message and "\n" not in exc.user_message
    return exc.user_message


# --- extraction quality: the bar -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_news_page_keeps_every_body_paragraph_and_no_boilerplate(name: str) -> None:
    expected = EXPECTED[name]
    article = article_from_bytes(fixture_bytes(name), content_type="text/html", settings=SETTINGS)
    paragraphs = article.text.split("\n\n")
    kept = sum(1 for p in expected["body"] if p in paragraphs)
    leaked = [b for b in expected["boilerplate"] if b in article.text]
    body_ratio = kept / len(expected["body"])
    boilerplate_ratio = len(leaked) / len(expected["boilerplate"])
    print(f"{name}: body kept {body_ratio:.2f}, boilerplate leaked {boilerplate_ratio:.2f}")
    assert body_ratio == 1.0, [p for p in expected["body"] if p not in paragraphs]
    assert boilerplate_ratio == 0.0, leaked
    assert (article.title, article.site, article.published) == (
        expected["title"],
        expected["site"],
        expected["published"],
    )
    assert article.kind == "html"


def test_extraction_ratio_over_all_fixture_pages() -> None:
    body_total = kept = boiler_total = leaked = 0
    for name, expected in EXPECTED.items():
        text = article_from_bytes(fixture_bytes(name), content_type="text/html", settings=SETTINGS).text
        body_total += len(expected["body"])
        kept += sum(1 for p in expected["body"] if p in text.split("\n\n"))
        boiler_total += len(expected["boilerplate"])
        leaked += sum(1 for b in expected["boilerplate"] if b in text)
    print(f"pages={len(EXPECTED)} body paragraphs kept {kept}/{body_total}, boilerplate leaked {leaked}/{boiler_total}")
    assert (kept, leaked) == (body_total, 0)


@pytest.mark.parametrize("name", ["paywall.html", "login_wall.html", "empty.html"])
def test_paywall_login_and_empty_pages_are_refused_plainly(name: str) -> None:
    with pytest.raises(EmptyArticle) as info:
        article_from_bytes(fixture_bytes(name), content_type="text/html", settings=SETTINGS)
    assert _plain_line(info.value) == "That page has no article text (it may be behind a paywall or a login)."


# --- plain text ------------------------------------------------------------------------------------------


def test_text_file_keeps_everything_collapses_whitespace_and_takes_headline(tmp_path) -> None:
    path = tmp_path / "convoy.txt"
    path.write_text(ARTICLE_TXT, encoding="utf-8")
    article = load_source(str(path), settings=SETTINGS)
    assert article.kind == "text"
    assert article.title == "Convoy reaches river towns after three-week pause"
    assert article.text.split("\n\n") == [
        "Convoy reaches river towns after three-week pause",
        "A convoy of 40 trucks carrying food and medicine reached the towns of Brask and Olden on Monday, "
        "the regional administration said.",
        "It was the first delivery in three weeks. Officials said a second convoy would follow within days.",
    ]


def test_text_starting_with_a_sentence_has_no_title() -> None:
    data = b"Officials said on Monday that the convoy had arrived.\n\nMore trucks would follow."
    article = article_from_bytes(data, settings=SETTINGS)
    assert article.title is None
    assert article.text == "Officials said on Monday that the convoy had arrived.\n\nMore trucks would follow."


def test_text_without_blank_lines_gets_one_paragraph_per_line() -> None:
    data = "First paragraph here.\r\nSecond paragraph\u00a0 here.\r\n".encode()
    assert article_from_bytes(data, settings=SETTINGS).text == "First paragraph here.\n\nSecond paragraph here."


def test_list_lines_inside_a_block_stay_apart_with_their_markers() -> None:
    # A newsletter pastes its headings and bullets without blank lines between them: each line is a fact.
    data = (
        "Morning digest\n\nAID\n• Norway: NOK 2 billion for air defence.\n• Canada will donate 40 carriers.\n"
        "SANCTIONS\n1. UK adds 25 tankers.\n2. Japan freezes assets\nof 11 people.\n"
    ).encode()
    assert article_from_bytes(data, settings=SETTINGS).text.split("\n\n") == [
        "Morning digest",
        "AID",
        "• Norway: NOK 2 billion for air defence.",
        "• Canada will donate 40 carriers.",
        "SANCTIONS",
        "1. UK adds 25 tankers.",
        "2. Japan freezes assets of 11 people.",
    ]


def test_a_dash_opening_one_wrapped_line_is_prose_not_a_list() -> None:
    data = b"Title here\n\nThe convoy carried food, water\n- and, officials said, medicine - to the towns.\n"
    assert article_from_bytes(data, settings=SETTINGS).text.split("\n\n")[1] == (
        "The convoy carried food, water - and, officials said, medicine - to the towns."
    )


def test_stdin_is_read_with_a_cap() -> None:
    article = load_source("-", settings=SETTINGS, stdin=io.BytesIO(ARTICLE_TXT.encode()))
    assert article.title.startswith("Convoy reaches")
    small = Settings(input=InputSettings(max_file_bytes=100))
    with pytest.raises(InputTooLarge) as info:
        load_source("-", settings=small, stdin=io.BytesIO(b"x" * 10_000))
    assert _plain_line(info.value) == "That file is too large (over 0.0001 MB)."


def test_missing_empty_binary_and_non_utf8_files(tmp_path) -> None:
    with pytest.raises(SourceNotFound) as missing:
        load_source(str(tmp_path / "nope.txt"), settings=SETTINGS)
    assert "No such file" in _plain_line(missing.value)

    (tmp_path / "empty.txt").write_bytes(b"  \n\n ")
    with pytest.raises(EmptyArticle):
        load_source(str(tmp_path / "empty.txt"), settings=SETTINGS)

    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(UnsupportedInput) as binary:
        load_source(str(tmp_path / "photo.txt"), settings=SETTINGS)
    assert _plain_line(binary.value) == "That file is not text, HTML or PDF, so I can't brief it."

    (tmp_path / "latin.txt").write_bytes("Kyiv caf\u00e9 reopens after the blackout.".encode("latin-1"))
    with pytest.raises(UnsupportedInput) as latin:
        load_source(str(tmp_path / "latin.txt"), settings=SETTINGS)
    assert "not UTF-8" in _plain_line(latin.value)

    with pytest.raises(UnsupportedInput):
        load_source(str(tmp_path), settings=SETTINGS)


def test_huge_file_is_refused_by_size_before_reading(tmp_path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2_000_000_000)
    started = time.perf_counter()
    with pytest.raises(InputTooLarge) as info:
        load_source(str(huge), settings=SETTINGS)
    assert time.perf_counter() - started < 0.5
    assert _plain_line(info.value) == "That file is too large (over 10 MB)."


def test_utf8_bom_and_utf16_text_are_read() -> None:
    text = "Headline\n\nBody with “quotes” — and a dash."
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        article = article_from_bytes(data, filename="a.txt", settings=SETTINGS)
        assert article.text == "Headline\n\nBody with “quotes” — and a dash."


# --- HTML and PDF files, uploads -------------------------------------------------------------------------


def test_html_file_is_detected_by_content(tmp_path) -> None:
    path = tmp_path / "saved-page"  # no extension
    path.write_bytes(fixture_bytes("news_divs.html"))
    article = load_source(str(path), settings=SETTINGS)
    assert article.kind == "html" and article.site == "Harbour Post"


PDF_LINES = [
    "Relief convoy reaches river towns",
    "",
    "A convoy of 40 trucks carrying food and medicine reached the river towns of",
    "Brask and Olden on Monday, the regional administration said. It was the",
    "first delivery in three weeks.",
    "",
    "Officials said a second convoy would follow within days, once the road",
    "through the valley had been checked for mines by engineers.",
]


def test_pdf_file_text_layer_paragraphs_and_metadata(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([PDF_LINES, ["Page two carries the closing line of the report.", "2"]], title="Relief convoy"))
    article = load_source(str(path), settings=SETTINGS)
    assert article.kind == "pdf"
    assert article.title == "Relief convoy"
    assert article.published == "2024-06-11"
    assert article.text.split("\n\n") == [
        "Relief convoy reaches river towns",
        "A convoy of 40 trucks carrying food and medicine reached the river towns of Brask and Olden on "
        "Monday, the regional administration said. It was the first delivery in three weeks.",
        "Officials said a second convoy would follow within days, once the road through the valley had been "
        "checked for mines by engineers.",
        "Page two carries the closing line of the report.",
    ]


def test_pdf_without_text_layer_says_so() -> None:
    with pytest.raises(EmptyArticle) as info:
        article_from_bytes(make_pdf([[""]], text_layer=False), filename="scan.pdf", settings=SETTINGS)
    assert "no text layer" in _plain_line(info.value)


def test_broken_pdf_is_unsupported() -> None:
    with pytest.raises(UnsupportedInput) as info:
        article_from_bytes(b"%PDF-1.4\n garbage with no objects", settings=SETTINGS)
    assert _plain_line(info.value) == "That PDF could not be read."


def test_upload_content_type_and_name_break_ties_but_content_wins() -> None:
    as_text = article_from_bytes(b"<b>not</b> a page, just text about tags", content_type="text/plain", settings=SETTINGS)
    assert as_text.kind == "text"
    pdf = make_pdf([PDF_LINES])
    assert article_from_bytes(pdf, content_type="text/plain", filename="x.txt", settings=SETTINGS).kind == "pdf"
    with pytest.raises(UnsupportedInput):
        article_from_bytes(b"GIF89a....", content_type="text/html", settings=SETTINGS)
    with pytest.raises(UnsupportedInput):
        article_from_bytes(b"{}", content_type="application/zip", filename="a.zip", settings=SETTINGS)


def test_article_longer_than_the_limit_is_refused() -> None:
    settings = Settings(input=InputSettings(max_article_chars=50))
    with pytest.raises(InputTooLarge) as info:
        article_from_bytes(ARTICLE_TXT.encode(), settings=settings)
    assert "too long" in _plain_line(info.value)


# --- canonical URLs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://News.Example.COM:443/World/Story?utm_source=x&b=2&a=1&fbclid=zz#top",
            "https://news.example.com/World/Story?a=1&b=2",
        ),
        ("http://news.example.com:80", "http://news.example.com/"),
        ("http://news.example.com:8080/a?gclid=1&UTM_Medium=m&id=7", "http://news.example.com:8080/a?id=7"),
        ("https://user:secret@news.example.com/a", "https://news.example.com/a"),
        ("https://news.example.com/a?q=&z=1&q=2", "https://news.example.com/a?q=&q=2&z=1"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_same_article_twice_has_same_key_and_hash() -> None:
    a = article_from_bytes(fixture_bytes("news_standard.html"), content_type="text/html", settings=SETTINGS)
    b = article_from_bytes(fixture_bytes("news_standard.html"), content_type="text/html", settings=SETTINGS)
    assert a.content_sha256 == b.content_sha256
    assert canonical_url("https://ledger.example/x?utm_campaign=y#c") == canonical_url("https://LEDGER.example/x")
