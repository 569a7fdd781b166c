"""The two ways a publish can fail, shared by every network.

The outbox worker needs exactly three answers from a network call: it worked (a
``Published``), it failed (``PublishError``, retry or not), or nobody knows
(``UnknownOutcome``). Everything network-specific is mapped onto these here so the
worker never looks at HTTP status codes.
"""

from __future__ import annotations


class PublishError(Exception):
    """The network answered (or could not be reached) and nothing was published.

    ``message`` is the network's own words, shown to the user on the post; the worker
    decides what to do from the flags alone:

    - ``permanent``: retrying the same request cannot succeed (rejected content, a
      revoked token, a URL that does not exist). Fail the delivery and notify.
    - ``retry_after``: seconds the network asked us to wait (Retry-After, rate-limit
      reset), or None when it did not say; the worker's backoff applies then.
    - ``needs_reconnect``: the credentials were rejected, so every delivery on the
      channel will fail until someone reconnects it.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        retry_after: float | None = None,
        needs_reconnect: bool = False,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        self.needs_reconnect = needs_reconnect
        self.status_code = status_code

    def __repr__(self) -> str:
        return (
            f"PublishError({self.message!r}, permanent={self.permanent}, "
            f"retry_after={self.retry_after}, needs_reconnect={self.needs_reconnect}, "
            f"status_code={self.status_code})"
        )


class UnknownOutcome(Exception):
    """The request was sent but no answer came back (timeout, connection dropped).

    The post may or may not exist on the network. Deliberately *not* a PublishError,
    so code that retries on ``except PublishError`` cannot blindly resend: the caller
    must read back first (``mastodon.find_published``; for webhooks the stable
    ``webhook-id`` lets the receiver de-duplicate a resend).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
