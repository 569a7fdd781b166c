"""Spelling that depends on a word's role: practice/practise and licence/license.

Outside the US these pairs are spelt by part of speech: the noun is "practice" and
"licence", the verb "practise" and "license" (VarCon 2020.12.07, the ``<N>`` and ``<V>``
lines of the practice and license clusters). VarCon's C column follows B for both, so
Canada is checked like Britain; the US writes "practice" and "license" for both, and
the VarCon table (spelling.variant) already flags "practise" and "licence" there.

The role is read from the neighbouring words by ``word_role``: a short list of signs
a reader would point at (a determiner or possessive before it: a noun; "to", a modal
verb or a pronoun subject before it: a verb). A word with no clear sign is left alone:
a false alarm costs more than a missed one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from onshore.marketfit._registry import Context, Example, Hit, match_case, register
from onshore.marketfit._spelling_names import is_named
from onshore.marketfit._text import Word, is_sentence_start

Role = Literal["noun", "verb"]


def words(text: str) -> frozenset[str]:
    """The words of ``text``, split at spaces: long lists read better as prose."""
    return frozenset(text.split())


# Form -> (the role it is wrong in, the form to write instead) outside the US.
PAIRED_FORMS: dict[str, tuple[Role, str]] = {
    "practice": ("verb", "practise"),
    "practices": ("verb", "practises"),
    "practise": ("noun", "practice"),
    "practises": ("noun", "practices"),
    "license": ("noun", "licence"),
    "licenses": ("noun", "licences"),
    "licence": ("verb", "license"),
    "licences": ("verb", "licenses"),
}
# Verb-only forms spelt with the noun's c: wrong in every English market (VarCon marks
# them a British variant of the verb, but every British dictionary writes "licensed").
VERB_ONLY_FORMS = {"licenced": "licensed", "licencing": "licensing", "unlicenced": "unlicensed"}

DETERMINERS = words(
    "a an the this these those my your our his her its their every each any no some "
    "which whose what another such one first"
)
# Words that make the next word a noun: adjectives and nouns used as modifiers that
# posts put before "practice" and "licence".
NOUN_MODIFIERS = words(
    "good best bad common standard general private public group family dental medical "
    "clinical legal law veterinary vet nursing gp music piano choir band team squad "
    "football rugby netball cricket hockey soccer basketball tennis golf swim yoga "
    "daily weekly regular extra more less much enough plenty lots hours years "
    "driving drivers learner learners provisional full valid current new expired "
    "liquor alcohol premises fishing hunting firearms gun pilot marriage software "
    "open creative commons trading business taxi tv television broadcast export import "
    "operating building planning late-night late late night entertainment"
)
# Words that, straight after, make the word a noun used as a modifier.
NOUN_HEADS = words(
    "plate plates fee fees holder holders number numbers session sessions match "
    "matches test tests round rounds nurse nurses manager managers area room rooms "
    "exam exams paper papers game games squad kit key keys terms agreement agreements "
    "condition conditions application applications renewal renewals points suspension "
    "owner owners staff guide guidelines standards tips drills time times partner "
    "partners period type class classes course courses requirements holder's "
    "questions problems exercises sets material materials quiz quizzes"
)
# A preposition other than "to" is followed by a noun, never by a bare verb.
PREPOSITIONS = words(
    "in into of for at with without after before during from by on about through via under"
)
PRONOUN_SUBJECTS = words("i we you they")
THIRD_PERSON_SUBJECTS = words("he she who it")
ADVERBS = words("always never often also still usually regularly really just")
# Modal and auxiliary verbs and the adverbs that sit between them and a verb.
VERB_CUES = words(
    "can could will would shall should may might must cannot can't won't wouldn't "
    "shouldn't couldn't mustn't don't doesn't didn't do does did let's please "
    "we'll i'll you'll they'll we'd i'd "
    "you'd they'd we've i've you've they've"
)
# Words after which "to" is a preposition, so "to practice" is the noun.
TO_TAKES_NOUN = words(
    "back return returned returning returns come comes coming came go goes going went "
    "welcome late new due commitment dedication dedicated devoted committed apply "
    "applies applied key close access changes change amendments subject related "
    "according contrary add added adds transfer transferred move moved moving moves "
    "referral referred refer join joined joining attached invited welcomed open "
    "next similar compared relevant thanks listen talk speak write send sent report "
    "sold given belongs"
)
# Words after which "to" can go either way ("get to practice" / "get to practise").
TO_EITHER = words("get got getting gets up way time chance")
# The next word when "Practice ..." opening a sentence is the subject, not an order.
SUBJECT_FOLLOWERS = words(
    "is was are were has had makes made will would can could should must may might "
    "starts begins ends runs opens closes"
)
OBJECT_STARTERS = words("your the a an our it them my his her their")


def previous_word(words: list[Word], index: int, masked: str) -> str | None:
    """The word before ``words[index]`` in the same sentence, lower-cased, or None."""
    if index == 0 or is_sentence_start(masked, words[index].start):
        return None
    before = words[index - 1]
    between = masked[before.end : words[index].start]
    if between.strip(" \t,") != "":
        return None  # a quotation, bracket or other break between them
    return before.lower


def words_before(words: list[Word], index: int, masked: str, count: int) -> list[str]:
    """Up to ``count`` words before ``words[index]`` in its sentence, nearest first."""
    found: list[str] = []
    while len(found) < count:
        word = previous_word(words, index - len(found), masked)
        if word is None:
            break
        found.append(word)
    return found


def next_word(words: list[Word], index: int, masked: str) -> str | None:
    if index + 1 >= len(words):
        return None
    after = words[index + 1]
    if masked[words[index].end : after.start].strip(" \t") not in ("", "-"):
        return None
    return after.lower


def word_role(words: list[Word], index: int, masked: str) -> Role | None:
    """Whether ``words[index]`` is used as a noun or a verb, or None when its
    neighbours do not say. The signs, strongest first:
    - before it a determiner, possessive or preposition ("the", "the clinic's", "in
      practice"): noun;
    - before it a subject pronoun that agrees with the form ("we practise", "she
      practises"), or a modal verb or "to" before the bare form ("can practise",
      "to license"), maybe with an adverb between ("we always practise"): verb,
      unless a noun it could modify follows ("do practice tests": no finding);
      after "to", not when the word before "to" takes a noun ("back to practice")
      or a "from" comes just before ("from theory to practice");
    - before it an adjective or noun that modifies nouns ("dental", "driving"): noun;
    - after it a noun it modifies ("licence plate", "practice session"): noun;
    - opening a sentence: a verb when an object follows ("Practise your serve"), a
      noun when a verb follows ("Practice makes perfect")."""
    before = previous_word(words, index, masked)
    after = next_word(words, index, masked)
    third_person = words[index].lower.endswith("s")  # practises, licences
    if before is None:
        if index == 0 or is_sentence_start(masked, words[index].start):
            if after in OBJECT_STARTERS and not third_person:
                return "verb"
            if after in SUBJECT_FOLLOWERS or after in NOUN_HEADS:
                return "noun"
        return None
    if before in DETERMINERS or before in PREPOSITIONS or before.endswith(("'s", "’s")):
        return "noun"
    if before in ADVERBS:  # "we always practise": read the word before the adverb
        before = previous_word(words, index - 1, masked)
        if before is None or before in DETERMINERS or before in NOUN_MODIFIERS:
            return None
    if before == "to":
        return role_after_to(words, index, masked, after)
    if (
        third_person
        and before in THIRD_PERSON_SUBJECTS
        or (not third_person and (before in PRONOUN_SUBJECTS or before in VERB_CUES))
    ):
        return None if after in NOUN_HEADS else "verb"
    if before in NOUN_MODIFIERS or after in NOUN_HEADS:
        return "noun"
    return None


def role_after_to(words: list[Word], index: int, masked: str, after: str | None) -> Role | None:
    """The role of ``words[index]`` after "to": a noun after a word that takes one
    ("back to practice") or in "from ... to practice", else the infinitive's verb
    (not for "practises", which no infinitive is, nor before a noun it may modify)."""
    earlier = words_before(words, index - 1, masked, 4)  # the words before "to"
    if earlier[:1] and earlier[0] in TO_TAKES_NOUN or "from" in earlier:
        return "noun"
    if (
        earlier[:1]
        and earlier[0] in TO_EITHER
        or after in NOUN_HEADS
        or words[index].lower.endswith("s")
    ):
        return None
    return "verb"


@register(
    "spelling.noun_verb",
    "spelling",
    "warning",
    "{readers} spell the {role} '{suggestion}'",
    english_only=True,
    trigger_words=(*PAIRED_FORMS, *VERB_ONLY_FORMS),
    examples=[
        Example("You'll need a valid driving license to hire the van.", "GB", "license"),
        Example("Our dental practise is open on Saturdays.", "GB", "practise"),
        Example("We practice what we preach.", "AU", "practice"),
        Example("You should practice every day.", "CA", "practice"),
        Example("We will licence the design to three brands.", "IE", "licence"),
        Example("Fully licenced bar and restaurant.", "GB", "licenced"),
        Example("Fully licenced bar and restaurant.", "US", "licenced"),
        Example("We license our photos to magazines.", "GB", None),
        Example("Renew your licence before it expires.", "GB", None),
        Example("The practice is open late on Thursdays.", "ZA", None),
        Example("Practise your serve before the match.", "IN", None),
        Example("We practice what we preach.", "US", None),
        Example("Renew your license online.", "US", None),
        Example("Welcome back to practice, everyone!", "GB", None),
        Example("Practice makes perfect.", "GB", None),
        Example("Book a session at Harley Street Practise Rooms.", "GB", None),
    ],
)
def detect_noun_verb(context: Context) -> Iterator[Hit]:
    doc = context.doc
    masked = doc.masked
    words = doc.words
    outside_us = context.english_variant != "US"
    for index, word in enumerate(words):
        lower = word.lower
        fixed = VERB_ONLY_FORMS.get(lower)
        if fixed is not None:
            if not is_named(doc, word.start, word.end):
                yield Hit(word.start, word.end, match_case(word.text, fixed), {"role": "verb"})
            continue
        paired = PAIRED_FORMS.get(lower) if outside_us else None
        if paired is None:
            continue
        wrong_in, replacement = paired
        if word_role(words, index, masked) != wrong_in or is_named(doc, word.start, word.end):
            continue
        if number_plate(context, words, index):
            continue
        yield Hit(word.start, word.end, match_case(word.text, replacement), {"role": wrong_in})


def number_plate(context: Context, words: list[Word], index: int) -> bool:
    """Whether ``words[index]`` is "license" in "license plate" outside Canada: the
    British, Irish and Australian word is "number plate", a vocabulary finding."""
    return (
        words[index].lower.startswith("license")
        and context.english_variant != "CA"
        and next_word(words, index, context.doc.masked) in ("plate", "plates")
    )
