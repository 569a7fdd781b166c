"""Matching a held-out corpus's labels to the checker's findings, shared by
test_heldout.py and test_heldout17.py (the two corpora label alike)."""

from __future__ import annotations

from typing import Any

from onshore.marketfit import Finding, Post, check, parse_at


def label_ranges(text: str, span: str) -> list[tuple[int, int]]:
    """Every occurrence of the labelled span (the label does not say which one)."""
    found = []
    start = text.find(span)
    while start >= 0:
        found.append((start, start + len(span)))
        start = text.find(span, start + 1)
    return found


def matches(finding: Finding, label: dict[str, Any], text: str) -> bool:
    if finding.category != label["category"]:
        return False
    if label["span"] == "":
        return True
    return any(
        finding.start < end and start < finding.end
        for start, end in label_ranges(text, label["span"])
    )


def findings_for(record: dict[str, Any]) -> list[Finding]:
    at = parse_at(record["at"]) if record.get("at") else None
    post = Post(
        record["text"],
        record["market"],
        locale=record.get("locale"),
        network=record.get("network"),
        at=at,
    )
    return check(post)
