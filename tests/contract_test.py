"""The artifacts between CI steps: what one command writes, the next one reads.

Every test here runs the real ``listbot links`` (against a server on 127.0.0.1, with the
address guard's ``--allow-private`` flag) and feeds the file it wrote, untouched, to
``listbot pr`` and ``listbot link-report`` (real PyGithub against the fake GitHub), then
``listbot comment`` reads the report ``pr`` wrote. No links file or report is written by
hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import ONE_CATEGORY, TODAY, TOKEN, git, git_list
from fakegithub import FakeGitHub
from links_helpers import Farm, Reply, json_reply
from listbot.bot.comment import MARKER
from listbot.bot.prreport import PrReport, ReportError
from listbot.cli import main
from listbot.links.model import (
    LinkReport,
    LinkResult,
    LinksReportError,
    Location,
    Status,
)
from listbot.schemacheck import load_schema

CONFIG = ONE_CATEGORY + "links: {timeout: 1, retries: 0}\n"
BASE_ENTRY = """\
title: 'Ray: A Distributed Framework for Emerging AI Applications'
venue: OSDI
year: 2018
category: training
"""


@pytest.fixture
def farm() -> Iterator[Farm]:
    with Farm() as server:
        server.route("/ok", Reply())
        server.route("/gone", Reply(404))
        server.route("/api/handles/10.5555/ok", json_reply({"responseCode": 1}))
        server.route("/api/handles/10.5555/gone", json_reply({"responseCode": 100}, 404))
        server.route("/abs/1712.05889", Reply())
        server.route("/abs/2101.99999", Reply(404))
        yield server


pytestmark = pytest.mark.usefixtures("no_sleep")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_list(tmp_path / "list", monkeypatch, CONFIG, {"ray-osdi18.yaml": BASE_ENTRY})


def paper(farm: Farm, *, paper: str, code: str, doi: str, arxiv: str) -> str:
    return (
        "title: Pipelined Training at Scale\n"
        "venue: OSDI\n"
        "year: 2020\n"
        "category: training\n"
        "links:\n"
        f"  paper: {farm.url(paper)}\n"
        f"  code: {farm.url(code)}\n"
        f"doi: {doi}\n"
        f"arxiv: '{arxiv}'\n"
    )


def open_pr(repo: Path, text: str) -> str:
    git(repo, "checkout", "-q", "-b", "patch")
    (repo / "entries" / "pipe-osdi20.yaml").write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add paper")
    return git(repo, "rev-parse", "HEAD")


def run_links(farm: Farm, out: Path, *which: str) -> int:
    """``listbot links`` as the workflows run it, resolvers pointed at the local server."""
    env = {"LISTBOT_DOI_URL": farm.base, "LISTBOT_ARXIV_URL": farm.base}
    args = ["links", "--allow-private", "--no-cache", *which, "--format", "json", "-o", str(out)]
    return main(args, env=env, today=TODAY)


def actions_env(ci: Path, event: dict[str, Any], fake: FakeGitHub | None = None) -> dict[str, str]:
    ci.mkdir(exist_ok=True)
    (ci / "event.json").write_text(json.dumps(event))
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "owner/repo",
        "GITHUB_EVENT_PATH": str(ci / "event.json"),
        "GITHUB_STEP_SUMMARY": str(ci / "summary.md"),
        "GITHUB_OUTPUT": str(ci / "output.txt"),
    }
    if fake is not None:
        env |= {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url}
    return env


def run_pr(tmp: Path, sha: str, links: Path) -> int:
    env = actions_env(tmp / "ci-pr", {"pull_request": {"number": 7, "head": {"sha": sha}}})
    args = ["pr", "--base", "main", "--links", str(links), "-o", str(tmp / "report.json")]
    return main(args, env=env, today=TODAY)


def run_comment(tmp: Path, fake: FakeGitHub, sha: str) -> int:
    env = actions_env(tmp / "ci-comment", {"workflow_run": {"head_sha": sha}}, fake)
    return main(["comment", "--report", str(tmp / "report.json")], env=env, today=TODAY)


def schema_valid(name: str, data: object) -> bool:
    return Draft202012Validator(load_schema(name)).is_valid(data)


def test_links_report_feeds_pr_and_comment_every_kind_of_broken_target(
    repo: Path, tmp_path: Path, farm: Farm, fake: FakeGitHub
) -> None:
    # A broken link with a #fragment, a DOI the resolver does not know, a dead arXiv id:
    # the checker checks none of them under the URL the entry spells.
    sha = open_pr(
        repo, paper(farm, paper="/gone#section", code="/ok", doi="10.5555/gone", arxiv="2101.99999")
    )
    links = tmp_path / "links.json"
    assert run_links(farm, links, "--changed-since", "main") == 1
    written = json.loads(links.read_text())
    assert schema_valid("links", written)
    assert {r["url"]: r["status"] for r in written["results"]} == {
        farm.url("/gone"): "broken",
        farm.url("/ok"): "ok",
        "https://doi.org/10.5555/gone": "broken",
        "https://arxiv.org/abs/2101.99999": "broken",
    }

    assert run_pr(tmp_path, sha, links) == 1
    data = json.loads((tmp_path / "report.json").read_text())
    assert schema_valid("report", data)
    [file] = data["files"]
    broken = [(p["code"], p["line"], p["message"].split(" (")[0]) for p in file["problems"]]
    assert broken == [
        ("LB701", 6, "links.paper is broken"),
        ("LB701", 8, "doi is broken"),
        ("LB701", 9, "arxiv is broken"),
    ]
    assert [(link["field"], link["status"]) for link in file["links"]] == [
        ("links.paper", "broken"),
        ("links.code", "ok"),
        ("doi", "broken"),
        ("arxiv", "broken"),
    ]
    assert data["counts"]["broken_links"] == 3 and data["links_checked"] is True

    fake.add_pull(7, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(7)
    body = comment["body"]
    assert body.startswith(MARKER) and "**3 errors**" in body
    assert "links\\.paper is broken (HTTP 404" in body
    assert "doi is broken" in body and "DOI 10.5555/gone does not exist" in body
    assert "arxiv is broken" in body
    assert sorted(fake.state.issues[7]["labels"]) == ["needs-changes", "new-paper"]


def test_clean_pr_gets_a_green_comment_naming_its_links(
    repo: Path, tmp_path: Path, farm: Farm, fake: FakeGitHub
) -> None:
    sha = open_pr(
        repo, paper(farm, paper="/ok#intro", code="/ok", doi="10.5555/ok", arxiv="1712.05889")
    )
    links = tmp_path / "links.json"
    assert run_links(farm, links, "--changed-since", "main") == 0
    assert run_pr(tmp_path, sha, links) == 0
    data = json.loads((tmp_path / "report.json").read_text())
    [file] = data["files"]
    assert file["problems"] == []
    # one target for both links (the fragment is not sent), checked once, listed twice
    assert [link["field"] for link in file["links"]] == [
        "links.paper",
        "links.code",
        "doi",
        "arxiv",
    ]
    assert {link["status"] for link in file["links"]} == {"ok"}
    fake.add_pull(7, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(7)[0]["body"]
    assert "no problems found" in body and "Links: 4 links checked, all fine." in body


def test_links_report_feeds_link_report_issue_then_closes_it(
    repo: Path, tmp_path: Path, farm: Farm, fake: FakeGitHub
) -> None:
    (repo / "entries" / "pipe-osdi20.yaml").write_text(
        paper(farm, paper="/gone#section", code="/ok", doi="10.5555/gone", arxiv="2101.99999")
    )
    links = tmp_path / "links.json"
    assert run_links(farm, links, "--all") == 1
    env = actions_env(tmp_path / "ci-links", {"schedule": "0 6 * * 1"}, fake)
    assert main(["link-report", "--links", str(links)], env=env, today=TODAY) == 0
    [issue] = fake.real_issues()
    assert issue["state"] == "open" and issue["title"] == "Link rot: 3 failing links"
    body = issue["body"]
    assert "entries/pipe-osdi20\\.yaml" in body and "doi\\.org/10.5555/gone | broken" in body

    (repo / "entries" / "pipe-osdi20.yaml").write_text(
        paper(farm, paper="/ok", code="/ok", doi="10.5555/ok", arxiv="1712.05889")
    )
    assert run_links(farm, links, "--all") == 0
    assert main(["link-report", "--links", str(links)], env=env, today=TODAY) == 0
    [issue] = fake.real_issues()
    assert issue["state"] == "closed"


def test_readers_refuse_what_no_writer_writes(
    repo: Path, tmp_path: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, paper(farm, paper="/ok", code="/ok", doi="10.5555/ok", arxiv="1712.05889"))
    links = tmp_path / "links.json"
    assert run_links(farm, links, "--changed-since", "main") == 0
    good = json.loads(links.read_text())
    # the shape pr and link-report used to expect: entries as a list of paths, no version
    old = {
        "results": [dict(r, entries=[e["path"] for e in r["entries"]]) for r in good["results"]],
        "summary": good["summary"],
    }
    for bad, says in (
        (old, "is not one this listbot reads"),
        (dict(old, version=1), "results/0/entries/0: fails the schema's 'type' rule"),
        (dict(good, version=2), "version 2 is not one this listbot reads (expected 1)"),
        (dict(good, extra=True), "fails the schema's 'additionalProperties' rule"),
    ):
        links.write_text(json.dumps(bad))
        capsys.readouterr()
        assert run_pr(tmp_path, sha, links) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "links file refused" in err and says in err
        assert not (tmp_path / "report.json").exists()


# ---- the models themselves: whatever the writer writes, the reader reads back ---------

TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)
LOCATIONS = st.builds(
    Location,
    path=TEXT,
    line=st.integers(1, 10**6),
    col=st.integers(1, 10**4),
    field=st.sampled_from(["doi", "arxiv", "links.paper"]) | TEXT.map(lambda s: "links." + s),
)
RESULTS = st.builds(
    LinkResult,
    url=TEXT,
    status=st.sampled_from(Status),
    http_status=st.none() | st.integers(0, 999),
    final_url=st.none() | TEXT,
    attempts=st.integers(0, 50),
    elapsed_ms=st.integers(0, 10**7),
    message=st.text(max_size=50),
    locations=st.lists(LOCATIONS, min_size=1, max_size=3).map(tuple),
    archived=st.booleans(),
    cached=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(RESULTS, max_size=5))
def test_links_report_round_trips(results: list[LinkResult]) -> None:
    report = LinkReport.of(results)
    data = json.loads(json.dumps(report.to_data()))
    back = LinkReport.from_data(data)
    assert back == report
    assert [r.locations for r in back.results] == [r.locations for r in report.results]
    assert [(r.archived, r.cached) for r in back.results] == [
        (r.archived, r.cached) for r in report.results
    ]


def test_links_report_reader_refuses_junk() -> None:
    junk: object
    for junk in (None, [], {"version": 1}, {"version": 1, "results": [{}], "summary": {}}):
        with pytest.raises(LinksReportError):
            LinkReport.from_data(junk)


def test_pr_report_round_trips(repo: Path, tmp_path: Path, farm: Farm) -> None:
    sha = open_pr(
        repo, paper(farm, paper="/gone#x", code="/ok", doi="10.5555/gone", arxiv="1712.05889")
    )
    links = tmp_path / "links.json"
    assert run_links(farm, links, "--changed-since", "main") == 1
    assert run_pr(tmp_path, sha, links) == 1
    data = json.loads((tmp_path / "report.json").read_text())
    report = PrReport.from_data(data)
    assert report.to_data() == data
    with pytest.raises(
        ReportError, match=r"version 1 is not one this listbot reads \(expected 2\)"
    ):
        PrReport.from_data(dict(data, version=1))
