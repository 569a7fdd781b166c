"""What the zone rules beyond English cost: the non-English bench posts, with a zone
sentence added to a share of them, checked with and without the three rules
(``Options.disabled``), passes alternated so machine load hits both alike.

    .venv/bin/python bench/bench_zone_languages.py [--posts 30000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_marketfit import make_foreign_posts  # noqa: E402

from onshore.marketfit import Options, Post, check, native  # noqa: E402

ZONE_SENTENCES = {
    "DE": ("Livestream um 18 Uhr EST.", "Start um 20 Uhr MEZ.", "Heute live um 19 Uhr!"),
    "FR": ("Live jeudi à 18h GMT !", "À 20h, heure de New York.", "Live à 18h (heure d'été)."),
    "BR": ("Live na terça às 19h!", "Live às 19h, horário de verão.", "Abrimos das 9h às 18h."),
    "ES": ("Directo a las 20:30.", "Directo a las 18:00 hora peninsular."),
    "JP": ("ライブ配信は午前10時(PST)から。", "午後6時(日本時間)から。"),
    "IT": ("Diretta alle 18 EST.", "Diretta alle 18:00 ora legale."),
    "NL": ("Webinar om 18.00 uur EST.", "Webinar om 20.00 uur zomertijd."),
}
RULES = ("timezone.other_market_clock", "timezone.missing_zone_event", "timezone.season_words")


def make_posts(count: int, share: float) -> list[Post]:
    rng = random.Random(11)
    posts = []
    for text, market, locale, network, at in make_foreign_posts(count):
        if market in ZONE_SENTENCES and rng.random() < share:
            text = (text + " " + rng.choice(ZONE_SENTENCES[market]))[:280]
        posts.append(Post(text, market, locale=locale, network=network, at=at))
    return posts


def best_rates(posts: list[Post], passes: int) -> dict[str, float]:
    options = {"with": Options(), "without": Options(disabled=frozenset(RULES))}
    for post in posts[:2000]:  # warm the caches of both
        for option in options.values():
            check(post, option)
    best = dict.fromkeys(options, 0.0)
    for _ in range(passes):
        for name, option in options.items():
            began = time.perf_counter()
            for post in posts:
                check(post, option)
            best[name] = max(best[name], len(posts) / (time.perf_counter() - began))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=30_000)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    print(f"implementation: {native.implementation}")
    print("| posts with a zone sentence | with the rules | without | ratio |")
    print("|---|---|---|---|")
    for share in (0.0, 0.5):
        rates = best_rates(make_posts(args.posts, share), args.passes)
        ratio = rates["with"] / rates["without"]
        print(
            f"| {share:.0%} | {rates['with']:,.0f} posts/s | {rates['without']:,.0f} posts/s "
            f"| {ratio:.2f} |"
        )


if __name__ == "__main__":
    main()
