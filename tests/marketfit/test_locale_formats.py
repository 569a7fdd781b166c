"""Posts in twelve locales get the format findings CLDR gives their locale (numbers,
prices, clock times, quotation marks, ordinals, numeric dates), and posts in English
markets get none of them.

Each row: market, locale (None: the market's language), text, the rule expected (None:
no finding of the locale rules), the text it flags and the suggestion.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onshore.marketfit import Finding, Post, UnknownLocaleError, check, locale_ids
from onshore.marketfit._locale_formats import canonical_locale, locale_formats, market_locale

NB, NNB = "\u00a0", "\u202f"  # CLDR's no-break space and narrow no-break space
LOCALE_RULES = {
    "format.price", "format.currency_spacing", "format.number", "format.clock",
    "format.quotes", "format.ordinal", "date.impossible_for_locale", "date.locale_order",
    "date.locale_separators", "currency.symbol_side",
}  # fmt: skip
SIDE = "currency.symbol_side"  # the sign on the wrong side: a currency finding
CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"

Row = tuple[str, str | None, str, str | None, str | None, str | None]
ROWS: list[Row] = [
    # ---- de-DE
    ("DE", "de-DE", "Jetzt nur 12.50 € im Onlineshop.", "format.price", "12.50 €", f"12,50{NB}€"),
    ("DE", "de-DE", "Heute €12 pro Stück.", "currency.symbol_side", "€12", f"12{NB}€"),
    ("DE", "de-DE", "Das Menü kostet €24.90 pro Person.", "format.price", "€24.90", f"24,90{NB}€"),
    (
        "DE",
        "de-DE",
        "Preis: 1,299.00 € mit Versand.",
        "format.price",
        "1,299.00 €",
        f"1.299,00{NB}€",
    ),
    (
        "DE",
        "de-DE",
        "Nur 12,50€ am Wochenende.",
        "format.currency_spacing",
        "12,50€",
        f"12,50{NB}€",
    ),
    ("DE", "de-DE", "Mehr als 1,000,000 Downloads!", "format.number", "1,000,000", "1.000.000"),
    ("DE", "de-DE", "Wir öffnen um 9:30 AM.", "format.clock", "9:30 AM", "09:30"),
    ("DE", "de-DE", "Start um 8pm im Garten.", "format.clock", "8pm", "20:00"),
    (
        "DE",
        "de-DE",
        'Unser Motto: "Weniger ist mehr".',
        "format.quotes",
        '"Weniger ist mehr"',
        "„Weniger ist mehr“",
    ),
    (
        "DE",
        "de-DE",
        "Unser Motto: “Weniger ist mehr”.",
        "format.quotes",
        "“Weniger ist mehr”",
        "„Weniger ist mehr“",
    ),
    ("DE", "de-DE", "Wir feiern unseren 3rd Geburtstag.", "format.ordinal", "3rd", "3."),
    (
        "DE",
        "de-DE",
        "Das Angebot gilt bis 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31.12.2026",
    ),
    ("DE", "de-DE", "Das Angebot gilt bis 12/31.", "date.impossible_for_locale", "12/31", "31.12."),
    (
        "DE",
        "de-DE",
        "Anmeldeschluss ist der 31/12/2026.",
        "date.locale_separators",
        "31/12/2026",
        "31.12.2026",
    ),
    ("DE", None, "Jetzt nur 12.50 € im Onlineshop.", "format.price", "12.50 €", f"12,50{NB}€"),
    ("AT", None, "Jetzt nur 12.50 € im Onlineshop.", "format.price", "12.50 €", f"€{NB}12,50"),
    ("DE", "de-DE", "Jetzt nur 12,50 € im Onlineshop.", None, None, None),
    ("DE", "de-DE", f"Jetzt nur 12,50{NB}€ im Onlineshop.", None, None, None),
    ("DE", "de-DE", "Heute werden 1.000 Gäste erwartet.", None, None, None),
    ("DE", "de-DE", "Heute werden 1,000 Gäste erwartet.", None, None, None),
    ("DE", "de-DE", "Diesel kostet 1,799 € pro Liter.", None, None, None),
    ("DE", "de-DE", "Wir öffnen um 9:30 Uhr.", None, None, None),
    ("DE", "de-DE", "Unser Motto: „Weniger ist mehr“.", None, None, None),
    ("DE", "de-DE", "Wir feiern unseren 3. Geburtstag.", None, None, None),
    ("DE", "de-DE", "Das Angebot gilt bis 31.12.2026.", None, None, None),
    ("DE", "de-DE", "Das Angebot gilt bis zum 3.5. des Jahres.", None, None, None),
    ("DE", "de-DE", "Version 2.1.3 ist ab sofort verfügbar.", None, None, None),
    ("DE", "de-DE", "Wir sind 24/7 für Sie erreichbar.", None, None, None),
    ("DE", "de-DE", "Über 1.000.000 Downloads!", None, None, None),
    ("DE", "de-DE", "Nur 3,5 Sterne? Das geht besser.", None, None, None),
    ("DE", "de-DE", "Ruf uns an: 030 1234 5678.", None, None, None),
    ("DE", None, "Only €12.50 this weekend, don't miss it!", None, None, None),  # English
    # ---- de-CH
    (
        "CH",
        "de-CH",
        "Jetzt nur 1,234.50 CHF im Laden.",
        "format.price",
        "1,234.50 CHF",
        "1'234.50 CHF",
    ),
    ("CH", "de-CH", "Kaffee für 4,50 CHF im Bistro.", "format.price", "4,50 CHF", "4.50 CHF"),
    ("CH", "de-CH", "Über 1.000.000 Besucher!", "format.number", "1.000.000", "1'000'000"),
    ("CH", "de-CH", "Apéro ab 6pm im Garten.", "format.clock", "6pm", "18:00"),
    (
        "CH",
        "de-CH",
        "Das Fest ist am 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31.12.2026",
    ),
    (
        "CH",
        None,
        "Jetzt nur 1,234.50 CHF im Laden.",
        "format.price",
        "1,234.50 CHF",
        "1'234.50 CHF",
    ),
    ("CH", "de-CH", "Jetzt nur 12.50 CHF im Laden.", None, None, None),
    ("CH", "de-CH", "Über 1'000'000 Besucher!", None, None, None),
    ("CH", "de-CH", "Über 1’000’000 Besucher!", None, None, None),
    ("CH", "de-CH", "Apéro ab 18:00 Uhr.", None, None, None),
    ("CH", "de-CH", "Das Fest ist am 31.12.2026.", None, None, None),
    ("CH", "de-CH", "Wir feiern den 1. August.", None, None, None),
    # ---- fr-FR
    (
        "FR",
        "fr-FR",
        "Le menu est à 24.50 € par personne.",
        "format.price",
        "24.50 €",
        f"24,50{NB}€",
    ),
    ("FR", "fr-FR", "Le menu est à €24 par personne.", "currency.symbol_side", "€24", f"24{NB}€"),
    (
        "FR",
        "fr-FR",
        "Plus de 1,000,000 de clients.",
        "format.number",
        "1,000,000",
        f"1{NNB}000{NNB}000",
    ),
    ("FR", "fr-FR", "Ouverture à 9am demain.", "format.clock", "9am", "09:00"),
    ("FR", "fr-FR", "Rendez-vous à 7:30 p.m. au magasin.", "format.clock", "7:30 p.m.", "19:30"),
    (
        "FR",
        "fr-FR",
        'Notre devise : "moins mais mieux".',
        "format.quotes",
        '"moins mais mieux"',
        f"«{NB}moins mais mieux{NB}»",
    ),
    ("FR", "fr-FR", "Le 1st prix est pour vous.", "format.ordinal", "1st", "1er"),
    ("FR", "fr-FR", "La 2ème édition arrive.", "format.ordinal", "2ème", "2e"),
    ("FR", "fr-FR", "La 1ère boutique à Lyon.", "format.ordinal", "1ère", "1re"),
    (
        "FR",
        "fr-FR",
        "Offre valable jusqu'au 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31/12/2026",
    ),
    (
        "FR",
        "fr-FR",
        "Offre valable jusqu'au 31.12.2026.",
        "date.locale_separators",
        "31.12.2026",
        "31/12/2026",
    ),
    ("FR", None, "Le menu est à €24 par personne.", "currency.symbol_side", "€24", f"24{NB}€"),
    ("FR", "fr-FR", "Le menu est à 24,50 € par personne.", None, None, None),
    ("FR", "fr-FR", "Plus de 1 000 000 de clients.", None, None, None),
    ("FR", "fr-FR", f"Plus de 1{NNB}000{NNB}000 de clients.", None, None, None),
    ("FR", "fr-FR", "Ouverture à 9 h demain.", None, None, None),
    ("FR", "fr-FR", "Notre devise : « moins mais mieux ».", None, None, None),
    ("FR", "fr-FR", "Le 1er prix est pour vous.", None, None, None),
    ("FR", "fr-FR", "Offre valable jusqu'au 31/12/2026.", None, None, None),
    ("FR", "fr-FR", "La 2nd édition arrive.", None, None, None),
    ("FR", "fr-FR", "Ouvert 24/7 en ligne.", None, None, None),
    ("FR", "fr-FR", "La 2e édition arrive.", None, None, None),
    # ---- fr-CA
    (
        "CA",
        "fr-CA",
        "Le menu est à 24.50 $ par personne.",
        "format.price",
        "24.50 $",
        f"24,50{NB}$",
    ),
    ("CA", "fr-CA", "Le menu est à $24 par personne.", "currency.symbol_side", "$24", f"24{NB}$"),
    ("CA", "fr-CA", "Ouverture à 9am demain.", "format.clock", "9am", "09 h 00"),
    (
        "CA",
        "fr-CA",
        "Offre valable jusqu'au 12/31/2026.",
        "date.locale_order",
        "12/31/2026",
        "2026-12-31",
    ),
    ("CA", "fr-CA", "Le 1st prix est pour vous.", "format.ordinal", "1st", "1er"),
    (
        "CA",
        "fr-CA",
        'Notre devise : "moins mais mieux".',
        "format.quotes",
        '"moins mais mieux"',
        f"«{NB}moins mais mieux{NB}»",
    ),
    (
        "CA",
        "fr-CA",
        "Plus de 1,000,000 de clients.",
        "format.number",
        "1,000,000",
        f"1{NB}000{NB}000",
    ),
    ("CA", "fr-CA", "Le menu est à 24,50 $ par personne.", None, None, None),
    ("CA", "fr-CA", "Ouverture à 9 h 00 demain.", None, None, None),
    ("CA", "fr-CA", "Offre valable jusqu'au 2026-12-31.", None, None, None),
    ("CA", "fr-CA", "Offre valable jusqu'au 05/06/2026.", None, None, None),
    # ---- es-ES
    ("ES", "es-ES", "Solo 12.50 € este fin de semana.", "format.price", "12.50 €", f"12,50{NB}€"),
    ("ES", "es-ES", "Solo €12 este fin de semana.", "currency.symbol_side", "€12", f"12{NB}€"),
    ("ES", "es-ES", "Más de 1,000,000 de clientes.", "format.number", "1,000,000", "1.000.000"),
    ("ES", "es-ES", "Abrimos a las 9 a.m. cada día.", "format.clock", "9 a.m.", "9:00"),
    ("ES", "es-ES", "Celebramos nuestro 3rd aniversario.", "format.ordinal", "3rd", "3.º"),
    (
        "ES",
        "es-ES",
        "La oferta termina el 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31/12/2026",
    ),
    (
        "ES",
        "es-ES",
        "La oferta termina el 31.12.2026.",
        "date.locale_separators",
        "31.12.2026",
        "31/12/2026",
    ),
    ("ES", None, "Solo 12.50 € este fin de semana.", "format.price", "12.50 €", f"12,50{NB}€"),
    ("ES", "es-ES", "Solo 12,50 € este fin de semana.", None, None, None),
    ("ES", "es-ES", 'Nuestro lema: "menos es más".', None, None, None),
    ("ES", "es-ES", "Nuestro lema: “menos es más”.", None, None, None),
    ("ES", "es-ES", "Abrimos a las 9:00 cada día.", None, None, None),
    ("ES", "es-ES", "Celebramos nuestro 3.er aniversario.", None, None, None),
    ("ES", "es-ES", "La oferta termina el 31/12/2026.", None, None, None),
    ("ES", "es-ES", "Más de 1.000.000 de clientes.", None, None, None),
    # ---- es-MX
    ("MX", "es-MX", "Solo $12,50 este fin de semana.", "format.price", "$12,50", "$12.50"),
    ("MX", "es-MX", "Solo 12.50 $ este fin de semana.", SIDE, "12.50 $", "$12.50"),
    ("MX", "es-MX", "Más de 1.000.000 de clientes.", "format.number", "1.000.000", "1,000,000"),
    (
        "MX",
        "es-MX",
        "La oferta termina el 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31/12/2026",
    ),
    ("MX", "es-MX", "Celebramos nuestro 3rd aniversario.", "format.ordinal", "3rd", "3º."),
    ("MX", "es-MX", "Solo $12.50 este fin de semana.", None, None, None),
    ("MX", "es-MX", "Abrimos a las 3:00 PM en CDMX.", None, None, None),
    ("MX", "es-MX", "La oferta termina el 31/12/2026.", None, None, None),
    ("MX", "es-MX", "Más de 1,000,000 de clientes.", None, None, None),
    # ---- pt-BR
    (
        "BR",
        "pt-BR",
        "Camisetas por 49.90 R$ nesta semana.",
        "format.price",
        "49.90 R$",
        f"R${NB}49,90",
    ),
    (
        "BR",
        "pt-BR",
        "Camisetas por R$49,90 nesta semana.",
        "format.currency_spacing",
        "R$49,90",
        f"R${NB}49,90",
    ),
    (
        "BR",
        "pt-BR",
        "Camisetas por R$ 49.90 nesta semana.",
        "format.price",
        "R$ 49.90",
        f"R${NB}49,90",
    ),
    ("BR", "pt-BR", "Mais de 1,000,000 de clientes.", "format.number", "1,000,000", "1.000.000"),
    ("BR", "pt-BR", "Abrimos às 9am no centro.", "format.clock", "9am", "09:00"),
    (
        "BR",
        "pt-BR",
        "Promoção até 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31/12/2026",
    ),
    ("BR", "pt-BR", "Comemoramos nosso 5th aniversário.", "format.ordinal", "5th", "5º"),
    (
        "BR",
        None,
        "Camisetas por 49.90 R$ nesta semana.",
        "format.price",
        "49.90 R$",
        f"R${NB}49,90",
    ),
    ("BR", "pt-BR", "Camisetas por R$ 49,90 nesta semana.", None, None, None),
    ("BR", "pt-BR", "Abrimos às 9h no centro.", None, None, None),
    ("BR", "pt-BR", "Promoção até 31/12/2026.", None, None, None),
    ("BR", "pt-BR", 'Nosso lema: "menos é mais".', None, None, None),
    ("BR", "pt-BR", "Comemoramos nosso 5º aniversário.", None, None, None),
    # ---- it-IT
    ("IT", "it-IT", "Menù a 24.50 € a persona.", "format.price", "24.50 €", f"24,50{NB}€"),
    ("IT", "it-IT", "Menù a €24 a persona.", "currency.symbol_side", "€24", f"24{NB}€"),
    ("IT", "it-IT", "Oltre 1,000,000 di clienti.", "format.number", "1,000,000", "1.000.000"),
    ("IT", "it-IT", "Apriamo alle 9am in centro.", "format.clock", "9am", "09:00"),
    (
        "IT",
        "it-IT",
        'Il nostro motto: "meno è meglio".',
        "format.quotes",
        '"meno è meglio"',
        "«meno è meglio»",
    ),
    ("IT", "it-IT", "Festeggiamo il 10th anniversario.", "format.ordinal", "10th", "10º"),
    (
        "IT",
        "it-IT",
        "Offerta valida fino al 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31/12/2026",
    ),
    ("IT", "it-IT", "Menù a 24,50 € a persona.", None, None, None),
    ("IT", "it-IT", "Apriamo alle 9:00 in centro.", None, None, None),
    ("IT", "it-IT", "Il nostro motto: «meno è meglio».", None, None, None),
    ("IT", "it-IT", "Offerta valida fino al 31/12/2026.", None, None, None),
    ("IT", "it-IT", "Festeggiamo il 10º anniversario.", None, None, None),
    # ---- nl-NL
    ("NL", "nl-NL", "Nu voor 12.50 € in de winkel.", "format.price", "12.50 €", f"€{NB}12,50"),
    ("NL", "nl-NL", "Nu voor 12,50 € in de winkel.", SIDE, "12,50 €", f"€{NB}12,50"),
    (
        "NL",
        "nl-NL",
        "Nu voor €12,50 in de winkel.",
        "format.currency_spacing",
        "€12,50",
        f"€{NB}12,50",
    ),
    ("NL", "nl-NL", "Meer dan 1,000,000 klanten.", "format.number", "1,000,000", "1.000.000"),
    ("NL", "nl-NL", "We openen om 9am in Utrecht.", "format.clock", "9am", "09:00"),
    ("NL", "nl-NL", "Onze 5th verjaardag vieren we samen.", "format.ordinal", "5th", "5e"),
    (
        "NL",
        "nl-NL",
        "Actie geldig tot 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31-12-2026",
    ),
    ("NL", "nl-NL", "Nu voor € 12,50 in de winkel.", None, None, None),
    ("NL", "nl-NL", "We openen om 9:00 uur in Utrecht.", None, None, None),
    ("NL", "nl-NL", "Actie geldig tot 31-12-2026.", None, None, None),
    ("NL", "nl-NL", "Onze 5e verjaardag vieren we samen.", None, None, None),
    ("NL", "nl-NL", 'Ons motto: "minder is meer".', None, None, None),
    # ---- ja-JP
    ("JP", "ja-JP", "今なら¥1.000,50で販売中。", "format.price", "¥1.000,50", "¥1,000.50"),
    ("JP", "ja-JP", "今なら1000¥で販売中。", "currency.symbol_side", "1000¥", "¥1000"),
    ("JP", "ja-JP", "累計1.000.000人が利用。", "format.number", "1.000.000", "1,000,000"),
    ("JP", "ja-JP", "本日3PMから開店します。", "format.clock", "3PM", "15:00"),
    ("JP", "ja-JP", "セールは12/30/2026まで。", "date.locale_order", "12/30/2026", "2026/12/30"),
    ("JP", "ja-JP", '新商品は"限定版"です。', "format.quotes", '"限定版"', "「限定版」"),
    ("JP", "ja-JP", "今年で5th周年を迎えます。", "format.ordinal", "5th", "第5"),
    ("JP", "ja-JP", "1st Anniversary記念セール開催中。", None, None, None),
    ("JP", None, "本日3PMから開店します。", "format.clock", "3PM", "15:00"),
    ("JP", "ja-JP", "本日午後3時から開店します。", None, None, None),
    ("JP", "ja-JP", "セールは2026/12/30まで。", None, None, None),
    ("JP", "ja-JP", "セールは12/30まで。", None, None, None),
    ("JP", "ja-JP", "新商品は「限定版」です。", None, None, None),
    ("JP", "ja-JP", "今なら¥1,000で販売中。", None, None, None),
    ("JP", "ja-JP", "今なら￥1,000で販売中。", None, None, None),
    ("JP", "ja-JP", "今なら1,000円で販売中。", None, None, None),
    ("JP", "ja-JP", "本日15:00から開店します。", None, None, None),
    # ---- sv-SE
    ("SE", "sv-SE", "Nu bara 12.50 kr i butiken.", "format.price", "12.50 kr", f"12,50{NB}kr"),
    ("SE", "sv-SE", "Nu bara kr 12 i butiken.", "currency.symbol_side", "kr 12", f"12{NB}kr"),
    ("SE", "sv-SE", "Över 1,000,000 kunder.", "format.number", "1,000,000", f"1{NB}000{NB}000"),
    ("SE", "sv-SE", "Vi öppnar 9am på lördag.", "format.clock", "9am", "09:00"),
    (
        "SE",
        "sv-SE",
        'Vårt motto: "mindre är mer".',
        "format.quotes",
        '"mindre är mer"',
        "”mindre är mer”",
    ),
    ("SE", "sv-SE", "Rean slutar 12/30/2026.", "date.locale_order", "12/30/2026", "2026-12-30"),
    ("SE", "sv-SE", "Vårt 5th jubileum firas.", "format.ordinal", "5th", "5:e"),
    ("SE", "sv-SE", "Nu bara 12,50 kr i butiken.", None, None, None),
    ("SE", "sv-SE", "Över 1 000 000 kunder.", None, None, None),
    ("SE", "sv-SE", "Vi öppnar 09:00 på lördag.", None, None, None),
    ("SE", "sv-SE", "Rean slutar 2026-12-30.", None, None, None),
    ("SE", "sv-SE", "Vårt motto: ”mindre är mer”.", None, None, None),
    # ---- pl-PL
    ("PL", "pl-PL", "Kawa już od 9.50 zł.", "format.price", "9.50 zł", f"9,50{NB}zł"),
    ("PL", "pl-PL", "Kawa już od zł 9,50 dziś.", "currency.symbol_side", "zł 9,50", f"9,50{NB}zł"),
    ("PL", "pl-PL", "Ponad 1,000,000 klientów.", "format.number", "1,000,000", f"1{NB}000{NB}000"),
    ("PL", "pl-PL", "Otwieramy o 9am w centrum.", "format.clock", "9am", "09:00"),
    (
        "PL",
        "pl-PL",
        'Nasze motto: "mniej znaczy więcej".',
        "format.quotes",
        '"mniej znaczy więcej"',
        "„mniej znaczy więcej”",
    ),
    (
        "PL",
        "pl-PL",
        "Promocja do 12/31/2026.",
        "date.impossible_for_locale",
        "12/31/2026",
        "31.12.2026",
    ),
    ("PL", "pl-PL", "Świętujemy 5th urodziny.", "format.ordinal", "5th", "5."),
    ("PL", "pl-PL", "Kawa już od 9,50 zł.", None, None, None),
    ("PL", "pl-PL", "Otwieramy o 9:00 w centrum.", None, None, None),
    ("PL", "pl-PL", "Promocja do 31.12.2026.", None, None, None),
    ("PL", "pl-PL", "Nasze motto: „mniej znaczy więcej”.", None, None, None),
    # ---- English markets: the locale rules never run
    ("US", None, "Only €12.50 this weekend.", None, None, None),
    ("US", "en-US", "Doors open at 3:00 PM sharp.", None, None, None),
    ("GB", None, "Doors open at 3:00 PM sharp.", None, None, None),
    ("GB", None, "Tickets 12,50 € at the door.", None, None, None),
    ("AU", None, 'Our motto: "less is more".', None, None, None),
    ("CA", None, "The 1st prize goes to you.", None, None, None),
    ("IN", None, "Over 1,00,000 happy customers.", None, None, None),
    ("ZA", None, "Only R12.50 today at the till.", None, None, None),
    ("NZ", None, "Over 1.000.000 views, thank you!", None, None, None),
    ("IE", None, "The 2nd edition is here, 12/30/2026.", None, None, None),
    ("DE", "en-DE", "Only €12.50 this weekend, at 3:00 PM.", None, None, None),
]


def ids(row: Row) -> str:
    return f"{row[1] or row[0]}:{row[2][:30]}"


def locale_findings(row: Row) -> list[Finding]:
    market, locale, text = row[0], row[1], row[2]
    return [f for f in check(Post(text, market, locale=locale)) if f.rule in LOCALE_RULES]


@pytest.mark.parametrize("row", ROWS, ids=ids)
def test_locale_formats(row: Row) -> None:
    _, _, text, rule, flagged, suggestion = row
    found = locale_findings(row)
    if rule is not None and rule != "currency.symbol_side":
        # A price with the wrong signs AND on the wrong side gets both findings (the side
        # is a currency one): these rows are about the signs (both: the units-and-money
        # tests, test_units_money_every_language.py).
        found = [f for f in found if f.rule != "currency.symbol_side"]
    if rule is None:
        assert found == [], [(f.rule, text[f.start : f.end], f.suggestion) for f in found]
        return
    assert [(f.rule, text[f.start : f.end], f.suggestion) for f in found] == [
        (rule, flagged, suggestion)
    ]


def test_the_table_covers_twelve_locales_with_150_sentences() -> None:
    locales = {row[1] for row in ROWS if row[1] and not row[1].startswith("en")}
    assert len(ROWS) >= 150
    assert len(locales) == 12


def test_an_impossible_date_is_an_error_with_the_locale_form() -> None:
    (finding,) = locale_findings(("DE", "de-DE", "Bis 12/30/2026!", None, None, None))
    assert (finding.severity, finding.suggestion) == ("error", "30.12.2026")
    assert "day first" in finding.message


def test_messages_name_the_readers_and_the_corrected_form() -> None:
    (finding,) = locale_findings(("FR", "fr-FR", "Dès 9am.", None, None, None))
    assert finding.message == "Readers in France use the 24-hour clock: write '09:00'"


def test_no_english_market_post_of_the_corpus_gets_a_locale_finding() -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    english = [
        r for r in records if r["market"] in {"US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"}
    ]
    assert len(english) > 300
    for record in english:
        found = [f.rule for f in check(Post(record["text"], record["market"]))]
        assert not LOCALE_RULES.intersection(found), record["id"]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("de-CH", "de_CH"), ("de_ch", "de_CH"), ("PT-br", "pt_BR"), ("zh-TW", "zh_Hant_TW"),
     ("sr-Latn", "sr_Latn"), ("ja", "ja")],
)  # fmt: skip
def test_language_tags_are_read_as_cldr_locales(tag: str, expected: str) -> None:
    assert canonical_locale(tag) == expected


@pytest.mark.parametrize("tag", ["xx-YY", "de_CH_bogus", "", "de-", "en GB", "fr-DE", "😀"])
def test_an_unknown_locale_is_refused_with_how_to_list_them(tag: str) -> None:
    with pytest.raises(UnknownLocaleError, match="--list-locales"):
        canonical_locale(tag)
    if tag:  # check() reads an empty locale as none given: the market's language
        with pytest.raises(UnknownLocaleError):
            check(Post("Hallo", "DE", locale=tag))


def test_every_cldr_locale_babel_knows_is_there() -> None:
    from babel import localedata

    assert set(locale_ids()) == set(localedata.locale_identifiers())
    for locale in locale_ids():
        assert locale_formats(locale).locale == locale


def test_a_language_without_region_takes_the_markets() -> None:
    assert market_locale(None, "CH") == locale_formats("de_CH")
    assert market_locale("fr", "CA") == locale_formats("fr_CA")
    assert market_locale("de", "US") == locale_formats("de")


def test_every_market_is_checked_even_when_cldr_lacks_its_language() -> None:
    """Samoa's language (sm) has no CLDR locale: its posts get no format findings and
    no error; every other market's posts are checked in its language."""
    from onshore.marketfit._markets import market_codes

    text = 'Nur 12.50 € um 3 PM, "x", 1st, 12/30/2026, $45, 1,000,000 ¥'
    for market in market_codes():
        check(Post(text, market))
    assert market_locale(None, "WS") is None
