"""Holidays named in every market's language (issue 17, points 5 and 7): another
country's holiday in a non-English post, in its language or in English; days said
relative to the schedule in German, French, Spanish, Portuguese, Italian, Dutch and
Japanese; and the English relative phrases the first pass missed. Fixed ``at`` times
in the markets' real zones."""

from __future__ import annotations

import pytest
from babel.dates import get_day_names

from onshore.marketfit import Finding, Post, check, parse_at
from onshore.marketfit._holiday_names import HOLIDAYS
from onshore.marketfit._rules_holiday_local_relative import DAY_NAMES
from tests.marketfit.fragments import both_ways


def holiday_findings(text: str, market: str, at: str | None = None) -> list[Finding]:
    when = parse_at(at) if at else None
    return [f for f in check(Post(text, market, at=when)) if f.category == "holiday"]


def flagged(text: str, market: str, at: str | None = None) -> list[str]:
    return [text[f.start : f.end] for f in holiday_findings(text, market, at)]


# (text, market, span): a holiday the market does not keep, named in the post's
# language or in English.
FOREIGN = [
    ("¡Ofertas del Día de Acción de Gracias en toda la tienda!", "ES", "Día de Acción de Gracias"),
    ("Promoções de Dia de Ação de Graças: 30% off", "BR", "Dia de Ação de Graças"),
    ("Dia de Ação de Graças: descontos na loja", "PT", "Dia de Ação de Graças"),
    ("Offerte del Giorno del Ringraziamento!", "IT", "Giorno del Ringraziamento"),
    ("Menu spécial Jour de l'Action de grâce ce jeudi", "FR", "Jour de l'Action de grâce"),
    ("感謝祭セール開催中！", "JP", "感謝祭"),
    ("サンクスギビングのディナーを予約受付中", "JP", "サンクスギビング"),
    ("Ofertas del 4 de julio 🇺🇸 en toda la tienda.", "MX", "4 de julio"),
    ("¡Feliz 4 de julio a nuestros clientes!", "ES", "4 de julio"),
    ("Soldes du 4 juillet : la fête américaine chez nous !", "FR", "4 juillet"),
    ("Festa del 4 luglio al nostro bar", "IT", "4 luglio"),
    ("Feliz 4 de Julho! 🇺🇸", "BR", "4 de Julho"),
    ("Fijne 4 juli aan al onze Amerikaanse klanten!", "NL", "4 juli"),
    ("Party zum 4. Juli mit Burgern und Feuerwerk", "DE", "4. Juli"),
    ("Independence Day Sale 🇺🇸: 20% auf alles", "DE", "Independence Day"),
    ("Independence Day : soldes américains sur les jeans", "FR", "Independence Day"),
    ("Celebra el Día de la Independencia de Estados Unidos con nosotros", "MX",
     "Día de la Independencia"),
    ("アメリカ独立記念日セール開催", "JP", "独立記念日"),
    ("ボクシングデーのセールは明日から", "JP", "ボクシングデー"),
    ("Am Tag der Deutschen Einheit haben wir geöffnet.", "CH", "Tag der Deutschen Einheit"),
    ("Am Tag der Deutschen Einheit haben wir geöffnet.", "AT", "Tag der Deutschen Einheit"),
    ("Zum Bundesfeiertag: Grillwürste im Angebot.", "DE", "Bundesfeiertag"),
    ("Bundesfeiertag-Brunch am 1. August", "AT", "Bundesfeiertag"),
    ("Feliz Día de la Hispanidad a todos", "MX", "Día de la Hispanidad"),
    ("¡Feliz Día de la Independencia! 🇲🇽", "ES", "Día de la Independencia"),
    ("Celebra el Grito de Independencia con nosotros", "ES", "Grito de Independencia"),
    ("Promoções do feriado de 7 de Setembro", "PT", "7 de Setembro"),
    ("Ferragosto-menu in ons restaurant", "NL", "Ferragosto"),
    ("Koningsdag-Party in unserer Bar", "DE", "Koningsdag"),
    ("Bastille Day: Rabatte auf französische Weine", "DE", "Bastille Day"),
]  # fmt: skip

# Not a finding: the market keeps it, or it is no holiday at all.
FOREIGN_CLEAN = [
    ("Misa de acción de gracias el domingo a las 12.", "ES"),
    ("Missa de ação de graças na igreja matriz.", "BR"),
    ("お客様感謝祭セール開催中！", "JP"),
    ("大感謝祭を開催します", "JP"),
    ("ファン感謝祭のチケット発売中", "JP"),
    ("El 4 de julio abrimos a las 10.", "ES"),
    ("Nos vemos el 4 de julio en Madrid para la fiesta de verano.", "ES"),
    ("Saldi estivi dal 4 luglio in tutti i negozi.", "IT"),
    ("Am 4. Juli ist unser Sommerfest.", "DE"),
    ("Le 4 juillet, nous fermons à midi.", "FR"),
    ("Am Tag der Deutschen Einheit haben wir geschlossen.", "DE"),
    ("Zum Bundesfeiertag: Grillwürste im Angebot.", "CH"),
    ("Der 3. Oktober ist ein Bundesfeiertag in Deutschland.", "DE"),
    ("¡Feliz Día de la Independencia! 🇲🇽", "MX"),
    ("¡Feliz Día de la Independencia!", "ES"),
    ("Día de la Independencia de Colombia: música en vivo", "ES"),
    ("Feliz Día de la Hispanidad", "ES"),
    ("Ferragosto: chiuso per ferie.", "IT"),
    ("Ferragosto-Menü in unserem Restaurant", "AT"),
    ("Fijne Koningsdag!", "NL"),
    ("Bonne fête nationale !", "FR"),
    ("Joyeux 14 juillet !", "FR"),
    ("Buon Ferragosto a tutti!", "IT"),
    ("文化の日セール開催中", "JP"),
    ("Feliz 7 de Setembro!", "BR"),
    ("Filmabend: Independence Day mit Will Smith", "DE"),
    ("Der Unabhängigkeitstag der Ukraine wird gefeiert.", "DE"),
    ("Boas festas e feliz Natal!", "BR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "span"), FOREIGN)
def test_another_countrys_holiday_in_the_posts_language_is_flagged(
    text: str, market: str, span: str
) -> None:
    found = [
        (text[f.start : f.end], f.rule, f.message)
        for f in holiday_findings(text, market, "2026-06-01T10:00")
    ]
    assert (span, "holiday.foreign") in [(s, rule) for s, rule, _ in found], found
    message = next(message for s, rule, message in found if s == span)
    assert "do not keep" in message and "public holiday in" in message


@pytest.mark.parametrize(("text", "market"), FOREIGN_CLEAN)
def test_a_holiday_the_market_keeps_or_a_plain_date_is_not_flagged(text: str, market: str) -> None:
    assert flagged(text, market, "2026-06-01T10:00") == []


# (text, market, at, span, suggestion): a relative phrase that misses the holiday.
RELATIVE = [
    ("Morgen ist Bundesfeiertag!", "CH", "2026-07-24T10:00[Europe/Zurich]", "Morgen", "in 8 Tagen"),
    ("Der Tag der Deutschen Einheit ist morgen.", "DE", "2026-09-25T10:00[Europe/Berlin]",
     "morgen", "in 8 Tagen"),
    ("Le 14 juillet, c'est demain !", "FR", "2026-07-06T10:00[Europe/Paris]", "demain",
     "dans 8 jours"),
    ("Le 14 juillet, c'est dans 3 jours", "FR", "2026-07-06T10:00[Europe/Paris]", "dans 3 jours",
     "dans 8 jours"),
    ("Ce week-end, c'est la fête nationale !", "FR", "2026-07-02T10:00[Europe/Paris]",
     "Ce week-end", "dans 12 jours"),
    ("El Día de la Hispanidad es mañana.", "ES", "2026-10-03T10:00[Europe/Madrid]", "mañana",
     "dentro de 9 días"),
    ("Este fin de semana es el Día de la Independencia", "MX",
     "2026-09-03T10:00[America/Mexico_City]", "Este fin de semana", "dentro de 13 días"),
    ("O feriado de 7 de Setembro é amanhã!", "BR", "2026-08-30T10:00[America/Sao_Paulo]",
     "amanhã", "daqui a 8 dias"),
    ("Este fim de semana é o feriado de 7 de Setembro", "BR",
     "2026-08-20T10:00[America/Sao_Paulo]", "Este fim de semana", "daqui a 18 dias"),
    ("Ferragosto è domani!", "IT", "2026-08-07T10:00[Europe/Rome]", "domani", "tra 8 giorni"),
    ("Pasqua è questa settimana!", "IT", "2026-03-23T10:00[Europe/Rome]", "questa settimana",
     "tra 13 giorni"),
    ("Koningsdag is morgen!", "NL", "2026-04-20T10:00[Europe/Amsterdam]", "morgen",
     "over 7 dagen"),
    ("明日は文化の日です。", "JP", "2026-10-27T09:00[Asia/Tokyo]", "明日", "7日後"),
    ("来週は敬老の日です", "JP", "2026-09-01T09:00[Asia/Tokyo]", "来週", "20日後"),
    ("Weihnachten ist nächste Woche.", "DE", "2026-12-02T10:00[Europe/Berlin]", "nächste Woche",
     "in 23 Tagen"),
    ("Ostern ist in zwei Wochen", "DE", "2026-04-01T10:00[Europe/Berlin]", "in zwei Wochen",
     "in 4 Tagen"),
    ("Nationalfeiertag ist diese Woche!", "AT", "2026-10-12T10:00[Europe/Vienna]",
     "diese Woche", "in 14 Tagen"),
    ("La Navidad es la próxima semana", "ES", "2026-11-30T10:00[Europe/Madrid]",
     "la próxima semana", "dentro de 25 días"),
]  # fmt: skip

RELATIVE_CLEAN = [
    ("Morgen ist Bundesfeiertag!", "CH", "2026-07-31T10:00[Europe/Zurich]"),
    ("Der Tag der Deutschen Einheit ist morgen.", "DE", "2026-10-02T10:00[Europe/Berlin]"),
    ("Le 14 juillet, c'est demain !", "FR", "2026-07-13T18:00[Europe/Paris]"),
    ("El Día de la Hispanidad es mañana.", "ES", "2026-10-11T10:00[Europe/Madrid]"),
    ("O feriado de 7 de Setembro é amanhã!", "BR", "2026-09-06T10:00[America/Sao_Paulo]"),
    ("Ferragosto è domani!", "IT", "2026-08-14T10:00[Europe/Rome]"),
    ("Koningsdag is morgen!", "NL", "2026-04-26T10:00[Europe/Amsterdam]"),
    ("明日は文化の日です。", "JP", "2026-11-02T09:00[Asia/Tokyo]"),
    ("本日は文化の日！", "JP", "2026-11-03T09:00[Asia/Tokyo]"),
    ("Weihnachten ist nächste Woche.", "DE", "2026-12-16T10:00[Europe/Berlin]"),
    ("Ostern ist in zwei Wochen", "DE", "2026-03-22T10:00[Europe/Berlin]"),
    ("Guten Morgen! Weihnachten steht vor der Tür.", "DE", "2026-12-02T10:00[Europe/Berlin]"),
    ("Heute Morgen haben wir den Baum aufgestellt. Weihnachten ist in drei Wochen.", "DE",
     "2026-12-04T10:00[Europe/Berlin]"),
    ("Esta mañana preparamos todo para la Navidad.", "ES", "2026-12-01T10:00[Europe/Madrid]"),
    ("La semana que viene es Navidad.", "ES", "2026-12-17T10:00[Europe/Madrid]"),
    ("Fijne Koningsdag vandaag!", "NL", "2026-04-27T10:00[Europe/Amsterdam]"),
    ("Goedemorgen! Koningsdag is over twee weken.", "NL", "2026-04-13T08:00[Europe/Amsterdam]"),
    ("Ferragosto: chiuso da domani fino al 20 agosto.", "IT", "2026-08-14T10:00[Europe/Rome]"),
    ("Domani apriamo alle 9. Ferragosto è sabato.", "IT", "2026-08-10T10:00[Europe/Rome]"),
    ("Nationalfeiertag ist nächste Woche!", "AT", "2026-10-22T10:00[Europe/Vienna]"),
    ("Joyeux Noël ! Demain, nous sommes fermés.", "FR", "2026-12-24T10:00[Europe/Paris]"),
    # "before Christmas": a day relative to the holiday, not the holiday's day.
    ("Am Wochenende vor Weihnachten haben wir länger geöffnet.", "DE",
     "2026-12-02T10:00[Europe/Berlin]"),
    ("Ce week-end avant Noël, tout à -20 %.", "FR", "2026-12-02T10:00[Europe/Paris]"),
    ("Este fin de semana antes de Navidad abrimos el domingo.", "ES",
     "2026-12-02T10:00[Europe/Madrid]"),
    ("クリスマス前の週末はセール", "JP", "2026-12-02T10:00[Asia/Tokyo]"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span", "suggestion"), RELATIVE)
def test_a_relative_day_in_the_posts_language_that_misses_the_holiday_is_flagged(
    text: str, market: str, at: str, span: str, suggestion: str
) -> None:
    found = [
        (text[f.start : f.end], f.suggestion)
        for f in holiday_findings(text, market, at)
        if f.rule == "holiday.relative_local"
    ]
    assert found == [(span, suggestion)]


@pytest.mark.parametrize(("text", "market", "at"), RELATIVE_CLEAN)
def test_a_relative_day_in_the_posts_language_that_fits_is_not_flagged(
    text: str, market: str, at: str
) -> None:
    assert flagged(text, market, at) == []


# (text, market, at, span, rule): English phrases the first pass missed.
ENGLISH = [
    ("Closed for this Monday's bank holiday.", "GB", "2026-06-02T10:00[Europe/London]",
     "this Monday's bank holiday", "holiday.no_holiday_that_day"),
    ("Enjoy this bank holiday Monday!", "GB", "2026-08-19T10:00[Europe/London]",
     "this bank holiday Monday", "holiday.no_holiday_that_day"),
    ("Memorial Day is this Monday!", "US", "2026-05-18T10:00[America/New_York]", "this Monday",
     "holiday.relative_day"),
    ("Happy Labor Day weekend!", "US", "2026-08-29T10:00[America/Chicago]", "weekend",
     "holiday.relative_day"),
    ("Happy Memorial Day weekend, everyone!", "US", "2026-05-16T10:00[America/Los_Angeles]",
     "weekend", "holiday.relative_day"),
    ("Boxing Day sale starts tomorrow!", "GB", "2026-12-18T10:00[Europe/London]", "tomorrow",
     "holiday.relative_day"),
    ("Heritage Day is tomorrow.", "ZA", "2026-09-16T10:00[Africa/Johannesburg]", "tomorrow",
     "holiday.relative_day"),
    ("Freedom Day is this Monday.", "ZA", "2027-04-21T10:00[Africa/Johannesburg]",
     "this Monday", "holiday.relative_day"),
    ("Youth Day is next week, so plan ahead.", "ZA", "2026-06-15T10:00[Africa/Johannesburg]",
     "next week", "holiday.relative_day"),
    ("Labour Day is this Monday, long weekend ahead!", "CA", "2026-08-31T10:00[America/Toronto]",
     "this Monday", "holiday.relative_day"),
]  # fmt: skip

ENGLISH_CLEAN = [
    ("Closed for this Monday's bank holiday.", "GB", "2026-05-21T10:00[Europe/London]"),
    ("Enjoy this bank holiday Monday!", "GB", "2026-08-26T10:00[Europe/London]"),
    ("Closed for the bank holiday.", "GB", "2026-06-02T10:00[Europe/London]"),
    ("Bank holiday opening hours are on our website.", "GB", "2026-06-02T10:00[Europe/London]"),
    ("Memorial Day is this Monday!", "US", "2026-05-20T10:00[America/New_York]"),
    ("Happy Labor Day weekend!", "US", "2026-09-05T10:00[America/Chicago]"),
    ("Happy Labor Day weekend!", "US", "2026-09-07T10:00[America/Chicago]"),
    ("Memorial Day weekend sale starts now!", "US", "2026-05-16T10:00[America/New_York]"),
    ("Boxing Day sale starts tomorrow!", "GB", "2026-12-25T10:00[Europe/London]"),
    ("Heritage Day is tomorrow.", "ZA", "2026-09-23T10:00[Africa/Johannesburg]"),
    ("Freedom Day is this Tuesday.", "ZA", "2027-04-21T10:00[Africa/Johannesburg]"),
    ("Our Memorial Day sale ends tomorrow.", "US", "2026-05-25T10:00[America/New_York]"),
    ("The public holiday is this Monday, so we open Tuesday.", "AU",
     "2026-06-03T10:00[Australia/Sydney]"),
    ("Victoria Day is next Monday.", "CA", "2026-05-11T10:00[America/Toronto]"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span", "rule"), ENGLISH)
def test_an_english_relative_phrase_that_misses_the_holiday_is_flagged(
    text: str, market: str, at: str, span: str, rule: str
) -> None:
    found = [(text[f.start : f.end], f.rule) for f in holiday_findings(text, market, at)]
    assert found == [(span, rule)]


@pytest.mark.parametrize(("text", "market", "at"), ENGLISH_CLEAN)
def test_an_english_relative_phrase_on_the_right_day_is_not_flagged(
    text: str, market: str, at: str
) -> None:
    assert flagged(text, market, at) == []


def test_the_relative_messages_name_the_holiday_and_its_day() -> None:
    [finding] = holiday_findings(
        "Morgen ist Bundesfeiertag!", "CH", "2026-07-24T10:00[Europe/Zurich]"
    )
    assert finding.message == (
        "Swiss National Day is on Saturday 1 August in Switzerland, 8 days after this post is "
        "scheduled"
    )


def test_a_foreign_holiday_message_names_whose_holiday_it_is() -> None:
    [finding] = holiday_findings("Zum Bundesfeiertag: Grillwürste im Angebot.", "DE")
    assert finding.message == (
        "Readers in Germany do not keep Swiss National Day: it is a public holiday in Switzerland"
    )


@pytest.mark.parametrize("language", sorted(DAY_NAMES))
def test_weekday_names_are_cldrs(language: str) -> None:
    wide = get_day_names("wide", locale=language)
    assert DAY_NAMES[language] == tuple(wide[index] for index in range(7))


def test_enough_sentences() -> None:
    total = len(FOREIGN) + len(FOREIGN_CLEAN) + len(RELATIVE) + len(RELATIVE_CLEAN)
    assert total + len(ENGLISH) + len(ENGLISH_CLEAN) >= 80


def test_triggers_and_keys_hide_no_holiday_finding() -> None:
    """Every sentence above gives the same findings whether its rules run only on
    their triggers (trigger words, key pieces) or always."""
    cases = [(text, market, "2026-06-01T10:00") for text, market, _ in FOREIGN]
    cases += [(text, market, "2026-06-01T10:00") for text, market in FOREIGN_CLEAN]
    cases += [(text, market, at) for text, market, at, *_ in RELATIVE + ENGLISH]
    cases += RELATIVE_CLEAN + ENGLISH_CLEAN
    cases += [(text, market, at) for text, market, at, *_ in BY_DATE + PARENTS_DAYS]
    for text, market, at in cases:
        fast, full = both_ways(Post(text, market, at=parse_at(at)))
        assert fast == full, text


def test_every_holiday_has_keys_its_names_hold() -> None:
    assert all(holiday.keys for holiday in HOLIDAYS)


# (text, market, at, span or None): a name several countries share, settled by the date.
BY_DATE = [
    ("¡Feliz Día de la Independencia!", "ES", "2026-07-03T10:00[Europe/Madrid]",
     "Día de la Independencia"),
    ("¡Feliz Día de la Independencia!", "ES", "2026-09-14T10:00[Europe/Madrid]",
     "Día de la Independencia"),
    ("¡Feliz Día de la Independencia!", "ES", "2026-05-14T10:00[Europe/Madrid]", None),
    ("Independence Day Sale: 20% auf alles", "DE", "2026-07-01T10:00[Europe/Berlin]",
     "Independence Day"),
    ("独立記念日セール", "JP", "2026-07-02T10:00[Asia/Tokyo]", "独立記念日"),
    ("Filmabend: Independence Day mit Will Smith", "DE", "2026-03-01T20:00[Europe/Berlin]", None),
    ("¡Feliz Día de la Independencia!", "MX", "2026-07-03T10:00[America/Mexico_City]", None),
    ("¡Feliz Día de la Independencia!", "MX", "2026-09-14T10:00[America/Mexico_City]", None),
    ("Feliz Dia da Independência!", "BR", "2026-07-03T10:00[America/Sao_Paulo]", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span"), BY_DATE)
def test_the_schedule_settles_whose_independence_day_it_is(
    text: str, market: str, at: str, span: str | None
) -> None:
    assert flagged(text, market, at) == ([span] if span else [])


def test_the_date_names_the_right_country() -> None:
    [july] = holiday_findings("¡Feliz Día de la Independencia!", "ES", "2026-07-03T10:00")
    [september] = holiday_findings("¡Feliz Día de la Independencia!", "ES", "2026-09-14T10:00")
    assert july.message.endswith("the United States")
    assert september.message.endswith("Mexico")


# (text, market, at, span or None, suggestion): Mother's and Father's Day by each
# market's custom; months away the phrase is flagged without a suggestion.
PARENTS_DAYS = [
    ("Muttertag ist diesen Sonntag!", "DE", "2026-05-04T10:00[Europe/Berlin]", None, None),
    ("Muttertag ist diesen Sonntag!", "DE", "2026-04-27T10:00[Europe/Berlin]", "diesen Sonntag",
     "in 13 Tagen"),
    ("El Día de la Madre es este domingo", "ES", "2026-04-27T10:00[Europe/Madrid]", None, None),
    ("El Día de la Madre es este domingo", "MX", "2026-04-27T10:00[America/Mexico_City]",
     "este domingo", "dentro de 13 días"),
    ("La Fête des mères, c'est ce dimanche !", "FR", "2026-05-11T10:00[Europe/Paris]",
     "ce dimanche", "dans 20 jours"),
    ("La Fête des mères, c'est ce dimanche !", "FR", "2026-05-25T10:00[Europe/Paris]", None,
     None),
    ("母の日は今週の日曜日です", "JP", "2026-05-04T10:00[Asia/Tokyo]", None, None),
    ("Vatertag ist morgen!", "DE", "2026-05-13T10:00[Europe/Berlin]", None, None),
    ("Vatertag ist morgen!", "DE", "2026-06-20T10:00[Europe/Berlin]", "morgen", None),
    ("Dia dos Pais é neste domingo", "BR", "2026-08-03T10:00[America/Sao_Paulo]", None, None),
    ("Dia dos Pais é neste domingo", "BR", "2026-06-15T10:00[America/Sao_Paulo]",
     "neste domingo", None),
    ("Festa del papà è domani", "IT", "2026-03-18T10:00[Europe/Rome]", None, None),
    ("Festa del papà è domani", "IT", "2026-06-20T10:00[Europe/Rome]", "domani", None),
    ("Vaderdag is aanstaande zondag", "NL", "2026-06-15T10:00[Europe/Amsterdam]", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span", "suggestion"), PARENTS_DAYS)
def test_mothers_and_fathers_day_follow_each_markets_custom(
    text: str, market: str, at: str, span: str | None, suggestion: str | None
) -> None:
    found = [(text[f.start : f.end], f.suggestion) for f in holiday_findings(text, market, at)]
    assert found == ([(span, suggestion)] if span else [])
