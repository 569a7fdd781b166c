"""How each network shows a post's text: links as the network displays them, mentions
and hashtags marked, and where a long text folds behind "… see more".

Only the display: the preview counts the text with ``marketfit.count_length``, the
checker's own function, so a preview and the checker can never disagree about a length
(tests/posts/test_network_preview.py holds them to it for every network).

The link rules, per network:

- x: a link becomes a t.co link shown as its ``display_url``, "the URL pasted/typed
  into the Tweet" without its scheme (entities object, developer.twitter.com/en/docs/
  twitter-api/v1/data-dictionary/object-model/entities: "bit.ly/2so49n2"); a long one
  is cut with "…", observed after 23 characters. X links bare domains too (twitter-text
  autolink), as its counting does.
- mastodon: ``TextFormatter.shortened_link`` (mastodon/app/lib/text_formatter.rb) hides
  ``https://`` and ``www.``, shows 30 characters and "…" when more follow; when only
  one more follows it shows it instead of the "…".
- bluesky: the app shows a post's text as stored (app.bsky.feed.post ``text``), and
  onshore sends the text as written with link facets (networks/bluesky/_facets.py),
  so a link shows in full.
- instagram: links in captions are not clickable (Instagram Help Centre, "Add a link
  to your Instagram bio"): plain text.
- threads, linkedin, facebook: no documented shortening: shown as written, linked.

The folds ("… see more") are the display cut-offs widely reported for each network's
feed (not documented limits): LinkedIn about 210 characters or three lines, Instagram
about 125 characters or two lines, Facebook about 477 characters. X, Threads, Bluesky
and Mastodon show the whole post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

# What a link looks like: an http(s) address, or (X only) a bare domain.
_SCHEME_LINK = r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]"
_BARE_LINK = (
    r"(?<![\w@.])(?:www\.)?[\w-]+(?:\.[\w-]+)*"
    r"\.(?:com|org|net|io|co|uk|au|ca|nz|ie|in|za|us|dev|app|ly|gov|edu|info|me|shop)\b"
    r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'’])?"
)
# @user, @handle.bsky.social, @user@instance.example
_MENTION = r"(?<![\w@/])@\w(?:[\w.-]*\w)?(?:@[\w-]+(?:\.[\w-]+)+)?"
_HASHTAG = r"(?<![\w&#/])#\w+"


def _entities(links: str) -> re.Pattern[str]:
    return re.compile(
        f"(?P<link>{links})|(?P<mention>{_MENTION})|(?P<hashtag>{_HASHTAG})", re.IGNORECASE
    )


ENTITIES = _entities(_SCHEME_LINK)
X_ENTITIES = _entities(f"{_SCHEME_LINK}|{_BARE_LINK}")


@dataclass(frozen=True)
class LinkRule:
    strip: str  # the prefix the network hides (a regex)
    keep: int | None  # characters shown before "…" (None: all)
    linked: bool = True
    one_more_shows: bool = False  # one character past ``keep`` shows rather than "…"


NO_SCHEME = r"https?://"
LINK_RULES = {
    "x": LinkRule(NO_SCHEME, 23),
    "mastodon": LinkRule(r"https?://(?:www\.)?", 30, one_more_shows=True),
    "bluesky": LinkRule("", None),
    "instagram": LinkRule("", None, linked=False),
}
AS_WRITTEN = LinkRule("", None)


@dataclass(frozen=True)
class Fold:
    characters: int  # grapheme clusters shown before "… see more"
    lines: int | None  # lines shown before it, if the network also folds by lines
    more: str  # the network's words for the rest


FOLDS = {
    "linkedin": Fold(210, 3, "…see more"),
    "instagram": Fold(125, 2, "… more"),
    "facebook": Fold(477, None, "… See more"),
}


@dataclass(frozen=True)
class Segment:
    """A run of the text as the network shows it."""

    kind: str  # "text", "link", "mention" or "hashtag"
    shown: str
    source: str  # as written (a link's full address)


@dataclass(frozen=True)
class Display:
    shown: list[Segment]
    folded: list[Segment]  # behind "… see more"; empty when the whole text shows
    more: str = ""  # what the network's "… see more" says


def display(text: str, network: str) -> Display:
    """``text`` as ``network`` shows it in a feed."""
    segments = split(text, network)
    fold = FOLDS.get(network)
    if fold is None:
        return Display(segments, [])
    return _fold(segments, fold)


def split(text: str, network: str) -> list[Segment]:
    """Plain runs, links (shown by the network's rule), mentions and hashtags."""
    rule = LINK_RULES.get(network, AS_WRITTEN)
    segments: list[Segment] = []
    position = 0
    for kind, start, end in _entities_in(text, network == "x"):
        if start > position:
            segments.append(Segment("text", text[position:start], ""))
        segments.append(_entity(kind, text[start:end], rule))
        position = end
    if position < len(text):
        segments.append(Segment("text", text[position:], ""))
    return _joined(segments)


@lru_cache(maxsize=64)
def _entities_in(text: str, bare_domains: bool) -> tuple[tuple[str, int, int], ...]:
    """(kind, start, end) of each link, mention and hashtag. Cached: a post's networks
    mostly share its main text, and this scan is most of a preview's time."""
    pattern = X_ENTITIES if bare_domains else ENTITIES
    return tuple((m.lastgroup or "text", m.start(), m.end()) for m in pattern.finditer(text))


def _joined(segments: list[Segment]) -> list[Segment]:
    """Neighbouring plain runs as one (an unlinked address is plain text), so a fold
    finds the last space before it across them."""
    joined: list[Segment] = []
    for segment in segments:
        if joined and segment.kind == joined[-1].kind == "text":
            joined[-1] = Segment("text", joined[-1].shown + segment.shown, "")
        else:
            joined.append(segment)
    return joined


def _entity(kind: str, written: str, rule: LinkRule) -> Segment:
    if kind != "link":
        return Segment(kind, written, written)
    if not rule.linked:
        return Segment("text", written, "")
    return Segment("link", shorten_link(written, rule), written)


def shorten_link(url: str, rule: LinkRule) -> str:
    shown = re.sub(f"^{rule.strip}", "", url, flags=re.IGNORECASE) if rule.strip else url
    if rule.keep is not None and len(shown) > rule.keep + rule.one_more_shows:
        return shown[: rule.keep] + "…"
    return shown


def _fold(segments: list[Segment], fold: Fold) -> Display:
    """Cut after ``fold.characters`` clusters or ``fold.lines`` lines, whichever comes
    first: a plain run is cut at a space near the limit (or at a cluster boundary),
    a link, mention or hashtag is never cut in two."""
    budget, lines = fold.characters, fold.lines
    shown: list[Segment] = []
    for index, segment in enumerate(segments):
        clusters = _clusters(segment.shown)
        cut = _cut(clusters, budget, lines)
        if cut is None:
            shown.append(segment)
            budget -= len(clusters)
            lines = None if lines is None else lines - segment.shown.count("\n")
            continue
        rest = segments[index + 1 :]
        if segment.kind != "text" or cut == 0:
            return _fold_result(shown, [segment, *rest], fold.more)
        head, tail = "".join(clusters[:cut]), "".join(clusters[cut:])
        folded = [Segment("text", tail, ""), *rest]
        return _fold_result([*shown, Segment("text", head, "")], folded, fold.more)
    return Display(shown, [])


def _fold_result(shown: list[Segment], folded: list[Segment], more: str) -> Display:
    if all(not segment.shown.strip() for segment in folded):
        return Display(shown + folded, [])  # only spaces after the cut: nothing to hide
    return Display(shown, folded, more)


def _cut(clusters: list[str], budget: int, lines: int | None) -> int | None:
    """Where in these clusters the fold falls, or None if they all show."""
    limit = None
    if lines is not None:
        breaks = [i for i, cluster in enumerate(clusters) if "\n" in cluster]
        if len(breaks) >= lines:
            limit = breaks[lines - 1]
    if len(clusters) > budget and (limit is None or budget < limit):
        limit = max(budget, 0)
        space = _last_space(clusters, limit)
        # A network cuts at a word when one ends close to the limit.
        if space is not None and limit - space <= 20:
            limit = space
    return limit


def _last_space(clusters: list[str], before: int) -> int | None:
    for index in range(before, 0, -1):
        if clusters[index - 1].isspace():
            return index - 1
    return None


@cache
def _cluster_pattern() -> Any:
    import regex  # type: ignore[import-untyped]

    return regex.compile(r"\X")


def _clusters(text: str) -> list[str]:
    if text.isascii() and "\r" not in text:
        return list(text)
    return list(_cluster_pattern().findall(text))
