"""Property tests: any text, any market, no exception; spans inside the text; applying
a rule's suggestions leaves no new finding of that rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onshore.marketfit import NETWORKS, Finding, Post, check, locale_ids

MARKETS = ["US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE", "JP", "BR"]
# Fragments that trigger rules, so generated text exercises more than the no-op path.
FRAGMENTS = [
    "colour", "color", "organise", "9am EST", "at 2pm", "July 4, 2026", "Friday 4 July 2026",
    "04/07", "13/04", "2026-07-04", "$20", "£15", "20 bucks", "95°F", "100 km/h", "2 stone",
    "Happy Thanksgiving", "bank holiday", "Mother's Day this Sunday", "sneakers", "this fall",
    "pay by check", "tire pressure", "50 meters", "loyalty program", "4pm IST", "#tag",
    "@user@host.social", "7pm BST", "11am GMT", "1pm PST", "10am AEST", "8am NZST",
    "10 January 2026", "https://example.com/x", " ", "\n", "👍🏽", "é", "—",
    "12.50 €", "€12", "R$49,90", "1,000,000", "1.234,56", "1'234.50 CHF", "3:00 PM", "9 a.m.",
    '"Zitat"', "“quote”", "„Zitat“", "1st", "2ème", "1ère", "12/30/2026", "30.12.2026",
    "12/30", "¥1,000", "1,000円", "kr 12", "9,50 zł", "第1", "`code \"x\"`", "\u00a0", "\u202f",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map(" ".join),
)
instants = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2040, 1, 1),
        timezones=st.just(UTC),
    ),
)


def apply(text: str, findings: list[Finding]) -> str:
    """Apply non-overlapping suggestions from the end so offsets stay valid."""
    result = text
    last_start = len(text) + 1
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        if finding.suggestion is None or finding.end > last_start or finding.start == finding.end:
            continue
        result = result[: finding.start] + finding.suggestion + result[finding.end :]
        last_start = finding.start
    return result


@settings(
    max_examples=300, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(text=texts, market=st.sampled_from(MARKETS), network=st.sampled_from([None, *NETWORKS]),
       at=instants)  # fmt: skip
def test_any_text_any_market(
    text: str, market: str, network: str | None, at: datetime | None
) -> None:
    findings = check(Post(text, market, network=network, at=at))
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)


@settings(
    max_examples=300, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(text=texts, market=st.sampled_from(MARKETS))
def test_suggestions_do_not_create_new_findings_of_the_same_rule(text: str, market: str) -> None:
    findings = check(Post(text, market))
    for rule in {f.rule for f in findings if f.suggestion is not None}:
        own = [f for f in findings if f.rule == rule]
        fixed = apply(text, own)
        before = len(own)
        after = [f for f in check(Post(fixed, market)) if f.rule == rule]
        assert len(after) <= before - sum(1 for f in own if f.suggestion), (rule, text, fixed)


# Every CLDR locale Babel knows, as the tags people write ("de-CH") and as CLDR ids.
LOCALES = locale_ids()
locales = st.one_of(
    st.sampled_from(LOCALES), st.sampled_from(LOCALES).map(lambda tag: tag.replace("_", "-"))
)


@settings(
    max_examples=600, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(text=texts, locale=locales, market=st.sampled_from([*MARKETS, "CH", "FR", "MX", "SE"]),
       at=instants)  # fmt: skip
def test_any_text_any_locale(text: str, locale: str, market: str, at: datetime | None) -> None:
    """For any locale Babel knows, in any market, check() never raises and every span
    and suggestion is sound."""
    findings = check(Post(text, market, locale=locale, at=at))
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.suggestion is None or finding.suggestion.strip()


@settings(
    max_examples=300, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(text=texts, locale=st.sampled_from(
    ["de-DE", "de-CH", "fr-FR", "fr-CA", "es-ES", "es-MX", "pt-BR", "it-IT", "nl-NL", "ja-JP",
     "sv-SE", "pl-PL"]))  # fmt: skip
def test_locale_suggestions_do_not_create_new_findings_of_the_same_rule(
    text: str, locale: str
) -> None:
    market = locale[-2:]
    findings = check(Post(text, market, locale=locale))
    for rule in {f.rule for f in findings if f.suggestion is not None}:
        own = [f for f in findings if f.rule == rule]
        fixed = apply(text, own)
        after = [f for f in check(Post(fixed, market, locale=locale)) if f.rule == rule]
        assert len(after) <= len(own) - sum(1 for f in own if f.suggestion), (rule, text, fixed)
