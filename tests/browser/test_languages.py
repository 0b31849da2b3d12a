"""The page in another language: chosen from the menu or the browser's wish, kept in the link, and laid out
without English left over or text cut off (the pseudo-language: every message accented and 40 % longer)."""

from __future__ import annotations

import csv
import re

import pytest
from playwright.sync_api import expect

from dashboard.i18n import LANGUAGES
from dashboard.paths import PROJECT_ROOT
from tests.browser.waits import wait_for_charts, wait_until_settled

# Visible text nodes, with what part of them is outside the pseudo-language's [brackets].
TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || !node.textContent.trim()) continue;
    if (parent.closest('script, style, noscript, [aria-hidden="true"], .visually-hidden, #stage')) continue;
    if (parent.closest('svg') ? !parent.getClientRects().length : !parent.offsetParent) continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""
# Elements whose text must fit: buttons, tabs, menus, card titles and badges.
CUT_JS = """() => Array.from(document.querySelectorAll(
    '.btn, .nav-link, .dropdown-toggle, .card-title, .badge, .form-label, .navbar-text'))
  .filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
  .map(el => [el.id || el.className, el.textContent.trim().slice(0, 60), el.scrollWidth, el.clientWidth])"""
# Chart titles that run past their chart's own width.
TITLE_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
  const box = plot.getBoundingClientRect();
  return Array.from(plot.querySelectorAll('.gtitle, .g-xtitle text, .g-ytitle text'))
    .filter(t => { const b = t.getBoundingClientRect();
                   return b.width && (b.left < box.left - 1 || b.right > box.right + 1); })
    .map(t => [plot.parentElement.id, t.textContent.slice(0, 60)]);
})"""


def allowed_words() -> set[str]:
    """Words that stay as they are in every language: the product's name, the languages' own names, codes and
    the sources' publishers and titles (they stay in their own language)."""
    words = {"qps", "Baltic", "Metropoles", "BaltMet", "Eurostat", "NUTS", "EUR", "CSV", "XLSX", "PNG", "SVG", "PDF",
             "PPTX", "Excel", "PowerPoint", "README"}
    for name in LANGUAGES.values():
        words.update(name.split())
    with (PROJECT_ROOT / "data" / "sources.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            words.update(re.findall(r"[A-Za-z]{3,}", f"{row['publisher']} {row['title']}"))
    return words


def english_left(texts: list[str], allowed: set[str]) -> list[str]:
    left = []
    for text in texts:
        outside = re.sub(r"\[[^\[\]]*\]", " ", text)
        words = [w for w in re.findall(r"[A-Za-z]{3,}", outside) if w not in allowed]
        if words:
            left.append(text[:80])
    return left


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_pseudo_language_leaves_no_english_and_cuts_nothing(app_url: str, browser, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{app_url}?lang=qps")
        wait_for_charts(page)
        wait_until_settled(page)
        expect(page.locator("html")).to_have_attribute("lang", "qps")
        left = english_left(page.evaluate(TEXTS_JS), allowed_words())
        assert not left, f"{len(left)} text(s) stayed English: {left[:25]}"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        assert page.evaluate(CUT_JS) == []
        assert page.evaluate(TITLE_JS) == []
    finally:
        context.close()


def test_the_menu_switches_language_and_keeps_the_view(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{app_url}?focus=riga")
        wait_for_charts(page)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.locator("#language-menu .dropdown-toggle").click()
        page.locator("#language-menu a.dropdown-item", has_text="Suomi").click()
        expect(page.locator("html")).to_have_attribute("lang", "fi")
        wait_for_charts(page)
        expect(page).to_have_url(re.compile(r"focus=riga.*lang=fi|lang=fi.*focus=riga"))
        expect(page.locator("#language-menu .dropdown-toggle")).to_contain_text("Suomi")
        page.go_back()  # the address in English: the page is drawn in English again
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


def test_a_first_visit_takes_the_browsers_language(app_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  extra_http_headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    page = context.new_page()
    try:
        page.goto(app_url)
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        wait_for_charts(page)
        expect(page).to_have_url(re.compile(r"lang=pl"))  # the link that is shared keeps the language
        expect(page.locator("#language-menu .dropdown-toggle")).to_contain_text("Polski")
    finally:
        context.close()
