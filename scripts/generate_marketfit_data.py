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


def write(out: Path, name: str, payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (out / name).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out / name} ({len(text):,} bytes)")


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
    write_public_holidays(args.out, list(markets))
    write(args.out, "spelling_names.json", build_spelling_names(SPELLING_NAMES, spelling))


if __name__ == "__main__":
    main()
