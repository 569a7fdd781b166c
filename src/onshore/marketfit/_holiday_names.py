"""Holidays named in the markets' languages (issue 17, points 5 and 7).

Hand-curated: the ``holidays`` package names each country's holidays in that country's
own language and English only, so the Spanish, Japanese or Italian name of the American
Thanksgiving is not in it. Each entry says whose holiday it is and how the generated
table (data/holidays/, from the package) names it, so its dates come from the table
and are never typed here. Names are as the countries' own public holiday laws and the
package's translations give them (holidays 0.8x: ``language="de"``, ``"ja"``, ...), plus
the everyday forms posts use ("Ferragosto", "Koningsdag", "14 juillet").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from onshore.marketfit import _observances as obs


@dataclass(frozen=True)
class Holiday:
    name: str  # in English, for messages
    country: str  # whose public holiday it is
    package: str  # its name in the country's table (data/holidays/), "(observed)" aside
    pattern: re.Pattern[str]
    # A bare date or a name other countries share ("4 de julio", "Día de la
    # Independencia") is this holiday only with one of these somewhere in the post,
    # or with ``just_before`` right before it.
    cue: re.Pattern[str] | None = None
    just_before: re.Pattern[str] | None = None
    also_kept: frozenset[str] = frozenset()  # markets keeping it on their own date
    # Whether a market with a public holiday (in any region) on the same day keeps it,
    # for a holiday others keep under their own name: Ferragosto is Assumption Day in
    # Austria. Not in general: Brazil's 12 October is Our Lady of Aparecida, not the
    # Hispanidad, and Japan's Labour Thanksgiving Day is not the American Thanksgiving.
    by_date: bool = False
    # Only the relative rule reads it: the market's own holiday under a name several
    # countries use ("Nationalfeiertag"); ``country`` is then the one market it is for.
    own_only: bool = False
    # Lower-case pieces one of which every match holds: the pattern is searched only
    # in a post that holds one (a few substring tests, not ~40 regex scans a post).
    keys: tuple[str, ...] = ()
    # The post's date settles whose it is: scheduled in the ten days before the
    # holiday (or the day after), "Día de la Independencia" is that country's.
    dated: bool = False
    # An observance the package does not carry (Mother's Day): its date in each market
    # keeping it under this name. Read only in those markets, by the relative rule.
    computed: Mapping[str, Callable[[int], date]] = field(
        default_factory=dict, hash=False, compare=False
    )


def _p(*alternatives: str, ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE if ignore_case else 0)


# Somewhere in the post: the post is about the United States, Mexico, Brazil.
US_CUE = _p(
    r"🇺🇸",
    r"\b(?:USA|EE\.?\s?UU\.?|Estados Unidos|[ÉE]tats[- ]Unis|Stati Uniti|Vereinigten?"
    r" Staaten|Verenigde Staten|Amerika|America|am[ée]ricaine?s?|amerikanische[nmrs]?"
    r"|estadounidenses?|norte-?americanos?|americanos?|americane?|amerikaanse?|Yankee)\b",
    r"アメリカ",
    r"米国",
    r"\bJuly 4(?:th)?\b",
    r"\b(?:4th|Fourth) of July\b",
)
MX_CUE = _p(
    r"🇲🇽",
    r"\bM[ée]xico\b",
    r"\bmexican[oa]s?\b",
    r"\bmexikanische[nmrs]?\b",
    r"\bmexicaine?s?\b",
    r"\bGrito\b",
    r"\b16 de septiembre\b",
)
BR_CUE = _p(r"🇧🇷", r"\bBrasil\b", r"\bBrazil\b", r"\bbrasileir[oa]s?\b", r"\bferiado\b")
# Just before a bare date, words that make it the holiday: wishes, a sale or party
# "of" the day ("ofertas del 4 de julio", "Festa del 4 luglio"). "Saldi dal 4 luglio"
# (sales from 4 July) and "el 4 de julio abrimos" are dates.
DAY_OF = re.compile(
    r"(?:\bfeliz|\bjoyeux|\bbuon|\bfijne|\bfrohe[nsr]?|\bhappy|\bofertas|\brebajas"
    r"|\bdescuentos|\bpromo(?:ciones|ções|s)?|\bsoldes|\bofferte|\bsaldi|\bdeals?|\bsale"
    r"|\bfesta|\bfiesta|\bferiado|\bf[êe]te|\bparty|\bfeier|\bespecial|\bspeciale"
    r"|\bsp[ée]cial|🇺🇸|🎆|🎇)\s+(?:(?:del|de|do|da|du|della|dello|per il|para el|pour le|zum"
    r"|for|le|el|o|il|het)\s+)?$",
    re.IGNORECASE,
)
# Anywhere in the post: independence or the United States.
INDEPENDENCE_CUE = re.compile(
    US_CUE.pattern + r"|\bindepend|\bind[ée]pendan|\bunabh[äa]ngig|\bonafhankelijk"
    r"|\bindipenden|独立",
    re.IGNORECASE,
)
_JP = r"(?<![\u30a0-\u30ff\u4e00-\u9fff])"  # not the tail of a longer katakana/kanji word
INDEPENDENCE_KEYS = ("independ", "unabh", "ndépendance", "ndependance", "indipendenza",
                     "onafhankelijk", "独立記念日")  # fmt: skip
_INDEPENDENCE = (
    r"\bIndependence Day\b",
    r"\bUnabh[äa]ngigkeitstag\b",
    r"\bf[êe]te de l['’]ind[ée]pendance\b",
    r"\bjour de l['’]ind[ée]pendance\b",
    r"\bD[ií]a de (?:la )?Independencia\b",
    r"\bDia da Independ[êe]ncia\b",
    r"\bFesta dell['’]Indipendenza\b",
    r"\bGiorno dell['’]Indipendenza\b",
    r"\bOnafhankelijkheidsdag\b",
    r"独立記念日",
)


def _h(name: str, country: str, package: str, pattern: re.Pattern[str], **more: object) -> Holiday:
    return Holiday(name, country, package, pattern, **more)  # type: ignore[arg-type]


HOLIDAYS: tuple[Holiday, ...] = (
    # The American Thanksgiving; lower-case "acción de gracias" is a church service
    # ("misa de acción de gracias"), and 感謝祭 inside a longer word is a shop's
    # customer appreciation sale (お客様感謝祭, 大感謝祭, ファン感謝祭).
    _h("Thanksgiving", "US", "Thanksgiving Day", _p(
        r"\b[Dd][ií]a de [Aa]cci[oó]n de [Gg]racias\b", r"(?<![a-z] )\bAcci[oó]n de Gracias\b",
        r"\b[Dd]ia de [Aa][çc][ãa]o de [Gg]ra[çc]as\b", r"(?<![a-z] )\bA[çc][ãa]o de Gra[çc]as\b",
        r"\b[Jj]our de l['’][Aa]ction de gr[âa]ces?\b", r"\b(?:Giorno|Festa) del Ringraziamento\b",
        r"\bDankzeggingsdag\b", r"サンクスギビング", _JP + r"感謝祭", ignore_case=False),
        also_kept=frozenset({"CA"}), keys=("gracias", "graças", "gracas", "grâce", "grace",
                                           "ringraziamento", "dankzegging", "サンクス", "感謝祭")),
    _h("Mexico's Independence Day", "MX", "Independence Day", _p(
        r"\bIndependencia de M[ée]xico\b", r"\bGrito de (?:la )?Independencia\b",
        r"\bGrito de Dolores\b", r"\bMexican Independence Day\b"),
       keys=("independencia", "grito", "mexican")),
    _h("Independence Day", "US", "Independence Day", _p(*_INDEPENDENCE), cue=US_CUE,
       keys=INDEPENDENCE_KEYS, dated=True),
    _h("Independence Day", "US", "Independence Day", _p(
        r"\b4\s+(?:de\s+)?(?:julio|juillet|luglio|juli|julho)\b", r"\b4\.\s*Juli\b",
        r"\b(?:quatro|cuatro) de ju(?:lio|lho)\b", r"7月4日"), cue=INDEPENDENCE_CUE,
        just_before=DAY_OF, keys=("jul", "juillet", "luglio", "7月4日")),
    _h("Boxing Day", "GB", "Boxing Day", _p(r"ボクシング・?デー"),
       also_kept=frozenset({"IE", "CA", "AU", "NZ", "ZA"}), keys=("ボクシング",)),
    _h("German Unity Day", "DE", "German Unity Day", _p(
        r"\bTag der [Dd]eutschen Einheit\b", r"\bGerman Unity Day\b", r"\bEinheitsfeiertag\b",
        r"\bjour de l['’]unit[ée] allemande\b", r"\bD[ií]a de la Unidad Alemana\b",
        r"ドイツ統一の日"), keys=("einheit", "unity", "unit", "unidad", "ドイツ統一")),
    # "ein Bundesfeiertag" is any federal holiday; "der Bundesfeiertag" is 1 August.
    _h("Swiss National Day", "CH", "National Day", _p(
        r"(?<!\bein )(?<!\beinen )(?<!\bkein )\bBundesfeiertag\b",
        r"\bSchweizer Nationalfeiertag\b", r"\bf[êe]te nationale suisse\b",
        r"\bfesta nazionale svizzera\b", r"\bSwiss National Day\b"),
       keys=("bundesfeiertag", "nationalfeiertag", "nationale", "nazionale", "swiss")),
    _h("Spain's National Day", "ES", "National Day", _p(
        r"\bD[ií]a de la Hispanidad\b", r"\bFiesta Nacional de Espa[ñn]a\b"),
       keys=("hispanidad", "nacional")),
    _h("Independence Day", "MX", "Independence Day", _p(*_INDEPENDENCE), cue=MX_CUE,
       keys=INDEPENDENCE_KEYS, dated=True),
    _h("Brazil's Independence Day", "BR", "Independence Day", _p(
        r"\bDia da Independ[êe]ncia do Brasil\b", r"\bSete de Setembro\b",
        r"\b7 de [Ss]etembro\b"), cue=BR_CUE, keys=("independ", "setembro")),
    _h("Bastille Day", "FR", "National Day", _p(
        r"\bBastille Day\b", r"\bJour de la Bastille\b", r"\bD[ií]a de la Bastilla\b",
        r"\bPresa della Bastiglia\b", r"\bSturm auf die Bastille\b", r"パリ祭"),
       keys=("bastil", "パリ祭")),
    _h("Ferragosto", "IT", "Assumption Of Mary Day", _p(r"\bFerragosto\b"), by_date=True,
       keys=("ferragosto",)),
    _h("King's Day", "NL", "King's Day", _p(r"\bKoningsdag\b"), keys=("koningsdag",)),
    # Markets' own holidays under names several countries use: for relative phrases.
    _h("France's National Day", "FR", "National Day", _p(
        r"\b14 juillet\b", r"\bQuatorze Juillet\b", r"\bf[êe]te nationale\b"), own_only=True,
       keys=("juillet", "nationale")),
    _h("Swiss National Day", "CH", "National Day", _p(
        r"\bNationalfeiertag\b", r"\bf[êe]te nationale\b", r"\b1(?:\.|er)? ao[uû]t\b",
        r"\b1\. August\b"), own_only=True, keys=("national", "août", "aout", "august")),
    _h("Austria's National Day", "AT", "National Day", _p(r"\bNationalfeiertag\b"),
       own_only=True, keys=("nationalfeiertag",)),
    _h("Mexico's Independence Day", "MX", "Independence Day", _p(
        r"\bD[ií]a de (?:la )?Independencia\b", r"\b16 de septiembre\b"), own_only=True,
       keys=("independencia", "septiembre")),
    _h("Brazil's Independence Day", "BR", "Independence Day", _p(
        r"\bDia da Independ[êe]ncia\b", r"\b7 de [Ss]etembro\b"), own_only=True,
       keys=("independ", "setembro")),
    _h("Italy's Republic Day", "IT", "Republic Day", _p(
        r"\bFesta della Repubblica\b", r"\b2 giugno\b"), own_only=True,
       keys=("repubblica", "giugno")),
    _h("Italy's Liberation Day", "IT", "Liberation Day", _p(
        r"\bFesta della Liberazione\b", r"\b25 aprile\b"), own_only=True,
       keys=("liberazione", "aprile")),
    _h("Portugal Day", "PT", "Day of Portugal, Camões, and the Portuguese Communities", _p(
        r"\bDia de Portugal\b", r"\b10 de [Jj]unho\b"), own_only=True,
       keys=("portugal", "junho")),
    _h("Freedom Day", "PT", "Freedom Day", _p(r"\bDia da Liberdade\b", r"\b25 de [Aa]bril\b"),
       own_only=True, keys=("liberdade", "abril")),
    *(_h(english, "JP", english, _p(_JP + japanese), own_only=True, keys=(japanese,))
      for japanese, english in (
        # The Act on National Holidays (国民の祝日に関する法律, 1948) names them.
        ("元日", "New Year's Day"), ("成人の日", "Coming of Age Day"),
        ("建国記念の日", "Foundation Day"), ("天皇誕生日", "Emperor's Birthday"),
        ("春分の日", "Vernal Equinox Day"), ("昭和の日", "Showa Day"),
        ("憲法記念日", "Constitution Day"), ("みどりの日", "Greenery Day"),
        ("こどもの日", "Children's Day"), ("海の日", "Marine Day"), ("山の日", "Mountain Day"),
        ("敬老の日", "Respect for the Aged Day"), ("秋分の日", "Autumnal Equinox Day"),
        ("スポーツの日", "Sports Day"), ("文化の日", "Culture Day"),
        ("勤労感謝の日", "Labor Thanksgiving Day"))),
    # Mother's and Father's Day, by each market's custom (see _observances.py).
    *(_h(name, "", "", _p(pattern), own_only=True, keys=keys, computed=dates)
      for name, pattern, keys, dates in (
        ("Mother's Day", r"\bMuttertag\b", ("muttertag",),
         {"DE": obs.mothers_day_may, "AT": obs.mothers_day_may, "CH": obs.mothers_day_may}),
        ("Mother's Day", r"\bFesta della [Mm]amma\b", ("mamma",), {"IT": obs.mothers_day_may}),
        ("Mother's Day", r"\bMoederdag\b", ("moederdag",), {"NL": obs.mothers_day_may}),
        ("Mother's Day", r"\bDia das M[ãa]es\b|\bDia da M[ãa]e\b", ("dia das m", "dia da m"),
         {"BR": obs.mothers_day_may, "PT": obs.first_sunday_may}),
        ("Mother's Day", r"\bD[ií]a de (?:la|las) [Mm]adres?\b", ("madre",),
         {"ES": obs.first_sunday_may, "MX": obs.fixed(5, 10)}),
        ("Mother's Day", r"\b[Ff][êe]te des [Mm][èe]res\b", ("des mères", "des meres"),
         {"FR": obs.fete_des_meres, "CH": obs.mothers_day_may}),
        ("Mother's Day", _JP + r"母の日", ("母の日",), {"JP": obs.mothers_day_may}),
        ("Father's Day", r"\bVatertag\b", ("vatertag",),
         {"DE": obs.ascension, "AT": obs.second_sunday_june}),
        ("Father's Day", r"\b[Ff][êe]te des [Pp][èe]res\b", ("des pères", "des peres"),
         {"FR": obs.fathers_day_june}),
        ("Father's Day", r"\bVaderdag\b", ("vaderdag",), {"NL": obs.fathers_day_june}),
        ("Father's Day", _JP + r"父の日", ("父の日",), {"JP": obs.fathers_day_june}),
        ("Father's Day", r"\bD[ií]a del [Pp]adre\b", ("padre",),
         {"ES": obs.fixed(3, 19), "MX": obs.fathers_day_june}),
        ("Father's Day", r"\bFesta del [Pp]ap[àa]\b", ("papà", "papa"), {"IT": obs.fixed(3, 19)}),
        ("Father's Day", r"\bDia dos Pais\b|\bDia do Pai\b", ("dia dos pais", "dia do pai"),
         {"BR": obs.fathers_day_august, "PT": obs.fixed(3, 19)}),
    )),
)  # fmt: skip


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The rules' triggers: every name and date above holds one of these runs of ASCII
# letters (as Document.word_set splits "Día de Acción de Gracias": "gracias";
# "Unabhängigkeitstag": "unabh") or, in Japanese, one of these characters.
TRIGGER_WORDS = words(
    "gracias gra action ringraziamento dankzeggingsdag independence unabh pendance"
    " independencia independ indipendenza onafhankelijkheidsdag julio juillet luglio juli"
    " julho einheit unity einheitsfeiertag unit unidad bundesfeiertag nationalfeiertag"
    " nationale nazionale swiss hispanidad nacional xico mexican grito sete setembro"
    " bastille bastilla bastiglia ferragosto koningsdag quatorze ao august septiembre"
    " repubblica giugno liberazione aprile portugal junho liberdade abril"
)
# A class of plain characters, so the engine tests for it with a few substring tests
# (Document.holds_any): every Japanese holiday name holds の, 日 or one of the others.
TRIGGER_CHARACTERS = re.compile("[のは日月感独祭皇憲晦元ボギ統スン]")


# (key, position in HOLIDAYS) for every key: one pass of substring tests per post.
KEYS = tuple((key, position) for position, holiday in enumerate(HOLIDAYS) for key in holiday.keys)


class Mention:
    __slots__ = ("end", "holiday", "start")

    def __init__(self, holiday: Holiday, start: int, end: int) -> None:
        self.holiday = holiday
        self.start = start
        self.end = end


def mentions(masked: str, lower: str, market: str, today: date | None) -> list[Mention]:
    """The holidays ``masked`` (``lower``: lower-cased) names, one per span (the first
    entry that matches it); own-market names only in their market. ``today``: the
    post's scheduled date in the market, if any."""
    found: list[Mention] = []
    wanted = {position for key, position in KEYS if key in lower}
    for position in sorted(wanted):
        holiday = HOLIDAYS[position]
        if holiday.computed:
            if market not in holiday.computed:
                continue
        elif holiday.own_only and holiday.country != market:
            continue
        for match in holiday.pattern.finditer(masked):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            if (
                holiday.cue is not None
                and holiday.country != market
                and not _cued(holiday, masked, match.start())
                and not (holiday.dated and today is not None and _is_near(holiday, market, today))
            ):
                continue
            found.append(Mention(holiday, match.start(), match.end()))
    return found


def _cued(holiday: Holiday, masked: str, start: int) -> bool:
    if holiday.just_before is not None and holiday.just_before.search(
        masked, max(0, start - 25), start
    ):
        return True
    return holiday.cue is not None and holiday.cue.search(masked) is not None


def _is_near(holiday: Holiday, market: str, today: date) -> bool:
    """Whether the holiday falls in the ten days after ``today`` or the day before,
    in a market without a holiday of the same name (Mexico's Independence Day makes
    a Mexican post's "Día de la Independencia" its own, whatever the date)."""
    if has_holiday_named(market, holiday.package):
        return False
    return any(
        -1 <= (day - today).days <= 10
        for year in (today.year, today.year + 1)
        for day in dates_of(holiday.country, holiday.package, year)[:1]
    )


@lru_cache(maxsize=256)
def has_holiday_named(market: str, package: str) -> bool:
    table = obs.holiday_table(market)
    return table is not None and any(
        named.removesuffix(" (observed)") == package
        for days in table["days"].values()
        for named in days.values()
    )


def days_of(holiday: Holiday, market: str, year: int) -> tuple[date, ...]:
    """The days the holiday falls on in ``year`` for a post to ``market``."""
    compute = holiday.computed.get(market)
    if compute is not None:
        return (compute(year),)
    return dates_of(holiday.country, holiday.package, year)


@lru_cache(maxsize=4096)
def dates_of(country: str, package: str, year: int) -> tuple[date, ...]:
    """The days the holiday falls on in ``year``: its date and any day it is observed
    on instead, from the country's table."""
    wanted = (package, f"{package} (observed)")
    return tuple(
        sorted(
            day
            for day, named in obs.public_holidays(country, year).items()
            if any(part in wanted for part in named.split("; "))
        )
    )


@lru_cache(maxsize=4096)
def kept_in(holiday: Holiday, market: str, year: int) -> bool:
    """Whether the market keeps the holiday: its own, kept there on its own date, or
    (``by_date``) a public holiday in some region of the market falls on its date."""
    if market == holiday.country or market in holiday.also_kept:
        return True
    if not holiday.by_date:
        return False
    return any(
        obs.regional_holiday_name(market, day)
        for day in dates_of(holiday.country, holiday.package, year)[:1]
    )
