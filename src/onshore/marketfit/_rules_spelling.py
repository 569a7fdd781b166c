"""Spelling: another market's spelling of a word (VarCon), and meaning-dependent words.

The VarCon table only flags a word no meaning of which is accepted in the market, so
words whose spelling depends on meaning (check/cheque, tire/tyre, meter/metre,
program/programme) are never flagged from the table; the context rules below look at
the surrounding words instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from onshore.marketfit._data import spelling_table
from onshore.marketfit._registry import (
    Context,
    Example,
    Hit,
    english_variant,
    match_case,
    register,
    spelling_categories,
)
from onshore.marketfit._spelling_names import is_named, own_quotations
from onshore.marketfit._text import AnyCaseWords, Document

ENGLISH = ("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA")
# VarCon lists these as spellings, but they are different words; the vocabulary rules
# own them so a post does not get two findings for one word.
LEFT_TO_VOCABULARY = frozenset({"mom", "moms", "mum", "mums", "math", "maths"})
# Spellings VarCon ranks by market that every market's dictionaries accept: "enquiry"
# and "inquiry" are both standard in the US and in Britain, so neither is a finding.
ACCEPTED_EVERYWHERE = frozenset(
    {"enquire", "enquired", "enquires", "enquiring", "enquiry", "enquiries", "enquirer"}
    | {"enquirers"}
)
BRITISH_STYLE = ("GB", "AU", "NZ", "IE", "IN", "ZA")


@register(
    "spelling.variant",
    "spelling",
    "warning",
    "{readers} spell this '{suggestion}'",
    english_only=True,
    examples=[
        Example("Our new colour range is here.", "US", "colour"),
        Example("Pick your favorite color today.", "GB", "favorite"),
        Example("We traveled coast to coast this summer.", "CA", "traveled"),
        Example("We organise weekly meetups.", "US", "organise"),
        Example("We organize weekly meetups.", "GB", None),  # Oxford -ize is British too
        Example("We organise weekly meetups.", "GB", None),
        Example("Our colour team will organize it.", "CA", None),  # Canadian mix
        Example("A trip to Pearl Harbor and the Rockefeller Center.", "GB", None),
        Example("The World Health Organization met today.", "GB", None),
        Example("Grey skies, travelled far.", "US", "Grey"),
        Example("See https://example.com/color and @colorteam #colorful", "GB", None),
        Example('She wrote "my favorite color" in the survey.', "GB", None),
        Example('Our "favorite" blend is back this week.', "GB", "favorite"),  # scare quotes
        Example('A café called "Color Bar" opens today.', "GB", None),
        Example("Flights to pearl harbor from £499.", "GB", None),  # a listed name
        Example("Try our new earl grey latte.", "US", None),
        Example("Enquiries welcome, just drop us a line.", "US", None),
        Example("The jewelry sale ends today. <!-- onshore-ignore -->", "GB", "jewelry"),
        Example("<!-- onshore-ignore --> The jewelry sale ends today.", "GB", None),
    ],
)
def detect_variant_spelling(context: Context) -> Iterator[Hit]:
    setup = variant_setup(context.post.locale, context.market.code, context.options.oxford_spelling)
    if setup is None:
        return
    suggest_in, flaggable = setup
    doc = context.doc
    yield from variant_hits(doc, 0, suggest_in, flaggable)
    if doc.quotes:  # the author's own words in quotation marks (_spelling_names.py)
        for offset, quoted in own_quotations(doc, context.options.glossary, flaggable):
            yield from variant_hits(quoted, offset, suggest_in, flaggable)


def variant_hits(
    doc: Document, offset: int, suggest_in: str, flaggable: frozenset[str]
) -> Iterator[Hit]:
    """The variant spellings in ``doc``, at their offsets plus ``offset``."""
    candidates = doc.word_set & flaggable
    if not candidates:  # the usual case: one set operation and done
        return
    # Words as WORD tokenizes them ("colour's" is one), lower-cased, that are or hold
    # a candidate; only those are looked at one by one.
    wanted = candidates | {word + ending for word in candidates for ending in ("'s", "’s")}
    table = spelling_table()
    for start, end in doc.word_spans(wanted, candidates):
        text = doc.masked[start:end]
        token = text.lower()
        if token in LEFT_TO_VOCABULARY or is_named(doc, start, end):
            continue
        base = _strip_possessive(token)
        suggestion = str(table[base][2][suggest_in])
        yield Hit(offset + start, offset + end, match_case(text, suggestion) + text[len(base) :])


@cache
def variant_setup(
    locale: str | None, market_code: str, oxford: bool
) -> tuple[str, frozenset[str]] | None:
    """(VarCon category to suggest spellings from, the words to flag), or None when the
    post is not in English."""
    accepted = spelling_categories(locale, market_code, oxford)
    if accepted is None:
        return None
    suggest_in = accepted[0]
    # VarCon marks US -or spellings as Canadian variants ("Cv"), but Canadian Press
    # style and Canadian publishers use colour/centre with -ize; only VarCon's
    # preferred Canadian spelling counts as Canadian.
    field = 1 if english_variant(locale, market_code) == "CA" else 0
    return suggest_in, flaggable_words(accepted, suggest_in, field)


@cache
def flaggable_words(accepted: str, suggest_in: str, field: int) -> frozenset[str]:
    """The words the variant rule flags for a market: in the table, not accepted by
    any of the ``accepted`` VarCon categories (``field`` 0 checks VarCon's accepted
    spellings, 1 its preferred ones), and with a spelling to suggest instead."""
    return frozenset(
        word
        for word, (accepted_in, preferred_in, suggestions) in spelling_table().items()
        if not any(category in (accepted_in, preferred_in)[field] for category in accepted)
        and suggestions.get(suggest_in)
        and word not in ACCEPTED_EVERYWHERE
    )


def _strip_possessive(lower: str) -> str:
    """The table has no possessives: colour's is looked up as colour."""
    for suffix in ("'s", "’s"):
        if lower.endswith(suffix):
            return lower[: -len(suffix)]
    return lower


# ---------------------------------------------------------------- meaning-dependent

TIRE = re.compile(r"\b(tires?)\b", re.I)
WHEEL_CONTEXT = re.compile(
    r"\b(?:car|cars|bike|bikes|bicycle|wheels?|puncture[ds]?|tread|pressure|flat|spare|"
    r"winter|rubber|alloys?|fitted|fitting|rotation|truck|van|tubeless|mechanic|garage|"
    r"set of|new|worn|bald)\b",
    re.I,
)


@register(
    "spelling.tyre",
    "spelling",
    "warning",
    "{readers} spell the wheel '{suggestion}' ('tire' means to get tired there)",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=("tire", "tires"),
    examples=[
        Example("Check your tire pressure before the long weekend.", "GB", "tire"),
        Example("Four new tires fitted while you wait.", "AU", "tires"),
        Example("We never tire of good coffee.", "GB", None),
        Example("Winter tires are a must this season.", "CA", None),
        Example("Book a fitting at Discount Tire, new tyres from £40.", "GB", None),
        Example("Check your tire-pressure before the long weekend.", "NZ", "tire"),
    ],
)
def detect_tire(context: Context) -> Iterator[Hit]:
    masked = context.doc.masked
    for match in TIRE.finditer(masked):
        window = masked[max(0, match.start() - 40) : match.end() + 40]
        if WHEEL_CONTEXT.search(window) and not re.search(r"\btires?\s+of\b", window, re.I):
            if is_named(context.doc, match.start(1), match.end(1)):
                continue
            word = match.group(1)
            yield Hit(match.start(1), match.end(1), match_case(word, "tyre" + word[4:]))


CHEQUE = re.compile(
    r"\b(?:pay(?:ing)? by|paid by|write|wrote|written|writing|cash(?:ed|ing)?|deposit(?:ed|ing)?|"
    r"bounced?|sign(?:ed)?|blank|personal|bank|post-dated|postdated|accept(?:s|ed|ing)?|"
    r"certified|uncashed|(?:pay(?:ing)?|paid|payments?)\s+(?:with|via))\s+"
    r"(?:(?:a|the|your|my|our|his|her|their)\s+)?(checks?)\b(?!\s+(?:in|out|on|off)\b)"
    r"|\b(?:cash|card|cards)\s*(?:,\s*|\s+(?:or|and)\s+)(checks?)\b(?!\s+(?:in|out|on)\b)"
    r"|\b(checks?)\s+(?:book|payable|clearing|clears?|cleared|bounced)\b"
    r"|\b(checkbooks?)\b",
    re.I,
)


@register(
    "spelling.cheque",
    "spelling",
    "warning",
    "{readers} spell the bank payment '{suggestion}'",
    markets=("GB", "CA", "AU", "NZ", "IE", "IN", "ZA"),
    english_only=True,
    trigger_words=("check", "checks", "checkbook", "checkbooks"),
    examples=[
        Example("You can still pay by check at the front desk.", "GB", "check"),
        Example("Deposit your checks with the app.", "CA", "checks"),
        Example("Check out our new menu!", "GB", None),
        Example("We run a background check on every hire.", "AU", None),
        Example("You can still pay by check at the front desk.", "US", None),
        Example("We no longer accept checks at the counter.", "NZ", "checks"),
        Example("Cash, card or checks welcome.", "CA", "checks"),
        Example("Pay by card and check in online.", "GB", None),
        Example("We run security checks at the counter.", "AU", None),
    ],
)
def detect_check(context: Context) -> Iterator[Hit]:
    for match in context.doc.finditer(CHEQUE, any_case=True):
        group = next(g for g in range(1, CHEQUE.groups + 1) if match.group(g))
        if is_named(context.doc, match.start(group), match.end(group)):
            continue
        word = context.doc.masked[match.start(group) : match.end(group)]
        replacement = word.lower().replace("check", "cheque")
        yield Hit(match.start(group), match.end(group), match_case(word, replacement))


METER_WORDS = ("meter", "kilometer", "centimeter", "millimeter")
METER = re.compile(
    r"\b\d[\d,.]*\s*-?\s*((?:kilo|centi|milli)?meters?)\b"
    r"|\b((?:kilo|centi|milli)meters?)\b"
    r"|\b(?:square|cubic)\s+(meters?)\b"
    # A length sold or priced by the metre ("fabric by the meter"), never a taxi's.
    r"|\b(?:sold|priced|cut|fabric|rope|cable|chain|ribbon|lace|carpet|turf)\s+by\s+the\s+(meter)\b"
    r"|\b(?:per|linear|running)\s+(meters?)\b(?!\s+(?:readings?|boxes|box|installs?))",
    re.I,
)


@register(
    "spelling.metre",
    "spelling",
    "warning",
    "{readers} spell the unit of length '{suggestion}'",
    markets=("GB", "CA", "AU", "NZ", "IE", "IN", "ZA"),
    english_only=True,
    trigger_words=[unit + plural for unit in METER_WORDS for plural in ("", "s")],
    examples=[
        Example("The pool is 50 meters long.", "GB", "meters"),
        Example("Only 3 kilometers from the beach.", "AU", "kilometers"),
        Example("Smart meter installs start Monday.", "GB", None),
        Example("Feed the parking meter first.", "AU", None),
        Example("The pool is 50 meters long.", "US", None),
        Example("Linen fabric sold by the meter.", "NZ", "meter"),
        Example("Decking from $89 per linear meter.", "AU", "meter"),
        Example("The taxi charges by the meter.", "GB", None),
    ],
)
def detect_meter(context: Context) -> Iterator[Hit]:
    for match in METER.finditer(context.doc.masked):
        group = next(g for g in range(1, METER.groups + 1) if match.group(g))
        if is_named(context.doc, match.start(group), match.end(group)):
            continue
        word = match.group(group)
        replacement = re.sub("meter", "metre", word.lower())
        yield Hit(match.start(group), match.end(group), match_case(word, replacement))


PROGRAM = re.compile(
    r"\b(?:the|a|an|our|your|this|new|tv|television|radio|training|loyalty|rewards?|"
    r"mentoring|graduate|exchange|festival|events?|degree|apprenticeship|fitness|"
    r"volunteer|outreach|community|summer|school|research|leadership|membership|"
    r"partner|referral|ambassador|wellbeing|wellness|internship|mentorship|cooking|cookery|"
    r"gardening|news|documentary|quiz|comedy|breakfast|sports?|music|arts|nature|wildlife|"
    r"children['’]s|kids['’]?|youth|recycling|sustainability|exercise|health)\s+(programs?)\b",
    re.I,
)
# Where PROGRAM can match: a "program(s)" with whitespace before it. PROGRAM is searched
# only from PROGRAM_LEAD characters before that whitespace (its longest leading word,
# "apprenticeship" or "sustainability") to the end of the word: trying its fifty
# leading words at every word start of a post cost more than the rest of the rule.
PROGRAM_WORD = re.compile(r"programs?\b", re.I)
PROGRAM_LEAD = 14


def program_matches(masked: str) -> Iterator[re.Match[str]]:
    """What ``PROGRAM.finditer(masked)`` finds. Every match ends with a "program(s)"
    that PROGRAM_WORD finds, after a run of whitespace and a leading word of at most
    PROGRAM_LEAD characters; a search bounded to there finds the same match (the word
    boundary before the leading word still sees the character before, and the one after
    "program(s)" holds at the end of the window as it does in the text)."""
    resume = 0  # where finditer would go on after the previous match
    for word in PROGRAM_WORD.finditer(masked):
        space = word.start()
        while space > 0 and masked[space - 1].isspace():  # isspace() is re's \s
            space -= 1
        if space == word.start():
            continue  # PROGRAM needs whitespace before "program"
        match = PROGRAM.search(masked, max(resume, space - PROGRAM_LEAD), word.end())
        if match is not None:
            resume = match.end()
            yield match


COMPUTER_CONTEXT = AnyCaseWords.whole_words(
    "software|computer|app|apps|code|coding|coder|developers?|install|python|java|"
    "javascript|script|compile[ds]?|programming|programmers?|binary|bug|api|startup|"
    "run the"
)


@register(
    "spelling.programme",
    "spelling",
    "warning",
    "{readers} spell a scheme, show or event '{suggestion}' ('program' is for software)",
    markets=("GB", "NZ", "IE", "ZA", "IN"),
    english_only=True,
    trigger_words=("program", "programs"),
    examples=[
        Example("Join our loyalty program and save.", "GB", "program"),
        Example("The festival programs are out now.", "NZ", "programs"),
        Example("Our chef is on the cooking program at 8pm.", "GB", "program"),
        Example("Download the program and install it on your computer.", "GB", None),
        Example("We program in Python every day.", "GB", None),
        Example("Join our loyalty program and save.", "AU", None),
    ],
)
def detect_program(context: Context) -> Iterator[Hit]:
    masked = context.doc.masked
    if COMPUTER_CONTEXT.found_in(context.doc):
        return
    for match in program_matches(masked):
        if is_named(context.doc, match.start(1), match.end(1)):
            continue
        word = match.group(1)
        replacement = "programmes" if word.lower().endswith("s") else "programme"
        yield Hit(match.start(1), match.end(1), match_case(word, replacement))
