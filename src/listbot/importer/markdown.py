"""Markdown inline text: links, emphasis and escapes, as the bullet styles need them."""

from __future__ import annotations

import re
import unicodedata

# Link labels (folded) -> the entry field they fill.
_LABELS_BY_FIELD: dict[str, tuple[str, ...]] = {
    "paper": (
        "paper",
        "link",
        "url",
        "html",
        "web",
        "acm",
        "usenix",
        "ieee",
        "dl",
        "abstract",
        "project",
        "project page",
        "website",
        "homepage",
    ),
    "pdf": ("pdf", "full text"),
    "code": ("code", "github", "source", "src", "repo", "repository", "implementation", "artifact"),
    "slides": ("slides", "slide", "ppt", "presentation"),
    "video": ("video", "talk", "youtube", "recording"),
    "arxiv": ("arxiv", "preprint"),
    "doi": ("doi",),
}
LINK_LABELS: dict[str, str] = {
    label: kind for kind, labels in _LABELS_BY_FIELD.items() for label in labels
}

_URL = r"<?(?P<{name}>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?(?:\s+\"[^\"]*\")?"
_LABEL = r"(?P<{name}>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)"
_INLINE_LINK = re.compile(
    r"\[" + _LABEL.format(name="label") + r"\]\(\s*" + _URL.format(name="url") + r"\s*\)"
)
_REF_LINK = re.compile(r"\[" + _LABEL.format(name="label") + r"\]\[(?P<ref>[^\]]*)\]")
# A title that is one link: [Title](url) or [Title][ref], maybe with closing punctuation.
_WHOLE_LINK = re.compile(_INLINE_LINK.pattern + r"[.,:;]?")
_WHOLE_REF_LINK = re.compile(_REF_LINK.pattern + r"[.,:;]?")
# A link label: plain text, or one bracketed word as in "[[Paper]](url)".
_GROUP_LABEL = r"(?:\[[^\[\]]*\]|(?:[^\[\]\\]|\\.)*)"
# A bare "[slides]" is a link group only when it names a kind of link.
_BARE = r"\[\s*(?i:" + "|".join(sorted(LINK_LABELS, key=len, reverse=True)) + r")\s*\]"
# One link in a link group: [label](url), [label][ref] or a bare [slides].
_ANY_LINK = re.compile(
    r"\[(?P<label>"
    + _GROUP_LABEL
    + r")\](?:\(\s*"
    + _URL.format(name="url")
    + r"\s*\)|\[(?P<ref>[^\]]*)\])"
    + r"|(?P<bare>"
    + _BARE
    + r")"
)
# The same, without groups, as a part of the tail pattern below.
_TAIL_LINK = (
    r"(?:\[" + _GROUP_LABEL + r"\](?:\(\s*<?[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*>?\s*\)"
    r"|\[[^\]]*\])|" + _BARE + r")"
)
_TAIL_SEP = r"[ \t]*[|,/·•;–—-]?[ \t]*"
# A group of links at the end of a bullet: [[code](url)], [code](url) | [pdf](url), [slides] ...
_TAIL_GROUP = re.compile(
    r"(?:\[\s*"
    + _TAIL_LINK
    + r"(?:"
    + _TAIL_SEP
    + _TAIL_LINK
    + r")*\s*\]|"
    + _TAIL_LINK
    + r")"
    + _TAIL_SEP
    + r"$"
)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xE000
_ABSOLUTE = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


def _protect(markdown: str) -> str:
    """Backslash-escaped punctuation as private-use characters, so no pattern mistakes it
    for syntax (``\\[`` is a literal bracket, ``\\*`` a literal star)."""
    return _ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), markdown)


def _unprotect(text: str) -> str:
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PRIVATE), text)


def plain(markdown: str) -> str:
    """Markdown inline text as plain text: links to their labels, emphasis and escapes removed."""
    text = _INLINE_LINK.sub(lambda m: m.group("label"), _protect(markdown))
    text = _REF_LINK.sub(lambda m: m.group("label"), text)
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\s+", " ", _unprotect(text)).strip()


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    if code in (0xFE0F, 0x200D, 0x20E3):  # variation selector, joiner, keycap
        return True
    return code >= 0x2190 and unicodedata.category(ch) == "So"
