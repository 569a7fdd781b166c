"""Precision, recall and false alarms per category and per market on the second issue-17 corpus.

The first issue-17 corpus (heldout17.jsonl) steered the second pass of the rules, so it no
longer measures generalisation. tests/data/marketfit/heldout17b.jsonl (1,542 posts, 17
markets, 734 of them non-English, 53 % clean) is a fresh set: written and labelled by
someone who had not read the rules, their examples, the earlier corpora or the checker's
output, and committed (87b34d0) before the checker was first run on it.
Labels give a span as an exact substring of the text
("" for whole-post findings: timing and length); a finding matches a label of its
category when their character ranges overlap, and a label with span "" matches any
finding of its category (the same matching as test_heldout.py).

A false alarm is a clean post (no labels) on which the checker reports anything.

Posts whose label we judge wrong are listed, with the reason, in
tests/data/marketfit/heldout17b_disputes.md and left out of the scores (the corpus file
is never edited). Run it as a module from the repository root to print the tables and every miss:

    .venv/bin/python -m tests.marketfit.test_heldout17b
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

CORPUS = HeldOutSet("heldout17b", "d")


@pytest.fixture(scope="module")
def scores() -> Scores:
    result = score(CORPUS.load_scored())
    print("\n" + category_table(result) + "\n\n" + market_table(result))
    return result


def test_corpus_shape() -> None:
    check_shape(CORPUS.load_all(), 1500, 700, 30)


def test_disputes_name_real_posts() -> None:
    assert CORPUS.disputed_ids() <= {r["id"] for r in CORPUS.load_all()}


# First measurement (2026-12-06, h-corpus2 on main at 72368ef, before any rule saw this
# set): precision 0.94, recall 0.84, F1 0.89, false alarms 2.3 % of 819 clean posts;
# below issue 17's goals, most of all in vocabulary (recall 0.64) and timing (precision
# 0.70: posts scheduled on a public holiday). The goal tests are expected failures until
# the rules generalise; they must not be tuned on this set's posts (fix kinds, not posts).
GOALS_NOT_MET = pytest.mark.xfail(
    reason="issue 17 goals not yet met on the fresh corpus (see the comment above)", strict=False
)


@GOALS_NOT_MET
def test_overall_goals(scores: Scores) -> None:
    precision, recall, _, alarms = overall(scores)
    detail = "\n".join(scores.problems)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}\n{detail}"
    assert precision >= MIN_PRECISION, f"precision {precision:.2f}\n{detail}"
    assert alarms <= MAX_FALSE_ALARMS, f"false alarms {alarms:.1%}\n{detail}"


@GOALS_NOT_MET
@pytest.mark.parametrize("category", CATEGORIES)
def test_category_f1(category: str, scores: Scores) -> None:
    _, _, f1 = ratios(scores.tp[category], scores.fp[category], scores.fn[category])
    detail = "\n".join(p for p in scores.problems if f" {category} " in p)
    assert f1 >= MIN_F1, f"{category} F1 {f1:.2f}\n{detail}"


if __name__ == "__main__":
    print(report(score(CORPUS.load_scored())))
