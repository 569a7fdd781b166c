"""Spelling that depends on a word's role, its sense, names and quotations (issue 17).

Each case is a sentence a post could hold, its market, and what a reader of that
market would mark: the exact text (first occurrence) with the spelling to write
instead, or nothing at all. Nothing means no spelling finding of any rule: a false
alarm on a name, a quotation or the right sense is what these tests guard against.
"""

from __future__ import annotations

import pytest

from onshore.marketfit import Options, Post, check

# (text, market, flagged text or None, suggestion)
Case = tuple[str, str, str | None, str | None]

NOUN_VERB: list[Case] = [
    # The noun outside the US: practice, licence.
    ("You'll need a valid driving license to hire the van.", "GB", "license", "licence"),
    ("Show your license at the door.", "AU", "license", "licence"),
    ("Every venue needs a license to sell alcohol.", "NZ", "license", "licence"),
    ("Lost your driver's license? Here's what to do.", "CA", "license", "licence"),
    ("Our liquor license came through!", "IE", "license", "licence"),
    ("Apply for a fishing license online.", "ZA", "license", "licence"),
    ("New license plates arrive Monday.", "CA", "license", "licence"),
    ("New license plates arrive Monday.", "IN", None, None),  # "number plates": vocabulary
    ("Our dental practise is open on Saturdays.", "GB", "practise", "practice"),
    ("The practise opens at 8am.", "AU", "practise", "practice"),
    ("Share your best practises with the team.", "NZ", "practises", "practices"),
    ("Join the practise session on Thursday.", "CA", "practise", "practice"),
    ("Our new GP practise is taking patients.", "IE", "practise", "practice"),
    # The verb outside the US: practise, license.
    ("We practice what we preach.", "AU", "practice", "practise"),
    ("You should practice every day.", "CA", "practice", "practise"),
    ("She practices yoga every morning.", "GB", "practices", "practises"),
    ("Kids can practice their swing with a pro.", "NZ", "practice", "practise"),
    ("Come along to practice your French.", "IE", "practice", "practise"),
    ("They practice law in Cape Town.", "ZA", "practice", "practise"),
    ("I practice piano for an hour a day.", "IN", "practice", "practise"),
    ("We will licence the design to three brands.", "IE", "licence", "license"),
    ("You can licence our photos for print.", "GB", "licence", "license"),
    ("They licence the format worldwide.", "AU", "licence", "license"),
    ("The council licences the stalls each spring.", "NZ", None, None),  # no sign
    ("Fully licenced bar and restaurant.", "GB", "licenced", "licensed"),
    ("Fully licenced bar and restaurant.", "US", "licenced", "licensed"),
    ("Our licencing team will be in touch.", "AU", "licencing", "licensing"),
    # Right as written.
    ("We license our photos to magazines.", "GB", None, None),
    ("Renew your licence before it expires.", "GB", None, None),
    ("The practice is open late on Thursdays.", "ZA", None, None),
    ("Practise your serve before the match.", "IN", None, None),
    ("We practise what we preach.", "NZ", None, None),
    ("Fully licensed bar and restaurant.", "GB", None, None),
    ("Welcome back to practice, everyone!", "GB", None, None),
    ("Practice makes perfect.", "AU", None, None),
    ("Best practice for small teams.", "GB", None, None),
    ("We're a small family practice in Leeds.", "GB", None, None),
    ("Her practised hands shaped every loaf.", "GB", None, None),
    ("The licence fee goes up in April.", "IE", None, None),
    ("Bring your licence and proof of address.", "ZA", None, None),
    ("Practising what we preach since 1998.", "NZ", None, None),
    # The US writes practice and license for both; the table flags practise, licence.
    ("We practice what we preach.", "US", None, None),
    ("Renew your license online.", "US", None, None),
    ("Our dental practice is open on Saturdays.", "US", None, None),
    ("We practise what we preach.", "US", "practise", "practice"),
    ("Renew your driving licence online.", "US", "licence", "license"),
    # Other pairs are different words everywhere, never a spelling finding.
    ("Need advice? We advise on every order.", "GB", None, None),
    ("Our new device will devise your route.", "AU", None, None),
]

COMPOUNDS: list[Case] = [
    ("Our colour-blind friendly palette is here.", "US", "colour", "color"),
    ("Check your tire-pressure before the long weekend.", "GB", "tire", "tyre"),
    ("Time to re-organise the stockroom.", "US", "organise", "organize"),
    ("A well-organized team makes it easy.", "AU", "organized", "organised"),
    ("Behaviour-led design, built for you.", "US", "Behaviour", "Behavior"),
    ("Now with fibre-optic broadband.", "US", "fibre", "fiber"),
    ("A fiber-optic cable runs to every home.", "GB", "fiber", "fibre"),
    ("Our colour-blind friendly palette is here.", "GB", None, None),
    ("A well-organized team makes it easy.", "GB", None, None),  # Oxford -ize
    ("Now with fiber-optic broadband.", "US", None, None),
    ("Our multi-colored scarves are back.", "NZ", "colored", "coloured"),
    ("Our multicolored scarves are back.", "IE", "multicolored", "multicoloured"),
    ("Try our new flavor-packed range.", "ZA", "flavor", "flavour"),
    ("Try our new flavour-packed range.", "CA", None, None),
]

SENSES: list[Case] = [
    # tire / tyre: only the wheel
    ("Four new tires fitted while you wait.", "AU", "tires", "tyres"),
    ("Check your tire pressure before the trip.", "IE", "tire", "tyre"),
    ("We never tire of good coffee.", "GB", None, None),
    ("We never tyre of good coffee.", "GB", "tyre", "tire"),
    ("Winter tires are a must this season.", "CA", None, None),
    # curb / kerb: only the road edge
    ("Please don't park on the curb outside the shop.", "GB", "curb", "kerb"),
    ("Free curbside pickup all weekend.", "AU", "curbside", "kerbside"),
    ("The house has serious curb appeal.", "NZ", "curb", "kerb"),
    ("Watch out for the dropped curb by the gate.", "IE", "curb", "kerb"),
    ("New rules to curb plastic waste start today.", "GB", None, None),
    ("A curb on spending is coming.", "ZA", None, None),
    ("Free curbside pickup all weekend.", "US", None, None),
    # check / cheque: only the bank payment
    ("You can still pay by check at the front desk.", "GB", "check", "cheque"),
    ("Deposit your checks with the app.", "CA", "checks", "cheques"),
    ("Check out our new menu!", "GB", None, None),
    ("We run a background check on every hire.", "AU", None, None),
    ("Cheque out our new autumn menu!", "GB", "Cheque", "Check"),
    ("We no longer accept cheques.", "NZ", None, None),
    ("We sent the cheques out this morning.", "GB", None, None),
    # program / programme: software is a program everywhere
    ("Join our loyalty program and save.", "GB", "program", "programme"),
    ("Download the program and install it on your computer.", "GB", None, None),
    ("Download the programme and install it today.", "GB", "programme", "program"),
    ("Our free computer programme for over-60s starts Monday.", "GB", None, None),
    ("The TV programme airs at 8pm.", "AU", None, None),
    # meter / metre: the device is a meter everywhere
    ("The pool is 50 meters long.", "GB", "meters", "metres"),
    ("Smart meter installs start Monday.", "GB", None, None),
    ("Book your smart metre install today.", "GB", "metre", "meter"),
    ("Send us your gas metre reading by Friday.", "AU", "metre", "meter"),
    ("Feed the parking meter first.", "AU", None, None),
    # story / storey: only the floor of a building
    ("Our new two-story showroom opens Friday.", "GB", "story", "storey"),
    ("A 10-story tower is going up downtown.", "CA", "story", "storey"),
    ("The hotel is three stories high.", "AU", "stories", "storeys"),
    ("Free parking in the multi-story car park.", "IE", "story", "storey"),
    ("Two stories from our customers this week.", "GB", None, None),
    ("Our first story up on the blog is about Jo.", "GB", None, None),
    ("A second-story window with a view.", "AU", "story", "storey"),
    ("The story of our first shop.", "NZ", None, None),
    ("Our new two-story showroom opens Friday.", "US", None, None),
    # draft / draught: beer and cold air; a draft document is fine
    ("Two-for-one on all draft beers tonight.", "GB", "draft", "draught"),
    ("Our new pale ale is on draft now.", "AU", "draft", "draught"),
    ("Keep out the cold drafts with our door seals.", "IE", "drafts", "draughts"),
    ("The first draft of the plan is ready for comments.", "GB", None, None),
    ("Send us a draft by Friday.", "NZ", None, None),
    ("Two-for-one on all draft beers tonight.", "US", None, None),
    # disk / disc
    ("Back in the gym after a slipped disk.", "GB", "disk", "disc"),
    ("All our bikes now have hydraulic disk brakes.", "NZ", "disk", "disc"),
    ("Free up disk space with one click.", "GB", None, None),
    ("Back in the gym after a slipped disk.", "US", None, None),
    # enquiry / inquiry and ton / tonne: no spelling finding either way
    ("Enquiries welcome, just drop us a line.", "US", None, None),
    ("Send your inquiry through the form.", "GB", None, None),
    ("Make an enquiry today.", "CA", None, None),
    ("We recycled a tonne of plastic this year.", "US", None, None),
    ("We shipped a ton of orders this week.", "GB", None, None),
]

NAMES: list[Case] = [
    ("A trip to Pearl Harbor and the Rockefeller Center.", "GB", None, None),
    ("The World Health Organization met today.", "GB", None, None),
    ("Flights to pearl harbor from £499.", "GB", None, None),
    ("Tickets for the lincoln center gala are live.", "AU", None, None),
    ("Happy Labor Day to our friends in the States!", "GB", None, None),
    ("Labor Day sale ends Monday for our US shoppers.", "IE", None, None),
    ("The Australian Labor Party launches its campaign.", "AU", None, None),
    ("Join us at the Color Run on Saturday.", "GB", None, None),
    ("Our earl grey latte is back.", "US", None, None),
    ("New Under Armour kit just landed.", "US", None, None),
    ("Stock up on under armour at 20% off.", "US", None, None),
    ("Watch Grey's Anatomy with us tonight.", "US", None, None),
    ("The Ministry of Defence confirmed the date.", "US", None, None),
    ("A weekend at center parcs for two!", "GB", None, None),
    ("NEW COLOR RANGE IN STORE NOW", "GB", None, None),  # a title in capitals
    ("Follow @colorfulkitchen and #colorfulfood for more.", "GB", None, None),
    ("Read more at https://example.com/favorite-colors today.", "GB", None, None),
    ("Visit our harbor-side café this summer.", "GB", "harbor", "harbour"),
    ("The color run is back in Auckland.", "NZ", "color", "colour"),  # generic event
    ("Our favorite mug is back.", "GB", "favorite", "favourite"),
]

QUOTATIONS: list[Case] = [
    ('She wrote "my favorite color" in the survey.', "GB", None, None),
    ('"Best flavor I have ever had," said one customer.', "GB", None, None),
    ("“The color is stunning,” she says.", "AU", None, None),
    ('According to Mike, "the color pops".', "NZ", None, None),
    ('"Love the new color!" — Priya, Leeds', "GB", None, None),
    ('★★★★★ "Great flavor and fast delivery"', "IE", None, None),
    ('Our reviewers agree: "the best colour on the market".', "US", None, None),
    ('Sam: "this is my favorite mug".', "ZA", None, None),
    ('A café called "Color Bar" opens today.', "GB", None, None),
    ('Our new range is named "Honor Roll".', "AU", None, None),
    ('Our "favorite" blend is back this week.', "GB", "favorite", "favourite"),
    ('Try the "colour drop" collection today.', "US", "colour", "color"),
    ('Meet our "neighbor" brand from down the road.', "NZ", "neighbor", "neighbour"),
    ("Our “jewelry” edit is here.", "IN", "jewelry", "jewellery"),
    ('The "grey" area of returns, explained.', "US", "grey", "gray"),
    ('"I love the colour," she said.', "US", None, None),
    ('Now playing "Colors" by Halsey in store.', "GB", None, None),  # a title
    ('The word "colour" has a u in it.', "US", None, None),
    ('It is "organized chaos" at the warehouse today.', "AU", "organized", "organised"),
    ('"Loved the flavor" 5 stars', "GB", None, None),
]

CASES = NOUN_VERB + COMPOUNDS + SENSES + NAMES + QUOTATIONS


def spelling_findings(text: str, market: str) -> list[tuple[str, str | None]]:
    return [
        (text[f.start : f.end], f.suggestion)
        for f in check(Post(text, market))
        if f.category == "spelling"
    ]


def test_there_are_enough_cases_in_every_english_market() -> None:
    assert len(CASES) >= 120
    markets = {market for _, market, _, _ in CASES}
    assert markets == {"GB", "US", "AU", "CA", "IE", "NZ", "IN", "ZA"}
    assert sum(flag is None for _, _, flag, _ in CASES) >= 50
    assert sum(flag is not None for _, _, flag, _ in CASES) >= 50


@pytest.mark.parametrize(
    ("text", "market", "flag", "suggestion"), CASES, ids=[f"{m}:{t[:40]}" for t, m, _, _ in CASES]
)
def test_what_a_reader_in_the_market_would_mark(
    text: str, market: str, flag: str | None, suggestion: str | None
) -> None:
    found = spelling_findings(text, market)
    if flag is None:
        assert found == [], f"false alarm in {market}: {found}"
    else:
        assert found == [(flag, suggestion)], f"in {market}: want {flag!r}, got {found}"


def test_a_finding_names_the_role_the_word_plays() -> None:
    [finding] = check(Post("You should practice every day.", "GB"))
    assert finding.rule == "spelling.noun_verb"
    assert finding.message == "UK readers spell the verb 'practise'"


def test_a_quotation_inside_a_suppressed_line_stays_silent() -> None:
    text = '<!-- onshore-ignore: spelling --> Our "favorite" blend is back.'
    assert spelling_findings(text, "GB") == []
    assert spelling_findings(text.replace("spelling", "dates"), "GB") != []


def test_the_glossary_covers_words_inside_quotation_marks() -> None:
    post = Post('Our "favorite" blend is back this week.', "GB")
    assert check(post, Options(glossary=frozenset({"favorite"}))) == []


ROLE_EDGES: list[Case] = [
    ("From theory to practice in six weeks.", "GB", None, None),
    ("From theory to practise in six weeks.", "GB", "practise", "practice"),
    ("Kids get to practice with the first team.", "GB", None, None),
    ("It's also practice for the big day.", "GB", None, None),
    ("We always practice on Sundays.", "AU", "practice", "practise"),
    ("Do practice tests before the exam.", "NZ", None, None),
    ("Practice this week is cancelled.", "GB", None, None),
    ("She practise every day.", "GB", None, None),  # a grammar slip, not spelling
    ("He practices at the club.", "IE", "practices", "practises"),
    ("Amendments to licence conditions take effect in May.", "GB", None, None),
    ("The right to license the brand is ours.", "CA", None, None),
    ("The right to licence the brand is ours.", "CA", "licence", "license"),
    ("Back to practise next week!", "GB", "practise", "practice"),
    ("Our practice. We practise.", "ZA", None, None),
    ("Put your skills into practise this weekend.", "GB", "practise", "practice"),
    ("It works in practise, not just in theory.", "AU", "practise", "practice"),
    ("See you after practice!", "NZ", None, None),
    ("Driving without a license costs more than you think.", "IE", "license", "licence"),
    ("Welcome to Harbour Practice, we practice kindness.", "GB", "practice", "practise"),
]


@pytest.mark.parametrize(
    ("text", "market", "flag", "suggestion"),
    ROLE_EDGES,
    ids=[f"{m}:{t[:40]}" for t, m, _, _ in ROLE_EDGES],
)
def test_the_role_is_read_from_the_neighbours_or_left_alone(
    text: str, market: str, flag: str | None, suggestion: str | None
) -> None:
    test_what_a_reader_in_the_market_would_mark(text, market, flag, suggestion)


def test_the_shipped_names_file_is_generated_from_the_curated_list() -> None:
    """data/spelling_names.json is what the generator makes of scripts/data/
    spelling_names.txt: edit the list, then run scripts/generate_marketfit_data.py."""
    import importlib.util
    import json
    from pathlib import Path

    from onshore.marketfit._data import DATA_DIR, spelling_table

    script = Path(__file__).resolve().parents[2] / "scripts" / "generate_marketfit_data.py"
    spec = importlib.util.spec_from_file_location("generate_marketfit_data", script)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    built = generator.build_spelling_names(generator.SPELLING_NAMES, spelling_table())
    shipped = json.loads((DATA_DIR / "spelling_names.json").read_text(encoding="utf-8"))
    assert built == shipped
    assert "pearl harbor" in shipped["harbor"]
