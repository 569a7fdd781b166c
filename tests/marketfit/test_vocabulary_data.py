"""Vocabulary terms from data/vocabulary.json, per market and direction: sentences written
for this test (not the terms' own examples) that must be flagged, and tricky ones that
must be left alone; and the generator's output is what is committed, run after run."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from onshore.marketfit import Post, check
from onshore.marketfit._data import DATA_DIR
from onshore.marketfit._engine import DEFAULT_OPTIONS, build_context
from onshore.marketfit._rules_vocabulary import TERMS
from onshore.marketfit._triggers import triggered_rules

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"

# (market, post, the vocabulary findings' texts in order)
US_WORDS_ABROAD = [
    ("GB", "Our new sneakers are made for city streets.", ["sneakers"]),
    ("GB", "The apartment above the bakery is ready to move in.", ["apartment"]),
    ("GB", "Enter your zip code to see delivery slots.", ["zip code"]),
    ("GB", "Pack the diapers, wipes and snacks for the road trip.", ["diapers"]),
    ("GB", "Drop your cell phone at the front desk for repairs.", ["cell phone"]),
    ("GB", "Our fall menu starts Monday.", ["fall"]),
    ("GB", "Stop at the gas station on the way and grab a coffee.", ["gas"]),
    ("GB", "Tailored pants and a linen shirt for summer weddings.", ["pants"]),
    ("GB", "Leave the shopping in your trunk while you grab a coffee.", ["trunk"]),
    ("GB", "Free parking lot behind the cinema after 6pm.", ["parking lot"]),
    ("GB", "Smoky eggplant and zucchini bake on the menu.", ["eggplant", "zucchini"]),
    ("GB", "Sprinkle cilantro and serve.", ["cilantro"]),
    ("GB", "Restrooms are next to the café.", ["Restrooms"]),
    ("GB", "The elevator to the rooftop bar is back in service.", ["elevator"]),
    ("GB", "Your mom deserves a spa day.", ["mom"]),
    ("GB", "Free math club for kids every Wednesday.", ["math"]),
    ("GB", "Soccer camp spaces are filling up fast.", ["Soccer"]),
    ("IE", "Soccer camp spaces are filling up fast.", []),
    ("IE", "Our app has gotten even faster.", []),
    ("IN", "Book a round-trip flight to Goa.", []),
    ("GB", "Order takeout from our new app.", ["takeout"]),
    ("GB", "New kitchen faucets from £49.", ["faucets"]),
    ("GB", "Put your trash can out on Tuesday night.", ["trash can"]),
    ("GB", "Book a vacation rental by the sea.", ["vacation"]),
    ("GB", "Pick up cold medicine at your local drugstore.", ["drugstore"]),
    ("GB", "Send your resume to careers@example.com by Friday.", ["resume"]),
    ("GB", "Download your pay stub from the staff portal.", ["pay stub"]),
    ("GB", "Talk to a realtor about selling this spring.", ["realtor"]),
    ("GB", "Turn left at the traffic circle and we are on the right.", ["traffic circle"]),
    ("GB", "Please use the crosswalk outside the school.", ["crosswalk"]),
    ("GB", "Free windshield checks this weekend.", ["windshield"]),
    ("GB", "Pop the hood and check your oil before a long drive.", ["hood"]),
    ("GB", "Renew your driver's license online.", ["driver's license"]),
    ("GB", "Cover the dough with plastic wrap and chill.", ["plastic wrap"]),
    ("GB", "Fold in the heavy cream and whisk.", ["heavy cream"]),
    ("GB", "Dust the cake with powdered sugar.", ["powdered sugar"]),
    ("GB", "Our fifth grade class raised £300 for the library.", ["grade"]),
    ("GB", "Her report card was full of gold stars.", ["report card"]),
    ("GB", "Our summer cookout is this Saturday.", ["cookout"]),
    ("GB", "Hire a dumpster for your garden clear-out.", ["dumpster"]),
    ("GB", "Take the subway to Oxford Circus and walk two minutes.", ["subway"]),
    ("GB", "The gas pedal sticks in cold weather: we can fix that.", ["gas pedal"]),
    ("GB", "Wait in line for the best doughnuts in town.", ["line"]),
    ("GB", "Your order is in the mail.", ["mail"]),
    ("GB", "Hands-free festival fun with our fanny packs.", ["fanny packs"]),
    ("GB", "Our janitor keeps the school spotless.", ["janitor"]),
    ("GB", "Our app has gotten even faster.", ["gotten"]),
    ("IE", "New sneakers for the school run.", ["sneakers"]),
    ("IE", "Stock up on diapers before the long weekend.", ["diapers"]),
    ("IE", "Heading on vacation? Get your travel cover sorted.", ["vacation"]),
    ("IE", "Talk to an attorney before you sign the lease.", ["attorney"]),
    ("AU", "Our fall range has landed in store.", ["fall"]),
    ("AU", "Road trip? Fill up on gas at our stations.", ["gas"]),
    ("AU", "Stock up on candy for the school fete.", ["candy"]),
    ("AU", "Fresh romaine in every salad bowl.", ["romaine"]),
    ("AU", "Line the tray with parchment paper.", ["parchment paper"]),
    ("AU", "Oak countertops cut to order.", ["countertops"]),
    ("AU", "A feather comforter for winter nights.", ["comforter"]),
    ("AU", "Tailored pants for the office are 20% off.", []),
    ("NZ", "Please keep the sidewalk outside the shop clear.", ["sidewalk"]),
    ("NZ", "Free parking lot behind our Hamilton store.", ["parking lot"]),
    ("NZ", "Planning a bachelor party? Book our function room.", ["bachelor party"]),
    ("NZ", "Take the freeway north to our store.", ["freeway"]),
    ("IN", "Enter your zip code to check delivery.", ["zip code"]),
    ("IN", "Free parking lot for customers.", []),
    ("IN", "Our sidewalk café is open late.", ["sidewalk"]),
    ("IN", "Keep a flashlight handy during the storm.", ["flashlight"]),
    ("ZA", "Free windshield checks at every branch.", ["windshield"]),
    # South Africans say "baby marrow" but shops and recipes use "zucchini" too: no finding.
    ("ZA", "Zucchini fritters are on the specials board.", []),
    ("ZA", "Stock up on diapers at our Sandton store.", ["diapers"]),
    ("ZA", "Hire a dumpster for your renovation.", ["dumpster"]),
]

GB_WORDS_ABROAD = [
    ("US", "Our lorry is stuck in traffic on I-95.", ["lorry"]),
    ("US", "Stock up on nappies this week.", ["nappies"]),
    ("US", "Running low on petrol? Our app finds the cheapest pump.", ["petrol"]),
    ("US", "Sorry, the car park behind our store is closed.", ["car park"]),
    ("US", "Roasted aubergine with tahini for lunch.", ["aubergine"]),
    ("US", "Courgette fritters are back on the menu.", ["Courgette"]),
    ("US", "Grab a bag of crisps with any sandwich.", ["crisps"]),
    ("US", "Need a new jumper? Our knits are in.", ["jumper"]),
    ("US", "New arrivals every fortnight.", ["fortnight"]),
    ("US", "Treat your mum to brunch this Sunday.", ["mum"]),
    ("US", "Free maths tutoring after school.", ["maths"]),
    ("US", "Ordering a takeaway tonight? Use code FRIDAY.", ["takeaway"]),
    ("US", "The two-bedroom flat above our shop is for rent.", ["flat"]),
    ("US", "Heading off on holiday next week? Pack light.", ["holiday"]),
    ("US", "Enter your postcode at checkout.", ["postcode"]),
    ("US", "Grab a new pair of trainers for the gym.", ["trainers"]),
    ("US", "Skip the queue and order ahead.", ["queue"]),
    ("US", "Take the lift to the fourth floor.", ["lift"]),
    ("US", "The loo is at the back of the shop.", ["loo"]),
    ("US", "Put the wheelie bin out on Sunday night.", ["wheelie bin"]),
    ("US", "Rubbish collection moves to Friday this week.", ["Rubbish"]),
    ("US", "Pick up a test at your local chemist.", ["chemist"]),
    ("US", "Stock up on paracetamol before flu season.", ["paracetamol"]),
    ("US", "Waterproof plasters for little knees.", ["plasters"]),
    ("US", "Book an appointment with your GP today.", ["GP"]),
    ("US", "Send your CV to careers@example.com.", ["CV"]),
    ("US", "Download your payslip from the portal.", ["payslip"]),
    ("US", "Talk to a local estate agent today.", ["estate agent"]),
    ("US", "Two-bed house to let near the station.", ["to let"]),
    ("US", "Car boot sale in the school field on Sunday.", ["Car boot sale"]),
    ("US", "Roadworks on the motorway tonight.", ["Roadworks", "motorway"]),
    ("US", "Use the zebra crossing by the school.", ["zebra crossing"]),
    ("US", "Free windscreen checks this weekend.", ["windscreen"]),
    ("US", "Pop the bonnet and check your oil.", ["bonnet"]),
    ("US", "Put the shopping in the car boot.", ["boot"]),
    ("US", "Personalized number plates from $99.", ["number plates"]),
    ("US", "Bring your driving licence to collect the car.", ["driving licence"]),
    ("US", "Book your MOT online.", ["MOT"]),
    ("US", "HGV drivers wanted, great pay.", ["HGV"]),
    ("US", "Return your shopping trolley to the bay.", ["trolley"]),
    ("US", "Cover the bowl with cling film.", ["cling film"]),
    ("US", "Fold in the double cream.", ["double cream"]),
    ("US", "Dust with icing sugar and serve.", ["icing sugar"]),
    ("US", "Sift the plain flour twice.", ["plain flour"]),
    ("US", "Tinned tomatoes, three for $2.", ["Tinned"]),
    ("US", "Our head teacher welcomes new families.", ["head teacher"]),
    ("US", "Applications for our graduate scheme are open.", ["graduate scheme"]),
    ("US", "Fancy dress party at the bar on Saturday.", ["Fancy dress"]),
    ("US", "Bring a brolly, it looks wet.", ["brolly"]),
    ("US", "Planning a hen do? We have packages.", ["hen do"]),
    ("US", "Everyone gets a pay rise this year.", ["pay rise"]),
    ("US", "Join a trade union this May.", ["trade union"]),
    ("CA", "Lorry drivers wanted for our Montreal route.", ["Lorry"]),
    ("CA", "Don't forget the crisps and dip!", ["crisps"]),
    ("CA", "Enter your zip code to see delivery times.", ["zip code"]),
    ("CA", "Sorry, the car park is closed for resurfacing.", ["car park"]),
    ("CA", "Ordering a takeaway? Use code FRIDAY.", ["takeaway"]),
    ("CA", "Fizzy drinks are two for one.", ["Fizzy drinks"]),
    ("CA", "Our annual leave policy is generous.", ["annual leave"]),
]

REGIONAL_WORDS = [
    ("US", "Bring an esky to the beach.", ["esky"]),
    ("US", "See you this arvo at the markets.", ["arvo"]),
    ("US", "Grab a six-pack from the bottle shop.", ["bottle shop"]),
    ("US", "Our ute is loaded for the farmers market.", ["ute"]),
    ("US", "Calling all tradies: 20% off work boots.", ["tradies"]),
    ("GB", "Summer sorted: all jandals are 30% off.", ["jandals"]),
    ("US", "Pack the chilly bin for the beach.", ["chilly bin"]),
    ("GB", "Book the family bach for the holidays.", ["bach"]),
    ("US", "Turn left at the robot after the garage.", ["robot"]),
    ("GB", "Our bakkie is loaded for the market.", ["bakkie"]),
    ("US", "Join our Heritage Day braai.", ["braai"]),
    ("GB", "Good luck to every matric writing exams.", ["matric"]),
    ("US", "Over 2 lakh customers trust us.", ["lakh"]),
    ("GB", "Sales crossed 5 crore this year.", ["crore"]),
    ("GB", "We have preponed the launch to Friday.", ["preponed"]),
    ("US", "Please do the needful and renew today.", ["do the needful"]),
    ("GB", "Kindly revert with your order number.", ["revert"]),
    ("US", "Enter your pincode to check delivery.", ["pincode"]),
    ("US", "Stay warm with a knitted toque.", ["toque"]),
    ("GB", "Washrooms are on the second floor.", ["Washrooms"]),
    ("US", "Free parking in the parkade after 6.", ["parkade"]),
    ("GB", "A box of pencil crayons for art class.", ["pencil crayons"]),
    ("US", "Store the towels in the hot press.", ["hot press"]),
    ("GB", "New kitchen presses fitted in a day.", ["presses"]),
    ("US", "Great craic at the launch last night.", ["craic"]),
    ("US", "Free creche while you shop.", ["creche"]),
]

EVERYDAY_WORDS = [
    ("GB", "Happy to split the check, no problem.", ["check"]),
    ("GB", "Open Monday through Friday, 9 to 5.", ["through"]),
    ("AU", "Visit our new downtown store.", ["downtown"]),
    ("GB", "Call our toll-free number any time.", ["toll-free"]),
    ("US", "Bike hire from $10 a day.", ["Bike hire"]),
    ("US", "Book our seaside holiday cottage for summer.", ["holiday cottage"]),
    ("US", "Half-term fun for the kids at the museum.", ["Half-term"]),
    ("US", "We offer 25 days' holiday and flexible hours.", ["holiday"]),
    ("US", "Pop in for a cuppa and a chat.", ["cuppa"]),
    ("US", "Full fry-up for $8 every Saturday.", ["fry-up"]),
    ("US", "Elderflower cordial with sparkling water.", ["cordial"]),
    ("US", "Tumble dryer repairs within 48 hours.", ["Tumble dryer"]),
    ("US", "Compostable bin bags, 50 a roll.", ["bin bags"]),
    ("US", "Our new home kit is available now.", ["kit"]),
    ("US", "Book our 3G pitch for five-a-side.", ["pitch"]),
    ("US", "Just pop our address in your sat nav.", ["sat nav"]),
    ("GB", "Book your flu shot at the pharmacy.", ["flu shot"]),
    ("US", "Book your flu jab at the pharmacy.", ["flu jab"]),
    ("US", "Don't forget the sun cream this weekend.", ["sun cream"]),
    ("US", "Bamboo toilet roll, delivered monthly.", ["toilet roll"]),
    ("GB", "Book your furnace tune-up before winter.", ["furnace"]),
    ("US", "The new staff rota is on the noticeboard.", ["rota"]),
    ("GB", "Our field trip to the zoo is on Friday.", ["field trip"]),
    ("AU", "Our field trip to the zoo is on Friday.", ["field trip"]),
    ("US", "Loft conversions from $30k.", ["Loft conversions"]),
    ("GB", "This fixer-upper has huge potential.", ["fixer-upper"]),
    ("US", "No faff, just fast delivery.", ["faff"]),
    ("US", "We're gutted to miss the festival this year.", ["gutted"]),
    ("GB", "Sundowners on the stoep this Friday.", ["stoep"]),
    ("US", "Bachelor apartment for rent near campus.", ["Bachelor apartment"]),
    ("US", "Paper serviettes, 100 a pack.", ["serviettes"]),
    ("GB", "Grab a sambo and a coffee for £5.", ["sambo"]),
    ("IE", "Grab a sambo and a coffee for €5.", []),
    ("GB", "Free freezies for the kids.", ["freezies"]),
    ("NZ", "Book the family bach for summer.", []),
    ("ZA", "Sundowners on the stoep this Friday.", []),
    ("CA", "Free freezies for the kids.", []),
    ("US", "Pear, walnut and rocket salad on the lunch menu.", ["rocket"]),
    ("US", "New linen trousers for summer.", ["trousers"]),
    ("US", "A new mixer tap for the kitchen sink.", ["tap"]),
    ("GB", "Make your paycheck go further.", ["paycheck"]),
    ("US", "Free parking in the multi-storey car park after 6.", ["multi-storey car park"]),
    ("GB", "Handicapped parking is by the main door.", ["Handicapped"]),
    ("US", "Parents' evening is next Thursday.", ["Parents' evening"]),
    ("GB", "We are hiring substitute teachers.", ["substitute teachers"]),
    ("US", "Free exam revision sessions this Easter.", ["revision"]),
    ("US", "Book your WOF online.", ["WOF"]),
    ("US", "Our sales are rocket fuel for growth.", []),
    ("US", "Beer on tap all weekend.", []),
    ("US", "The third revision of the contract is ready.", []),
    ("GB", "Government bond yields rose today.", []),
    ("NZ", "Book your WOF online.", []),
    ("US", "The building was gutted by fire last year.", []),
    ("US", "A cordial welcome to our new members.", []),
    ("GB", "Stir fry up some noodles tonight.", []),
    ("US", "Perfect your sales pitch in an hour.", []),
    ("GB", "Grab the check-in code at reception.", []),
    ("GB", "Read through Monday's notes before the call.", []),
    ("GB", "A single cell under the microscope.", []),
    ("US", "The blast furnace lit up the sky.", []),
]

TRICKY_CLEAN = [
    ("GB", "Don't let prices fall through the cracks.", []),
    ("GB", "Watch the leaves fall in the park.", []),
    ("GB", "Compare gas and electricity bills in one place.", []),
    ("GB", "Our gas boiler service is £60.", []),
    ("GB", "That film was pants, honestly.", []),
    ("GB", "New pants and socks for the gym bag.", []),
    ("GB", "The old oak trunk is hollow.", []),
    ("GB", "Fish and chips every Friday.", []),
    ("GB", "Our new chips use less power.", []),
    ("GB", "Candy Crush fans, this one is for you.", []),
    ("GB", "Candy canes for every tree.", []),
    ("GB", "Your elevator pitch, sharpened in an hour.", []),
    ("GB", "Visit our factory outlet this weekend.", []),
    ("GB", "Reality TV is trash, honestly.", []),
    ("GB", "Join the queue of happy customers.", []),
    ("GB", "Our results are in line with forecasts.", []),
    ("GB", "Return ill-gotten gains to the owners.", []),
    ("GB", "The chef's toque is part of the uniform.", []),
    ("GB", "A slow cooker for busy weeknights.", []),
    ("GB", "We resume service on Monday.", []),
    ("GB", "Set up a lasting power of attorney today.", []),
    ("GB", "Apple crisps and pies fresh from the oven.", []),
    ("GB", "Add soda water and a slice of lime.", []),
    ("GB", "Bake a loaf of soda bread this weekend.", []),
    ("GB", "This launch was a dumpster fire.", []),
    ("GB", "Meet the robot that cleans your pool.", []),
    ("GB", "Our oatmeal knit cardigan is back.", []),
    ("GB", "Frosting on the windows this morning.", []),
    ("GB", "The runtime frees memory through garbage collection.", []),
    ("GB", "The progress bar is pure eye-candy.", []),
    ("GB", "The fall-back parser handles broken input.", []),
    ("US", "Jobs are collected in the queue and run in order.", []),
    ("US", "Pick up your prescription at a CVS pharmacy.", []),
    ("US", "Keep mum about the surprise party.", []),
    ("US", "Prices stayed flat this quarter.", []),
    ("US", "Ballet flats and sandals on sale.", []),
    ("US", "My key takeaway from the summit: listen more.", []),
    ("US", "Happy holiday season from all of us!", []),
    ("US", "We ran out of flour before a holiday weekend.", []),
    ("US", "Keep jumper cables in the car.", []),
    ("US", "Show jumpers compete on Sunday.", []),
    ("US", "Our personal trainers are ready for you.", []),
    ("US", "Olympic torch relay passes our store today.", []),
    ("US", "Take the ski lift to the summit.", []),
    ("US", "Need a lift to the station? Book a ride.", []),
    ("US", "Add the job to the task queue.", []),
    ("US", "Our chemist who developed the formula explains.", []),
    ("US", "Heart surgery saved his life.", []),
    ("US", "Watch the Monaco GP race live.", []),
    ("US", "Data redundancy keeps your backups safe.", []),
    ("US", "The quarterback was sacked twice.", []),
    ("US", "Mince pies are back for Christmas.", []),
    ("US", "Return policy: 30 days, no questions.", []),
    ("US", "A tube of sunscreen for every bag.", []),
    ("US", "Open till late tonight.", []),
    ("US", "Rubber boots for the garden.", []),
    ("US", "That film was rubbish, sorry.", []),
    ("US", "Storage bins for the garage.", []),
    ("US", "No solicitors or salespeople please.", []),
    ("US", "An Easter bonnet parade for the kids.", []),
    ("US", "Our soccer coach trip report is up.", []),
    ("US", "Revert to the old settings in one click.", []),
    ("AU", "Prams and strollers: 20% off this week.", []),
    ("AU", "See you this arvo at the markets.", []),
    ("AU", "Bring an esky to the beach.", []),
    ("NZ", "Chilly bin packed, jandals on. See you at the beach!", []),
    ("IE", "Our new spice range will brighten up any kitchen press.", []),
    ("IE", "What's the craic? Our Galway café opens Monday.", []),
    ("IN", "Our tiffin service now covers Andheri and Powai.", []),
    ("IN", "Sales crossed 5 crore this year.", []),
    ("ZA", "Turn left at the robot after the garage.", []),
    ("ZA", "Join our Heritage Day braai.", []),
    ("CA", "Stay warm with a knitted toque.", []),
    ("CA", "Washrooms are on the second floor.", []),
    ("CA", "Winter tires and a toque: you're ready.", []),
    ("US", "Enter your zip code at checkout.", []),
    ("GB", "Free car park behind the store.", []),
]

CASES = US_WORDS_ABROAD + GB_WORDS_ABROAD + REGIONAL_WORDS + EVERYDAY_WORDS + TRICKY_CLEAN


def vocabulary_found(market: str, text: str) -> list[str]:
    findings = check(Post(text, market))
    return [text[f.start : f.end] for f in findings if f.category == "vocabulary"]


def test_there_are_enough_sentences_flagged_and_clean() -> None:
    assert len(CASES) >= 150
    assert sum(1 for _, _, found in CASES if not found) >= 60
    markets = {market for market, _, found in CASES if found}
    assert markets == {"US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"}


@pytest.mark.parametrize(("market", "text", "expected"), CASES)
def test_sentence(market: str, text: str, expected: list[str]) -> None:
    assert vocabulary_found(market, text) == expected


@pytest.mark.parametrize(
    ("market", "text", "suggestion"),
    [
        ("IE", "New sneakers just dropped.", "runners"),
        ("GB", "New sneakers just dropped.", "trainers"),
        ("AU", "Keep the sidewalk clear.", "footpath"),
        ("GB", "Keep the sidewalk clear.", "pavement"),
        ("IN", "Enter your zip code.", "PIN code"),
        ("CA", "Enter your zip code.", "postal code"),
        ("ZA", "Smoky eggplant dip.", "brinjal"),
        ("AU", "Grab a popsicle.", "icy pole"),
        ("NZ", "Grab a popsicle.", "ice block"),
        ("US", "Grab a coffee at the off-licence.", "liquor store"),
        ("AU", "Grab a coffee at the off-licence.", "bottle shop"),
        ("US", "Pack the chilly bin.", "cooler"),
        ("AU", "Pack the chilly bin.", "esky"),
    ],
)
def test_the_local_word_is_the_markets_own(market: str, text: str, suggestion: str) -> None:
    findings = [f for f in check(Post(text, market)) if f.category == "vocabulary"]
    assert [f.suggestion for f in findings] == [suggestion]


def test_capitals_keep_the_name_rule_but_not_for_abbreviations() -> None:
    assert vocabulary_found("GB", "We met at the Sneakers Expo in Leeds.") == []
    assert vocabulary_found("US", "Waiting times at A&E are down.") == ["A&E"]


def test_a_post_without_a_trigger_word_runs_no_vocabulary_rule() -> None:
    context = build_context(Post("Our new collection lands on Monday.", "GB"), DEFAULT_OPTIONS)
    assert not [r for r in triggered_rules(context) if r.category == "vocabulary"]


def test_there_are_hundreds_of_terms_for_every_english_market() -> None:
    assert len(TERMS) >= 400
    for market in ("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"):
        assert sum(1 for term in TERMS if market in term.markets) >= 60, market


def test_every_term_names_its_sources() -> None:
    sources = {source for term in TERMS for source in term.sources}
    assert {"VarCon voc.tab", "onshore curated"} <= sources
    assert any(source.startswith("LanguageTool") for source in sources)


def load_generator() -> ModuleType:
    path = REPO / "scripts" / "generate_marketfit_data.py"
    spec = importlib.util.spec_from_file_location("generate_marketfit_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "varcon").is_dir(), reason="needs ../shared/data/varcon")
def test_the_generator_gives_the_committed_file_every_time() -> None:
    generator = load_generator()
    first = generator.build_vocabulary(SHARED / "varcon")
    second = generator.build_vocabulary(SHARED / "varcon")
    committed = json.loads((DATA_DIR / "vocabulary.json").read_text(encoding="utf-8"))
    assert first == second == committed
