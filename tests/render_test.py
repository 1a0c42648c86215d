from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import CONFIG
from listbot.config import Config, build_config
from listbot.entries import Entry
from listbot.render import (
    BEGIN,
    END,
    MarkerError,
    escape,
    github_anchor,
    paper_line,
    render_list,
    sort_entries,
    splice,
)
from listbot.yamlsafe import Document, parse_yaml


@pytest.fixture(scope="module")
def config() -> Config:
    doc = parse_yaml(CONFIG.encode())
    assert isinstance(doc, Document)
    return build_config(doc.data, root=Path("."))


def make(
    title: str, venue: str = "OSDI", year: int = 2018, category: str = "training", **extra: object
) -> Entry:
    data = {"title": title, "venue": venue, "year": year, "category": category, **extra}
    return Entry.create(f"entries/{abs(hash(title))}.yaml", data)


def tokens(markdown: str) -> list[str]:
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    found = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for tok in items:
            found.append(tok.type)
            if tok.children:
                walk(tok.children)

    walk(md.parse(markdown))
    return found


HOSTILE = [
    "[click](https://evil.example)",
    "![img](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "Visit www.evil.example now",
    "https://evil.example/path",
    "mail me@evil.example",
    "ping @octocat and :smile:",
    "| a | b |",
    "*bold* _em_ `code` ~~gone~~",
    "&lt;b&gt; &amp; &#60;",
    "<!-- listbot:end -->",
    "back\\slash $math$",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_literal_text(text: str) -> None:
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    html = md.render(f"- {escape(text)}")
    kinds = set(tokens(f"- {escape(text)}"))
    assert kinds <= {
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "text",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
        "softbreak",
    }
    # the visible text is exactly the input (HTML-escaped by the renderer)
    import html as htmllib

    assert htmllib.unescape(html.replace("<ul>\n<li>", "").replace("</li>\n</ul>\n", "")) == text


def test_escape_keeps_ordinary_titles_readable() -> None:
    assert (
        escape("Ray: A Distributed Framework (for AI)") == "Ray: A Distributed Framework (for AI)"
    )
    assert escape("Tux²:  Distributed\tGraph") == "Tux²: Distributed Graph"


def test_paper_line_in_the_seed_style(config: Config) -> None:
    entry = make(
        "Ray: A Distributed Framework for Emerging AI Applications",
        links={"code": "https://github.com/ray-project/ray", "paper": "https://www.usenix.org/x"},
        note="The Ray paper",
    )
    assert paper_line(entry, config) == (
        "- Ray: A Distributed Framework for Emerging AI Applications (OSDI'18) "
        "[paper](https://www.usenix.org/x) · [code](https://github.com/ray-project/ray)"
        " — The Ray paper"
    )


def test_link_targets_cannot_break_out() -> None:
    entry = make("T", links={"paper": "https://example.org/a)b(c d<e>"})
    line = paper_line(entry, build_config({"categories": [{"id": "training", "name": "T"}]}))
    assert "[paper](https://example.org/a%29b%28c%20d%3Ce%3E)" in line
    assert tokens(line).count("link_open") == 1


def test_order_is_year_then_venue_order_then_title(config: Config) -> None:
    entries = [
        make("b", "OSDI", 2018),
        make("a", "OSDI", 2018),
        make("z", "EuroSys", 2018),
        make("y", "NeurIPS", 2017),
    ]
    assert [e.title for e in sort_entries(entries, config)] == ["y", "z", "a", "b"]


def test_list_has_toc_counts_and_headings(config: Config) -> None:
    block = render_list(
        [
            make("Ray", category="training"),
            make("TVM", category="inference"),
            make("Gandiva", category="cluster-management"),
        ],
        config,
    )
    lines = block.splitlines()
    assert lines[0] == BEGIN and lines[-1] == END
    assert "3 papers in 4 categories." in lines
    assert "- [Deep Learning (2)](#deep-learning-2)" in lines
    assert "  - [Training (1)](#training-1)" in lines
    assert "## Deep Learning (2)" in lines
    assert "### Training (1)" in lines
    assert "## Cluster Management (1)" in lines
    assert (
        lines.index("### Training (1)")
        < lines.index("- Ray (OSDI'18)")
        < lines.index("### Inference (1)")
    )


def test_render_is_stable(config: Config) -> None:
    readme = f"# x\n\n{BEGIN}\n{END}\n"
    entries = [make("Ray"), make("TVM")]
    once = splice(readme, render_list(entries, config))
    twice = splice(once, render_list(list(reversed(entries)), config))
    assert once == twice


def test_github_anchors_follow_githubs_rules() -> None:
    from collections import Counter

    seen: Counter[str] = Counter()
    assert github_anchor("Deep Learning (17)", seen) == "deep-learning-17"
    assert github_anchor("Deep Learning (17)", seen) == "deep-learning-17-1"
    assert github_anchor("C++ & CUDA", seen) == "c--cuda"


def test_splice_keeps_everything_outside_the_markers() -> None:
    readme = f"before\n{BEGIN}\nold\n{END}\nafter\n"
    assert splice(readme, f"{BEGIN}\nnew\n{END}\n") == f"before\n{BEGIN}\nnew\n{END}\nafter\n"


@pytest.mark.parametrize(
    "readme",
    ["no markers", f"{END}\n{BEGIN}\n", f"{BEGIN}\n{BEGIN}\n{END}\n", f"{BEGIN}\n{END}\n{END}\n"],
)
def test_splice_refuses_broken_markers(readme: str) -> None:
    with pytest.raises(MarkerError):
        splice(readme, f"{BEGIN}\n{END}\n")


def test_a_title_holding_the_end_marker_cannot_break_the_next_render(config: Config) -> None:
    readme = f"# x\n{BEGIN}\n{END}\ntail\n"
    first = splice(readme, render_list([make("<!-- listbot:end --> sneaky")], config))
    assert first.count(END) == 1
    second = splice(first, render_list([make("plain")], config))
    assert second.endswith(f"{END}\ntail\n")
    assert "sneaky" not in second


def test_markers_count_only_on_a_line_of_their_own() -> None:
    readme = f"Use `{BEGIN}` and `{END}` in your README.\n\n  {BEGIN}\nold\n{END}  \nafter\n"
    out = splice(readme, f"{BEGIN}\nnew\n{END}\n")
    assert out == f"Use `{BEGIN}` and `{END}` in your README.\n\n{BEGIN}\nnew\n{END}\nafter\n"
