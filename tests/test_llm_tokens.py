"""Token counting works offline, with the official BPE files, and never touches tiktoken's download cache."""

from __future__ import annotations

import hashlib
import shutil

import pytest
import tiktoken_ext.openai_public as openai_public

from bot.errors import TokenizerUnavailable
from bot.llm import tokens
from bot.llm.tokens import count_tokens, encoding_for_model, encoding_name

SAMPLE = (
    "Ukraine’s military said on Tuesday it had recaptured 3 villages near Kharkiv — "
    "Russia’s Defence Ministry denied it. 1,376 km² of territory; $125 million. 🇺🇦 <|endoftext|>"
)


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """An empty TIKTOKEN_CACHE_DIR: tiktoken writes every file it fetches there, so it must stay empty."""
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    tokens.get_encoding.cache_clear()
    yield cache
    tokens.get_encoding.cache_clear()


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-mini", "o200k_base"),
        ("gpt-4.1-mini", "o200k_base"),
        ("gpt-4.5-preview", "o200k_base"),
        ("gpt-5", "o200k_base"),
        ("gpt-5.4-mini", "o200k_base"),
        ("o1", "o200k_base"),
        ("o3-mini", "o200k_base"),
        ("o4-mini", "o200k_base"),
        ("openai/gpt-4o", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("gpt-4-turbo", "cl100k_base"),
        ("llama3.1:8b", "cl100k_base"),
        ("davinci", "cl100k_base"),
    ],
)
def test_encoding_matches_model_family(model, expected):
    assert encoding_name(model) == expected


def test_loads_offline_without_touching_the_cache(empty_cache):
    o200k = encoding_for_model("gpt-4.1-mini")
    cl100k = encoding_for_model("gpt-4")
    assert (o200k.name, cl100k.name) == ("o200k_base", "cl100k_base")
    assert cl100k.encode("hello world") == [15339, 1917]  # the published cl100k ids
    assert count_tokens("hello world", "gpt-4o") == 2
    # Special-token text in an article is counted as text, not refused.
    assert count_tokens("<|endoftext|>", "gpt-4o") > 1
    assert list(empty_cache.iterdir()) == []


def test_same_ids_as_tiktokens_own_constructors(tmp_path, monkeypatch, empty_cache):
    """Seed tiktoken's cache the way it would after a download, then compare with its own encodings."""
    for name, (package, relative) in (
        ("cl100k_base", tokens._SOURCES["cl100k_base"][0]),
        ("o200k_base", tokens._SOURCES["o200k_base"][0]),
    ):
        url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
        source = tokens._bpe_path(package, relative)
        assert source is not None, f"{package} is not installed"
        target = empty_cache / hashlib.sha1(url.encode()).hexdigest()
        if source.suffix == ".gz":
            import gzip

            target.write_bytes(gzip.decompress(source.read_bytes()))
        else:
            shutil.copyfile(source, target)
    for name, constructor in (("cl100k_base", openai_public.cl100k_base), ("o200k_base", openai_public.o200k_base)):
        official = constructor()  # reads the seeded cache; checks tiktoken's sha256
        ours = tokens.get_encoding(name)
        assert ours._pat_str == official["pat_str"]
        assert ours._special_tokens == official["special_tokens"]
        assert ours.n_vocab == max([*official["mergeable_ranks"].values(), *official["special_tokens"].values()]) + 1
        import tiktoken

        reference = tiktoken.Encoding(
            name,
            pat_str=official["pat_str"],
            mergeable_ranks=official["mergeable_ranks"],
            special_tokens=official["special_tokens"],
        )
        assert ours.encode(SAMPLE, disallowed_special=()) == reference.encode(SAMPLE, disallowed_special=())


def test_published_hashes_are_tiktokens(tmp_path):
    source = (tokens.Path(openai_public.__file__)).read_text()
    for digest in tokens.EXPECTED_SHA256.values():
        assert digest in source


def test_corrupt_file_is_a_clear_error_not_a_guess(tmp_path):
    bad = tmp_path / "o200k_base.tiktoken"
    bad.write_bytes(b"aGVsbG8= 0\n")
    with pytest.raises(TokenizerUnavailable, match="sha256"):
        tokens._read_ranks(bad, tokens.EXPECTED_SHA256["o200k_base"])


def test_unknown_encoding_is_a_clear_error():
    with pytest.raises(TokenizerUnavailable, match="r50k_base"):
        tokens.get_encoding("r50k_base")
