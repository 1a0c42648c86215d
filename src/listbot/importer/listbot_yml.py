"""Writing listbot.yml: a first one for a new list, or categories added to an existing one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from listbot.importer.plan import NewCategory
    from listbot.importer.venues import NewVenue


def new_config_text(title: str, categories: Sequence[NewCategory]) -> str:
    """A first listbot.yml for a list that has none: its title and the imported categories."""
    import json

    from listbot.fmt import scalar
    from listbot.schemacheck import schema_text

    shown = scalar(title) or json.dumps(title, ensure_ascii=False)
    # The published schema: a new list has no schema/ folder of its own.
    url = json.loads(schema_text("config"))["$id"]
    base = (
        f"# yaml-language-server: $schema={url}\n"
        "# Configuration of this paper list, started by listbot import. Every setting not\n"
        "# written here has a default; venues default to the common systems and ML ones.\n"
        f"title: {shown}\n"
        "categories:\n"
    )
    return add_categories(base, categories)


# Indentation styles tried, in order, to write listbot.yml back in the style it has.
_INDENTS = ((2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0), (4, 4, 4), (3, 3, 0))


def add_categories(config_text: str, categories: Sequence[NewCategory]) -> str:
    """listbot.yml with ``categories`` added (each after its parent's last child), comments kept.

    A ruamel.yaml round trip in the file's own indentation style: every line that was
    there stays as it was.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _round_trip(config_text)
    data = yaml.load(config_text)
    if data.get("categories") is None:
        data["categories"] = CommentedSeq()
    top = data["categories"]

    def find(items: Any, cid: str) -> Any:
        for item in items:
            if item.get("id") == cid:
                return item
            found = find(item.get("children") or [], cid)
            if found is not None:
                return found
        return None

    for category in categories:
        item = CommentedMap([("id", category.id), ("name", category.name)])
        if category.parent is None:
            siblings = top
        else:
            parent = find(top, category.parent)
            if parent is None:
                raise ValueError(f"category '{category.parent}' is not in listbot.yml")
            if not parent.get("children"):
                _move_trailing_comment(parent, item)
                parent["children"] = CommentedSeq()
            siblings = parent["children"]
        if len(siblings):
            _move_trailing_comment(siblings[-1], item)
        siblings.append(item)
    return _dump(yaml, data)


def _round_trip(config_text: str) -> Any:
    """A ruamel.yaml round-tripper in the file's own indentation style (the first style that
    writes the file back unchanged), so that every line that was there stays as it was."""
    from ruamel.yaml import YAML

    def make(mapping: int, sequence: int, offset: int) -> YAML:
        yaml = YAML(typ="rt")
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        yaml.width = 4096
        yaml.preserve_quotes = True
        yaml.allow_unicode = True
        return yaml

    chosen = make(*_INDENTS[0])
    for style in _INDENTS:
        candidate = make(*style)
        if _dump(candidate, candidate.load(config_text)) == config_text:
            chosen = candidate
            break
    return chosen


def _dump(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def add_venues(config_text: str, venues: Sequence[NewVenue]) -> str:
    """listbot.yml with ``venues`` added at the end of its ``venues:`` (created when absent;
    the built-in table still applies, a list's venues extend it), comments kept."""
    from ruamel.yaml.comments import CommentedMap

    if not venues:
        return config_text
    yaml = _round_trip(config_text)
    data = yaml.load(config_text)
    if data.get("venues") is None:
        data["venues"] = CommentedMap()
    table = data["venues"]
    for venue in venues:
        if venue.key not in table:
            table[venue.key] = CommentedMap([("name", venue.name)])
    return _dump(yaml, data)


def _move_trailing_comment(old: Any, new: Any) -> None:
    """Comment lines after the last list item belong to what follows the list: keep them there.

    An end-of-line comment of that last item stays where it is.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = old
    while isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
        slot = node.ca.items.get(key)
        if slot is not None and len(slot) > 2 and slot[2] is not None:
            slot[2], moved = _split_comment(slot[2])
            if moved is not None:
                new.ca.items[list(new)[-1]] = [None, None, moved, None]
            return
        value = node[key]
        if isinstance(value, CommentedSeq) and len(value):
            seq_slot = value.ca.items.get(len(value) - 1)
            if seq_slot is not None and seq_slot[0] is not None:
                seq_slot[0], moved = _split_comment(seq_slot[0])
                if moved is not None:
                    new.ca.items[list(new)[-1]] = [None, None, moved, None]
                return
            node = value[-1]
        else:
            node = value


def _split_comment(token: Any) -> tuple[Any, Any]:
    """A post-comment token -> (its end-of-line part or None, the full lines after it or None)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    value: str = token.value
    if not value.startswith("#"):
        return None, token
    eol, newline, rest = value.partition("\n")
    keep = CommentToken(eol + newline, token.start_mark, None)
    if not rest.strip():
        return keep, None
    return keep, CommentToken("\n" + rest, CommentMark(0), None)
