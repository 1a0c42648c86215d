"""What a Markdown reader makes of listbot's output: shared by the hostile and property tests.

The parser is markdown-it-py with CommonMark plus GitHub's table and strikethrough
extensions, and linkify (linkify-it-py), which finds bare domains that GitHub itself
leaves alone: stricter than the real reader, on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from listbot.render import BEGIN, END, NOTICE

# The shape of one paper line: a one-item bullet list holding one paragraph.
_LINE_SHAPE = [
    "bullet_list_open",
    "list_item_open",
    "paragraph_open",
    "inline",
    "paragraph_close",
    "list_item_close",
    "bullet_list_close",
]


@cache
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])


@dataclass
class Line:
    """A paper line as read: its text outside links, its links, and anything else found."""

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, href)
    markup: list[str] = field(default_factory=list)  # token types that entry text must not make


def read_line(line: str) -> Line:
    tokens = parser().parse(line)
    out = Line()
    types = [t.type for t in tokens]
    if types != _LINE_SHAPE:
        out.markup.append("block structure: " + " ".join(types))
        return out
    inline = tokens[3].children or []
    label: list[str] | None = None
    href = ""
    for child in inline:
        if child.type == "link_open":
            if child.markup in ("autolink", "linkify") or label is not None:
                out.markup.append(f"{child.markup or 'nested'} link {child.attrGet('href')}")
            label, href = [], str(child.attrGet("href"))
        elif child.type == "link_close":
            out.links.append(("".join(label or []), href))
            label = None
        elif child.type == "text":
            if label is not None:
                label.append(child.content)
            else:
                out.text += child.content
        else:
            out.markup.append(child.type)
    return out


def same_target(href: str, url: str) -> bool:
    return unquote(href) == unquote(url)


def readme_markup(readme: str, *, categories: int) -> list[str]:
    """Markup in a README's generated block that listbot did not put there itself."""
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    assert readme.count(BEGIN) == 1 and readme.count(END) == 1
    readme = readme[start:end] + "\n"
    found: list[str] = []
    allowed_html = {BEGIN, NOTICE, END}
    headings = 0
    for token in parser().parse(readme):
        if token.type == "html_block":
            lines = {ln for ln in token.content.splitlines() if ln.strip()}
            if not lines <= allowed_html:
                found.append(f"html_block {token.content!r}")
        elif token.type == "heading_open":
            headings += 1
        elif token.type in ("table_open", "hr", "fence", "code_block", "blockquote_open"):
            found.append(token.type)
        elif token.type == "inline":
            found.extend(_inline_markup(token.children or []))
    if headings != categories:
        found.append(f"{headings} headings for {categories} categories")
    return found


def _inline_markup(children: list[Token]) -> list[str]:
    found = []
    for child in children:
        if child.type in (
            "image",
            "html_inline",
            "code_inline",
            "s_open",
            "em_open",
            "strong_open",
        ):
            found.append(child.type)
        elif child.type == "link_open":
            href = str(child.attrGet("href"))
            if child.markup in ("autolink", "linkify"):
                found.append(f"{child.markup} {href}")
            elif not href.startswith(("http://", "https://", "#")):
                found.append(f"link to {href}")
    return found
