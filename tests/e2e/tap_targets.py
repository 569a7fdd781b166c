"""Thumb-sized controls (issue 15, point 4; WCAG 2.5.5, Apple's HIG): on a phone every
control a person taps offers at least 44 × 44 CSS px. The browser measures each one's
box and we list the ones under it, by a selector a person can find and their size.

What counts: links, buttons, fields, selects, text areas and <summary> (menus, "Move…")
that are rendered. A checkbox or radio button counts with its label (tapping either
ticks it). Left out, as WCAG 2.5.5 leaves them out: a plain link inside running text (an
inline link whose paragraph has words of its own beside it), and what is not shown
(a closed menu's items, screen-reader text, hidden fields). The name of each small one
is its closest holder with an id or class, then its own tag, id and classes, and text.
"""

from __future__ import annotations

from typing import Any

SMALLEST = 44  # CSS px, both ways

MEASURE = """(smallest) => {
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const INTERACTIVE = "a, button, input, select, textarea, summary, label";
  const WORDS = /[\\p{L}\\p{N}]/u;

  const isInline = (el) => ["inline", "contents"].includes(getComputedStyle(el).display);
  // A link inside a sentence: shown inline, in a block that has words outside any control.
  function inRunningText(el) {
    if (el.tagName !== "A" || !isInline(el) || el.getAttribute("role") === "button") return false;
    let block = el.parentElement;
    while (block && isInline(block)) block = block.parentElement;
    if (!block) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(INTERACTIVE)) continue;
      if (WORDS.test(node.textContent)) return true;
    }
    return false;
  }
  // The box a tap lands in: a checkbox's or radio button's label counts with it.
  function targetBox(el) {
    const own = el.getBoundingClientRect();
    if (!el.matches("input[type=checkbox], input[type=radio]")) return own;
    const label = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`));
    if (!label) return own;
    const pair = label.getBoundingClientRect();
    const left = Math.min(own.left, pair.left), top = Math.min(own.top, pair.top);
    const right = Math.max(own.right, pair.right), bottom = Math.max(own.bottom, pair.bottom);
    return { width: right - left, height: bottom - top };
  }
  function describe(el) {
    const name = el.tagName.toLowerCase();
    const id = el.id ? `#${el.id}` : "";
    const classes = [...el.classList].slice(0, 2).map((c) => `.${c}`).join("");
    const holder = el.parentElement.closest("[id]:not(main), [class]");
    const within = !holder ? "" : holder.id ? `#${holder.id} ` : `.${holder.classList[0]} `;
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "")
      .replace(/\\s+/g, " ").trim().slice(0, 30);
    return `${within}${name}${id}${classes}` + (text ? ` "${text}"` : "");
  }

  const small = [];
  for (const el of document.querySelectorAll(CONTROLS)) {
    // Not shown: display none, a closed <details>'s content, visibility hidden.
    if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // screen-reader text (1 px, clipped)
    if (inRunningText(el)) continue;
    const target = targetBox(el);
    const width = Math.round(target.width), height = Math.round(target.height);
    if (width < smallest || height < smallest) small.push({ control: describe(el), width, height });
  }
  return small;
}"""


def too_small(page: Any) -> list[dict[str, Any]]:
    """The controls on the page whose tap target is under 44 × 44 CSS px."""
    return list(page.evaluate(MEASURE, SMALLEST))


def describe(found: list[dict[str, Any]]) -> str:
    """One line per distinct control: what it is and its size, with how often it recurs."""
    counts: dict[str, int] = {}
    for item in found:
        line = f"{item['control']}: {item['width']} × {item['height']}"
        counts[line] = counts.get(line, 0) + 1
    return "\n".join(f"{line}" + (f" (×{n})" if n > 1 else "") for line, n in counts.items())
