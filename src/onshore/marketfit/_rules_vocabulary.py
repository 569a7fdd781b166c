"""Vocabulary: a word another market uses for the thing (sneakers/trainers).

Each term is data: a pattern, the markets where it reads as foreign, the local word,
and examples. Ambiguous words (fall, gas, pants, trunk, chips) have patterns that only
match in the one sense that differs, e.g. "this fall" but never "prices fall".

Over 600 lines: about 500 of them are the term table, data kept beside the 80 lines of
code that turn it into rules so a term and its examples read as one; the table moves to
generated data files when vocabulary comes from maintained sources (issue 17).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from onshore.marketfit._registry import Context, Example, Hit, Rule, add_rule, match_case
from onshore.marketfit._text import Document

NOT_US = ("GB", "IE", "AU", "NZ", "IN", "ZA")
UK_IE = ("GB", "IE")
UK_IE_AU_NZ = ("GB", "IE", "AU", "NZ")
NORTH_AMERICA = ("US", "CA")


@dataclass(frozen=True)
class Term:
    id: str
    pattern: str  # group 1 (or the whole match) is the flagged span
    suggestion: str | Mapping[str, str]  # one word, or per market
    markets: tuple[str, ...]
    flag: tuple[str, str]  # (text, flagged part) in the first market
    clean: tuple[str, ...]  # texts that must not be flagged in the first market
    # The rule's trigger (Rule.trigger_words): every flagged span contains one of these
    # as a whole run of letters, so a post without any of them is not scanned.
    words: tuple[str, ...]
    # For words whose sense the neighbours do not settle ("paying for gas"): ``loose``
    # flags too, but only in a post that ``needs`` matches and ``unless`` does not.
    loose: str | None = None
    needs: str | None = None
    unless: str | None = None
    # More (market, text, flagged part) examples, for other markets or the loose sense.
    more_flags: tuple[tuple[str, str, str], ...] = ()


TERMS: tuple[Term, ...] = (
    Term(
        "sneakers",
        r"\b(sneakers?)\b",
        "trainers",
        UK_IE,
        ("New sneakers just dropped.", "sneakers"),
        ("Watch the film Sneakers tonight.",),
        words=("sneaker", "sneakers"),
    ),
    Term(
        "trainers",
        r"\b(?:pairs? of|running|new|white|black|kids['’]?|men['’]s|women['’]s|designer|leather|"
        r"canvas|chunky|retro|school)\s+(trainers)\b"
        r"|\b(trainers)\s*(?:,|and|&)\s*(?:backpacks|jeans|hoodies|joggers|socks|boots|sandals)\b"
        r"|\b(?:backpacks|jeans|hoodies|joggers|socks|boots|sandals|shoes)\s*(?:,|and|&)\s*"
        r"(trainers)\b",
        "sneakers",
        ("US", "CA"),
        ("Grab a new pair of trainers.", "trainers"),
        ("Our personal trainers are ready.",),
        words=("trainers",),
    ),
    Term(
        "apartment",
        r"\b(apartments?)\b",
        "flat",
        UK_IE,
        ("Two-bedroom apartment to let in Leeds.", "apartment"),
        ("Luxury Apartments Ltd is hiring.",),
        words=("apartment", "apartments"),
    ),
    Term(
        "zip_code",
        r"\b((?:zip|ZIP)\s+codes?)\b",
        {"CA": "postal code", "*": "postcode"},
        ("GB", "IE", "AU", "NZ", "CA", "IN", "ZA"),
        ("Enter your zip code at checkout.", "zip code"),
        ("Zip your code before pushing.",),
        words=("zip",),
    ),
    Term(
        "postcode",
        r"\b(post\s?codes?)\b",
        "ZIP code",
        ("US",),
        ("Enter your postcode at checkout.", "postcode"),
        ("Post your code snippets below.",),
        words=("post", "postcode", "postcodes"),
    ),
    Term(
        "vacation",
        r"\b(vacations?)\b",
        "holiday",
        ("GB", "IE", "AU", "NZ"),
        ("Book your summer vacation now.", "vacation"),
        ("Book your summer holiday now.",),
        words=("vacation", "vacations"),
    ),
    Term(
        "lorry",
        r"\b(lorry|lorries)\b",
        "truck",
        ("US", "CA"),
        ("Our lorry is on its way.", "lorry"),
        ("Our truck is on its way.",),
        words=("lorry", "lorries"),
    ),
    Term(
        "nappies",
        r"\b(nappy|nappies)\b",
        "diaper",
        ("US", "CA"),
        ("Stock up on nappies this week.", "nappies"),
        ("Stock up on diapers this week.",),
        words=("nappy", "nappies"),
    ),
    Term(
        "diapers",
        r"\b(diapers?)\b",
        "nappies",
        ("GB", "IE", "AU", "NZ"),
        ("Stock up on diapers this week.", "diapers"),
        ("Stock up on nappies this week.",),
        words=("diaper", "diapers"),
    ),
    Term(
        "cell_phone",
        r"\b(cell\s?phones?)\b",
        "mobile",
        ("GB", "IE", "AU", "NZ"),
        ("Switch off your cell phone in the cinema.", "cell phone"),
        ("Switch off your mobile in the cinema.",),
        words=("cell", "cellphone", "cellphones"),
    ),
    Term(
        "fall_season",
        r"\b(?:this|last|next|the|in|early|late|for)\s+(fall)\b(?!\s+(?:in|of|for|off|over|"
        r"behind|apart|short|asleep|through|into|on|out|back|down|flat|ill|prey|victim))"
        r"|\b(fall)\s+(?:20\d\d|collection|season|menu|semester|term|lineup|colou?rs|range|line|edit|"
        r"fashion|wardrobe|styles?|looks?|lookbook|sale|specials|flavou?rs|drinks|trends?)\b",
        "autumn",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Our new range lands this fall.", "fall"),
        ("Don't let prices fall through the cracks.", "Watch the leaves fall."),
        words=("fall",),
    ),
    Term(
        "gas_petrol",
        r"\b(gas)\s+(?:stations?|tanks?|pumps?|mileage|guzzlers?)\b"
        r"|\b(?:tank|full tank|fill(?:ing)? up (?:with|on)|out of|price of|cheap)\s+(?:of\s+)?"
        r"(gas)\b",
        "petrol",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Stop at the gas station on your way.", "gas"),
        (
            "Compare gas and electricity bills.",
            "The gas boiler needs a service.",
            "Cut your gas bill this winter, then drive less.",
        ),
        words=("gas",),
        # "paying for gas" is fuel in a post about driving, heating in one about bills.
        loose=r"\b(?:on|for)\s+(gas)\b(?!\s*(?:and|&|bills?|boilers?|heating|hobs?|"
        r"cookers?|stoves?|bbqs?|barbecues?|grills?|fires?|supply|meters?))",
        needs=r"\b(?:cars?|drive|driving|drivers?|road ?trips?|scooters?|motorbikes?|"
        r"vehicles?|commute|commuting|servos?|engines?|mileage|utes?|suvs?|mpg)\b",
        unless=r"\b(?:electricity|boilers?|heating|hobs?|cookers?|stoves?|bbqs?|barbecues?|"
        r"grills?|bills?|meters?|energy|lpg|cylinders?)\b",
        more_flags=(
            ("IN", "Tired of paying for gas? Our scooters go 120 km a charge.", "gas"),
            ("AU", "Road trip? Fill up on gas at our servos.", "gas"),
        ),
    ),
    Term(
        "gasoline",
        r"\b(gasoline)\b",
        "petrol",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Save on gasoline this summer.", "gasoline"),
        ("Save on petrol this summer.",),
        words=("gasoline",),
    ),
    Term(
        "petrol",
        r"\b(petrol)\b",
        "gas",
        ("US", "CA"),
        ("Save on petrol this summer.", "petrol"),
        ("Save on gas this summer.",),
        words=("petrol",),
    ),
    Term(
        "pants",
        r"\b(?:pair of|dress|suit|khaki|work|cargo|sweat|linen|wide-leg|tailored)\s+(pants)\b"
        r"|\b(pants)\s+and\s+(?:a\s+)?(?:shirt|blouse|top|jacket|blazer)",
        "trousers",
        UK_IE,
        ("Our linen pants are back in stock.", "pants"),
        ("That film was pants, honestly.", "New pants and socks for the gym bag."),
        words=("pants",),
    ),
    Term(
        "trunk",
        r"\b(?:car|the|your|my|our)\s+(trunk)\b(?!\s+(?:road|line|call))",
        "boot",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Pop the shopping in the trunk.", "trunk"),
        ("The old oak trunk is hollow.", "Take the trunk road north."),
        words=("trunk",),
    ),
    Term(
        "chips_crisps",
        r"\b(?:bag|packet|pack)\s+of\s+(chips)\b|\b(?:potato|corn)\s+(chips)\b",
        "crisps",
        UK_IE,
        ("Grab a bag of chips for the road.", "chips"),
        ("Fish and chips every Friday.", "Our new chips use less power."),
        words=("chips",),
    ),
    Term(
        "chips_fries",
        r"\b(?:burger|steak)\s+(?:and|&|with)\s+(chips)\b|\b(chips)\s+and\s+(?:ketchup|gravy)\b",
        "fries",
        ("US",),
        ("Burger and chips for $12.", "chips"),
        ("Fish and chips night at the pub.", "Salsa and chips on the house."),
        words=("chips",),
    ),
    Term(
        "parking_lot",
        r"\b(parking lots?)\b",
        "car park",
        ("GB", "IE", "AU", "NZ"),
        ("Free parking lot behind the store.", "parking lot"),
        ("Free car park behind the store.",),
        words=("parking",),
    ),
    Term(
        "car_park",
        r"\b(car\s?parks?)\b",
        "parking lot",
        ("US", "CA"),
        ("Free car park behind the store.", "car park"),
        ("Free parking lot behind the store.",),
        words=("car", "carpark", "carparks"),
    ),
    Term(
        "eggplant",
        r"\b(eggplants?)\b",
        "aubergine",
        UK_IE,
        ("Try our smoky eggplant dip.", "eggplant"),
        ("Try our smoky aubergine dip.",),
        words=("eggplant", "eggplants"),
    ),
    Term(
        "aubergine",
        r"\b(aubergines?)\b",
        "eggplant",
        ("US", "CA", "AU", "NZ"),
        ("Try our smoky aubergine dip.", "aubergine"),
        ("Try our smoky eggplant dip.",),
        words=("aubergine", "aubergines"),
    ),
    Term(
        "zucchini",
        r"\b(zucchinis?)\b",
        "courgette",
        UK_IE,
        ("Zucchini fritters are back.", "Zucchini"),
        ("Courgette fritters are back.",),
        words=("zucchini", "zucchinis"),
    ),
    Term(
        "courgette",
        r"\b(courgettes?)\b",
        "zucchini",
        ("US", "CA", "AU", "NZ"),
        ("Courgette fritters are back.", "Courgette"),
        ("Zucchini fritters are back.",),
        words=("courgette", "courgettes"),
    ),
    Term(
        "cilantro",
        r"\b(cilantro)\b",
        "coriander",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Top with fresh cilantro.", "cilantro"),
        ("Top with fresh coriander.",),
        words=("cilantro",),
    ),
    Term(
        "arugula",
        r"\b(arugula)\b",
        "rocket",
        ("GB", "IE", "AU", "NZ", "ZA"),
        ("Peppery arugula salad.", "arugula"),
        ("Peppery rocket salad.",),
        words=("arugula",),
    ),
    Term(
        "stroller",
        r"\b(strollers?)\b",
        "pushchair",
        UK_IE,
        ("Stroller parking by the entrance.", "Stroller"),
        ("Pushchair parking by the door.",),
        words=("stroller", "strollers"),
    ),
    Term(
        "flashlight",
        r"\b(flashlights?)\b",
        "torch",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Pack a flashlight for the night walk.", "flashlight"),
        ("Pack a torch for the night walk.",),
        words=("flashlight", "flashlights"),
    ),
    Term(
        "torch",
        r"\b(?:a|your)\s+(torch)\s+for\b",
        "flashlight",
        ("US", "CA"),
        ("Bring a torch for the cave tour.", "torch"),
        ("Olympic torch relay today.",),
        words=("torch",),
    ),
    Term(
        "math",
        r"\b(math)\b",
        "maths",
        ("GB", "IE", "AU", "NZ", "IN", "ZA"),
        ("Free math tutoring every Tuesday.", "math"),
        ("Free maths tutoring every Tuesday.",),
        words=("math",),
    ),
    Term(
        "maths",
        r"\b(maths)\b",
        "math",
        ("US", "CA"),
        ("Free maths tutoring every Tuesday.", "maths"),
        ("Free math tutoring every Tuesday.",),
        words=("maths",),
    ),
    Term(
        "soccer",
        r"\b(soccer)\b",
        "football",
        UK_IE,
        ("Soccer fans, this one is for you.", "Soccer"),
        ("Football fans, this one's for you.",),
        words=("soccer",),
    ),
    Term(
        "mom",
        r"\b(moms?)\b",
        "mum",
        ("GB", "IE", "AU", "NZ", "ZA"),
        ("Treat your mom this weekend.", "mom"),
        ("Treat your mum this weekend.",),
        words=("mom", "moms"),
    ),
    Term(
        "mum",
        r"\b(?:your|my|our|for)\s+(mums?)\b",
        "mom",
        ("US",),
        ("Treat your mum this weekend.", "mum"),
        ("Keep mum about the surprise.",),
        words=("mum", "mums"),
    ),
    Term(
        "sidewalk",
        r"\b(sidewalks?)\b",
        {"AU": "footpath", "NZ": "footpath", "*": "pavement"},
        UK_IE_AU_NZ,
        ("Sidewalk sale all weekend.", "Sidewalk"),
        ("Pavement café open all weekend.",),
        words=("sidewalk", "sidewalks"),
        more_flags=(("NZ", "Please keep the sidewalk clear.", "sidewalk"),),
    ),
    Term(
        "takeout",
        r"\b(take-?out)\b",
        "takeaway",
        ("GB", "IE", "AU", "NZ"),
        ("Order takeout tonight.", "takeout"),
        ("Order a takeaway tonight.",),
        words=("take", "takeout"),
    ),
    Term(
        "faucet",
        r"\b(faucets?)\b",
        "tap",
        ("GB", "IE", "AU", "NZ"),
        ("New kitchen faucet range.", "faucet"),
        ("New kitchen tap range.",),
        words=("faucet", "faucets"),
    ),
    Term(
        "candy",
        r"\b(candy|candies)\b",
        "sweets",
        UK_IE,
        ("Free candy for every kid.", "candy"),
        ("Candy Crush fans, rejoice.",),
        words=("candy", "candies"),
    ),
    Term(
        "trash_can",
        r"\b(trash\s?cans?|garbage\s?cans?)\b",
        "bin",
        ("GB", "IE", "AU", "NZ"),
        ("Use the trash can by the door.", "trash can"),
        ("Use the bin by the door.",),
        words=("trash", "trashcan", "trashcans", "garbage", "garbagecan", "garbagecans"),
    ),
    Term(
        "freeway",
        r"\b(freeways?)\b",
        "motorway",
        ("GB", "IE", "NZ"),
        ("Closed freeway exit this weekend.", "freeway"),
        ("Closed motorway exit tonight.",),
        words=("freeway", "freeways"),
    ),
    Term(
        "elevator",
        r"\b(elevators?)\b(?!\s+pitch)",
        "lift",
        UK_IE,
        ("The elevator is out of service.", "elevator"),
        ("Your elevator pitch, sharpened.",),
        words=("elevator", "elevators"),
    ),
    Term(
        "holiday_vacation",
        r"\b(?:on|a|summer|beach)\s+(holiday)\b"
        r"(?=\s*(?:[.,!?;:)]|$)|\s+(?:in|to|at|abroad|with|for|this|next|from|until|over|and)\b)",
        "vacation",
        ("US", "CA"),
        ("Heading off on holiday next week.", "holiday"),
        ("Happy holiday season!", "We ran out of flour before a holiday weekend."),
        words=("holiday",),
    ),
    Term(
        "arvo",
        r"\b(arvo)\b",
        "afternoon",
        ("US", "CA", "GB", "IE", "IN", "ZA"),
        ("See you this arvo!", "arvo"),
        ("See you this afternoon!",),
        words=("arvo",),
    ),
    Term(
        "esky",
        r"\b(esky|eskies)\b",
        "cooler",
        ("US", "CA", "GB", "IE"),
        ("Bring an esky to the beach.", "esky"),
        ("Bring a cooler to the beach.",),
        words=("esky", "eskies"),
    ),
    Term(
        "restroom",
        r"\b(restrooms?)\b",
        "toilets",
        UK_IE,
        ("Restrooms are on level 2.", "Restrooms"),
        ("Toilets are on level 2.",),
        words=("restroom", "restrooms"),
    ),
    Term(
        "takeaway",
        r"\b(?:order(?:ing|ed)?|get(?:ting)?|grab(?:bing)?|fancy(?:ing)?|for|chinese|indian|thai|"
        r"pizza|curry)\s+(?:a\s+)?(takeaways?)\b(?!\s+(?:from|is|was|for)\b)"
        r"|\b(takeaways?)\s+(?:menu|food|pizza|coffee|order|night|tonight)s?\b",
        "takeout",
        ("US", "CA"),
        ("Ordering a takeaway tonight? Use code FRIDAY.", "takeaway"),
        ("My key takeaway from the summit: listen more.", "The takeaway is simple."),
        words=("takeaway", "takeaways"),
    ),
    Term(
        "flat",
        r"\b(?:bedroom|bed|studio|furnished|unfurnished|rented|council|basement|penthouse|"
        r"ground-floor|top-floor|share a|shared)\s+(flats?)\b"
        r"|\b(flats?)\s+(?:to (?:let|rent)|for rent|above (?:the|our|my))\b",
        "apartment",
        ("US", "CA"),
        ("The two-bedroom flat above our shop is for rent.", "flat"),
        ("Prices stayed flat this quarter.", "Ballet flats and sandals on sale."),
        words=("flat", "flats"),
    ),
    Term(
        "crisps",
        r"\b(crisps)\b(?=\s+(?:and|&)\s+(?:dips?|salsa|pop|soda|drinks?|sweets|chocolate))"
        r"|\b(?:bags?|packets?|packs?)\s+of\s+(crisps)\b"
        r"|\b(?:potato|salt and vinegar|cheese and onion|prawn cocktail)\s+(crisps)\b",
        "chips",
        ("US", "CA"),
        ("Don't forget the crisps and dip!", "crisps"),
        ("Apple crisps and pies fresh from the oven.", "The skin crisps up nicely."),
        words=("crisps",),
    ),
    Term(
        "jumper",
        r"\b(?:new|wool|woolly|woollen|knitted|cosy|cozy|christmas|cashmere|chunky|warm)\s+"
        r"(jumpers?)\b|\b(jumpers?)\s+(?:and|&)\s+(?:cardigans?|scarves|scarf|jeans)\b",
        "sweater",
        ("US", "CA"),
        ("Need a new jumper? Our knits are in.", "jumper"),
        ("Keep jumper cables in the car.", "Show jumpers compete on Sunday."),
        words=("jumper", "jumpers"),
    ),
    Term(
        "fortnight",
        r"\b(fortnight(?:ly)?)\b",
        {"US": "two weeks"},
        ("US",),
        ("New drops every fortnight.", "fortnight"),
        ("New drops every two weeks.",),
        words=("fortnight", "fortnightly"),
    ),
)


def _detector(term: Term) -> Callable[[Context], Iterator[Hit]]:
    def detect(context: Context) -> Iterator[Hit]:
        doc = context.doc
        masked = doc.masked
        matches = list(doc.finditer(compiled(term.pattern), any_case=True))
        if term.loose and _in_context(term, doc):
            spans = {m.span() for m in matches}
            loose = doc.finditer(compiled(term.loose), any_case=True)
            matches += [m for m in loose if m.span() not in spans]
        seen = set()
        for match in matches:
            pattern = match.re
            group = next((g for g in range(1, (pattern.groups or 0) + 1) if match.group(g)), 0)
            start, end = match.span(group)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            word = masked[start:end]  # as written: the scan may have read the lower-cased text
            # Mid-sentence capitals are names ("Soccer Aid", "Fall Out Boy").
            if word[:1].isupper() and start in context.doc.name_starts:
                continue
            yield Hit(start, end, match_case(word, local_word(term, context)))

    return detect


def _in_context(term: Term, doc: Document) -> bool:
    return (not term.needs or _found(term.needs, doc)) and not (
        term.unless and _found(term.unless, doc)
    )


def _found(source: str, doc: Document) -> bool:
    return doc.contains(compiled(source), any_case=True)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A term's regex, compiled on first use: start-up compiles only what a post needs."""
    return re.compile(pattern, re.IGNORECASE)


def local_word(term: Term, context: Context) -> str:
    if isinstance(term.suggestion, str):
        return term.suggestion
    code = context.market.code
    return term.suggestion.get(code, term.suggestion.get("*", ""))


def _examples(term: Term) -> list[Example]:
    market = term.markets[0]
    examples = [Example(term.flag[0], market, term.flag[1])]
    examples += [Example(text, market, None) for text in term.clean]
    examples += [Example(text, other, flag) for other, text, flag in term.more_flags]
    return examples


def _register_terms() -> None:
    for term in TERMS:
        add_rule(
            Rule(
                id=f"vocabulary.{term.id}",
                category="vocabulary",
                severity="warning",
                message="{readers} say '{suggestion}' rather than '{found}'",
                detect=_detector(term),
                examples=tuple(_examples(term)),
                markets=frozenset(term.markets),
                english_only=True,
                trigger_words=frozenset(term.words),
            )
        )


_register_terms()
