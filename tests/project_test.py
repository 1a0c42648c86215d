"""The check cache: what an unchanged, a changed and a damaged list cost and give."""

from __future__ import annotations

import json

from conftest import RAY, TODAY, PaperList
from listbot.config import load_config
from listbot.project import CACHE_NAME, ENTRIES_CACHE_NAME, scan


def state(paper_list: PaperList, **kwargs: object):  # type: ignore[no-untyped-def]
    config = load_config(paper_list.root / "listbot.yml")
    return scan(config, this_year=TODAY.year, **kwargs)  # type: ignore[arg-type]


def test_second_scan_reuses_records_without_reading_entries(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    first = state(paper_list)
    assert [e.title for e in first.entries] == [
        "Ray: A Distributed Framework for Emerging AI Applications"
    ]
    (paper_list.root / ENTRIES_CACHE_NAME).write_text(
        "{not json"
    )  # only read when entries are needed
    again = state(paper_list)
    assert again.problems() == []
    assert again.list_key == first.list_key
    # entries are still available: the damaged store makes it check the file again
    assert [e.venue for e in again.entries] == ["OSDI"]


def test_changed_file_is_checked_again(paper_list: PaperList) -> None:
    path = paper_list.write("ray-osdi18.yaml", RAY)
    assert state(paper_list).problems() == []
    path.write_text(RAY.replace("year: 2018", "year: 1800"))
    assert [p.code for p in state(paper_list).problems()] == ["LB112"]


def test_config_change_invalidates_everything(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    assert state(paper_list).problems() == []
    cfg = paper_list.root / "listbot.yml"
    cfg.write_text(cfg.read_text().replace("  OSDI:\n", "  OSDX:\n"))
    assert [p.code for p in state(paper_list).problems()] == ["LB110"]


def test_corrupt_or_foreign_cache_is_ignored(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    cache = paper_list.root / CACHE_NAME
    cache.parent.mkdir()
    for junk in ("{", "[]", json.dumps({"key": "other", "files": {}, "list": {}}), "\x00\x01"):
        cache.write_text(junk)
        assert state(paper_list).problems() == []
    # and a cache that claims a bad file is fine is not trusted across a content change
    paper_list.write("bad.yaml", "title: [\n")
    assert [p.code for p in state(paper_list).problems()] == ["LB004"]


def test_no_cache_writes_no_cache(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    state(paper_list, use_cache=False)
    assert not (paper_list.root / ".listbot").exists()


def test_workers_give_the_same_answer(paper_list: PaperList) -> None:
    for i in range(30):
        paper_list.write(
            f"p{i}.yaml", RAY.replace("Ray:", f"Ray{i}:").replace("1712.05889", f"1712.{i:05d}")
        )
    paper_list.write("bad.yaml", "title: [\n")
    import listbot.project as project

    old = project.PARALLEL_MIN_FILES
    project.PARALLEL_MIN_FILES = 1
    try:
        parallel = state(paper_list, use_cache=False, workers=2)
    finally:
        project.PARALLEL_MIN_FILES = old
    serial = state(paper_list, use_cache=False, workers=1)
    assert parallel.problems() == serial.problems()
    assert parallel.entries == serial.entries


def test_a_cached_file_swapped_for_a_symlink_or_fifo_is_refused(paper_list: PaperList) -> None:
    """The warm path trusts one lstat only for the same regular file; anything else is read."""
    import os

    path = paper_list.write("ray-osdi18.yaml", RAY)
    assert state(paper_list).problems() == []
    outside = paper_list.root / "outside.yaml"
    outside.write_text(RAY)
    path.unlink()
    path.symlink_to(outside)
    assert [(p.code, p.message) for p in state(paper_list).problems()] == [
        ("LB001", "symlink points outside entries/; refused")
    ]
    path.unlink()
    os.mkfifo(path)  # opened without blocking and refused, never read
    assert [(p.code, p.message) for p in state(paper_list).problems()] == [
        ("LB001", "not a regular file")
    ]
