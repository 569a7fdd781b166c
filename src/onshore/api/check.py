"""``POST /api/v1/check``: the market-fit checker over HTTP, same fields as the CLI."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from onshore.api.schemas import StrictSchema

router = Router(tags=["market-fit"])


class CheckIn(StrictSchema):
    text: str = Field(max_length=20_000, description="the post as it will be published")
    market: str = Field(min_length=2, max_length=2, description="ISO 3166 country, e.g. GB")
    locale: str | None = Field(
        None,
        max_length=35,
        description="CLDR language tag, e.g. de-CH (default: the market's language)",
    )
    network: str | None = Field(None, max_length=20, description="x, bluesky, mastodon, …")
    at: str | None = Field(
        None, max_length=80, description="scheduled time, ISO 8601; without offset: market time"
    )
    zone: str | None = Field(None, max_length=64, description="the market zone the time is in")
    sponsored: bool = Field(
        False, description="a paid or partner post: its market's disclosure is checked"
    )


class FindingOut(Schema):
    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str | None


class CheckOut(Schema):
    findings: list[FindingOut]


@router.post("/check", response=CheckOut, summary="Check a post against its market")
def check_post(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    from onshore import marketfit

    at = None
    if payload.at:
        try:
            at = marketfit.parse_at(payload.at)
        except marketfit.UnknownZoneError as exc:
            raise ValidationError({"at": str(exc)}) from None
        except ValueError as exc:
            raise ValidationError({"at": str(exc)}) from None
    post = marketfit.Post(
        payload.text,
        payload.market.upper(),
        locale=payload.locale,
        network=payload.network,
        at=at,
        zone=payload.zone,
        sponsored=payload.sponsored,
    )
    try:
        findings = marketfit.check(post)
    except marketfit.UnknownMarketError as exc:
        raise ValidationError({"market": str(exc)}) from None
    except marketfit.UnknownLocaleError as exc:
        raise ValidationError({"locale": str(exc)}) from None
    except marketfit.UnknownNetworkError as exc:
        raise ValidationError({"network": str(exc)}) from None
    except marketfit.UnknownZoneError as exc:
        raise ValidationError({"zone": str(exc)}) from None
    return {"findings": [finding.to_dict() for finding in findings]}
