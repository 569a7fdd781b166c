"""Quotation marks: English ones ("…", “…”) in a locale whose quotation marks are other
characters (CLDR delimiters: „…“ de, « … » fr, 「…」 ja, ”…” sv).

Locales whose own marks are English-looking (“…” es, pt; ‘…’ nl) are left alone: there a
straight quote is only the keyboard's form of the same mark. Quoted text is masked from
every other rule (_text.py), so this rule reads the post's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._locale_formats import LocaleFormats, post_formats
from onshore.marketfit._registry import Context, Example, Hit, register

QUOTED = re.compile(r"\"(?P<a>[^\"\n]{1,280})\"|“(?P<b>[^”\n]{1,280})”")
# German low-high quotes („…“, „…”, „…"), flagged where the locale's marks are others.
LOW_QUOTED = re.compile(r"„(?P<c>[^„“”\"\n]{1,280})[“”\"]")
# Guillemets with nothing between them and the words: French puts a space inside.
TIGHT_GUILLEMETS = re.compile(r"«(?P<d>[^\s«»][^«»\n]{0,278}[^\s«»]|[^\s«»])»")
# Swiss Standard German quotes with guillemets, not „…“: Schweizerische Bundeskanzlei,
# Schreibweisungen (2023), 4.3 "Anführungszeichen"; Duden, Schweizerhochdeutsch. CLDR's
# de_CH delimiters inherit de's „…“, so these two are kept here by hand.
QUOTE_OVERRIDES = {"de_CH": ("«", "»"), "de_LI": ("«", "»")}
ENGLISH_LOOKING = ("“", "‘", '"')
# French typography puts a no-break space inside « »; CLDR's delimiters hold the marks
# alone, so the space is added here.
SPACED_INSIDE = frozenset({"fr"})


def checked_quotes(formats: LocaleFormats) -> tuple[str, str] | None:
    if formats.locale in QUOTE_OVERRIDES:
        return QUOTE_OVERRIDES[formats.locale]
    if formats.quotes is None or formats.quotes[0] in ENGLISH_LOOKING:
        return None
    return formats.quotes


@register(
    "format.quotes",
    "format",
    "info",
    "{readers} quote with {marks}: write '{suggestion}'",
    other_languages=True,
    examples=[
        Example('Unser Motto: "Weniger ist mehr" gilt.', "DE", '"Weniger ist mehr"'),
        Example("Notre devise : “moins, c’est mieux” toujours.", "FR", "“moins, c’est mieux”"),
        Example('新商品は"限定版"です。', "JP", '"限定版"'),
        Example("Unser Motto: „Weniger ist mehr“ gilt.", "DE", None),
        Example('Nuestro lema: "menos es más" siempre.', "ES", None),
        Example('Schau in `config "x"` nach.', "DE", None),
        Example("Unser Motto: „Weniger ist mehr“ gilt.", "CH", "„Weniger ist mehr“"),
        Example('Unser Motto: "Weniger ist mehr" gilt.', "CH", '"Weniger ist mehr"'),
        Example("Notre devise : „moins, c’est mieux“ toujours.", "FR", "„moins, c’est mieux“"),
        Example("Unser Motto: «Weniger ist mehr» gilt.", "CH", None),
        Example("Notre devise : « moins, c’est mieux » toujours.", "FR", None),
    ],
)
def detect_quotes(context: Context) -> Iterator[Hit]:
    text = context.post.text
    if '"' not in text and "“" not in text and "„" not in text:
        return
    formats = post_formats(context)
    if formats is None:
        return
    marks = checked_quotes(formats)
    if marks is None:
        return
    opening, closing = marks
    if formats.language in SPACED_INSIDE:
        opening, closing = opening + "\u00a0", "\u00a0" + closing
    patterns = [QUOTED] if opening.startswith("„") else [QUOTED, LOW_QUOTED]
    for match in (m for pattern in patterns for m in pattern.finditer(text)):
        groups = match.groupdict()
        inner = groups.get("a") or groups.get("b") or groups.get("c") or ""
        if "`" in inner or "://" in inner or not inner.strip():
            continue
        if text.count("`", 0, match.start()) % 2:
            continue  # inside code, which no rule reads
        yield Hit(
            match.start(),
            match.end(),
            f"{opening}{inner.strip()}{closing}",
            {"marks": f"{marks[0]} {marks[1]}"},
        )


@register(
    "format.quote_spacing",
    "format",
    "info",
    "{readers} put a space inside « »: write '{suggestion}'",
    other_languages=True,  # no trigger: quoted text is blanked in the masked copy
    examples=[
        Example("Notre devise : «moins, c’est mieux» toujours.", "FR", "«moins, c’est mieux»"),
        Example("Notre devise : « moins, c’est mieux » toujours.", "FR", None),
        Example("Unser Motto: «Weniger ist mehr» gilt.", "CH", None),
    ],
)
def detect_quote_spacing(context: Context) -> Iterator[Hit]:
    if "«" not in context.post.text:
        return
    formats = post_formats(context)
    if formats is None or formats.language not in SPACED_INSIDE:
        return
    text = context.post.text
    for match in TIGHT_GUILLEMETS.finditer(text):
        yield Hit(match.start(), match.end(), f"«\u00a0{match.group('d')}\u00a0»")
