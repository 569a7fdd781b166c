"""The tokenizer masks exactly what a plain single scan over all protected kinds masks.

The fast path leaves out the kinds a post cannot hold and writes its patterns for
speed; REFERENCE below is the straightforward pattern, and these tests hold the two
to the same masked text on the corpus and on generated text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onshore.marketfit._text import SUPPRESSION, tokenize

CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
_TLDS = r"(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|dev|app|ly|gov|edu|info|biz|me|shop)"
REFERENCE = re.compile(
    r"```.*?(?:```|\Z)"  # code block
    r"|`[^`\n]+`"  # inline code
    r"|\bhttps?://[^\s<>\"]+"  # URL with scheme
    r"|\bwww\.[^\s<>\"]+"  # URL without scheme
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?<![\w@])@\w[\w.]*(?:@[\w-]+(?:\.[\w-]+)+)?"  # @mention, maybe remote
    r"|(?<![\w&#])#\w+"  # hashtag
    r"|(?<![\w$])\$[A-Za-z]{1,6}\b"  # cashtag
    r"|\b[\w-]+(?:\.[\w-]+)*\." + _TLDS + r"\b(?:/[^\s<>\"]*)?"  # bare domain
    r"|\"[^\"\n]{1,280}\""  # "quoted text"
    r"|“[^”\n]{1,280}”"  # “curly quotes”
    r"|«[^»\n]{1,280}»",
    re.DOTALL | re.IGNORECASE,
)
PIECES = [
    "a", "Ab", " ", "\n", ".", "-", "+", "_", "@", "#", "$", "&", "`", "```", '"', "“", "”",
    "«", "»", "/", ":", "://", "http", "https://", "www.", "WWW.", ".com", ".co.uk", ".io",
    "example", "x@y.org", "@al", "@al@host.social", "#tag", "$AAPL", "$20", "me.", "info",
    "<!-- onshore-ignore -->", "<!-- onshore-ignore: spelling -->", "é", "ſ", "K", "İ", "9",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


def reference_masked(text: str) -> str:
    """The masking as a plain single scan does it, one character at a time."""
    chars = list(text)
    spans = [m.span() for m in SUPPRESSION.finditer(text)]
    for match in REFERENCE.finditer(text):
        start, end = match.span()
        if match.group(0)[0].isalnum() or match.group(0).startswith(("http", "www")):
            end = start + len(match.group(0).rstrip(".,;:!?)]}'’"))
        spans.append((start, end))
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(text=texts)
def test_masking_matches_the_single_scan(text: str) -> None:
    assert tokenize(text).masked == reference_masked(text)


def test_masking_matches_the_single_scan_on_the_corpus() -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            assert tokenize(text).masked == reference_masked(text), text


@pytest.mark.parametrize(
    "text",
    ["Mail a.@x.com", "Mail a-@x.com or a+b@x.com", "_@x.io", "x@y.org", "@al-x@y.org",
     "Ask @al@host.social", "Thanks @al!", "é@x.com", "٣@x.com"],
)  # fmt: skip
def test_e_mail_addresses_next_to_mentions(text: str) -> None:
    # Which "@" can end an e-mail's local part decides whether a post is scanned for
    # e-mail at all.
    assert tokenize(text).masked == reference_masked(text)
