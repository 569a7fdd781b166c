"""Units and money in every market's language (issue 17, points 4 and 7): imperial
units named in German, French, Spanish, Portuguese, Italian, Dutch and Japanese in a
metric market, with the metric value in the market's number format; the currency sign
on the side the locale writes it; money of another market ("25 €" in Mexico, "NZ$30"
in Australia, "100 pesos" in Spain, "R200" in the US); and a foreign price that the
post says is paid abroad, which is no finding."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import Finding, Post, check

# One fixed instant per market, in the market's own zone (a weekday in July).
ZONES = {
    "DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich", "FR": "Europe/Paris",
    "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "IT": "Europe/Rome",
    "NL": "Europe/Amsterdam", "MX": "America/Mexico_City", "BR": "America/Sao_Paulo",
    "JP": "Asia/Tokyo", "US": "America/New_York", "GB": "Europe/London",
    "AU": "Australia/Sydney", "NZ": "Pacific/Auckland", "ZA": "Africa/Johannesburg",
}  # fmt: skip
CATEGORIES = ("units", "currency")


def findings(text: str, market: str) -> list[Finding]:
    at = datetime(2026, 7, 14, 10, 30, tzinfo=ZoneInfo(ZONES[market]))
    return [f for f in check(Post(text, market, at=at)) if f.category in CATEGORIES]


# (market, text, category, flagged span, suggestion or None when none is given)
FLAGGED = [
    # Imperial units in the market's language, digits and words
    ("DE", "Nur 5 Meilen bis zum Strand!", "units", "5 Meilen", "8 km"),
    ("DE", "Unser Lauf: zehn Meilen durch den Wald.", "units", "zehn Meilen", "16 km"),
    ("CH", "10 Meilen mit dem Velo, dann Fondue.", "units", "10 Meilen", "16 km"),
    ("AT", "Nur noch drei Meilen bis zur Hütte!", "units", "drei Meilen", "4,8 km"),
    ("DE", "Acht Unzen Kaffee für unterwegs.", "units", "Acht Unzen", "227 g"),
    ("DE", "Der Zaun ist sechs Fuß hoch.", "units", "sechs Fuß", "1,8 m"),
    ("DE", "Draußen sind 90 Grad Fahrenheit!", "units", "90 Grad Fahrenheit", "32 °C"),
    ("DE", "Mit 60 Meilen pro Stunde über die Landstraße.", "units", "60 Meilen pro Stunde",
     "97 km/h"),
    ("ES", "A solo 8 millas de la playa.", "units", "8 millas", "13 km"),
    ("ES", "Corre cinco millas cada mañana.", "units", "cinco millas", "8 km"),
    ("MX", "Bajé 10 libras en un mes.", "units", "10 libras", "4,5 kg"),
    ("MX", "El paquete pesa dos libras.", "units", "dos libras", "0,9 kg"),
    ("ES", "Compra 3 libras de café molido.", "units", "3 libras", "1,4 kg"),
    ("ES", "Llena dos galones de agua.", "units", "dos galones", "7,6 l"),
    ("BR", "Corri 5 milhas hoje de manhã.", "units", "5 milhas", "8 km"),
    ("BR", "Perdi dez libras em dois meses!", "units", "dez libras", "4,5 kg"),
    ("BR", "O pacote pesa duas libras.", "units", "duas libras", "0,9 kg"),
    ("PT", "Caminhada de seis milhas pela serra.", "units", "seis milhas", "9,7 km"),
    ("IT", "Un percorso di 8 miglia sul lago.", "units", "8 miglia", "13 km"),
    ("IT", "Servono due libbre di farina.", "units", "due libbre", "0,9 kg"),
    ("IT", "Aggiungi quattro once di cioccolato.", "units", "quattro once", "113 g"),
    ("FR", "Ajoutez 8 onces de lait.", "units", "8 onces", "227 g"),
    ("FR", "Il fait 86 degrés Fahrenheit!", "units", "86 degrés Fahrenheit", "30 °C"),
    ("NL", "Nog maar 6 mijl fietsen.", "units", "6 mijl", "9,7 km"),
    ("NL", "Vul twee gallon water.", "units", "twee gallon", "7,6 l"),
    ("NL", "De boom is tien voet hoog.", "units", "tien voet", "3 m"),
    ("JP", "駅から8マイルです。", "units", "8マイル", "13 km"),
    ("JP", "体重が10ポンド減りました。", "units", "10ポンド", "4.5 kg"),
    ("JP", "今日の気温は86°Fです。", "units", "86°F", "30°C"),
    ("JP", "時速60マイルで走ります。", "units", "時速60マイル", "97 km/h"),
    ("JP", "華氏86度の暑さです。", "units", "華氏86度", "30°C"),
    # English words in a metric English market
    ("ZA", "I lost 15 pounds this year!", "units", "15 pounds", "6.8 kg"),
    ("ZA", "Our 15-pound turkey serves ten.", "units", "15-pound", "6.8 kg"),
    ("ZA", "The parcel weighs in at 15 pounds.", "units", "15 pounds", "6.8 kg"),
    # The currency sign on the wrong side for the locale
    ("ES", "Menú del día por €13,90.", "currency", "€13,90", "13,90\u00a0€"),
    ("FR", "Formule midi à €13,90 seulement.", "currency", "€13,90", "13,90\u00a0€"),
    ("BR", "Camisetas por 32,90 R$ nesta semana.", "currency", "32,90 R$", "R$\u00a032,90"),
    ("IT", "Menù a €24 a persona.", "currency", "€24", "24\u00a0€"),
    ("NL", "Nu voor 12,50 € in de winkel.", "currency", "12,50 €", "€\u00a012,50"),
    # Money of another market
    ("MX", "Tacos al pastor: 25 € la orden.", "currency", "25 €", None),
    ("CH", "Kaffee und Gipfeli für 3,50 € am Bahnhof.", "currency", "3,50 €", None),
    ("JP", "今だけ10 €で販売中。", "currency", "10 €", None),
    ("US", "Tote bags for 15 £ this week.", "currency", "15 £", None),
    ("ES", "Tapas desde 100 pesos.", "currency", "100 pesos", None),
    ("MX", "Envío gratis desde veinte euros.", "currency", "veinte euros", None),
    ("DE", "Nur 20 Franken pro Person.", "currency", "20 Franken", None),
    ("BR", "Ingressos por 30 dólares.", "currency", "30 dólares", None),
    ("PT", "Bilhetes a 10 reais.", "currency", "10 reais", None),
    ("IT", "Solo 20 dollari al mese.", "currency", "20 dollari", None),
    ("JP", "送料は25ドルです。", "currency", "25ドル", None),
    ("AU", "Gift boxes from NZ$30, shipped free.", "currency", "NZ$", None),
    ("NZ", "Gift boxes from A$25, shipped free.", "currency", "A$", None),
    ("GB", "Hampers from C$40 this Christmas.", "currency", "C$", None),
    ("US", "Tickets only R200 at the door!", "currency", "R200", None),
    ("GB", "Braai packs from R 1 500 this weekend.", "currency", "R 1 500", None),
]  # fmt: skip

# (market, text): no units or currency finding
CLEAN = [
    ("ES", "Cuesta 10 libras esterlinas en Londres."),
    ("ES", "Pagamos 20 libras esterlinas por la entrada."),
    ("ES", "Estamos a mil millas de distancia."),
    ("IT", "Siamo a mille miglia da casa."),
    ("ES", "Navegamos 20 millas náuticas."),
    ("DE", "Ein wichtiger Meilenstein für uns."),
    ("DE", "Wir lieben Fußball und gehen zu Fuß."),
    ("DE", "Zwei Pfund Tomaten, bitte."),
    ("DE", "Der Goldpreis liegt bei 2.000 € für eine Unze Gold."),
    ("DE", "Unser 55 Zoll Fernseher ist da."),
    ("FR", "Ajoutez deux livres à votre panier."),
    ("FR", "On y va à pied, deux pieds dans le sable."),
    ("ES", "Con los dos pies en la arena."),
    ("PT", "Com os dois pés na areia."),
    ("ES", "La ruta tiene 8 km."),
    ("DE", "Heute 30 °C im Schatten."),
    ("JP", "駅から8キロです。"),
    ("JP", "今日の気温は30度です。"),
    ("GB", "Pound cake for £5."),
    ("GB", "Tees from £5 in our London shop."),
    ("GB", "I lost two stone this year!"),
    ("BR", "Frete grátis acima de R$ 32,90."),
    ("ES", "Menú del día por 13,90 €."),
    ("FR", "Formule midi à 13,90 € seulement."),
    ("NL", "Nu voor € 12,50 in de winkel."),
    ("MX", "Tacos desde 100 pesos."),
    ("MX", "¡Promoción! Tacos a solo $45."),
    ("CH", "Nur 20 Franken pro Person."),
    ("CH", "Kaffee und Gipfeli für 3,50 CHF."),
    ("ES", "Tapas desde 100 pesos mexicanos."),
    ("ES", "El precio: 10 dólares estadounidenses."),
    ("JP", "送料は2500円です。"),
    ("AU", "Gift boxes from A$25, shipped free."),
    ("NZ", "Gift boxes from US$25, shipped free."),
    ("ZA", "Tickets only R200 at the door!"),
    ("US", "The R35 GT-R is here."),
    # A foreign price that the post says is paid abroad
    ("US", "Visiting our London shop? A flat white there is £3.40."),
    ("US", "In Paris it costs €5."),
    ("AU", "Our Auckland pop-up: gift boxes from NZ$30."),
    ("US", "Tickets only R200 at our Cape Town launch!"),
    ("CH", "In Paris kostet der Kaffee 3,50 €."),
    ("DE", "In New York kostet ein Kaffee 5 Dollar."),
    ("ES", "En Ciudad de México, tacos desde 100 pesos."),
    ("JP", "ニューヨークでは5ドルです。"),
    ("GB", "A flat white in Sydney is five dollars."),
]


@pytest.mark.parametrize(
    ("market", "text", "category", "flagged", "suggestion"),
    FLAGGED,
    ids=[f"{row[0]}:{row[1][:30]}" for row in FLAGGED],
)
def test_flagged(
    market: str, text: str, category: str, flagged: str, suggestion: str | None
) -> None:
    found = findings(text, market)
    assert [(f.category, text[f.start : f.end], f.suggestion) for f in found] == [
        (category, flagged, suggestion)
    ]


@pytest.mark.parametrize(("market", "text"), CLEAN, ids=[f"{m}:{t[:30]}" for m, t in CLEAN])
def test_clean(market: str, text: str) -> None:
    found = findings(text, market)
    assert found == [], [(f.rule, text[f.start : f.end]) for f in found]


def test_a_price_with_wrong_signs_on_the_wrong_side_gets_both_findings() -> None:
    """ "€24.90" in Germany: the decimal point is a format finding, the side a currency
    one; each suggests the whole price as the locale writes it."""
    text = "Das Menü kostet €24.90 pro Person."
    found = check(Post(text, "DE"))
    assert [(f.rule, text[f.start : f.end], f.suggestion) for f in found] == [
        ("currency.symbol_side", "€24.90", "24,90\u00a0€"),
        ("format.price", "€24.90", "24,90\u00a0€"),
    ]


def test_enough_sentences_in_every_language() -> None:
    assert len(FLAGGED) + len(CLEAN) >= 80
    markets = {row[0] for row in FLAGGED} | {market for market, _ in CLEAN}
    assert {"DE", "CH", "AT", "FR", "ES", "MX", "BR", "PT", "IT", "NL", "JP"} <= markets
