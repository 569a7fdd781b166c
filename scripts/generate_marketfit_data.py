"""Generate the compact data files behind ``onshore.marketfit``.

Reads ../shared/data/varcon (VarCon 2020.12.07) and ../shared/data/cldr (CLDR 48
supplemental JSON), plus tzdata (through zoneinfo) and Babel's CLDR locale data, and
writes small JSON files into ``src/onshore/marketfit/data/``. The checker never reads
the raw sources at run time: these files are what ships.

Run from the repository root:

    .venv/bin/python scripts/generate_marketfit_data.py

The output is deterministic (sorted keys), so a re-run without source changes leaves
the tree clean.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import babel
from babel.dates import get_date_format
from babel.numbers import get_currency_symbol

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
OUT = REPO / "src" / "onshore" / "marketfit" / "data"

# VarCon spelling categories we use. A American, B British -ise, Z British -ize
# (Oxford), C Canadian, D Australian. "_" (other) is not a national spelling.
CATEGORIES = "ABZCD"
# Clusters above this SCOWL level are rare words; skipping them keeps the data
# small and avoids flagging words nobody writes in a social post.
MAX_LEVEL = 70

# Variant markers that still count as accepted in a market: "." equal, "v" variant.
# "V" (seldom), "-" (possible) and "x" (improper) do not.
ACCEPTED_MARKERS = {"", ".", "v"}

ENGLISH_MARKETS = ("US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA")

# Outlying zones with a few hundred to a few thousand residents. A post for New
# Zealand does not need a zone for "7pm" because the Chatham Islands exist.
MINOR_ZONES = {"Pacific/Chatham", "Pacific/Galapagos", "Pacific/Easter"}

# Multi-zone countries whose first zone.tab entry is not where most people live.
# zone.tab orders zones by longitude/historical reasons, not population.
PRIMARY_ZONE_OVERRIDES = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City",
    "RU": "Europe/Moscow",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "AR": "America/Argentina/Buenos_Aires",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--cldr-extra",
        type=Path,
        default=DEFAULT_CLDR_EXTRA,
        help="folder with cldr-misc-full/ and cldr-rbnf/ unpacked (locale_formats.json)",
    )
    parser.add_argument(
        "--holidays-only",
        action="store_true",
        help="regenerate only data/holidays/ (needs the holidays package, not ../shared)",
    )
    return parser.parse_args()


# ---------------------------------------------------------------- VarCon spelling


def parse_tags(tag_text: str) -> list[tuple[str, str]]:
    """'A Cv 1' -> [('A', ''), ('C', 'v')]; the optional column number is dropped."""
    tags = []
    for tag in tag_text.split():
        if tag.isdigit():
            continue
        tags.append((tag[0], tag[1:]))
    return tags


def expand_implied(line_tags: list[list[tuple[str, str]]]) -> None:
    """Apply VarCon's implication rules in place: no Z means B implies Z, no C means
    Z implies C, no D means B implies D (README, "Varcon Lines")."""
    present = {cat for tags in line_tags for cat, _ in tags}
    for source, target in (("B", "Z"), ("Z", "C"), ("B", "D")):
        if target in present:
            continue
        for tags in line_tags:
            tags.extend((target, marker) for cat, marker in list(tags) if cat == source)
        present.add(target)


def parse_varcon_line(line: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return [(word, [(category, marker), ...]), ...] for one data line."""
    body = line.split("|", 1)[0].split("#", 1)[0]
    entries = []
    for part in body.split("/"):
        if ":" not in part:
            continue
        tag_text, word = part.split(":", 1)
        entries.append((word.strip(), parse_tags(tag_text)))
    expand_implied([tags for _, tags in entries])
    return entries


def build_spelling(varcon_path: Path) -> dict[str, list[Any]]:
    """Per lower-case word: [accepted categories, preferred categories, {cat: suggestion}].

    A word is kept only if some category does not accept it, because only those can
    ever be flagged. Acceptance is the union over all meanings of the word: when
    VarCon splits a cluster by meaning (check/cheque, tire/tyre), the word is accepted
    wherever any meaning accepts it, and context rules in code handle the rest.
    """
    accepted: dict[str, set[str]] = defaultdict(set)
    preferred: dict[str, set[str]] = defaultdict(set)
    suggestions: dict[str, dict[str, str]] = defaultdict(dict)
    level = 0
    for raw in varcon_path.read_text(encoding="latin-1").splitlines():
        if raw.startswith("# "):
            match = re.search(r"\(level (\d+)\)", raw)
            level = int(match.group(1)) if match else 100
            continue
        if not raw.strip() or raw.startswith("#") or level > MAX_LEVEL:
            continue
        if "(-)" in raw:  # archaic or rarely used form: never worth a suggestion
            continue
        record_line(parse_varcon_line(raw), accepted, preferred, suggestions)
    table: dict[str, list[Any]] = {}
    for word, acc in accepted.items():
        if set(CATEGORIES) <= preferred[word] or not preferred[word]:
            continue
        # A suggestion is only needed where the word is not the preferred spelling.
        wanted = {
            cat: other for cat, other in suggestions[word].items() if cat not in preferred[word]
        }
        table[word] = ["".join(sorted(acc)), "".join(sorted(preferred[word])), wanted]
    return dict(sorted(table.items()))


def record_line(
    entries: list[tuple[str, list[tuple[str, str]]]],
    accepted: dict[str, set[str]],
    preferred: dict[str, set[str]],
    suggestions: dict[str, dict[str, str]],
) -> None:
    preferred_in_line: dict[str, str] = {}
    for word, tags in entries:
        for cat, marker in tags:
            if marker == "" and cat in CATEGORIES:
                preferred_in_line.setdefault(cat, word)
    for word, tags in entries:
        if not word.islower() or " " in word or word.endswith("'s"):
            # Proper nouns and phrases are not VarCon's strength; possessives are
            # looked up through their base word at run time.
            continue
        key = word.lower()
        accepted[key]  # noqa: B018 - make sure the word is known even if accepted nowhere
        for cat, marker in tags:
            if cat not in CATEGORIES:
                continue
            if marker in ACCEPTED_MARKERS:
                accepted[key].add(cat)
            if marker == "":
                preferred[key].add(cat)
        for cat, other in preferred_in_line.items():
            if other.lower() != key:
                suggestions[key].setdefault(cat, other.lower())


# ---------------------------------------------------------------- markets (CLDR, tzdata)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def zones_by_country() -> dict[str, list[str]]:
    tab = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = defaultdict(list)
    for line in tab.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        zones[fields[0]].append(fields[2])
    return zones


def utc_offsets(zone: str, year: int) -> set[int]:
    tz = ZoneInfo(zone)
    offsets = set()
    for month in (1, 7):
        offset = datetime(year, month, 15, 12, tzinfo=tz).utcoffset()
        assert offset is not None
        offsets.add(int(offset.total_seconds() // 60))
    return offsets


def current_currency(region_entries: list[dict[str, dict[str, str]]]) -> str | None:
    for entry in region_entries:
        for code, info in entry.items():
            if "_to" not in info and info.get("_tender") != "false":
                return code
    return None


def likely_language(country: str) -> str:
    if country in ENGLISH_MARKETS:
        return f"en-{country}"
    likely = babel.core.get_global("likely_subtags").get(f"und_{country}")
    if not likely:
        return "en"
    return likely.split("_")[0]


def date_order(language_tag: str) -> str:
    """'DMY', 'MDY' or 'YMD' from the CLDR short date pattern of the market's locale."""
    try:
        pattern = get_date_format("short", locale=language_tag.replace("-", "_")).pattern
    except (babel.UnknownLocaleError, ValueError):
        return "DMY"
    letters = [c for c in pattern if c in "dMy"]
    order = "".join(dict.fromkeys(c.upper() if c != "M" else "M" for c in letters))
    return order if len(order) == 3 else "DMY"


def build_markets(cldr: Path) -> dict[str, dict[str, Any]]:
    zones = zones_by_country()
    primary = load_json(cldr / "primaryZones.json")["supplemental"]["primaryZones"]
    currency = load_json(cldr / "currencyData.json")["supplemental"]["currencyData"]["region"]
    measurement = load_json(cldr / "measurementData.json")["supplemental"]["measurementData"]
    systems = measurement["measurementSystem"]
    territory = load_json(cldr / "territoryInfo.json")["supplemental"]["territoryInfo"]
    markets = {}
    for country in sorted(zones):
        if country not in territory:
            continue
        country_zones = zones[country]
        first = PRIMARY_ZONE_OVERRIDES.get(country) or primary.get(country) or country_zones[0]
        offsets = {o for z in country_zones for o in utc_offsets(z, 2026)}
        language = likely_language(country)
        markets[country] = {
            "name": babel.Locale("en").territories.get(country, country),
            "language": language,
            "zones": sorted(country_zones),
            "primary_zone": first,
            # More than one distinct offset on the same day (not just DST) makes a bare
            # clock time ambiguous for readers across the country.
            "multi_zone": len(
                {min(utc_offsets(z, 2026)) for z in country_zones if z not in MINOR_ZONES}
            )
            > 1,
            "currency": current_currency(currency.get(country, [])),
            "measurement_system": systems.get(country, "metric"),
            "date_order": date_order(language),
            "offsets": sorted(offsets),
        }
    return markets


def build_currencies(markets: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Currency code -> symbols CLDR gives it in English locales (narrow and standard)."""
    symbols: dict[str, set[str]] = defaultdict(set)
    codes = {m["currency"] for m in markets.values() if m["currency"]}
    for code in sorted(codes):
        for locale in ("en", "en_GB", "en_AU", "en_CA", "en_IN", "en_ZA", "en_NZ"):
            symbols[code].add(get_currency_symbol(code, locale=locale))
    return {code: sorted(s) for code, s in sorted(symbols.items())}


# ---------------------------------------------------------------- CLDR unit preferences


def build_units(cldr: Path, markets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per market: CLDR unit ids preferred for any usage of any quantity.

    CLDR lists per (quantity, usage) the units a region prefers, with "001" as the
    default for regions not listed. A market's accepted set is the union over usages.
    """
    prefs = load_json(cldr / "unitPreferenceData.json")["supplemental"]["unitPreferenceData"]
    result: dict[str, Any] = {}
    for country in sorted(markets):
        units: set[str] = set()
        for usages in prefs.values():
            for regions in usages.values():
                chosen = regions.get(country, regions["001"])
                units.update(
                    u for item in chosen for unit in [item["unit"]] for u in unit_parts(unit)
                )
        result[country] = sorted(units)
    return {"preferred": result, "metric_default": sorted(default_units(prefs))}


def default_units(prefs: dict[str, Any]) -> set[str]:
    units: set[str] = set()
    for usages in prefs.values():
        for regions in usages.values():
            units.update(u for item in regions["001"] for u in unit_parts(item["unit"]))
    return units


def unit_parts(unit: str) -> list[str]:
    """'foot-and-inch' -> ['foot', 'inch']; compound units name two preferences."""
    return unit.split("-and-")


# ---------------------------------------------------------------- tzdata abbreviations


def build_abbreviations() -> dict[str, list[int]]:
    """Alphabetic zone abbreviation -> distinct UTC offsets (minutes) in use 2020-2030.

    More than one offset means the abbreviation is ambiguous on its own (IST: India,
    Ireland, Israel; CST: US Central, China).
    """
    from zoneinfo import available_timezones

    offsets: dict[str, set[int]] = defaultdict(set)
    for zone in sorted(available_timezones()):
        if zone.startswith(("Etc/", "SystemV/")) or "/" not in zone:
            continue
        tz = ZoneInfo(zone)
        moment = datetime(2020, 1, 1, tzinfo=tz)
        while moment.year < 2031:
            name = moment.tzname() or ""
            delta = moment.utcoffset()
            if name.isalpha() and delta is not None:
                offsets[name].add(int(delta.total_seconds() // 60))
            moment += timedelta(days=14)
    return {name: sorted(values) for name, values in sorted(offsets.items())}


# ---------------------------------------------------------------- vocabulary

# Our curated terms (scripts/data/vocabulary_curated.tsv) are what ships; the outside
# lists (VarCon's voc.tab, LanguageTool's en-GB/en-US replace files) propose terms, and
# every word they propose must be either covered by a curated term or rejected with a
# reason in scripts/data/vocabulary_rejected.tsv, so a source update is reviewed.
SCRIPT_DATA = REPO / "scripts" / "data"
VOCABULARY_CURATED = SCRIPT_DATA / "vocabulary_curated.tsv"
VOCABULARY_REJECTED = SCRIPT_DATA / "vocabulary_rejected.tsv"
LANGUAGETOOL = SCRIPT_DATA / "languagetool"
# Market groups the curated file may name instead of listing codes.
MARKET_GROUPS = {
    "UKIE": ("GB", "IE"),
    "UKISH": ("GB", "IE", "AU", "NZ"),
    "CW": ("GB", "IE", "AU", "NZ", "IN", "ZA"),
    "NA": ("US", "CA"),
    "ALL": ENGLISH_MARKETS,
}
# Lower-case letters of any script (German, Spanish, Portuguese forms: "móvil", "straße").
_LOWER = r"[^\W\dA-Z_]"  # a letter, not an ASCII capital (forms are written lower-case)
_FORM = _LOWER + r"(?:" + _LOWER + r"|[ '’-])*"
PLAIN_FORMS = re.compile(_FORM + r"(?:,\s*" + _FORM + r")*")
# Markets a term in another language may name (lang= cell): those whose people write it.
LANGUAGE_MARKETS = {
    "de": ("DE", "CH", "AT", "LI"),
    "es": ("ES", "MX"),
    "pt": ("PT", "BR"),
}
CURATED_COLUMNS = ("id", "markets", "suggestion", "words", "pattern", "flag")


def vocabulary_markets(text: str, language: str = "en") -> list[str]:
    """'CW -IN US' -> the codes, in order: groups expand, '-XX' removes one. A term in
    another language names markets of that language (LANGUAGE_MARKETS)."""
    codes: list[str] = []
    for token in text.split():
        if token.startswith("-"):
            codes.remove(token[1:])
        else:
            codes += [c for c in MARKET_GROUPS.get(token, (token,)) if c not in codes]
    allowed = ENGLISH_MARKETS if language == "en" else LANGUAGE_MARKETS[language]
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ValueError(f"unknown markets {unknown}")
    return codes


def vocabulary_suggestion(text: str) -> str | dict[str, str]:
    """'trainers' or 'IE=runners; *=trainers'."""
    if "=" not in text:
        return text.strip()
    pairs = (part.split("=", 1) for part in text.split(";") if part.strip())
    return {market.strip(): word.strip() for market, word in pairs}


def forms_pattern(forms: str) -> tuple[str, list[str]]:
    """A comma-separated list of plain forms -> (regex with the form as group 1, the
    trigger words: per form its longest run of letters, and for a hyphenated form
    also its letters run together, since "take-out" may be written "takeout")."""
    alternatives, words = [], []
    for form in (f.strip() for f in forms.split(",")):
        parts = re.split(r"([ '’-])", form)
        regex = ""
        for part in parts:
            if part == " ":
                regex += r"\s+"
            elif part == "-":
                regex += r"[-\s]?"
            elif part in ("'", "’"):
                regex += "['’]"
            else:
                regex += re.escape(part)
        alternatives.append(regex)
        runs = re.findall("[a-z]+", form)  # ASCII runs: what Document.word_set holds
        words.append(max(runs, key=len))
        if "-" in form:
            words.append("".join(re.findall("[a-z]+", form.split(" ")[0])))
    return r"\b(" + "|".join(alternatives) + r")\b", words


def flagged_part(text: str, patterns: list[str]) -> str:
    """The text the term flags in an example: group 1 (or the match) of its first match."""
    for source in patterns:
        match = re.search(source, text, re.IGNORECASE)
        if match:
            group = next((g for g in range(1, (match.re.groups or 0) + 1) if match.group(g)), 0)
            return match.group(group)
    raise ValueError(f"no match in {text!r}")


def read_curated_vocabulary(path: Path) -> list[dict[str, Any]]:
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            terms.append(curated_term(line.split("\t")))
        except (ValueError, IndexError, KeyError, re.error) as error:
            raise SystemExit(f"{path.name} line {number}: {error}") from error
    ids = [term["id"] for term in terms]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"{path.name}: duplicate ids {duplicates}")
    return terms


def curated_term(cells: list[str]) -> dict[str, Any]:
    """One curated line: id, markets, suggestion, trigger words (blank: from plain
    forms), pattern (plain forms, or a regex whose group 1 is flagged), an example the
    term flags in its first market, then optional cells: "clean=" texts it must leave
    alone (" | " between them), "also=XX: text" more flags, "loose=", "needs=",
    "unless=" (see Term in _rules_vocabulary.py), "lang=" the language of a term not in
    English, "category=spelling" for a spelling rather than a word, "capitalised=yes"
    for a word written with a capital that is no name (German nouns always are)."""
    fields = dict(zip(CURATED_COLUMNS, (cell.strip() for cell in cells), strict=False))
    options = dict(cell.partition("=")[::2] for cell in cells[len(CURATED_COLUMNS) :])
    language = options.get("lang", "en").strip()
    markets = vocabulary_markets(fields["markets"], language)
    suggestion = vocabulary_suggestion(fields["suggestion"])
    pattern = fields["pattern"]
    words = fields["words"].split()
    plurals: list[str] = []
    if PLAIN_FORMS.fullmatch(pattern):
        if language == "en":
            plurals = plural_forms([form.strip() for form in pattern.split(",")])
        pattern, derived = forms_pattern(pattern)
        words = words or derived
    re.compile(pattern)
    term: dict[str, Any] = {"id": fields["id"], "markets": markets, "pattern": pattern}
    term["suggestion"] = suggestion
    term["words"] = sorted(set(words))
    if plurals:  # the local word is suggested in the plural for these
        term["plurals"] = plurals
    clean: list[str] = []
    also: list[tuple[str, str]] = []
    for cell in cells[len(CURATED_COLUMNS) :]:
        key, _, value = cell.partition("=")
        if key == "clean":
            clean += [text.strip() for text in value.split(" | ")]
        elif key == "also":
            market, _, text = value.partition(":")
            also.append((market.strip(), text.strip()))
        elif key in ("loose", "needs", "unless"):
            re.compile(value)
            term[key] = value
        elif key == "lang":
            term["language"] = value.strip()
        elif key == "category" and value.strip() in ("vocabulary", "spelling"):
            term["category"] = value.strip()
        elif key == "capitalised" and value.strip() == "yes":
            term["capitalised"] = True
        else:
            raise ValueError(f"unknown cell {cell!r}")
    sources = [term["pattern"], term.get("loose") or term["pattern"]]
    first = markets[0]
    found = flagged_part(fields["flag"], sources)
    examples = [[first, fields["flag"], found]]
    examples += [[market, text, flagged_part(text, sources)] for market, text in also]
    if isinstance(suggestion, dict):
        missing = [m for m in markets if m not in suggestion and "*" not in suggestion]
        if missing:
            raise ValueError(f"no suggestion for {missing}")
    local = local_suggestion(suggestion, first)
    if not clean:  # the same sentence with the local word must pass
        clean = [fields["flag"].replace(found, match_case_simple(found, local), 1)]
    examples += [[first, text, None] for text in clean]
    term["examples"] = examples
    if found.isupper() and len(found) > 1:  # GP, A&E, HGV: capitals are not a name here
        term["acronym"] = True
    check_trigger_words(term)
    return term


def plural_forms(forms: list[str]) -> list[str]:
    """The forms that are the English plural of another form in the list: "popsicles"
    of "popsicle", "nappies" of "nappy", "lorries" of "lorry"."""
    plurals = set()
    for form in forms:
        for other in forms:
            if form in (other + "s", other + "es") or (
                other.endswith("y") and form == other[:-1] + "ies"
            ):
                plurals.add(form)
    return sorted(plurals)


def local_suggestion(suggestion: str | dict[str, str], market: str) -> str:
    if isinstance(suggestion, str):
        return suggestion
    return suggestion.get(market) or suggestion["*"]


def match_case_simple(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def check_trigger_words(term: dict[str, Any]) -> None:
    """Every flagged example holds one of the trigger words as a whole run of letters
    (what Document.word_set holds), or the rule would never run on it."""
    for _, _, found in term["examples"]:
        if found is None:
            continue
        runs = set(re.findall("[a-z]+", found.lower()))
        if not runs & set(term["words"]):
            raise ValueError(f"{term['id']}: no trigger word in {found!r} ({term['words']})")


def vocabulary_proposals(varcon: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(source, foreign word, local word, markets where it reads as foreign) from
    VarCon's voc.tab (American, British, Canadian columns) and LanguageTool's replace
    files; possessives and commented-out pairs left out."""
    proposals = []
    for line in (varcon / "voc.tab").read_text(encoding="latin-1").splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 3 or "'s" in line:
            continue
        american, british, canadian = (set(cell.split(",")) for cell in cells[:3])
        for word in sorted(american - british):
            proposals.append(("VarCon voc.tab", word, sorted(british)[0], ("GB",)))
        for word in sorted(british - american - canadian):
            proposals.append(("VarCon voc.tab", word, sorted(american)[0], ("US", "CA")))
    for name, markets in (("en-GB-replace.txt", ("GB",)), ("en-US-replace.txt", ("US",))):
        for line in (LANGUAGETOOL / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "=" not in line:
                continue
            foreign, local = (part.strip() for part in line.split("=", 1))
            proposals.append((f"LanguageTool {name}", foreign.lower(), local, markets))
    return proposals


def read_rejected_vocabulary(path: Path) -> dict[str, str]:
    rejected = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, reason = line.split("\t", 1)
            rejected[word.strip()] = reason.strip()
    return rejected


# VarCon categories per market, as the checker's _markets.SPELLING_CATEGORIES has them.
VOCABULARY_SPELLING = {"US": "A", "GB": "BZ", "CA": "C", "AU": "D"}
# Words the spelling rule leaves to the vocabulary terms (_rules_spelling.LEFT_TO_VOCABULARY).
LEFT_TO_VOCABULARY = {"mom", "moms", "mum", "mums", "math", "maths"}


def check_spelling_overlap(terms: list[dict[str, Any]], spelling: dict[str, list[Any]]) -> None:
    """A word the spelling rule already flags in one of the term's markets would get
    two findings: the term must leave that market out. (A phrase that holds such a
    word, "driving licence" in a US post, may get both: the phrase and its spelling.)"""
    clashes = []
    for term in terms:
        if term.get("language", "en") != "en":  # spelling.json is English
            continue
        alone = {found.lower() for _, _, found in term["examples"] if found}
        for word in (set(term["words"]) & alone) - LEFT_TO_VOCABULARY:
            row = spelling.get(word)
            if row is None:
                continue
            for market in term["markets"]:
                accepted = VOCABULARY_SPELLING.get(market, "BZ")
                if not any(category in row[0] for category in accepted):
                    clashes.append(f"{term['id']}: {word!r} in {market}")
    if clashes:
        listing = "\n  ".join(clashes)
        raise SystemExit(f"vocabulary: spelling.json flags these already:\n  {listing}")


def build_vocabulary(varcon: Path) -> dict[str, Any]:
    """The vocabulary terms: curated terms, each with the outside lists that propose
    it; fails when an outside list proposes a word no term covers and none rejects."""
    terms = read_curated_vocabulary(VOCABULARY_CURATED)
    rejected = read_rejected_vocabulary(VOCABULARY_REJECTED)
    unreviewed, uncovered = [], set()
    proposals = vocabulary_proposals(varcon)
    for source, foreign, local, markets in proposals:
        runs = set(re.findall("[a-z]+", foreign))
        covering = [
            term
            for term in terms
            if set(term["words"]) & runs and set(term["markets"]) & set(markets)
        ]
        for term in covering:
            term.setdefault("sources", [])
            if source not in term["sources"]:
                term["sources"].append(source)
        if not covering:
            uncovered.add(foreign)
            if foreign not in rejected:
                unreviewed.append(f"{foreign} -> {local} ({source})")
    # A rejection must still be needed: some proposal of its word is covered by no term.
    stale = sorted(set(rejected) - uncovered)
    if stale:
        raise SystemExit(
            f"vocabulary: {VOCABULARY_REJECTED.name} lists words no longer needed there: {stale}"
        )
    if unreviewed:
        raise SystemExit(
            "vocabulary: proposed by a source but neither curated nor rejected in "
            f"{VOCABULARY_REJECTED.name}:\n  " + "\n  ".join(sorted(set(unreviewed)))
        )
    check_spelling_overlap(terms, build_spelling(varcon / "varcon.txt"))
    for term in terms:
        term["sources"] = sorted(term.get("sources", [])) + ["onshore curated"]
    return {"terms": sorted(terms, key=lambda term: term["id"])}


# ---------------------------------------------------------------- public holidays

# Years the table covers: posts are scheduled in the near future and the calendar looks
# a few years back. Outside them the checker asks the holidays package at run time.
HOLIDAY_YEARS = (2020, 2035)


def build_public_holidays(market_codes: list[str]) -> dict[str, dict[str, Any]]:
    """Per market: its national public holidays for HOLIDAY_YEARS, from the holidays
    package, as {"source", "years", "days": {year: {"MM-DD": name}}}. Markets the
    package has no calendar for get no file (the checker then finds no holidays)."""
    import warnings

    import holidays

    supported = holidays.list_supported_countries()
    first, last = HOLIDAY_YEARS
    tables = {}
    for code in sorted(market_codes):
        if code not in supported:
            continue
        days: dict[str, dict[str, str]] = {}
        for year in range(first, last + 1):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                calendar = holidays.country_holidays(code, years=year)
            days[str(year)] = {
                f"{day:%m-%d}": str(name) for day, name in sorted(calendar.items()) if name
            }
        tables[code] = {
            "source": f"holidays {holidays.__version__}",
            "years": [first, last],
            "days": days,
        }
    return tables


def write_public_holidays(out: Path, market_codes: list[str]) -> None:
    folder = out / "holidays"
    folder.mkdir(exist_ok=True)
    tables = build_public_holidays(market_codes)
    for stale in folder.glob("*.json"):
        if stale.stem not in tables:
            stale.unlink()
    for code, table in tables.items():
        text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (folder / f"{code}.json").write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(tables)} files to {folder}")


# ---------------------------------------------------------------- locale formats (CLDR)

# CLDR data Babel does not carry: quotation marks (cldr-misc-full, delimiters.json per
# locale) and the ordinal forms of numbers (cldr-rbnf, the "digits-ordinal" rule set).
# Fetched with npm, unpacked into this folder (see data/README.md):
#     npm pack cldr-misc-full@48.2.0 cldr-rbnf@48.2.0
# and each tarball's package/ folder renamed to cldr-misc-full/ and cldr-rbnf/.
DEFAULT_CLDR_EXTRA = REPO / "var" / "cldr-extra"
# The ordinals a post writes with digits are days, ranks and anniversaries: forms are
# kept per number up to this; beyond it a locale's "other" form is used.
ORDINAL_TABLE_UP_TO = 100


def parent_chain(locale_id: str) -> list[str]:
    """``de_CH`` → [de_CH, de], through CLDR's parent locales (es_MX → es_419 → es)."""
    from babel.core import get_global

    parents = get_global("parent_exceptions")
    chain = [locale_id]
    while True:
        current = chain[-1]
        parent = parents.get(current)
        if parent is None:
            parent = current.rsplit("_", 1)[0] if "_" in current else "root"
        if parent in ("root", current):
            return chain
        chain.append(parent)


def currency_placement(locale: babel.Locale) -> list[Any]:
    """[symbol before the number, the characters between them] from the locale's
    standard currency pattern ("#,##0.00 ¤" → [False, nbsp])."""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    sign = pattern.index("\u00a4")
    digits = [i for i, c in enumerate(pattern) if c in "#0"]
    if sign < digits[0]:
        between = pattern[sign + 1 : digits[0]]
        return [True, between.replace("\u00a4", "")]
    between = pattern[digits[-1] + 1 : sign]
    return [False, between]


def local_money(locale: babel.Locale) -> list[str] | None:
    """[code, symbol] of the currency of the locale's region, as the locale writes it
    ("pt_BR" → BRL, "R$"); None for a locale without a region or currency."""
    from babel.numbers import get_territory_currencies

    if not locale.territory:
        return None
    codes = get_territory_currencies(locale.territory, tender=True)
    if not codes:
        return None
    return [codes[0], get_currency_symbol(codes[0], locale=locale)]


def load_delimiters(misc: Path) -> dict[str, list[str]]:
    """Locale id (Babel's, "de_CH") -> [quotationStart, quotationEnd, alternateStart,
    alternateEnd] for every locale cldr-misc-full has."""
    found = {}
    for folder in sorted((misc / "main").iterdir()):
        path = folder / "delimiters.json"
        if not path.exists():
            continue
        data = load_json(path)["main"][folder.name]["delimiters"]
        found[folder.name.replace("-", "_")] = [
            data["quotationStart"],
            data["quotationEnd"],
            data["alternateQuotationStart"],
            data["alternateQuotationEnd"],
        ]
    return found


def load_ordinal_rules(rbnf: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Locale id -> its RBNF OrdinalRules rule sets (name -> [[base, rule], ...])."""
    found = {}
    for path in sorted((rbnf / "rbnf").glob("*.json")):
        rules = load_json(path)["rbnf"]["rbnf"].get("OrdinalRules")
        if rules:
            key = "root" if path.stem == "und" else path.stem.replace("-", "_")
            found[key] = {k: v for k, v in rules.items() if not k.startswith("_")}
    return found


def ordinal_form(rule_sets: dict[str, list[list[str]]], name: str, locale: babel.Locale) -> Any:
    """[prefix, suffix for "other", {n: suffix} where n's suffix differs] for the rule
    set ``name`` ("%digits-ordinal"), following "=%other-set=" references; None when the
    rule is not of the one shape every CLDR digits-ordinal rule has: a prefix, the
    number, then a literal, a "$(ordinal,one{..}other{..})$" or a "=%%set=" suffix."""
    rule = dict(rule_sets.get(name, [])).get("0")
    if rule is None:
        return None
    rule = rule.rstrip(";")
    redirect = re.fullmatch(r"=(%[\w-]+)=", rule)
    if redirect:
        return ordinal_form(rule_sets, redirect.group(1), locale)
    if "=#,##0=" not in rule:
        return None
    prefix, suffix = rule.split("=#,##0=", 1)
    nested = re.fullmatch(r"(.*)=(%%[\w-]+)=", suffix)
    if nested:
        inner = dict(rule_sets.get(nested.group(2), [])).get("0", "").rstrip(";")
        suffix = nested.group(1) + inner
    plural = re.fullmatch(r"\$\(ordinal,(.*)\)\$", suffix)
    if not plural:
        return [prefix, suffix, {}]
    forms = dict(re.findall(r"(\w+)\{([^}]*)\}", plural.group(1)))
    other = forms.get("other", "")
    exceptions = {}
    for number in range(ORDINAL_TABLE_UP_TO + 1):
        category = locale.ordinal_form(number)
        if forms.get(category, other) != other:
            exceptions[str(number)] = forms[category]
    return [prefix, other, exceptions]


def ordinals_for(locale_id: str, rules: dict[str, Any]) -> list[Any]:
    """[default form, feminine form or None] of the nearest locale in the parent chain
    with ordinal rules (every locale falls back to root: "1.")."""
    locale = babel.Locale.parse(locale_id)
    for candidate in [*parent_chain(locale_id), "root"]:
        if candidate in rules:
            sets = rules[candidate]
            return [
                ordinal_form(sets, "%digits-ordinal", locale),
                ordinal_form(sets, "%digits-ordinal-feminine", locale),
            ]
    return [None, None]


def delimiters_for(locale_id: str, delimiters: dict[str, list[str]]) -> list[str] | None:
    for candidate in parent_chain(locale_id):
        if candidate in delimiters:
            return delimiters[candidate]
    return delimiters.get("root")


def build_locale_formats(extra: Path) -> dict[str, Any]:
    """Per CLDR locale Babel knows: decimal and grouping signs, currency placement and
    spacing, numeric date patterns (with a year: skeleton yMd; without: Md), the short
    time pattern (12- or 24-hour), quotation marks and ordinal forms. Identical records
    are stored once ("formats") and locales point at them by index."""
    from babel import localedata

    delimiters = load_delimiters(extra / "cldr-misc-full")
    ordinal_rules = load_ordinal_rules(extra / "cldr-rbnf")
    records: dict[str, int] = {}
    formats: list[Any] = []
    locales: dict[str, int] = {}
    for locale_id in sorted(localedata.locale_identifiers()):
        locale = babel.Locale.parse(locale_id)
        symbols = locale.number_symbols.get("latn", {})
        skeletons = locale.datetime_skeletons
        record = {
            "decimal": symbols.get("decimal", "."),
            "group": symbols.get("group", ","),
            "currency": currency_placement(locale),
            "date": skeletons["yMd"].pattern if "yMd" in skeletons else None,
            "date_md": skeletons["Md"].pattern if "Md" in skeletons else None,
            "time": locale.time_formats["short"].pattern,
            "quotes": delimiters_for(locale_id, delimiters),
            "ordinal": ordinals_for(locale_id, ordinal_rules),
            "money": local_money(locale),
        }
        key = json.dumps(record, sort_keys=True, ensure_ascii=False)
        if key not in records:
            records[key] = len(formats)
            formats.append(record)
        locales[locale_id] = records[key]
    aliases = {}
    for locale_id in locales:  # zh_TW -> zh_Hant_TW: the tag people write, CLDR's id
        parts = locale_id.split("_")
        if len(parts) == 3 and len(parts[1]) == 4:
            short = f"{parts[0]}_{parts[2]}"
            if short not in locales and likely_locale(short) == locale_id:
                aliases[short] = locale_id
    return {
        "source": f"CLDR via Babel {babel.__version__}; cldr-misc-full and cldr-rbnf 48.2.0",
        "formats": formats,
        "locales": locales,
        "aliases": dict(sorted(aliases.items())),
    }


def likely_locale(tag: str) -> str | None:
    """The CLDR locale Babel reads ``tag`` as (its likely script filled in), or None."""
    try:
        return str(babel.Locale.parse(tag))
    except (babel.UnknownLocaleError, ValueError):
        return None


def write_locale_formats(out: Path, extra: Path) -> None:
    """locale_formats.json, when the CLDR extras are unpacked in ``extra``; else the
    committed file stays as it is (say how to fetch them)."""
    if not (extra / "cldr-misc-full").is_dir() or not (extra / "cldr-rbnf").is_dir():
        print(
            f"kept {out / 'locale_formats.json'}: unpack cldr-misc-full and cldr-rbnf "
            f"48.2.0 (npm pack) into {extra} to regenerate it"
        )
        return
    write(out, "locale_formats.json", build_locale_formats(extra))


# ---------------------------------------------------------------- names (curated)

SPELLING_NAMES = REPO / "scripts" / "data" / "spelling_names.txt"


def build_spelling_names(source: Path, spelling: dict[str, list[Any]]) -> dict[str, list[str]]:
    """Word -> the curated names (lower case) that hold it, for the words of those
    names that the VarCon table can flag somewhere: only those need guarding."""
    by_word: dict[str, set[str]] = defaultdict(set)
    for raw in source.read_text(encoding="utf-8").splitlines():
        name = raw.split("#", 1)[0].strip().lower().replace("\u2019", "'")
        if not name:
            continue
        for word in re.findall(r"[a-z]+(?:'[a-z]+)*", name):
            base = word.removesuffix("'s")
            if base in spelling:
                by_word[base].add(name)
    return {word: sorted(names) for word, names in sorted(by_word.items())}


# ---------------------------------------------------------------- local date names

# The languages whose named dates the checker reads (issue 17: the languages of its
# markets; English for days a month does not have, the English rules do the rest).
DATE_NAME_LANGUAGES = ("de", "en", "fr", "es", "pt", "it", "nl", "ja")
# Everyday short weekday names CLDR has no form for: Portuguese drops "-feira"
# ("segunda, 16 de março"); Priberam and the Academia Brasileira de Letras list both.
EXTRA_WEEKDAYS = {"pt": {"segunda": 0, "terça": 1, "quarta": 2, "quinta": 3, "sexta": 4}}


def build_locale_dates() -> dict[str, Any]:
    """Per language: lower-case month names (wide and abbreviated, format and
    stand-alone, without the abbreviation's dot) → month 1-12; weekday names (wide and
    abbreviated) → 0 (Monday) - 6; and the wide and abbreviated weekday names in order,
    as the checker suggests them."""
    languages: dict[str, Any] = {}
    for language in DATE_NAME_LANGUAGES:
        locale = babel.Locale.parse(language)
        months: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(name.lower().rstrip("."), number)
                for number, name in locale.days[context][width].items():
                    weekdays.setdefault(name.lower().rstrip("."), number)
        weekdays.update(EXTRA_WEEKDAYS.get(language, {}))
        languages[language] = {
            "months": dict(sorted(months.items())),
            "weekdays": dict(sorted(weekdays.items())),
            "wide": [locale.days["format"]["wide"][day] for day in range(7)],
            "abbreviated": [locale.days["format"]["abbreviated"][day] for day in range(7)],
            "month_names": [locale.months["format"]["wide"][month] for month in range(1, 13)],
        }
    return {"source": f"CLDR via Babel {babel.__version__}", "languages": languages}


def write(out: Path, name: str, payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (out / name).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out / name} ({len(text):,} bytes)")


# Units written in words in the metric markets' languages (_rules_units_languages.py):
# the imperial units' long names from CLDR (Babel's unit patterns) and the numbers in
# words from CLDR's RBNF spell-out rules (cldr-rbnf, see write_locale_formats).
UNIT_WORD_LANGUAGES = ("de", "fr", "es", "pt", "it", "nl", "ja")
UNIT_WORD_UNITS = {
    "length-mile": "mile",
    "length-foot": "foot",
    "mass-pound": "pound",
    "mass-ounce": "ounce",
    "volume-gallon": "gallon",
    "temperature-fahrenheit": "fahrenheit",
    "speed-mile-per-hour": "mile-per-hour",
}
# Names left out because they mean something else far more often than the unit:
UNIT_WORDS_LEFT_OUT = {
    ("de", "mass-pound"),  # "zwei Pfund Äpfel": the German Pfund is 500 g, a metric word
    ("fr", "mass-pound"),  # "deux livres": two books
    ("fr", "length-foot"),  # "à pied", "deux pieds": the body part
    ("es", "length-foot"),  # "los dos pies": the body part
    ("pt", "length-foot"),  # "com os dois pés": the body part
    ("it", "length-foot"),  # "a piedi", "due piedi": the body part
}
# Inches (screens, wheels, pipes), yards (American football, golf), pints (pub beer)
# and stone are left out: posts in these languages use them for things measured so
# everywhere, or not at all.
SPELLOUT_NUMBERS = (*range(2, 101), *range(200, 1001, 100))


def load_spellout_rules(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Rule set name -> [(base value, divisor, rule body)] of an RBNF SpelloutRules.txt."""
    sets: dict[str, list[tuple[int, int, str]]] = {}
    current: list[tuple[int, int, str]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("%") and line.endswith(":"):
            current = sets.setdefault(line.rstrip(":"), [])  # "%public", "%%private"
            continue
        key, sep, body = line.partition(": ")
        if not sep or current is None or not re.fullmatch(r"\d+(?:/\d+)?", key):
            continue
        base_text, _, radix_text = key.partition("/")
        base, radix = int(base_text), int(radix_text or 10)
        divisor = 1
        while divisor * radix <= base:
            divisor *= radix
        current.append((base, divisor, body.rstrip(";").replace("\u00ad", "")))
    return sets


_RBNF_TOKEN = re.compile(
    r"\[(?P<optional>[^\]]*)\]|(?P<call>[<>=])(?P<rule>%%?[\w-]+)?[<>=]|(?P<self><<|>>)"
    r"|(?P<plural>\$\([^)]*\)\$)|(?P<text>[^\[<>=$]+|\$)"
)


def spell_out(sets: dict[str, list[tuple[int, int, str]]], name: str, number: int) -> str | None:
    """``number`` in words by the RBNF rule set ``name``: the rule with the largest base
    not above it; << is the quotient by the rule's divisor, >> the remainder, [...] is
    left out when the remainder is 0, =%set= spells the whole number by another set."""
    rules = [rule for rule in sets.get(name, []) if rule[0] <= number]
    if not rules:
        return None
    _base, divisor, body = rules[-1]
    quotient, remainder = divmod(number, divisor)

    def expand(text: str) -> str | None:
        out = ""
        for token in _RBNF_TOKEN.finditer(text):
            if token.group("optional") is not None:
                part = expand(token.group("optional")) if remainder else ""
            elif token.group("call"):
                value = {"<": quotient, ">": remainder, "=": number}[token.group("call")]
                part = spell_out(sets, token.group("rule") or name, value)
            elif token.group("self"):
                value = quotient if token.group("self") == "<<" else remainder
                part = spell_out(sets, name, value)
            elif token.group("plural"):
                forms = dict(re.findall(r"(\w+)\{([^}]*)\}", token.group("plural")))
                part = forms.get("one" if quotient == 1 else "other", forms.get("other", ""))
            else:
                part = token.group("text")
            if part is None:
                return None
            out += part
        return out

    return expand(body)


def number_words(rbnf: Path, language: str) -> dict[str, int]:
    """Lower-case number word -> value, 2 to 100 and the hundreds, by every cardinal
    rule set of the language (masculine and feminine forms: "dos", "duas"). One is left
    out: "un", "eine", "een" are the article far more often than the number."""
    path = rbnf / "rbnf" / f"{language}-SpelloutRules.txt"
    if not path.exists():
        return {}
    sets = load_spellout_rules(path)
    names = [name for name in sets if name.startswith("%spellout-cardinal")] or [
        "%spellout-numbering"
    ]
    words: dict[str, int] = {}
    for name in names:
        for number in SPELLOUT_NUMBERS:
            spelled = spell_out(sets, name, number)
            if spelled and not any(char.isdigit() for char in spelled):
                words.setdefault(spelled.lower(), number)
    return dict(sorted(words.items()))


def build_unit_words(extra: Path) -> dict[str, Any]:
    """Per language: the imperial units' names (CLDR long forms, every plural form) and
    the numbers in words (CLDR RBNF)."""
    table: dict[str, Any] = {}
    for language in UNIT_WORD_LANGUAGES:
        patterns = babel.Locale.parse(language)._data["unit_patterns"]
        units: dict[str, list[str]] = {}
        for cldr, unit in UNIT_WORD_UNITS.items():
            if (language, cldr) in UNIT_WORDS_LEFT_OUT:
                continue
            forms = patterns.get(cldr, {}).get("long", {})
            names = {
                " ".join(form.replace("{0}", " ").split())
                for plural, form in forms.items()
                if plural != "per"
            }
            units[unit] = sorted(name for name in names if name)
        table[language] = {"units": units, "numbers": number_words(extra / "cldr-rbnf", language)}
    return table


# Money in words in the markets' languages and the places a currency is spent in
# (_rules_currency_place.py, _money_places.py): CLDR currency names (Babel).
MONEY_WORD_LANGUAGES = ("de", "fr", "es", "pt", "it", "nl", "ja")
# The currencies of the checker's markets: their names' nouns are the money words.
MONEY_WORD_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "MXN", "BRL", "JPY", "CAD", "AUD", "NZD",
                         "INR", "ZAR")  # fmt: skip
# Nouns left out because they are a weight (or a book) more often than money here:
MONEY_WORDS_LEFT_OUT = {
    "de": {"pfund"},  # "zwei Pfund Äpfel": 1 kg
    "nl": {"pond"},  # "een pond gehakt": 500 g
    "es": {"libra", "libras"},  # the pound of weight (_rules_units_languages.py)
    "pt": {"libra", "libras"},
    "fr": {"livre", "livres"},  # books
    "ja": {"ポンド"},  # body weight as often as sterling
}
# Languages whose currency names put the adjective first ("US-Dollar", "Zwitserse
# frank", "カナダ ドル"): the noun is the last word.
NOUN_LAST = ("de", "nl", "ja")


def currency_noun(language: str, name: str) -> str | None:
    """The noun of a CLDR currency name: what a post writes bare ("Dollar", "pesos")."""
    words = name.replace("-", " ").split()
    if not words:
        return None
    noun = words[-1] if language in NOUN_LAST else words[0]
    if language == "ja":
        run = re.search(r"[ァ-ヶー]+$", noun)
        noun = run.group() if run else noun
    return noun.lower()


def build_money_words() -> dict[str, Any]:
    """Per language: money noun -> every currency whose CLDR name has it as its noun,
    for the nouns of the markets' currencies; and the full names, which say which
    currency a post means ("pesos mexicanos")."""
    table: dict[str, Any] = {}
    for language in MONEY_WORD_LANGUAGES:
        data = babel.Locale.parse(language)._data
        names_of: dict[str, set[str]] = defaultdict(set)
        for code, name in data["currency_names"].items():
            names_of[code].add(name)
        for code, forms in data["currency_names_plural"].items():
            names_of[code].update(forms.values())
        nouns: dict[str, set[str]] = defaultdict(set)
        for code, names in names_of.items():
            for name in names:
                noun = currency_noun(language, name)
                if noun:
                    nouns[noun].add(code)
        wanted = {
            currency_noun(language, name)
            for code in MONEY_WORD_CURRENCIES
            for name in names_of.get(code, ())
        }
        left_out = MONEY_WORDS_LEFT_OUT.get(language, set())
        full = sorted(
            {name.lower() for code in MONEY_WORD_CURRENCIES for name in names_of.get(code, ())}
        )
        table[language] = {
            "nouns": {
                noun: sorted(nouns[noun])
                for noun in sorted(n for n in wanted if n and n not in left_out)
            },
            "names": [name for name in full if " " in name or "-" in name],
        }
    return table


# Cities a post names when it prices something there ("in our London shop, £3.40"),
# with their country: the big cities of the markets' countries and of travel, in the
# spellings of the markets' languages. Curated for onshore.
FOREIGN_CITIES = {
    "GB": "London Londres Londra Londen ロンドン Manchester Edinburgh Glasgow Liverpool UK "
    "Britain England Scotland Wales イギリス 英国",
    "US": "USA|America|the States|アメリカ|米国|New York|Nueva York|Nova York|Nova Iorque|"
    "ニューヨーク|Los Angeles|San Francisco|"
    "Chicago|Miami|Las Vegas|Boston|Seattle|Washington|Hawaii|Hawái|Havaí|ハワイ",
    "FR": "Paris París Parigi Parijs パリ Lyon Marseille Nice",
    "DE": "Berlin Berlín Berlino Munich München Múnich Monaco Hamburg Frankfurt ベルリン",
    "ES": "Madrid Barcelona Sevilla Valencia Málaga マドリード",
    "IT": "Rome Rom Roma Rome Milan Mailand Milán Milano Milão Venice Venedig Venecia "
    "Venezia Veneza Florence Florenz Florencia Firenze Florença ローマ ミラノ",
    "NL": "Amsterdam Ámsterdam Amsterdã Rotterdam アムステルダム",
    "IE": "Dublin Dublín Dublino Dublim ダブリン",
    "PT": "Lisbon Lissabon Lisboa Lisbona Lisbonne Porto リスボン",
    "AT": "Vienna Wien Viena Vienne Wenen Salzburg ウィーン",
    "CH": "Zurich Zürich Zúrich Zurigo Geneva Genf Genève Ginebra Ginevra Genebra Basel "
    "Bern Berna Lucerne Luzern チューリッヒ ジュネーブ",
    "JP": "Tokyo Tokio Tóquio 東京 Osaka 大阪 Kyoto 京都",
    "AU": "Sydney Melbourne Brisbane シドニー",
    "NZ": "Auckland Queenstown",
    "CA": "Toronto Vancouver Montreal Montréal",
    "ZA": "Johannesburg|Cape Town|Kaapstad|Ciudad del Cabo|Durban",
    "IN": "Mumbai Delhi Bangalore Bengaluru",
    "MX": "Ciudad de México|Mexico City|Cancún|Cancun|Guadalajara|Monterrey|Tulum",
    "BR": "São Paulo|Sao Paulo|Rio de Janeiro|Rio|Salvador|Brasília",
}


def build_money_places(markets: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Place name -> ISO currency: the names of the countries whose money is one of the
    markets' currencies (CLDR, in English and the markets' languages) and the cities
    above."""
    places: dict[str, str] = {}
    for language in ("en", *MONEY_WORD_LANGUAGES):
        names = babel.Locale.parse(language).territories
        for code, record in markets.items():
            currency = record.get("currency")
            if currency in MONEY_WORD_CURRENCIES and code in names and len(names[code]) > 3:
                places.setdefault(names[code], currency)
    for code, cities in FOREIGN_CITIES.items():
        separator = "|" if "|" in cities else " "
        for city in cities.split(separator):
            places.setdefault(city.strip(), markets[code]["currency"])
    return dict(sorted(places.items()))


def main() -> None:
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.holidays_only:
        with (args.out / "markets.json").open(encoding="utf-8") as handle:
            write_public_holidays(args.out, list(json.load(handle)))
        return
    markets = build_markets(args.shared / "cldr")
    spelling = build_spelling(args.shared / "varcon" / "varcon.txt")
    write(args.out, "spelling.json", spelling)
    write(args.out, "markets.json", markets)
    write(args.out, "currencies.json", build_currencies(markets))
    write(args.out, "units.json", build_units(args.shared / "cldr", markets))
    write(args.out, "abbreviations.json", build_abbreviations())
    write(args.out, "vocabulary.json", build_vocabulary(args.shared / "varcon"))
    write_public_holidays(args.out, list(markets))
    write_locale_formats(args.out, args.cldr_extra)
    write(args.out, "spelling_names.json", build_spelling_names(SPELLING_NAMES, spelling))
    write(args.out, "locale_dates.json", build_locale_dates())
    if (args.cldr_extra / "cldr-rbnf").exists():  # else keep the committed file
        write(args.out, "unit_words.json", build_unit_words(args.cldr_extra))
    write(args.out, "money_words.json", build_money_words())
    write(args.out, "money_places.json", build_money_places(markets))


if __name__ == "__main__":
    main()
