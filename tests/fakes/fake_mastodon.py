"""A small, strict, real-HTTP fake of the Mastodon endpoints onshore uses.

No Mastodon server can run here (it needs Rails, PostgreSQL, Redis), so this serves
the same shapes on 127.0.0.1 from a thread (stdlib ``http.server``). It follows the
Mastodon API documentation at docs.joinmastodon.org and the server's own behaviour
where the docs are silent:

- methods/accounts: ``GET /api/v1/accounts/verify_credentials`` (CredentialAccount)
  and ``GET /api/v1/accounts/:id/statuses`` (newest first, ``limit`` default 20 and
  max 40, ``max_id``/``since_id``/``min_id`` paging, a ``Link`` header).
- methods/instance: ``GET /api/v2/instance`` (Mastodon 4.0+) and ``/api/v1/instance``,
  both with ``configuration.statuses.max_characters`` and
  ``characters_reserved_per_url``; ``has_v2_instance=False`` plays an older server.
- methods/statuses: ``POST /api/v1/statuses`` (form, multipart or JSON; ``status``,
  ``visibility``, ``language``, ``media_ids[]``), ``GET /api/v1/statuses/:id`` and
  ``GET /api/v1/statuses/:id/source`` (3.5+; ``has_source_endpoint=False`` plays
  an older server). ``Idempotency-Key`` works as in PostStatusService: the key is
  remembered per account for 3,600 seconds and a repeat returns the *same* status
  (200) without creating another; after the hour a repeat creates a duplicate,
  which is exactly why onshore also reads back.
- Validation as the server does it: blank text is 422 "Validation failed: Text
  can't be blank"; over the limit is 422 "Validation failed: Text character limit
  of N exceeded", counting URLs as ``characters_reserved_per_url`` and remote
  mentions as their local part (StatusLengthValidator); unknown visibility is 422;
  an unsupported language falls back to the account's default (valid_locale_cascade).
- methods/media: ``POST /api/v2/media`` (multipart ``file``, ``description``,
  ``focus``): an image is processed at once (200, with its ``url``), a video, GIF
  (stored as ``gifv``) or audio file later (202, ``url`` null); ``GET`` and ``PUT
  /api/v1/media/:id`` answer 206 while processing and 200 after, and only for the
  owner's media not yet attached to a status (404 otherwise). Validation as
  MediaAttachment does it: no file is 422 "Validation failed: File can't be blank";
  a type outside the supported MIME types is "File content type is invalid"; bytes
  that are not what the type says (checked by magic number) are 422 "File type of
  uploaded media could not be verified"; over 16 MB (image) or 99 MB (other) is
  "File file size must be less than …"; a description over 1,500 characters is
  "Description is too long (maximum is 1500 characters)". Needs ``write:media``.
- ``media_ids`` on a status, as PostStatusService#validate_media! checks them and in
  that order: more than 4 is 422 "Cannot attach more than 4 files"; an id that is
  unknown, someone else's or already attached is 422 "Media 7, 8 not found or
  already attached to another post"; a video with anything else is "Cannot attach a
  video to a post that already contains images"; one still processing is "Cannot
  attach files that have not finished processing. Try again in a moment!". With
  media, the text may be blank. The legacy ``POST /api/v1/media`` is not served:
  onshore does not use it (posts carry media placeholders with alt text, not files).
- Auth (Doorkeeper): a missing, unknown or revoked token is 401
  ``{"error": "The access token is invalid"}``; a token without the
  ``write:statuses`` scope gets 403 when posting.
- api/rate-limits: every answer carries ``X-RateLimit-Limit/-Remaining/-Reset``
  (reset as ISO 8601); a 429 carries ``{"error": "Too many requests"}``.

Simplifications, on purpose: content rendering covers paragraphs, line breaks,
links, mentions and hashtags with Mastodon's markup but not every edge case;
grapheme counting uses the ``regex`` module's ``\\X``; no polls, no scheduled
statuses; media files are kept in memory and never transcoded (a video "finishes
processing" after ``processing_polls`` GETs, or on ``finish_processing``).

Failure injection for the outbox tests: ``fail_next`` (the next N matching requests
get an error status), ``hang_next`` (create the status, then hold the answer past
the client's timeout: an unknown outcome), ``reset_next`` (create the status, then
drop the connection without answering).
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import regex

from tests.fakes.quiet_server import serve_on_loopback, server_url, shut_down

IDEMPOTENCY_TTL = timedelta(seconds=3600)
RATE_LIMIT = 300
_URL = re.compile(r"https?://[^\s<>\"']+")
_MENTION = re.compile(r"@(\w+)@[\w.-]+\w")
_ENTITY = re.compile(
    r"(?P<url>https?://[^\s<>\"']+)"
    r"|(?<![\w/])@(?P<user>\w+)(?:@(?P<domain>[\w.-]+\w))?"
    r"|(?<![\w/])#(?P<tag>\w+)"
)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_REGIONAL = {"zh-CN", "zh-HK", "zh-TW", "zh-YUE"}
INVALID_TOKEN = {"error": "The access token is invalid"}
OUTSIDE_SCOPES = {"error": "This action is outside the authorized scopes"}
NOT_FOUND = {"error": "Record not found"}
MEDIA_ATTACHMENTS_LIMIT = 4
MEDIA_DESCRIPTION_LIMIT = 1500
IMAGE_LIMIT = 16 * 1024 * 1024
VIDEO_LIMIT = 99 * 1024 * 1024
# MediaAttachment's MIME types (app/models/media_attachment.rb), and the magic numbers
# the fake checks for the common ones (the server asks ImageMagick/ffmpeg instead).
IMAGE_MIME_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/heic",
    "image/heif",
    "image/webp",
    "image/avif",
)
VIDEO_MIME_TYPES = ("video/webm", "video/mp4", "video/quicktime", "video/ogg")
AUDIO_MIME_TYPES = (
    "audio/wave",
    "audio/wav",
    "audio/x-wav",
    "audio/x-pn-wave",
    "audio/vnd.wave",
    "audio/ogg",
    "audio/vorbis",
    "audio/mpeg",
    "audio/mp3",
    "audio/webm",
    "audio/flac",
    "audio/aac",
    "audio/m4a",
    "audio/x-m4a",
    "audio/mp4",
    "audio/3gpp",
    "video/x-ms-asf",
)
_MAGIC: dict[str, Callable[[bytes], bool]] = {
    "image/png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda data: data.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda data: data[:6] in (b"GIF87a", b"GIF89a"),
    "image/webp": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
    "video/mp4": lambda data: data[4:8] == b"ftyp",
    "video/webm": lambda data: data.startswith(b"\x1a\x45\xdf\xa3"),
}


@dataclass
class FakeAccount:
    id: str
    username: str
    token: str
    scopes: frozenset[str] = frozenset({"read", "write"})
    default_language: str = "en"
    revoked: bool = False


@dataclass
class FakeStatus:
    id: str
    account_id: str
    text: str
    visibility: str
    language: str
    created_at: datetime
    idempotency_key: str | None
    media_ids: list[str] = field(default_factory=list)


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class FakeMedia:
    id: str
    account_id: str
    type: str  # image, gifv, video, audio
    file: UploadedFile
    description: str | None
    focus: tuple[float, float] | None
    polls_left: int  # GETs answered 206 before processing is done; 0 = processed
    status_id: str | None = None

    @property
    def processed(self) -> bool:
        return self.polls_left == 0


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]
    lists: dict[str, list[str]] = field(default_factory=dict)  # ``media_ids[]`` and such
    files: dict[str, UploadedFile] = field(default_factory=dict)


@dataclass
class _Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    path_prefix: str


@dataclass
class _Delay:
    mode: str  # "hang" or "reset"
    seconds: float
    path_prefix: str


@dataclass
class _Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    after: _Delay | None = None


class FakeMastodon:
    """One instance with accounts; ``start()`` it, use ``base_url``, ``stop()`` it."""

    def __init__(
        self,
        *,
        domain: str = "fake.social",
        max_characters: int = 500,
        characters_reserved_per_url: int = 23,
        image_size_limit: int = IMAGE_LIMIT,
        has_v2_instance: bool = True,
        has_source_endpoint: bool = True,
        processing_polls: int = 1,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.domain = domain
        self.max_characters = max_characters
        self.characters_reserved_per_url = characters_reserved_per_url
        # An instance's own image limit (its admins may lower or raise Mastodon's 16 MB):
        # declared in /api/v2/instance and enforced on upload.
        self.image_size_limit = image_size_limit
        self.has_v2_instance = has_v2_instance
        self.has_source_endpoint = has_source_endpoint
        self.clock = clock or (lambda: datetime.now(UTC))
        self.accounts: dict[str, FakeAccount] = {}
        self.statuses: list[FakeStatus] = []
        self.media: list[FakeMedia] = []
        self.processing_polls = processing_polls
        self.requests: list[RecordedRequest] = []
        self._idempotency: dict[tuple[str, str], tuple[str, datetime]] = {}
        self._failures: list[_Failure] = []
        self._delays: list[_Delay] = []
        self._next_id = 110_000_000_000_000_000
        self._lock = threading.RLock()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # -- setup and inspection (called by tests) ---------------------------------

    def add_account(self, username: str, token: str, **options: Any) -> FakeAccount:
        with self._lock:
            account = FakeAccount(
                id=str(len(self.accounts) + 1), username=username, token=token, **options
            )
            self.accounts[account.id] = account
            return account

    def revoke(self, token: str) -> None:
        with self._lock:
            for account in self.accounts.values():
                if account.token == token:
                    account.revoked = True

    def finish_processing(self, media_id: str) -> None:
        """The background job is done: the media can be attached."""
        with self._lock:
            self._media(media_id).polls_left = 0

    def statuses_of(self, account: FakeAccount) -> list[FakeStatus]:
        with self._lock:
            return [status for status in self.statuses if status.account_id == account.id]

    def fail_next(
        self,
        count: int,
        status: int,
        *,
        error: str | None = None,
        headers: dict[str, str] | None = None,
        path_prefix: str = "/api/",
    ) -> None:
        """The next ``count`` requests under ``path_prefix`` answer ``status`` and do nothing."""
        body = {"error": error or _default_error(status)}
        extra = dict(headers or {})
        with self._lock:
            self._failures.extend(_Failure(status, body, extra, path_prefix) for _ in range(count))

    def hang_next(
        self, count: int, seconds: float, *, path_prefix: str = "/api/v1/statuses"
    ) -> None:
        """Do the work, then wait ``seconds`` before answering (past the client timeout)."""
        with self._lock:
            self._delays.extend(_Delay("hang", seconds, path_prefix) for _ in range(count))

    def reset_next(self, count: int, *, path_prefix: str = "/api/v1/statuses") -> None:
        """Do the work, then close the connection without answering."""
        with self._lock:
            self._delays.extend(_Delay("reset", 0, path_prefix) for _ in range(count))

    # -- server lifecycle ---------------------------------------------------------

    @property
    def base_url(self) -> str:
        return server_url(self._server, "fake")

    def start(self) -> FakeMastodon:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = serve_on_loopback(handler)
        return self

    def stop(self) -> None:
        self._release.set()  # let hanging handlers finish
        shut_down(self._server)

    def __enter__(self) -> FakeMastodon:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request handling (called from the server threads) ---------------------------

    def handle(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> _Reply:
        path, query = _split_target(target)
        request = RecordedRequest(method, path, headers, {})
        if method in ("POST", "PUT"):
            try:
                _parse_body(headers.get("content-type", ""), raw, request)
            except ValueError as error:  # Rails answers a body it cannot parse with 400
                return _Reply(400, {"error": f"Error occurred while parsing request: {error}"})
        with self._lock:
            self.requests.append(request)
            failure = self._take(self._failures, path)
            if failure is not None:
                return self._failure_reply(failure)
            reply = self._route(request, query)
            reply.after = self._take(self._delays, path)
            reply.headers.update(self._rate_limit_headers())
            return reply

    def wait_or_release(self, seconds: float) -> None:
        self._release.wait(seconds)

    def _take(self, queue: list[Any], path: str) -> Any:
        for index, item in enumerate(queue):
            if path.startswith(item.path_prefix):
                return queue.pop(index)
        return None

    def _failure_reply(self, failure: _Failure) -> _Reply:
        headers = {**self._rate_limit_headers(), **failure.headers}
        if failure.status == 429:
            headers["X-RateLimit-Remaining"] = "0"
        return _Reply(failure.status, failure.body, headers)

    def _rate_limit_headers(self) -> dict[str, str]:
        now = self.clock()
        reset = now.replace(second=0, microsecond=0) + timedelta(minutes=5 - now.minute % 5)
        return {
            "X-RateLimit-Limit": str(RATE_LIMIT),
            "X-RateLimit-Remaining": str(RATE_LIMIT - 1),
            "X-RateLimit-Reset": _iso(reset),
        }

    def _route(self, request: RecordedRequest, query: dict[str, str]) -> _Reply:
        method, path, headers, form = request.method, request.path, request.headers, request.form
        account = self._authenticate(headers)
        if (method, path) == ("GET", "/api/v1/accounts/verify_credentials"):
            return self._credential_account(account)
        if (method, path) == ("GET", "/api/v2/instance") and self.has_v2_instance:
            return _Reply(200, self._instance_v2())
        if (method, path) == ("GET", "/api/v1/instance"):
            return _Reply(200, self._instance_v1())
        if (method, path) == ("POST", "/api/v1/statuses"):
            return self._create_status(account, headers, form, request.lists.get("media_ids"))
        if (method, path) == ("POST", "/api/v2/media"):
            return self._upload_media(account, request)
        match = re.fullmatch(r"/api/v1/media/(\w+)", path)
        if method in ("GET", "PUT") and match:
            return self._media_reply(account, match.group(1), request if method == "PUT" else None)
        match = re.fullmatch(r"/api/v1/accounts/(\w+)/statuses", path)
        if method == "GET" and match:
            return self._account_statuses(match.group(1), query)
        match = re.fullmatch(r"/api/v1/statuses/(\d+)(/source)?", path)
        if method == "GET" and match and (match.group(2) is None or self.has_source_endpoint):
            return self._status_or_source(match.group(1), account, source=bool(match.group(2)))
        return _Reply(404, {"error": "Record not found"})

    def _authenticate(self, headers: dict[str, str]) -> FakeAccount | None | bool:
        """The account, None when no token was sent, False when it was rejected."""
        value = headers.get("authorization", "")
        if not value:
            return None
        scheme, _, token = value.partition(" ")
        for account in self.accounts.values():
            if scheme.lower() == "bearer" and account.token == token and not account.revoked:
                return account
        return False

    def _credential_account(self, account: FakeAccount | None | bool) -> _Reply:
        if not isinstance(account, FakeAccount):
            return _Reply(401, INVALID_TOKEN)
        body = self._account_json(account)
        body["source"] = {
            "privacy": "public",
            "sensitive": False,
            "language": account.default_language,
            "note": "",
        }
        return _Reply(200, body)

    def _create_status(
        self,
        account: FakeAccount | None | bool,
        headers: dict[str, str],
        form: dict[str, str],
        media_ids: list[str] | None,
    ) -> _Reply:
        if not isinstance(account, FakeAccount):
            return _Reply(401, INVALID_TOKEN)
        if "write" not in account.scopes and "write:statuses" not in account.scopes:
            return _Reply(403, OUTSIDE_SCOPES)
        key = headers.get("idempotency-key")
        duplicate = self._remembered(account, key)
        if duplicate is not None:
            return _Reply(200, self._status_json(duplicate))
        media, error = self._attachable(account, media_ids or [])
        error = error or self._validate(form, with_media=bool(media))
        if error is not None:
            return _Reply(422, {"error": error})
        status = self._store(account, form, key)
        for item in media:
            item.status_id = status.id
        status.media_ids = [item.id for item in media]
        return _Reply(200, self._status_json(status))

    def _attachable(
        self, account: FakeAccount, media_ids: list[str]
    ) -> tuple[list[FakeMedia], str | None]:
        """PostStatusService#validate_media!, check for check, in the server's order."""
        if not media_ids:
            return [], None
        if len(media_ids) > MEDIA_ATTACHMENTS_LIMIT:
            return [], f"Cannot attach more than {MEDIA_ATTACHMENTS_LIMIT} files"
        wanted = [_to_i(media_id) for media_id in media_ids]
        found = {
            int(m.id): m
            for m in self.media
            if m.account_id == account.id and m.status_id is None and int(m.id) in wanted
        }
        missing = [str(n) for n in wanted if n not in found]
        if missing:
            return [], f"Media {', '.join(missing)} not found or already attached to another post"
        media = [found[n] for n in dict.fromkeys(wanted)]  # the order asked for, once each
        if len(media) > 1 and any(m.type != "image" for m in media):
            return [], "Cannot attach a video to a post that already contains images"
        if not all(m.processed for m in media):
            return [], (
                "Cannot attach files that have not finished processing. Try again in a moment!"
            )
        return media, None

    def _upload_media(self, account: FakeAccount | None | bool, request: RecordedRequest) -> _Reply:
        if not isinstance(account, FakeAccount):
            return _Reply(401, INVALID_TOKEN)
        if "write" not in account.scopes and "write:media" not in account.scopes:
            return _Reply(403, OUTSIDE_SCOPES)
        upload = request.files.get("file")
        if upload is None:
            return _Reply(422, {"error": "Validation failed: File can't be blank"})
        kind = _media_type(upload.content_type)
        if kind is None:
            return _Reply(422, {"error": "Validation failed: File content type is invalid"})
        magic = _MAGIC.get(upload.content_type)
        if magic is not None and not magic(upload.data):
            return _Reply(422, {"error": "File type of uploaded media could not be verified"})
        error = _media_validation(
            kind, upload, request.form.get("description"), self.image_size_limit
        )
        if error is not None:
            return _Reply(422, {"error": error})
        self._next_id += 1
        media = FakeMedia(
            id=str(self._next_id),
            account_id=account.id,
            type=kind,
            file=upload,
            description=request.form.get("description") or None,
            focus=_focus(request.form.get("focus")),
            # Images are processed while the request waits; the rest in the background.
            polls_left=0 if kind == "image" else max(self.processing_polls, 1),
        )
        self.media.append(media)
        return _Reply(200 if media.processed else 202, self._media_json(media))

    def _media_reply(
        self, account: FakeAccount | None | bool, media_id: str, update: RecordedRequest | None
    ) -> _Reply:
        if not isinstance(account, FakeAccount):
            return _Reply(401, INVALID_TOKEN)
        if "write" not in account.scopes and "write:media" not in account.scopes:
            return _Reply(403, OUTSIDE_SCOPES)
        media = next(
            (
                m
                for m in self.media
                if m.id == media_id and m.account_id == account.id and m.status_id is None
            ),
            None,
        )
        if media is None:
            return _Reply(404, NOT_FOUND)
        if update is not None:
            description = update.form.get("description", media.description)
            if description and len(description) > MEDIA_DESCRIPTION_LIMIT:
                return _Reply(422, {"error": _DESCRIPTION_TOO_LONG})
            media.description = description or None
            media.focus = _focus(update.form.get("focus")) or media.focus
        status = 200 if media.processed else 206
        if update is None and not media.processed:
            media.polls_left -= 1  # the background job moves on between polls
        return _Reply(status, self._media_json(media))

    def _media(self, media_id: str) -> FakeMedia:
        return next(m for m in self.media if m.id == media_id)

    def _media_json(self, media: FakeMedia) -> dict[str, Any]:
        base = f"https://files.{self.domain}/media_attachments/files/{media.id}"
        extension = media.file.content_type.split("/")[-1]
        meta: dict[str, Any] = {}
        if media.focus is not None:
            meta["focus"] = {"x": media.focus[0], "y": media.focus[1]}
        return {
            "id": media.id,
            "type": media.type,
            "url": f"{base}/original/file.{extension}" if media.processed else None,
            "preview_url": f"{base}/small/file.png" if media.type != "audio" else None,
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": meta,
            "description": media.description,
            "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}" if media.type != "audio" else None,
        }

    def _remembered(self, account: FakeAccount, key: str | None) -> FakeStatus | None:
        if not key:
            return None
        entry = self._idempotency.get((account.id, key))
        if entry is None or self.clock() - entry[1] >= IDEMPOTENCY_TTL:
            return None
        return next(status for status in self.statuses if status.id == entry[0])

    def _validate(self, form: dict[str, str], *, with_media: bool = False) -> str | None:
        text = form.get("status", "")
        if not text.strip() and not with_media:
            return "Validation failed: Text can't be blank"
        if form.get("visibility", "public") not in ("public", "unlisted", "private", "direct"):
            return "Validation failed: Visibility is not included in the list"
        if self.countable_length(text) > self.max_characters:
            return f"Validation failed: Text character limit of {self.max_characters} exceeded"
        return None

    def countable_length(self, text: str) -> int:
        """StatusLengthValidator: URLs weigh a fixed amount, remote mentions their local part."""
        counted = _URL.sub("x" * self.characters_reserved_per_url, text)
        counted = _MENTION.sub(r"@\1", counted)
        return len(regex.findall(r"\X", counted))

    def _store(self, account: FakeAccount, form: dict[str, str], key: str | None) -> FakeStatus:
        self._next_id += 1
        status = FakeStatus(
            id=str(self._next_id),
            account_id=account.id,
            text=form.get("status", ""),
            visibility=form.get("visibility", "public"),
            language=_language(form.get("language"), account.default_language),
            created_at=self.clock(),
            idempotency_key=key,
        )
        self.statuses.append(status)
        if key:
            self._idempotency[(account.id, key)] = (status.id, status.created_at)
        return status

    def _account_statuses(self, account_id: str, query: dict[str, str]) -> _Reply:
        if account_id not in self.accounts:
            return _Reply(404, {"error": "Record not found"})
        try:
            limit = min(max(int(query.get("limit", "20")), 1), 40)
        except ValueError:
            return _Reply(400, {"error": "limit is invalid"})
        chosen = _page([s for s in self.statuses if s.account_id == account_id], query, limit)
        reply = _Reply(200, [self._status_json(status) for status in chosen])
        if chosen:
            base = f"{self.base_url}/api/v1/accounts/{account_id}/statuses?limit={limit}"
            next_page = f'<{base}&max_id={chosen[-1].id}>; rel="next"'
            previous_page = f'<{base}&min_id={chosen[0].id}>; rel="prev"'
            reply.headers["Link"] = f"{next_page}, {previous_page}"
        return reply

    def _status_or_source(
        self, status_id: str, account: FakeAccount | None | bool, *, source: bool
    ) -> _Reply:
        if account is False or (source and account is None):
            return _Reply(401, INVALID_TOKEN)
        status = next((s for s in self.statuses if s.id == status_id), None)
        if status is None or status.visibility in ("private", "direct"):
            return _Reply(404, {"error": "Record not found"})
        if source:
            return _Reply(200, {"id": status.id, "text": status.text, "spoiler_text": ""})
        return _Reply(200, self._status_json(status))

    def _account_json(self, account: FakeAccount) -> dict[str, Any]:
        return {
            "id": account.id,
            "username": account.username,
            "acct": account.username,
            "display_name": account.username.title(),
            "locked": False,
            "bot": False,
            "created_at": "2024-01-01T00:00:00.000Z",
            "note": "",
            "url": f"https://{self.domain}/@{account.username}",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": len([s for s in self.statuses if s.account_id == account.id]),
            "emojis": [],
            "fields": [],
        }

    def _status_json(self, status: FakeStatus) -> dict[str, Any]:
        account = self.accounts[status.account_id]
        return {
            "id": status.id,
            "created_at": _iso(status.created_at),
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": status.visibility,
            "language": status.language,
            "uri": f"https://{self.domain}/users/{account.username}/statuses/{status.id}",
            "url": f"https://{self.domain}/@{account.username}/{status.id}",
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
            "content": _render(status.text),
            "reblog": None,
            "application": {"name": "onshore", "website": None},
            "account": self._account_json(account),
            "media_attachments": [self._media_json(self._media(m)) for m in status.media_ids],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }

    def _statuses_configuration(self) -> dict[str, Any]:
        return {
            "statuses": {
                "max_characters": self.max_characters,
                "max_media_attachments": MEDIA_ATTACHMENTS_LIMIT,
                "characters_reserved_per_url": self.characters_reserved_per_url,
            },
            "media_attachments": {
                "supported_mime_types": [*IMAGE_MIME_TYPES, *VIDEO_MIME_TYPES, *AUDIO_MIME_TYPES],
                "description_limit": MEDIA_DESCRIPTION_LIMIT,
                "image_size_limit": self.image_size_limit,
                "image_matrix_limit": 33177600,
                "video_size_limit": VIDEO_LIMIT,
                "video_frame_rate_limit": 120,
                "video_matrix_limit": 8294400,
            },
        }

    def _instance_v2(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "title": "Fake Social",
            "version": "4.3.0",
            "languages": ["en"],
            "configuration": self._statuses_configuration(),
        }

    def _instance_v1(self) -> dict[str, Any]:
        return {
            "uri": self.domain,
            "title": "Fake Social",
            "version": "4.3.0" if self.has_v2_instance else "3.5.3",
            "languages": ["en"],
            "configuration": self._statuses_configuration(),
        }


class _Handler(BaseHTTPRequestHandler):
    fake: FakeMastodon
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, Nagle plus delayed
    # ACKs add ~40 ms to every request on loopback.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = self.fake.handle(method, self.path, headers, raw)
        if reply.after is not None and reply.after.mode == "reset":
            self.close_connection = True
            self.connection.close()
            return
        if reply.after is not None:
            self.fake.wait_or_release(reply.after.seconds)
        self._write(reply)

    def _write(self, reply: _Reply) -> None:
        body = json.dumps(reply.body).encode()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting, as intended

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: tests read ``fake.requests`` instead."""


def _split_target(target: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(target)
    query = {
        name: values[-1] for name, values in parse_qs(parts.query, keep_blank_values=True).items()
    }
    return parts.path, query


def _parse_body(content_type: str, raw: bytes, into: RecordedRequest) -> None:
    """Rails' parameter parsing, reduced: JSON, URL-encoded or multipart bodies; a name
    ending in ``[]`` (or a JSON array) is a list; a multipart part with a filename is a file."""
    if content_type.startswith("application/json"):
        data = json.loads(raw or b"{}")
        if not isinstance(data, dict):
            raise ValueError("the JSON body is not an object")
        for name, value in data.items():
            if isinstance(value, list):
                into.lists[str(name)] = [str(item) for item in value]
            elif value is not None:
                into.form[str(name)] = str(value)
        return
    if content_type.startswith("multipart/form-data"):
        _parse_multipart(content_type, raw, into)
        return
    for name, values in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items():
        _add_field(into, name, values)


def _parse_multipart(content_type: str, raw: bytes, into: RecordedRequest) -> None:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    if not message.is_multipart():
        raise ValueError("the multipart body has no parts")
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        if not name:
            raise ValueError("a multipart part has no name")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            into.files[name] = UploadedFile(filename, part.get_content_type(), payload)
        else:
            _add_field(into, name, [payload.decode("utf-8")])


def _add_field(into: RecordedRequest, name: str, values: list[str]) -> None:
    if name.endswith("[]"):
        into.lists.setdefault(name[:-2], []).extend(values)
    else:
        into.form[name] = values[-1]


def _to_i(value: str) -> int:
    """Ruby's String#to_i: the leading digits, or 0."""
    match = re.match(r"\s*([+-]?\d+)", value)
    return int(match.group(1)) if match else 0


def _media_type(content_type: str) -> str | None:
    if content_type == "image/gif":
        return "gifv"  # the server turns GIFs into silent looping videos
    if content_type in IMAGE_MIME_TYPES:
        return "image"
    if content_type in VIDEO_MIME_TYPES:
        return "video"
    if content_type in AUDIO_MIME_TYPES:
        return "audio"
    return None


_DESCRIPTION_TOO_LONG = (
    f"Validation failed: Description is too long (maximum is {MEDIA_DESCRIPTION_LIMIT} characters)"
)


def _media_validation(
    kind: str, upload: UploadedFile, description: str | None, image_limit: int = IMAGE_LIMIT
) -> str | None:
    limit, shown = (
        (image_limit, f"{image_limit // (1024 * 1024)} MB")
        if kind == "image"
        else (VIDEO_LIMIT, "99 MB")
    )
    if len(upload.data) >= limit:
        return f"Validation failed: File file size must be less than {shown}"
    if description and len(description) > MEDIA_DESCRIPTION_LIMIT:
        return _DESCRIPTION_TOO_LONG
    return None


def _focus(value: str | None) -> tuple[float, float] | None:
    """``focus=x,y`` with both in -1.0..1.0; anything else is ignored, as the server does."""
    try:
        x, y = (float(part) for part in (value or "").split(","))
    except ValueError:
        return None
    return (x, y) if -1 <= x <= 1 and -1 <= y <= 1 else None


def _page(statuses: list[FakeStatus], query: dict[str, str], limit: int) -> list[FakeStatus]:
    newest_first = sorted(statuses, key=lambda status: int(status.id), reverse=True)
    if "max_id" in query:
        newest_first = [s for s in newest_first if int(s.id) < int(query["max_id"])]
    if "since_id" in query:
        newest_first = [s for s in newest_first if int(s.id) > int(query["since_id"])]
    if "min_id" in query:  # the page immediately after min_id, still newest first
        newer = [s for s in newest_first if int(s.id) > int(query["min_id"])]
        return newer[-limit:]
    return newest_first[:limit]


def _language(requested: str | None, default: str) -> str:
    if requested and (_LANGUAGE.match(requested) or requested in _REGIONAL):
        return requested
    return default


def _render(text: str) -> str:
    """Mastodon's TextFormatter, reduced: paragraphs, line breaks, and the markup for
    links (scheme hidden in an invisible span), mentions (remote ones shown without
    their domain) and hashtags, so read-back code meets the same HTML as in reality."""
    paragraphs = re.split(r"\n\n+", text.replace("\r\n", "\n").strip())
    return "".join(f"<p>{_render_inline(p).replace(chr(10), '<br />')}</p>" for p in paragraphs)


def _render_inline(text: str) -> str:
    out, last = [], 0
    for match in _ENTITY.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(_entity_html(match))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _entity_html(match: re.Match[str]) -> str:
    if match.group("url"):
        url = match.group("url")
        scheme, rest = url.split("://", 1)
        return (
            f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
            f'<span class="invisible">{scheme}://</span><span class="">{html.escape(rest)}</span>'
            '<span class="invisible"></span></a>'
        )
    if match.group("user"):
        user, domain = match.group("user"), match.group("domain") or "fake.social"
        return (
            f'<span class="h-card" translate="no"><a href="https://{domain}/@{user}" '
            f'class="u-url mention">@<span>{user}</span></a></span>'
        )
    tag = match.group("tag")
    return (
        f'<a href="https://fake.social/tags/{tag.lower()}" class="mention hashtag" '
        f'rel="tag">#<span>{tag}</span></a>'
    )


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _default_error(status: int) -> str:
    return {
        422: "Validation failed: Text can't be blank",
        429: "Too many requests",
        401: "The access token is invalid",
        503: "There was a temporary problem serving your request, please try again",
    }.get(status, "Something went wrong on our end")
