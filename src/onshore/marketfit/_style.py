"""Style guides: what a client keeps telling its writers, as data the checker enforces.

A ``StyleGuide`` is a frozen value passed to check() in ``Options.style``; the rules
that enforce it live in _rules_style.py. ``StyleBook`` is a workspace's guide plus one
per market (a market's lists add to the workspace's, its numbers and disclosures win).
The file format is the API: one TOML file, read with tomllib and written by
``dump_toml`` below, so an agency can keep one guide and reuse it. Every list and string
is bounded, and a bad file is refused whole with a message naming the key and line.

Django-free, and left out of the compiled build like _types (callers build these).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

Placement = Literal["start", "anywhere"]
PLACEMENTS: tuple[Placement, ...] = ("start", "anywhere")

# Bounds: generous for a real guide (the benchmark loads 500 terms), small enough that
# a pasted novel or a hostile file cannot make every check slow.
MAX_TERMS = 1000  # preferred terms, banned words, brands: each
MAX_HASHTAGS = 200  # required / banned hashtags: each
MAX_TEXT = 100  # characters in one term, brand, hashtag or label
MAX_LABELS = 20
MAX_MARKETS = 60
MAX_FILE_BYTES = 512 * 1024
MAX_COUNT = 100  # max_hashtags / max_emoji

_MARKET_CODE = re.compile(r"[A-Z]{2}")
_HASHTAG = re.compile(r"#\w+")


class StyleGuideError(ValueError):
    """A style guide that cannot be used; ``key`` names the offending entry (dotted,
    as in the TOML file) and ``line`` its line in the file when known."""

    def __init__(self, key: str, problem: str, line: int | None = None) -> None:
        where = f"line {line}: " if line else ""
        super().__init__(f"{where}{key}: {problem}" if key else f"{where}{problem}")
        self.key = key
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class PreferredTerm:
    """Say ``use``, not ``avoid`` (whole words or a phrase, any case)."""

    avoid: str
    use: str


@dataclass(frozen=True)
class Disclosure:
    """What a paid or partner post must carry in a market, and where."""

    labels: tuple[str, ...]
    placement: Placement = "start"
    within: int = 30
    regulator: str = ""
    guidance: str = ""
    url: str = ""


@dataclass(frozen=True)
class StyleGuide:
    preferred: tuple[PreferredTerm, ...] = ()
    banned: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    required_hashtags: tuple[str, ...] = ()
    banned_hashtags: tuple[str, ...] = ()
    max_hashtags: int | None = None
    max_emoji: int | None = None
    # Words and phrases the workspace accepts although a rule would flag them (learned
    # from findings dismissed again and again): no rule flags them, as with a glossary.
    allowed: tuple[str, ...] = ()
    # market code -> the disclosure that market expects (overrides the shipped default)
    disclosures: tuple[tuple[str, Disclosure], ...] = ()

    def is_empty(self) -> bool:
        return self == EMPTY_GUIDE

    def disclosure_for(self, market: str) -> Disclosure | None:
        """This guide's disclosure for ``market``, else the shipped default, else None."""
        for code, disclosure in self.disclosures:
            if code == market:
                return disclosure
        return default_disclosures().get(market)

    def merged_with(self, market_guide: StyleGuide) -> StyleGuide:
        """This (workspace) guide with a market's guide on top: lists add up (a market's
        preferred term replaces the workspace's for the same word), numbers and
        disclosures of the market win."""
        overridden = {term.avoid.lower() for term in market_guide.preferred}
        codes = {code for code, _ in market_guide.disclosures}
        return StyleGuide(
            preferred=tuple(t for t in self.preferred if t.avoid.lower() not in overridden)
            + market_guide.preferred,
            banned=_union(self.banned, market_guide.banned),
            brands=_union(self.brands, market_guide.brands),
            required_hashtags=_union(self.required_hashtags, market_guide.required_hashtags),
            banned_hashtags=_union(self.banned_hashtags, market_guide.banned_hashtags),
            max_hashtags=_first(market_guide.max_hashtags, self.max_hashtags),
            max_emoji=_first(market_guide.max_emoji, self.max_emoji),
            allowed=_union(self.allowed, market_guide.allowed),
            disclosures=tuple(d for d in self.disclosures if d[0] not in codes)
            + market_guide.disclosures,
        )


EMPTY_GUIDE = StyleGuide()


@dataclass(frozen=True)
class StyleBook:
    """A workspace's guide and its markets' guides: what one TOML file holds."""

    guide: StyleGuide = EMPTY_GUIDE
    markets: tuple[tuple[str, StyleGuide], ...] = field(default=())

    def for_market(self, market: str) -> StyleGuide:
        for code, guide in self.markets:
            if code == market:
                return self.guide.merged_with(guide)
        return self.guide


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(first + second))


def _first(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)


# ---------------------------------------------------------------- from plain data


GUIDE_KEYS = (
    "preferred",
    "banned",
    "brands",
    "required_hashtags",
    "banned_hashtags",
    "max_hashtags",
    "max_emoji",
    "allowed",
    "disclosure",
)


def guide_from_mapping(data: Mapping[str, Any], prefix: str = "") -> StyleGuide:
    """A guide from plain data (a parsed TOML table or a JSON body), checked whole.
    Raises StyleGuideError naming the first bad key (``prefix`` + key)."""
    if not isinstance(data, Mapping):
        raise StyleGuideError(prefix.rstrip("."), "must be a table of style rules")
    for key in data:
        if key not in GUIDE_KEYS:
            raise StyleGuideError(
                prefix + str(key), f"unknown key; use one of {', '.join(GUIDE_KEYS)}"
            )
    preferred = _preferred(data.get("preferred", {}), prefix + "preferred")
    return StyleGuide(
        preferred=preferred,
        banned=_texts(data.get("banned", []), prefix + "banned", MAX_TERMS),
        brands=_texts(data.get("brands", []), prefix + "brands", MAX_TERMS),
        required_hashtags=_hashtags(
            data.get("required_hashtags", []), prefix + "required_hashtags"
        ),
        banned_hashtags=_hashtags(data.get("banned_hashtags", []), prefix + "banned_hashtags"),
        max_hashtags=_count(data.get("max_hashtags"), prefix + "max_hashtags"),
        max_emoji=_count(data.get("max_emoji"), prefix + "max_emoji"),
        allowed=_texts(data.get("allowed", []), prefix + "allowed", MAX_TERMS),
        disclosures=_disclosures(data.get("disclosure", {}), prefix + "disclosure"),
    )


def _preferred(value: Any, key: str) -> tuple[PreferredTerm, ...]:
    if not isinstance(value, Mapping):
        raise StyleGuideError(key, 'must be a table of "word to avoid" = "word to use"')
    if len(value) > MAX_TERMS:
        raise StyleGuideError(key, f"has {len(value)} entries; at most {MAX_TERMS}")
    terms = []
    for avoid, use in value.items():
        where = f"{key}.{_key_text(avoid)}"
        avoid_text = _text(avoid, where)
        use_text = _text(use, where)
        if avoid_text.lower() == use_text.lower():
            raise StyleGuideError(where, "the word to use is the word to avoid")
        terms.append(PreferredTerm(avoid_text, use_text))
    return tuple(terms)


def _texts(value: Any, key: str, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise StyleGuideError(key, "must be a list of strings")
    if len(value) > limit:
        raise StyleGuideError(key, f"has {len(value)} entries; at most {limit}")
    return tuple(dict.fromkeys(_text(item, f"{key}[{index}]") for index, item in enumerate(value)))


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise StyleGuideError(key, "must be a string")
    text = " ".join(value.split())
    if not text:
        raise StyleGuideError(key, "is empty")
    if len(text) > MAX_TEXT:
        raise StyleGuideError(key, f"is {len(text)} characters long; at most {MAX_TEXT}")
    if not any(char.isalnum() for char in text):
        raise StyleGuideError(key, "needs at least one letter or digit")
    return text


def _hashtags(value: Any, key: str) -> tuple[str, ...]:
    tags = _texts(value, key, MAX_HASHTAGS)
    for index, tag in enumerate(tags):
        if not _HASHTAG.fullmatch(tag):
            raise StyleGuideError(f"{key}[{index}]", f'"{tag}" is not a hashtag such as "#offer"')
    return tags


def _count(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise StyleGuideError(key, f"must be a whole number from 0 to {MAX_COUNT}")
    return value


def _disclosures(value: Any, key: str) -> tuple[tuple[str, Disclosure], ...]:
    if not isinstance(value, Mapping):
        raise StyleGuideError(key, "must be a table of market codes, e.g. [disclosure.GB]")
    if len(value) > MAX_MARKETS:
        raise StyleGuideError(key, f"has {len(value)} markets; at most {MAX_MARKETS}")
    return tuple(
        (_market_code(code, f"{key}.{code}"), disclosure_from_mapping(entry, f"{key}.{code}"))
        for code, entry in value.items()
    )


def _market_code(code: Any, key: str) -> str:
    if not isinstance(code, str) or not _MARKET_CODE.fullmatch(code):
        raise StyleGuideError(key, "must be a two-letter country code in capitals, e.g. GB")
    return code


DISCLOSURE_KEYS = (
    "labels",
    "placement",
    "within",
    "regulator",
    "guidance",
    "url",
    "checked",
    "why",
)


def disclosure_from_mapping(entry: Any, key: str) -> Disclosure:
    if not isinstance(entry, Mapping):
        raise StyleGuideError(key, "must be a table with labels and placement")
    for name in entry:
        if name not in DISCLOSURE_KEYS:
            raise StyleGuideError(f"{key}.{name}", "unknown key; use labels, placement, within")
    labels = _texts(entry.get("labels", []), f"{key}.labels", MAX_LABELS)
    if not labels:
        raise StyleGuideError(f"{key}.labels", 'needs at least one label, e.g. ["#ad", "Ad"]')
    placement = entry.get("placement", "start")
    if placement not in PLACEMENTS:
        raise StyleGuideError(f"{key}.placement", 'must be "start" or "anywhere"')
    within = entry.get("within", 30)
    if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= 500:
        raise StyleGuideError(f"{key}.within", "must be a whole number from 0 to 500")
    return Disclosure(
        labels=labels,
        placement=placement,
        within=within,
        regulator=str(entry.get("regulator", ""))[:200],
        guidance=str(entry.get("guidance", ""))[:300],
        url=str(entry.get("url", ""))[:300],
    )


def _key_text(key: Any) -> str:
    return json.dumps(key, ensure_ascii=False) if not str(key).isidentifier() else str(key)


def guide_to_mapping(guide: StyleGuide) -> dict[str, Any]:
    """Plain data of ``guide`` (the inverse of guide_from_mapping), empty parts left out."""
    data: dict[str, Any] = {}
    for name in ("max_hashtags", "max_emoji"):
        if getattr(guide, name) is not None:
            data[name] = getattr(guide, name)
    for name in ("banned", "brands", "required_hashtags", "banned_hashtags", "allowed"):
        if getattr(guide, name):
            data[name] = list(getattr(guide, name))
    if guide.preferred:
        data["preferred"] = {term.avoid: term.use for term in guide.preferred}
    if guide.disclosures:
        data["disclosure"] = {code: disclosure_mapping(d) for code, d in guide.disclosures}
    return data


def disclosure_mapping(disclosure: Disclosure) -> dict[str, Any]:
    data: dict[str, Any] = {
        "labels": list(disclosure.labels),
        "placement": disclosure.placement,
        "within": disclosure.within,
    }
    for name in ("regulator", "guidance", "url"):
        if getattr(disclosure, name):
            data[name] = getattr(disclosure, name)
    return data


# ---------------------------------------------------------------- the TOML file


def parse_toml(text: str) -> StyleBook:
    """A StyleBook from the TOML file's text; all or nothing. Top-level keys are the
    workspace's rules, ``[markets.XX]`` tables a market's."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise StyleGuideError("", f"the file is larger than {MAX_FILE_BYTES // 1024} KB")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _error_line(str(error)) or text.count("\n") + 1  # "at end of document"
        raise StyleGuideError("", f"not valid TOML: {error}", line) from None
    try:
        return book_from_mapping(data)
    except StyleGuideError as error:
        raise StyleGuideError(error.key, error.problem, line_of(text, error.key)) from None


def book_from_mapping(data: Mapping[str, Any]) -> StyleBook:
    markets = data.get("markets", {})
    if not isinstance(markets, Mapping):
        raise StyleGuideError("markets", "must be tables such as [markets.GB]")
    if len(markets) > MAX_MARKETS:
        raise StyleGuideError("markets", f"has {len(markets)} markets; at most {MAX_MARKETS}")
    base = {key: value for key, value in data.items() if key != "markets"}
    return StyleBook(
        guide=guide_from_mapping(base),
        markets=tuple(
            (
                _market_code(code, f"markets.{code}"),
                guide_from_mapping(table, f"markets.{code}."),
            )
            for code, table in markets.items()
        ),
    )


def _error_line(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
_ASSIGNMENT = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[\w-]+)\s*=""")


def line_of(text: str, key: str) -> int | None:
    """The line of the TOML file that holds the dotted ``key`` (as StyleGuideError names
    it: "markets.GB.preferred.sale", "banned[3]"), or of its nearest table: good enough
    to point a person at the entry to fix."""
    parts = [_unquote(part) for part in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", key)]
    parts = [re.sub(r"\[\d+\]$", "", part) for part in parts if part]
    best: int | None = None
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not _ASSIGNMENT.match(line):
            table = [_unquote(p.strip()) for p in header.group(1).split(".")]
            if table == parts[: len(table)] and best is None:
                best = number
            continue
        assigned = _ASSIGNMENT.match(line)
        if assigned and table + [_unquote(assigned.group(1))] == parts[: len(table) + 1]:
            return number
    return best


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def dump_toml(book: StyleBook, title: str = "") -> str:
    """The readable TOML file of ``book``; parse_toml(dump_toml(b)) == b."""
    lines = ["# onshore style guide" + (f": {title}" if title else "")]
    lines.append("# Top-level rules apply to every market; a [markets.XX] table adds to them")
    lines.append("# (its numbers and disclosures win). See `onshore check --style FILE`.")
    _dump_guide(lines, guide_to_mapping(book.guide), [])
    for code, guide in book.markets:
        data = guide_to_mapping(guide)
        lines += ["", f"[markets.{code}]"]
        _dump_guide(lines, data, ["markets", code])
    return "\n".join(lines).rstrip("\n") + "\n"


def _dump_guide(lines: list[str], data: dict[str, Any], table: list[str]) -> None:
    for name in ("max_hashtags", "max_emoji", "banned", "brands", "required_hashtags"):
        if name in data:
            lines.append(f"{name} = {_value(data[name])}")
    for name in ("banned_hashtags", "allowed"):
        if name in data:
            lines.append(f"{name} = {_value(data[name])}")
    if "preferred" in data:
        lines += ["", "[" + ".".join([*table, "preferred"]) + "]"]
        lines.append("# word or phrase to avoid = what to say instead")
        lines += [f"{_string(avoid)} = {_string(use)}" for avoid, use in data["preferred"].items()]
    for code, disclosure in data.get("disclosure", {}).items():
        lines += ["", "[" + ".".join([*table, "disclosure", code]) + "]"]
        lines += [f"{name} = {_value(value)}" for name, value in disclosure.items()]


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_string(item) for item in value) + "]"
    if isinstance(value, int):
        return str(value)
    return _string(value)


def _string(value: str) -> str:
    # A JSON string is a TOML basic string: the same escapes (\" \\ \n \uXXXX).
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- shipped defaults

DISCLOSURES_FILE = Path(__file__).resolve().parent / "data" / "disclosures.toml"


@cache
def default_disclosures() -> dict[str, Disclosure]:
    """Per market, the disclosure its regulators' guidance expects (data/disclosures.toml)."""
    data = tomllib.loads(DISCLOSURES_FILE.read_text(encoding="utf-8"))
    return {code: disclosure_from_mapping(entry, code) for code, entry in data.items()}


def default_disclosure_sources() -> dict[str, dict[str, Any]]:
    """The cited guidance behind each default (for pages that explain a finding)."""
    data: dict[str, dict[str, Any]] = tomllib.loads(DISCLOSURES_FILE.read_text(encoding="utf-8"))
    return data


def guide_of(
    *,
    preferred: Mapping[str, str] | None = None,
    banned: Iterable[str] = (),
    brands: Iterable[str] = (),
    required_hashtags: Iterable[str] = (),
    banned_hashtags: Iterable[str] = (),
    max_hashtags: int | None = None,
    max_emoji: int | None = None,
) -> StyleGuide:
    """A checked guide from keyword arguments (tests and scripts)."""
    data: dict[str, Any] = {
        "preferred": dict(preferred or {}),
        "banned": list(banned),
        "brands": list(brands),
        "required_hashtags": list(required_hashtags),
        "banned_hashtags": list(banned_hashtags),
    }
    if max_hashtags is not None:
        data["max_hashtags"] = max_hashtags
    if max_emoji is not None:
        data["max_emoji"] = max_emoji
    return guide_from_mapping(data)


__all__ = [
    "EMPTY_GUIDE",
    "Disclosure",
    "PreferredTerm",
    "StyleBook",
    "StyleGuide",
    "StyleGuideError",
    "book_from_mapping",
    "dump_toml",
    "guide_from_mapping",
    "guide_of",
    "guide_to_mapping",
    "parse_toml",
]
