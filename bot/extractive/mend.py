"""Repairs of parses the small English model gets wrong in a way that grammar can put right.

A report set inside the sentence it reports ("A new package worth €500m, he told reporters, would
bring IRIS-T missiles to Ukraine") is parsed with the report as the main verb, the fronted phrase left
hanging and the real clause without its subject. Wire copy does this constantly. We rebuild the tree the
parser gives to the same report put last ("…, he told reporters."): the reported clause is the root, the
fronted phrase its subject, the report a parenthetical beside it, so every reader sees one shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs that set a report inside a sentence: "X, he said, …", "X, officials told Reuters, …".
_REPORTING = {
    "say",
    "tell",
    "add",
    "note",
    "stress",
    "insist",
    "argue",
    "claim",
    "announce",
    "write",
    "explain",
    "warn",
    "confirm",
    "report",
    "believe",
    "think",
    "reckon",
    "acknowledge",
    "admit",
    "suggest",
}
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def mend_parenthetical_reports(doc: Doc) -> Doc:
    """Re-hang "X, he said, would Y" as "X would Y, he said" (see the module docstring)."""
    for verb in list(doc):
        if verb.dep_ != "ROOT" or verb.lemma_.lower() not in _REPORTING:
            continue
        speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if speaker is None or speaker.left_edge.i < 2 or doc[speaker.left_edge.i - 1].text != ",":
            continue
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ in _CLAUSE_DEPS
                and c.i > verb.i
                and c.pos_ in ("VERB", "AUX")
                and c.left_edge.i > 0
                and doc[c.left_edge.i - 1].text == ","
                and not any(g.dep_ in _SUBJECTS for g in c.children)
            ),
            None,
        )
        fronted = [c for c in verb.children if c.i < speaker.left_edge.i - 1 and c.dep_ not in ("punct", "cc")]
        if clause is None or len(fronted) != 1 or fronted[0].pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            continue
        _rehang(verb, clause, fronted[0])
    return doc


def _rehang(verb: Token, clause: Token, subject: Token) -> None:
    trailing = [c for c in verb.children if c.dep_ == "punct" and c.i > clause.right_edge.i]
    clause.head = clause
    clause.dep_ = "ROOT"
    verb.head = clause
    verb.dep_ = "parataxis"
    subject.head = clause
    subject.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in clause.children) else "nsubj"
    for punct in trailing:
        punct.head = clause


def mend_reduced_relatives(doc: Doc) -> Doc:
    """Re-hang "F-16 jets supplied to Kyiv may be used against …" with "may be used" as the verb: the small
    model reads "supplied" as the past tense with "jets" as its subject and leaves the real verb a subjectless
    conjunct. A past form straight after its subject, with no object of its own, followed (with no "and"
    between) by a verb that has an auxiliary and no subject, is a participle describing that subject."""
    for verb in list(doc):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb.tag_ != "VBD" or subject is None or subject.i != verb.i - 1 or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in verb.children):
            continue
        main = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("conj", "advcl")
                and c.i > verb.i
                and c.pos_ in ("VERB", "AUX")
                and any(a.dep_ == "aux" and a.tag_ == "MD" for a in c.children)
                and not any(g.dep_ in _SUBJECTS for g in c.children)
            ),
            None,
        )
        if main is None or any(t.dep_ == "cc" or t.text in ",;" for t in doc[verb.i + 1 : main.left_edge.i]):
            continue
        _make_reduced_relative(verb, main, subject)
    return doc


def _make_reduced_relative(participle: Token, main: Token, subject: Token) -> None:
    later = [c for c in participle.children if c.i > main.i]
    main.head = participle.head if participle.dep_ != "ROOT" else main
    main.dep_ = participle.dep_
    subject.head = main
    subject.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in main.children) else "nsubj"
    participle.head, participle.dep_, participle.tag_ = subject, "acl", "VBN"
    for child in later:
        child.head = main


# What sets a digest line's label off from its text: "Norway: …", "The Netherlands — …".
LABEL_MARKS = {":", "—", "–"}
_LABEL_WORDS = {"PROPN", "NOUN", "DET", "PART", "ADJ"}


def mend_label_lines(doc: Doc) -> Doc:
    """Re-hang a digest line, a label and a headline clause after its mark, as the clause it stands for.

    The small model makes the label the root and hangs the rest on it as modifiers, so nothing is said of
    anyone. "Taurus: still refused." (the participle right after the mark) says the label was refused: the
    label is the passive subject. "Britain: 25 tankers sanctioned." (a counted thing, then the participle,
    no object) is a headline's "Britain sanctioned 25 tankers": the named label is the doer, the counted
    thing the object."""
    mark = next((t for t in doc[1:6] if t.text in LABEL_MARKS), None)
    if mark is None or not all(t.pos_ in _LABEL_WORDS for t in doc[: mark.i]):
        return doc
    label_heads = [t for t in doc[: mark.i] if not 0 <= t.head.i < mark.i or t.head.i == t.i]
    rest = doc[mark.i + 1 :]
    verbs = [
        t
        for t in rest
        if t.tag_ in ("VBN", "VBD")
        and t.dep_ not in ("amod", "compound")
        and not (t.head.i > mark.i and t.head.pos_ in ("VERB", "AUX") and t.head.i != t.i)
    ]
    if len(label_heads) != 1 or len(verbs) != 1:
        return doc
    label, verb = label_heads[0], verbs[0]
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative") or c.pos_ == "PRON" for c in verb.children):
        return doc  # "Kyiv: we have repelled …" is a clause of its own; "Kyiv: troops hit Belgorod" has an object
    before = [t for t in doc[mark.i + 1 : verb.i] if not t.is_punct]
    if all(t.pos_ == "ADV" for t in before):
        make_root(verb, [label], "nsubjpass", "VBN")
        return doc
    tops = [t for t in before if not mark.i < t.head.i < verb.i or t.head.i == t.i]
    counted = any(t.like_num or t.tag_ == "$" for t in before)
    if len(tops) == 1 and tops[0].pos_ in ("NOUN", "PROPN", "NUM") and counted and label.pos_ == "PROPN":
        make_root(verb, [label], "nsubj", "VBD")
        tops[0].head, tops[0].dep_ = verb, "dobj"
    return doc


def make_root(verb: Token, subjects: list[Token], dep: str, tag: str) -> None:
    doc = verb.doc
    verb.head, verb.dep_, verb.tag_ = verb, "ROOT", tag
    for subject in subjects:
        subject.head, subject.dep_ = verb, dep
    for t in doc:
        if t.is_punct and t.head.i == t.i and t.i != verb.i:
            t.head = verb
    for t in doc:
        if t.dep_ == "ROOT" and t.i != verb.i:
            t.head, t.dep_ = verb, "dep"


# Tags the small model gives an unknown capitalised word it cannot place: "have taken Toretsk" read as an adverb.
_NAME_MISREAD = {"RB", "RBR", "VB", "VBP", "VBZ", "VBD", "VBN", "VBG", "IN"}


def mend_misread_names(doc: Doc) -> Doc:
    """Re-tag a capitalised word in mid-sentence that the model read as an adverb or verb ("its forces have
    taken Toretsk", Toretsk an adverb): a name, and the object of the verb before it when that verb has none."""
    for tok in doc:
        before = doc[tok.i - 1] if tok.i else None
        if (
            before is None
            or tok.tag_ not in _NAME_MISREAD
            or not tok.is_alpha
            or not tok.text[:1].isupper()
            or tok.text.isupper()
            or before.is_punct
            or before.is_sent_start
        ):
            continue
        tok.tag_, tok.pos_ = "NNP", "PROPN"
        verb = tok.head
        if (
            tok.dep_ == "advmod"
            and verb.i == before.i
            and verb.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
        ):
            tok.dep_ = "dobj"
    return doc


def mend_fronted_subjects(doc: Doc) -> Doc:
    """Give back the subject that the model hung on a fronted phrase ("Under a NATO scheme, Finland, Estonia
    and Latvia have put up $900m": the countries read as more of the scheme; "According to its communique,
    air defence systems destroyed 30 drones": the systems read as what the source is). The noun phrase
    between the last comma and a root verb that has no subject is that verb's subject; what the phrase took
    from the fronted part goes back to it."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or root.tag_ == "VBG":
        return doc
    if root.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return doc  # "Take Kyrgyzstan.": an imperative has no subject to find
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in root.children):
        return doc
    comma = next((t for t in reversed(doc[: root.i]) if t.text == ","), None)
    if comma is None or comma.i == 0 or comma.i + 1 >= root.i:
        return doc
    span = range(comma.i + 1, root.i)
    tops = [
        t
        for t in doc[comma.i + 1 : root.i]
        if t.head.i not in span and not (t.head.i == root.i and t.dep_ in ("aux", "auxpass", "advmod", "neg", "punct"))
    ]
    if len(tops) != 1 or tops[0].pos_ not in ("NOUN", "PROPN") or tops[0].head.i >= comma.i:
        return doc
    subject = tops[0]
    while subject.dep_ == "conj" and subject.head.dep_ == "conj":
        subject = subject.head  # "…, Finland, Estonia and Latvia have …": the list starts at its first name
    old_head, old_dep = subject.head, subject.dep_
    passive = any(c.dep_ == "auxpass" for c in root.children)
    subject.head, subject.dep_ = root, "nsubjpass" if passive else "nsubj"
    boundary = next(t.i for t in reversed(doc[: subject.i]) if t.text == ",")
    moved = [t for t in doc[:boundary] if t.head.i == subject.i]
    nouns = [t for t in moved if t.pos_ in ("NOUN", "PROPN")]
    source = nouns[-1] if nouns else None
    for t in moved:
        t.head = source if source is not None and t is not source and t.i < source.i else old_head
    if source is not None and old_dep in ("pobj", "dobj"):
        source.dep_ = old_dep  # "to its communique": the source is again what "to" governs
    return doc


def mend_run_on_subjects(doc: Doc) -> Doc:
    """Split a fronted phrase that ran into the subject ("On Monday Germany said …", "Within days Bloomberg,
    citing an official, reported …": the model reads "Germany" as more of "On Monday" and leaves the root verb
    without a subject). The preposition keeps its first noun; the noun phrase after it is the root's subject."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or root.tag_ in ("VBG", "VB"):
        return doc
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in root.children):
        return doc
    prep = doc[0]
    if prep.dep_ != "prep" or prep.head.i != root.i:
        return doc
    first = next((t for t in doc[1 : root.i] if t.pos_ in ("NOUN", "PROPN")), None)
    if first is None:
        return doc
    # The subject's head: the last noun of the run that follows the first, before any comma.
    rest = []
    for t in doc[first.i + 1 : root.i]:
        if t.is_punct:
            break
        rest.append(t)
    if (
        not rest
        or rest[-1].pos_ not in ("PROPN", "NOUN")
        or any(t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") and t.tag_ != "POS" for t in rest)
    ):
        return doc
    subject = rest[-1]
    if not (subject.dep_ == "pobj" and subject.head.i == prep.i):
        return doc
    # After the subject, only a parenthetical between commas ("…, citing an official,") and the verb's helpers.
    after = list(doc[subject.i + 1 : root.i])
    while after and after[-1].head.i == root.i and after[-1].dep_ in ("aux", "auxpass", "advmod", "neg"):
        after.pop()
    if after and not (after[0].text == "," and after[-1].text == "," and all(t.head.i != subject.i for t in after)):
        return doc
    passive = any(c.dep_ == "auxpass" for c in root.children)
    for t in doc[prep.i + 1 : first.i]:
        if t.head.i == subject.i:
            t.head = first  # "Within two days": the count stays with the days
    first.head, first.dep_ = prep, "pobj"
    for t in rest[:-1]:
        if t.head.i <= first.i:
            t.head = subject  # a word of the subject hung on the fronted phrase goes with the subject
    subject.head, subject.dep_ = root, "nsubjpass" if passive else "nsubj"
    return doc


def mend_verbless_roots(doc: Doc) -> Doc:
    """Give a sentence back its verb when the model read it as a modifier of its object ("The State
    Department, for its part, designated companies …": "designated" read as describing the companies, the
    department left as a verbless root). After the subject and a comma, a past tense right before a noun,
    in a sentence with no other finite verb, is the main verb: the subject does it to the noun."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return doc
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc):
        return doc
    verb = next(
        (
            t
            for t in doc[root.i + 1 :]
            if t.tag_ in ("VBD", "VBN")
            and t.dep_ == "amod"
            and t.head.i == t.i + 1
            and t.head.pos_ in ("NOUN", "PROPN")
            and doc[t.i - 1].text == ","
        ),
        None,
    )
    if verb is None:
        return doc
    obj = verb.head
    verb.pos_, verb.tag_ = "VERB", "VBD"
    make_root(verb, [root], "nsubj", "VBD")
    obj.head, obj.dep_ = verb, "dobj"
    for t in doc[root.i + 1 : verb.i]:
        if t.head.i == obj.i:
            t.head = verb  # "for its part" and its commas belong to the clause, not to the companies
    return doc


def mend_named_after_description(doc: Doc) -> Doc:
    """Hang a name on the description right before it ("sanctions on Russian oil majors Rosneft and Lukoil": the
    model gives "on" two objects, the majors and Rosneft). A proper noun that is a second object of the same
    word, right after the first, is that object's apposition: the names say which majors."""
    for tok in doc:
        if tok.dep_ not in ("pobj", "dobj") or tok.pos_ != "PROPN" or tok.i == 0:
            continue
        first = doc[tok.i - 1]
        if (
            first.dep_ == tok.dep_
            and first.head.i == tok.head.i
            and first.pos_ == "NOUN"
            and tok.left_edge.i == tok.i
            and not any(c.dep_ in ("cc", "conj") for c in first.children)
        ):
            tok.head, tok.dep_ = first, "appos"
    return doc


def mend_said_that_after_time(doc: Doc) -> Doc:
    """Give a verb of saying back its "that" clause when a time phrase stands between them ("stated the same day
    that Ukrainian forces still control …": the model reads the clause as describing the day). A clause opened by
    the conjunction "that" (a mark, not a relative pronoun) on a time noun that modifies a verb is that verb's."""
    for clause in doc:
        if clause.dep_ != "relcl" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            continue
        noun = clause.head
        verb = noun.head
        if noun.dep_ in ("npadvmod", "tmod") and verb.pos_ in ("VERB", "AUX") and noun.i < clause.i:
            clause.head, clause.dep_ = verb, "ccomp"
    return doc


# Words that open a sentence as a quantifier ("Around SEK 1.6 billion …", "About 40 tankers …"), which the small
# model reads as a preposition.
_APPROXIMATELY = {"around", "about", "some", "nearly", "roughly", "approximately", "almost", "over", "up"}


def mend_quantity_openings(doc: Doc) -> Doc:
    """Give the root verb back its subject when a sentence opens with an approximate amount ("Around SEK 1.6 billion
    of the total is to be spent on …": "Around" read as a preposition, the sum as its object, "is" with no subject).
    The amount is the subject; "around" modifies it."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    first = doc[0] if len(doc) else None
    if root is None or first is None or root.pos_ not in ("VERB", "AUX") or first.lower_ not in _APPROXIMATELY:
        return doc
    if first.dep_ != "prep" or first.head.i != root.i or any(c.dep_ in _SUBJECTS for c in root.children):
        return doc
    amount = next((c for c in first.children if c.dep_ == "pobj"), None)
    if amount is None or not any(t.like_num for t in amount.subtree) or amount.i > root.i:
        return doc
    passive = any(c.dep_ == "auxpass" for c in root.children) or any(
        c.dep_ == "xcomp" and any(a.dep_ == "auxpass" for a in c.children) for c in root.children
    )
    amount.head, amount.dep_ = root, "nsubjpass" if passive else "nsubj"
    first.head, first.dep_ = amount, "advmod"
    return doc


# Words that add to a list after a report set inside it: "X includes A, officials said, as well as B".
_ADDING = {"as", "plus", "including", "along"}
_OPENING_WORDS = {"as", "well", "plus", "including", "along", "with"}
_NOMINAL_DEPS = {"npadvmod", "dobj", "attr", "appos", "conj", "oprd", "dep"}


def mend_additions_after_report(doc: Doc) -> Doc:
    """Give a reported clause back the items that follow its report ("The package includes $1.3 billion in budget
    support, officials said, as well as 150 generators and 30 vehicles": the model hangs "150 generators" on
    "said"). A noun after the report, opened by "as well as", "plus", "including" or "along with", joins the
    object of the reported clause as one more of its conjuncts."""
    for verb in doc:
        if verb.dep_ != "ROOT" or verb.lemma_.lower() not in _REPORTING:
            continue
        reported = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        if reported is None:
            continue
        obj = next((c for c in reported.children if c.dep_ in ("dobj", "attr")), None)
        if obj is None:
            continue
        for added in [c for c in verb.children if c.i > verb.i and c.dep_ in _NOMINAL_DEPS]:
            if added.pos_ not in ("NOUN", "PROPN", "NUM"):
                continue
            first = added.left_edge.i
            while first > verb.i + 1 and doc[first - 1].lower_ in _OPENING_WORDS:
                first -= 1  # the parse may hang "as well as" on the report rather than on the item
            opening = []
            for word in doc[first : added.i]:
                if word.lower_ not in _OPENING_WORDS:
                    break
                opening.append(word)
            if not opening or opening[0].lower_ not in _ADDING or doc[first - 1].text != ",":
                continue
            for word in opening:
                word.head, word.dep_ = obj, "cc"  # "as well as" joins the list; it is no part of the item
            added.head, added.dep_ = obj, "conj"
    return doc


def mend_reports_in_relatives(doc: Doc) -> Doc:
    """Give a main verb back its subject when a relative clause with a report inside it stands between them
    ("Meridian LLC, a manager that London said operates a dozen of the ships, was also designated": the model reads
    "LLC" as the subject of "operates" and "operates" as the main verb's complement). The reported verb belongs to
    the report in the relative clause; its subject is the main verb's."""
    for main in doc:
        if main.pos_ not in ("VERB", "AUX") or main.dep_ != "ROOT" or any(c.dep_ in _SUBJECTS for c in main.children):
            continue
        inner = next((c for c in main.children if c.dep_ == "ccomp" and c.i < main.i), None)
        if inner is None:
            continue
        subject = next((c for c in inner.children if c.dep_ == "nsubj" and c.i < inner.i), None)
        if subject is None:
            continue
        report = next(
            (
                t
                for t in subject.subtree
                if t.dep_ == "relcl"
                and t.lemma_.lower() in _REPORTING
                and t.i < inner.i
                and not any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
            ),
            None,
        )
        if report is None:
            continue
        passive = any(c.dep_ == "auxpass" for c in main.children)
        subject.head, subject.dep_ = main, "nsubjpass" if passive else "nsubj"
        inner.head, inner.dep_ = report, "ccomp"
    return doc


def mend_conjoined_conditions(doc: Doc) -> Doc:
    """Read "agreed to ship missiles …, but only on condition that …" with the condition on the shipping: the model
    coordinates the preposition with the main verb ("on" as a conjunct of "agreed"). A preposition that is a verb's
    conjunct modifies the verb the sentence's action is, the last verb before it of the main verb's complements."""
    for prep in doc:
        if prep.dep_ != "conj" or prep.pos_ != "ADP" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        head = prep.head
        acting = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i < prep.i]
        prep.head, prep.dep_ = (acting[-1] if acting else head), "prep"
    return doc
