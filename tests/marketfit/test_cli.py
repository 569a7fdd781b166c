"""The `onshore check` contract: formats, exit codes, JSONL errors, no progress in pipes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onshore.marketfit.cli import line_and_column, main


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_format_is_compiler_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = write(tmp_path, "post.txt", "Hello!\nOur new color range.")
    assert main(["--market", "GB", post]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"{post}:2:9: warning [spelling.variant] UK readers spell this 'colour' "
        "(suggestion: colour)\n"
    )


def test_error_finding_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = write(tmp_path, "post.txt", "Live on July 4, 2026 at 9am EST")
    assert main(["--market", "US", "--format", "json", post]) == 1
    line = json.loads(capsys.readouterr().out)
    assert line["id"] == post
    assert line["findings"][0]["rule"] == "timezone.wrong_for_date"
    assert set(line["findings"][0]) == {
        "rule", "category", "severity", "message", "start", "end", "suggestion"
    }  # fmt: skip


def test_stdin_is_one_post(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("All clear here."))
    assert main(["--market", "GB"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["--market", "XX"],
        ["--market", "GB", "--network", "myspace"],
        ["--market", "GB", "--zone", "Mars/Olympus"],
        ["--market", "GB", "--at", "tomorrow"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "error" in capsys.readouterr().err


def test_jsonl_keeps_order_and_reports_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Our colour range", "market": "US"}),
        "{not json",
        json.dumps({"id": "b", "text": "Fine post", "market": "GB", "network": "x"}),
        json.dumps({"id": "c", "text": "x", "market": "XX"}),
        json.dumps({"id": "d", "text": "Live 9am EST on July 4, 2026", "market": "US"}),
    ]
    source = write(tmp_path, "posts.jsonl", "\n".join(lines) + "\n")
    assert main(["--jsonl", source, "--format", "json"]) == 2
    captured = capsys.readouterr()
    outputs = [json.loads(line) for line in captured.out.splitlines()]
    assert [o["id"] for o in outputs] == ["a", "b", "d"]
    assert outputs[0]["findings"][0]["suggestion"] == "color"
    assert f"{source}:2:" in captured.err
    assert f"{source}:4:" in captured.err
    assert "\r" not in captured.err  # no progress bar when stderr is not a terminal


def test_jsonl_all_good_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "ok.jsonl", json.dumps({"id": 1, "text": "Hi", "market": "GB"}))
    assert main(["--jsonl", source, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": 1, "findings": []}


def test_line_and_column() -> None:
    assert line_and_column("ab\ncd", 4) == (2, 2)
    assert line_and_column("ab", 0) == (1, 1)


@pytest.mark.parametrize("locale", ["xx-YY", "de_CH_bogus", "fr-DE", "--"])
def test_an_unknown_locale_exits_2_naming_the_option_and_the_list(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--market", "DE", f"--locale={locale}"]) == 2
    err = capsys.readouterr().err
    assert "--locale" in err and "--list-locales" in err
    assert "Traceback" not in err


def test_list_locales_prints_every_cldr_locale(capsys: pytest.CaptureFixture[str]) -> None:
    from babel import localedata

    assert main(["--list-locales"]) == 0
    listed = capsys.readouterr().out.split()
    assert "de-CH" in listed and "pt-BR" in listed and "zh-Hant-TW" in listed
    assert len(listed) == len(localedata.locale_identifiers())


def test_a_swiss_post_with_locale_de_ch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = write(tmp_path, "post.txt", "Jetzt nur 1,234.50 CHF, bis 12/30/2026!")
    assert main(["--market", "CH", "--locale", "de-CH", "--format", "json", post]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["suggestion"]) for f in findings] == [
        ("format.price", "1'234.50 CHF"),
        ("date.impossible_for_locale", "30.12.2026"),
    ]


def test_jsonl_reports_a_line_with_an_unknown_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Nur 12.50 €", "market": "DE", "locale": "de-DE"}),
        json.dumps({"id": "b", "text": "Hallo", "market": "DE", "locale": "xx-YY"}),
    ]
    source = write(tmp_path, "posts.jsonl", "\n".join(lines) + "\n")
    assert main(["--jsonl", source, "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a"]
    assert f"{source}:2: unknown locale 'xx-YY'" in captured.err


def test_market_accepts_every_country_with_a_time_zone(capsys: pytest.CaptureFixture[str]) -> None:
    """Every country tzdata's zone.tab lists (every inhabited ISO 3166 country) is a
    market; CLDR's other territories (AC, CP, DG, EA, IC, TA, XK, ZZ) have no zone."""
    from importlib import resources

    tab = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    countries = {line.split("\t")[0] for line in tab.splitlines() if line[:1].isalpha()}
    assert len(countries) > 240
    for country in sorted(countries):
        assert main(["--market", country.lower(), "/dev/null"]) == 0, country
    capsys.readouterr()
