"""Time zones beyond English (issue 17, points 3 and 7): no zone asked for a local hour
where nearly everyone lives in one zone (Spain, Portugal); online events with no zone
where people live in several (Brazil, Mexico); another market's zone in any language,
converted to the market's clocks in the post's own clock style; and the wrong half of
the year in words ("MEZ" in July, "heure d'été" in January, "horário de verão" in
Brazil, which stopped changing its clocks in 2019).

Dates: 2026 summer time runs 29 March - 25 October in Europe; WINTER and SUMMER below
are on either side in the northern hemisphere.
"""

from __future__ import annotations

import pytest

from onshore.marketfit import Finding, Post, check, parse_at

WINTER = "2026-01-14T09:00"
SUMMER = "2026-07-14T09:00"


def zone_findings(text: str, market: str, at: str, locale: str | None = None) -> list[Finding]:
    post = Post(text, market, locale=locale, at=parse_at(at))
    return [f for f in check(post) if f.category == "timezone"]


def flagged(text: str, market: str, at: str, locale: str | None = None) -> list[str]:
    return [text[f.start : f.end] for f in zone_findings(text, market, at, locale)]


# Local hours and local events where the market is, for its people, one zone; opening
# hours anywhere; and times that name their zone in the market's own words.
CLEAN = [
    ("Abrimos de 9:00 a 20:00 todos los días.", "ES", SUMMER),
    ("Te esperamos a las 20:30 en la tienda de Gran Vía.", "ES", SUMMER),
    ("Cata de vinos a las 11:00 este sábado.", "ES", WINTER),
    ("Directo en Instagram a las 7 PM, ¡no te lo pierdas!", "ES", SUMMER),
    ("Webinar gratuito el jueves a las 18:00.", "ES", WINTER),
    ("Horario de verano: de 10:00 a 14:00 y de 17:00 a 21:00.", "ES", SUMMER),
    ("Sorteo en directo a las 20:00 hora peninsular.", "ES", SUMMER),
    ("Abrimos às 9h e fechamos às 19h.", "PT", SUMMER),
    ("Live no Instagram às 21h, não percam!", "PT", WINTER),
    ("Lançamento às 8:30 PM no nosso site.", "PT", SUMMER),
    ("Die Filiale ist von 9–17 Uhr geöffnet.", "DE", WINTER),
    ("Livestream um 18 Uhr MEZ.", "DE", WINTER),
    ("Livestream um 18 Uhr MESZ.", "AT", SUMMER),
    ("Livestream um 18:00 CET.", "CH", WINTER),
    ("Live jeudi à 18h, heure de Paris.", "FR", SUMMER),
    ("Live jeudi à 18h (heure d'été).", "FR", SUMMER),
    ("Passage à l'heure d'été dimanche à 2h du matin.", "FR", WINTER),
    ("Diretta alle 18:00 ora legale.", "IT", SUMMER),
    ("Diretta alle 18:00, ora solare.", "IT", WINTER),
    ("Webinar om 20.00 uur zomertijd.", "NL", SUMMER),
    ("Webinar om 20.00 uur wintertijd.", "NL", WINTER),
    ("Directo a las 20:00, horario de invierno.", "ES", WINTER),
    ("Live na terça às 19h (horário de Brasília)!", "BR", SUMMER),
    ("Live na terça às 19h, horário de Brasília.", "BR", WINTER),
    ("Aula online às 20h no seu horário local? Não: 20h de Brasília (GMT-3).", "BR", SUMMER),
    ("Música ao vivo no bar a partir das 21h.", "BR", SUMMER),
    ("Loja aberta das 9h às 18h, de segunda a sábado.", "BR", WINTER),
    ("Compre na loja online até 23:59 de domingo.", "BR", SUMMER),
    ("En vivo el jueves a las 20:00 hora CDMX.", "MX", SUMMER),
    ("Transmisión en vivo a las 20:00 (hora del centro).", "MX", WINTER),
    ("Abrimos de 10:00 a 22:00 en la sucursal Polanco.", "MX", SUMMER),
    ("Transmisión a las 18:00 CST para todo México.", "MX", WINTER),
    ("ライブ配信は午後8時から。", "JP", SUMMER),
    ("ライブ配信は午後6時(JST)から。", "JP", WINTER),
    ("Treffen um 18 Uhr, Details: est. 2019.", "DE", WINTER),
    ("Webinar at 3pm GMT.", "GB", WINTER),
    ("Webinar at 3pm GMT.", "IE", WINTER),
    ("Webinar at 3pm UTC.", "US", SUMMER),
    ("Live às 18h GMT.", "PT", WINTER),
    ("Tasting at 19:00 Central European Time.", "DE", WINTER),
    ("Live às 19h de Brasília, 18h de Manaus.", "BR", SUMMER),
    ("Directo a las 14:00 ET.", "US", SUMMER),
    ("Le live commence à 20h sur Instagram, c'est parti !", "FR", WINTER),
    ("Diretta su Instagram alle 18.30! Ti aspettiamo.", "IT", SUMMER),
    ("Promoção válida até 23h59 de domingo!", "BR", SUMMER),
    ("La transmisión automática, desde las 10:00 en el concesionario.", "ES", SUMMER),
    ("Offerta valida fino alle 23:59 CEST.", "IT", SUMMER),
    ("本日18時からセール開始！", "JP", SUMMER),
    ("Live jeudi à 18h, heure de Paris.", "BE", SUMMER),
    ("Directo a las 18:00 hora peninsular.", "ES", SUMMER),
    ("Directo a las 18:00 (hora de Canarias).", "ES", WINTER),
    ("Livestream um 18 Uhr deutscher Zeit.", "CH", WINTER),
    ("Diretta alle 18:00 ora italiana.", "IT", SUMMER),
    ("Webinar om 18.00 uur Nederlandse tijd.", "NL", SUMMER),
    ("ライブは午後6時(日本時間)から。", "JP", SUMMER),
    ("Rendez-vous à 18h à l'heure de la pause.", "FR", SUMMER),
    ("Nos vemos a las 18:00, hora de la merienda.", "ES", SUMMER),
]


@pytest.mark.parametrize(("text", "market", "at"), CLEAN)
def test_local_times_and_named_local_zones_are_left_alone(text: str, market: str, at: str) -> None:
    assert flagged(text, market, at) == []


# (text, market, at, flagged span, suggestion): another market's zone, converted to the
# market's main zone on the post's date and written as the post writes its clock.
OTHER_MARKET = [
    ("Live jeudi à 18h GMT !", "FR", SUMMER, "18h GMT", "20h"),
    ("Live jeudi à 18h GMT !", "FR", WINTER, "18h GMT", "19h"),
    ("Masterclass à 15h EST.", "FR", WINTER, "15h EST", "21h"),
    ("Livestream um 18 Uhr EST.", "DE", WINTER, "18 Uhr EST", "0 Uhr"),
    ("Livestream um 19 Uhr GMT.", "CH", WINTER, "19 Uhr GMT", "20 Uhr"),
    ("Livestream um 19 Uhr GMT.", "DE", SUMMER, "19 Uhr GMT", "21 Uhr"),
    ("Webinar om 18.00 uur EST.", "NL", WINTER, "18.00 uur EST", "00.00 uur"),
    ("Diretta alle 18 EST.", "IT", WINTER, "18 EST", "0"),
    ("Diretta alle 18:30 PST.", "IT", WINTER, "18:30 PST", "03:30"),
    ("Transmisión a las 18:00 CET.", "MX", WINTER, "18:00 CET", "11:00 (hora del centro)"),
    ("Live às 18h EST.", "BR", WINTER, "18h EST", "20h (horário de Brasília)"),
    ("Lanzamiento a las 10:00 GMT.", "ES", WINTER, "10:00 GMT", "11:00"),
    ("ライブ配信は午前10時(PST)から。", "JP", WINTER, "午前10時(PST)", "午前3時"),
    ("ライブ配信は午後6時(GMT)から。", "JP", WINTER, "午後6時(GMT)", "午前3時"),
    ("セミナーは18時 EST開始。", "JP", SUMMER, "18時 EST", "8時"),
    ("Direct à 14h ET.", "FR", SUMMER, "14h ET", "20h"),
    ("Livestream um 18 Uhr PT.", "DE", WINTER, "18 Uhr PT", "3 Uhr"),
    ("Sorteo a las 12:00 h GMT.", "ES", SUMMER, "12:00 h GMT", "14:00 h"),
    # A place's time in the post's language.
    ("Live jeudi à 18h, heure de New York.", "FR", SUMMER, "18h, heure de New York", "0h"),
    (
        "Directo a las 18:00 hora de España.",
        "MX",
        SUMMER,
        "18:00 hora de España",
        "10:00 (hora del centro)",
    ),
    (
        "Directo a las 18:00 hora peninsular.",
        "MX",
        WINTER,
        "18:00 hora peninsular",
        "11:00 (hora del centro)",
    ),
    ("Livestream um 18 Uhr Londoner Zeit.", "DE", WINTER, "18 Uhr Londoner Zeit", "19 Uhr"),
    ("Diretta alle 18 ora di Londra.", "IT", SUMMER, "18 ora di Londra", "19"),
    (
        "Webinar om 18.00 uur New Yorkse tijd.",
        "NL",
        SUMMER,
        "18.00 uur New Yorkse tijd",
        "00.00 uur",
    ),
    (
        "ライブは午後6時(ニューヨーク時間)から。",
        "JP",
        SUMMER,
        "午後6時(ニューヨーク時間)",
        "午前7時",
    ),
    (
        "Live às 18h, horário de Lisboa.",
        "BR",
        SUMMER,
        "18h, horário de Lisboa",
        "14h (horário de Brasília)",
    ),
    ("Live às 18h, hora de Brasília.", "PT", WINTER, "18h, hora de Brasília", "21h"),
    # English markets: GMT outside the markets on UTC+0, CET in South Africa.
    ("Webinar at 8pm GMT.", "AU", SUMMER, "8pm GMT", "6am AEST"),
    ("Webinar at 8pm GMT.", "CA", WINTER, "8pm GMT", "3pm EST"),
    ("Live at noon GMT.", "NZ", SUMMER, "noon GMT", "midnight NZST"),
    ("Webinar at 2pm CET.", "ZA", WINTER, "2pm CET", "3pm SAST"),
    ("Webinar at 2pm CET.", "ZA", SUMMER, "2pm CET", "3pm SAST"),
    ("Doors open 7pm GMT for the stream.", "US", WINTER, "7pm GMT", "2pm EST"),
]


@pytest.mark.parametrize(("text", "market", "at", "span", "suggestion"), OTHER_MARKET)
def test_another_markets_zone_is_converted_in_the_posts_clock_style(
    text: str, market: str, at: str, span: str, suggestion: str
) -> None:
    findings = [
        f
        for f in zone_findings(text, market, at)
        if f.rule in ("timezone.other_market", "timezone.other_market_clock")
    ]
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [(span, suggestion)]


# (text, market, at, flagged span): an online or national event with no zone where
# people live in several.
MISSING_ZONE = [
    ("Live na terça às 19h!", "BR", SUMMER, "19h"),
    ("Live na terça às 19:00!", "BR", WINTER, "19:00"),
    ("Webinar gratuito quinta às 19h30.", "BR", SUMMER, "19h30"),
    ("Transmissão ao vivo no YouTube às 20h.", "BR", WINTER, "20h"),
    ("Aula online quarta às 18h, inscrições no link.", "BR", SUMMER, "18h"),
    ("Transmisión en vivo el jueves a las 20:00.", "MX", SUMMER, "20:00"),
    ("¡En vivo por Facebook a las 7 PM!", "MX", WINTER, "7 PM"),
    ("Clase en línea el martes a las 19 horas.", "MX", SUMMER, "19 horas"),
    ("Webinar le jeudi à 14h.", "CA", WINTER, "14h"),
]


@pytest.mark.parametrize(("text", "market", "at", "span"), MISSING_ZONE)
def test_an_online_event_with_no_zone_in_a_market_of_several_zones_is_flagged(
    text: str, market: str, at: str, span: str
) -> None:
    locale = "fr-CA" if market == "CA" else None
    assert flagged(text, market, at, locale) == [span]


# (text, market, at, flagged words, suggestion): the other half of the year's name.
WRONG_HALF = [
    ("Livestream um 18 Uhr MEZ.", "DE", SUMMER, "MEZ", "MESZ"),
    ("Start: 20 Uhr MEZ", "CH", SUMMER, "MEZ", "MESZ"),
    ("Livestream um 18 Uhr MESZ.", "AT", WINTER, "MESZ", "MEZ"),
    ("Konzert um 19:30 Uhr (MESZ)", "DE", WINTER, "MESZ", "MEZ"),
    ("Live jeudi à 18h (heure d'été).", "FR", WINTER, "heure d'été", "heure d'hiver"),
    ("Live jeudi à 18h, heure d'hiver.", "FR", SUMMER, "heure d'hiver", "heure d'été"),
    ("Diretta alle 18:00 ora solare.", "IT", SUMMER, "ora solare", "ora legale"),
    ("Diretta alle 18:00 ora legale.", "IT", WINTER, "ora legale", "ora solare"),
    ("Webinar om 20.00 uur wintertijd.", "NL", SUMMER, "wintertijd", "zomertijd"),
    ("Webinar om 20.00 uur zomertijd.", "NL", WINTER, "zomertijd", "wintertijd"),
    ("Directo a las 20:00, horario de verano.", "ES", WINTER, "horario de verano",
     "horario de invierno"),
    ("Directo a las 20:00 (hora de invierno).", "ES", SUMMER, "hora de invierno",
     "horario de verano"),
    ("Live às 21h, horário de verão.", "PT", WINTER, "horário de verão", "horário de inverno"),
    ("Live às 19h, horário de verão.", "BR", WINTER, "horário de verão", "horário de Brasília"),
    ("Live às 19h (horário de verão).", "BR", SUMMER, "horário de verão", "horário de Brasília"),
    ("Transmisión a las 20:00, horario de verano.", "MX", SUMMER, "horario de verano",
     "hora del centro"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span", "suggestion"), WRONG_HALF)
def test_the_wrong_half_of_the_year_in_words_is_flagged(
    text: str, market: str, at: str, span: str, suggestion: str
) -> None:
    findings = [f for f in zone_findings(text, market, at) if f.rule == "timezone.season_words"]
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [(span, suggestion)]


def test_there_are_at_least_eighty_sentences() -> None:
    assert len(CLEAN) + len(OTHER_MARKET) + len(MISSING_ZONE) + len(WRONG_HALF) >= 80
