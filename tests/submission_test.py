"""The add-paper issue form end to end: form -> issue body -> ``listbot submission`` -> PR.

Real parts throughout: the form is the one ``listbot issue-form`` writes, and the issue
body is made from it the way GitHub fills a submitted form; the list is a git clone of
a bare ``origin`` in a temp folder; the metadata comes from the local stand-ins of
``add_test.py``; PyGithub talks to ``tests/fakegithub.py``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from add_test import CONFIG, DOI, RAY, ZEPHYR, env_for
from fakegithub import OWNER_REPO, FakeGitHub
from listbot.cli import main
from metadata_samples import CROSSREF_WORK

ZEPHYR_SLUG = "zephyr-eurosys18"
BRANCH = f"listbot/add-{ZEPHYR_SLUG}"
TOKEN = "t0ken"


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode()


@dataclass
class Repo:
    work: Path
    origin: Path
    github: FakeGitHub
    metadata: HTTPServer
    event_file: Path

    def env(self) -> dict[str, str]:
        return {
            **env_for(self.metadata),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.work.parent),
            "XDG_CACHE_HOME": str(self.work.parent / "cache"),
            "GITHUB_TOKEN": TOKEN,
            "GITHUB_API_URL": self.github.url,
            "GITHUB_REPOSITORY": OWNER_REPO,
        }

    def form(self) -> dict[str, Any]:
        """The committed issue form, as GitHub reads it."""
        loaded: dict[str, Any] = yaml.safe_load(
            (self.work / ".github/ISSUE_TEMPLATE/add-paper.yml").read_text(encoding="utf-8")
        )
        return loaded

    def body(self, **values: str) -> str:
        """An issue body as GitHub writes a submitted form: ``### label``, value, in order."""
        parts = []
        for item in self.form()["body"]:
            if item["type"] == "markdown":
                continue
            value = values.get(item["id"], "")
            if item["type"] == "dropdown" and value:
                options = item["attributes"]["options"]
                value = next(o for o in options if o.endswith(f"({value})"))
            parts.append(f"### {item['attributes']['label']}\n\n{value or '_No response_'}")
        return "\n\n".join(parts)

    def submit(self, event: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> str:
        """One workflow run: a fresh checkout of main, then listbot submission."""
        git(self.work, "checkout", "-q", "main")
        git(self.work, "reset", "-q", "--hard", "origin/main")
        git(self.work, "clean", "-qfdx")
        self.event_file.write_text(json.dumps(event), encoding="utf-8")
        capsys.readouterr()
        code = main(["submission", "--event", str(self.event_file)], env=self.env())
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "Traceback" not in captured.err
        return captured.out

    def branches(self) -> list[str]:
        out = git(self.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads")
        return sorted(out.split())

    def file_on(self, branch: str, path: str) -> str:
        return git(self.origin, "show", f"{branch}:{path}")

    def replies(self, number: int) -> list[str]:
        return [c["body"] for c in self.github.comments_on(number)]


def issue_event(
    number: int, body: str, *, action: str = "opened", labels: tuple[str, ...] = ("add-paper",)
) -> dict[str, Any]:
    return {
        "action": action,
        "issue": {
            "number": number,
            "title": "Add paper: something",
            "body": body,
            "labels": [{"name": name} for name in labels],
            "user": {"login": "reader"},
            "author_association": "NONE",
        },
        "repository": {"full_name": OWNER_REPO, "default_branch": "main"},
        "sender": {"login": "reader"},
    }


def comment_event(number: int, body: str, comment: str, association: str) -> dict[str, Any]:
    event = issue_event(number, body, action="created")
    event["comment"] = {"body": comment, "author_association": association, "user": {"login": "m"}}
    return event


@pytest.fixture
def repo(tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    (work / "listbot.yml").write_text(CONFIG, encoding="utf-8")
    (work / "entries").mkdir()
    # Like this list, the repository publishes its schemas: the editor hint is relative.
    (work / "schema").mkdir()
    (work / "schema" / "entry.schema.json").write_text("{}\n")
    (work / "entries" / "ray-osdi18.yaml").write_text(RAY, encoding="utf-8")
    (work / "README.md").write_text("# T\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
    monkeypatch.chdir(work)
    assert main(["issue-form"]) == 0
    assert main(["render"], env={"XDG_CACHE_HOME": str(tmp_path / "cache")}) == 0
    git(work, "checkout", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "the list")
    git(work, "push", "-q", "origin", "main")

    def branch_exists(branch: str) -> bool:
        return bool(git(origin, "for-each-ref", f"refs/heads/{branch}").strip())

    with FakeGitHub(token=TOKEN) as github:
        github.state.branch_exists = branch_exists
        yield Repo(work, origin, github, httpserver, tmp_path / "event.json")


def test_issue_form_lists_the_categories_and_check_keeps_it_in_sync(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    form = repo.form()
    assert form["labels"] == ["add-paper"]
    fields = {item.get("id"): item for item in form["body"]}
    assert fields["paper"]["validations"]["required"] is True
    assert fields["category"]["attributes"]["options"] == [
        "Training (training)",
        "Inference (inference)",
    ]
    assert "validations" not in fields["code"] and "validations" not in fields["note"]
    assert main(["check", "--no-readme"]) == 0
    assert main(["issue-form", "--check"]) == 0

    config = repo.work / "listbot.yml"
    config.write_text(
        config.read_text().replace(
            "  - id: inference\n", "  - id: serving\n    name: Serving\n  - id: inference\n"
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", "--no-readme"]) == 1
    out = capsys.readouterr().out
    assert ".github/ISSUE_TEMPLATE/add-paper.yml:1:1: LB801" in out
    assert "run listbot issue-form" in out
    assert main(["issue-form", "--check"]) == 1
    assert main(["issue-form"]) == 0
    assert "Serving (serving)" in repo.form()["body"][2]["attributes"]["options"]
    assert main(["check", "--no-readme"]) == 0


def test_an_issue_becomes_a_branch_a_pull_request_and_a_reply(
    repo: Repo, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    number = repo.github.add_issue("Add paper: Zephyr", "", ["add-paper"])
    body = repo.body(paper=f"https://doi.org/{DOI}", category="training")

    out = repo.submit(issue_event(number, body), capsys)

    assert f"pull request #{number + 1} created ({BRANCH})" in out
    assert repo.branches() == [BRANCH, "main"]
    assert repo.file_on(BRANCH, f"entries/{ZEPHYR_SLUG}.yaml") == ZEPHYR
    pulls = repo.github.state.pulls
    assert list(pulls) == [number + 1]
    pull = pulls[number + 1]
    assert pull["head"]["ref"] == BRANCH and pull["base"]["ref"] == "main"
    assert f"Closes #{number}." in pull["body"]
    assert pull["title"] == "Add Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly"

    # The line the reply promises is the line listbot render writes on that branch.
    git(repo.work, "checkout", "-q", BRANCH)
    git(repo.work, "reset", "-q", "--hard", f"origin/{BRANCH}")
    assert main(["check", "--no-readme"]) == 0  # what pr-check runs on the pull request
    assert main(["render"], env={"XDG_CACHE_HOME": str(repo.work.parent / "cache")}) == 0
    line = next(x for x in (repo.work / "README.md").read_text().splitlines() if "Zephyr" in x)
    (reply,) = repo.replies(number)
    assert f"I opened #{number + 1}" in reply
    assert f"https://github.invalid/{OWNER_REPO}/pull/{number + 1}" in reply
    assert f"> {line}\n" in reply


def test_an_edited_issue_updates_the_same_branch_pull_request_and_reply(
    repo: Repo, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    number = repo.github.add_issue("Add paper: Zephyr", "", ["add-paper"])
    first = repo.body(paper=DOI, category="training")
    repo.submit(issue_event(number, first), capsys)

    edited = repo.body(
        paper=DOI,
        category="inference",
        code="https://github.com/example/zephyr",
        note="Fair sharing of data loaders",
    )
    out = repo.submit(issue_event(number, edited, action="edited"), capsys)

    assert "updated" in out
    assert len(repo.github.state.pulls) == 1
    text = repo.file_on(BRANCH, f"entries/{ZEPHYR_SLUG}.yaml")
    assert "category: inference" in text
    assert "  code: https://github.com/example/zephyr\n" in text
    assert "note: Fair sharing of data loaders\n" in text
    (reply,) = repo.replies(number)
    assert "Fair sharing of data loaders" in reply


def test_a_paper_already_in_the_list_gets_a_reply_and_no_branch(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    number = repo.github.add_issue("Add paper: Ray", "", ["add-paper"])
    body = repo.body(paper="https://arxiv.org/abs/1712.05889v2", category="training")

    out = repo.submit(issue_event(number, body), capsys)

    assert "nothing added" in out
    assert repo.branches() == ["main"]
    assert repo.github.state.pulls == {}
    (reply,) = repo.replies(number)
    assert "already has this paper" in reply
    assert "entries/ray-osdi18.yaml" in reply.replace("\\", "")
    assert "close this issue" in reply


def test_a_paper_that_cannot_be_resolved_gets_a_reply_saying_what_to_do(
    repo: Repo, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/crossref/works/10.5555/nothing.here").respond_with_data(
        "Resource not found.", status=404
    )
    httpserver.expect_request("/doi/10.5555/nothing.here").respond_with_data("", status=404)
    number = repo.github.add_issue("Add paper: ?", "", ["add-paper"])
    body = repo.body(paper="10.5555/nothing.here", category="training")

    repo.submit(issue_event(number, body), capsys)

    assert repo.branches() == ["main"]
    (reply,) = repo.replies(number)
    assert "could not look this paper up" in reply
    assert "/listbot retry" in reply and "Edit the issue" in reply
    assert list((repo.work / "entries").iterdir()) == [repo.work / "entries" / "ray-osdi18.yaml"]


def test_a_hostile_issue_body_is_refused_field_by_field_and_quoted_as_text(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    number = repo.github.add_issue("Add paper", "", ["add-paper"])
    body = (
        "### Paper\n\n$(touch pwned) `rm -rf /` <img src=x onerror=alert(1)>\n\n"
        "### Category\n\nEverything (../../etc)\n\n"
        "### Code (optional)\n\njavascript:alert(1)\n\n"
        "### Note (optional)\n\n@everyone look\nsecond line\n\n"
        "### Something else\n\nignored"
    )

    repo.submit(issue_event(number, body), capsys)

    assert repo.branches() == ["main"]
    assert not (repo.work / "pwned").exists()
    (reply,) = repo.replies(number)
    shown = reply.replace("\\", "")  # as GitHub renders it: escapes are not shown
    assert "I could not read this request" in shown
    assert "is not a DOI, an arXiv id" in shown
    assert "is not a category of this list" in shown
    assert "must be an http:// or https:// link" in shown
    assert "'Note (optional)' must be one line" in shown
    # What the reply quotes is escaped: no tag, no mention, no code span.
    assert "\\<img" in reply and re.search(r"(?<!\\)<img", reply) is None
    assert re.search(r"(?<!\\)`rm", reply) is None


def test_a_field_given_twice_is_refused(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    number = repo.github.add_issue("Add paper", "", ["add-paper"])
    body = repo.body(paper=DOI, category="training") + "\n\n### Category\n\nInference (inference)"
    repo.submit(issue_event(number, body), capsys)
    (reply,) = repo.replies(number)
    assert "'Category' appears more than once" in reply.replace("\\", "")
    assert repo.branches() == ["main"]


def test_retry_runs_only_for_maintainers_and_only_on_labelled_issues(
    repo: Repo, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    number = repo.github.add_issue("Add paper: Zephyr", "", ["add-paper"])
    body = repo.body(paper=DOI, category="training")

    out = repo.submit(comment_event(number, body, "/listbot retry", "NONE"), capsys)
    assert "is for maintainers" in out
    out = repo.submit(comment_event(number, body, "please /listbot retry", "OWNER"), capsys)
    assert "is not /listbot retry" in out
    out = repo.submit(issue_event(number, body, labels=("question",)), capsys)
    assert "not labelled add-paper" in out
    assert repo.branches() == ["main"] and repo.replies(number) == []

    out = repo.submit(comment_event(number, body, "/listbot retry\nthanks", "MEMBER"), capsys)
    assert "created" in out
    assert repo.branches() == [BRANCH, "main"]


def test_a_bad_event_file_is_one_line_and_exit_1(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.event_file.write_text("{not json", encoding="utf-8")
    assert main(["submission", "--event", str(repo.event_file)], env=repo.env()) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "event payload refused: not JSON" in err


def test_the_event_file_defaults_to_the_one_actions_names(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    # the action runs `listbot submission` with no arguments: Actions sets GITHUB_EVENT_PATH
    repo.event_file.write_text("{not json", encoding="utf-8")
    env = {**repo.env(), "GITHUB_EVENT_PATH": str(repo.event_file)}
    assert main(["submission"], env=env) == 1
    assert "event payload refused: not JSON" in capsys.readouterr().err
    without = {k: v for k, v in repo.env().items() if k != "GITHUB_EVENT_PATH"}
    assert main(["submission"], env=without) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give --event FILE" in err
