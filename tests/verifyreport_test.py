"""The verify report between CI steps: ``listbot verify`` writes it, ``listbot pr --verify``
reads it, and ``listbot comment`` shows its findings from the PR report.

Every test runs the real ``listbot verify`` against the stand-ins of dblp, Crossref and
arXiv (``paperstand``, answering from the seed list's verified facts) and feeds the file
it wrote, untouched, to ``listbot pr``; ``listbot comment`` then posts through real
PyGithub to the fake GitHub. No verify report is written by hand, except the forged
ones a reader must refuse.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import git, git_list
from contract_test import actions_env
from fakegithub import FakeGitHub
from listbot.bot.prreport import PrReport
from listbot.cli import main
from listbot.paper.verifyreport import VerifyReport, VerifyReportError
from listbot.schemacheck import load_schema
from paperstand import PaperStand, load_papers

TODAY = date(2026, 11, 28)
CONFIG = "categories: [{id: training, name: Training}]\n"
BASE_ENTRY = """\
title: 'Ray: A Distributed Framework for Emerging AI Applications'
venue: OSDI
year: 2018
category: training
"""
# Tiresias is at NSDI 2019 in dblp (the stand-in's seed facts); the pull request says 2018.
TIRESIAS = """\
title: 'Tiresias: A GPU Cluster Manager for Distributed Deep Learning'
authors:
  - Juncheng Gu
  - Mosharaf Chowdhury
  - Kang G. Shin
  - Yibo Zhu
  - Myeongjae Jeon
  - Junjie Qian
  - Hongqiang Liu
  - Chuanxiong Guo
venue: NSDI
year: 2018
category: training
"""
FINDING = "dblp lists this paper at NSDI 2019, the entry says NSDI 2018"


@pytest.fixture
def stand() -> Iterator[PaperStand]:
    with PaperStand(load_papers()) as running:
        yield running


pytestmark = pytest.mark.usefixtures("no_sleep")  # conftest's: GitHub back-off not slept


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_list(tmp_path / "list", monkeypatch, CONFIG, {"ray-osdi18.yaml": BASE_ENTRY})


def open_pr(repo: Path, text: str = TIRESIAS) -> str:
    git(repo, "checkout", "-q", "-b", "patch")
    (repo / "entries" / "tiresias-nsdi19.yaml").write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add paper")
    return git(repo, "rev-parse", "HEAD")


def run_verify(tmp: Path, env: dict[str, str]) -> int:
    """``listbot verify`` as pr-check runs it (in Actions, the sources at ``env``)."""
    ci = actions_env(tmp / "ci-verify", {"pull_request": {"number": 7}})
    out = str(tmp / "verify.json")
    args = ["verify", "--changed-since", "main", "--format", "json", "-o", out]
    return main(args, env={**ci, **env}, today=TODAY)


def run_pr(tmp: Path, sha: str) -> int:
    env = actions_env(tmp / "ci-pr", {"pull_request": {"number": 7, "head": {"sha": sha}}})
    args = ["pr", "--base", "main", "--verify", str(tmp / "verify.json")]
    return main([*args, "-o", str(tmp / "report.json")], env=env, today=TODAY)


def run_comment(tmp: Path, fake: FakeGitHub, sha: str) -> int:
    env = actions_env(tmp / "ci-comment", {"workflow_run": {"head_sha": sha}}, fake)
    return main(["comment", "--report", str(tmp / "report.json")], env=env, today=TODAY)


def test_verify_findings_reach_the_comment_as_warnings(
    repo: Path, tmp_path: Path, stand: PaperStand, fake: FakeGitHub
) -> None:
    sha = open_pr(repo)
    assert run_verify(tmp_path, stand.env()) == 0  # findings never fail verify
    written = json.loads((tmp_path / "verify.json").read_text())
    assert Draft202012Validator(load_schema("verify")).is_valid(written)
    assert [(p["code"], p["line"]) for p in written["problems"]] == [("LB601", 12)]
    assert written["summary"] == {"errors": 0, "warnings": 1, "files": 1}

    assert run_pr(tmp_path, sha) == 0  # a warning: the check stays green
    data = json.loads((tmp_path / "report.json").read_text())
    [file] = data["files"]
    assert [(p["code"], p["severity"], p["message"]) for p in file["problems"]] == [
        ("LB601", "warning", FINDING)
    ]
    assert data["counts"]["errors"] == 0 and data["counts"]["warnings"] == 1

    fake.add_pull(7, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(7)
    body = comment["body"]
    assert "**0 errors**, 1 warning" in body
    assert f"⚠️ [line 12](https://github.com/owner/repo/blob/{sha}/" in body
    assert f"{FINDING} `LB601`" in body and "**Fix:** year: 2019" in body
    assert "verified" not in body  # every source answered: nothing to say about verify
    assert fake.state.issues[7]["labels"] == ["new-paper"]  # not needs-changes
    assert PrReport.from_data(data).to_data() == data


def test_a_source_that_is_down_leaves_the_pr_green_and_unverified(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo)
    with PaperStand(load_papers(), status=503) as down:
        assert run_verify(tmp_path, down.env()) == 0
    written = json.loads((tmp_path / "verify.json").read_text())
    assert written["problems"] == []
    assert {u["source"] for u in written["unchecked"]} == {"dblp", "Crossref"}
    capsys.readouterr()
    assert run_pr(tmp_path, sha) == 0
    err = capsys.readouterr().err
    assert "listbot: warning: verify could not ask dblp: dblp" in err
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["files"][0]["problems"] == []
    assert data["verify"] == {"done": True, "unchecked": ["Crossref", "dblp"]}
    fake.add_pull(7, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(7)[0]["body"]
    assert "no problems found" in body
    assert "_Crossref and dblp could not be asked in this run, so nothing was verified" in body


def test_a_missing_verify_file_is_a_warning(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo)
    assert run_pr(tmp_path, sha) == 0
    err = capsys.readouterr().err
    assert f"listbot: warning: {tmp_path / 'verify.json'} not found; entries not verified" in err
    assert json.loads((tmp_path / "report.json").read_text())["verify"] == {
        "done": False,
        "unchecked": [],
    }
    fake.add_pull(7, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(7)[0]["body"]
    assert "_Entries were not verified against dblp, Crossref and arXiv in this run._" in body


def test_pr_refuses_a_verify_file_no_verify_writes(
    repo: Path, tmp_path: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo)
    assert run_verify(tmp_path, stand.env()) == 0
    path = tmp_path / "verify.json"
    good = json.loads(path.read_text())
    error = dict(good["problems"][0], severity="error")  # a finding that would fail the PR
    other = dict(good["problems"][0], code="LB101")  # not verify's code
    for bad, says in (
        (dict(good, problems=[error]), "problems/0/severity: fails the schema's 'const' rule"),
        (dict(good, problems=[other]), "problems/0/code: fails the schema's 'pattern' rule"),
        (dict(good, version=2), "version 2 is not one this listbot reads (expected 1)"),
        ([], "(top level): fails the schema's 'type' rule"),
    ):
        path.write_text(json.dumps(bad))
        capsys.readouterr()
        assert run_pr(tmp_path, sha) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "verify file refused" in err and says in err, err
        assert not (tmp_path / "report.json").exists()
    path.write_text("x" * (16 * 1024 * 1024 + 1))
    assert run_pr(tmp_path, sha) == 1
    assert "verify file refused: larger than" in capsys.readouterr().err


def test_verify_report_round_trips(repo: Path, tmp_path: Path, stand: PaperStand) -> None:
    open_pr(repo)
    assert run_verify(tmp_path, stand.env()) == 0
    data = json.loads((tmp_path / "verify.json").read_text())
    report = VerifyReport.from_data(data)
    assert report.to_data() == data
    for junk in (None, {"version": 1}, dict(data, summary={"errors": 1, "warnings": 0})):
        with pytest.raises(VerifyReportError):
            VerifyReport.from_data(junk)


def test_what_a_source_says_reaches_the_comment_escaped(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    """A source's text is data: in the comment it can neither render nor mention anyone."""
    hostile = "Tiresias: A GPU Cluster Manager for Distributed Deep Learning <b>@octocat</b>"
    papers = [
        dict(p, title=hostile) if p["title"].startswith("Tiresias") else p for p in load_papers()
    ]
    sha = open_pr(repo, TIRESIAS.replace("year: 2018", "year: 2019"))
    with PaperStand(papers) as stand:
        assert run_verify(tmp_path, stand.env()) == 0
    codes = [p["code"] for p in json.loads((tmp_path / "verify.json").read_text())["problems"]]
    assert codes == ["LB603"]
    assert run_pr(tmp_path, sha) == 0
    fake.add_pull(7, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(7)[0]["body"]
    assert "dblp's title is" in body and "`LB603`" in body
    assert "<b>" not in body and "@octocat" not in body
    assert "@&#8203;octocat" in body
