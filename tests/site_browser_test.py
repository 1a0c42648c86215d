"""The site in a real browser: Debian's Chromium driven by Playwright, served from 127.0.0.1.

The site is built by ``listbot site`` from a small list (one paper with a hostile title
and authors among them); every request the page makes is routed, and any that is not
for 127.0.0.1 fails the test. Screenshots at desktop and phone widths are saved in the
run's temporary folder (the path is printed) for review.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser import browser_context, chromium_path, serve
from conftest import CONFIG, RAY
from listbot.cli import main

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium not found at /usr/bin/chromium "
    "(.ci/run installs it: apt-get install chromium)",
)

ENTRIES = {
    "ray-osdi18.yaml": RAY,
    "clipper-nsdi17.yaml": """\
        title: 'Clipper: A Low-Latency Online Prediction Serving System'
        authors: [Daniel Crankshaw, Xin Wang]
        venue: NSDI
        year: 2017
        category: inference
        links:
          code: https://github.com/ucbrise/clipper
        tags: [serving]
        """,
    "gandiva-osdi18.yaml": """\
        title: 'Gandiva: Introspective Cluster Scheduling for Deep Learning'
        authors: [Wencong Xiao]
        venue: OSDI
        year: 2018
        category: cluster-management
        tags: [scheduling]
        """,
    "horovod-neurips17.yaml": """\
        title: 'Horovod: fast and easy distributed deep learning'
        authors: [Alexander Sergeev]
        venue: NeurIPS
        year: 2017
        category: training
        links:
          code: https://github.com/horovod/horovod
        tags: [distributed]
        """,
    "pipedream-eurosys19.yaml": """\
        title: 'PipeDream: Generalized Pipeline Parallelism for DNN Training'
        authors: [Deepak Narayanan]
        venue: EuroSys
        year: 2019
        category: training
        """,
    "evil-eurosys19.yaml": """\
        title: 'Evil <img src=x onerror="window.__pwned=1"> paper'
        authors: ['<script>window.__pwned=2</script>']
        venue: EuroSys
        year: 2019
        category: inference
        links:
          paper: 'https://example.org/"><img/src=x/onerror="window.__pwned=3">'
        doi: 10.1234/x"onmouseover="window.__pwned=4"
        note: '<b onclick="window.__pwned=5">bold</b>'
        """,
}
EVIL_TITLE = 'Evil <img src=x onerror="window.__pwned=1"> paper'
RAY_TITLE = "Ray: A Distributed Framework for Emerging AI Applications"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``listbot site`` builds it, plus a copy whose papers.json was tampered with."""
    root = tmp_path_factory.mktemp("list")
    (root / "listbot.yml").write_text(CONFIG, encoding="utf-8")
    (root / "entries").mkdir()
    for name, text in ENTRIES.items():
        (root / "entries" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    code = main(
        ["--config", str(root / "listbot.yml"), "site", "-o", str(root / "_site")],
        env={"XDG_CACHE_HOME": str(root / ".cache")},
        today=date(2026, 11, 28),
    )
    assert code == 0
    return root / "_site"


@pytest.fixture(scope="module")
def context(site: Path) -> Iterator[tuple[Any, str, list[str]]]:
    """(browser context, base URL, requests that tried to leave 127.0.0.1)."""
    assert CHROMIUM is not None
    outside: list[str] = []
    with (
        serve(site) as base,
        browser_context(CHROMIUM, viewport={"width": 1280, "height": 900}) as ctx,
    ):
        ctx.set_default_timeout(10_000)
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))

        def route(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).hostname == "127.0.0.1":
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        ctx.route("**/*", route)
        yield ctx, base, outside
        assert outside == [], f"requests left the page: {outside}"


@pytest.fixture
def page(context: tuple[Any, str, list[str]]) -> Iterator[Any]:
    ctx, _base, outside = context
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def dialog(dialog: Any) -> None:
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dialog)
    yield page
    page.close()
    assert errors == []
    assert outside == []


def open_site(page: Any, base: str, query: str = "") -> None:
    page.goto(base + query)
    page.wait_for_selector("html[data-ready='1']")


def titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#papers .paper .title").all_text_contents()]


def count(page: Any) -> str:
    return str(page.text_content("#count"))


def base_of(context: tuple[Any, str, list[str]]) -> str:
    return context[1]


def test_every_paper_is_listed_in_list_order(page: Any, context: Any, site: Path) -> None:
    open_site(page, base_of(context))
    published = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert titles(page) == [p["title"] for p in published["papers"]]
    assert count(page) == "Showing all 6 papers"


def test_search_narrows_the_list(page: Any, context: Any) -> None:
    open_site(page, base_of(context))
    page.fill("#q", "pipe")
    assert titles(page) == ["PipeDream: Generalized Pipeline Parallelism for DNN Training"]
    assert count(page) == "Showing 1 of 6 papers"
    page.fill("#q", "moritz")  # an author
    assert titles(page) == [RAY_TITLE]
    page.fill("#q", "serving")  # a tag
    assert titles(page) == ["Clipper: A Low-Latency Online Prediction Serving System"]
    page.fill("#q", "osdi learning")  # every word must match, venue included
    assert titles(page) == ["Gandiva: Introspective Cluster Scheduling for Deep Learning"]
    page.fill("#q", "no such paper")
    assert titles(page) == []
    assert count(page) == "Showing 0 of 6 papers"


def test_filters_combine(page: Any, context: Any) -> None:
    open_site(page, base_of(context))
    page.select_option("#category", "deep-learning")  # a parent takes its children's papers
    assert len(titles(page)) == 5
    page.check("#code")
    assert sorted(titles(page)) == [
        "Clipper: A Low-Latency Online Prediction Serving System",
        "Horovod: fast and easy distributed deep learning",
        RAY_TITLE,
    ]
    page.fill("#from", "2018")
    assert titles(page) == [RAY_TITLE]
    page.fill("#from", "")
    page.fill("#to", "2017")
    page.select_option("#venue", "NSDI")
    assert titles(page) == ["Clipper: A Low-Latency Online Prediction Serving System"]
    page.click("#reset")
    expect(page.locator("#papers .paper")).to_have_count(6)
    assert page.url == base_of(context)


def test_the_url_keeps_and_restores_search_filters_and_sort(page: Any, context: Any) -> None:
    base = base_of(context)
    open_site(page, base)
    page.fill("#q", "distributed")
    page.select_option("#sort", "new")
    page.fill("#from", "2017")
    page.check("#code")
    shared = page.url
    assert "q=distributed" in shared and "sort=new" in shared and "code=1" in shared
    shown = titles(page)
    assert shown == [RAY_TITLE, "Horovod: fast and easy distributed deep learning"]

    other = page.context.new_page()
    try:
        open_site(other, shared)
        assert titles(other) == shown
        assert other.input_value("#q") == "distributed"
        assert other.input_value("#sort") == "new"
        assert other.input_value("#from") == "2017"
        assert other.is_checked("#code")
        assert count(other) == "Showing 2 of 6 papers"
    finally:
        other.close()
    # Values that are not a choice of the page are ignored, not trusted.
    open_site(page, base, "?category=%3Cimg%3E&sort=evil&from=x1&venue=NSDI")
    assert page.input_value("#category") == ""
    assert page.input_value("#sort") == ""
    assert page.input_value("#from") == ""
    assert titles(page) == ["Clipper: A Low-Latency Online Prediction Serving System"]


def test_each_paper_has_an_anchor_that_shows_it(page: Any, context: Any) -> None:
    open_site(page, base_of(context), "#pipedream-eurosys19")
    target = page.locator(".paper.target")
    assert target.get_attribute("id") == "pipedream-eurosys19"
    assert target.is_visible()
    anchor = page.locator("#ray-osdi18 a.anchor")
    assert anchor.get_attribute("href") == "#ray-osdi18"


def test_copy_bibtex_puts_that_papers_entry_on_the_clipboard(
    page: Any, context: Any, site: Path
) -> None:
    open_site(page, base_of(context))
    page.click("#ray-osdi18 button.copy")
    expect(page.locator("#ray-osdi18 button.copy")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    published = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    key = next(p["bibtex_key"] for p in published["papers"] if p["id"] == "ray-osdi18")
    bib = (site / "papers.bib").read_text(encoding="utf-8")
    block = re.search(r"^@\w+\{" + re.escape(key) + r",.*?^\}$", bib, re.MULTILINE | re.DOTALL)
    assert block is not None
    assert copied == block.group(0) + "\n"
    assert "Ray: A Distributed Framework" in copied


def test_a_hostile_entry_renders_as_text_and_runs_nothing(page: Any, context: Any) -> None:
    open_site(page, base_of(context))
    row = page.locator("#evil-eurosys19")
    assert row.locator(".title").text_content() == EVIL_TITLE
    assert row.locator(".authors").text_content() == "<script>window.__pwned=2</script>"
    assert row.locator(".note").text_content() == '<b onclick="window.__pwned=5">bold</b>'
    assert page.locator("#papers img, #papers script, #papers b").count() == 0
    row.locator(".note").click()
    row.hover()
    assert page.evaluate("window.__pwned") is None
    # The link's value stays inside its attribute.
    href = row.locator("a.title").get_attribute("href")
    assert href.startswith("https://example.org/") and not set(href) & set('"<> ')


def test_a_javascript_link_in_the_data_is_not_made_a_link(
    site: Path, context: Any, tmp_path: Path
) -> None:
    """listbot never publishes such a link (LB113); the page does not trust its data either."""
    ctx, _base, _outside = context
    published = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    for paper in published["papers"]:
        if paper["id"] == "ray-osdi18":
            paper["links"] = {
                "paper": "javascript:window.__pwned=6",
                "code": "JavaScript:window.__pwned=7",
                "video": "data:text/html,<script>window.__pwned=8</script>",
            }
    folder = tmp_path / "tampered"
    folder.mkdir()
    for item in site.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    (folder / "papers.json").write_text(json.dumps(published), encoding="utf-8")
    page = ctx.new_page()
    try:
        with serve(folder) as base:
            open_site(page, base)
            row = page.locator("#ray-osdi18")
            assert row.locator(".title").text_content() == RAY_TITLE
            hrefs = [a.get_attribute("href") or "" for a in row.locator("a").all()]
            assert all(h.startswith(("https://", "#")) for h in hrefs), hrefs
            assert row.locator("span.title").count() == 1  # no link at all for the title
            row.locator(".title").click()
            assert page.evaluate("window.__pwned") is None
    finally:
        page.close()


def test_keyboard_slash_focuses_search_and_escape_clears_it(page: Any, context: Any) -> None:
    open_site(page, base_of(context))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("ray")
    assert page.input_value("#q") == "ray"  # the slash itself was not typed
    page.keyboard.press("Escape")
    assert page.input_value("#q") == ""
    assert count(page) == "Showing all 6 papers"
    page.keyboard.press("Tab")  # focus moves on, visibly
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_theme_follows_the_system_and_the_toggle(page: Any, context: Any) -> None:
    page.emulate_media(color_scheme="dark")
    open_site(page, base_of(context))
    background = "getComputedStyle(document.body).backgroundColor"
    dark = page.evaluate(background)
    assert page.text_content("#theme") == "Light"
    page.click("#theme")
    light = page.evaluate(background)
    assert dark != light and light == "rgb(255, 255, 255)"
    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    assert page.evaluate(background) == light  # the choice is remembered
    page.evaluate("localStorage.clear()")


def test_screenshots_at_desktop_and_phone_width(
    page: Any, context: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("screenshots")
    open_site(page, base_of(context))
    page.screenshot(path=str(folder / "desktop.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    open_site(page, base_of(context), "?q=learning")
    # Nothing is wider than the phone; the search box and the rows fit.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#q").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator(".paper").first.bounding_box()["width"] <= 390
    page.fill("#q", "pipe")
    assert count(page) == "Showing 1 of 6 papers"
    page.screenshot(path=str(folder / "phone.png"), full_page=True)
    for name in ("desktop.png", "phone.png"):
        assert (folder / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshots: {folder}")


def test_a_long_list_is_shown_in_chunks_and_an_anchor_reaches_any_row(
    context: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Rows are added 50 at a time as the reader scrolls; a link to row 230 still shows it."""
    ctx, _base, _outside = context
    root = tmp_path_factory.mktemp("long")
    (root / "listbot.yml").write_text(CONFIG, encoding="utf-8")
    (root / "entries").mkdir()
    for i in range(240):
        (root / "entries" / f"paper-{i:03d}.yaml").write_text(
            f"title: 'Paper number {i:03d}'\nvenue: OSDI\nyear: {2000 + i % 20}\n"
            "category: training\n",
            encoding="utf-8",
        )
    code = main(
        ["--config", str(root / "listbot.yml"), "site", "-o", str(root / "_site")],
        env={"XDG_CACHE_HOME": str(root / ".cache")},
        today=date(2026, 11, 28),
    )
    assert code == 0
    page = ctx.new_page()
    try:
        with serve(root / "_site") as base:
            open_site(page, base)
            assert count(page) == "Showing all 240 papers"
            assert page.locator("#papers .paper").count() == 50
            page.locator("#more").scroll_into_view_if_needed()
            expect(page.locator("#papers .paper")).to_have_count(100)
            page.fill("#q", "number 23")  # a new search starts again from its first chunk
            wanted = [f"Paper number {i:03d}" for i in range(240) if "23" in f"{i:03d}"]
            assert count(page) == f"Showing {len(wanted)} of 240 papers"
            assert titles(page) == wanted

            open_site(page, base, "#paper-230")
            target = page.locator(".paper.target")
            assert target.get_attribute("id") == "paper-230"
            assert target.is_visible()
    finally:
        page.close()
