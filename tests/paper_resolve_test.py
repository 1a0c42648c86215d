"""The resolver's own rules: when a hit is the same paper, and the cache of answers."""

from __future__ import annotations

from pathlib import Path

from listbot.config import Config
from listbot.paper.metadata import PaperMetadata
from listbot.paper.resolve import THRESHOLD, ResolveCache, Resolver, title_similarity
from listbot.paper.sources import SourceEndpoints, make_sources

TITLE = "Gandiva: Introspective Cluster Scheduling for Deep Learning"


def resolver(tmp_path: Path) -> Resolver:
    # Never asked in these tests: best() and the cache need no network.
    sources = make_sources(
        endpoints=SourceEndpoints(), contact=None, timeout=1.0, retries=0, max_retry_after=1.0
    )
    return Resolver(sources, Config(categories=()), ResolveCache.load(tmp_path / "c.json"))


def hit(title: str, year: int, *, preprint: bool = False) -> PaperMetadata:
    return PaperMetadata(source="dblp", title=title, year=year, preprint=preprint)


def test_title_similarity_ignores_case_and_punctuation() -> None:
    assert (
        title_similarity(TITLE, "GANDIVA - introspective cluster scheduling for deep learning.")
        == 1.0
    )
    assert (
        title_similarity(TITLE, "Gandiva: Introspective Cluster Scheduling for Deep-Learning")
        >= THRESHOLD
    )
    assert (
        title_similarity(TITLE, "Gavel: Heterogeneity-Aware Cluster Scheduling Policies")
        < THRESHOLD
    )


def test_best_wants_the_same_title_and_a_consistent_year(tmp_path: Path) -> None:
    r = resolver(tmp_path)
    published = hit(TITLE, 2018)
    preprint = hit(TITLE, 2017, preprint=True)
    other = hit("Gandiva: Something Else Entirely About Clusters", 2018)
    assert r.best([other, preprint, published], TITLE, 2018) is published  # published first
    assert r.best([published], TITLE, 2019) is None  # a published record says its year
    assert r.best([preprint], TITLE, 2018) is preprint  # a preprint may come a year early
    assert r.best([preprint], TITLE, 2016) is None
    assert r.best([other], TITLE, None) is None


def test_the_cache_keeps_answers_and_forgets_old_ones(tmp_path: Path) -> None:
    now = [1000.0]
    path = tmp_path / ".listbot" / "resolve-cache.json"
    cache = ResolveCache.load(path, clock=lambda: now[0])
    cache.put("dblp:gandiva", [hit(TITLE, 2018)])
    cache.put("dblp:nothing", [])
    cache.save()
    again = ResolveCache.load(path, clock=lambda: now[0])
    assert again.get("dblp:gandiva") == [hit(TITLE, 2018)]
    assert again.get("dblp:nothing") == []  # "no such paper" is an answer too
    assert again.get("dblp:never-asked") is None
    now[0] += again.max_age + 1
    assert again.get("dblp:gandiva") is None
    path.write_text("{not json", encoding="utf-8")
    assert ResolveCache.load(path).get("dblp:gandiva") is None  # a broken cache is no cache
