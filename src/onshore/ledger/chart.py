"""The cost-per-post bar chart: one stacked bar per sourcing class and per engagement.

Server-rendered SVG (no JavaScript, prints as it shows): each bar is split into fees,
review effort and rework per published post, so the eye sees both which costs more and
why. A class without enough posts gets no bar, only the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from onshore.costs import ClassSummary, Money
from onshore.ledger.report import CostReport

WIDTH, ROW, BAR = 760, 30, 18
TOTAL_SPACE = 150  # room right of the bars for the cost per post
# Labels are right-aligned in a margin sized to the longest one. SVG text does not wrap
# and the browser clips what leaves the viewBox, so a long engagement name is shortened
# (the full name stays in a tooltip) rather than cut off at the edge.
LABEL_CHARS = 40
CHAR_WIDTH = 7  # px per character at 12 px, generous for proportional fonts
PARTS = (("fees", "Fees"), ("review", "Review effort"), ("rework", "Rework"))


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[Decimal, Decimal, Decimal] | None  # per post: fees, review, rework
    total: str  # formatted cost per post, or why there is none
    group: str  # "class" or "engagement"


def bars(report: CostReport) -> list[Bar]:
    result = []
    for summary in report.comparison.classes:
        posts = summary.posts_published
        per_post = summary.cost_per_post
        parts = None
        if summary.enough_data and per_post is not None:
            parts = tuple(_per(value, posts) for value in _terms(summary))
        result.append(
            Bar(
                summary.sourcing.capitalize(),
                parts,  # type: ignore[arg-type]
                report.money(per_post) if parts else summary.missing_data() or "no data",
                "class",
            )
        )
    for row in report.rows:
        cost = row.cost
        posts = row.measured.posts
        if cost is None or not posts:
            reason = row.problem or "no published posts"
            result.append(Bar(row.engagement.name, None, reason, "engagement"))
            continue
        terms = (cost.fees, cost.review_effort, cost.rework)
        result.append(
            Bar(
                row.engagement.name,
                tuple(_per(value, posts) for value in terms),  # type: ignore[arg-type]
                report.money(cost.cost_per_post),
                "engagement",
            )
        )
    return result


def _terms(summary: ClassSummary) -> tuple[Money, Money, Money]:
    return (summary.fees, summary.review_effort, summary.rework)


def _per(money: Money, posts: int) -> Decimal:
    return money.amount / posts


def short_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def label_width(rows: list[Bar]) -> int:
    longest = max((len(short_label(bar.label)) for bar in rows), default=10)
    return longest * CHAR_WIDTH + 16


def cost_chart(report: CostReport) -> SafeString:
    rows = bars(report)
    margin = label_width(rows)
    biggest = max((sum(bar.parts, Decimal(0)) for bar in rows if bar.parts), default=Decimal(0))
    height = ROW * (len(rows) + 2)
    out: list[str] = [
        format_html(
            '<svg class="cost-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-labelledby="cost-chart-title">'
            '<title id="cost-chart-title">Cost per published post, counted in full, in {}'
            "</title>",
            WIDTH,
            height,
            WIDTH,
            height,
            report.currency,
        )
    ]
    y = 0
    for index, bar in enumerate(rows):
        if index and bar.group != rows[index - 1].group:
            y += ROW // 2  # a gap between the classes and the engagements
        out.append(_bar(bar, y, biggest, margin))
        y += ROW
    out.append(_legend(y + ROW // 2, margin))
    out.append("</svg>")
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 (escaped above)


def _bar(bar: Bar, y: int, biggest: Decimal, margin: int) -> str:
    weight = "bold" if bar.group == "class" else "normal"
    pieces = [
        format_html(
            '<g class="bar {}" data-label="{}"><title>{}</title><text x="{}" y="{}" '
            'text-anchor="end" font-weight="{}">{}</text>',
            bar.group,
            bar.label,
            bar.label,
            margin - 8,
            y + BAR - 4,
            weight,
            short_label(bar.label),
        )
    ]
    x = Decimal(margin)
    bar_space = WIDTH - margin - TOTAL_SPACE
    if bar.parts and biggest > 0:
        for (css, name), value in zip(PARTS, bar.parts, strict=True):
            width = value / biggest * bar_space
            pieces.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}</title></rect>",
                    css,
                    f"{x:.1f}",
                    y,
                    f"{width:.1f}",
                    BAR,
                    name,
                )
            )
            x += width
    pieces.append(
        format_html(
            '<text class="{}" x="{}" y="{}">{}</text></g>',
            "total" if bar.parts else "missing",
            f"{x + 6:.1f}",
            y + BAR - 4,
            bar.total,
        )
    )
    return "".join(str(piece) for piece in pieces)


def _legend(y: int, margin: int) -> str:
    items, x = [], margin
    for css, name in PARTS:
        items.append(
            f'<rect class="{css}" x="{x}" y="{y}" width="12" height="12"></rect>'
            f'<text x="{x + 16}" y="{y + 11}">{escape(name)}</text>'
        )
        x += 130
    return '<g class="legend">' + "".join(items) + "</g>"
