"""Spellings that belong to a name or to someone else's words, which no market's
spelling rule may "correct".

- Names: a word that looks like a proper noun (``Document.is_name_at``: capitalised
  mid-sentence, part of a run of capitalised words, or in capitals), or one inside a
  well-known name from data/spelling_names.json ("Pearl Harbor", "Under Armour",
  "earl grey"), found whatever the post's capitalisation.
- Quotations: the tokenizer blanks every "quoted text" for all rules. The spelling
  rules read a quotation again when it is nobody else's words: not attributed ("she
  said", "according to", "—Sam", a star rating or review before it), not a name
  introduced by "called" or "named" or a word talked about ("the word"), and not a
  title (every longer word capitalised). Scare quotes are the author's own spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from onshore.marketfit._data import _load
from onshore.marketfit._text import Document, tokenize


@cache
def listed_names() -> dict[str, tuple[str, ...]]:
    """Lower-case word -> the listed names (lower case) that hold it."""
    table: dict[str, list[str]] = _load("spelling_names.json")
    return {word: tuple(names) for word, names in table.items()}


def is_named(doc: Document, start: int, end: int) -> bool:
    """Whether the word at ``start``..``end`` is part of a name."""
    return doc.is_name_at(start, end) or in_listed_name(doc.masked, start, end)


def in_listed_name(masked: str, start: int, end: int) -> bool:
    """Whether the word at ``start``..``end`` lies inside a listed name written in
    ``masked`` (any case; ’ read as ')."""
    word = masked[start:end].lower().replace("’", "'")
    names = listed_names().get(word.removesuffix("'s"))
    if not names:
        return False
    for name in names:
        low = max(0, start - len(name))
        window = masked[low : end + len(name)].lower().replace("’", "'")
        if len(window) != min(len(masked), end + len(name)) - low:
            continue  # a character whose lower case is longer: offsets would not hold
        at = window.find(name)
        while at >= 0:
            begin = low + at
            if begin <= start and end <= begin + len(name) and _whole(window, at, len(name)):
                return True
            at = window.find(name, at + 1)
    return False


def _whole(window: str, at: int, length: int) -> bool:
    """Whether ``window[at:at + length]`` is not part of a longer word."""
    before = window[at - 1] if at > 0 else " "
    after = window[at + length] if at + length < len(window) else " "
    return not (before.isalnum() or after.isalnum())


# Attribution near a quotation: a verb of saying or a source.
_SAYING = (
    r"said|says|say|saying|writes|wrote|written|told|tells|asked|asks|added|adds|"
    r"explains?|explained|notes|noted|commented|comments|tweeted|posted|recalls|recalled|"
    r"insists|insisted|replied|replies|reckons|reckoned|declared|quipped|joked|"
    r"according to|in the words of|quoting|quoted|puts it|put it"
)
_SOURCES = r"reviews?|reviewers?|reviewed|customers?|feedback|testimonials?|rated|stars?"
# Anywhere in the sentence before the quotation.
ATTRIBUTION_BEFORE = re.compile(rf"\b(?:{_SAYING}|{_SOURCES})\b|[★⭐]", re.IGNORECASE)
# Within the first few words after it: '..." she said', '..." says Sam', '..." 5 stars'.
ATTRIBUTION_AFTER = re.compile(
    rf"[\s,]*(?:[\w'’]+\s+){{0,3}}?(?:{_SAYING}|{_SOURCES})\b|\s*[★⭐]", re.IGNORECASE
)
# "—Sam", "– Priya, Leeds" or " - Jo" straight after the closing quotation mark.
SIGNED_AFTER = re.compile(r"\s*[—–―]\s*\w|\s+-\s*[A-Z]")
# "Sam:" or "Chef Tom:" just before the opening quotation mark.
SPEAKER_BEFORE = re.compile(r"(?:^|[^\w])[A-Z][a-z]+\s*:\s*$")
# A name introduced just before the quotation: 'a café called "Color Bar"'.
NAMED_BEFORE = re.compile(
    r"\b(?:called|named|titled|entitled|dubbed|nicknamed|known as|calls? (?:it|them)|"
    r"brand|brand name|trademark|the word|the words|spelt|spelled|spelling|spell)\s*$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
ATTRIBUTION_REACH = 80  # characters looked at on each side of a quotation


def is_attributed(text: str, start: int, end: int) -> bool:
    """Whether the quotation at ``start``..``end`` (marks included) is someone else's
    words: an attribution in its sentence before it or in the words after it."""
    before = text[max(0, start - ATTRIBUTION_REACH) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = text[end : end + ATTRIBUTION_REACH]
    stop = _SENTENCE_BREAK.search(after)
    if stop is not None:
        after = after[: stop.start()]
    return (
        ATTRIBUTION_BEFORE.search(before) is not None
        or SPEAKER_BEFORE.search(before) is not None
        or SIGNED_AFTER.match(text, end) is not None
        or ATTRIBUTION_AFTER.match(after) is not None
    )


def is_title(inner: str) -> bool:
    """Whether a quotation reads as the title of a work or product ("Colors", "The
    Color Purple"): every word of four letters or more is capitalised."""
    long_words = [word for word in _TITLE_WORDS.findall(inner) if len(word) >= 4]
    return bool(long_words) and all(word[0].isupper() for word in long_words)


_TITLE_WORDS = re.compile(r"[^\W\d_]+")


def introduces_name(text: str, start: int) -> bool:
    return NAMED_BEFORE.search(text[max(0, start - 30) : start]) is not None


def own_quotations(
    doc: Document, glossary: Iterable[str], wanted: frozenset[str]
) -> Iterator[tuple[int, Document]]:
    """For each quotation in ``doc`` that the spelling rules read (see the module
    docstring) and that holds one of the lower-case ``wanted`` words: the offset of its
    inner text in the post, and that text tokenized on its own."""
    text = doc.text
    for start, end in doc.quotes:
        inner = text[start + 1 : end - 1]
        if not wanted.intersection(_WORDS.findall(inner.lower())):
            continue
        if is_title(inner) or is_attributed(text, start, end) or introduces_name(text, start):
            continue
        yield start + 1, tokenize(inner, glossary)


_WORDS = re.compile(r"[a-z]+")
