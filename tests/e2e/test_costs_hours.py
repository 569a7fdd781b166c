"""The demo workspace's Hours, Costs, printable report, CSV and what-if pages, as the owner
sees them in Chromium, on a fixed clock: Wednesday 25 November 2026, 12:00 UTC.

The clock is moved with time_machine for the whole test (tick=True, so it keeps running):
time_machine patches the process-wide clock, so the live server's thread sees the same
instant as the demo history built here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_session import EMMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SOPHIE = "sophie@turnerwrites.example"
COLLEAGUES = ("priya@brightwave.example", "megan@brookscopy.example", SOPHIE)
# At NOW (12:00 London), Priya is at work (17:30 in Kolkata), Megan is not yet (06:00 in
# Chicago, she starts at 09:00) and Sophie is (she works 08:00-14:00 London). The clock
# ticks from NOW, so allow the minutes to move on while the test runs.
SEEN = {
    "priya@brightwave.example": r"Priya Raman is at work now \(17:[3-5]\d their time\)",
    "megan@brookscopy.example": r"Megan Brooks will likely see this at 09:00 their time — in \d",
    SOPHIE: r"Sophie Turner is at work now \(12:[0-2]\d their time\)",
}
# Hours Emma (09:00-17:30 London) shares with each of them today, in London time:
# Priya 09:00-13:30 (10:00-19:00 IST), Megan 15:00-17:30 (09:00-17:30 CST), Sophie 09:00-14:00.
OVERLAP_TODAY = {"priya@brightwave.example": 4.5, "megan@brookscopy.example": 2.5, SOPHIE: 5.0}
CLASSES = ("In-house", "Outsourced", "Offshored")
ENGAGEMENTS = (
    "Sophie Turner",
    "Megan Brooks",
    "Brightwave Digital",
    "Oliver Hughes (social share of salary)",
)


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} has no box in the browser"
    return found


def test_hours_page_shows_each_colleague_overlap(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/team/hours/")
    expect(page.locator("h1")).to_have_text("Working hours and overlap")
    for email in COLLEAGUES:
        section = page.locator(f'section.card.hours[data-member="{email}"]')
        expect(section).to_be_visible()
        for chart in ("svg.hours-band", "svg.hours-strip"):
            svg = section.locator(chart)
            expect(svg).to_have_count(1)
            expect(svg).to_be_visible()
            size = box(svg)
            assert size["width"] > 0 and size["height"] > 0, (email, chart, size)
        # Emma's day, theirs and the overlap: on a Wednesday all three share some hours.
        for row in ("rect.band-you", "rect.band-them", "rect.band-both"):
            rects = section.locator(f"svg.hours-band {row}")
            assert rects.count() >= 1, (email, row)
            assert box(rects.first)["width"] > 0, (email, row)
        # The overlap bar spans the shared hours of the 24-hour track.
        track = box(section.locator("svg.hours-band rect.band-track").first)["width"]
        both = section.locator("svg.hours-band rect.band-both")
        expect(both).to_have_count(1)
        shared = box(both)["width"] / track * 24
        assert shared == pytest.approx(OVERLAP_TODAY[email], abs=0.1), (email, shared)
        bars = section.locator("svg.hours-strip rect.strip-bar")
        assert bars.count() == 52, email
        # Issue 14: the month under the strip is drawn whole, descenders included.
        strip, month = (
            box(section.locator("svg.hours-strip")),
            box(section.locator("svg.hours-strip text.band-tick")),
        )
        assert month["y"] + month["height"] <= strip["y"] + strip["height"] + 0.5, email
        assert max(box(bars.nth(i))["height"] for i in range(bars.count())) > 0, email
        seen = section.locator("p.seen")
        expect(seen).to_be_visible()
        assert re.match(SEEN[email], seen.inner_text()), (email, seen.inner_text())
    # London, Chicago and Kolkata change their clocks on different dates (Kolkata never),
    # so the overlap with Priya and Megan moves during the year; with Sophie it does not.
    for email in COLLEAGUES[:2]:
        changes = page.locator(f'section.card.hours[data-member="{email}"] ul.changes li')
        assert changes.count() >= 1, email
    expect(page.locator(f'section.card.hours[data-member="{SOPHIE}"] ul.changes')).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "hours.png"), full_page=True)


def test_costs_page_report_and_csv(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/costs/")
    conclusion = page.locator("p.conclusion[data-testid=conclusion]")
    expect(conclusion).to_be_visible()
    said = conclusion.inner_text()
    assert "outsourced" in said.lower(), said
    assert "cheaper on fees alone" in said, said

    chart = page.locator("svg.cost-chart")
    expect(chart).to_be_visible()
    class_bars = chart.locator("g.bar.class")
    engagement_bars = chart.locator("g.bar.engagement")
    expect(class_bars).to_have_count(3)
    expect(engagement_bars).to_have_count(4)
    assert sorted(class_bars.evaluate_all("gs => gs.map(g => g.dataset.label)")) == sorted(CLASSES)
    assert sorted(engagement_bars.evaluate_all("gs => gs.map(g => g.dataset.label)")) == sorted(
        ENGAGEMENTS
    )
    widths: dict[str, float] = {}
    for label in CLASSES:
        bar = chart.locator(f'g.bar.class[data-label="{label}"]')
        total = 0.0
        for part in ("fees", "review", "rework"):
            rect = bar.locator(f"rect.{part}")
            expect(rect).to_have_count(1)
            width = box(rect)["width"]
            assert width > 0, (label, part)
            total += width
        widths[label] = total
    for label in ENGAGEMENTS:
        bar = chart.locator(f'g.bar.engagement[data-label="{label}"]')
        expect(bar.locator("rect")).to_have_count(3)
        expect(bar.locator("text.total")).to_have_count(1)
    # Outsourced is the cheapest counted in full, so its bar is shorter than offshored's.
    assert widths["Outsourced"] < widths["Offshored"], widths
    for sourcing in ("in-house", "outsourced", "offshored"):
        expect(page.locator(f'table.costs.classes tr[data-class="{sourcing}"]')).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "1-costs.png"), full_page=True)

    # Printed, the app's page loses its navigation and period form but keeps the figures.
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_have_count(1)
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("form.period")).to_be_hidden()
    expect(conclusion).to_be_visible()
    expect(chart).to_be_visible()
    page.emulate_media(media="screen")

    # The CSV of the same comparison.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename.startswith(f"{demo}-costs-"), download.suggested_filename
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    saved = screenshot_dir / download.suggested_filename
    download.save_as(str(saved))
    lines = saved.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("level,name,sourcing"), lines[0]
    assert len(lines) > 1 + len(CLASSES), lines

    # The printable report: a standalone page, figures only when printed.
    page.get_by_role("link", name="Printable report").click()
    page.wait_for_url(re.compile(rf"/w/{demo}/costs/report/"))
    back = page.get_by_role("link", name="← Back to Costs")
    expect(back).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("nav.workspace-nav")).to_be_hidden()
    expect(back).to_be_hidden()
    report_conclusion = page.locator("p.conclusion[data-testid=conclusion]")
    expect(report_conclusion).to_be_visible()
    assert report_conclusion.inner_text() == said
    report_chart = page.locator("svg.cost-chart")
    expect(report_chart).to_be_visible()
    assert box(report_chart)["width"] > 0
    expect(report_chart.locator("g.bar.class")).to_have_count(3)
    page.screenshot(path=str(screenshot_dir / "2-report-print.png"), full_page=True)
    page.pdf(path=str(screenshot_dir / "report.pdf"), format="A4")


def test_cost_chart_labels_are_not_cut_off(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    """Every bar's name is drawn inside the chart, so none is clipped at its left edge."""
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/costs/")
    chart = page.locator("svg.cost-chart")
    expect(chart).to_be_visible()
    left = box(chart)["x"]
    cut = {}
    for label in (*CLASSES, *ENGAGEMENTS):
        text = chart.locator(f'g.bar[data-label="{label}"] > text').first
        expect(text).to_have_text(label)
        starts = box(text)["x"]
        if starts < left - 0.5:
            cut[label] = round(left - starts, 1)
    chart.screenshot(path=str(screenshot_dir / "chart.png"))
    assert not cut, f"bar labels start left of the chart (px cut off): {cut}"


def test_what_if_offshored_vendor(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    page = log_in(EMMA)
    page.goto(f"{live_server.url}/w/{demo}/costs/")
    page.get_by_role("link", name="What if we hired a new vendor?").click()
    page.wait_for_url(re.compile(rf"/w/{demo}/costs/what-if/"))
    expect(page.locator("#id_currency")).to_have_value("GBP")
    page.select_option("#id_pricing", "per_post")
    page.fill("#id_amount", "25")
    page.fill("#id_currency", "GBP")
    page.select_option("#id_country", "IN")
    page.fill("#id_zone", "Asia/Kolkata")
    page.fill("#id_hours", "mon-fri 10:00-18:00")
    page.fill("#id_posts_per_month", "20")
    page.click("button:has-text('Cost this vendor')")
    result = page.locator("section[data-testid=what-if-result]")
    expect(result).to_be_visible()
    expect(result.locator("h2")).to_contain_text("Offshored vendor")
    sentence = result.locator("p.conclusion").inner_text()
    assert re.match(r"At £[\d,.]+ per post in full, this vendor would cost ", sentence), sentence
    for sourcing in ("in-house", "outsourced", "offshored"):
        assert f"your {sourcing} engagements" in sentence, sentence
    assumptions = result.locator("ul.assumptions li")
    assert assumptions.count() >= 5, assumptions.all_inner_texts()
    expect(page.locator(".errors, span.error")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "what-if.png"), full_page=True)


def test_contributor_cannot_see_costs_but_logs_time(
    live_server: Any, demo: str, log_in: Callable[[str], Any], screenshot_dir: Path
) -> None:
    page = log_in(SOPHIE)
    nav = page.locator("nav.workspace-nav")
    page.goto(f"{live_server.url}/w/{demo}/")
    expect(nav.get_by_role("link", name="Costs")).to_have_count(0)
    expect(nav.get_by_role("link", name="Time")).to_be_visible()
    response = page.goto(f"{live_server.url}/w/{demo}/costs/")
    assert response is not None and response.status == 403
    for path in ("costs/report/", "costs/what-if/"):
        response = page.goto(f"{live_server.url}/w/{demo}/{path}")
        assert response is not None and response.status == 403, path
    response = page.goto(f"{live_server.url}/w/{demo}/time/")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("Time entries")
    expect(page.get_by_role("button", name="Log time")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "time.png"), full_page=True)
