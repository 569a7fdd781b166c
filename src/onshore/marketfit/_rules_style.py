"""Style rules: the workspace's style guide (Options.style) and, for a sponsored post,
the disclosure its market's advertising rules expect.

These rules are not in the registry that every post runs through (RULES): they need a
guide or a sponsored post, which the rule examples do not carry, so check() calls
``style_findings`` only for such a post (tests/marketfit/test_style_guide.py holds their
examples). A guide is compiled once (cached by identity) into an index from each term's
words to its pattern: a post pays one set intersection with the words it already has,
and a pattern runs only when all its words are in the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from onshore.marketfit._length import _emoji_pattern, _grapheme_pattern, hashtag_spans
from onshore.marketfit._messages import to_finding
from onshore.marketfit._registry import Context, Hit, Rule, match_case
from onshore.marketfit._style import Disclosure, StyleGuide
from onshore.marketfit._text import _letter_runs
from onshore.marketfit._types import Category, Finding, Severity

STYLE: Category = "style"


def _rule(rule_id: str, severity: Severity, message: str) -> Rule:
    return Rule(rule_id, STYLE, severity, message, _no_detector, ())


def _no_detector(context: Context) -> Iterator[Hit]:
    return iter(())


PREFERRED = _rule(
    "style.preferred_term", "warning", "The style guide says “{suggestion}”, not “{found}”"
)
BANNED = _rule("style.banned", "warning", "The style guide does not allow “{found}”")
BRAND = _rule("style.brand_casing", "warning", "Write the name as “{suggestion}”")
HASHTAG_REQUIRED = _rule(
    "style.hashtag_required", "warning", "The style guide asks for {tag} in every post"
)
HASHTAG_BANNED = _rule("style.hashtag_banned", "warning", "The style guide does not allow {found}")
TOO_MANY_HASHTAGS = _rule(
    "style.too_many_hashtags", "warning", "The style guide allows at most {limit} hashtags"
)
TOO_MANY_EMOJI = _rule(
    "style.too_many_emoji", "warning", "The style guide allows at most {limit} emoji"
)
DISCLOSURE = _rule(
    "style.disclosure",
    "error",
    "A paid or partner post for {readers} must say so: start it with {labels} ({guidance})",
)
DISCLOSURE_PLACEMENT = _rule(
    "style.disclosure_placement",
    "error",
    "Put “{found}” at the start, where {readers} see it first, not later in the post ({guidance})",
)
STYLE_RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        PREFERRED,
        BANNED,
        BRAND,
        HASHTAG_REQUIRED,
        HASHTAG_BANNED,
        TOO_MANY_HASHTAGS,
        TOO_MANY_EMOJI,
        DISCLOSURE,
        DISCLOSURE_PLACEMENT,
    )
}


def style_findings(context: Context, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the style findings for the post added, in check()'s order."""
    disabled = context.options.disabled
    if STYLE in disabled:
        return findings
    doc = context.doc
    added = []
    for rule, hit in style_hits(context):
        if rule.id in disabled:
            continue
        if doc.suppressed and doc.is_suppressed(hit.start, rule.id, STYLE):
            continue
        added.append(to_finding(rule, hit, context))
    if not added:
        return findings
    merged = findings + added
    merged.sort(key=lambda f: (f.start, f.end, f.rule))
    return merged


def style_hits(context: Context) -> Iterator[tuple[Rule, Hit]]:
    guide = context.options.style
    if guide is not None:
        compiled = compile_guide(guide)
        yield from term_hits(context, compiled)
        yield from hashtag_hits(context, guide)
        yield from emoji_hits(context, guide)
    if context.post.sponsored:
        yield from disclosure_hits(context, guide)


# ---------------------------------------------------------------- terms and brands


@dataclass(frozen=True)
class Term:
    rule: Rule
    words: frozenset[str]  # every run of letters in the term: all must be in the post
    pattern: re.Pattern[str]
    target: str  # what to write instead (preferred, brand) or "" (banned)
    index: tuple[str, ...]  # the words it is found under ("" : no ASCII letters)


@dataclass(frozen=True)
class CompiledGuide:
    terms: tuple[Term, ...]
    by_word: dict[str, tuple[int, ...]]  # one word of each term -> positions in terms
    words: frozenset[str]


# id(guide) -> (guide, compiled). The guide is kept so its id cannot be reused; a
# workspace has a handful of guides, so the cache stays small (cleared past 256).
_COMPILED: dict[int, tuple[StyleGuide, CompiledGuide]] = {}


def compile_guide(guide: StyleGuide) -> CompiledGuide:
    entry = _COMPILED.get(id(guide))
    if entry is not None and entry[0] is guide:
        return entry[1]
    if len(_COMPILED) >= 256:
        _COMPILED.clear()
    compiled = build_compiled(guide)
    _COMPILED[id(guide)] = (guide, compiled)
    return compiled


def build_compiled(guide: StyleGuide) -> CompiledGuide:
    terms = [_brand_term(brand) for brand in guide.brands]
    terms += [_phrase_term(PREFERRED, t.avoid, t.use) for t in guide.preferred]
    terms += [_phrase_term(BANNED, word, "") for word in guide.banned]
    by_word: dict[str, list[int]] = {}
    for position, term in enumerate(terms):
        for word in term.index:
            by_word.setdefault(word, []).append(position)
    return CompiledGuide(
        terms=tuple(terms),
        by_word={word: tuple(positions) for word, positions in by_word.items()},
        words=frozenset(by_word),
    )


def _brand_term(brand: str) -> Term:
    words, pattern, index = brand_parts(brand)
    return Term(BRAND, words, pattern, brand, index)


def _phrase_term(rule: Rule, phrase: str, target: str) -> Term:
    words, pattern, index = phrase_parts(phrase)
    return Term(rule, words, pattern, target, index)


def phrase_parts(phrase: str) -> tuple[frozenset[str], re.Pattern[str], tuple[str, ...]]:
    """A whole word or phrase, any case, any run of spaces between its words; found
    under its longest word (the rarest, as a rule), and only when all are present."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    words = frozenset(_letter_runs(phrase))
    pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    return words, pattern, (max(sorted(words), key=len) if words else "",)


_BRAND_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|&|\+|[^\w\s]")


def brand_parts(brand: str) -> tuple[frozenset[str], re.Pattern[str], tuple[str, ...]]:
    """A brand name in any casing and spacing: its pieces (words, capitalised parts
    of a CamelCase word, "&") with optional space between, "&" also written "and"."""
    pieces = _BRAND_PIECE.findall(brand)
    parts = []
    for piece in pieces:
        if piece in ("&", "and", "And"):
            parts.append(r"(?:&|and|\+)")
        else:
            parts.append(re.escape(piece))
    body = r"\s*".join(parts)
    pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    # "iPhone" may be written "IPhone" (the word "iphone") or "i Phone" (the words "i"
    # and "phone"): found under its joined letters and under its longest piece.
    joined = "".join(_letter_runs(brand))
    letters = [p.lower() for p in pieces if p.isalpha() and p.lower() != "and"]
    longest = max(letters, key=len, default="")
    index = tuple(sorted({joined, longest} - {""})) or ("",)
    return frozenset(), pattern, index


def term_hits(context: Context, compiled: CompiledGuide) -> Iterator[tuple[Rule, Hit]]:
    doc = context.doc
    present = doc.word_set & compiled.words
    if "" in compiled.words:
        present = present | {""}
    if not present:
        return
    masked = doc.masked
    text = doc.text
    taken: list[tuple[int, int]] = []
    positions = sorted({p for word in present for p in compiled.by_word[word]})
    for position in positions:  # brands first, then preferred, then banned
        term = compiled.terms[position]
        if not term.words <= doc.word_set:
            continue
        for match in term.pattern.finditer(masked):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            found = text[start:end]
            hit = term_hit(term, found, start, end)
            if hit is not None:
                taken.append((start, end))
                yield term.rule, hit
            elif term.rule is BRAND:  # written right: no other rule may flag it
                taken.append((start, end))


def term_hit(term: Term, found: str, start: int, end: int) -> Hit | None:
    if term.rule is BRAND:
        if found == term.target or not _brand_variant(found, term.target):
            return None
        return Hit(start, end, term.target)
    if term.rule is PREFERRED:
        return Hit(start, end, match_case(found, term.target))
    return Hit(start, end)


def _brand_variant(found: str, brand: str) -> bool:
    """Whether ``found`` is the brand written wrongly rather than ordinary words that
    happen to spell it: a space the brand lacks ("i Phone") counts only when the part
    after it is capitalised as in the brand ("I phone you" is not the brand)."""
    if " " in brand or not any(char.isspace() for char in found):
        return True
    return all(part[:1].isupper() for part in found.split()[1:])


# ---------------------------------------------------------------- hashtags and emoji


def hashtag_hits(context: Context, guide: StyleGuide) -> Iterator[tuple[Rule, Hit]]:
    text = context.post.text
    if not (guide.required_hashtags or guide.banned_hashtags or guide.max_hashtags is not None):
        return
    spans = hashtag_spans(text)
    if not spans and not guide.required_hashtags:  # most posts: no hashtag to look at
        return
    used = {text[start:end].lower() for start, end in spans}
    banned = {tag.lower() for tag in guide.banned_hashtags}
    for start, end in spans:
        if text[start:end].lower() in banned:
            yield HASHTAG_BANNED, Hit(start, end)
    if guide.max_hashtags is not None and len(spans) > guide.max_hashtags:
        first = spans[guide.max_hashtags][0]
        yield TOO_MANY_HASHTAGS, Hit(first, spans[-1][1], None, {"limit": str(guide.max_hashtags)})
    for tag in guide.required_hashtags:
        if tag.lower() not in used:
            yield HASHTAG_REQUIRED, missing_tag_hit(text, tag)


def missing_tag_hit(text: str, tag: str) -> Hit:
    """A missing hashtag belongs at the end: the span is the post's last word, and the
    suggestion that word followed by the tag."""
    stripped = text.rstrip()
    start = max(stripped.rfind(" "), stripped.rfind("\n")) + 1
    return Hit(start, len(stripped), f"{stripped[start:]} {tag}", {"tag": tag})


def emoji_hits(context: Context, guide: StyleGuide) -> Iterator[tuple[Rule, Hit]]:
    limit = guide.max_emoji
    text = context.post.text
    if limit is None or text.isascii():  # most posts: no emoji, no grapheme scan
        return
    # No more emoji code points than the limit: no more emoji either (each has one).
    if len(_emoji_pattern().findall(text)) <= limit:
        return
    spans = emoji_spans(text)
    if len(spans) > limit:
        yield TOO_MANY_EMOJI, Hit(spans[limit][0], spans[-1][1], None, {"limit": str(limit)})


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Each emoji as readers see one (a grapheme cluster: "👍🏽" and a flag are one)."""
    emoji = _emoji_pattern()
    return [m.span() for m in _grapheme_pattern().finditer(text) if emoji.search(m.group())]


# ---------------------------------------------------------------- disclosure


def disclosure_hits(context: Context, guide: StyleGuide | None) -> Iterator[tuple[Rule, Hit]]:
    market = context.market.code
    disclosure = guide.disclosure_for(market) if guide else default_for(market)
    if disclosure is None:
        return
    text = context.post.text
    match = label_pattern(disclosure.labels).search(text)
    detail = {
        "labels": " or ".join(f"“{label}”" for label in disclosure.labels[:2]),
        "guidance": disclosure.guidance or disclosure.regulator or "the workspace's rule",
    }
    lead = len(text) - len(text.lstrip())
    if match is None:
        end = _first_word_end(text, lead)
        first = disclosure.labels[0]
        yield DISCLOSURE, Hit(lead, end, f"{first} {text[lead:end]}".rstrip(), detail)
        return
    if disclosure.placement == "start" and match.start() - lead > disclosure.within:
        yield DISCLOSURE_PLACEMENT, Hit(match.start(), match.end(), None, detail)


def default_for(market: str) -> Disclosure | None:
    from onshore.marketfit._style import default_disclosures

    return default_disclosures().get(market)


@cache
def label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``labels`` as a whole word or hashtag, any case ("#ad", "AD:", "[Ad]")."""
    alternatives = sorted((re.escape(label) for label in labels), key=len, reverse=True)
    return re.compile(rf"(?<![\w#])(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def _first_word_end(text: str, start: int) -> int:
    found = re.compile(r"\S+").search(text, start)
    return found.end() if found else start
