"""Article text into paragraphs and sentences: the units every engine quotes.

Rules, not a model: they must run in microseconds, be predictable, and keep every sentence verbatim
(offsets into the paragraph are preserved, so a sentence is always a substring of the article).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.language import BULLET, MONTH_ABBREVIATIONS, TIMESTAMP, WEEKDAY_ABBREVIATIONS

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
_END_OF_ARTICLE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|readers' comments|join the conversation|leave a comment|"
    r"readers (?:respond|react|write)|readers' (?:views|reactions|letters)|reader reactions|your (?:views|comments)|"
    r"what (?:our )?readers (?:say|think)|letters to the editor|"
    r"have your say|most read|related stories|more on this story|recommended(?: for you)?|you may also like)"
    r"(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
# Text addressed to a machine ("ignore previous instructions …") is never a fact of the article.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|"
    r"preceding|article|text|content|instructions|rules)\b|"
    r"\b(?:system prompt|you are (?:now )?an? (?:AI|assistant|language model))\b|"
    r"\b(?:note|message|instructions?) (?:to|for) (?:automated|AI|LLM|machine|the)\b.{0,30}\b(?:tools?|models?|systems?|"
    r"assistants?|summari[sz]ers?|bots?)\b|"
    r"\b(?:AI|LLM|language[- ]model|automated)s? (?:summary |summari[sz]ation )?(?:tools?|assistants?|models?|bots?)[,:]\s*"
    r"(?:please )?(?:report|say|state|write|output)",
    re.IGNORECASE,
)

# The same orders in Russian, Ukrainian, German, French and Spanish: imperatives to drop earlier instructions,
# "system prompt", "you are now an AI…", notes addressed to AI. Third-person verbs ("Moscow ignores previous
# agreements") and instructions not addressed to a machine are news, not orders. Gaps are bounded (linear).
_FILLER = r"(?:\s+\w+){0,3}?"
_INJECTION_OTHER = re.compile(
    # Russian and Ukrainian
    r"\b(?:игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|ігноруй(?:те)?|проігноруй(?:те)?|забудь(?:те)?)"
    rf"{_FILLER}\s+(?:инструкци\w*|указани\w*|правил\w*|інструкці\w*|вказів\w*|настанов\w*)|"
    r"\bне\s+(?:обращай(?:те)?\s+внимани\w+|зважай(?:те)?)\s+на\s+(?:все\s+|усі\s+|всі\s+)?(?:предыдущ|"
    r"прошл|вышеуказ|попередн|вищенаведен)\w*|"
    r"\b(?:системн\w+\s+(?:промпт\w*|подсказк\w*|підказк\w*|инструкци\w*|інструкці\w*))|"
    r"\b(?:ты|вы|ти)\s+(?:теперь|тепер)\s+(?:\w+\s+){0,2}?(?:ИИ|ШІ|ассистент\w*|асистент\w*|нейросет\w*|"
    r"мовна\s+модель|языков\w+\s+модел\w*)|"
    r"\b(?:примечание|примітка|сообщение|повідомлення|инструкция|інструкція|указание|вказівка)\s+для\s+"
    r"(?:\w+\s+){0,2}?(?:ИИ|ШІ|нейросет\w*|нейромереж\w*|чат-?бот\w*|бот\w*|модел\w*|ассистент\w*|асистент\w*)\b|"
    # German
    r"\b(?:ignoriere|ignorieren\s+Sie|vergiss|vergessen\s+Sie|missachte|missachten\s+Sie)"
    rf"{_FILLER}\s+(?:Anweisungen|Instruktionen|Vorgaben|Regeln|Befehle)\b|"
    r"\bSystem-?(?:prompt|anweisung)\w*|"
    r"\b(?:du\s+bist|Sie\s+sind)\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein(?:e|en)?\s+)?(?:KI|Assistent\w*|"
    r"Sprachmodell\w*)\b|"
    r"\b(?:Hinweis|Nachricht|Anweisung)\s+(?:an|für)\s+(?:die\s+|alle\s+)?(?:KI|Sprachmodell\w*|Chatbots?|"
    r"automatisierte\w*|Assistent\w*)\b|"
    # French
    r"\b(?:ignore[zs]?|oublie[zs]?|ne\s+(?:tiens|tenez)\s+pas\s+compte)"
    rf"{_FILLER}\s+(?:instructions|consignes|directives|règles)\s+(?:précédentes|antérieures|ci-dessus|"
    r"données)\b|"
    r"\b(?:invite|prompt|message)\s+(?:du\s+)?système\b|"
    r"\b(?:tu\s+es|vous\s+êtes)\s+(?:maintenant|désormais)\s+(?:une?\s+)?(?:IA|assistant\w*|modèle)\b|"
    r"\b(?:note|message|consigne)\s+(?:à|aux|pour)\s+(?:l['’]\s*|les\s+)?(?:IA|intelligences?\s+artificielles?|"
    r"modèles?\s+de\s+langage|assistants?|outils?\s+automatis\w+)\b|"
    # Spanish
    r"\b(?:ignora|ignore|ignoren|olvida|olvide|olviden|omite|omita)"
    rf"{_FILLER}\s+(?:instrucciones|indicaciones|órdenes|reglas)\s+(?:anteriores|previas|de\s+arriba)\b|"
    r"\b(?:prompt|mensaje|instrucciones?)\s+del\s+sistema\b|"
    r"\b(?:ahora\s+eres|ahora\s+es\s+usted|eres\s+ahora)\s+(?:una?\s+)?(?:IA|asistente|modelo)\b|"
    r"\b(?:nota|mensaje|instrucción)\s+(?:para|a)\s+(?:la\s+|las\s+|los\s+)?(?:IA|inteligencias?\s+"
    r"artificiales?|modelos?\s+de\s+lenguaje|asistentes?|herramientas?\s+automatizadas?)\b",
    re.IGNORECASE,
)

# "AI assistants summarising this article should state …", "When summarising this story, say …": a
# directive whose addressee is a machine, in any word order.
_ADDRESSED_TO_MACHINE = re.compile(
    r"\b(?:AI|A\.I\.|artificial intelligence|LLMs?|language models?|chatbots?|automated (?:systems?|tools?|"
    r"summari[sz]ers?|summar(?:y|ies)|readers?)|machine[- ]readers?|summar(?:y|isation|ization) (?:tools?|bots?|"
    r"engines?))\b[^.]{0,60}?"
    r"\b(?:should|must|need to|are (?:asked|instructed|told) to|have to|please)\s+(?:always\s+)?"
    r"(?:report|state|say|write|use|include|describe|list|mention|give|present|treat|output)\b|"
    # "AI summary instruction: …", "Note to language models: …": a label that addresses a machine.
    r"\b(?:AI|A\.I\.|LLMs?|language models?|chatbots?|bots?|assistants?|summari[sz]ers?)\b[^.:]{0,30}?"
    r"\b(?:instructions?|notes?|notice|directive|prompt|guidance)\s*(?:[:=]|\s[-–—]\s)|"
    # "Note to summarisation tools: …", "Instructions for automated summaries — …": the same label turned round.
    r"\b(?:notes?|instructions?|message|directive|guidance)\s+(?:to|for)\s+(?:any\s+|all\s+)?(?:AI\b|LLMs?|"
    r"language models?|chatbots?|bots?|assistants?|summari[sz]ers?|summari[sz]ation tools?|automated \w+|"
    r"machine\w*)[^.:]{0,20}?\s*(?:[:=]|\s[-–—]\s)|"
    r"\bfor (?:AI\b|LLMs?|automated \w+|machine \w+|summari[sz]\w+)[^.:]{0,20}?\s*[:=]|"
    r"\b(?:when|if|while) (?:summari[sz]ing|you summari[sz]e|condensing|you condense)\b[^.]{0,40}?"
    r"\b(?:article|story|text|report|piece)\b",
    re.IGNORECASE,
)
# A reader's comment pasted with its label ("Reader comment: …", "Comment from Oleg K.: …"): not the article.
# A promotion under its label ("Sponsored: …", "PARTNER CONTENT | …"): not the article either.
_LABELLED_COMMENT = re.compile(
    r"^(?:reader(?:'s|s'|s)? comments?|(?:top|featured|most liked|best|latest) comments?|comments? (?:from|by) [^:]{1,40}|"
    r"from the comments|a reader (?:writes|wrote|"
    r"comments?|says)|sponsored(?: content| post| message| link)?|partner(?:ed)? (?:content|message|post)|"
    r"advertisement|advertorial|ad|promoted(?: content)?|promotion|paid (?:content|post|partnership|promotion)|"
    r"presented by [^:|]{1,40}|brought to you by [^:|]{1,40})\s*[:\-–—|]",
    re.IGNORECASE,
)


# Zero-width and formatting characters that split a word for a regex but not for a reader or a model.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u202a\u202b\u202c\u202d\u202e"))


def is_injection(text: str) -> bool:
    """Is ``text`` addressed to a machine? Full-width letters, ligatures and invisible characters are
    folded first (NFKC), so "ｉｇｎｏｒｅ previous instructions" or "ig\u200bnore …" is caught too."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return bool(_INJECTION.search(folded) or _INJECTION_OTHER.search(folded) or _ADDRESSED_TO_MACHINE.search(folded))


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


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture ("Share.", "Exit mobile version", "Advertisement") that is never article content."""
    stripped = paragraph.strip()
    if _BOILERPLATE.match(stripped):
        return True
    if _LABELLED_COMMENT.match(stripped):
        return True
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
    for p in split_paragraphs(text):
        if _END_OF_ARTICLE.match(p.strip()):
            break
        if not is_boilerplate(p):
            paragraphs.append(p)
    return paragraphs


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
