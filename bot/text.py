"""Article text into paragraphs and sentences: the units every engine quotes.

Rules, not a model: they must run in microseconds, be predictable, and keep every sentence verbatim
(offsets into the paragraph are preserved, so a sentence is always a substring of the article).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.injection import is_injection
from bot.language import BULLET, MONTH_ABBREVIATIONS, TIME_OF_ENTRY, TIMESTAMP, WEEKDAY_ABBREVIATIONS

# Abbreviations that end in a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "cmdr",
        "brig",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "fr",
        "no",
        "nos",
        "vs",
        "etc",
        "al",
        "approx",
        "est",
        "dept",
        "govt",
        "corp",
        "inc",
        "ltd",
        "co",
        "bros",
        "fig",
        "vol",
        "ch",
        "pp",
        "cf",
        "ave",
        "blvd",
        "mt",
        "ft",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "d.c",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "n.b",
    ]
).union(MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS)
# After "U.S." these words start a new sentence; before most others "U.S." is an adjective or noun.
_SENTENCE_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "But",
        "And",
        "However",
        "Meanwhile",
        "Officials",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "Earlier",
        "Later",
        "Separately",
        "Also",
        "Still",
        "Yet",
        "So",
        "Then",
    ]
)
# A boundary starts only at the first stop of a run ("?!", "..."): trying every stop of a run of thousands
# ("????…", no space after) made splitting quadratic.
_BOUNDARY = re.compile(r"""(?<![.!?…])([.!?…]+)(["'’”)\]]*)(\s+)(?=["'‘“(\[]?[A-Z0-9\u0400-\u04FF])""")
_WS = re.compile(r"[ \t\u00a0]+")

_BOILERPLATE = re.compile(
    r"^(?:share(?: this(?: article| story)?)?|exit mobile version|advertisement|read more|related(?: stories| "
    r"articles)?|subscribe(?: now)?|sign up.*newsletter.*|follow us.*|click here.*|skip to (?:main )?content|"
    r"listen to this article|print|email|comments?|tags?:.*|©.*|copyright.*|all rights reserved.*|"
    r"(?:photo|image|credit|source):.*|\[(?:image|photo|video|picture)\b.*|alt text:.*|loading\.*|back to top|"
    r"cookie.*|accept(?: all)?(?: cookies)?)[.!:]?$",
    re.IGNORECASE,
)


# Where the article ends and readers' comments or link lists begin: nothing after it is the article.
END_OF_ARTICLE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|readers' comments|join the conversation|leave a comment|"
    r"readers (?:respond|react|write)|readers' (?:views|reactions|letters)|reader reactions|your (?:views|comments)|"
    r"what (?:our )?readers (?:say|think)|letters to the editor|letters|from the comments|"
    r"(?:readers?'? )?(?:mailbag|postbag)|"
    r"(?:top|latest|most liked) comments|"
    r"have your say|most read|related stories|more on this story|recommended(?: for you)?|you may also like)"
    r"(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
# A reader's comment pasted with its label ("Reader comment: …", "Comment from Oleg K.: …"): not the article.
# A promotion under its label ("Sponsored: …", "PARTNER CONTENT | …"): not the article either.
_LABELLED_COMMENT = re.compile(
    r"^(?:reader(?:'s|s'|s)? comments?|(?:top|featured|most liked|best|latest) comments?|comments? (?:from|by) [^:]{1,40}|"
    r"from the comments|a reader (?:writes|wrote|"
    r"comments?|says)|sponsored(?: content| post| message| link)?|partner(?:ed)? (?:content|message|post)|"
    r"advertisement|advertorial|ad|promoted(?: content)?|promotion|paid (?:content|post|partnership|promotion)|"
    # ("Reader comment, lightly edited:": a short aside may stand between the label and its colon)
    r"presented by [^:|]{1,40}|brought to you by [^:|]{1,40})(?:\s*,[^:,]{1,30})?\s*[:\-–—|]",
    re.IGNORECASE,
)

# An editor's correction or note about the copy ("Correction: An earlier version of this article gave …"): it tells
# what an earlier version said wrongly, which is not the story.
_EDITORS_NOTE = re.compile(
    r"^[(\[]?(?:corrections?|clarifications?|editor[’']?s[’']? note|note to readers)\s*[:\-–—|]|"
    r"^[(\[]?(?:an earlier version of this|this (?:article|story|report|piece) (?:has been|was) (?:corrected|amended))|"
    # A wire service's note on its own copy: "(Corrects UK tanker tally in second paragraph …)", "(Adds quote …)".
    r"^[(\[](?:corrects|updates|adds|recasts|refiles|removes|clarifies)\b[^)\]]*[)\]]\W*$",
    re.IGNORECASE,
)


def normalize_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _block_lines(block: str) -> list[str]:
    """Split one blank-line-delimited block into paragraphs: bullets and timestamped lines stand alone,
    hard-wrapped lines are joined."""
    lines = [normalize_space(line) for line in block.splitlines()]
    lines = [line for line in lines if line]
    # Each paragraph as its lines, joined at the end: joining as we go was quadratic on thousands of lines.
    out: list[list[str]] = []
    width = max((len(line) for line in lines), default=0)
    for line in lines:
        starts_item = bool(BULLET.match(line) or TIMESTAMP.match(line))
        continues = out and not starts_item and not _ends_sentence(out[-1][-1]) and not _heading(out[-1], line, width)
        if continues and (not BULLET.match(out[-1][0]) or line[:1].islower()):
            out[-1].append(line)
        else:
            out.append([line])
    return [" ".join(parts) for parts in out]


def _heading(paragraph: list[str], line: str, width: int) -> bool:
    """Is ``paragraph`` a heading above ``line`` ("(1) Freezing of assets" over "The assets of …")? One short
    line (hard-wrapped lines run to about the block's width) before a line that starts a sentence."""
    return (
        len(paragraph) == 1
        and len(paragraph[0]) <= 0.6 * width
        and line[:1].isupper()
        and (paragraph[0][:1].isupper() or paragraph[0][:1] in "(0123456789")
    )


def _ends_sentence(line: str) -> bool:
    """Does ``line`` end a sentence (a stop, then any closing quotes or brackets)? Read from the end: a regex
    anchored with ``$`` tries every position of the line, quadratic over a paragraph of many lines."""
    return line.rstrip("\"'’”)]")[-1:] in (".", "!", "?", ":", "…")


# A list whose lines were run together: "- interceptors; - Stinger missiles; - ammunition".
_INLINE_BULLET = re.compile(r"(?<=[;.:!?,])\s+(?=[-•▪●◦*]\s+\S)|\s+(?=[-•▪●◦*]\s+(?:\d|[A-Z]))")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` (blank-line separated; bullets and timestamped entries split out)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        for line in _block_lines(block):
            if BULLET.match(line) and len(_INLINE_BULLET.findall(line)) >= 1:
                paragraphs.extend(part for part in _INLINE_BULLET.split(line) if part.strip())
            else:
                paragraphs.append(line)
    return paragraphs


def is_furniture(paragraph: str) -> bool:
    """Page furniture by its words ("Share.", "ADVERTISEMENT", "Comments"), whatever its length."""
    stripped = paragraph.strip()
    return bool(_BOILERPLATE.match(stripped) or _LABELLED_COMMENT.match(stripped) or _EDITORS_NOTE.match(stripped))


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture ("Share.", "Exit mobile version", "Advertisement") that is never article content."""
    stripped = paragraph.strip()
    if _BOILERPLATE.match(stripped) or _EDITORS_NOTE.match(stripped):
        return True
    if _LABELLED_COMMENT.match(stripped) or _LABELLED_COMMENT.match(TIME_OF_ENTRY.sub("", stripped, count=1)):
        return True  # "17:55 — Reader comments: …": a live blog's entry under the label is the readers' too
    # A paragraph wholly in brackets is an editor's or a feed's note ("[Market data supplied by …]").
    if stripped.startswith("[") and stripped.endswith("]"):
        return True
    # Two words or fewer with no sentence inside (a stray widget label), but keep datelines and numbers.
    words = stripped.split()
    return len(words) <= 2 and not any(ch.isdigit() for ch in stripped) and not stripped.endswith(("?", "!"))


def text_key(text: str) -> str:
    """Case-, punctuation- and space-insensitive key for spotting repeated copy."""
    return re.sub(r"[\W_]+", "", text.lower())


def dedupe(units: Iterable[str]) -> list[str]:
    """Drop exact repeats (after fingerprinting), keeping the first occurrence."""
    seen: set[str] = set()
    out = []
    for unit in units:
        key = text_key(unit)
        if key and key not in seen:
            seen.add(key)
            out.append(unit)
    return out


def dedupe_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    return dedupe(paragraphs)


_WORD_WINDOW = 64  # longer than any abbreviation or sentence starter


def _is_abbreviation(before: str) -> bool:
    word = re.split(r"[\s(\[\"'“‘]", before)[-1].lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted acronyms ("U.S", "a.m") without a listed form.
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word))


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, each a verbatim substring of it."""
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end(2)
        if m.group(1) == ".":
            # Only the last word before the dot and the first after it matter; looking at a bounded window
            # keeps "Mr. Mr. Mr. …" linear (the whole run before the dot would make it quadratic).
            before = paragraph[max(start, m.start(1) - _WORD_WINDOW) : m.start(1)]
            if _is_abbreviation(before):
                nxt = paragraph[m.end(3) : m.end(3) + _WORD_WINDOW].split(" ", 1)[0].strip("\"'‘“")
                token = re.split(r"[\s(\[\"'“‘]", before)[-1].lower()
                if not (token.count(".") >= 1 and nxt in _SENTENCE_STARTERS):
                    continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end(3)
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _body_paragraphs(text: str) -> list[str]:
    """Paragraphs up to where comments or link lists begin, without page furniture."""
    paragraphs = []
    split = split_paragraphs(text)
    for n, p in enumerate(split):
        if END_OF_ARTICLE.match(p.strip()):
            break
        # "GERMANY" over "• The chancellor said …" is a heading that says whom the lines are about.
        heading = n + 1 < len(split) and bool(BULLET.match(split[n + 1])) and is_heading(p)
        # "THE STRAITS" over a newsletter's part says what the paragraphs under it are about.
        section = p.isupper() and is_heading(p) and not is_furniture(p)
        if heading or section or not is_boilerplate(p):
            paragraphs.append(p)
    return paragraphs


def is_heading(paragraph: str) -> bool:
    """A short capitalised line with no sentence in it ("GERMANY", "Sanctions round-up")."""
    words = paragraph.split()
    return (
        0 < len(words) <= 4 and paragraph[:1].isupper() and not paragraph.rstrip().endswith((".", "!", "?", ";", ",", ":"))
    )


def article_body(text: str) -> str:
    """The article as every engine may quote it: no comments, no page furniture, no text addressed to a
    machine. Engines draft from it and grounding checks quotes against it."""
    out = []
    for paragraph in _body_paragraphs(text):
        sentences = split_sentences(paragraph)
        kept = [s for s in sentences if not is_injection(s)]
        if len(kept) == len(sentences):
            out.append(paragraph)
        elif kept:
            out.append(" ".join(kept))
    return "\n\n".join(out)


def article_units(text: str, *, title: str | None = None) -> list[list[str]]:
    """The article as deduplicated paragraphs of sentences, without page boilerplate or the headline."""
    paragraphs = _body_paragraphs(text)
    if title and paragraphs and text_key(paragraphs[0]) == text_key(title):
        paragraphs = paragraphs[1:]
    seen: set[str] = set()
    out: list[list[str]] = []
    for paragraph in dedupe_paragraphs(paragraphs):
        sentences = []
        for sentence in split_sentences(paragraph):
            if is_injection(sentence):
                continue
            key = text_key(sentence)
            if key and key not in seen:
                seen.add(key)
                sentences.append(sentence)
        if sentences:
            out.append(sentences)
    return out
