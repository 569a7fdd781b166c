"""Render a text with its findings marked in place (HTML-escaped, spans never overlap)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from onshore.marketfit import Finding
from onshore.posts.checks import CheckedText


@dataclass
class FindingView:
    finding: Finding
    span_text: str  # the characters the finding is about, for dismissals and "apply"

    @property
    def suggested_change(self) -> str:
        """The finding's fix in words, for a reviewer's comment: "replace 'color' with
        'colour'" (or "remove '…'" when the suggestion is to drop the characters)."""
        suggestion = self.finding.suggestion
        if suggestion is None:
            return ""
        if not suggestion:
            return f"remove '{self.span_text}'"
        return f"replace '{self.span_text}' with '{suggestion}'"


@dataclass
class HighlightedText:
    network: str | None
    html: SafeString
    items: list[FindingView]


def highlighted(checked: CheckedText) -> HighlightedText:
    items = [FindingView(f, checked.text[f.start : f.end]) for f in checked.findings]
    return HighlightedText(checked.network, mark_text(checked.text, checked.findings), items)


def mark_text(text: str, findings: list[Finding]) -> SafeString:
    """Wrap each finding's span in <mark>; overlapping spans keep the first one."""
    pieces: list[str] = []
    cursor = 0
    for index, finding in sorted(enumerate(findings), key=lambda pair: pair[1].start):
        if finding.end <= finding.start or finding.start < cursor:
            continue
        pieces.append(escape(text[cursor : finding.start]))
        pieces.append(
            f'<mark class="finding {escape(finding.severity)}" data-finding="{index}" '
            f'title="{escape(finding.message)}">{escape(text[finding.start : finding.end])}</mark>'
        )
        cursor = finding.end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
