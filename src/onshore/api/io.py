"""Content plans over the API: import a CSV (all or nothing) and export one.

The import body may be the CSV itself (``Content-Type: text/csv``), a multipart upload
(field ``file``) or JSON ``{"csv": "…"}``. Refused rows answer 422 with one entry per
problem, ``loc`` = ``["csv", line, column]``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import Router, Schema
from ninja.params import functions as param  # the typed form of ninja.Query(...)
from ninja.responses import Status

from onshore.api.schemas import FilterText, SearchText
from onshore.posts import csvplan
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.roles import Capability

router = Router(tags=["import and export"])


class RowOut(Schema):
    line: int
    post_id: int | None
    market: str
    state: str
    when: str
    findings: int
    errors: int
    summary: str
    note: str


class ImportOut(Schema):
    layout: str
    dry_run: bool
    imported: bool
    rows: list[RowOut]
    findings: int


class ProblemOut(Schema):
    loc: list[Any]
    msg: str
    type: str


class RefusedOut(Schema):
    detail: list[ProblemOut]
    # Absent when the request itself was refused (a bad parameter) before any row was read.
    error_count: int = 0
    imported: bool = False


def _body(request: HttpRequest) -> bytes:
    """The CSV from whichever body form the client used; ValidationError if none."""
    kind = (request.content_type or "").lower()
    if kind.startswith("multipart/"):
        return _uploaded(request)
    # Read at most one byte over the limit, so a huge body is refused, not buffered.
    data = request.read(csvplan.MAX_BYTES + 1)
    if kind == "application/json":
        return _from_json(data)
    return data


def _uploaded(request: HttpRequest) -> bytes:
    try:
        upload = request.FILES.get("file")
    except MultiPartParserError:
        raise ValidationError({"file": "the multipart body cannot be read"}) from None
    if upload is None:
        raise ValidationError({"file": "send the CSV in a multipart field called 'file'"})
    if upload.size is not None and upload.size > csvplan.MAX_BYTES:
        raise ValidationError({"file": f"larger than {csvplan.MAX_BYTES // 2**20} MB"})
    return b"".join(upload.chunks())


def _from_json(data: bytes) -> bytes:
    try:
        payload = json.loads(data or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ValidationError({"csv": 'send JSON like {"csv": "text\\nHello"}'}) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("csv"), str):
        raise ValidationError({"csv": "a string with the CSV is required"})
    return str(payload["csv"]).encode()


@router.post(
    "/{slug}/posts/import",
    response={200: ImportOut, 201: ImportOut, 422: RefusedOut},
    summary="Import a content plan (CSV); every row or none",
    description=csvplan.__doc__,
)
def import_posts(
    request: HttpRequest,
    slug: str,
    dry_run: bool = False,
    market: FilterText = "",
    date_format: Literal["auto", "mdy", "dmy"] = "auto",
) -> Status[Any]:
    member = membership_or_404(request.user, slug)
    require(member, Capability.DRAFT_POSTS)
    options = csvplan.ImportOptions(dry_run=dry_run, market=market, date_format=date_format)
    report = csvplan.import_plan(member, _body(request), options)
    if not report.ok:
        return Status(422, _refused(report))
    payload = {
        "layout": report.layout,
        "dry_run": report.dry_run,
        "imported": report.imported,
        "rows": [asdict(row) for row in report.rows],
        "findings": report.finding_count,
    }
    return Status(200 if dry_run else 201, payload)


def _refused(report: csvplan.ImportReport) -> dict[str, Any]:
    problems = [
        {"loc": ["csv", e.line, e.column], "msg": e.message, "type": "value_error"}
        for e in report.errors
    ]
    return {"detail": problems, "error_count": report.error_count, "imported": False}


@router.get(
    "/{slug}/posts/export.csv",
    summary="Posts as CSV in onshore's layout (filters as on the Posts page)",
    response={200: None},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def export_posts(
    request: HttpRequest,
    slug: str,
    market: FilterText = "",
    state: FilterText = "",
    network: FilterText = "",
    tag: FilterText = "",
    author: FilterText = "",
    date_from: str = param.Query(
        "", alias="from", max_length=10, description="scheduled on or after, YYYY-MM-DD"
    ),
    date_to: str = param.Query(
        "", alias="to", max_length=10, description="scheduled on or before, YYYY-MM-DD"
    ),
    q: SearchText = "",
) -> HttpResponse:
    member = membership_or_404(request.user, slug)
    require(member, Capability.VIEW_WORKSPACE)
    params = {"market": market, "state": state, "network": network, "tag": tag}
    params |= {"author": author, "from": date_from, "to": date_to, "q": q}
    # A bad filter raises FilterError (a BadInput): 422 with the filter in "loc".
    text = csvplan.export_text(member.workspace, csvplan.parse_filters(params))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-posts.csv"'
    return response
