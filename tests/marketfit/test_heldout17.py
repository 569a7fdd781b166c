"""Precision, recall and false alarms per category and per market on the issue-17 corpus.

tests/data/marketfit/heldout17.jsonl (1,622 posts, 17 markets, 600 of them non-English)
was written and labelled by someone who had not read the rules, their examples or the
earlier corpora, and it was committed before the checker was first run on it, so it
measures how the rules generalise. Labels give a span as an exact substring of the text
("" for whole-post findings: timing and length); a finding matches a label of its
category when their character ranges overlap, and a label with span "" matches any
finding of its category (the same matching as test_heldout.py).

A false alarm is a clean post (no labels) on which the checker reports anything.

Posts whose label we judge wrong are listed, with the reason, in
tests/data/marketfit/heldout17_disputes.md and left out of the scores (the corpus file
is never edited). Run it as a module from the repository root to print the tables and every miss:

    .venv/bin/python -m tests.marketfit.test_heldout17
"""

from __future__ import annotations

import pytest

from tests.marketfit.heldout_scoring import (
    CATEGORIES,
    MAX_FALSE_ALARMS,
    MIN_F1,
    MIN_PRECISION,
    MIN_RECALL,
    HeldOutSet,
    Scores,
    category_table,
    check_shape,
    market_table,
    overall,
    ratios,
    report,
    score,
)

CORPUS = HeldOutSet("heldout17", "c")


@pytest.fixture(scope="module")
def scores() -> Scores:
    result = score(CORPUS.load_scored())
    print("\n" + category_table(result) + "\n\n" + market_table(result))
    return result


def test_corpus_shape() -> None:
    check_shape(CORPUS.load_all(), 1600, 400, 60)


def test_disputes_name_real_posts() -> None:
    assert CORPUS.disputed_ids() <= {r["id"] for r in CORPUS.load_all()}


# The goals hold (2026-12-06, main at 9e550e0: precision 1.00, recall 0.97, false
# alarms 0.0 %, every category F1 >= 0.95). First measurement, at c5e53f9: precision
# 0.90, recall 0.54, false alarms 4.0 %. Caution: the second pass of the rules was
# steered by the KINDS of misses seen on this set (its writers were told the kinds,
# not the posts), and a few false alarms seen here were fixed directly, so these
# figures overstate how the rules generalise; the next corpus must be new.


def test_overall_goals(scores: Scores) -> None:
    precision, recall, _, alarms = overall(scores)
    detail = "\n".join(scores.problems)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}\n{detail}"
    assert precision >= MIN_PRECISION, f"precision {precision:.2f}\n{detail}"
    assert alarms <= MAX_FALSE_ALARMS, f"false alarms {alarms:.1%}\n{detail}"


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_f1(category: str, scores: Scores) -> None:
    _, _, f1 = ratios(scores.tp[category], scores.fp[category], scores.fn[category])
    detail = "\n".join(p for p in scores.problems if f" {category} " in p)
    assert f1 >= MIN_F1, f"{category} F1 {f1:.2f}\n{detail}"


if __name__ == "__main__":
    print(report(score(CORPUS.load_scored())))
