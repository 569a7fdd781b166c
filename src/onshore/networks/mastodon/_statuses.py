"""Posting a status exactly once, and finding it again after an unknown outcome.

Two mechanisms, because neither is enough alone (docs.joinmastodon.org,
methods/statuses):

- ``Idempotency-Key``: Mastodon remembers the key for **only one hour** and returns
  the same status for a repeated key within it. A retry soon after a timeout is safe.
- Read-back (``find_published``): the outbox may retry much later than an hour
  (the worker was down, the channel waited for reconnecting, backoff grew), when the
  key is forgotten and a resend would post twice. So after an ``UnknownOutcome``
  the caller reads the account's recent statuses and compares their source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._results import Published
from onshore.networks.mastodon._account import verify_credentials
from onshore.networks.mastodon._api import build, call, is_mastodon_id

VISIBILITIES = ("public", "unlisted", "private", "direct")
# Regional codes Mastodon accepts as they are (LanguagesHelper::ISO_639_1_REGIONAL);
# for every other tag it wants the bare ISO 639 code ("en", not "en-GB").
_REGIONAL_LANGUAGES = {"zh-cn": "zh-CN", "zh-hk": "zh-HK", "zh-tw": "zh-TW"}
# The instance's clock and ours differ; look this far before the first attempt.
CLOCK_SKEW = timedelta(minutes=5)
PAGE_SIZE = 40  # the documented maximum for account statuses
_REMOTE_MENTION = re.compile(r"@(\w+)@[\w.-]*\w")
_WORD = re.compile(r"\w+")


def mastodon_language(tag: str) -> str:
    """The language code Mastodon stores for a BCP 47 tag ("en-GB" -> "en")."""
    cleaned = tag.strip().replace("_", "-")
    return _REGIONAL_LANGUAGES.get(cleaned.lower(), cleaned.split("-", 1)[0].lower())


def publish(
    instance_url: str,
    token: str,
    idempotency_key: str,
    text: str,
    *,
    language: str | None,
    client: httpx.Client,
    now: datetime,
    visibility: str = "public",
    media_ids: Sequence[str] = (),
) -> Published:
    """POST /api/v1/statuses with ``Idempotency-Key``; return the created status.

    ``media_ids`` are processed uploads (``upload_media``), in the post's order.

    ``idempotency_key`` must be derived from the delivery (the same on every attempt).
    ``now`` turns ``X-RateLimit-Reset`` into a wait. Raises PublishError or
    UnknownOutcome (then call ``find_published`` before any retry).
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    form: dict[str, str | list[str]] = {"status": text, "visibility": visibility}
    if language:
        form["language"] = mastodon_language(language)
    if media_ids:
        form["media_ids[]"] = list(media_ids)
    request = build(
        client,
        "POST",
        instance_url,
        "/api/v1/statuses",
        token=token,
        headers={"idempotency-key": idempotency_key},
        data=form,
    )
    status = call(client, request, what="publishing to Mastodon", now=now)
    if not isinstance(status, dict) or "id" not in status:
        raise UnknownOutcome("Mastodon accepted the status but did not return it.")
    return published_from(status)


def published_from(status: dict[str, Any]) -> Published:
    # ``url`` is the web page; ``uri`` is the ActivityPub id, the best link when
    # ``url`` is missing.
    return Published(remote_id=str(status["id"]), url=status.get("url") or status.get("uri"))


def find_published(
    instance_url: str,
    token: str,
    text: str,
    *,
    not_before: datetime,
    client: httpx.Client,
    account_id: str | None = None,
    max_pages: int = 5,
) -> Published | None:
    """The status with exactly ``text`` posted since ``not_before``, or None.

    ``not_before`` is when the delivery was first attempted; ``CLOCK_SKEW`` is
    allowed for. ``account_id`` (from ``verify_credentials``) saves one request.
    Compares the stored *source* text (GET /api/v1/statuses/:id/source), not the
    rendered HTML, because rendering shortens links and mentions.
    """
    account = account_id or verify_credentials(instance_url, token, client).id
    wanted, wanted_key = _normalized(text), _word_key(_without_mention_domains(text))
    since = not_before - CLOCK_SKEW
    for status in _statuses_since(instance_url, token, account, since, client, max_pages):
        if _word_key(html_to_text(str(status.get("content", "")))) != wanted_key:
            continue  # cannot be ours; skip the extra request
        source = _source_text(instance_url, token, status, client)
        # No source endpoint (Mastodon before 3.5): the pre-filter match is the best
        # evidence there is, and posting twice is worse than trusting it.
        if source is None or source == wanted:
            return published_from(status)
    return None


def _statuses_since(
    instance_url: str,
    token: str,
    account_id: str,
    since: datetime,
    client: httpx.Client,
    max_pages: int,
) -> Iterator[dict[str, Any]]:
    """The account's statuses, newest first, down to ``since`` (paging by max_id)."""
    max_id: str | None = None
    for _ in range(max_pages):
        page = _statuses_page(instance_url, token, account_id, max_id, client)
        for status in page:
            if _created_at(status) < since:
                return
            yield status
        if len(page) < PAGE_SIZE:
            return
        max_id = str(page[-1]["id"])


def _statuses_page(
    instance_url: str, token: str, account_id: str, max_id: str | None, client: httpx.Client
) -> list[dict[str, Any]]:
    if not is_mastodon_id(account_id):
        raise PublishError(
            "The channel's Mastodon account id is unusable; reconnect it.", permanent=True
        )
    params: dict[str, str | int] = {"limit": PAGE_SIZE, "exclude_reblogs": "true"}
    if max_id is not None:
        params["max_id"] = max_id
    path = f"/api/v1/accounts/{account_id}/statuses"
    request = build(client, "GET", instance_url, path, token=token, params=params)
    page = call(client, request, what="reading back recent Mastodon statuses", now=None)
    if not isinstance(page, list):
        raise PublishError("Mastodon did not return a list of statuses.", permanent=False)
    return [status for status in page if isinstance(status, dict) and "id" in status]


def _created_at(status: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(str(status.get("created_at")))
    except ValueError as error:
        raise PublishError(
            "Mastodon returned a status without a valid date.", permanent=False
        ) from error


def _source_text(
    instance_url: str, token: str, status: dict[str, Any], client: httpx.Client
) -> str | None:
    if not is_mastodon_id(str(status["id"])):
        raise PublishError("Mastodon returned a status with an unusable id.", permanent=False)
    path = f"/api/v1/statuses/{status['id']}/source"
    request = build(client, "GET", instance_url, path, token=token)
    try:
        source = call(client, request, what="reading a Mastodon status source", now=None)
    except PublishError as error:
        if error.status_code != 404:
            raise
        return None
    return _normalized(str(source.get("text", ""))) if isinstance(source, dict) else ""


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def _without_mention_domains(text: str) -> str:
    # Mastodon renders "@bob@other.social" as "@bob"; drop the domain to compare.
    return _REMOTE_MENTION.sub(r"@\1", text)


def _word_key(text: str) -> str:
    """Only the word characters, case-folded: a cheap pre-filter that rendering
    cannot defeat (it changes markup, spacing and punctuation around links, never
    the letters and digits), so a real match is never skipped. The source-text
    comparison afterwards is the exact one."""
    return "".join(_WORD.findall(text)).casefold()


class _TextExtractor(HTMLParser):
    """Mastodon's HTML back to plain text: <p> is a blank line, <br> a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(content: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(content)
    extractor.close()
    return "".join(extractor.parts)
