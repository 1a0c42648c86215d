"""End to end: `listbot pr`, `comment` and `link-report` driven the way the workflows run them.

A real git repository in a tmp folder, event payload files, GITHUB_STEP_SUMMARY and
GITHUB_OUTPUT files, and the fake GitHub server that real PyGithub talks to.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ONE_CATEGORY, TODAY, TOKEN, git, git_list
from fakegithub import FakeGitHub
from listbot.bot.comment import MARKER
from listbot.bot.linkrot import MARKER as ROT_MARKER
from listbot.bot.prreport import REPORT_VERSION
from listbot.cli import main
from listbot.links.model import LinkReport, LinkResult, Location, Status

RAY = """\
title: 'Ray: A Distributed Framework for Emerging AI Applications'
venue: OSDI
year: 2018
category: training
doi: 10.1000/ray
"""
NEW = """\
title: Pipelined Training at Scale
venue: OSDI
year: 2020
category: training
links:
  paper: https://papers.example/pipe
  code: https://code.example/pipe
"""


pytestmark = pytest.mark.usefixtures("no_sleep")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return git_list(tmp_path / "list", monkeypatch, ONE_CATEGORY, {"ray-osdi18.yaml": RAY})


def links_file(path: Path, statuses: dict[str, str]) -> Path:
    """A links report written by the links report's own model (the writer's code path).

    The end-to-end runs of the real ``listbot links`` are in contract_test.py; here the
    results are set by hand, each at the line of NEW that holds its URL.
    """
    results = []
    for url, status in statuses.items():
        kind = "code" if "code." in url else "paper"
        results.append(
            LinkResult(
                url,
                Status(status),
                http_status=404 if status == "broken" else 200,
                attempts=1,
                elapsed_ms=3,
                message="Not Found" if status == "broken" else "",
                locations=(
                    Location(
                        "entries/pipe-osdi20.yaml", 7 if kind == "code" else 6, 9, f"links.{kind}"
                    ),
                ),
            )
        )
    path.write_text(json.dumps(LinkReport.of(results).to_data()))
    return path


def actions_env(tmp: Path, event: dict[str, Any], fake: FakeGitHub | None = None) -> dict[str, str]:
    (tmp / "event.json").write_text(json.dumps(event))
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "owner/repo",
        "GITHUB_EVENT_PATH": str(tmp / "event.json"),
        "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
        "GITHUB_OUTPUT": str(tmp / "output.txt"),
        "GITHUB_SERVER_URL": "https://github.com",
    }
    if fake is not None:
        env |= {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url}
    return env


def outputs(tmp: Path) -> dict[str, str]:
    lines = (tmp / "output.txt").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def open_pr(repo: Path, files: dict[str, str]) -> str:
    git(repo, "checkout", "-q", "-b", "patch")
    for name, text in files.items():
        (repo / "entries" / name).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add paper")
    return git(repo, "rev-parse", "HEAD")


def run_pr(repo: Path, tmp: Path, sha: str, number: int, *extra: str) -> int:
    ci = tmp / "ci-pr"
    ci.mkdir(exist_ok=True)
    env = actions_env(ci, {"pull_request": {"number": number, "head": {"sha": sha}}})
    code = main(
        ["pr", "--base", "main", "-o", str(tmp / "report.json"), *extra],
        env=env,
        today=TODAY,
    )
    return code


def run_comment(
    tmp: Path, fake: FakeGitHub, sha: str, *extra: str, pulls: list[int] | None = None
) -> int:
    ci = tmp / "ci-comment"
    ci.mkdir(exist_ok=True)
    event = {
        "workflow_run": {"head_sha": sha, "pull_requests": [{"number": n} for n in pulls or []]}
    }
    env = actions_env(ci, event, fake)
    return main(["comment", "--report", str(tmp / "report.json"), *extra], env=env)


def test_pr_then_comment_like_the_workflows(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    links = links_file(
        tmp_path / "links.json",
        {"https://papers.example/pipe": "ok", "https://code.example/pipe": "ok"},
    )
    assert run_pr(repo, tmp_path, sha, 12, "--links", str(links)) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["pr"], report["head_sha"], report["repository"]) == (12, sha, "owner/repo")
    assert [(f["path"], f["status"]) for f in report["files"]] == [
        ("entries/pipe-osdi20.yaml", "added")
    ]
    assert report["readme_changes"] is True
    assert report["files"][0]["preview"].startswith("- Pipelined Training at Scale (OSDI'20)")
    summary = (tmp_path / "ci-pr" / "summary.md").read_text()
    assert "Pipelined Training at Scale" in summary and "no problems found" in summary
    assert (
        outputs(tmp_path / "ci-pr").items()
        >= {"errors": "0", "added": "1", "changed": "0", "removed": "0"}.items()
    )

    # The comment workflow: a fork PR (the event lists no PR), found by its head SHA.
    fake.add_pull(12, head_sha=sha, fork=True)
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(12)
    assert comment["body"].startswith(MARKER)
    assert "In the README it will read:" in comment["body"]
    assert f"/blob/{sha}/" not in comment["body"]  # all clear: no problem lines to link
    assert fake.state.issues[12]["labels"] == ["new-paper"]
    assert outputs(tmp_path / "ci-comment")["action"] == "created"

    # Unchanged report: no write at all.
    writes = len(fake.writes())
    assert run_comment(tmp_path, fake, sha) == 0
    assert len(fake.writes()) == writes
    assert "comment unchanged on #12" in capsys.readouterr().out


def test_second_push_edits_the_same_comment(repo: Path, tmp_path: Path, fake: FakeGitHub) -> None:
    bad = NEW.replace("venue: OSDI", "venue: EUROSYS").replace(
        "paper: https://papers.example/pipe", "paper: https://gone.example/x"
    )
    sha = open_pr(repo, {"pipe-osdi20.yaml": bad})
    links = links_file(tmp_path / "links.json", {"https://gone.example/x": "broken"})
    assert run_pr(repo, tmp_path, sha, 5, "--links", str(links)) == 1
    out = outputs(tmp_path / "ci-pr")
    assert out["errors"] == "3"  # alias venue, not canonical, broken link
    assert out["broken-links"] == "1"
    fake.add_pull(5, head_sha=sha)
    assert run_comment(tmp_path, fake, sha, pulls=[5]) == 0
    [first] = fake.comments_on(5)
    body = first["body"]
    assert "venue 'EUROSYS' is an alias of 'EuroSys'" in body
    assert f"https://github.com/owner/repo/blob/{sha}/entries/pipe-osdi20.yaml#L2" in body
    assert "**Fix:** write 'EuroSys'" in body
    assert "links\\.paper is broken (HTTP 404" in body  # escaped: "links.paper" reads as a domain
    assert sorted(fake.state.issues[5]["labels"]) == ["needs-changes", "new-paper"]

    # The contributor fixes the file and pushes again.
    (repo / "entries" / "pipe-osdi20.yaml").write_text(NEW)
    git(repo, "commit", "-qam", "fix")
    sha2 = git(repo, "rev-parse", "HEAD")
    fake.state.pulls[5]["head"]["sha"] = sha2
    assert run_pr(repo, tmp_path, sha2, 5) == 0
    assert run_comment(tmp_path, fake, sha2, pulls=[5]) == 0
    [second] = fake.comments_on(5)
    assert second["id"] == first["id"]
    assert "no problems found" in second["body"] and "EUROSYS" not in second["body"]
    assert fake.state.issues[5]["labels"] == ["new-paper"]  # needs-changes removed


def test_duplicate_of_an_existing_paper_is_reported_on_the_new_file(
    repo: Path, tmp_path: Path
) -> None:
    # "aaa" sorts before "ray", so the list rule pins the duplicate on ray-osdi18.yaml;
    # the report turns it around onto the PR's file.
    dup = "title: Another name\nvenue: OSDI\nyear: 2018\ncategory: training\ndoi: 10.1000/RAY\n"
    sha = open_pr(repo, {"aaa-osdi18.yaml": dup})
    assert run_pr(repo, tmp_path, sha, 3) == 1
    report = json.loads((tmp_path / "report.json").read_text())
    [problem] = report["files"][0]["problems"]
    assert problem["path"] == "entries/aaa-osdi18.yaml"
    assert (problem["code"], problem["line"]) == ("LB201", 5)
    assert problem["message"] == "same DOI as entries/ray-osdi18.yaml (already in the list)"
    assert report["other_problems"] == []


def test_changed_and_removed_files(repo: Path, tmp_path: Path) -> None:
    git(repo, "checkout", "-q", "-b", "edit")
    (repo / "entries" / "ray-osdi18.yaml").write_text(RAY.replace("year: 2018", "year: 2017"))
    git(repo, "commit", "-qam", "edit")
    sha = git(repo, "rev-parse", "HEAD")
    assert run_pr(repo, tmp_path, sha, 4) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    [file] = report["files"]
    assert (file["status"], file["before"]["year"], file["entry"]["year"]) == (
        "changed",
        2018,
        2017,
    )
    git(repo, "rm", "-q", "entries/ray-osdi18.yaml")
    git(repo, "commit", "-qm", "remove")
    assert run_pr(repo, tmp_path, git(repo, "rev-parse", "HEAD"), 4) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    [file] = report["files"]
    assert (file["status"], file["entry"], file["before"]["title"]) == (
        "removed",
        None,
        json.loads('"Ray: A Distributed Framework for Emerging AI Applications"'),
    )


def test_missing_links_file_reports_links_unchecked(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12, "--links", str(tmp_path / "none.json")) == 0
    assert "links not checked" in capsys.readouterr().err
    assert json.loads((tmp_path / "report.json").read_text())["links_checked"] is False


def test_json_output_is_only_json(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "entries" / "pipe-osdi20.yaml").write_text(NEW.replace("OSDI", "OSDY"))
    assert (
        main(["pr", "--base", "main", "--format", "json", "-o", str(tmp_path / "r.json")], env={})
        == 1
    )
    out = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in out["problems"]] == ["LB110"]


def test_bad_base_is_a_usage_error(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["pr", "--base", "no-such-ref"], env={}) == 2
    assert "no such commit here" in capsys.readouterr().err


def test_forged_report_is_refused(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    fake.add_pull(12, head_sha=sha)
    fake.add_pull(13, head_sha="e" * 40)
    report = json.loads((tmp_path / "report.json").read_text())
    report["pr"] = 13  # aim the comment at somebody else's pull request
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert run_comment(tmp_path, fake, sha) == 1
    assert "report refused: it names PR #13, but commit" in capsys.readouterr().err
    assert fake.writes() == []

    report["pr"], report["head_sha"] = 12, "e" * 40  # claims another commit than the run's
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert run_comment(tmp_path, fake, sha) == 1
    assert "report refused: it is for commit eeeeeeeeeeee" in capsys.readouterr().err

    (tmp_path / "report.json").write_text(json.dumps({"version": REPORT_VERSION, "files": "x"}))
    assert run_comment(tmp_path, fake, sha) == 1
    assert "not a listbot report" in capsys.readouterr().err
    secret = tmp_path / "secret.json"
    secret.write_text('{"token": "do-not-print-me"}')
    (tmp_path / "report.json").unlink()
    (tmp_path / "report.json").symlink_to(secret)
    assert run_comment(tmp_path, fake, sha) == 1
    err = capsys.readouterr().err
    assert "cannot read the report" in err and "do-not-print-me" not in err
    (tmp_path / "report.json").unlink()
    secret.write_text(json.dumps(dict(report, repository=None, pr="do-not-print-me")))
    (tmp_path / "report.json").write_text(secret.read_text())
    assert run_comment(tmp_path, fake, sha) == 1
    err = capsys.readouterr().err
    assert "pr: fails the schema's 'type' rule" in err and "do-not-print-me" not in err
    (tmp_path / "report.json").write_text("{" + " " * (1024 * 1024 + 10) + "}")
    assert run_comment(tmp_path, fake, sha) == 1
    assert "larger than 1,048,576 bytes" in capsys.readouterr().err
    assert fake.writes() == []


def test_stale_run_posts_nothing(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    fake.add_pull(12, head_sha="f" * 40)  # pushed again since this run
    assert run_comment(tmp_path, fake, sha) == 0
    assert "nothing posted" in capsys.readouterr().out
    assert fake.writes() == []


def test_mentions_and_markup_in_entries_cannot_escape(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    evil = (
        'title: "Hi @octocat <img src=x onerror=alert(1)> [click](https://evil.example) '
        '<!-- listbot:comment -->"\n'
        "venue: NOPE @admins\nyear: 2020\ncategory: training\n"
    )
    sha = open_pr(repo, {"evil.yaml": evil})
    assert run_pr(repo, tmp_path, sha, 8) == 1
    fake.add_pull(8, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(8)
    body = comment["body"]
    assert body.count("<!-- listbot:comment -->") == 1 and body.startswith(MARKER)
    assert "@octocat" not in body and "@admins" not in body and "@&#8203;octocat" in body
    assert not re.search(r"(?<!\\)<img", body) and "[click](" not in body


def test_forged_markdown_in_the_report_is_not_shown(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    report["files"][0]["preview"] = "[pwned](https://evil.example) @everyone"
    report["files"][0]["problems"] = [
        {
            "path": "entries/pipe-osdi20.yaml",
            "line": 1,
            "col": 1,
            "code": "LB101",
            "severity": "error",
            "message": "![x](https://evil.example/t.png) @org/team",
            "suggestion": "<script>x</script>",
        }
    ]
    report["title"] = "# Owned"
    (tmp_path / "report.json").write_text(json.dumps(report))
    fake.add_pull(12, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(12)[0]["body"]
    for bad in ("pwned", "@everyone", "![x](", "@org", "<script>", "\n# Owned"):
        assert bad not in body


def test_oversized_report_is_summarized(repo: Path, tmp_path: Path, fake: FakeGitHub) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    problem = {
        "path": "",
        "line": 3,
        "col": 1,
        "code": "LB110",
        "severity": "error",
        "message": "unknown venue 'X' " + "y" * 200,
        "suggestion": "did you mean 'OSDI'? " + "z" * 100,
    }
    files = []
    for i in range(400):
        path = f"entries/paper-{i:04d}.yaml"
        files.append(
            {
                "path": path,
                "status": "added",
                "entry": None,
                "before": None,
                "preview": None,
                "problems": [dict(problem, path=path) for _ in range(3)],
                "links": [],
            }
        )
    report["files"] = files
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert (tmp_path / "report.json").stat().st_size < 1024 * 1024
    fake.add_pull(12, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(12)[0]["body"]
    assert len(body) < 65_536
    assert "400 papers added; **1200 errors**" in body
    assert "summarized to fit" in body


def test_api_401_is_one_line(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    fake.state.token = "another-token"
    assert run_comment(tmp_path, fake, sha) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HTTP 401" in err and TOKEN not in err


def run_link_report(tmp: Path, fake: FakeGitHub, links: Path, today: date) -> int:
    ci = tmp / "ci-links"
    ci.mkdir(exist_ok=True)
    env = actions_env(ci, {"schedule": "0 6 * * 1"}, fake)
    return main(["link-report", "--links", str(links)], env=env, today=today)


def test_link_report_creates_updates_then_closes_one_issue(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    links = tmp_path / "links.json"
    links_file(links, {"https://a.example/": "broken", "https://b.example/": "ok"})
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 2)) == 0
    [issue] = fake.real_issues()
    assert issue["labels"] == ["link-rot"] and issue["state"] == "open"
    assert issue["title"] == "Link rot: 1 failing link"
    assert ROT_MARKER in issue["body"] and "2026-11-02 (new)" in issue["body"]

    links_file(links, {"https://a.example/": "broken", "https://b.example/": "unreachable"})
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 9)) == 0
    [issue] = fake.real_issues()
    assert issue["title"] == "Link rot: 2 failing links"
    assert (
        "https\\:/\\/a\\.example/ | broken, HTTP 404, Not Found | entries/pipe-osdi20\\.yaml "
        "| 2026-11-02 (7 days)" in issue["body"]
    )
    assert "2026-11-09 (new)" in issue["body"]
    writes = len(fake.writes())
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 9)) == 0  # same day, same result
    assert len(fake.writes()) == writes

    links_file(links, {"https://a.example/": "ok", "https://b.example/": "redirected"})
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 16)) == 0
    [issue] = fake.real_issues()
    assert issue["state"] == "closed"
    last = fake.comments_on(issue["number"])[-1]["body"]
    assert last.startswith("All 2 checked links work again (2026-11-16)")

    # Broken again later: the same issue is reopened, never a second one.
    links_file(links, {"https://a.example/": "broken", "https://b.example/": "ok"})
    assert run_link_report(tmp_path, fake, links, date(2026, 12, 7)) == 0
    [issue] = fake.real_issues()
    assert issue["state"] == "open" and "2026-12-07 (new)" in issue["body"]


def test_link_report_closes_a_raced_duplicate(repo: Path, tmp_path: Path, fake: FakeGitHub) -> None:
    links = links_file(tmp_path / "links.json", {"https://a.example/": "broken"})
    first = fake.add_issue("Link rot", ROT_MARKER, ["link-rot"])
    second = fake.add_issue("Link rot", ROT_MARKER, ["link-rot"])
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 2)) == 0
    states = sorted((i["number"], i["state"]) for i in fake.real_issues())
    assert states == [(first, "open"), (second, "closed")]
    assert fake.comments_on(second)[-1]["body"] == f"Duplicate of #{first}; closing."


def test_link_report_racing_another_run_keeps_one_issue(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    links = links_file(tmp_path / "links.json", {"https://a.example/": "broken"})
    # Another run opens its issue right after ours: the newer one is closed.
    holder: list[int] = []

    def other_run() -> None:
        holder.append(fake.add_issue("Link rot", ROT_MARKER, ["link-rot"]))

    earlier = fake.add_issue("unrelated", "no marker here", ["link-rot"])
    fake.state.after_create_issue = other_run
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 2)) == 0
    rot = [i for i in fake.real_issues() if i["number"] != earlier]
    open_ones = [i["number"] for i in rot if i["state"] == "open"]
    assert len(rot) == 2 and len(open_ones) == 1
    assert holder and holder[0] not in open_ones  # the newer one was closed
    assert outputs(tmp_path / "ci-links")["issue"] == str(open_ones[0])


def test_link_report_rejects_a_bad_file(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    links = tmp_path / "links.json"
    good = json.loads(links_file(links, {"https://a.example/": "broken"}).read_text())
    good["results"][0]["status"] = "weird"
    links.write_text(json.dumps(good))
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 2)) == 1
    err = capsys.readouterr().err
    assert "links file refused" in err and "results/0/status: fails the schema's 'enum' rule" in err


def test_pr_touching_no_entry_gets_no_comment(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "checkout", "-q", "-b", "docs")
    (repo / "CONTRIBUTING.md").write_text("hello\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "docs")
    sha = git(repo, "rev-parse", "HEAD")
    assert run_pr(repo, tmp_path, sha, 21) == 0
    fake.add_pull(21, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    assert "changes no entry; no comment" in capsys.readouterr().out
    assert fake.writes() == []
    # ...but a comment from an earlier push that did touch entries is kept up to date.
    fake.add_comment(21, MARKER + "\nold report")
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(21)
    assert "no entry files changed; no problems found" in comment["body"]


def test_comment_dry_run_calls_no_api(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    capsys.readouterr()
    env = {"GITHUB_REPOSITORY": "owner/repo"}  # no token, no API
    args = ["comment", "--report", str(tmp_path / "report.json"), "--head-sha", sha, "--dry-run"]
    assert main(args, env=env) == 0
    out = capsys.readouterr().out
    assert out.startswith(MARKER) and "Pipelined Training at Scale (OSDI'20)" in out


def test_local_run_counts_untracked_files_as_added(repo: Path, tmp_path: Path) -> None:
    (repo / "entries" / "pipe-osdi20.yaml").write_text(NEW)
    assert main(["pr", "--base", "main", "-o", str(tmp_path / "r.json")], env={}) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert [(f["path"], f["status"]) for f in report["files"]] == [
        ("entries/pipe-osdi20.yaml", "added")
    ]
    assert report["pr"] is None and report["head_sha"] is None


def test_help_imports_no_network_library() -> None:
    code = (
        "import sys; from listbot.cli import main; main(['--help']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('github', 'requests')];"
        "sys.exit(1 if bad else 0)"
    )
    src = str(Path(__file__).resolve().parent.parent / "src")
    done = subprocess.run(
        [sys.executable, "-c", code], env={"PYTHONPATH": src}, capture_output=True, timeout=60
    )
    assert done.returncode == 0


def test_comment_rides_out_a_secondary_rate_limit_and_a_500(
    repo: Path, tmp_path: Path, fake: FakeGitHub, no_sleep: list[float]
) -> None:
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    fake.add_pull(12, head_sha=sha, fork=True)
    fake.fail("GET", f"/commits/{sha}/pulls", 500, message="boom")
    fake.fail(
        "POST", "/comments", 403, {"Retry-After": "3"}, "You have exceeded a secondary rate limit"
    )
    assert run_comment(tmp_path, fake, sha) == 0
    assert no_sleep == [1.0, 3.0]
    assert len(fake.comments_on(12)) == 1
