"""Spellings that apply to one sense of a word only, read from the words around it.

VarCon lists kerb, storey, draught and disc as British spellings, but each is British
for one meaning only: "curb spending" is right in London, a "draft" document too, and a
gas "meter" is spelt that way everywhere. So the table never flags the American forms
(spelling.variant skips any word one of whose meanings a market accepts), and these
rules flag them only where the sentence shows the meaning: the road edge, the floor of
a building, beer and cold air, a disc in the spine or the brakes. The reverse mistakes
(a gas "metre", a computer "programme", "cheque out") are flagged where the British
spelling is used for the wrong sense. Words in names are left alone (is_named).

"enquiry"/"inquiry" and "ton"/"tonne" are not here on purpose: both spellings of the
first are standard everywhere, and the second are two different units (units rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._registry import Context, Example, Hit, match_case, register
from onshore.marketfit._spelling_names import is_named

# Markets that spell the road edge, the beer and the spinal disc the British way
# (VarCon: kerb, draught B D Z; Canada, column C, writes curb and draft).
BRITISH_STYLE = ("GB", "AU", "NZ", "IE", "IN", "ZA")
# Markets that write "storey" (VarCon: B C D Z) and "metre".
NOT_US = ("GB", "CA", "AU", "NZ", "IE", "IN", "ZA")


def sense_hits(context: Context, pattern: re.Pattern[str], fix: dict[str, str]) -> Iterator[Hit]:
    """A hit for the first group that matched in each match of ``pattern`` (searched
    ignoring case), suggesting ``fix`` for its lower-case text; names are skipped."""
    doc = context.doc
    for match in doc.finditer(pattern, any_case=True):
        group = next(g for g in range(1, (pattern.groups or 0) + 1) if match.group(g))
        start, end = match.span(group)
        if is_named(doc, start, end):
            continue
        word = doc.masked[start:end]
        replacement = fix.get(word.lower().replace("‑", "-"))
        if replacement is not None:
            yield Hit(start, end, match_case(word, replacement))


# ---------------------------------------------------------------- kerb

KERB = re.compile(
    r"\b(?:on|onto|off|at|along|against|from|over|by|near|beside|to|up|mounted|mounting|"
    r"mount|hit|hitting|clipped|clip|kerb|pavement|sidewalk|stepped|parked|drop|drops)\s+"
    r"(?:the|a)\s+(curbs?)\b(?!\s+(?:on|to)\b)"
    r"|\b(?:dropped|raised|high|low)\s+(curbs?)\b"
    r"|\b(curb)(?=(?:\s+|\s*-\s*)(?:side|appeal|stones?)\b)"
    r"|\b(curbside|curbstones?)\b",
    re.IGNORECASE,
)
KERB_FIX = {
    "curb": "kerb",
    "curbs": "kerbs",
    "curbside": "kerbside",
    "curbstone": "kerbstone",
    "curbstones": "kerbstones",
}


@register(
    "spelling.kerb",
    "spelling",
    "warning",
    "{readers} spell the edge of the pavement '{suggestion}' ('curb' means to hold back)",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=tuple(KERB_FIX),
    examples=[
        Example("Please don't park on the curb outside the shop.", "GB", "curb"),
        Example("Free curbside pickup all weekend.", "AU", "curbside"),
        Example("The house has serious curb appeal.", "NZ", "curb"),
        Example("New rules to curb plastic waste start today.", "GB", None),
        Example("A curb on spending is coming.", "GB", None),
        Example("Free curbside pickup all weekend.", "CA", None),
    ],
)
def detect_curb(context: Context) -> Iterator[Hit]:
    return sense_hits(context, KERB, KERB_FIX)


# ---------------------------------------------------------------- storey

_COUNTS = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|single|double|multi)"
)
_STOREYS = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|single|double|multi|multiple|several|many|upper|top|"
    r"ground|first|second|third|fourth|fifth)"
)
_BUILDINGS = (
    r"(?:buildings?|house|houses|home|homes|towers?|blocks?|car\s+parks?|carparks?|"
    r"extensions?|offices?|hotels?|structures?|high|tall|property|"
    r"apartments?|mansions?|townhouses?|villas?|warehouses?|window|windows|"
    r"of\s+(?:the|a|our|this)\s+(?:building|house|hotel|tower|car\s+park))"
)
STOREY = re.compile(
    r"\b" + _COUNTS + r"\s*-\s*(stor(?:y|ies))\b"  # "two-story": the compound says building
    r"|\b" + _STOREYS + r"(?:\s+|\s*-\s*)(stor(?:y|ies))\s+" + _BUILDINGS + r"\b",
    re.IGNORECASE,
)
STOREY_FIX = {"story": "storey", "stories": "storeys"}


@register(
    "spelling.storey",
    "spelling",
    "warning",
    "{readers} spell the floor of a building '{suggestion}'",
    markets=NOT_US,
    english_only=True,
    trigger_words=("story", "stories"),
    examples=[
        Example("Our new two-story showroom opens Friday.", "GB", "story"),
        Example("A 10-story tower is going up on Main St.", "CA", "story"),
        Example("The hotel is three stories high.", "AU", "stories"),
        Example("Free parking in the multi-story car park.", "IE", "story"),
        Example("Two stories from our customers this week.", "GB", None),
        Example("Our new two-story showroom opens Friday.", "US", None),
        Example("The story of our first shop.", "NZ", None),
    ],
)
def detect_story(context: Context) -> Iterator[Hit]:
    return sense_hits(context, STOREY, STOREY_FIX)


# ---------------------------------------------------------------- draught

DRAUGHT = re.compile(
    r"\b(drafts?)\s+(?:beers?|ales?|lagers?|ciders?|stouts?|bitters?|pints?|guinness|"
    r"excluders?|stoppers?|proofing)\b"
    r"|\bon\s+(draft)\b(?=\s*(?:[.,!;:)]|$|(?:and|at|here|now|today|tonight|all|every|"
    r"from|for|this|until)\b))"
    r"|\b(?:cold|icy|chilly|feel|felt|feeling|freezing)\s+(?:a\s+|the\s+)?(drafts?)\b",
    re.IGNORECASE,
)
DRAUGHT_FIX = {"draft": "draught", "drafts": "draughts"}


@register(
    "spelling.draught",
    "spelling",
    "warning",
    "{readers} spell beer from the tap and cold air '{suggestion}'",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=("draft", "drafts"),
    examples=[
        Example("Two-for-one on all draft beers tonight.", "GB", "draft"),
        Example("Our new pale ale is on draft now.", "AU", "draft"),
        Example("Keep out the cold drafts with our door seals.", "IE", "drafts"),
        Example("The first draft of the plan is ready for comments.", "GB", None),
        Example("Two-for-one on all draft beers tonight.", "US", None),
        Example("Two-for-one on all draft beers tonight.", "CA", None),
    ],
)
def detect_draft(context: Context) -> Iterator[Hit]:
    return sense_hits(context, DRAUGHT, DRAUGHT_FIX)


# ---------------------------------------------------------------- disc

DISC = re.compile(
    r"\b(?:slipped|compact|herniated|bulging|prolapsed|spinal)\s+(disks?)\b"
    r"|\b(disks?)\s+(?:brakes?|jockeys?|golf)\b",
    re.IGNORECASE,
)
DISC_FIX = {"disk": "disc", "disks": "discs"}


@register(
    "spelling.disc",
    "spelling",
    "warning",
    "{readers} spell this '{suggestion}' ('disk' is for computer storage)",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=("disk", "disks"),
    examples=[
        Example("Back in the gym after a slipped disk.", "GB", "disk"),
        Example("All our bikes now have hydraulic disk brakes.", "NZ", "disk"),
        Example("Free up disk space with one click.", "GB", None),
        Example("Back in the gym after a slipped disk.", "US", None),
    ],
)
def detect_disk(context: Context) -> Iterator[Hit]:
    return sense_hits(context, DISC, DISC_FIX)


# ---------------------------------------------------- the British spelling, wrong sense

METER_DEVICE = re.compile(
    r"\b(?:gas|water|electric|electricity|smart|parking|taxi|light|prepayment|prepay|"
    r"energy|power|flow|heat|pressure|moisture|glucose|credit)\s+(metres?)\b"
    r"|\b(metres?)\s+(?:readings?|readers?|box|boxes|cupboard|installs?|installation)\b",
    re.IGNORECASE,
)
METER_FIX = {"metre": "meter", "metres": "meters"}


@register(
    "spelling.meter_device",
    "spelling",
    "warning",
    "A measuring device is a '{suggestion}' everywhere ('metre' is the unit of length)",
    markets=NOT_US,
    english_only=True,
    trigger_words=("metre", "metres"),
    examples=[
        Example("Book your smart metre install today.", "GB", "metre"),
        Example("Send us your gas metre reading by Friday.", "AU", "metre"),
        Example("The pool is 50 metres long.", "GB", None),
        Example("Book your smart meter install today.", "GB", None),
    ],
)
def detect_metre_device(context: Context) -> Iterator[Hit]:
    return sense_hits(context, METER_DEVICE, METER_FIX)


# Software only where nothing else fits: a "computer programme" can be a course for
# beginners, and "run the programme" a scheme.
SOFTWARE_PROGRAMME = re.compile(
    r"\b(?:antivirus|anti-virus|malware|spyware)\s+(programmes?)\b"
    r"|\b(?:download|install|uninstall|reinstall)(?:s|ed|ing)?\s+(?:the|this|our|a|your)\s+"
    r"(programmes?)\b",
    re.IGNORECASE,
)
PROGRAM_FIX = {"programme": "program", "programmes": "programs"}


@register(
    "spelling.program_software",
    "spelling",
    "warning",
    "{readers} spell software '{suggestion}' ('programme' is a scheme or a show)",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=("programme", "programmes"),
    examples=[
        Example("Download the programme and install it today.", "GB", "programme"),
        Example("Run the antivirus programmes weekly.", "ZA", "programmes"),
        Example("Join our loyalty programme and save.", "GB", None),
        Example("Our free computer programme for over-60s starts Monday.", "GB", None),
        Example("The TV programme airs at 8pm.", "AU", None),
    ],
)
def detect_programme_software(context: Context) -> Iterator[Hit]:
    return sense_hits(context, SOFTWARE_PROGRAMME, PROGRAM_FIX)


# "Cheque out ..." as an order: at the start of a sentence or after "to", "please",
# "go", "come" or "and" ("we sent the cheques out" is right).
CHEQUE_OUT = re.compile(
    r"(?:^\s*|[.!?\n]\s*|\b(?:to|please|go|come|and)\s+)(cheque)(?=\s+(?:it\s+|them\s+)?out\b)"
    r"|\b(cheque)(?=-in\b)",
    re.IGNORECASE,
)
CHEQUE_FIX = {"cheque": "check", "cheques": "checks"}


@register(
    "spelling.check_not_cheque",
    "spelling",
    "warning",
    "'{found}' is only the bank payment; write '{suggestion}' here",
    markets=NOT_US,
    english_only=True,
    trigger_words=("cheque", "cheques"),
    examples=[
        Example("Cheque out our new autumn menu!", "GB", "Cheque"),
        Example("Online cheque-in opens 24 hours before your flight.", "IE", "cheque"),
        Example("We no longer accept cheques.", "GB", None),
        Example("We sent the cheques out this morning.", "GB", None),
        Example("Pay by cheque at the front desk.", "AU", None),
    ],
)
def detect_cheque_out(context: Context) -> Iterator[Hit]:
    return sense_hits(context, CHEQUE_OUT, CHEQUE_FIX)


TYRE_VERB = re.compile(
    r"\b(?:never|ever|don't|won't|can't|cannot|will|we|you|i|they|soon|quickly|to)\s+"
    r"(tyres?)\s+of\b"
    r"|(?<!-)\b(tyred)\b",  # not "rubber-tyred"
    re.IGNORECASE,
)
TYRE_FIX = {"tyre": "tire", "tyres": "tires", "tyred": "tired"}


@register(
    "spelling.tire_verb",
    "spelling",
    "warning",
    "To get weary is '{suggestion}' everywhere ('tyre' is the wheel)",
    markets=BRITISH_STYLE,
    english_only=True,
    trigger_words=("tyre", "tyres", "tyred"),
    examples=[
        Example("We never tyre of good coffee.", "GB", "tyre"),
        Example("Feeling tyred? Try our new blend.", "AU", "tyred"),
        Example("Four new tyres fitted while you wait.", "GB", None),
        Example("Our rubber-tyred trams run all night.", "GB", None),
    ],
)
def detect_tyre_verb(context: Context) -> Iterator[Hit]:
    return sense_hits(context, TYRE_VERB, TYRE_FIX)
