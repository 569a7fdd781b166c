"""`onshore whatif`: what a prospective vendor would cost, counted in full.

    onshore whatif --pricing per_post --amount 40 --currency USD \\
        --country IN --zone Asia/Kolkata --hours "mon-fri 09:30-18:00" \\
        --posts-per-month 20 --reviewer-hourly-value 45 \\
        --business-country GB --business-zone Europe/London \\
        --business-hours "mon-fri 09:00-17:30" --rate USD=0.79 [--format json]

Working hours are JSON as stored (``{"mon": [["09:00", "17:00"]], …}``) or the short
form ``"mon-fri 09:00-17:00; sat 10:00-12:00"``. Exit 0 with the result, 2 on bad input
(the message names the option).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from onshore import places
from onshore.costs._model import PRICING_MODELS, SOURCING_CLASSES
from onshore.costs._money import Money
from onshore.costs._whatif import BusinessSide, VendorProposal, WhatIf, what_if
from onshore.localtime import WeeklyHours, parse_hours_text

EXIT_OK, EXIT_USAGE = 0, 2


class InputError(ValueError):
    """Bad input the user can fix; the message starts with the option's name."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onshore whatif",
        description="What a prospective vendor would cost per month and per post, with "
        "rework, review effort, explaining and delay counted.",
    )
    vendor = parser.add_argument_group("the vendor")
    vendor.add_argument("--pricing", required=True, choices=PRICING_MODELS)
    vendor.add_argument("--amount", required=True, help="hourly rate, price per post or retainer")
    vendor.add_argument("--currency", required=True, help="ISO 4217 code of --amount, e.g. USD")
    vendor.add_argument("--hours-per-post", help="hours a post takes (required for hourly)")
    vendor.add_argument("--country", required=True, help="where the vendor is, e.g. IN")
    vendor.add_argument("--zone", required=True, help="IANA zone, e.g. Asia/Kolkata")
    vendor.add_argument("--hours", required=True, help='working hours, e.g. "mon-fri 09:00-17:00"')
    vendor.add_argument(
        "--contributor-hours-per-round", default="0.5", help="vendor's hours per revision round"
    )
    expected = parser.add_argument_group("what the business expects")
    expected.add_argument("--posts-per-month", required=True)
    expected.add_argument("--revision-rounds", help="per post (default: measured, else 1)")
    expected.add_argument(
        "--measured-rounds",
        action="append",
        default=[],
        metavar="CLASS=ROUNDS",
        help="the workspace's measured rounds per post, e.g. offshored=1.8 (repeatable)",
    )
    expected.add_argument("--explaining-hours", default="0", help="reviewer hours a month")
    expected.add_argument("--comments-per-post", default="2")
    expected.add_argument("--minutes-per-review", default="10")
    expected.add_argument("--minutes-per-comment", default="3")
    expected.add_argument("--reviewer-hourly-value", required=True)
    expected.add_argument("--reviewer-currency", help="default: the workspace currency")
    expected.add_argument("--delay-cost-per-day", help="price a day of delay (workspace currency)")
    business = parser.add_argument_group("the business")
    business.add_argument("--business-country", required=True, help="e.g. GB")
    business.add_argument("--business-zone", required=True, help="e.g. Europe/London")
    business.add_argument("--business-hours", required=True, help="as --hours")
    business.add_argument("--workspace-currency", help="default: the business country's")
    business.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="CODE=VALUE",
        help="workspace currency per unit of CODE, e.g. USD=0.79 (repeatable)",
    )
    parser.add_argument("--week-of", help="first day of the week to measure overlap (today)")
    parser.add_argument("--locale", default="en_GB", help="for formatting money (en_GB)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        proposal, business, week_of = inputs_from(args)
        result = what_if(proposal, business, week_of=week_of, locale=args.locale)
    except InputError as error:
        parser.print_usage(sys.stderr)
        print(f"onshore whatif: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render_text(result, proposal, args.locale))
    return EXIT_OK


def inputs_from(args: argparse.Namespace) -> tuple[VendorProposal, BusinessSide, date]:
    business_country = _option("--business-country", places.normalise_country, args)
    workspace_currency = (
        _option("--workspace-currency", places.normalise_currency, args)
        if args.workspace_currency
        else places.default_currency(business_country)
    )
    currency = _option("--currency", places.normalise_currency, args)
    reviewer_currency = (
        _option("--reviewer-currency", places.normalise_currency, args)
        if args.reviewer_currency
        else workspace_currency
    )
    rates = _rates(args.rate)
    for option, code in (("--currency", currency), ("--reviewer-currency", reviewer_currency)):
        if code != workspace_currency and code not in rates:
            raise InputError(
                f"--rate: {option} is {code} but no --rate {code}=VALUE says how many "
                f"{workspace_currency} one {code} buys"
            )
    if args.pricing == "hourly" and args.hours_per_post is None:
        raise InputError("--hours-per-post: required with --pricing hourly")
    proposal = VendorProposal(
        pricing=args.pricing,
        amount=_decimal("--amount", args.amount),
        currency=currency,
        country=_option("--country", places.normalise_country, args),
        zone=_option("--zone", places.normalise_zone, args),
        working_hours=_hours("--hours", args.hours),
        posts_per_month=_decimal("--posts-per-month", args.posts_per_month, positive=True),
        reviewer_hourly_value=_decimal("--reviewer-hourly-value", args.reviewer_hourly_value),
        reviewer_currency=reviewer_currency,
        revision_rounds_per_post=_maybe("--revision-rounds", args.revision_rounds),
        explaining_hours_per_month=_decimal("--explaining-hours", args.explaining_hours),
        hours_per_post=_maybe("--hours-per-post", args.hours_per_post),
        comments_per_post=_decimal("--comments-per-post", args.comments_per_post),
        minutes_per_review=_decimal("--minutes-per-review", args.minutes_per_review),
        minutes_per_comment=_decimal("--minutes-per-comment", args.minutes_per_comment),
        contributor_hours_per_round=_decimal(
            "--contributor-hours-per-round", args.contributor_hours_per_round
        ),
        delay_cost_per_day=_maybe("--delay-cost-per-day", args.delay_cost_per_day),
    )
    business = BusinessSide(
        country=business_country,
        zone=_option("--business-zone", places.normalise_zone, args),
        working_hours=_hours("--business-hours", args.business_hours),
        currency=workspace_currency,
        rates=rates,
        measured_rounds_per_post=_measured(args.measured_rounds),
    )
    if not business.working_hours:
        raise InputError("--business-hours: the business needs some working hours")
    return proposal, business, _week_of(args.week_of)


def _option(option: str, normalise: Callable[[str], str], args: argparse.Namespace) -> str:
    value = getattr(args, option.lstrip("-").replace("-", "_"))
    try:
        return normalise(value)
    except ValueError as error:
        raise InputError(f"{option}: {error}") from None


def _decimal(option: str, text: str, *, positive: bool = False) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(f"{option}: {text!r} is not a number") from None
    if not value.is_finite():
        raise InputError(f"{option}: {text!r} is not a finite number")
    if positive and value <= 0:
        raise InputError(f"{option}: must be more than 0, not {text}")
    if value < 0:
        raise InputError(f"{option}: must not be negative, not {text}")
    return value


def _maybe(option: str, text: str | None) -> Decimal | None:
    return None if text is None else _decimal(option, text)


def _pairs(option: str, values: list[str]) -> list[tuple[str, Decimal]]:
    pairs = []
    for value in values:
        key, equals, number = value.partition("=")
        if not equals or not key.strip():
            raise InputError(f"{option}: {value!r} is not KEY=NUMBER")
        pairs.append((key.strip(), _decimal(option, number)))
    return pairs


def _rates(values: list[str]) -> dict[str, Decimal]:
    rates = {}
    for code, rate in _pairs("--rate", values):
        try:
            code = places.normalise_currency(code)
        except ValueError as error:
            raise InputError(f"--rate: {error}") from None
        if rate <= 0:
            raise InputError(f"--rate: the rate for {code} must be more than 0")
        rates[code] = rate
    return rates


def _measured(values: list[str]) -> dict[str, Decimal]:
    measured = dict(_pairs("--measured-rounds", values))
    for sourcing in measured:
        if sourcing not in SOURCING_CLASSES:
            raise InputError(
                f"--measured-rounds: {sourcing!r} is not one of {', '.join(SOURCING_CLASSES)}"
            )
    return measured


def _week_of(text: str | None) -> date:
    if text is None:
        return date.today()  # the command line is the edge where the clock may be read
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--week-of: {text!r} is not a date as YYYY-MM-DD") from None


def _hours(option: str, text: str) -> WeeklyHours:
    try:
        return parse_hours_text(text)
    except ValueError as error:
        raise InputError(f"{option}: {error}") from None


def render_text(result: WhatIf, proposal: VendorProposal, locale: str) -> str:
    def money(value: Money) -> str:
        return value.format(locale).rjust(14)

    delay_line = money(result.delay) if result.delay is not None else "not priced".rjust(14)
    article = "an" if result.sourcing[0] in "aeiou" else "a"
    where = places.country_name(proposal.country)
    lines = [
        f"What if: {article} {result.sourcing} vendor in {where} "
        f"({proposal.zone}), {result.posts_per_month} posts a month",
        "",
        f"  Fees                  {money(result.fees)}",
        f"  Review effort         {money(result.review_effort)}",
        f"  Rework                {money(result.rework)}",
        f"    by the vendor       {money(result.rework_contributor)}",
        f"    re-reviews          {money(result.rework_reviewer)}",
        f"  Explaining            {money(result.explaining)}",
        f"  Delay                 {delay_line}",
        f"  Monthly total         {money(result.monthly_total)}",
        f"  Cost per post         {money(result.cost_per_post)}",
        "",
        f"Overlap: {result.overlap_hours_per_week:.2f} h of the business's "
        f"{result.business_hours_per_week:.2f} h a week; each revision round adds "
        f"{result.delay_days_per_round} working days of waiting, "
        f"{result.delay_days_per_post} per post.",
        "",
        "Assumptions:",
        *(f"  - {sentence}" for sentence in result.assumptions),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
