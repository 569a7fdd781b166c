"""The editor's findings panel: one section per text the post publishes (the main text,
each network's own, each image's alt text), one for its media, one for its time.

The page (saved post) and the as-you-type check (form as typed) both build the panel
here and render it with the one partial ``posts/_findings.html``, so they show the same
findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from onshore import marketfit
from onshore.posts.checks import CheckedText, PostCheck
from onshore.posts.highlight import FindingView, mark_text

# Networks whose counters the main text shows while no network is chosen yet.
DEFAULT_COUNTED = ("x", "bluesky", "mastodon")


@dataclass
class LengthCounter:
    network: str
    used: int
    limit: int

    @property
    def over(self) -> bool:
        return self.used > self.limit


@dataclass
class Section:
    """The findings about one text (or the scheduled time), under a heading naming it."""

    heading: str
    field_id: str  # the textarea an "Apply" button edits; "" for the scheduled time
    html: SafeString | None = None
    items: list[FindingView] = field(default_factory=list)
    counters: list[LengthCounter] = field(default_factory=list)
    empty_note: str = "No findings."
    # How a reviewer's comment suggesting one of these findings' fixes starts.
    suggest_prefix: str = "Suggest"
    name: str = ""  # names a section about no text (the page's data-text), as "media"
    # Under the heading: the scheduled time's day and clock in the market's zone and the
    # viewer's, since the checker's timing findings can only speak of the market's.
    when: str = ""


def network_label(network: str) -> str:
    rules = marketfit.NETWORK_RULES.get(network)
    return rules.label if rules else network


def sections(result: PostCheck, *, scheduled: bool, when: str = "") -> list[Section]:
    """The main text (with every network posting it), each variant, then the time.

    The main text is checked once in full and once more per further network for length
    only; those checks are one text, so they make one section. Timing findings belong
    to the post's time, not to a text: they are shown once, in their own section.
    """
    texts = [checked for checked in result.texts if checked.about is None]
    main = [checked for checked in texts if not checked.is_variant]
    variants = [checked for checked in texts if checked.is_variant]
    found = [_main_section(main)] if main else []
    found += [_variant_section(checked) for checked in variants]
    found += [_alt_section(c) for c in result.texts if c.alt_of is not None]
    found += [_media_section(c) for c in result.texts if c.about == "media"]
    timing = _timing_items(result.texts)
    if scheduled or timing:
        found.append(
            Section(
                "Scheduled time",
                "",
                items=timing,
                empty_note="No findings about the time.",
                when=when,
            )
        )
    return found


def _main_section(checks: list[CheckedText]) -> Section:
    text = checks[0].text
    networks = sorted((checked.network for checked in checks if checked.network), key=editor_order)
    names = ", ".join(network_label(n) for n in networks)
    findings = [f for checked in checks for f in checked.findings if f.category != "timing"]
    return Section(
        f"Main text ({names})" if names else "Main text",
        "id_text",
        mark_text(text, findings),
        [FindingView(f, text[f.start : f.end]) for f in findings],
        [_counter(text, n) for n in (networks or DEFAULT_COUNTED)],
        "No findings on the main text.",
    )


def _variant_section(checked: CheckedText) -> Section:
    network = checked.network or ""
    label = network_label(network)
    findings = [f for f in checked.findings if f.category != "timing"]
    return Section(
        f"{label} version",
        f"id_variant_{network}",
        mark_text(checked.text, findings),
        [FindingView(f, checked.text[f.start : f.end]) for f in findings],
        [_counter(checked.text, network)],
        f"No findings on the {label} version.",
        f"Suggest for the {label} version",
    )


def _alt_section(checked: CheckedText) -> Section:
    """An image's alt text, checked like the post's text: its findings marked in it."""
    about = checked.about or "alt text"
    return Section(
        about[:1].upper() + about[1:],
        f"id_media_{(checked.alt_of or 1) - 1}_alt",
        mark_text(checked.text, checked.findings),
        [FindingView(f, checked.text[f.start : f.end]) for f in checked.findings],
        empty_note=f"No findings on the {about}.",
        suggest_prefix=f"Suggest for the {about}",
    )


def _media_section(checked: CheckedText) -> Section:
    """The files against each network's media rules: each message names the network
    and the file; "info" ones onshore fixes itself when it publishes."""
    return Section(
        "Media",
        "",
        items=[FindingView(f, "") for f in checked.findings],
        empty_note="The media fits every chosen network.",
        name="media",
    )


def _timing_items(texts: list[CheckedText]) -> list[FindingView]:
    """Timing findings once each, though every text was checked at the same time."""
    seen: set[tuple[str, str]] = set()
    items = []
    for checked in texts:
        for finding in checked.findings:
            key = (finding.rule, finding.message)
            if finding.category == "timing" and key not in seen:
                seen.add(key)
                items.append(FindingView(finding, checked.text[finding.start : finding.end]))
    return items


def editor_order(network: str) -> int:
    """Networks in the order the editor lists them (NETWORK_RULES), whatever was stored."""
    order = list(marketfit.NETWORK_RULES)
    return order.index(network) if network in order else len(order)


def _counter(text: str, network: str) -> LengthCounter:
    used, limit = marketfit.count_length(text, network)
    return LengthCounter(network, used, limit)
