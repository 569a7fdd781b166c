"""One tokenizing pass per post, shared by every rule.

The text is copied into ``masked``: the same length (so offsets stay valid) but with
everything a rule must never look at replaced by spaces: URLs, @mentions (including
Mastodon's @user@instance), #hashtags, $cashtags, e-mail addresses, code spans and
blocks, quoted text, glossary terms, and suppressed text.

Inline suppression
------------------
``<!-- onshore-ignore -->`` silences every rule from the comment to the end of its
line. ``<!-- onshore-ignore: spelling, vocabulary.fall -->`` silences only the listed
categories or rule ids there. The comment itself is never checked. Use it for the
odd deliberate choice; use the workspace glossary for words you always accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

SUPPRESSION = re.compile(r"<!--\s*onshore-ignore(?:\s*:\s*(?P<only>[^>]*?))?\s*-->")

_TLDS = r"(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|dev|app|ly|gov|edu|info|biz|me|shop)"
PROTECTED = re.compile(
    r"```.*?(?:```|\Z)"  # code block
    r"|`[^`\n]+`"  # inline code
    r"|\bhttps?://[^\s<>\"]+"  # URL with scheme
    r"|\bwww\.[^\s<>\"]+"  # URL without scheme
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail (before mentions: both contain @)
    r"|(?<![\w@])@\w[\w.]*(?:@[\w-]+(?:\.[\w-]+)+)?"  # @mention, maybe remote
    r"|(?<![\w&#])#\w+"  # hashtag
    r"|(?<![\w$])\$[A-Za-z]{1,6}\b"  # cashtag ($AAPL); money always has a digit
    r"|\b[\w-]+(?:\.[\w-]+)*\." + _TLDS + r"\b(?:/[^\s<>\"]*)?"  # bare domain
    r"|\"[^\"\n]{1,280}\""  # "quoted text"
    r"|“[^”\n]{1,280}”"  # “curly quotes”
    r"|«[^»\n]{1,280}»",
    re.DOTALL | re.IGNORECASE,
)
# Trailing punctuation ends a sentence, not a URL.
_URL_TRAILING = ".,;:!?)]}'’"

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = set('.!?:;\n"“”()[]•*-–—|>')


class Word(NamedTuple):  # a NamedTuple: built ~40 times per post, so cheap matters
    start: int
    end: int
    text: str
    lower: str
    is_name: bool  # capitalized mid-sentence, part of a Title Case run, or all caps


@dataclass
class Document:
    text: str
    masked: str
    words: list[Word]
    # (start, end, rule-or-category names or None for all) silenced by comments
    suppressed: list[tuple[int, int, frozenset[str] | None]] = field(default_factory=list)
    lower_masked: str = ""

    @cached_property
    def name_starts(self) -> frozenset[int]:
        """Start offsets of words that look like proper nouns."""
        return frozenset(word.start for word in self.words if word.is_name)

    def is_suppressed(self, start: int, rule_id: str, category: str) -> bool:
        for begin, end, only in self.suppressed:
            if begin <= start < end and (
                only is None or rule_id in only or category in only or _prefix_in(rule_id, only)
            ):
                return True
        return False


def _prefix_in(rule_id: str, names: frozenset[str]) -> bool:
    return any(rule_id.startswith(name + ".") for name in names)


def tokenize(text: str, glossary: Iterable[str] = ()) -> Document:
    chars = list(text)
    suppressed = _mask_suppressions(text, chars)
    for match in PROTECTED.finditer(text):
        start, end = match.span()
        if match.group(0)[0].isalnum() or match.group(0).startswith(("http", "www")):
            end = start + len(match.group(0).rstrip(_URL_TRAILING))
        _blank(chars, start, end)
    masked = "".join(chars)
    masked = _mask_glossary(masked, glossary)
    return Document(
        text=text,
        masked=masked,
        words=_words(masked),
        suppressed=suppressed,
        lower_masked=masked.lower(),
    )


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def _mask_suppressions(text: str, chars: list[str]) -> list[tuple[int, int, frozenset[str] | None]]:
    found: list[tuple[int, int, frozenset[str] | None]] = []
    if "onshore-ignore" not in text:
        return found
    for match in SUPPRESSION.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        only = match.group("only")
        names = frozenset(n.strip() for n in only.split(",") if n.strip()) if only else None
        _blank(chars, match.start(), match.end())
        found.append((match.start(), line_end, names))
    return found


def _mask_glossary(masked: str, glossary: Iterable[str]) -> str:
    terms = sorted({t.strip() for t in glossary if t.strip()}, key=len, reverse=True)
    if not terms:
        return masked
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    return pattern.sub(lambda m: " " * len(m.group(0)), masked)


def _words(masked: str) -> list[Word]:
    words: list[Word] = []
    matches = list(WORD.finditer(masked))
    for index, match in enumerate(matches):
        token = match.group(0)
        start = match.start()
        words.append(
            Word(start, match.end(), token, token.lower(), _looks_like_name(masked, matches, index))
        )
    return words


def _looks_like_name(masked: str, matches: list[re.Match[str]], index: int) -> bool:
    """Proper nouns (Pearl Harbor, Labor Day) must not be 'corrected'. A capitalized
    word mid-sentence is taken as a name; at a sentence start it is one only when the
    next word is capitalized too (Title Case run)."""
    token = matches[index].group(0)
    if not token[0].isupper():
        return False
    if len(token) > 1 and token.isupper():
        return True
    if not is_sentence_start(masked, matches[index].start()):
        return True
    following = matches[index + 1].group(0) if index + 1 < len(matches) else ""
    adjacent = index + 1 < len(matches) and _only_spaces_between(
        masked, matches[index].end(), matches[index + 1].start()
    )
    return adjacent and following[:1].isupper()


def _only_spaces_between(masked: str, start: int, end: int) -> bool:
    return end - start <= 2 and not masked[start:end].strip()


def is_sentence_start(masked: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and masked[index] in " \t":
        index -= 1
    if index < 0:
        return True
    previous = masked[index]
    return previous in _SENTENCE_END or not previous.isascii()
