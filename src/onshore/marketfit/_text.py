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
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

SUPPRESSION = re.compile(r"<!--\s*onshore-ignore(?:\s*:\s*(?P<only>[^>]*?))?\s*-->")

_TLDS = r"(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|dev|app|ly|gov|edu|info|biz|me|shop)"
_PROTECTED_FLAGS = re.DOTALL | re.IGNORECASE
# Text no rule may read, by kind, in the order the scan tries them. The patterns are
# written for speed without changing what they match: a lookbehind comes after the
# character it guards ("#(?<![\w&#]#)" is "(?<![\w&#])#"), so the scan can skip to
# that character, and a run that can never end in what follows it is atomic ("(?>...)"),
# so the scan does not retry every shorter run.
PROTECTED_KINDS = (
    r"```.*?(?:```|\Z)"  # code block
    r"|`[^`\n]+`",  # inline code
    r"\bhttps?://[^\s<>\"]+"  # URL with scheme
    r"|\bwww\.[^\s<>\"]+",  # URL without scheme
    r"(?>[\w.+-]+)@[\w-]+(?:\.[\w-]+)+",  # e-mail (before mentions: both contain @)
    r"@(?<![\w@]@)\w[\w.]*(?:@[\w-]+(?:\.[\w-]+)+)?",  # @mention, maybe remote
    r"#(?<![\w&#]#)\w+",  # hashtag
    r"\$(?<![\w$]\$)[A-Za-z]{1,6}\b",  # cashtag ($AAPL); money always has a digit
    r"\b(?>[\w-]+)(?:\.[\w-]+)*\." + _TLDS + r"\b(?:/[^\s<>\"]*)?",  # bare domain
    r"\"[^\"\n]{1,280}\""  # "quoted text"
    r"|“[^”\n]{1,280}”"  # “curly quotes”
    r"|«[^»\n]{1,280}»",
)
_WWW_DOT = re.compile(r"\.(?<=www\.)", _PROTECTED_FLAGS)
# An e-mail address has a character of its local part just before its "@"; a mention
# has none. A post whose every "@" starts a mention is not scanned for e-mail, which
# would try every character of every word for a local part.
_EMAIL_AT = re.compile(r"@(?<=[\w.+-]@)", _PROTECTED_FLAGS)
# A dot, then a top-level domain. The lookahead is not needed for what it matches (a
# domain starts with a letter, and whatever a letter matches ignoring case is a word
# character); it lets the scan leave the dots that end sentences after one test
# instead of trying every domain there.
_DOMAIN_END = re.compile(r"\.(?=\w)" + _TLDS + r"\b", _PROTECTED_FLAGS)


def protected_kinds(text: str) -> tuple[bool, ...]:
    """Per kind in PROTECTED_KINDS, False when ``text`` cannot hold one (it lacks the
    character or string every match of that kind contains)."""
    dotted = "." in text
    return (
        "`" in text,
        # "www." (any case) ends in "w." or "W.": a cheap test before the search.
        "://" in text
        or (dotted and ("w." in text or "W." in text) and _WWW_DOT.search(text) is not None),
        "@" in text and _EMAIL_AT.search(text) is not None,
        "@" in text,
        "#" in text,
        "$" in text,
        dotted and _DOMAIN_END.search(text) is not None,
        '"' in text or "“" in text or "«" in text,
    )


# Trailing punctuation ends a sentence, not a URL.
_URL_TRAILING = ".,;:!?)]}'’"

_DIGIT = re.compile(r"\d")
_NOT_YET = -2  # Document.first_digit before it is looked for

# re's \s in a str pattern also matches these four ASCII separators; under re.ASCII it
# does not. Everywhere else on ASCII text \d, \w, \s, \b and case-insensitive
# letters mean the same in both modes (tests/marketfit/test_fast_paths.py checks all 128
# characters), and the ASCII mode reads them from a small table instead of the Unicode
# database: scans run on such text with the pattern compiled with re.ASCII.
_UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"
# Letters whose case-insensitive match is an ASCII letter (İ ı ſ K): a pattern holding
# one may match ASCII text only in Unicode mode, so it keeps no ASCII twin.
_ASCII_CASE_TWINS = "\u0130\u0131\u017f\u212a"


def is_plain_ascii(text: str) -> bool:
    """Whether every pattern finds on ``text`` under re.ASCII what it finds without."""
    return text.isascii() and not any(char in text for char in _UNICODE_ONLY_SPACES)


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled with re.ASCII (itself when it holds a case twin), for text
    that ``is_plain_ascii``."""
    known = _ASCII_TWINS.get(id(pattern))
    if known is not None:
        return known[1]
    source = pattern.pattern
    twin = pattern
    if not any(char in source for char in _ASCII_CASE_TWINS):
        twin = re.compile(source, (pattern.flags & ~re.UNICODE) | re.ASCII)
    _ASCII_TWINS[id(pattern)] = (pattern, twin)
    return twin


# id(pattern) -> (pattern, its twin). Keyed by identity: a Pattern hashes its whole
# source on every lookup. The pattern is kept in the value, so its id stays its own.
_ASCII_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def case_sensitive_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive ``pattern`` written in lower case, compiled without
    re.IGNORECASE, for lower-cased text; ``pattern`` itself when it is not such a
    pattern."""
    known = _CASE_SENSITIVE_TWINS.get(id(pattern))
    if known is not None:
        return known[1]
    source = pattern.pattern
    twin = pattern
    if pattern.flags & re.IGNORECASE and source == source.lower():
        twin = re.compile(source, pattern.flags & ~re.IGNORECASE)
    _CASE_SENSITIVE_TWINS[id(pattern)] = (pattern, twin)
    return twin


_CASE_SENSITIVE_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
LETTERS = re.compile(r"[A-Za-z]+")
# Characters that a case-insensitive regex matches as an ASCII letter although they are
# not one (Python's re: dotted/dotless I, long s, Kelvin sign). Word triggers read the
# text with these folded, so they never miss what a rule's regex would match.
_IGNORECASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def has_case_twin(text: str) -> bool:
    """Whether ``text`` holds one of those characters (four substring tests: several
    times cheaper than a regex, which tests each character against a class)."""
    return not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    )


# For bytes.translate: A-Z to a-z, a-z kept, every other byte (digits, punctuation,
# the bytes of UTF-8 sequences, which are all 0x80 or more) to a space.
_LOWER_LETTERS_ONLY = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)


def _letter_runs(text: str) -> list[str]:
    """The runs of ASCII letters in ``text``, lower-cased; working on the UTF-8 bytes
    makes this several times faster than a regex."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(_LOWER_LETTERS_ONLY).decode("ascii").split()


def word_first(alternatives: tuple[str, ...]) -> str:
    """The regex ``"|".join(alternatives)``, with each alternative written ``\\bWord...``
    turned into ``Word(?<!\\wWord)...``: the same matches (a word boundary before a word
    character means no word character before it), but the regex engine can skip to
    the word, or to the first letters of the alternatives, instead of trying every
    position. Alternatives that do not start with a word are kept as they are."""
    return "|".join(_word_first(alternative) for alternative in alternatives)


def _word_first(alternative: str) -> str:
    lead = _LEADING_WORD.match(alternative)
    if lead is None:
        return alternative
    word, rest = lead.group(1), alternative[lead.end() :]
    if rest[:1] in ("?", "*", "+", "{"):  # the quantifier belongs to the word's last character
        word, rest = word[:-1], word[-1] + rest
    if not word:
        return alternative
    return word + r"(?<!\w" + word + ")" + rest


_LEADING_WORD = re.compile(r"\\b([A-Za-z0-9][A-Za-z0-9 ]*)")


class AnyCaseWords:
    """Words and phrases, each a regex alternative such as r"\\bhappy\\b" written in
    lower case, that a rule asks about ignoring case: does the post hold one? Asked of
    the lower-cased text with a case-sensitive, word-first regex (see word_first), where
    the regex engine can skip to the letters the alternatives start with; a case-
    insensitive regex tries every position. That gives the same answer unless the post
    holds one of the characters only a case-insensitive match maps onto an ASCII letter
    (İ ı ſ K, see has_case_twin); then the regex as written answers."""

    def __init__(self, alternatives: tuple[str, ...]) -> None:
        if any(alternative != alternative.lower() for alternative in alternatives):
            raise ValueError("write the alternatives in lower case")
        self.written = re.compile("|".join(alternatives), re.IGNORECASE)
        self.lower = re.compile(word_first(alternatives))

    @classmethod
    def whole_words(cls, words: str) -> AnyCaseWords:
        """From "a|b c|ds?": each alternative (no groups in them) as a whole word."""
        return cls(tuple(rf"\b{word}\b" for word in words.split("|")))

    def found_in(self, doc: Document) -> bool:
        if doc.has_case_twin:
            return self.written.search(doc.masked) is not None
        return doc.scanner(self.lower).search(doc.lower_masked) is not None


_SENTENCE_END = set('.!?:;\n"“”()[]•*-–—|>')


class Word(NamedTuple):  # a NamedTuple: built ~40 times per post, so cheap matters
    start: int
    end: int
    text: str
    lower: str
    is_name: bool  # capitalized mid-sentence, part of a Title Case run, or all caps


class Document:
    """A post's text and its masked copy, with what rules read from them. Everything
    past ``suppressed`` is worked out on first use and kept (most posts need little
    of it): plain attributes and properties, so the compiled build reads them as
    fields of a native class."""

    def __init__(
        self,
        text: str,
        masked: str,
        suppressed: list[tuple[int, int, frozenset[str] | None]] | None = None,
        quotes: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.masked = masked
        # (start, end, rule-or-category names or None for all) silenced by comments
        self.suppressed: list[tuple[int, int, frozenset[str] | None]] = suppressed or []
        # Spans of the "quoted text" blanked in ``masked``, quote marks included: the
        # spelling rules read unattributed ones again (_spelling_sense.py).
        self.quotes: list[tuple[int, int]] = quotes or []
        self._lower_masked: str | None = None
        self._first_digit = _NOT_YET
        self._word_matches: list[re.Match[str]] | None = None
        self._words: list[Word] | None = None
        self._word_set: frozenset[str] | None = None
        self._name_starts: frozenset[int] | None = None
        self._has_case_twin: bool | None = None
        self.plain_ascii = is_plain_ascii(masked)

    def finditer(
        self,
        pattern: re.Pattern[str],
        *,
        digit_led: bool = False,
        signed: bool = False,
        any_case: bool = False,
        lower: bool = False,
    ) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in ``masked``, found the fastest way that finds
        exactly those (on plain-ASCII text with its re.ASCII twin, see ``scanner``).
        ``digit_led``: every match starts with a digit (``signed``: or with the "-"
        just before one), so the scan starts at the first digit and a post without one
        is not scanned; lookbehinds still see the text before it. ``any_case``:
        ``pattern`` is case-insensitive and may run on the lower-cased copy (see
        ``any_case()``). ``lower``: ``pattern`` is written for the lower-cased copy and
        runs on it. With either, read a match's text from ``masked`` by its span."""
        if any_case or lower:
            scanner, text = self._scan(pattern, any_case, lower)
        else:  # most scans: no call to _scan, no tuple
            scanner, text = self.scanner(pattern), self.masked
        if not digit_led:
            return scanner.finditer(text)
        start = self.first_digit
        if start < 0:
            return iter(())
        return scanner.finditer(text, max(start - 1, 0) if signed else start)

    def contains(
        self, pattern: re.Pattern[str], *, digit_led: bool = False, any_case: bool = False
    ) -> bool:
        """Whether ``pattern`` matches ``masked``; ``digit_led`` and ``any_case`` as for
        ``finditer``."""
        if any_case:
            scanner, text = self.any_case(pattern)
        else:  # most searches: no call to _scan, no tuple
            scanner, text = self.scanner(pattern), self.masked
        if not digit_led:
            return scanner.search(text) is not None
        start = self.first_digit
        return start >= 0 and scanner.search(text, start) is not None

    def match(
        self, pattern: re.Pattern[str], at: int, *, lower: bool = False
    ) -> re.Match[str] | None:
        """``pattern`` matched at offset ``at`` (lookbehinds and ``\\b`` see the text
        before it); ``lower`` as for ``finditer``."""
        scanner, text = self._scan(pattern, False, lower)
        return scanner.match(text, at)

    def _scan(
        self, pattern: re.Pattern[str], any_case: bool, lower: bool
    ) -> tuple[re.Pattern[str], str]:
        """What to scan, and which text, for ``finditer`` and ``contains``."""
        if any_case:
            return self.any_case(pattern)
        return self.scanner(pattern), self.lower_masked if lower else self.masked

    def holds_any(self, characters: str) -> bool:
        """Whether ``masked`` holds one of ``characters``: for a pattern that is one
        class of plain characters ("[$£€]"), a few substring tests instead of a scan."""
        masked = self.masked
        return any(character in masked for character in characters)

    def scanner(self, pattern: re.Pattern[str]) -> re.Pattern[str]:
        """The fastest compilation of ``pattern`` that finds on ``masked`` (and on its
        lower-cased copy) exactly what ``pattern`` finds."""
        return ascii_twin(pattern) if self.plain_ascii else pattern

    def any_case(self, pattern: re.Pattern[str]) -> tuple[re.Pattern[str], str]:
        """For a case-insensitive ``pattern``: what to scan, and which text, to find the
        spans it finds on ``masked``. For a pattern written in lower case that is the
        pattern without re.IGNORECASE on the lower-cased text (case-insensitive
        matching costs a lower-casing per character tried), unless the post holds a
        case twin (see AnyCaseWords). Read group text from ``masked`` by span."""
        sensitive = case_sensitive_twin(pattern)
        if sensitive is pattern or self.has_case_twin:
            return self.scanner(pattern), self.masked
        return self.scanner(sensitive), self.lower_masked

    @property
    def has_case_twin(self) -> bool:
        """Whether ``masked`` holds a character that only a case-insensitive match takes
        for an ASCII letter (İ ı ſ K)."""
        if self._has_case_twin is None:
            self._has_case_twin = has_case_twin(self.masked)
        return self._has_case_twin

    @property
    def lower_masked(self) -> str:
        if self._lower_masked is None:
            self._lower_masked = self.masked.lower()
        return self._lower_masked

    @property
    def first_digit(self) -> int:
        """Offset of the first digit (``\\d``) in ``masked``, or -1. Scans whose every
        match starts with a digit (clock times, numeric dates, quantities) start here:
        the same matches, since their lookbehinds still see the text before it."""
        if self._first_digit == _NOT_YET:
            self._first_digit = _first_digit(self.masked, self.plain_ascii)
        return self._first_digit

    @property
    def has_digit(self) -> bool:
        """Whether ``masked`` holds a digit (``\\d``): without one, no date, clock time
        or quantity can be written in it."""
        return self.first_digit >= 0

    @property
    def word_matches(self) -> list[re.Match[str]]:
        if self._word_matches is None:
            self._word_matches = list(WORD.finditer(self.masked))
        return self._word_matches

    @property
    def words(self) -> list[Word]:
        if self._words is None:
            self._words = [
                Word(m.start(), m.end(), m.group(), m.group().lower(), self.is_name(i))
                for i, m in enumerate(self.word_matches)
            ]
        return self._words

    @property
    def word_set(self) -> frozenset[str]:
        """Every run of ASCII letters in the masked text, lower-cased: what rules are
        triggered by. A run is a whole word ("sneakers"), or part of one ("colour" and
        "s" in "colour's", "take" and "out" in "take-out")."""
        if self._word_set is None:
            masked = self.masked
            runs = frozenset(_letter_runs(masked))
            if self.has_case_twin:
                runs = runs.union(_letter_runs(masked.translate(_IGNORECASE_TWINS)))
            self._word_set = runs
        return self._word_set

    @property
    def name_starts(self) -> frozenset[int]:
        """Start offsets of words that look like proper nouns."""
        if self._name_starts is None:
            self._name_starts = frozenset(word.start for word in self.words if word.is_name)
        return self._name_starts

    def is_name(self, index: int) -> bool:
        """Whether word number ``index`` looks like a proper noun."""
        return self.is_name_at(*self.word_matches[index].span())

    def is_name_at(self, start: int, end: int) -> bool:
        """Whether the word that spans ``start``..``end`` looks like a proper noun."""
        return _looks_like_name(self.masked, start, end)

    def word_spans(self, wanted: frozenset[str], parts: Iterable[str]) -> list[tuple[int, int]]:
        """In text order, the spans of the words (as ``word_matches`` has them) whose
        lower-case form is in ``wanted``, when each such word starts with one of
        ``parts``: those words, found from the parts instead of from every word in the
        post (most posts have none, and the rest one or two)."""
        masked, lower = self.masked, self.lower_masked
        if len(lower) != len(masked):  # "İ" lower-cases to two characters: offsets differ
            return [match.span() for match in self.word_matches if match.group().lower() in wanted]
        spans = set()
        for part in parts:
            at = lower.find(part)
            while at >= 0:
                if _word_starts_at(masked, at):
                    end = _word_end(masked, at)
                    if lower[at:end] in wanted:
                        spans.add((at, end))
                at = lower.find(part, at + 1)
        return sorted(spans)

    def is_suppressed(self, start: int, rule_id: str, category: str) -> bool:
        for begin, end, only in self.suppressed:
            if begin <= start < end and (
                only is None or rule_id in only or category in only or _prefix_in(rule_id, only)
            ):
                return True
        return False


def _first_digit(text: str, plain_ascii: bool) -> int:
    """Where the first ``\\d`` in ``text`` is, or -1. In plain ASCII text ``\\d`` is
    0-9, and turning the bytes into "0" for a digit and " " for anything else, then
    finding the first "0", costs a fraction of a regex scan, which tests every
    character against the class."""
    if not plain_ascii:
        found = _DIGIT.search(text)
        return -1 if found is None else found.start()
    return text.encode("ascii").translate(_DIGITS_AS_ZERO).find(b"0")


# For bytes.translate: 0-9 to "0", every other byte to a space.
_DIGITS_AS_ZERO = bytes(48 if 48 <= code <= 57 else 32 for code in range(256))


def _prefix_in(rule_id: str, names: frozenset[str]) -> bool:
    return any(rule_id.startswith(name + ".") for name in names)


def tokenize(text: str, glossary: Iterable[str] = ()) -> Document:
    suppressed, comments = _suppressions(text)
    protected = _protected_spans(text)
    masked = _blank(text, comments + protected)
    masked = _mask_glossary(masked, glossary) if glossary else masked
    # Only the quote kind of PROTECTED_KINDS starts with a quotation mark.
    quotes = [span for span in protected if text[span[0]] in _QUOTE_OPENERS]
    return Document(text=text, masked=masked, suppressed=suppressed, quotes=quotes)


_QUOTE_OPENERS = frozenset('"“«')


def _protected_spans(text: str) -> list[tuple[int, int]]:
    kinds = protected_kinds(text)
    if not any(kinds):  # two posts in three
        return []
    spans = []
    pattern = protected_pattern(kinds)
    if is_plain_ascii(text):
        pattern = ascii_twin(pattern)
    for match in pattern.finditer(text):
        start, end = match.span()
        found = match.group()
        if found[0].isalnum() or found.startswith(("http", "www")):
            end = start + len(found.rstrip(_URL_TRAILING))
        spans.append((start, end))
    return spans


@cache
def protected_pattern(kinds: tuple[bool, ...]) -> re.Pattern[str]:
    """The protected-text scan for posts that may hold the kinds flagged True. A kind
    that cannot occur anywhere in a post cannot change what the scan finds there, so
    leaving it out gives exactly the same spans, several times faster."""
    sources = [pattern for pattern, wanted in zip(PROTECTED_KINDS, kinds, strict=True) if wanted]
    return re.compile("|".join(sources), _PROTECTED_FLAGS)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span turned into spaces (line breaks kept)."""
    if not spans:
        return text
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        covered = text[start:end]
        pieces.append(re.sub(r"[^\n]", " ", covered) if "\n" in covered else " " * len(covered))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _suppressions(
    text: str,
) -> tuple[list[tuple[int, int, frozenset[str] | None]], list[tuple[int, int]]]:
    """What each suppression comment silences (from the comment to the end of its line,
    the names listed or None for all), and the spans of the comments themselves."""
    found: list[tuple[int, int, frozenset[str] | None]] = []
    comments: list[tuple[int, int]] = []
    if "onshore-ignore" not in text:
        return found, comments
    for match in SUPPRESSION.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        only = match.group("only")
        names = frozenset(n.strip() for n in only.split(",") if n.strip()) if only else None
        found.append((match.start(), line_end, names))
        comments.append(match.span())
    return found, comments


def _mask_glossary(masked: str, glossary: Iterable[str]) -> str:
    pattern, folded = _glossary_pattern(frozenset(glossary))
    text = masked.casefold()  # most posts hold none of the terms: no regex for them
    if not any(term in text for term in folded):
        return masked
    return pattern.sub(lambda m: " " * len(m.group(0)), masked)


@lru_cache(maxsize=64)  # one pattern per workspace's glossary, not one per post
def _glossary_pattern(glossary: frozenset[str]) -> tuple[re.Pattern[str], list[str]]:
    terms = sorted({t.strip() for t in glossary if t.strip()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"\b(?:{alternatives})\b", re.I), [t.casefold() for t in terms]


def _word_starts_at(masked: str, at: int) -> bool:
    """Whether a WORD match starts at ``at``: a letter that does not continue a word
    (after a letter, or after an apostrophe that follows one)."""
    if not is_ascii_letter(masked[at]):
        return False
    if at == 0:
        return True
    before = masked[at - 1]
    if is_ascii_letter(before):
        return False
    return not (before in "'’" and at > 1 and is_ascii_letter(masked[at - 2]))


def _word_end(masked: str, start: int) -> int:
    """Where the WORD match that starts at ``start`` ends: letters, then any number of
    apostrophes each followed by letters."""
    end = start
    while end < len(masked) and is_ascii_letter(masked[end]):
        end += 1
        if end + 1 < len(masked) and masked[end] in "'’" and is_ascii_letter(masked[end + 1]):
            end += 1
    return end


def is_ascii_letter(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


def _looks_like_name(masked: str, start: int, end: int) -> bool:
    """Proper nouns (Pearl Harbor, Labor Day) must not be 'corrected'. A capitalized
    word mid-sentence is taken as a name; at a sentence start it is one only when the
    next word is capitalized too (Title Case run). The next word is looked for only
    then: the next WORD match after this one's end, as ``word_matches`` has it."""
    token = masked[start:end]
    if not token[0].isupper():
        return False
    if len(token) > 1 and token.isupper():
        return True
    if not is_sentence_start(masked, start):
        return True
    following = WORD.search(masked, end)
    if following is None:
        return False
    return _only_spaces_between(masked, end, following.start()) and following.group()[:1].isupper()


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
