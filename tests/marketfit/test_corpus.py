"""Per-category precision and recall on the labelled corpus (tests/data/marketfit).

A finding is a true positive when a label of the same category overlaps its span
(timing findings and labels are about the whole post and sit at 0..0, so they match by
category). Precision matters more than recall: every false alarm teaches users to
ignore the checker.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from onshore.marketfit import TEXT_CATEGORIES, Finding, Post, check, parse_at

CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
MIN_PRECISION = 0.95
MIN_RECALL = 0.85


def load_corpus() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def overlaps(finding: Finding, label: dict[str, Any]) -> bool:
    if finding.category != label["category"]:
        return False
    if label["start"] == label["end"]:
        return finding.start == finding.end or label["category"] == "length"
    return finding.start < label["end"] and label["start"] < finding.end


def findings_for(record: dict[str, Any]) -> list[Finding]:
    at = parse_at(record["at"]) if record.get("at") else None
    post = Post(record["text"], record["market"], network=record.get("network"), at=at)
    return check(post)


def score() -> tuple[Counter[str], Counter[str], Counter[str], list[str]]:
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    problems: list[str] = []
    for record in load_corpus():
        findings = findings_for(record)
        for finding in findings:
            if any(overlaps(finding, label) for label in record["expect"]):
                true_pos[finding.category] += 1
            else:
                false_pos[finding.category] += 1
                problems.append(f"FP {record['id']} {finding.rule}: {record['text'][:70]!r}")
        for label in record["expect"]:
            if not any(overlaps(finding, label) for finding in findings):
                false_neg[label["category"]] += 1
                problems.append(f"FN {record['id']} {label['category']}: {record['text'][:70]!r}")
    return true_pos, false_pos, false_neg, problems


@pytest.fixture(scope="module")
def scores() -> tuple[Counter[str], Counter[str], Counter[str], list[str]]:
    return score()


def test_corpus_is_big_and_about_half_clean() -> None:
    records = load_corpus()
    clean = [r for r in records if not r["expect"]]
    assert len(records) >= 300
    assert 0.35 <= len(clean) / len(records) <= 0.65
    assert {label["category"] for r in records for label in r["expect"]} == set(TEXT_CATEGORIES)


@pytest.mark.parametrize("category", TEXT_CATEGORIES)
def test_precision_and_recall(
    category: str, scores: tuple[Counter[str], Counter[str], Counter[str], list[str]]
) -> None:
    true_pos, false_pos, false_neg, problems = scores
    tp, fp, fn = true_pos[category], false_pos[category], false_neg[category]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    detail = "\n".join(p for p in problems if f" {category}" in p or f"{category}." in p)
    assert precision >= MIN_PRECISION, f"{category} precision {precision:.2f}\n{detail}"
    assert recall >= MIN_RECALL, f"{category} recall {recall:.2f}\n{detail}"


if __name__ == "__main__":
    tp, fp, fn, found = score()
    for name in TEXT_CATEGORIES:
        print(f"{name:11} tp={tp[name]:3} fp={fp[name]:2} fn={fn[name]:2}")
    print("\n".join(found))
