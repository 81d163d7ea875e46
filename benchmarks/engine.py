"""Benchmark of the offline engine: ``python -m benchmarks.engine DIR`` (e.g. ../shared/eval/dev).

Prints the median milliseconds per brief once warm (and per 1,000 words), and the cold start of
``briefbot brief`` as a fresh process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


def warm_brief_times(folder: Path, rounds: int = 20) -> tuple[list[float], list[int]]:
    from bot.config import load_settings
    from bot.service import BriefService

    service = BriefService(settings=load_settings(), llm=None)
    articles = [service.load(str(p)) for p in sorted(folder.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"no .txt articles in {folder}")
    for article in articles:  # warm: compiled patterns, tokenizer, imports
        service.brief(article)
    times: list[float] = []
    words = []
    for article in articles:
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            service.brief(article)
            samples.append((time.perf_counter() - start) * 1000)
        times.append(statistics.median(samples))
        words.append(len(article.text.split()))
    return times, words


def joined_article_time(folder: Path, target_words: int = 1000, rounds: int = 20) -> tuple[int, float]:
    """Median ms for one article of about ``target_words`` words (articles of DIR joined end to end)."""
    from bot.article import Article
    from bot.config import load_settings
    from bot.service import BriefService

    service = BriefService(settings=load_settings(), llm=None)
    parts: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        parts.append(path.read_text(encoding="utf-8"))
        if len(" ".join(parts).split()) >= target_words:
            break
    article = Article(text="\n\n".join(parts))
    service.brief(article)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        service.brief(article)
        samples.append((time.perf_counter() - start) * 1000)
    return len(article.text.split()), statistics.median(samples)


def cold_start_times(sample: Path, runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "brief", str(sample)], check=True, capture_output=True)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m benchmarks.engine DIR")
    folder = Path(sys.argv[1])
    times, words = warm_brief_times(folder)
    per_kword = [t / w * 1000 for t, w in zip(times, words, strict=True)]
    print(f"articles: {len(times)}, words: median {statistics.median(words):.0f}, max {max(words)}")
    print(f"warm brief: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms per article")
    print(f"warm brief per 1,000 words: median {statistics.median(per_kword):.1f} ms, max {max(per_kword):.1f} ms")
    words_joined, ms_joined = joined_article_time(folder)
    print(f"warm brief of one {words_joined}-word article (articles joined): median {ms_joined:.1f} ms")
    sample = sorted(folder.glob("*.txt"))[0]
    cold = cold_start_times(sample)
    print(
        f"cold start of `briefbot brief {sample.name}`: median {statistics.median(cold):.0f} ms "
        f"(min {min(cold):.0f}, max {max(cold):.0f}) over {len(cold)} runs"
    )


if __name__ == "__main__":
    main()
