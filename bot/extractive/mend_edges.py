"""Repairs of parses at a sentence's edges and asides, where the small English model loses the main clause: an
opening phrase of time read as the root, a topic put first ("On Tomahawk missiles, a spokesperson would say only
that …"), and a list broken by an aside set off by dashes. Like ``mend``, each repair rebuilds the tree the parser
gives to the plain word order, so every reader sees one shape."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extractive.mend import make_root
from bot.extractive.syntax import DASHES, is_verbal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def mend_dashed_asides(doc: Doc) -> Doc:
    """Give a list back the items that follow an aside set off by dashes ("designated 46 tankers – ageing vessels
    used to move crude outside a price cap – as well as 14 individuals and nine entities": the model hangs the
    individuals on "cap", inside the aside). Words after the closing dash that hang inside the aside belong to the
    counted noun before it (else the object before it), which the aside describes."""
    dashes = [
        t.i for t in doc if t.text in DASHES or (t.text == "-" and t.whitespace_ and t.i > 0 and doc[t.i - 1].whitespace_)
    ]
    for opening, closing in zip(dashes[::2], dashes[1::2], strict=False):
        before = [t for t in doc[:opening] if t.pos_ in ("NOUN", "PROPN")]
        host = next((t for t in reversed(before) if any(c.dep_ == "nummod" for c in t.children)), None) or next(
            (t for t in reversed(before) if t.dep_ == "dobj"), None
        )
        if host is None:
            continue
        for word in doc[closing + 1 :]:
            if opening < word.head.i < closing and word.dep_ in ("conj", "cc", "appos", "punct", "advmod"):
                word.head = host
    return doc


# Nouns of time that open a sentence as its setting: "The following night the ministry reported …".
_TIME_NOUNS = {"night", "day", "morning", "evening", "afternoon", "week", "weekend", "month", "year", "time"}


def mend_time_openings(doc: Doc) -> Doc:
    """Give a sentence back its verb when the model read an opening phrase of time as the root and the verb as a
    relative clause on it ("The following night the ministry reported 40 drones downed": no "that" or "which", so
    "the ministry reported" is the sentence, and "the following night" when it happened)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in _TIME_NOUNS or root.i > 3:
        return doc
    verb = next((c for c in root.children if c.dep_ == "relcl" and c.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return doc
    if any(t.tag_ in ("WDT", "WP", "WRB") or t.lower_ == "that" for t in doc[root.i + 1 : verb.i]):
        return doc  # "the night that the ministry reported …": a real relative clause
    make_root(verb, [], "nsubj", verb.tag_)
    root.head, root.dep_ = verb, "npadvmod"
    return doc


# Prepositions of place that open a sentence and that the model can take for the first word of a name.
_PLACE_OPENERS = {"near", "around", "outside", "along", "inside", "beyond"}


def mend_fronted_places(doc: Doc) -> Doc:
    """Give back its preposition a place phrase opening the sentence that the model read as a name ("Near
    Vovchansk, the Russian ministry said …": "Near Vovchansk" read as the speaker). The opening word, capitalised
    and hung on the place as part of its name, governs the place; the phrase hangs on the verb the place was on."""
    opener = doc[0] if len(doc) > 3 else None
    if opener is None or opener.lower_ not in _PLACE_OPENERS or opener.dep_ != "compound" or opener.pos_ != "PROPN":
        return doc
    place = opener.head
    if place.i != 1 or doc[2].text != "," or place.head.i == place.i or place.head.pos_ not in ("VERB", "AUX"):
        return doc
    verb = place.head
    opener.pos_, opener.tag_, opener.dep_, opener.head = "ADP", "IN", "prep", verb
    place.dep_, place.head = "pobj", opener
    return doc


# Prepositions that put a topic first: "On Tomahawk missiles, …", "As for the jets, …", "Regarding Taurus, …".
_TOPIC_OPENERS = {"on", "regarding", "concerning", "about"}


def mend_fronted_topics(doc: Doc) -> Doc:
    """Give a reported clause the topic put before its speaker ("On Tomahawk cruise missiles, a Pentagon spokesperson
    would say only that “no decision has been made.”": the decision is on the missiles). A topic phrase opening the
    sentence, closed by a comma and hung on a verb of saying, moves to the clause that verb reports."""
    opener = doc[0] if len(doc) else None
    if opener is None or opener.lower_ not in _TOPIC_OPENERS or opener.dep_ != "prep":
        return doc
    verb = opener.head
    if opener.right_edge.i + 1 >= len(doc) or doc[opener.right_edge.i + 1].text != ",":
        return doc
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if said is None or verb.pos_ not in ("VERB", "AUX"):
        return doc
    # Only a clause about a decision with no topic of its own ("no decision has been made") takes the topic; "On the
    # front, the General Staff said its troops had recaptured …" is where the claim is set, not what it is on.
    subject = next((c for c in said.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in _TOPICLESS or any(c.dep_ == "prep" for c in subject.children):
        return doc
    opener.head = said
    return doc


# Nouns of a clause that says something was or was not decided, with no topic of their own.
_TOPICLESS = {"decision", "determination", "change", "answer", "word", "plan", "announcement", "update", "ruling"}


# Times of day written with dots, which the parser can take for a sentence's end.
_CLOCK = {"a.m.", "p.m.", "a.m", "p.m"}


def mend_split_tails(doc: Doc) -> Doc:
    """Rejoin a tail the parser cut off as a second root ("… between 8 p.m. and 7 a.m. Moscow time, including 38
    over Samara Oblast": "time" read as a sentence of its own after the abbreviation's dot). A later root that is a
    noun with no subject of its own modifies the nearest verb above the word before it."""
    for t in doc:
        if t.lower_ in _CLOCK and t.dep_ == "punct" and t.i > 1 and doc[t.i - 1].like_num:
            # "between 8 p.m. and 7 a.m.": the second time read as punctuation joins the first.
            cc = doc[t.i - 2]
            if cc.dep_ == "cc" and cc.head.lower_ in _CLOCK:
                t.head, t.dep_, t.pos_, t.tag_ = cc.head, "conj", "NOUN", "NN"
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for tail in roots[1:]:
        if tail.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tail.children):
            continue
        before = doc[tail.left_edge.i - 1] if tail.left_edge.i > 0 else None
        verb = next(
            (a for a in ([before, *before.ancestors] if before is not None else []) if a.pos_ in ("VERB", "AUX")), None
        )
        if verb is not None:
            tail.head, tail.dep_ = verb, "npadvmod"
    return doc


def mend_verbs_read_as_nouns(doc: Doc) -> Doc:
    """Give back its verb a clause whose verb the parser took for a plural noun ("Germany no longer places range
    restrictions on …": "places" read as a noun, "range" as the verb). A plural noun with its own subject and an
    adverb of its own ("no longer", "also"), right before the word it is hung on as that word's subject, is the verb;
    that word is a modifier of the object after it."""
    for verb in doc:
        obj_verb = verb.head
        if not (
            verb.tag_ == "NNS"
            and verb.dep_ == "nsubj"
            and obj_verb.i == verb.i + 1
            and obj_verb.pos_ == "VERB"
            and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
            and any(c.dep_ in ("advmod", "neg") for c in verb.children)
        ):
            continue
        obj = next((c for c in obj_verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            continue
        # Re-hung in an order that never makes a cycle: the clause's words, the object, the verb, then the modifier.
        old_head, old_dep = obj_verb.head, obj_verb.dep_
        for c in list(obj_verb.children):
            if c.i not in (verb.i, obj.i):
                c.head = verb  # "that", "on the weapons …" belong to the clause
        obj.head, obj.dep_ = verb, "dobj"
        verb.pos_, verb.tag_ = "VERB", "VBZ"
        verb.head, verb.dep_ = (verb, "ROOT") if old_dep == "ROOT" else (old_head, old_dep)
        obj_verb.head, obj_verb.dep_, obj_verb.pos_, obj_verb.tag_ = obj, "compound", "NOUN", "NN"
    return doc


def mend_bare_infinitives(doc: Doc) -> Doc:
    """Give back its verb a bare infinitive the parser took for a noun ("Berlin lets its MARS II launchers and PzH
    2000 howitzers fire across the border": "fire" a noun with a subject of its own, hung on "lets" as a clause).
    A singular noun that heads a clause and has a subject is a verb."""
    for word in doc:
        if (
            word.tag_ == "NN"
            and word.dep_ in ("ccomp", "xcomp")
            and word.head.pos_ == "VERB"
            and word.head.i < word.i
            and any(c.dep_ == "nsubj" and c.i < word.i for c in word.children)
        ):
            word.pos_, word.tag_ = "VERB", "VB"
            word.lemma_ = word.lower_
    return doc


def mend_prefixed_verbs(doc: Doc) -> Doc:
    """Give back its verb a "re-" verb the tokenizer split ("the new units may not be re-transferred to a third
    country": "re" read as the verb, the subject and auxiliaries hung on it, "transferred" left a clause of its own).
    The verb after the hyphen takes the prefix's place and its words."""
    for prefix in doc[:-2]:
        hyphen, verb = doc[prefix.i + 1], doc[prefix.i + 2]
        if (
            prefix.lower_ != "re"
            or hyphen.text != "-"
            or prefix.whitespace_
            or hyphen.whitespace_
            or verb.tag_ not in ("VB", "VBN", "VBD", "VBG", "VBZ", "VBP")
            or verb.head.i in (prefix.i, hyphen.i)
        ):
            continue
        if any(a.i in (prefix.i, hyphen.i) for a in verb.ancestors) and prefix.head.i != verb.i:
            continue  # the verb already hangs under the prefix in a way this cannot untangle without a loop
        words = [c for t in (prefix, hyphen) for c in t.children if c.i not in (prefix.i, hyphen.i, verb.i)]
        if prefix.head.i not in (prefix.i, hyphen.i, verb.i) and verb.head.i == verb.i:
            _hang(verb, prefix.head, prefix.dep_)
        for word in words:
            _hang(word, verb, word.dep_)
        for aux in [c for c in verb.children if c.dep_ in ("aux", "auxpass")]:
            for word in [c for c in aux.children if not c.is_punct]:
                _hang(word, verb, word.dep_)  # "the new units may not be …": subject, modal and "not" go to the verb
        _hang(prefix, verb, "prt")
        _hang(hyphen, verb, "punct")
    return doc


def _hang(word: Token, head: Token, dep: str) -> None:
    """Hang ``word`` on ``head``, unless ``head`` is under ``word`` (a loop the tree must never have)."""
    if head.i == word.i or any(a.i == word.i for a in head.ancestors):
        return
    word.head, word.dep_ = head, dep


def mend_contact_relatives(doc: Doc) -> Doc:
    """Re-hang a relative clause without "that" ("the F-16 jets Denmark has delivered may now be used …"): the parser
    makes the jets the subject of "delivered" and Denmark their apposition, leaving "may be used" without a subject.
    The noun is the subject of the verb that lacks one; the clause after it describes the noun, with its own subject."""
    for verb in doc:
        if not (
            is_verbal(verb)
            and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
        ):
            continue
        described = next(
            (
                c
                for c in verb.head.children
                if c.dep_ == "ccomp" and c.i < verb.i and c.i != verb.i and is_verbal(c) and verb.head.i != verb.i
            ),
            None,
        )
        if described is None:
            continue
        noun = next((c for c in described.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        doer = next((c for c in noun.children if c.dep_ == "appos" and c.i == noun.i + 1), None) if noun else None
        if noun is None or doer is None or doer.pos_ not in ("PROPN", "NOUN") or doer.i >= described.i:
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        noun.head, noun.dep_ = verb, "nsubjpass" if passive else "nsubj"
        described.head, described.dep_ = noun, "relcl"
        doer.head, doer.dep_ = described, "nsubj"
    return doc


def mend_stranded_objects(doc: Doc) -> Doc:
    """Give back its object to a verb the parser left without one ("allowed to use HIMARS to strike Russian units
    massing across the border"): the parser makes "units" the subject of "massing", a clause of its own. The noun right
    after the verb is what it acts on, and the "-ing" clause describes the noun."""
    for verb in doc:
        if (
            verb.tag_ != "VB"
            or verb.i + 1 >= len(doc)
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "dative") for c in verb.children):
            continue
        start = doc[verb.i + 1]
        noun = (
            start if start.dep_ == "nsubj" else start.head if start.head.dep_ == "nsubj" and start.head.i > verb.i else None
        )
        if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.left_edge.i != verb.i + 1:
            continue
        clause = noun.head
        if clause.tag_ != "VBG" or clause.dep_ not in ("advcl", "ccomp", "conj") or clause.i < noun.i:
            continue
        noun.head, noun.dep_ = verb, "dobj"
        clause.head, clause.dep_ = noun, "acl"
    return doc


_COPULAS = {"be", "remain", "stay", "seem", "appear"}


def mend_negated_predicates(doc: Doc) -> Doc:
    """Hang on the verb a "not" the parser put on the preposition after it ("sending them was “not on the table”"):
    the quote mark before "not" makes the parser read it as the phrase's own; it negates the verb."""
    for neg in doc:
        prep = neg.head
        if (
            neg.dep_ == "neg"
            and prep.dep_ == "prep"
            and prep.i == neg.i + 1
            and prep.head.i < neg.i
            and prep.head.lemma_.lower() in _COPULAS
        ):
            neg.head = prep.head
    return doc


def mend_reported_relatives(doc: Doc) -> Doc:
    """Hang "which ministers said would pay for …" on the noun before it ("Britain followed with £650m, which
    ministers said would pay for 5,000 missiles"): the model makes the report an adverbial clause of the main verb,
    which leaves "which" standing for nothing. The report is a relative clause on the noun the comma follows."""
    for which in doc:
        if which.tag_ != "WDT" or which.lower_ != "which" or which.dep_ != "nsubj" or which.i < 2:
            continue
        reported, report = which.head, which.head.head
        if reported.dep_ != "ccomp" or report.dep_ not in ("advcl", "ccomp", "conj") or report.i > reported.i:
            continue
        comma, noun = doc[which.i - 1], doc[which.i - 2]
        if comma.text != "," or noun.pos_ not in ("NOUN", "PROPN", "NUM") or report.i < which.i:
            continue
        report.head, report.dep_ = noun, "relcl"
    return doc


def mend_subjects_before_asides(doc: Doc) -> Doc:
    """Give a root verb back the subject the model hung on an aside between them ("Britain and Canada, moving in
    step with Brussels, added 12 and 19 entities": the countries read as the subject of "moving"). A participle set
    off by commas has no subject of its own; the noun before it is the root's."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not is_verbal(root) or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return doc
    for aside in root.children:
        if aside.dep_ != "advcl" or aside.tag_ not in ("VBG", "VBN") or aside.i > root.i:
            continue
        subject = next((c for c in aside.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < aside.i), None)
        if subject is None or aside.i == 0 or doc[aside.i - 1].text != ",":
            continue
        passive = any(c.dep_ == "auxpass" for c in root.children)
        subject.head, subject.dep_ = root, "nsubjpass" if passive else "nsubj"
        break
    return doc


# Verbs whose "that" clause is what they report, however far the clause stands from them.
_TELLING = {"say", "tell", "inform", "brief", "report", "announce", "confirm", "claim", "warn", "state", "add"}


def mend_that_clauses_read_as_relatives(doc: Doc) -> Doc:
    """Hang a "that" clause back on the verb of saying it belongs to ("told lawmakers at a closed-door briefing
    that an estimated 400 soldiers had been killed": the model makes it a relative clause of "briefing"). A
    relative clause has no "that" as its mark; a clause marked by "that" after a verb of telling is what is told."""
    for clause in doc:
        if clause.dep_ != "relcl" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            continue
        teller = next((a for a in clause.head.ancestors if is_verbal(a)), None)
        if teller is None or teller.lemma_.lower() not in _TELLING or teller.i > clause.i:
            continue
        clause.head, clause.dep_ = teller, "ccomp"
        joined = [t for t in teller.children if t.dep_ == "conj" and t.i > clause.i and not is_verbal(t)]
        for t in joined:
            # What the parse joined to the teller after the clause ("… had been killed and around 3,000 wounded")
            # belongs to the clause, with its "and" ("told …, and added that …" stays the teller's).
            t.head = clause
            for cc in [c for c in teller.children if c.dep_ == "cc" and clause.i < c.i < t.i]:
                cc.head = clause
    return doc


def mend_counted_predicates(doc: Doc) -> Doc:
    """Give a verb back its counted object: in "the departments named 96 and 37 targets, respectively" the parser reads
    "targets" as what the subject was named (an object predicate, as in "named him envoy"). A counted noun is never
    what someone is named or made; it is the object."""
    for noun in doc:
        if (
            noun.dep_ == "oprd"
            and noun.pos_ == "NOUN"
            and any(c.dep_ == "nummod" for c in noun.children)
            and not any(c.dep_ == "dobj" for c in noun.head.children)
        ):
            noun.dep_ = "dobj"
    return doc
