"""One-click fixes: `listbot pr` puts the fix in the report, `listbot comment` posts it as
a review of ``suggestion`` comments (real PyGithub against the fake GitHub, real git).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from github import Auth, Github, GithubException

from bot_cli_test import open_pr, repo, run_comment, run_pr
from conftest import TOKEN, git
from fakegithub import FakeGitHub
from listbot.bot.review import SUPERSEDED, Fix, Suggestion, fix_for, suggestions
from listbot.cli import main
from listbot.config import load_config
from listbot.fmt import format_entry

__all__ = ["repo"]  # the fixture shared with bot_cli_test
pytestmark = pytest.mark.usefixtures("no_sleep")

# Three mistakes a contributor in the web editor makes: double quotes (not the canonical
# form), a venue alias, and a DOI written as a link.
THREE_MISTAKES = """\
title: "Pipelined Training at Scale"
venue: EUROSYS
year: 2020
category: training
doi: https://doi.org/10.1000/pipe
"""


def pull_files(root: Path, base: str, head: str) -> list[dict[str, str]]:
    """``pulls/{n}/files`` as GitHub builds it: git's diff of each file, from its first hunk."""
    names = git(root, "diff", "--name-status", "--no-renames", base, head).splitlines()
    files = []
    for line in names:
        status, name = line.split("\t")
        diff = git(root, "diff", "--no-color", base, head, "--", name)
        patch = diff[diff.index("@@") :]
        files.append(
            {
                "filename": name,
                "status": {"A": "added", "M": "modified", "D": "removed"}[status],
                "patch": patch,
            }
        )
    return files


def apply(text: str, comments: list[dict[str, object]]) -> str:
    """What GitHub's "Commit suggestion" does with each comment, bottom-up."""
    lines = text.splitlines()
    for comment in sorted(comments, key=lambda c: -int(str(c["line"]))):
        body = str(comment["body"])
        match = re.search(r"^(`{4,})suggestion\n(.*?)^\1$", body, re.S | re.M)
        assert match is not None, body
        new = match.group(2).splitlines()
        end = int(str(comment["line"]))
        start = int(str(comment["start_line"] or end))
        lines[start - 1 : end] = new
    return "\n".join(lines) + "\n"


def test_three_mistakes_fixed_with_suggestions(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-eurosys20.yaml": THREE_MISTAKES})
    assert run_pr(repo, tmp_path, sha, 7) == 1
    report = json.loads((tmp_path / "report.json").read_text())
    [file] = report["files"]
    assert file["fix"]["original"] == THREE_MISTAKES
    assert "venue: EuroSys" in file["fix"]["fixed"]

    fake.add_pull(7, head_sha=sha, files=pull_files(repo, "main", sha))
    assert run_comment(tmp_path, fake, sha) == 0
    [review] = fake.reviews_on(7)
    assert (review["state"], review["commit_id"]) == ("COMMENTED", sha)
    comments = fake.review_comments_on(7)
    assert comments and all("````suggestion\n" in c["body"] for c in comments)
    assert any("alias of 'EuroSys'" in c["body"] for c in comments)
    # Committing every suggestion gives exactly what `listbot fmt` writes.
    fixed = apply(THREE_MISTAKES, fake.review_comments_on(7))
    entry = repo / "entries" / "pipe-eurosys20.yaml"
    assert main(["fmt"], env={}) == 0
    assert fixed == entry.read_text()
    git(repo, "checkout", "-q", "--", ".")
    # The sticky comment says the review fixes these three problems.
    [sticky] = fake.comments_on(7)
    assert sticky["body"].count("**Commit suggestion** on listbot's review") == 3
    assert "run listbot fmt" not in sticky["body"]

    # A re-run of the same commit posts nothing new.
    writes = len(fake.writes())
    assert run_comment(tmp_path, fake, sha) == 0
    assert len(fake.writes()) == writes
    assert len(fake.reviews_on(7)) == 1

    # The contributor commits the suggestions; the old review is withdrawn, none is posted.
    entry.write_text(fixed)
    git(repo, "commit", "-qam", "Apply suggestions from code review")
    sha2 = git(repo, "rev-parse", "HEAD")
    fake.push(7, sha2, pull_files(repo, "main", sha2))
    assert run_pr(repo, tmp_path, sha2, 7) == 0
    assert run_comment(tmp_path, fake, sha2) == 0
    [old] = fake.reviews_on(7)
    assert SUPERSEDED in old["body"] and fake.review_comments_on(7) == []
    [sticky] = fake.comments_on(7)
    assert "no problems found" in sticky["body"]
    assert "withdrew 1 older review" in capsys.readouterr().out


def test_suggestion_outside_the_diff_stays_in_the_comment(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    long_entry = (
        'title: "Pipelined Training at Scale"\nvenue: OSDI\nyear: 2020\ncategory: training\n'
        "links:\n  paper: https://papers.example/pipe\n  pdf: https://papers.example/pipe.pdf\n"
        "  code: https://code.example/pipe\n  slides: https://papers.example/s\n"
    )
    (repo / "entries" / "pipe-osdi20.yaml").write_text(long_entry)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a paper, not in canonical form")
    # The pull request changes the last line only: line 1 is outside the diff's hunk.
    sha = open_pr(repo, {"pipe-osdi20.yaml": long_entry.replace("/s\n", "/slides\n")})
    assert run_pr(repo, tmp_path, sha, 8) == 1
    fake.add_pull(8, head_sha=sha, files=pull_files(repo, "main", sha))
    assert run_comment(tmp_path, fake, sha) == 0
    assert fake.reviews_on(8) == []
    [sticky] = fake.comments_on(8)
    assert "run listbot fmt" in sticky["body"]


def test_a_forged_fix_is_not_suggested(repo: Path, tmp_path: Path, fake: FakeGitHub) -> None:
    sha = open_pr(repo, {"pipe-eurosys20.yaml": THREE_MISTAKES})
    assert run_pr(repo, tmp_path, sha, 9) == 1
    report = json.loads((tmp_path / "report.json").read_text())
    report["files"][0]["fix"]["fixed"] += "note: injected\n"
    (tmp_path / "report.json").write_text(json.dumps(report))
    fake.add_pull(9, head_sha=sha, files=pull_files(repo, "main", sha))
    assert run_comment(tmp_path, fake, sha) == 0
    assert fake.reviews_on(9) == []

    # A report that lies about the file's text: the lines it would replace are not the diff's.
    config = load_config(repo / "listbot.yml")
    report["files"][0]["fix"] = fix_for(
        "entries/pipe-eurosys20.yaml",
        'title: "Other"\nvenue: EUROSYS\nyear: 2020\ncategory: training\n',
        config,
        this_year=2026,
    )
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert run_comment(tmp_path, fake, sha) == 0
    assert fake.reviews_on(9) == []


def test_comment_dry_run_prints_the_suggestions(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-eurosys20.yaml": THREE_MISTAKES})
    assert run_pr(repo, tmp_path, sha, 7) == 1
    capsys.readouterr()
    code = main(
        [
            "comment",
            "--report",
            str(tmp_path / "report.json"),
            "--dry-run",
            "--repo",
            "owner/repo",
            "--head-sha",
            sha,
        ],
        env={},
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "--- review comment on entries/pipe-eurosys20.yaml lines 1-2" in out
    assert "````suggestion\ntitle: Pipelined Training at Scale\nvenue: EuroSys\n````" in out


def test_the_fake_refuses_what_github_refuses(fake: FakeGitHub) -> None:
    """A review that only comments cannot be dismissed; a line outside the diff is refused."""
    sha = "c" * 40
    patch = "@@ -0,0 +1,2 @@\n+title: x\n+venue: y"
    fake.add_pull(3, head_sha=sha, files=[{"filename": "a.yaml", "patch": patch}])
    gh = Github(base_url=fake.url, auth=Auth.Token(TOKEN), retry=None)
    pull = gh.get_repo("owner/repo").get_pull(3)
    commit = gh.get_repo("owner/repo").get_commit(sha)
    with pytest.raises(GithubException) as refused:
        pull.create_review(
            commit=commit,
            body="b",
            event="COMMENT",
            comments=[{"path": "a.yaml", "line": 5, "body": "x"}],
        )
    assert refused.value.status == 422
    review = pull.create_review(
        commit=commit,
        body="b",
        event="COMMENT",
        comments=[{"path": "a.yaml", "start_line": 1, "line": 2, "side": "RIGHT", "body": "x"}],
    )
    assert review.state == "COMMENTED"
    with pytest.raises(GithubException) as cannot:
        review.dismiss("outdated")
    assert cannot.value.status == 422
    assert "Can not dismiss a commented pull request review" in str(cannot.value.data)
    changes = pull.create_review(commit=commit, body="b", event="REQUEST_CHANGES")
    changes.dismiss("outdated")
    assert [r.state for r in pull.get_reviews()] == ["COMMENTED", "DISMISSED"]


def _fix(original: str, fixed: str) -> Fix:
    return Fix("entries/x.yaml", original, fixed, ())


def test_suggestions_replace_runs_of_lines() -> None:
    [one] = suggestions(_fix("a\nb\nc\n", "a\nB\nc\n"))
    assert (one.start_line, one.line, one.replacement) == (2, 2, ("B",))
    # An insertion takes the line before it as its anchor; at the top, the line after.
    [ins] = suggestions(_fix("a\nc\n", "a\nb\nc\n"))
    assert (ins.start_line, ins.line, ins.replacement) == (1, 1, ("a", "b"))
    [top] = suggestions(_fix("b\n", "a\nb\n"))
    assert (top.start_line, top.line, top.replacement) == (1, 1, ("a", "b"))
    # Key order: one run of lines.
    [moved] = suggestions(_fix("year: 1\ntitle: t\n", "title: t\nyear: 1\n"))
    assert (moved.start_line, moved.line) == (1, 2)


def test_suggestion_fence_outgrows_backticks_in_the_text() -> None:
    body = Suggestion("p", 1, 1, ("note: ````` x",), ("note: x",)).body()
    assert "``````suggestion\nnote: ````` x\n``````" in body


def test_config_without_the_alias_gives_no_fix(repo: Path) -> None:
    from listbot.bot.review import verified_fix

    config = load_config(repo / "listbot.yml")
    fix = {"original": THREE_MISTAKES, "fixed": format_entry(THREE_MISTAKES, config)}
    assert verified_fix("entries/x.yaml", fix, config, this_year=2026) is not None
    # The default branch's listbot.yml decides: without the alias, this is not its fix.
    bare = replace(config, venues=())
    assert verified_fix("entries/x.yaml", fix, bare, this_year=2026) is None
