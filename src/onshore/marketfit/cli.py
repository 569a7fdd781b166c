"""`onshore check`: the command-line face of the market-fit checker.

Contract (other tools script against it; change only compatibly):

    onshore check --market GB [--locale en-GB] [--network x] [--at ISO-8601]
                  [--format text|json] [FILE ...]
    onshore check --jsonl FILE --format json
    onshore check --list-locales

Each FILE (or stdin) is one post. Text output is compiler-style
``FILE:LINE:COL: severity [rule] message (suggestion: ...)``; JSON output is one line
per post ``{"id": ..., "findings": [...]}`` in input order. Exit 0 when no finding is an
error, 1 when one is, 2 on a usage or input error. A malformed JSONL line is reported on
stderr with its line number and the other lines are still checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time
from typing import IO, Any

from onshore.marketfit._types import NETWORKS, Finding, Options, Post

EXIT_OK, EXIT_ERROR_FINDING, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_POSTS = 20


class InputError(ValueError):
    """Bad input the user can fix; reported with where it is."""


@dataclass
class Outcome:
    has_error_finding: bool = False
    has_input_error: bool = False

    def exit_code(self) -> int:
        if self.has_input_error:
            return EXIT_USAGE
        return EXIT_ERROR_FINDING if self.has_error_finding else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onshore check",
        description="Check posts against the market they are written for.",
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="one post per file (default stdin)"
    )
    parser.add_argument(
        "--market", help="ISO 3166 country code, e.g. GB (required without --jsonl)"
    )
    parser.add_argument(
        "--locale",
        help="CLDR language tag, e.g. de-CH (default: the market's); see --list-locales",
    )
    parser.add_argument(
        "--list-locales", action="store_true", help="print every locale --locale accepts"
    )
    parser.add_argument("--network", choices=NETWORKS, help="check length for this network")
    parser.add_argument("--at", help="scheduled time, ISO 8601, optionally [IANA/Zone]")
    parser.add_argument("--zone", help="IANA zone the market is posted to (default: main zone)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--jsonl", metavar="FILE", help='JSON lines {"id","text","market",...}')
    parser.add_argument("--disable", action="append", default=[], metavar="RULE_OR_CATEGORY")
    parser.add_argument("--glossary", action="append", default=[], metavar="WORD")
    parser.add_argument("--no-oxford", action="store_true", help="flag -ize in GB-style markets")
    parser.add_argument("--night", default="22:00-07:00", help="night window, HH:MM-HH:MM")
    parser.add_argument("--mastodon-limit", type=int, default=500)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.list_locales:
        return list_locales()
    try:
        options = options_from(args)
        validate(args)
    except InputError as error:
        parser.print_usage(sys.stderr)
        print(f"onshore check: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.jsonl:
        return check_jsonl(args, options)
    return check_files(args, options)


def list_locales() -> int:
    from onshore.marketfit._locale_formats import locale_ids

    sys.stdout.write("".join(f"{locale.replace('_', '-')}\n" for locale in locale_ids()))
    return EXIT_OK


def options_from(args: argparse.Namespace) -> Options:
    try:
        start_text, end_text = args.night.split("-")
        night = time.fromisoformat(start_text), time.fromisoformat(end_text)
    except ValueError as error:
        raise InputError(f"--night {args.night!r}: use HH:MM-HH:MM, e.g. 22:00-07:00") from error
    if args.mastodon_limit < 1:
        raise InputError("--mastodon-limit must be a positive number of characters")
    return Options(
        disabled=frozenset(args.disable),
        glossary=frozenset(args.glossary),
        oxford_spelling=not args.no_oxford,
        night_start=night[0],
        night_end=night[1],
        mastodon_limit=args.mastodon_limit,
    )


def validate(args: argparse.Namespace) -> None:
    """Fail before reading input: unknown market or zone, missing --market."""
    from onshore.marketfit._locale_formats import UnknownLocaleError, canonical_locale
    from onshore.marketfit._markets import get_market
    from onshore.marketfit._schedule import load_zone, parse_at

    if args.jsonl and args.files:
        raise InputError("give either --jsonl FILE or post files, not both")
    if not args.jsonl and not args.market:
        raise InputError("--market is required (an ISO 3166 code such as GB)")
    if args.locale is not None:
        if not isinstance(args.locale, str):  # argparse reads "--locale=--" as []
            raise InputError("--locale needs a language tag such as de-CH (see --list-locales)")
        try:
            canonical_locale(args.locale)
        except UnknownLocaleError as error:
            raise InputError(f"--locale: {error}") from error
    try:
        if args.market:
            get_market(args.market)
        if args.zone:
            load_zone(args.zone)
        if args.at:
            parse_at(args.at)
    except ValueError as error:
        raise InputError(str(error)) from error


# ---------------------------------------------------------------- files / stdin


def check_files(args: argparse.Namespace, options: Options) -> int:
    outcome = Outcome()
    sources = args.files or ["-"]
    for index, name in enumerate(sources):
        try:
            text = read_post(name)
        except (OSError, UnicodeDecodeError) as error:
            print(f"onshore check: error: {name}: cannot read: {error}", file=sys.stderr)
            outcome.has_input_error = True
            continue
        record = {"text": text, "market": args.market, "locale": args.locale,
                  "network": args.network, "at": args.at, "zone": args.zone}  # fmt: skip
        findings = run_one(record, options)
        emit(args.format, "<stdin>" if name == "-" else name, text, findings, sys.stdout)
        outcome.has_error_finding |= any(f.severity == "error" for f in findings)
        progress(index + 1, len(sources))
    finish_progress(len(sources))
    return outcome.exit_code()


def read_post(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    with open(name, encoding="utf-8") as handle:
        return handle.read()


def run_one(record: dict[str, Any], options: Options) -> list[Finding]:
    from onshore.marketfit._engine import check
    from onshore.marketfit._schedule import parse_at

    at = parse_at(record["at"]) if record.get("at") else None
    post = Post(
        text=record["text"],
        market=record["market"],
        locale=record.get("locale"),
        network=record.get("network"),
        at=at,
        zone=record.get("zone"),
    )
    return check(post, options)


# ---------------------------------------------------------------- JSONL


def check_jsonl(args: argparse.Namespace, options: Options) -> int:
    outcome = Outcome()
    try:
        stream = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        print(f"onshore check: error: {args.jsonl}: cannot read: {error}", file=sys.stderr)
        return EXIT_USAGE
    with stream:
        lines = stream.readlines()
    for number, record in parse_lines(args, lines, outcome):
        try:
            findings = run_one(record, options)
        except ValueError as error:
            print(f"{args.jsonl}:{number}: {error}", file=sys.stderr)
            outcome.has_input_error = True
            continue
        emit(args.format, record["id"], record["text"], findings, sys.stdout)
        outcome.has_error_finding |= any(f.severity == "error" for f in findings)
        progress(number, len(lines))
    finish_progress(len(lines))
    return outcome.exit_code()


def parse_lines(
    args: argparse.Namespace, lines: list[str], outcome: Outcome
) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, parse_record(line, args)
        except InputError as error:
            print(f"{args.jsonl}:{number}: {error}", file=sys.stderr)
            outcome.has_input_error = True


def parse_record(line: str, args: argparse.Namespace) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(record, dict):
        raise InputError("each line must be a JSON object")
    for key in ("market", "locale", "network", "at", "zone"):
        record.setdefault(key, getattr(args, key))
    if "id" not in record or not isinstance(record.get("text"), str):
        raise InputError('each line needs "id" and a string "text"')
    if not record.get("market"):
        raise InputError('missing "market" (or pass --market)')
    return record


# ---------------------------------------------------------------- output


def emit(fmt: str, name: Any, text: str, findings: list[Finding], out: IO[str]) -> None:
    """One JSON line per post (``id`` echoed as given), or one text line per finding."""
    if fmt == "json":
        payload = {"id": name, "findings": [f.to_dict() for f in findings]}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    for finding in findings:
        line, column = line_and_column(text, finding.start)
        suggestion = f" (suggestion: {finding.suggestion})" if finding.suggestion else ""
        out.write(
            f"{name}:{line}:{column}: {finding.severity} [{finding.rule}] "
            f"{finding.message}{suggestion}\n"
        )


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def progress(done: int, total: int) -> None:
    """A progress bar on stderr, only on a terminal and only for many posts."""
    if total < PROGRESS_MIN_POSTS or not sys.stderr.isatty():
        return
    if done != total and done % max(1, total // 100):
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()


def finish_progress(total: int) -> None:
    if total >= PROGRESS_MIN_POSTS and sys.stderr.isatty():
        sys.stderr.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
