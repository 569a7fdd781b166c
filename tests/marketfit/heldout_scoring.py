"""Scoring a held-out labelled corpus of issue 17 (heldout17.jsonl, heldout17b.jsonl):
precision, recall and false alarms per category and per market, the corpus's shape, and
the disputed labels left out. Labels give a span as an exact substring of the text ("" for
whole-post findings: timing and length); a finding matches a label of its category when
their character ranges overlap (heldout_labels.py). A false alarm is a clean post (no
labels) on which the checker reports anything."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onshore.marketfit import TEXT_CATEGORIES, Finding, parse_at
from tests.marketfit.heldout_labels import findings_for, matches

DATA = Path(__file__).resolve().parents[1] / "data" / "marketfit"
CATEGORIES = tuple(dict.fromkeys((*TEXT_CATEGORIES, "format")))
NETWORKS = {"instagram", "x", "bluesky", "mastodon", "linkedin", "threads", "facebook"}
NON_ENGLISH = {"DE", "CH", "FR", "ES", "MX", "BR", "JP", "IT", "NL"}

# The goals of issue 17.
MIN_RECALL = 0.92
MIN_PRECISION = 0.97
MAX_FALSE_ALARMS = 0.02
MIN_F1 = 0.90


@dataclass(frozen=True)
class HeldOutSet:
    """One corpus file, its disputes file ("- **c0123**: reason" lines) and its id letter."""

    name: str  # "heldout17": the .jsonl and the _disputes.md beside it
    id_letter: str  # "c", "d"

    def disputed_ids(self) -> set[str]:
        path = DATA / f"{self.name}_disputes.md"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return set(re.findall(rf"^- \*\*({self.id_letter}\d+)\*\*", text, re.M))

    def load_all(self) -> list[dict[str, Any]]:
        with (DATA / f"{self.name}.jsonl").open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def load_scored(self) -> list[dict[str, Any]]:
        skip = self.disputed_ids()
        return [r for r in self.load_all() if r["id"] not in skip]


class Scores:
    """Counts per category and per market, the clean posts flagged, and every miss."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.market_tp: Counter[str] = Counter()
        self.market_fp: Counter[str] = Counter()
        self.market_fn: Counter[str] = Counter()
        self.clean: Counter[str] = Counter()
        self.alarms: Counter[str] = Counter()
        self.problems: list[str] = []

    def add(self, record: dict[str, Any], findings: list[Finding]) -> None:
        text, market = record["text"], record["market"]
        if not record["expect"]:
            self.clean[market] += 1
            self.alarms[market] += bool(findings)
        for finding in findings:
            if any(matches(finding, label, text) for label in record["expect"]):
                self.tp[finding.category] += 1
                self.market_tp[market] += 1
            else:
                self.fp[finding.category] += 1
                self.market_fp[market] += 1
                found = text[finding.start : finding.end]
                self.problems.append(
                    f"FP {record['id']} {market} {finding.category} {finding.rule} "
                    f"{found!r}: {text!r}"
                )
        for label in record["expect"]:
            if not any(matches(finding, label, text) for finding in findings):
                self.fn[label["category"]] += 1
                self.market_fn[market] += 1
                self.problems.append(
                    f"FN {record['id']} {market} {label['category']} {label['span']!r}: {text!r} "
                    f"({record.get('note', '')})"
                )


def score(records: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for record in records:
        try:
            findings = findings_for(record)
        except Exception as error:  # a crash is a miss of every label, and is listed
            scores.problems.append(f"ERR {record['id']} {record['market']} {error!r}")
            findings = []
        scores.add(record, findings)
    return scores


def ratios(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overall(scores: Scores) -> tuple[float, float, float, float]:
    tp, fp, fn = (sum(c.values()) for c in (scores.tp, scores.fp, scores.fn))
    precision, recall, f1 = ratios(tp, fp, fn)
    clean = sum(scores.clean.values())
    alarms = sum(scores.alarms.values()) / clean if clean else 0.0
    return precision, recall, f1, alarms


def category_table(scores: Scores) -> str:
    lines = [
        f"{'category':11} {'tp':>4} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6} {'f1':>5}"
    ]
    for category in CATEGORIES:
        tp, fp, fn = scores.tp[category], scores.fp[category], scores.fn[category]
        precision, recall, f1 = ratios(tp, fp, fn)
        lines.append(f"{category:11} {tp:4} {fp:3} {fn:3} {precision:9.2f} {recall:6.2f} {f1:5.2f}")
    return "\n".join(lines)


def market_table(scores: Scores) -> str:
    lines = [
        f"{'market':6} {'tp':>4} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6} "
        f"{'clean':>5} {'false alarms':>12}"
    ]
    markets = sorted(set(scores.clean) | set(scores.market_tp) | set(scores.market_fn))
    for market in markets:
        tp, fp, fn = scores.market_tp[market], scores.market_fp[market], scores.market_fn[market]
        precision, recall, _ = ratios(tp, fp, fn)
        clean = scores.clean[market]
        rate = scores.alarms[market] / clean if clean else 0.0
        lines.append(
            f"{market:6} {tp:4} {fp:3} {fn:3} {precision:9.2f} {recall:6.2f} {clean:5} {rate:12.1%}"
        )
    precision, recall, f1, alarms = overall(scores)
    lines.append(
        f"all: precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f}, "
        f"false alarms {alarms:.1%} of {sum(scores.clean.values())} clean posts"
    )
    return "\n".join(lines)


def check_shape(
    records: list[dict[str, Any]], min_posts: int, min_non_english: int, min_per_category: int
) -> None:
    """The corpus is what the issue asks for, and every label can be scored."""
    ids = [r["id"] for r in records]
    assert len(records) >= min_posts
    assert len(set(ids)) == len(ids)
    markets = Counter(r["market"] for r in records)
    assert len(markets) >= 15
    required = {"US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE", "FR", "ES", "BR", "JP"}
    assert required <= set(markets)
    assert sum(n for m, n in markets.items() if m in NON_ENGLISH) >= min_non_english
    assert sum(1 for r in records if not r["expect"]) / len(records) >= 0.40
    labels = Counter(label["category"] for r in records for label in r["expect"])
    assert set(labels) <= set(CATEGORIES)
    assert all(labels[category] >= min_per_category for category in CATEGORIES), labels
    for record in records:
        assert record.get("network") in NETWORKS | {None}, record["id"]
        if record.get("at"):
            assert parse_at(record["at"]).utcoffset() is not None, record["id"]
        for label in record["expect"]:
            assert label["span"] in record["text"], record["id"]
            if label["category"] in ("timing", "length"):
                assert label["span"] == "", record["id"]
            if label["category"] == "timing":
                assert record.get("at"), record["id"]
            if label["category"] == "length":
                assert record.get("network"), record["id"]


def report(scores: Scores) -> str:
    """Both tables and every miss, sorted by kind (FN/FP) and market."""
    problems = sorted(scores.problems, key=lambda p: (p.split()[2], p.split()[3]))
    return "\n\n".join([category_table(scores), market_table(scores), "\n".join(problems)])
