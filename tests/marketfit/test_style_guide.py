"""Style guides in the checker: each rule's flag and clean cases, disclosure per market,
the TOML file (round trip, bad files named by key and line), and the guide's cost."""

from __future__ import annotations

import pytest

from onshore.marketfit import Finding, Options, Post, check
from onshore.marketfit._rules_style import STYLE_RULES, compile_guide
from onshore.marketfit._style import (
    MAX_TERMS,
    Disclosure,
    StyleBook,
    StyleGuide,
    StyleGuideError,
    default_disclosures,
    dump_toml,
    guide_from_mapping,
    guide_of,
    parse_toml,
)

GUIDE = guide_of(
    preferred={"sale": "offer", "click here": "see the details", "customers": "guests"},
    banned=["cheap", "guaranteed results", "best in the world"],
    brands=["Harbour & Pine", "iPhone", "IKEA"],
    banned_hashtags=["#bargain"],
    max_hashtags=3,
    max_emoji=2,
)
OPTIONS = Options(style=GUIDE)


def style_findings(text: str, market: str = "GB", **post: object) -> list[Finding]:
    found = check(Post(text, market, **post), OPTIONS)  # type: ignore[arg-type]
    return [f for f in found if f.category == "style"]


def flagged(text: str, rule: str, market: str = "GB") -> list[tuple[str, str | None]]:
    return [
        (text[f.start : f.end], f.suggestion)
        for f in style_findings(text, market)
        if f.rule == rule
    ]


# (text, rule, the exact text flagged, suggestion); None for a must-not-flag case
CASES = [
    ("Our summer sale starts Friday", "style.preferred_term", "sale", "offer"),
    ("Sale starts Friday", "style.preferred_term", "Sale", "Offer"),
    ("HUGE SALE this weekend", "style.preferred_term", "SALE", "OFFER"),
    ("To book, click here.", "style.preferred_term", "click here", "see the details"),
    ("To book, Click   here.", "style.preferred_term", "Click   here", "See the details"),
    ("Our customers love it", "style.preferred_term", "customers", "guests"),
    ("Everything must go: wholesale prices", "style.preferred_term", None, None),
    ("Saleable goods only", "style.preferred_term", None, None),
    ("Read https://example.com/sale now", "style.preferred_term", None, None),
    ("Shop the #sale tag", "style.preferred_term", None, None),
    ('She said "huge sale" to me', "style.preferred_term", None, None),
    ("Not so cheap after all", "style.banned", "cheap", None),
    ("CHEAP deals", "style.banned", "CHEAP", None),
    ("Guaranteed results in a week", "style.banned", "Guaranteed results", None),
    ("The best in the world, truly", "style.banned", "best in the world", None),
    ("Cheaper than ever", "style.banned", None, None),
    ("Results guaranteed", "style.banned", None, None),
    ("Harbour and Pine opens today", "style.brand_casing", "Harbour and Pine", "Harbour & Pine"),
    ("Meet harbour & pine", "style.brand_casing", "harbour & pine", "Harbour & Pine"),
    ("Meet Harbour&Pine", "style.brand_casing", "Harbour&Pine", "Harbour & Pine"),
    ("Meet Harbour & Pine", "style.brand_casing", None, None),
    ("Charge your IPhone", "style.brand_casing", "IPhone", "iPhone"),
    ("Charge your i Phone", "style.brand_casing", "i Phone", "iPhone"),
    ("Charge your iphone", "style.brand_casing", "iphone", "iPhone"),
    ("Charge your iPhone", "style.brand_casing", None, None),
    ("I phone you at five", "style.brand_casing", None, None),
    ("A pine harbour walk", "style.brand_casing", None, None),
    ("New at Ikea", "style.brand_casing", "Ikea", "IKEA"),
    ("New at IKEA", "style.brand_casing", None, None),
    ("Deals #bargain", "style.hashtag_banned", "#bargain", None),
    ("Deals #Bargain", "style.hashtag_banned", "#Bargain", None),
    ("Deals #bargains", "style.hashtag_banned", None, None),
    ("Go #a #b #c #d #e", "style.too_many_hashtags", "#d #e", None),
    ("Go #a #b #c", "style.too_many_hashtags", None, None),
    ("Party 🎉🎉🎉", "style.too_many_emoji", "🎉", None),
    ("Thumbs 👍🏽👍🏽", "style.too_many_emoji", None, None),
    ("Flags 🇬🇧🇮🇪 and 🎉", "style.too_many_emoji", "🎉", None),
    ("Café crème, naïve", "style.too_many_emoji", None, None),
]


@pytest.mark.parametrize(("text", "rule", "flag", "suggestion"), CASES)
def test_style_rule(text: str, rule: str, flag: str | None, suggestion: str | None) -> None:
    found = flagged(text, rule)
    if flag is None:
        assert found == []
    else:
        assert (flag, suggestion) in found


def test_required_hashtag_is_asked_for_at_the_end() -> None:
    options = Options(style=guide_of(required_hashtags=["#HarbourAndPine"]))
    text = "Open all weekend"
    [finding] = check(Post(text, "GB"), options)
    assert finding.rule == "style.hashtag_required"
    assert text[finding.start : finding.end] == "weekend"
    assert finding.suggestion == "weekend #HarbourAndPine"
    assert "#HarbourAndPine" in finding.message
    assert check(Post("Open #harbourandpine", "GB"), options) == []


def test_messages_name_the_words() -> None:
    [finding] = [f for f in style_findings("Summer sale!") if f.rule == "style.preferred_term"]
    assert finding.message == "The style guide says “offer”, not “sale”"
    assert finding.severity == "warning"


def test_no_guide_no_style_findings() -> None:
    assert check(Post("Cheap sale on IPhone #a #b #c #d", "GB")) == []


def test_style_findings_mix_with_market_findings_in_order() -> None:
    found = check(Post("The colors of our sale", "US"), OPTIONS)
    assert [f.rule for f in found] == ["style.preferred_term"]
    found = check(Post("The colors of our sale", "GB"), OPTIONS)
    assert [f.category for f in found] == ["spelling", "style"]


def test_disabled_and_suppressed_and_severity() -> None:
    text = "Cheap sale"
    assert check(Post(text, "GB"), Options(style=GUIDE, disabled=frozenset({"style"}))) == []
    only = check(Post(text, "GB"), Options(style=GUIDE, disabled=frozenset({"style.banned"})))
    assert [f.rule for f in only] == ["style.preferred_term"]
    quiet = check(Post("<!-- onshore-ignore: style.banned --> Cheap", "GB"), OPTIONS)
    assert quiet == []
    loud = Options(style=GUIDE, severity_overrides={"style": "error"})
    assert {f.severity for f in check(Post(text, "GB"), loud)} == {"error"}


def test_glossary_words_are_left_alone() -> None:
    options = Options(style=GUIDE, glossary=frozenset({"Sale of the Century"}))
    assert check(Post("Watch Sale of the Century", "GB"), options) == []


def test_market_guide_adds_to_and_overrides_the_workspace() -> None:
    workspace = guide_of(preferred={"sale": "offer"}, banned=["cheap"], max_emoji=3)
    market = guide_of(preferred={"sale": "deal"}, banned=["bargain"], max_emoji=1)
    merged = StyleBook(workspace, (("US", market),)).for_market("US")
    assert [(t.avoid, t.use) for t in merged.preferred] == [("sale", "deal")]
    assert merged.banned == ("cheap", "bargain")
    assert merged.max_emoji == 1
    assert StyleBook(workspace, (("US", market),)).for_market("GB") == workspace


def test_compiled_once_per_guide() -> None:
    assert compile_guide(GUIDE) is compile_guide(GUIDE)


def test_big_guide_finds_the_one_term() -> None:
    words = {
        f"word{index:03d}x".replace("0", "o").replace("1", "l"): "fine" for index in range(500)
    }
    big = guide_from_mapping({"preferred": {**dict(list(words.items())[:499]), "sale": "offer"}})
    found = check(Post("Big sale today", "GB"), Options(style=big))
    assert [(f.rule, f.suggestion) for f in found] == [("style.preferred_term", "offer")]


# ---------------------------------------------------------------- disclosure

SPONSORED = [
    # market, text, rule or None
    ("GB", "Loving my new boots from Harbour & Pine", "style.disclosure"),
    ("GB", "#ad Loving my new boots", None),
    ("GB", "AD | Loving my new boots", None),
    ("GB", "[Ad] Loving my new boots", None),
    ("GB", "Advertisement feature: new boots", None),
    (
        "GB",
        "Loving my new boots, honestly the comfiest pair I own #boots #style #ad",
        "style.disclosure_placement",
    ),
    ("GB", "  #AD new boots", None),
    ("GB", "Sponsored: new boots", "style.disclosure"),
    ("US", "#sponsored New boots", None),
    ("US", "Paid partnership with Harbour & Pine", None),
    (
        "US",
        "New boots, the comfiest pair I have ever owned #boots #sponsored",
        "style.disclosure_placement",
    ),
    ("US", "New boots #sp", "style.disclosure"),
    ("US", "New boots #spon #collab", "style.disclosure"),
    ("AU", "#ad New boots", None),
    ("AU", "Paid promotion: new boots", None),
    ("AU", "New boots #gifted", "style.disclosure"),
    ("CA", "#ad New boots", None),
    ("CA", "New boots", "style.disclosure"),
    ("IE", "#Fógra Buataisí nua", None),
    ("IE", "#ad New boots", None),
    ("IE", "New boots #IWorkWith", "style.disclosure"),
    ("DE", "Werbung: Neue Stiefel", None),
    ("DE", "Anzeige | Neue Stiefel", None),
    ("DE", "#werbung Neue Stiefel", None),
    ("DE", "Neue Stiefel von Harbour & Pine", "style.disclosure"),
    (
        "DE",
        "Neue Stiefel, so bequem wie noch nie, ehrlich #stiefel #werbung",
        "style.disclosure_placement",
    ),
    ("FR", "Publicité : nouvelles bottes", None),
    ("FR", "Collaboration commerciale avec Harbour & Pine", None),
    ("FR", "Nouvelles bottes #pub", "style.disclosure"),
    ("FR", "#ad Nouvelles bottes", "style.disclosure"),
    ("JP", "New boots", None),  # no default for Japan: nothing to check against
]


@pytest.mark.parametrize(("market", "text", "rule"), SPONSORED)
def test_sponsored_post_disclosure(market: str, text: str, rule: str | None) -> None:
    found = [f.rule for f in check(Post(text, market, sponsored=True)) if f.category == "style"]
    assert found == ([rule] if rule else [])


def test_unsponsored_post_needs_no_disclosure() -> None:
    assert check(Post("Loving my new boots", "GB")) == []


def test_missing_disclosure_suggests_the_label_first() -> None:
    text = "Loving my new boots"
    [finding] = check(Post(text, "GB", sponsored=True))
    assert finding.severity == "error"
    assert (finding.start, finding.end, finding.suggestion) == (0, 6, "#ad Loving")
    assert "Influencers' guide" in finding.message


def test_workspace_overrides_a_market_disclosure() -> None:
    own = StyleGuide(disclosures=(("GB", Disclosure(("#partner",), "anywhere")),))
    options = Options(style=own)
    assert check(Post("New boots #partner", "GB", sponsored=True), options) == []
    [finding] = check(Post("#ad New boots", "GB", sponsored=True), options)
    assert finding.rule == "style.disclosure"
    # Other markets keep the shipped default.
    assert check(Post("#ad New boots", "US", sponsored=True), options) == []


def test_defaults_cite_their_guidance() -> None:
    defaults = default_disclosures()
    assert set(defaults) >= {"GB", "US", "AU", "CA", "IE", "DE", "FR"}
    for disclosure in defaults.values():
        assert disclosure.guidance and disclosure.url.startswith("https://")


def test_every_style_rule_has_a_case() -> None:
    covered = {rule for _, rule, _, _ in CASES} | {r for _, _, r in SPONSORED if r}
    assert covered | {"style.hashtag_required"} == set(STYLE_RULES)


# ---------------------------------------------------------------- the TOML file

FILE = """\
# Harbour & Pine house style
max_hashtags = 3
banned = ["cheap", "guaranteed results"]
brands = ["Harbour & Pine", "iPhone"]
required_hashtags = ["#HarbourAndPine"]

[preferred]
sale = "offer"
"click here" = "see the details"

[disclosure.GB]
labels = ["#ad", "Ad"]
placement = "start"
within = 20

[markets.US]
max_emoji = 1
banned = ["bargain"]

[markets.US.preferred]
holiday = "vacation"
"""


def test_file_reads_into_a_book() -> None:
    book = parse_toml(FILE)
    assert book.guide.max_hashtags == 3
    assert [(t.avoid, t.use) for t in book.guide.preferred][1] == ("click here", "see the details")
    assert book.guide.disclosure_for("GB") == Disclosure(("#ad", "Ad"), "start", 20)
    us = book.for_market("US")
    assert us.banned == ("cheap", "guaranteed results", "bargain")
    assert us.max_emoji == 1 and us.max_hashtags == 3


def test_round_trip_is_exact() -> None:
    book = parse_toml(FILE)
    written = dump_toml(book, "Harbour & Pine")
    assert parse_toml(written) == book
    assert dump_toml(parse_toml(written), "Harbour & Pine") == written
    assert written.startswith("# onshore style guide: Harbour & Pine")


def test_round_trip_of_awkward_strings() -> None:
    book = StyleBook(guide_of(preferred={'say "hi"': "hello\\there", "café": "coffee shop"}))
    assert parse_toml(dump_toml(book)) == book


BAD_FILES = [
    ("banned = [1, 2]", "banned[0]", 1, "must be a string"),
    ("max_emoji = -1", "max_emoji", 1, "0 to 100"),
    ("max_emoji = true", "max_emoji", 1, "0 to 100"),
    ('colour = "red"', "colour", 1, "unknown key"),
    ('\n[preferred]\nsale = "sale"', "preferred.sale", 3, "the word to avoid"),
    ('\n\n[markets.gb]\nbanned = ["x"]', "markets.gb", 3, "two-letter"),
    ('[markets.US]\nbanned = "cheap"', "markets.US.banned", 2, "list of strings"),
    ("[disclosure.GB]\nlabels = []", "disclosure.GB.labels", 2, "at least one label"),
    (
        '[disclosure.GB]\nlabels = ["#ad"]\nplacement = "end"',
        "disclosure.GB.placement",
        3,
        '"start"',
    ),
    ('required_hashtags = ["ad"]', "required_hashtags[0]", 1, "not a hashtag"),
    ('brands = ["' + "x" * 101 + '"]', "brands[0]", 1, "at most 100"),
    ('banned = ["!!!"]', "banned[0]", 1, "letter or digit"),
    ("banned = [\n  'a',\n", "", 3, "not valid TOML"),
    ("sale = offer", "", 1, "not valid TOML"),
]


@pytest.mark.parametrize(("text", "key", "line", "problem"), BAD_FILES)
def test_bad_file_names_key_and_line(text: str, key: str, line: int, problem: str) -> None:
    with pytest.raises(StyleGuideError) as raised:
        parse_toml(text)
    error = raised.value
    assert error.key == key
    assert error.line == line
    assert problem in str(error)
    assert str(error).startswith(f"line {line}: ")


def test_too_many_terms_is_refused() -> None:
    text = "banned = [" + ", ".join(f'"w{index}"' for index in range(MAX_TERMS + 1)) + "]"
    with pytest.raises(StyleGuideError, match="at most 1000"):
        parse_toml(text)


def test_huge_file_is_refused() -> None:
    with pytest.raises(StyleGuideError, match="larger than"):
        parse_toml("# " + "x" * 600_000)


# ---------------------------------------------------------------- onshore check --style


def test_cli_reads_the_style_file(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    from onshore.marketfit import cli

    guide = tmp_path / "guide.toml"
    guide.write_text(FILE, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("Cheap holiday sale"))
    assert cli.main(["--market", "US", "--style", str(guide)]) == 0
    out = capsys.readouterr().out
    assert "[style.banned]" in out and "“vacation”, not “holiday”" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("New boots"))
    assert cli.main(["--market", "GB", "--style", str(guide), "--sponsored"]) == 1
    assert "[style.disclosure]" in capsys.readouterr().out


def test_cli_bad_style_file_is_a_usage_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from onshore.marketfit import cli

    guide = tmp_path / "guide.toml"
    guide.write_text("\n[preferred]\nsale = 3\n", encoding="utf-8")
    assert cli.main(["--market", "GB", "--style", str(guide), "post.txt"]) == 2
    assert "line 3: preferred.sale: must be a string" in capsys.readouterr().err


# ---------------------------------------------------------------- allowed terms


def test_allowed_term_silences_every_rule_on_it() -> None:
    """A word the workspace accepted (dismissed again and again) is flagged by no rule:
    the US spelling finding on "colour" and the guide's own ban both go quiet."""
    text = "Pick your colour: cheap and cheerful"
    assert {f.rule for f in check(Post(text, "US"), OPTIONS)} >= {"style.banned"}
    assert any(text[f.start : f.end] == "colour" for f in check(Post(text, "US"), OPTIONS))
    allowing = Options(style=guide_from_mapping({"banned": ["cheap"], "allowed": ["colour"]}))
    found = check(Post(text, "US"), allowing)
    assert [text[f.start : f.end] for f in found] == ["cheap"]
    # Only in the workspace that accepted it: another workspace still sees the finding.
    assert any(text[f.start : f.end] == "colour" for f in check(Post(text, "US")))


def test_allowed_terms_merge_and_round_trip() -> None:
    book = parse_toml('allowed = ["colour"]\n\n[markets.US]\nallowed = ["favourite"]\n')
    assert book.for_market("US").allowed == ("colour", "favourite")
    assert book.for_market("GB").allowed == ("colour",)
    assert parse_toml(dump_toml(book)) == book


def test_bad_allowed_term_is_named() -> None:
    with pytest.raises(StyleGuideError) as error:
        parse_toml('allowed = ["colour", ""]\n')
    assert error.value.key == "allowed[1]" and error.value.line == 1
