"""Numbers, dates, ordinals and quotation marks as each market's language writes them
(issue 17 points 6 and 7): a post gets the finding a reader of that language would
ask for, with the form to write, and a post already written their way gets none.

Each row: market, text, the rule expected (None: none of the rules below may flag
anything), the text it flags, the suggestion (None: not checked) and the scheduled
time, in the market's own zone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import Post, check

NB, NNB = "\u00a0", "\u202f"
RULES = {
    "format.grouping", "format.decimal_sign", "format.number", "format.ordinal",
    "format.quotes", "format.quote_spacing", "date.locale_separators",
    "date.weekday_mismatch_local", "date.no_such_day_local", "date.dashed_order",
    "date.no_such_day", "date.numeric_order", "date.impossible_for_locale",
}  # fmt: skip
ZONES = {
    "DE": "Europe/Berlin", "CH": "Europe/Zurich", "AT": "Europe/Vienna", "FR": "Europe/Paris",
    "ES": "Europe/Madrid", "MX": "America/Mexico_City", "BR": "America/Sao_Paulo",
    "PT": "Europe/Lisbon", "IT": "Europe/Rome", "NL": "Europe/Amsterdam", "JP": "Asia/Tokyo",
    "US": "America/New_York", "GB": "Europe/London", "ZA": "Africa/Johannesburg",
    "AU": "Australia/Sydney", "IE": "Europe/Dublin",
}  # fmt: skip
DEC = "2026-12-01T10:00"  # most rows: scheduled 1 December 2026
Row = tuple[str, str, str | None, str | None, str | None, str]
FLAGGED: list[Row] = [
    # ---- a right date with another locale's separators is a format finding
    ("DE", "Das Angebot endet am 15/12/2026.", "date.locale_separators", "15/12/2026",
     "15.12.2026", DEC),
    ("CH", "Aktion gültig bis 15/12/2026.", "date.locale_separators", "15/12/2026",
     "15.12.2026", DEC),
    ("NL", "De actie loopt tot 15/12/2026.", "date.locale_separators", "15/12/2026",
     "15-12-2026", DEC),
    ("AT", "Gültig bis 24/12/2026.", "date.locale_separators", "24/12/2026", "24.12.2026", DEC),
    # ---- English grouping where the decimal sign is a comma
    ("DE", "Über 1,500 Bücher im Angebot.", "format.grouping", "1,500", "1.500", DEC),
    ("DE", "Schon 12,000 zufriedene Kunden!", "format.grouping", "12,000", "12.000", DEC),
    ("DE", "Mehr als 2,500+ Downloads.", "format.grouping", "2,500", "2.500", DEC),
    ("AT", "Bereits 3,200 Mitglieder.", "format.grouping", "3,200", "3.200", DEC),
    ("ES", "Más de 15,000 libros vendidos.", "format.grouping", "15,000", "15.000", DEC),
    ("ES", "Ya somos 4,500 socios.", "format.grouping", "4,500", "4.500", DEC),
    ("IT", "Già 2,000 iscritti al corso.", "format.grouping", "2,000", "2.000", DEC),
    ("IT", "Oltre 7,500 clienti felici.", "format.grouping", "7,500", "7.500", DEC),
    ("BR", "Já somos 2,500 alunos.", "format.grouping", "2,500", "2.500", DEC),
    ("BR", "Mais de 10,000 pedidos entregues.", "format.grouping", "10,000", "10.000", DEC),
    ("NL", "Meer dan 1,500 boeken op voorraad.", "format.grouping", "1,500", "1.500", DEC),
    ("NL", "Al 6,000 volgers, dank jullie!", "format.grouping", "6,000", "6.000", DEC),
    ("FR", "Déjà 1,500 participants inscrits.", "format.grouping", "1,500", f"1{NNB}500", DEC),
    ("DE", "Ein Rabatt von 15,000 € wartet.", "format.grouping", "15,000", "15.000", DEC),
    ("ES", "La ruta tiene 1,500 km.", "format.grouping", "1,500", "1.500", DEC),
    # ---- dot grouping where the locale groups with a comma or a space
    ("JP", "在庫は1.500冊あります。", "format.grouping", "1.500", "1,500", DEC),
    ("JP", "今なら1.980円です。", "format.grouping", "1.980", "1,980", DEC),
    ("JP", "参加者は2.000人を超えました。", "format.grouping", "2.000", "2,000", DEC),
    ("MX", "Más de 1.500 libros vendidos.", "format.grouping", "1.500", "1,500", DEC),
    ("MX", "Ya somos 25.000 clientes.", "format.grouping", "25.000", "25,000", DEC),
    ("FR", "Déjà 2.000 inscrits !", "format.grouping", "2.000", f"2{NNB}000", DEC),
    ("FR", "Plus de 12.500 abonnés.", "format.grouping", "12.500", f"12{NNB}500", DEC),
    ("CH", "Schon 2,300 Besucher im Museum.", "format.grouping", "2,300", "2'300", DEC),
    ("CH", "Über 1,500 Bücher im Laden.", "format.grouping", "1,500", "1'500", DEC),
    # ---- a decimal point before a unit where the decimal sign is a comma
    ("DE", "Die Strecke ist 12.5 km lang.", "format.decimal_sign", "12.5", "12,5", DEC),
    ("FR", "Un parcours de 12.5 km.", "format.decimal_sign", "12.5", "12,5", DEC),
    ("ES", "Un recorrido de 2.5 km.", "format.decimal_sign", "2.5", "2,5", DEC),
    ("IT", "Sconto del 12.5% su tutto.", "format.decimal_sign", "12.5", "12,5", DEC),
    ("DE", "Der Workshop dauert 2.5 Stunden.", "format.decimal_sign", "2.5", "2,5", DEC),
    ("ES", "Ya somos 1.5 millones de clientes.", "format.decimal_sign", "1.5", "1,5", DEC),
    ("NL", "Slechts 0.5 l per fles.", "format.decimal_sign", "0.5", "0,5", DEC),
    ("BR", "Pacote de 2.5 kg por apenas R$ 20.", "format.decimal_sign", "2.5", "2,5", DEC),
    # ---- ordinals
    ("DE", "Wir feiern unseren 5ten Geburtstag!", "format.ordinal", "5ten", "5.", DEC),
    ("DE", "Der 3ter Platz geht an Anna.", "format.ordinal", "3ter", "3.", DEC),
    ("DE", "Zum 20sten Mal dabei.", "format.ordinal", "20sten", "20.", DEC),
    ("FR", "Le 1st prix est à vous.", "format.ordinal", "1st", "1er", DEC),
    ("FR", "La 2eme édition arrive.", "format.ordinal", "2eme", "2e", DEC),
    ("ES", "Celebramos nuestro 1ro aniversario.", "format.ordinal", "1ro", "1.º", DEC),
    ("ES", "Celebramos nuestro 1er aniversario.", "format.ordinal", "1er", "1.er", DEC),
    ("ES", "Es nuestra 2da tienda.", "format.ordinal", "2da", "2.ª", DEC),
    ("ES", "Llega la 1st edición.", "format.ordinal", "1st", "1.º", DEC),
    ("IT", "Il nostro 10th anniversario.", "format.ordinal", "10th", "10º", DEC),
    ("NL", "Ons 5th jubileum komt eraan.", "format.ordinal", "5th", "5e", DEC),
    ("BR", "Nosso 3rd aniversário chegou.", "format.ordinal", "3rd", "3º", DEC),
    # ---- quotation marks
    ("CH", "Unser Motto: „Weniger ist mehr“ gilt.", "format.quotes", "„Weniger ist mehr“",
     "«Weniger ist mehr»", DEC),
    ("CH", 'Unser Motto: "Weniger ist mehr" gilt.', "format.quotes", '"Weniger ist mehr"',
     "«Weniger ist mehr»", DEC),
    ("FR", 'Notre devise : "moins, c’est mieux".', "format.quotes", '"moins, c’est mieux"',
     f"«{NB}moins, c’est mieux{NB}»", DEC),
    ("FR", "Notre devise : «moins, c’est mieux».", "format.quote_spacing",
     "«moins, c’est mieux»", f"«{NB}moins, c’est mieux{NB}»", DEC),
    ("IT", "Il motto: „meno è meglio“.", "format.quotes", "„meno è meglio“",
     "«meno è meglio»", DEC),
    ("JP", "新商品は“限定版”です。", "format.quotes", "“限定版”", "「限定版」", DEC),
    ("DE", 'Das Motto: "Weniger ist mehr".', "format.quotes", '"Weniger ist mehr"',
     "„Weniger ist mehr“", DEC),
    # ---- weekdays that do not fall on the date, in every language
    ("DE", "Wir sehen uns am Sonntag, 28. August.", "date.weekday_mismatch_local", "Sonntag",
     "Freitag", "2026-08-01T10:00"),
    ("FR", "Rendez-vous samedi 26 février !", "date.weekday_mismatch_local", "samedi",
     "vendredi", "2027-02-01T10:00"),
    ("DE", "Offen ab Fr., 26.12.2026.", "date.weekday_mismatch_local", "Fr", "Sa", DEC),
    ("DE", "Anpfiff am Sonntag, den 9.1.", "date.weekday_mismatch_local", "Sonntag",
     "Samstag", DEC),
    ("CH", "Apéro am Dienstag, 3. Mai 2027.", "date.weekday_mismatch_local", "Dienstag",
     "Montag", DEC),
    ("MX", "Abrimos el jueves, 5 de marzo de 2027.", "date.weekday_mismatch_local", "jueves",
     "viernes", DEC),
    ("FR", "Ouverture le mardi 1er juin.", "date.weekday_mismatch_local", "mardi", "lundi",
     "2026-05-20T10:00"),
    ("ES", "Te esperamos el martes 21 de diciembre.", "date.weekday_mismatch_local", "martes",
     "lunes", DEC),
    ("BR", "Abrimos segunda-feira, 16 de março.", "date.weekday_mismatch_local",
     "segunda-feira", "terça-feira", "2027-03-01T10:00"),
    ("PT", "Lançamento quinta, 5 de fevereiro.", "date.weekday_mismatch_local", "quinta",
     "sexta", "2027-01-20T10:00"),
    ("NL", "Kom langs op Di 28 juni.", "date.weekday_mismatch_local", "Di", "Ma",
     "2027-06-01T10:00"),
    ("NL", "Kom langs op dinsdag 28 juni.", "date.weekday_mismatch_local", "dinsdag",
     "maandag", "2027-06-01T10:00"),
    ("IT", "Vi aspettiamo lunedì 5 ottobre 2027.", "date.weekday_mismatch_local", "lunedì",
     "martedì", DEC),
    ("JP", "セールは12月5日(金)から。", "date.weekday_mismatch_local", "金", "土",
     "2026-11-20T10:00"),
    ("JP", "発売日は2027年1月8日（土曜日）です。", "date.weekday_mismatch_local", "土", "金", DEC),
    ("JP", "イベントは12/12(金)開催。", "date.weekday_mismatch_local", "金", "土", DEC),
    # ---- impossible dates
    ("IT", "Offerta valida fino al 30 febbraio.", "date.no_such_day_local", "30 febbraio",
     None, DEC),
    ("DE", "Angebot gilt bis 31. April 2027.", "date.no_such_day_local", "31. April 2027",
     None, DEC),
    ("ES", "Válido hasta el 31 de junio.", "date.no_such_day_local", "31 de junio", None, DEC),
    ("FR", "Offre valable jusqu’au 31 septembre.", "date.no_such_day_local", "31 septembre",
     None, DEC),
    ("JP", "締切は2月30日です。", "date.no_such_day_local", "2月30日", None, DEC),
    ("GB", "Offer ends 31st April - be quick!", "date.no_such_day_local", "31st April", None,
     DEC),
    ("DE", "Angebot gilt bis 31.04.2027.", "date.no_such_day", "31.04.2027", None, DEC),
    ("IT", "Offerta valida fino al 30/02.", "date.no_such_day", "30/02", None, DEC),
    ("GB", "Offer ends 31/06 - be quick!", "date.no_such_day", "31/06", None, DEC),
    ("US", "Offer ends 6/31 - be quick!", "date.no_such_day", "6/31", None, DEC),
    # ---- month first in a day-first market
    ("ZA", "Tickets on sale from 2/22/2027.", "date.numeric_order", "2/22/2027",
     "22 February 2027", DEC),
    ("NL", "Inschrijven kan tot 2/22/2027.", "date.impossible_for_locale", "2/22/2027",
     "22-2-2027", DEC),
    ("NL", "Aanmelden kan tot 03-26-2027.", "date.dashed_order", "03-26-2027", "26-3-2027",
     DEC),
    ("ZA", "Entries close 03-26-2027.", "date.dashed_order", "03-26-2027", "26/03/2027", DEC),
    ("GB", "Entries close 12-18-2026.", "date.dashed_order", "12-18-2026", "18/12/2026", DEC),
    ("DE", "Anmeldeschluss: 12/18.", "date.impossible_for_locale", "12/18", "18.12.", DEC),
    ("US", "Entries close 26-03-2027.", "date.dashed_order", "26-03-2027", "3/26/2027", DEC),
]  # fmt: skip
CLEAN: list[tuple[str, str, str]] = [
    ("DE", "Das Angebot endet am 15.12.2026.", DEC),
    ("DE", "Über 1.500 Bücher im Angebot.", DEC),
    ("US", "Over 1,500 books in stock.", DEC),
    ("FR", "Un parcours de 12,5 km.", DEC),
    ("DE", "Die neue Version v1.500 ist da.", DEC),
    ("DE", "Die Version 1.500 ist da.", DEC),
    ("DE", "Wir öffnen um 12.30 Uhr.", DEC),
    ("DE", "Ruf an: +49 30 1234 5678.", DEC),
    ("FR", "Tél. 01.23.45.67.89 pour réserver.", DEC),
    ("DE", "Jetzt nur 12,50 € im Shop.", DEC),
    ("DE", "Zinssatz 3,125 % fest.", DEC),
    ("DE", "Ergebnis: 1,125 Punkte.", DEC),
    ("DE", "Das dauert so 1,5 Stunden.", DEC),
    ("DE", "Bis 3.5. geschlossen, so 2.5. wieder offen.", DEC),
    ("DE", "Diesel kostet heute 1,799 € pro Liter.", DEC),
    ("DE", "Benzin kostet 1,899 €/l heute.", DEC),
    ("DE", "Der Strompreis liegt bei 0,389 € je kWh.", DEC),
    ("DE", "Um 1,250 Millionen gestiegen.", DEC),
    ("DE", "So viel: 1,5 kg Mehl.", DEC),
    ("DE", "Wir sehen uns am 2.5.2026.", DEC),
    ("DE", "Am Freitag, 28. August 2026 feiern wir.", DEC),
    ("DE", "Offen ab Sa., 26.12.2026.", DEC),  # Saturday 26 December 2026
    ("DE", "Wir feiern unseren 5. Geburtstag!", DEC),
    ("DE", "Unser Motto: „Weniger ist mehr“.", DEC),
    ("AT", "Gültig bis 24.12.2026.", DEC),
    ("CH", "Schon 2'300 Besucher im Museum.", DEC),
    ("CH", "Nur 12.50 CHF im Laden.", DEC),
    ("CH", "Unser Motto: «Weniger ist mehr» gilt.", DEC),
    ("CH", "Apéro am Montag, 3. Mai 2027.", "2027-04-01T10:00"),  # Monday 3 May 2027
    ("FR", "Déjà 2 000 inscrits !", DEC),
    ("FR", f"Déjà 2{NNB}000 inscrits !", DEC),
    ("FR", "Il fait 2,5 °C ce matin.", DEC),
    ("FR", "Notre devise : « moins, c’est mieux ».", DEC),
    ("FR", "La 2e édition arrive.", DEC),
    ("FR", "Le 1er prix est à vous.", DEC),
    ("FR", "Rendez-vous vendredi 26 février !", "2027-02-01T10:00"),
    ("FR", "Le mer 3 juin 2026 on ouvre.", DEC),
    ("ES", "Más de 1.500 personas ya vinieron.", DEC),
    ("ES", "Llegamos a 1,5 millones de usuarios.", DEC),
    ("ES", "Celebramos nuestro 1.er aniversario.", DEC),
    ("ES", "El sábado 26 de diciembre de 2026 abrimos.", DEC),
    ("ES", 'Nuestro lema: "menos es más" siempre.', DEC),
    ("ES", "Te esperamos el lunes 21 de diciembre.", DEC),
    ("MX", "Más de 1,500 personas ya vinieron.", DEC),
    ("MX", "Un recorrido de 2.5 km.", DEC),
    ("MX", "Abrimos el viernes, 5 de marzo de 2027.", "2027-02-01T10:00"),
    ("IT", "Lo sconto è del 12,5%.", DEC),
    ("IT", "Abbiamo fatto 3 set da 30 minuti.", DEC),
    ("IT", "Offerta valida fino al 28 febbraio.", DEC),
    ("IT", "Vi aspettiamo martedì 5 ottobre 2027.", DEC),
    ("IT", "Il motto: «meno è meglio».", DEC),
    ("BR", "Já somos 2.500 alunos.", DEC),
    ("BR", "Camisetas por R$ 49,90 nesta semana.", DEC),
    ("BR", "Abrimos terça-feira, 16 de março.", "2027-03-01T10:00"),
    ("PT", "Já somos 2.500 alunos.", DEC),
    ("PT", "Lançamento sexta, 5 de fevereiro.", "2027-01-20T10:00"),
    ("NL", "Meer dan 1.500 boeken op voorraad.", DEC),
    ("NL", "Het kost € 1.500 per maand.", DEC),
    ("NL", "Aanmelden kan tot 26-03-2027.", DEC),
    ("NL", "Kom langs op maandag 28 juni.", "2027-06-01T10:00"),
    ("NL", "Wo 3 juni 2026 open.", DEC),
    ("NL", "Het is zo 28 juni, de zomer is er.", "2027-06-01T10:00"),
    ("DE", "Diesel kostet heute 1,799 Euro pro Liter.", DEC),
    ("DE", "Lies Abschnitt 3.2 im Handbuch.", DEC),
    ("DE", "Der Tank fasst 1,250 Liter.", DEC),
    ("FR", "Lisez le chapitre 2.1 d’abord.", DEC),
    ("NL", "Ons 5de jubileum komt eraan.", DEC),
    ("JP", "在庫は1,500冊あります。", DEC),
    ("JP", "価格は1.5倍になりました。", DEC),
    ("JP", "今なら1,980円です。", DEC),
    ("JP", "セールは12月5日(土)から。", "2026-11-20T10:00"),
    ("JP", "セールは2026/12/30まで。", DEC),
    ("JP", "新商品は「限定版」です。", DEC),
    ("GB", "Offer ends 30 April - be quick!", DEC),
    ("GB", "Offer ends 29/02/2028 - leap day!", DEC),
    ("GB", "Entries close 2027-03-26.", DEC),
    ("US", "Entries close 03-26-2027.", DEC),
    ("ZA", "Tickets on sale from 22/02/2027.", DEC),
    ("ZA", "Entries close 26-03-2027.", DEC),
    ("IE", "Open 24/7 over the holidays.", DEC),
    ("AU", "Offer ends 30/06 - be quick!", DEC),
]


def findings(market: str, text: str, at: str) -> list[tuple[str, str, str | None]]:
    when = datetime.fromisoformat(at).replace(tzinfo=ZoneInfo(ZONES[market]))
    return [
        (f.rule, text[f.start : f.end], f.suggestion)
        for f in check(Post(text, market, at=when))
        if f.rule in RULES
    ]


def test_there_are_enough_sentences_in_every_language() -> None:
    assert len(FLAGGED) + len(CLEAN) >= 100
    markets = {row[0] for row in FLAGGED} | {row[0] for row in CLEAN}
    assert {"DE", "CH", "FR", "ES", "MX", "BR", "PT", "IT", "NL", "JP"} <= markets


@pytest.mark.parametrize(("market", "text", "rule", "flag", "suggestion", "at"), FLAGGED)
def test_flagged(
    market: str, text: str, rule: str, flag: str, suggestion: str | None, at: str
) -> None:
    found = findings(market, text, at)
    assert [(r, f) for r, f, _ in found] == [(rule, flag)], found
    if suggestion is not None:
        assert found[0][2] == suggestion


@pytest.mark.parametrize(("market", "text", "at"), CLEAN)
def test_clean(market: str, text: str, at: str) -> None:
    assert findings(market, text, at) == []


def test_format_findings_are_in_the_format_category() -> None:
    """A right date written with another locale's separators is a format finding."""
    at = datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    found = check(Post("Das Angebot endet am 15/12/2026.", "DE", at=at))
    assert [(f.rule, f.category) for f in found] == [("date.locale_separators", "format")]


def test_weekday_suggestion_names_the_date_in_the_message() -> None:
    at = datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Madrid"))
    [finding] = check(Post("Te esperamos el martes 21 de diciembre.", "ES", at=at))
    assert finding.suggestion == "lunes"
    assert "21 de diciembre de 2026" in finding.message
