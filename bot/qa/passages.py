"""The article as quotable passages (sentences), each with the tokens retrieval sees.

A passage's tokens are its own words plus its section heading's ("And the 16th package?" names what the
"It took effect…" that follows is about), acronyms the article spells out ("Institute for the Study of
War" is also "ISW"), and the fields of any brief item whose evidence it is (a claim's claimant, a
package's donor), so questions phrased in the brief's words find the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from bot.article import Article
from bot.grounding import field_text, fold
from bot.language import CONTINUATION
from bot.models import SECTIONS, Brief
from bot.qa.lexicon import SPEECH, STOPWORDS, tokens
from bot.text import article_units, is_boilerplate, is_furniture

# A line that names a section rather than saying something: short and unpunctuated, or a question.
_MAX_HEADING_WORDS = 12
_HYPHENATED_RUN = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+){2,}\b")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:(?:of|for|the|and|on|de)\s+)*[A-Z][\w'-]*)+")


@dataclass(slots=True)
class Passage:
    """One sentence of the article with its place and its retrieval tokens."""

    text: str
    index: int
    paragraph: int
    quotable: bool
    heading: str | None = None
    prev: int | None = None  # index of the sentence before it in the same paragraph
    tokens: list[str] = field(default_factory=list)


# A run-in label opening a paragraph: "Washington.", "New York:", "THE CLAIM:" (one to three names).
_RUN_IN_LABEL = re.compile(r"^(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*\s*[.:]$")
# A list whose items were run together into one "sentence": "- One. - Two. - Three."
_INLINE_BULLET = re.compile(r"(?<=[.!?;])\s+[-•*–]\s+(?=\S)")
_LEADING_BULLET = re.compile(r"^[-•*–]\s+")
_SPEAKER_LABEL = re.compile(r"^[A-Z][A-Za-z.’' -]{0,30}:\s+")
# An interviewer's turn: a question with a sentence or two to lead into it.
_MAX_TURN_SENTENCES = 3
# A sentence that asks, rather than one that ends on a question it reports ("…: where may Ukraine fly them?").
_ASKING = re.compile(
    r"^(?:and |so |but )?(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|will|would|"
    r"can|could|should|has|have|had|may|might)\b",
    re.IGNORECASE,
)
_QUESTION_END = re.compile(r"\?[\"'’”)]*$")


def _strip_speaker(sentence: str) -> str:
    """A transcript line without its speaker's label ("MINISTER: It is …")."""
    return _SPEAKER_LABEL.sub("", sentence, count=1)


def _unbulleted(sentences: list[str]) -> list[str]:
    """Each list item as its own sentence, without its bullet mark (still a verbatim part of the text)."""
    out: list[str] = []
    for sentence in sentences:
        out.extend(_LEADING_BULLET.sub("", item).strip() for item in _INLINE_BULLET.split(sentence))
    return [s for s in out if s]


def _is_heading(paragraph: list[str]) -> bool:
    if len(paragraph) != 1:
        return False
    text = paragraph[0].strip()
    if text.endswith("?"):
        return True
    return len(text.split()) <= _MAX_HEADING_WORDS and not re.search(r"[.!:;…]['\"’”)]*$", text)


def acronyms(text: str) -> dict[str, str]:
    """Initialisms of the capitalised names and hyphenated compounds in ``text``: {"isw": "Institute for the
    Study of War", "fpv": "first-person-view"}."""
    found: dict[str, str] = {}
    for m in _CAPITALISED_RUN.finditer(text):
        words = [w for w in m.group(0).split() if w[:1].isupper()]
        if len(words) >= 3 and words[0] not in ("The", "A", "An"):
            found.setdefault("".join(w[0] for w in words).lower(), m.group(0))
    for m in _HYPHENATED_RUN.finditer(text):
        # "first-person-view drones" are the FPV drones a question asks about.
        found.setdefault("".join(w[0] for w in m.group(0).split("-")).lower(), m.group(0))
    return found


# "Ivan Petrenko, head of the regional administration," and "Foreign Secretary Jane Doe": who a person is.
_APPOSITIVE = re.compile(
    r"\b(?:[A-Z][a-z]+\s+)?(?P<name>[A-Z][a-z'’-]+),\s+(?:the\s+)?(?P<role>[a-z][^,.;:\"“”]{2,60}?)[,.]"
)
_TITLED = re.compile(
    r"\b(?P<role>(?:[A-Z][a-z]+\s+){1,3}?)(?:[A-Z][a-z]+\s+)(?P<name>[A-Z][a-z'’-]+)\b(?=\s+(?:said|says|"
    r"told|added|announced|confirmed|warned|argued|insisted|rejected|denied))"
)
_ROLE_WORDS = 6
_ROLE_NOUNS = frozenset(
    tokens("""head chief minister secretary spokesman spokeswoman spokesperson governor mayor
commander general president director coach captain leader ambassador chairman chair adviser envoy
analyst manager founder prosecutor judge deputy speaker premier chancellor senator officer""")
)


def roles(text: str) -> dict[str, list[str]]:
    """What the article calls each person, by surname: {"Petrenko": ["head", "regional", "administration"]},
    so that "the governor" or "the coach" in a question finds the sentences that only use the name."""
    found: dict[str, list[str]] = {}
    for m in [*_APPOSITIVE.finditer(text), *_TITLED.finditer(text)]:
        first = m.group("role").split()[0].lower()
        role = tokens(m.group("role"))[:_ROLE_WORDS]
        # Only a title says who someone is; "Kyiv, where the governor…" or "Smith, told the…" does not.
        if first in STOPWORDS or any(t in SPEECH for t in tokens(first)):
            continue
        if any(t in _ROLE_NOUNS for t in role[:3]):
            found.setdefault(m.group("name"), role)
    return found


_ITEM_SKIP = ("evidence", "verified", "value", "target_count", "side", "status", "stance", "aid_type")


def _item_text(item: BaseModel) -> str:
    return field_text(item, skip=_ITEM_SKIP)


def build_passages(article: Article, brief: Brief | None = None) -> list[Passage]:
    """Sentences of the article (deduplicated, headline and page furniture removed) as passages."""
    passages: list[Passage] = []
    heading: str | None = None
    asked: str | None = None  # a short paragraph ending in a question: the next one answers it
    for p_index, paragraph in enumerate(article_units(article.text, title=article.title)):
        asked, answering = None, asked
        if len(paragraph) == 1 and is_boilerplate(paragraph[0]):
            if paragraph[0].isupper() and not is_furniture(paragraph[0]):
                heading = paragraph[0]  # "THE STRAITS" over a newsletter's part: what the sentences under it are about
            continue  # a one- or two-word heading over a list ("Key facts") is kept for the engine, not for answers
        if _is_heading(paragraph):
            if p_index == 0 and not paragraph[0].endswith("?"):
                # A headline left in the text speaks for the whole article, not for the next paragraph.
                passages.append(Passage(text=paragraph[0], index=len(passages), paragraph=p_index, quotable=False))
                continue
            heading = paragraph[0]
            # A heading is context for what follows, never an answer in itself.
            passages.append(Passage(text=heading, index=len(passages), paragraph=p_index, quotable=False))
            continue
        prev: int | None = None
        sentences = _unbulleted(paragraph)
        local = heading
        if len(sentences) > 1 and _RUN_IN_LABEL.match(sentences[0]):
            # "Canberra. Australia's minister announced…": the label names what this paragraph is about
            # (context, like a heading), but is no answer in itself.
            label = sentences.pop(0)
            local = f"{heading} {label}" if heading else label
            passages.append(Passage(text=label, index=len(passages), paragraph=p_index, quotable=False))
        for n, sentence in enumerate(sentences):
            if _QUESTION_END.search(sentence) and _ASKING.match(_strip_speaker(sentence)):
                # An interviewer's "How big is it?": what the answer after it is about, never an answer itself. A
                # question opening its paragraph ("Q: What is in the package? A: Sweden commits …") frames the rest.
                passages.append(Passage(text=sentence, index=len(passages), paragraph=p_index, quotable=False))
                if n == 0:
                    local = " ".join(c for c in (heading, sentence) if c)
                continue
            # The answer's sentence that leans on the question ("It is 300 million euros") takes it as context.
            leans = answering is not None and prev is None and bool(CONTINUATION.match(_strip_speaker(sentence)))
            context = " ".join(c for c in (local, answering if leans else None) if c) or None
            passage = Passage(
                text=sentence, index=len(passages), paragraph=p_index, quotable=True, heading=context, prev=prev
            )
            passages.append(passage)
            prev = passage.index
        # A short paragraph that ends by asking ("Let's start with the new package. How big is it?") is what the
        # next paragraph answers; a long paragraph's closing question is the writer's own, rhetorical.
        turn = 0 < len(sentences) <= _MAX_TURN_SENTENCES and bool(_QUESTION_END.search(sentences[-1]))
        asked = " ".join(sentences) if turn else None
    extra: dict[int, list[str]] = {}
    for short, name in acronyms(article.text).items():
        for passage in passages:
            if name in passage.text:
                extra.setdefault(passage.index, []).append(short)
    if brief is not None:
        folded = [fold(p.text) for p in passages]
        for section in SECTIONS:
            for item in brief.items(section):
                evidence = fold(item.evidence)
                fields = tokens(_item_text(item))
                if getattr(item, "targets", None):
                    # The sentence that names a measure's targets answers "which firms did they go after?".
                    fields.append("target")
                for passage, text in zip(passages, folded, strict=True):
                    if passage.quotable and text and (text in evidence or evidence in text):
                        extra.setdefault(passage.index, []).extend(fields)
    for surname, role in roles(article.text).items():
        for passage in passages:
            if passage.quotable and re.search(rf"\b{re.escape(surname)}\b", passage.text):
                extra.setdefault(passage.index, []).extend(role)
    for passage in passages:
        passage.tokens = tokens(passage.text) + extra.get(passage.index, [])
        if passage.heading:
            passage.tokens += tokens(passage.heading)
    return passages
