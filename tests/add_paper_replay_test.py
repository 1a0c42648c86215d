"""The add-paper workflow replayed (tests/replay.py): an issue opened from the form.

The list lives on a bare ``origin``; the workflow file runs step by step with an ``issues``
event whose body is the committed form filled in the way GitHub fills it; the paper's
metadata comes from the local stand-in of ``add_test.py``, the API from
``tests/fakegithub.py``. What GitHub would end up showing is asserted: the branch on
origin, the pull request, the one reply on the issue.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from add_test import DOI, env_for
from fakegithub import FakeGitHub
from metadata_samples import CROSSREF_WORK
from replay import Runner
from workflows_replay_test import (  # noqa: F401  (runner_venv, action_venv are fixtures)
    REPO,
    TOKEN,
    Repo,
    action_checkout,
    action_venv,
    entry,
    git,
    listbot,
    make_list,
    runner_venv,
)

WORKFLOW = ".github/workflows/add-paper.yml"
BRANCH = "listbot/add-zephyr-eurosys18"


def issue_body(clone: Path, **values: str) -> str:
    """The issue body GitHub writes from the committed form: ``### label``, value, in order."""
    form = yaml.safe_load((clone / ".github/ISSUE_TEMPLATE/add-paper.yml").read_text())
    parts = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        value = values.get(item["id"], "")
        if item["type"] == "dropdown" and value:
            value = next(o for o in item["attributes"]["options"] if o.endswith(f"({value})"))
        parts.append(f"### {item['attributes']['label']}\n\n{value or '_No response_'}")
    return "\n\n".join(parts)


def issues_event(number: int, body: str) -> dict[str, Any]:
    return {
        "action": "opened",
        "issue": {
            "number": number,
            "title": "Add paper: Zephyr",
            "body": body,
            "labels": [{"name": "add-paper"}],
            "user": {"login": "reader"},
            "author_association": "NONE",
        },
        "repository": {"full_name": REPO, "default_branch": "main"},
        "sender": {"login": "reader"},
    }


@pytest.fixture(params=["own", "adopter"])
def setup(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    runner_venv: Path,  # noqa: F811  (the fixture imported above)
    action_venv: dict[str, Path | None],  # noqa: F811
    httpserver: HTTPServer,
) -> Iterator[tuple[Repo, FakeGitHub, Runner]]:
    """This repository's own add-paper.yml, or (``adopter``) what ``listbot init
    --submissions`` writes, in a list without listbot's code: it runs the action."""
    adopter = request.param == "adopter"
    repo = make_list(
        tmp_path / "list",
        with_project=not adopter,
        entries={"ray-osdi18.yaml": entry("Ray, A Distributed Framework", "OSDI", 2018)},
    )
    listbot(repo.clone, "issue-form")  # the form of this list's own categories
    files = {}
    if adopter:
        from listbot.commands.init import starter

        files[WORKFLOW] = starter("workflows/add-paper.yml")
    repo.commit("The add-paper form", files)
    repo.push_main()
    actions = {"OWNER/listbot": action_checkout(tmp_path / "action")} if adopter else {}
    with FakeGitHub(token=TOKEN) as github:
        github.state.repo = REPO
        github.state.branch_exists = lambda branch: bool(
            git(repo.origin, "for-each-ref", f"refs/heads/{branch}")
        )
        runner = Runner(
            base=tmp_path / "runner",
            origin=repo.origin,
            api_url=github.url,
            token=TOKEN,
            repository=REPO,
            python=runner_venv,
            metadata_env=env_for(httpserver),
            actions=actions,
            preinstalled=action_venv,
        )
        yield repo, github, runner


def test_an_add_paper_issue_is_replayed_into_a_pull_request_and_a_reply(
    setup: tuple[Repo, FakeGitHub, Runner], httpserver: HTTPServer
) -> None:
    repo, github, runner = setup
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    number = github.add_issue("Add paper: Zephyr", "", ["add-paper"])
    body = issue_body(
        repo.clone, paper=DOI, category="training", code="https://github.com/example/zephyr"
    )

    result = runner.run(
        repo.clone / WORKFLOW,
        "issues",
        issues_event(number, body),
        ref="refs/heads/main",
        sha=repo.main_tip(),
        actor="reader",
    )

    assert result.jobs["submit"].conclusion == "success", result.log()
    entry_text = repo.show(BRANCH, "entries/zephyr-eurosys18.yaml")
    assert "code: https://github.com/example/zephyr" in entry_text
    assert git(repo.origin, "log", "-1", "--format=%an", BRANCH) == "github-actions[bot]"
    (pull,) = github.state.pulls.values()
    assert pull["head"]["ref"] == BRANCH and f"Closes #{number}." in pull["body"]
    (reply,) = [c["body"] for c in github.comments_on(number)]
    assert f"I opened #{pull['number']}" in reply
    assert "Zephyr" in reply


def test_a_comment_that_is_not_a_maintainers_retry_does_not_run_the_job(
    setup: tuple[Repo, FakeGitHub, Runner],
) -> None:
    repo, github, runner = setup
    number = github.add_issue("Add paper: Zephyr", "", ["add-paper"])
    event = issues_event(number, issue_body(repo.clone, paper=DOI, category="training"))
    event.update(
        action="created",
        comment={"body": "/listbot retry", "author_association": "NONE", "user": {"login": "x"}},
    )

    result = runner.run(
        repo.clone / WORKFLOW, "issue_comment", event, ref="refs/heads/main", sha=repo.main_tip()
    )

    assert all(job.conclusion == "skipped" for job in result.jobs.values()), result.log()
    assert github.comments_on(number) == [] and github.state.pulls == {}
