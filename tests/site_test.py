"""``listbot site``: the files it writes, the Atom feed and its order from git history.

The page itself is driven in a real browser in ``site_browser_test.py``.
"""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import RAY, PaperList

ATOM = "{http://www.w3.org/2005/Atom}"

CLIPPER = """\
title: 'Clipper: A Low-Latency Online Prediction Serving System'
authors: [Daniel Crankshaw]
venue: NSDI
year: 2017
category: inference
"""

HOSTILE = """\
title: "Evil <img src=x onerror=alert(1)> & \\"friends\\" ]]>"
authors: ['<script>alert(2)</script>']
venue: EuroSys
year: 2019
category: cluster-management
note: 'A note with </content> & <b>tags</b>'
"""


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _feed(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_site_writes_the_page_assets_downloads_and_feed(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    paper_list.write("clipper-nsdi17.yaml", CLIPPER)

    result = paper_list.run("site", "-o", "_site")

    assert result.code == 0, result.err
    site = paper_list.root / "_site"
    names = {p.name for p in site.iterdir()}
    assert names == {
        "index.html",
        "site.css",
        "site.js",
        "favicon.svg",
        "papers.json",
        "papers.bib",
        "feed.xml",
    }
    # The downloads are the export's own output, byte for byte.
    for kind, name in (("json", "papers.json"), ("bibtex", "papers.bib")):
        exported = paper_list.run("export", kind)
        assert exported.code == 0
        assert (site / name).read_text(encoding="utf-8") == exported.out
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Test list</title>" in page
    assert "{{" not in page
    assert "2 papers" in page


def test_site_page_loads_nothing_from_elsewhere(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("site", "-o", "_site").code == 0
    site = paper_list.root / "_site"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    for name in ("index.html", "site.css", "site.js"):
        text = (site / name).read_text(encoding="utf-8")
        assert "//cdn" not in text and "googleapis" not in text and "@import" not in text
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text
        assert "document.write" not in text and "eval(" not in text


def test_title_is_escaped_in_the_page(paper_list: PaperList) -> None:
    config = paper_list.root / "listbot.yml"
    config.write_text(
        config.read_text().replace("title: Test list", "title: '<b>Mine</b> & co'"), "utf-8"
    )
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("site", "-o", "_site").code == 0
    page = (paper_list.root / "_site" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;b&gt;Mine&lt;/b&gt; &amp; co</title>" in page
    assert "<b>Mine" not in page


def test_feed_follows_git_history_newest_first(paper_list: PaperList) -> None:
    root = paper_list.root
    _git(root, "init", "-q", "-b", "main")
    paper_list.write("clipper-nsdi17.yaml", CLIPPER)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "clipper", when="2024-01-02T10:00:00+00:00")
    paper_list.write("ray-osdi18.yaml", RAY)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "ray", when="2025-03-04T05:06:07+02:00")
    # Editing a paper later does not make it new.
    paper_list.write("clipper-nsdi17.yaml", CLIPPER + "note: edited later\n")
    _git(root, "commit", "-qam", "edit", when="2026-01-01T00:00:00+00:00")
    # Not committed yet: newest of all, dated today.
    paper_list.write("hostile-eurosys19.yaml", HOSTILE)

    result = paper_list.run("site", "-o", "_site", "--base-url", "https://example.org/papers")

    assert result.code == 0, result.err
    feed = _feed(root / "_site" / "feed.xml")
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[1:] == [
        "Ray: A Distributed Framework for Emerging AI Applications",
        "Clipper: A Low-Latency Online Prediction Serving System",
    ]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-11-28T00:00:00Z",
        "2025-03-04T03:06:07Z",
        "2024-01-02T10:00:00Z",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-28T00:00:00Z"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/papers/"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == "https://example.org/papers/feed.xml"
    ray = entries[1]
    alternate = ray.find(f"{ATOM}link[@rel='alternate']")
    assert alternate is not None
    assert alternate.get("href") == "https://example.org/papers/#ray-osdi18"
    category = ray.find(f"{ATOM}category")
    assert category is not None and category.get("label") == "Training"


def test_feed_is_valid_atom_and_carries_hostile_text_as_text(paper_list: PaperList) -> None:
    paper_list.write("hostile-eurosys19.yaml", HOSTILE)
    paper_list.write("ray-osdi18.yaml", RAY)

    assert paper_list.run("site", "-o", "_site").code == 0

    feed = _feed(paper_list.root / "_site" / "feed.xml")
    # RFC 4287: the feed has id, title, updated and an author; each entry id, title,
    # updated and either content or an alternate link.
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    ids = set()
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "text"
        ids.add(entry.findtext(f"{ATOM}id"))
    assert len(ids) == 2 and all(i and i.startswith("urn:uuid:") for i in ids)
    hostile = next(
        e for e in feed.findall(f"{ATOM}entry") if "Evil" in (e.findtext(f"{ATOM}title") or "")
    )
    # The same characters come back out, as text.
    assert hostile.findtext(f"{ATOM}title") == 'Evil <img src=x onerror=alert(1)> & "friends" ]]>'
    assert hostile.findtext(f"{ATOM}author/{ATOM}name") == "<script>alert(2)</script>"
    assert "A note with </content> & <b>tags</b>" in (hostile.findtext(f"{ATOM}content") or "")
    # Outside git: file-name order, dated today, no links to a site it does not know.
    assert hostile.find(f"{ATOM}link[@rel='alternate']") is None


def test_site_ids_stay_the_same_between_builds(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("site", "-o", "one").code == 0
    assert paper_list.run("site", "-o", "two").code == 0
    one = (paper_list.root / "one" / "feed.xml").read_bytes()
    assert one == (paper_list.root / "two" / "feed.xml").read_bytes()


def test_feed_limit_keeps_the_newest(paper_list: PaperList) -> None:
    paper_list.write("clipper-nsdi17.yaml", CLIPPER)
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("site", "-o", "_site", "--feed-limit", "1").code == 0
    feed = _feed(paper_list.root / "_site" / "feed.xml")
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Ray: A Distributed Framework for Emerging AI Applications"]


def test_site_refuses_a_list_with_errors_and_writes_nothing(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY.replace("venue: OSDI", "venue: NOPE"))
    result = paper_list.run("site", "-o", "_site")
    assert result.code == 1
    assert "entries/ray-osdi18.yaml:" in result.err and "LB110" in result.err
    assert "_site not written" in result.err
    assert not (paper_list.root / "_site").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--base-url", "javascript:alert(1)"], "--base-url must be an http(s) URL"),
        (["--feed-limit", "-1"], "--feed-limit must be 0 or more"),
    ],
)
def test_site_bad_options_are_usage_errors(
    paper_list: PaperList, argv: list[str], message: str
) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    result = paper_list.run("site", "-o", "_site", *argv)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (paper_list.root / "_site").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("README.md", "is a file, not a folder"),
        ("entries", "is inside the entries folder"),
        ("entries/site", "is inside the entries folder"),
    ],
)
def test_site_refuses_an_output_that_is_a_file_or_inside_entries(
    paper_list: PaperList, target: str, message: str
) -> None:
    """`site -o README.md` ended in 'File exists' (exit 1); `-o entries` wrote the site's
    files among the entries, which every later check then warned about."""
    paper_list.write("ray-osdi18.yaml", RAY)
    result = paper_list.run("site", "-o", target)
    assert result.code == 2 and message in result.err, result.err
    assert sorted(p.name for p in (paper_list.root / "entries").iterdir()) == ["ray-osdi18.yaml"]
