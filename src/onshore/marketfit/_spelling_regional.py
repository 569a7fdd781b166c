"""Regional spellings the VarCon table cannot see.

Swiss Standard German has no "ß": Swiss schools, newspapers and federal texts write
"ss" ("Strasse", "Grüsse", "grosse"; Schweizerische Bundeskanzlei, Schreibweisungen
2017, § 2.2), so a de-CH post with "ß" reads as written in Germany.

And the edge of the road is the "curb" in North America: "kerbside pickup" in a US
post (VarCon has "kerb", which spelling.variant flags, but not "kerbside").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onshore.marketfit._registry import Context, Example, Hit, register
from onshore.marketfit._spelling_sense import sense_hits

# ---------------------------------------------------------------- ß in Switzerland

# A word holding ß (or the capital ẞ), letters of any script around it.
SHARP_S_WORD = re.compile(r"[^\W\d_]*[ßẞ][^\W\d_]*")
SHARP_S_TRIGGER = re.compile("[ßẞ]")


def post_language(context: Context) -> str:
    return (context.post.locale or context.market.language).replace("_", "-").split("-")[0]


@register(
    "spelling.swiss_ss",
    "spelling",
    "warning",
    "{readers} write 'ss' for 'ß': '{suggestion}'",
    markets=("CH", "LI"),
    other_languages=True,
    trigger_pattern=SHARP_S_TRIGGER,
    examples=[
        Example("Herzliche Grüße aus Zürich!", "CH", "Grüße"),
        Example("Unser neuer Laden an der Bahnhofstraße ist offen.", "CH", "Bahnhofstraße"),
        Example("Eine große Auswahl an Velos wartet.", "LI", "große"),
        Example("Herzliche Grüsse aus Zürich!", "CH", None),
        Example("Herzliche Grüße aus Berlin!", "DE", None),
        Example("Herzliche Grüße aus Wien!", "AT", None),
    ],
)
def detect_sharp_s(context: Context) -> Iterator[Hit]:
    if post_language(context).lower() != "de":
        return
    doc = context.doc
    for match in doc.finditer(SHARP_S_WORD):
        word = match.group()
        yield Hit(match.start(), match.end(), word.replace("ß", "ss").replace("ẞ", "SS"))


# ---------------------------------------------------------------- curb in North America

KERB_WORD = re.compile(r"\b(kerbside|kerbstones?)\b", re.IGNORECASE)
CURB_FIX = {"kerbside": "curbside", "kerbstone": "curbstone", "kerbstones": "curbstones"}


@register(
    "spelling.curb_na",
    "spelling",
    "warning",
    "{readers} spell the edge of the road '{suggestion}'",
    markets=("US", "CA"),
    english_only=True,
    trigger_words=("kerbside", "kerbstone", "kerbstones"),
    examples=[
        Example("Kerbside pickup is free all week.", "US", "Kerbside"),
        Example("Free kerbside collection on Mondays.", "CA", "kerbside"),
        Example("Curbside pickup is free all week.", "US", None),
        Example("Kerbside pickup is free all week.", "GB", None),
    ],
)
def detect_kerb_na(context: Context) -> Iterator[Hit]:
    return sense_hits(context, KERB_WORD, CURB_FIX)
