"""Style rules learned from review: what reviewers keep asking writers to change.

A *rework round* is a reviewer's "changes requested" and the writer's next submission.
The text submitted before it and the text submitted after it are compared word by
word; a short phrase replaced by another ("sale" → "offer") is a change the reviewer
asked for. The same replacement in ``threshold`` rounds or more becomes a proposal on
the Style guide page ("sale was replaced by offer after review 5 times: add it?").

The same rounds answer the Costs question: how many of them a current style rule would
have prevented, i.e. the text sent for review already had a style finding on a phrase
the round then changed. Bounded: the last ``MAX_POSTS`` posts that went through review.
Explainable: every proposal carries its count and the posts it came from.

The other half of "learned from review": the same finding (rule and phrase) dismissed
in ``threshold`` posts or more of one market becomes a proposal to allow the phrase in
that market ("colour was dismissed 4 times in United States posts: allow it?").
Accepted, it joins the market's style guide as an allowed term, which no rule flags.
Bounded: the last ``MAX_DISMISSALS`` dismissals.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from onshore import marketfit, places
from onshore.marketfit._style import StyleGuide
from onshore.posts.models import Dismissal, Post, PostEvent, Revision
from onshore.workspaces.models import Workspace

MAX_POSTS = 200  # the most recent posts that went through review
MAX_PHRASE_WORDS = 3  # a replacement longer than this is a rewrite, not a house term
MAX_DISMISSALS = 2000  # the most recent dismissals looked at for allow proposals
MAX_ALLOWED_TEXT = 100  # an allowed term is a style-guide term: the same bound
# Findings on a word or phrase a workspace may decide to accept. Length, timing, dates
# and the like are about the post, not a phrase; "allowing" their text means nothing.
ALLOWABLE_RULES = ("spelling.", "vocabulary.", "holiday.", "style.preferred_term")
ALLOWABLE_RULES_EXACT = frozenset({"style.banned", "style.brand_casing"})
_WORD = re.compile(r"[\w'’&-]+")


@dataclass(frozen=True)
class Round:
    """One rework round of one post: what was submitted, and what came back."""

    post_id: int
    market: str
    before: str
    after: str


@dataclass
class Proposal:
    avoid: str
    use: str
    count: int
    post_ids: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.avoid}→{self.use}"


def proposal_threshold() -> int:
    return int(getattr(settings, "STYLE_PROPOSAL_THRESHOLD", 3))


def rework_rounds(workspace: Workspace, limit: int = MAX_POSTS) -> list[Round]:
    """The rework rounds of the workspace's last ``limit`` reviewed posts, oldest first."""
    post_ids = list(
        PostEvent.objects.filter(post__workspace=workspace, action="request_changes")
        .order_by("-created_at")
        .values_list("post_id", flat=True)
        .distinct()[: limit * 5]
    )
    post_ids = list(dict.fromkeys(post_ids))[:limit]
    markets = dict(Post.objects.filter(id__in=post_ids).values_list("id", "market__country"))
    events = PostEvent.objects.filter(
        post_id__in=post_ids, action__in=("request_changes", "submit")
    ).order_by("created_at", "id")
    revisions = Revision.objects.filter(post_id__in=post_ids).order_by("number")
    texts: dict[int, list[tuple[datetime, str]]] = {}
    for post_id, created_at, text in revisions.values_list("post_id", "created_at", "text"):
        texts.setdefault(post_id, []).append((created_at, text))
    by_post: dict[int, list[tuple[str, datetime]]] = {}
    for post_id, action, created_at in events.values_list("post_id", "action", "created_at"):
        by_post.setdefault(post_id, []).append((action, created_at))
    rounds = []
    for post_id, actions in by_post.items():
        for before_at, after_at in _round_times(actions):
            before = _text_at(texts.get(post_id, []), before_at)
            after = _text_at(texts.get(post_id, []), after_at)
            if before is not None and after is not None and before != after:
                rounds.append(Round(post_id, markets.get(post_id, ""), before, after))
    return rounds


def _round_times(actions: Sequence[tuple[str, datetime]]) -> list[tuple[datetime, datetime]]:
    """(changes requested at, next submission at) for each round of one post."""
    rounds = []
    requested: datetime | None = None
    for action, at in actions:
        if action == "request_changes":
            requested = at
        elif action == "submit" and requested is not None:
            rounds.append((requested, at))
            requested = None
    return rounds


def _text_at(history: Sequence[tuple[datetime, str]], at: datetime) -> str | None:
    """The post's text as it stood at ``at``: its last revision made by then."""
    text = None
    for created_at, revision_text in history:
        if created_at > at:
            break
        text = revision_text
    return text


def replacements(before: str, after: str) -> set[tuple[str, str]]:
    """The short phrases of ``before`` replaced by others in ``after`` (lower-cased)."""
    old = [word.lower() for word in _WORD.findall(before)]
    new = [word.lower() for word in _WORD.findall(after)]
    found = set()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag != "replace":
            continue
        if a_end - a_start > MAX_PHRASE_WORDS or b_end - b_start > MAX_PHRASE_WORDS:
            continue
        found.add((" ".join(old[a_start:a_end]), " ".join(new[b_start:b_end])))
    return found


def proposals(
    rounds: Iterable[Round],
    guide: StyleGuide | None,
    ignored: Iterable[str] = (),
    threshold: int | None = None,
) -> list[Proposal]:
    """Replacements made in at least ``threshold`` rounds that the guide does not hold
    yet and nobody chose to ignore, most frequent first."""
    threshold = proposal_threshold() if threshold is None else threshold
    known = {term.avoid.lower() for term in guide.preferred} if guide else set()
    known |= {word.lower() for word in guide.banned} if guide else set()
    skip = set(ignored)
    counted: dict[tuple[str, str], Proposal] = {}
    for round_ in rounds:
        for avoid, use in replacements(round_.before, round_.after):
            proposal = counted.setdefault((avoid, use), Proposal(avoid, use, 0))
            proposal.count += 1
            proposal.post_ids.append(round_.post_id)
    return sorted(
        (
            p
            for p in counted.values()
            if p.count >= threshold and p.avoid not in known and p.key not in skip
        ),
        key=lambda p: (-p.count, p.avoid),
    )


@dataclass(frozen=True)
class Prevented:
    rounds: int  # rework rounds looked at
    prevented: int  # of those, rounds a current style rule would have flagged first


def rounds_prevented(
    rounds: Sequence[Round], guide_of_market: dict[str, StyleGuide | None]
) -> Prevented:
    """How many rounds a current style rule would have prevented: the submitted text
    had a style finding on a phrase that the round then replaced or removed."""
    prevented = 0
    for round_ in rounds:
        guide = guide_of_market.get(round_.market)
        if guide is not None and _style_flagged_the_change(round_, guide):
            prevented += 1
    return Prevented(len(rounds), prevented)


def _style_flagged_the_change(round_: Round, guide: StyleGuide) -> bool:
    options = marketfit.Options(style=guide)
    findings = marketfit.check(marketfit.Post(round_.before, round_.market or "US"), options)
    after = round_.after.lower()
    for finding in findings:
        if finding.category != "style" or finding.rule.startswith("style.disclosure"):
            continue
        flagged = round_.before[finding.start : finding.end].lower()
        still_there = re.search(rf"(?<!\w){re.escape(flagged)}(?!\w)", after)
        if flagged and still_there is None:  # the round changed what the rule flags
            return True
    return False


def prevented_for(workspace: Workspace) -> Prevented:
    """``rounds_prevented`` over the workspace's recent rounds with each market's
    current guide (the Costs page and the Style guide page show it)."""
    from onshore.workspaces.style_guides import guide_for

    rounds = rework_rounds(workspace)
    guides = {market: guide_for(workspace.id, market) for market in {r.market for r in rounds}}
    return rounds_prevented(rounds, guides)


# ---------------------------------------------------------------- repeated dismissals


@dataclass
class AllowProposal:
    """The same finding dismissed in ``count`` posts of ``market``: allow ``phrase``?"""

    phrase: str  # as first written, e.g. "colour"
    rule: str
    market: str
    count: int
    post_ids: list[int] = field(default_factory=list)

    @property
    def market_name(self) -> str:
        return places.country_name(self.market)

    @property
    def key(self) -> str:
        """What "Ignore" stores, so the same proposal is not made again."""
        return allow_key(self.market, self.rule, self.phrase)


def allow_key(market: str, rule: str, phrase: str) -> str:
    return f"allow:{market}:{rule}:{phrase.lower()}"


def allowable(rule: str, phrase: str) -> bool:
    """Whether a dismissed finding is about a word or phrase a guide can allow."""
    if not (rule.startswith(ALLOWABLE_RULES) or rule in ALLOWABLE_RULES_EXACT):
        return False
    words = phrase.split()
    return (
        0 < len(words) <= MAX_PHRASE_WORDS
        and len(phrase) <= MAX_ALLOWED_TEXT
        and any(char.isalnum() for char in phrase)
    )


def allow_proposals(
    workspace: Workspace,
    allowed_of_market: dict[str, frozenset[str]] | None = None,
    ignored: Iterable[str] = (),
    threshold: int | None = None,
) -> list[AllowProposal]:
    """Findings (rule + phrase) dismissed in at least ``threshold`` different posts of
    one market, not allowed there yet nor ignored, most dismissed first."""
    threshold = proposal_threshold() if threshold is None else threshold
    rows = (
        Dismissal.objects.filter(post__workspace=workspace)
        .order_by("-created_at", "-id")
        .values_list("post_id", "rule", "span_text", "post__market__country")[:MAX_DISMISSALS]
    )
    counted: dict[tuple[str, str, str], AllowProposal] = {}
    for post_id, rule, span_text, market in rows:
        phrase = " ".join(span_text.split())
        if not allowable(rule, phrase):
            continue
        proposal = counted.setdefault(
            (market, rule, phrase.lower()), AllowProposal(phrase, rule, market, 0)
        )
        if post_id not in proposal.post_ids:  # one post dismissing it twice counts once
            proposal.count += 1
            proposal.post_ids.append(post_id)
    allowed = allowed_of_market or {}
    skip = set(ignored)
    return sorted(
        (
            p
            for p in counted.values()
            if p.count >= threshold
            and p.phrase.lower() not in allowed.get(p.market, frozenset())
            and p.key not in skip
        ),
        key=lambda p: (-p.count, p.market, p.phrase.lower()),
    )
