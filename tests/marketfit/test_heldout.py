"""Per-category precision and recall on the held-out corpus.

tests/data/marketfit/heldout.jsonl was written by someone who never saw the checker,
so it measures how the rules generalise rather than how well they fit the corpus they
were tuned on (test_corpus.py). Labels give a span as an exact substring of the text
("" for findings about the whole post, such as timing and length); currency and unit
spans include the amount and weekday spans cover the phrase, so a finding matches a
label of its category when their character ranges overlap, and a label with span ""
matches any finding of its category.

Posts whose label we judge wrong are listed, with the reason, in
tests/data/marketfit/heldout_disputes.md and left out here (the corpus file itself is
never edited). Run it as `python -m tests.marketfit.test_heldout` to print the table and every miss.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from onshore.marketfit import TEXT_CATEGORIES
from tests.marketfit.heldout_labels import findings_for, matches

DATA = Path(__file__).resolve().parents[1] / "data" / "marketfit"
HELDOUT = DATA / "heldout.jsonl"
DISPUTES = DATA / "heldout_disputes.md"
MIN_PRECISION = 0.95
MIN_RECALL = 0.85


def disputed_ids() -> set[str]:
    """The ids listed in heldout_disputes.md: one "- **h123**: reason" line each."""
    text = DISPUTES.read_text(encoding="utf-8") if DISPUTES.exists() else ""
    return set(re.findall(r"^- \*\*(h\d+)\*\*", text, re.M))


def load_heldout() -> list[dict[str, Any]]:
    skip = disputed_ids()
    with HELDOUT.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if r["id"] not in skip]


Scores = tuple[Counter[str], Counter[str], Counter[str], list[str]]


def score() -> Scores:
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    problems: list[str] = []
    for record in load_heldout():
        text = record["text"]
        findings = findings_for(record)
        for finding in findings:
            if any(matches(finding, label, text) for label in record["expect"]):
                true_pos[finding.category] += 1
            else:
                false_pos[finding.category] += 1
                found = text[finding.start : finding.end]
                problems.append(
                    f"FP {record['id']} {record['market']} {finding.rule} {found!r}: {text!r}"
                )
        for label in record["expect"]:
            if not any(matches(finding, label, text) for finding in findings):
                false_neg[label["category"]] += 1
                problems.append(
                    f"FN {record['id']} {record['market']} {label['category']} "
                    f"{label['span']!r}: {text!r} ({record.get('note', '')})"
                )
    return true_pos, false_pos, false_neg, problems


def rates(scores: Scores, category: str) -> tuple[float, float]:
    true_pos, false_pos, false_neg, _ = scores
    tp, fp, fn = true_pos[category], false_pos[category], false_neg[category]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def table(scores: Scores) -> str:
    true_pos, false_pos, false_neg, _ = scores
    lines = [f"{'category':11} {'tp':>4} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6}"]
    for category in TEXT_CATEGORIES:
        precision, recall = rates(scores, category)
        lines.append(
            f"{category:11} {true_pos[category]:4} {false_pos[category]:3} "
            f"{false_neg[category]:3} {precision:9.2f} {recall:6.2f}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scores() -> Scores:
    result = score()
    print("\n" + table(result))
    return result


def test_disputes_name_real_posts() -> None:
    with HELDOUT.open(encoding="utf-8") as handle:
        ids = {json.loads(line)["id"] for line in handle if line.strip()}
    assert disputed_ids() <= ids


@pytest.mark.parametrize("category", TEXT_CATEGORIES)
def test_precision_and_recall(category: str, scores: Scores) -> None:
    precision, recall = rates(scores, category)
    detail = "\n".join(p for p in scores[3] if f" {category}" in p or f" {category}." in p)
    assert precision >= MIN_PRECISION, f"{category} precision {precision:.2f}\n{detail}"
    assert recall >= MIN_RECALL, f"{category} recall {recall:.2f}\n{detail}"


if __name__ == "__main__":
    result = score()
    print(table(result))
    print("\n".join(sorted(result[3], key=lambda p: p.split()[3])))
