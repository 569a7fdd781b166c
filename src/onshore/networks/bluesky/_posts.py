"""Publishing a post exactly once, and reading it back after an unknown outcome.

The post is written with com.atproto.repo.putRecord at a record key derived from the
delivery (see ``record_key``) and ``swapRecord: null``, which means "only if no
record exists at this key". So:

- first attempt: the record is created;
- a retry after the first one landed: either the identical record (a no-op the PDS
  answers with success) or ``InvalidSwap`` because the stored record differs (its
  ``createdAt`` is from the earlier attempt). Either way no second post exists; on
  ``InvalidSwap`` we read the stored record back and report it as published.

createRecord with an explicit key was the alternative, but its answer to an existing
key is a generic 500 that cannot be told apart from a real server error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
import regex  # type: ignore[import-untyped]

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._results import Published
from onshore.networks.bluesky._facets import detect_facets
from onshore.networks.bluesky._rkey import is_valid_tid
from onshore.networks.bluesky._session import Login, Session, Sessions, with_session
from onshore.networks.bluesky._xrpc import call, error_name, failure, success_json

COLLECTION = "app.bsky.feed.post"
MAX_GRAPHEMES = 300  # app.bsky.feed.post text: maxGraphemes 300, maxLength 3000 bytes
MAX_BYTES = 3000
MAX_LANGS = 3
_GRAPHEME = regex.compile(r"\X")
# atproto.com/specs/did and /specs/record-key, ASCII only.
_DID = regex.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}", flags=regex.ASCII)
_RKEY = regex.compile(r"[A-Za-z0-9._:~-]{1,512}", flags=regex.ASCII)


def post_length(text: str) -> int:
    """Length as Bluesky counts it: grapheme clusters ("👍🏽" is one)."""
    return len(_GRAPHEME.findall(text))


def bluesky_langs(tag: str) -> list[str]:
    """``langs`` for a market's BCP 47 tag ("en_GB" -> ["en-GB"]); [] when empty."""
    cleaned = tag.strip().replace("_", "-")
    return [cleaned] if cleaned else []


def post_url(did: str, rkey: str) -> str:
    """The post's page on the Bluesky app (the DID link survives handle changes)."""
    return f"https://bsky.app/profile/{did}/post/{rkey}"


def publish(
    pds_url: str,
    handle: str,
    app_password: str,
    record_key: str,
    text: str,
    *,
    langs: Sequence[str],
    client: httpx.Client,
    now: datetime,
    sessions: Sessions | None = None,
    embed: dict[str, Any] | None = None,
) -> Published:
    """Create the post at ``record_key`` (from ``record_key(delivery_id, created)``),
    with ``embed`` (``images_embed`` of uploaded blobs) when given.

    ``now`` becomes ``createdAt`` and turns rate-limit resets into waits. Raises
    PublishError or UnknownOutcome (then call ``find_published`` before any retry;
    a plain retry is also safe: it collides with the first record).
    """
    if not is_valid_tid(record_key):
        raise ValueError(f"record_key must be a TID, not {record_key!r}")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    _check_length(text)
    login = Login(pds_url, handle, app_password)
    facets = detect_facets(text, lambda mention: _resolve_handle(pds_url, mention, client, now))
    record = _post_record(text, list(langs), facets, now)
    if embed is not None:
        record["embed"] = embed

    def put(session: Session) -> httpx.Response:
        body = {
            "repo": session.did,
            "collection": COLLECTION,
            "rkey": record_key,
            "validate": True,
            "record": record,
            "swapRecord": None,
        }
        return call(
            client,
            "POST",
            pds_url,
            "com.atproto.repo.putRecord",
            what="publishing to Bluesky",
            token=session.access_jwt,
            body=body,
        )

    session, response = with_session(login, sessions, client, now, put)
    if response.is_success:
        return _published_from(response)
    if error_name(response) == "InvalidSwap":
        return _already_there(pds_url, session.did, record_key, text, client, now)
    raise failure(response, now, "publishing to Bluesky")


def find_published(
    pds_url: str,
    handle: str,
    record_key: str,
    text: str,
    *,
    client: httpx.Client,
    now: datetime,
) -> Published | None:
    """The post at ``record_key``, or None when nothing was written there.

    Needs no login: records are public (com.atproto.repo.getRecord). Raises a
    permanent PublishError when a *different* text sits at the key, because calling
    that "published" would hide a post that never went out.
    """
    found = _get_record(pds_url, handle, record_key, client, now)
    if found is None:
        return None
    return _matching(found, text)


def _already_there(
    pds_url: str, did: str, record_key: str, text: str, client: httpx.Client, now: datetime
) -> Published:
    found = _get_record(pds_url, did, record_key, client, now)
    if found is None:  # InvalidSwap, then gone: deleted in between; do not recreate
        raise PublishError(
            f"The Bluesky post {record_key} was created and then deleted.", permanent=True
        )
    return _matching(found, text)


def _matching(found: dict[str, Any], text: str) -> Published:
    value = found.get("value")
    stored = value.get("text") if isinstance(value, dict) else None
    if stored != text:
        raise PublishError(
            "A different Bluesky post already uses this delivery's record key.", permanent=True
        )
    return Published(remote_id=str(found["uri"]), url=_url_from_uri(str(found["uri"])))


def _get_record(
    pds_url: str, repo: str, record_key: str, client: httpx.Client, now: datetime
) -> dict[str, Any] | None:
    params = {"repo": repo.strip(), "collection": COLLECTION, "rkey": record_key}
    what = "reading a Bluesky post back"
    response = call(client, "GET", pds_url, "com.atproto.repo.getRecord", what=what, params=params)
    if error_name(response) == "RecordNotFound" or response.status_code == 404:
        return None
    if not response.is_success:
        raise failure(response, now, what)
    found = success_json(response, what=what)
    if not isinstance(found.get("uri"), str):
        raise PublishError("The Bluesky server returned a record without its URI.", permanent=False)
    return found


def _resolve_handle(pds_url: str, handle: str, client: httpx.Client, now: datetime) -> str | None:
    """The DID behind a mentioned handle, None when no such account exists.

    A server that cannot answer right now fails the attempt (transient) rather than
    silently posting the mention as plain text.
    """
    what = "resolving a mentioned Bluesky handle"
    params = {"handle": handle}
    response = call(
        client, "GET", pds_url, "com.atproto.identity.resolveHandle", what=what, params=params
    )
    if response.status_code == 400:  # "Unable to resolve handle"
        return None
    if not response.is_success:
        raise failure(response, now, what)
    did = success_json(response, what=what).get("did")
    return did if isinstance(did, str) and did.startswith("did:") else None


def _post_record(
    text: str, langs: list[str], facets: list[dict[str, Any]], now: datetime
) -> dict[str, Any]:
    record: dict[str, Any] = {"$type": COLLECTION, "text": text, "createdAt": _datetime(now)}
    if langs:
        record["langs"] = langs[:MAX_LANGS]
    if facets:
        record["facets"] = facets
    return record


def _datetime(now: datetime) -> str:
    # atproto datetimes: RFC 3339 with a timezone, "Z" preferred, millisecond precision.
    return now.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _check_length(text: str) -> None:
    if not text.strip():
        raise PublishError("The post is empty.", permanent=True)
    if post_length(text) > MAX_GRAPHEMES or len(text.encode("utf-8")) > MAX_BYTES:
        raise PublishError(
            f"The post is {post_length(text)} characters long; Bluesky allows {MAX_GRAPHEMES}.",
            permanent=True,
        )


def _published_from(response: httpx.Response) -> Published:
    try:
        uri = response.json().get("uri")
    except (ValueError, AttributeError):
        uri = None
    if not isinstance(uri, str):
        # Success without the record's URI: it was probably written; read it back.
        raise UnknownOutcome("Bluesky accepted the post but did not say where it is.")
    return Published(remote_id=uri, url=_url_from_uri(uri))


def _url_from_uri(uri: str) -> str | None:
    # at://did:plc:abc/app.bsky.feed.post/3kxyz; the parts come from the server, so
    # they must have the specs' syntax before they become part of a link we show.
    parts = uri.removeprefix("at://").split("/")
    if len(parts) != 3 or not _DID.fullmatch(parts[0]) or not _RKEY.fullmatch(parts[2]):
        return None
    return post_url(parts[0], parts[2])
