"""Whose clocks a time is on, said with a place in the post's language: "18h, heure de
New York", "18:00 hora de España", "18 Uhr Londoner Zeit", "alle 18 ora di Londra",
"18.00 uur Nederlandse tijd", "午後6時(ニューヨーク時間)". Read right after a clock
time by timezone.other_market_clock (_rules_zone_languages.py), which converts the
time when the place is not the market's.

Place names in each language are written here (CLDR's exemplar cities cover the zones'
own cities but not "España" or "deutscher"); each stands for the IANA zone of its
capital or main city.
"""

from __future__ import annotations

import re

# (regex of the place's names in the languages of the markets, IANA zone)
_PLACES = (
    (r"new york(?:er|se)?|nueva york|nova (?:york|iorque)|ニューヨーク|東部", "America/New_York"),
    (r"los [aá]ngeles|l\.a\.|kalifornien|californie|california|ロサンゼルス|西海岸",
     "America/Los_Angeles"),
    (r"chicago", "America/Chicago"),
    (r"toronto|montr[ée]al|qu[ée]bec|qu[ée]b[ée]coise|ottawa", "America/Toronto"),
    (r"vancouver", "America/Vancouver"),
    (r"londres|london(?:er)?|londra|londen(?:se)?|ロンドン|イギリス|英国|reino unido|"
     r"royaume-uni|britannique|brit[aâ]nica|britische[rn]?|britse", "Europe/London"),
    (r"paris|par[ií]s|parigi|parijs|パリ|fran[cç]aise?|francesa|franz[öo]sische[rn]?|"
     r"france|francia|frankrijk|frankreich", "Europe/Paris"),
    (r"madrid|espa[ñn]a|espagne|spagna|spanje|spanische[rn]?|peninsular|espa[ñn]ola|"
     r"española", "Europe/Madrid"),
    (r"canarias|canaria", "Atlantic/Canary"),
    (r"lisboa|lisbonne|lisbona|lissabon|portugal|portuguesa|portugaise", "Europe/Lisbon"),
    (r"berl[ií]n(?:er)?|berlino|deutsche[rn]?|allemagne|alemania|alemanha|germania|"
     r"duitse|duitsland|ドイツ", "Europe/Berlin"),
    (r"z[üu]rich(?:er)?|suisse|suiza|su[ií][cç]a|svizzera|schweizer|zwitserse", "Europe/Zurich"),
    (r"wien|wiener|vienne|viena|vienna|[öo]sterreichische[rn]?", "Europe/Vienna"),
    (r"roma|rome|rom|italiana|italienne|italienische[rn]?|italiaanse", "Europe/Rome"),
    (r"amsterdam|nederlandse|n[ée]erlandaise|holandesa|niederl[äa]ndische[rn]?",
     "Europe/Amsterdam"),
    (r"ciudad de m[ée]xico|cdmx|m[ée]xico|mexico|mexicana|mexicaine", "America/Mexico_City"),
    (r"bras[ií]lia|s[ãa]o paulo|brasil|br[ée]sil|brasileira|brasile", "America/Sao_Paulo"),
    (r"t[oó]kio|t[óo]quio|tokyo|東京|日本|japon|jap[aã]o|giappone", "Asia/Tokyo"),
    (r"sydney|sidney|シドニー", "Australia/Sydney"),
)  # fmt: skip
# The frames around a place that make it a time zone, by language: "heure de X",
# "hora de X", "horário de X", "ora di X", "X Zeit", "X tijd", "X時間", "hora X".
_NAME = "|".join(f"(?P<p{i}>{words})" for i, (words, _) in enumerate(_PLACES))
PLACE_AFTER = re.compile(
    r"[\s,(（]{0,3}(?:"
    r"(?:heure|hora|hor[aá]rio|ora|tiempo)\s(?:de\s|d['’]|del\s|da\s|do\s|di\s|de\sla\s)?"
    r"(?:l['’]|la\s|le\s)?(?:" + _NAME.replace("(?P<p", "(?P<a") + r")"
    r"|(?:" + _NAME.replace("(?P<p", "(?P<b") + r")\s?(?:zeit|tijd|時間)"
    r")(?![a-zà-ÿ])",
    re.IGNORECASE,
)
# The words of those frames (as Document.word_set has them): the rule's triggers.
FRAME_WORDS = frozenset({"heure", "hora", "hor", "horario", "ora", "tiempo", "zeit", "tijd"})
FRAME_CHARACTERS = re.compile("時間")


def place_zone(match: re.Match[str]) -> str:
    """The IANA zone of the place a PLACE_AFTER match names."""
    for index, (_, zone) in enumerate(_PLACES):
        if match.group(f"a{index}") is not None or match.group(f"b{index}") is not None:
            return zone
    raise ValueError("no place in the match")
