"""The workflows and the action, parsed: trust boundaries, pins and permissions hold."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("ci", "pr-check", "pr-comment", "regenerate", "links")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / f"{name}.yml").read_text())
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # PyYAML reads `on:` as True
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def all_steps() -> list[tuple[str, dict[str, Any]]]:
    found = [(name, step) for name in NAMES for step in steps(load(name))]
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    found += [("action", step) for step in action["runs"]["steps"]]
    return found


def test_every_workflow_exists_with_least_privilege() -> None:
    for name in NAMES:
        workflow = load(name)
        top = workflow.get("permissions")
        assert top in ({}, {"contents": "read"}), name
        for job in workflow["jobs"].values():
            for scope, level in (job.get("permissions") or {}).items():
                assert level in ("read", "write"), (name, scope)
        assert "write-all" not in (WORKFLOWS / f"{name}.yml").read_text()


def test_every_action_is_pinned_by_sha_with_a_version_comment() -> None:
    for name, step in all_steps():
        if "uses" in step:
            assert PINNED.match(step["uses"]), (name, step["uses"])
    for path in [*WORKFLOWS.glob("*.yml"), ROOT / "action.yml"]:
        for line in path.read_text().splitlines():
            if "uses:" in line and not line.strip().startswith("#"):
                assert re.search(r"@[0-9a-f]{40} # v\d", line), (path.name, line)


def test_no_untrusted_expansion_inside_run() -> None:
    for name, step in all_steps():
        script = step.get("run", "")
        assert "${{" not in script, (name, script)


def test_checkouts_do_not_keep_credentials() -> None:
    for name, step in all_steps():
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, name


def test_comment_workflow_never_touches_pull_request_code() -> None:
    workflow = load("pr-comment")
    assert list(triggers(workflow)) == ["workflow_run"]
    assert triggers(workflow)["workflow_run"]["workflows"] == ["pr-check"]
    text = (WORKFLOWS / "pr-comment.yml").read_text()
    assert "ref:" not in text and "refs/pull" not in text and "repository:" not in text
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert set(step.get("with", {})) <= {"persist-credentials"}  # default branch only
        script = step.get("run", "")
        assert "pip install ." not in script or "default branch" in step.get("name", "")
        assert "report.json" not in script or script.startswith("listbot comment")
    download = next(
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/download-artifact@")
    )
    assert "runner.temp" in download["with"]["path"]  # outside the checkout: data only
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"] == {
        "actions": "read",
        "contents": "read",
        "issues": "write",
        "pull-requests": "write",
    }


def test_pull_request_check_is_read_only_and_uploads_the_report() -> None:
    workflow = load("pr-check")
    assert list(triggers(workflow)) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert "listbot links --changed-since HEAD^1 --format json -o links.json" in runs
    assert "listbot pr --base HEAD^1 --links links.json -o report.json" in runs
    upload = next(
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["name"] == "listbot-report"


def test_regenerate_is_serialized_and_cannot_loop() -> None:
    workflow = load("regenerate")
    push = triggers(workflow)["push"]
    assert push["branches"] == ["main"]
    assert set(push["paths"]) == {"entries/**", "listbot.yml"}  # its own commit touches neither
    assert workflow["concurrency"]["cancel-in-progress"] is False
    job = workflow["jobs"]["render"]
    assert job["permissions"] == {"contents": "write"}
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "listbot render" in runs and "github-actions[bot]" in runs
    assert "git diff --cached --quiet" in runs  # commits only when something changed
    assert "listbot export bibtex -o papers.bib" in runs
    assert "listbot export json -o papers.json" in runs


def test_links_workflow_restores_and_saves_the_cache() -> None:
    workflow = load("links")
    assert set(triggers(workflow)) == {"schedule", "workflow_dispatch"}
    uses = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert "actions/cache/restore" in uses and "actions/cache/save" in uses
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "listbot links --all --cache-restored --format json -o links.json" in runs
    for step in steps(workflow):  # the salt the cache is keyed with travels with it
        if step.get("uses", "").startswith("actions/cache/"):
            assert "~/.cache/listbot/salt" in step["with"]["path"].split()
    assert "listbot link-report --links links.json" in runs


def test_ci_runs_every_python_and_the_audits() -> None:
    workflow = load("ci")
    assert workflow["jobs"]["test"]["strategy"]["matrix"]["python-version"] == [
        "3.10",
        "3.11",
        "3.12",
        "3.13",
    ]
    runs = "\n".join(s.get("run", "") for s in steps(workflow))
    for command in ("pytest", "ruff check", "mypy", "listbot check", "zizmor", "actionlint"):
        assert command in runs


def test_action_installs_from_its_own_checkout() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    install = action["runs"]["steps"][1]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]


def test_pre_commit_hook_runs_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    check = next(h for h in hooks if h["id"] == "listbot-check")
    assert (check["entry"], check["language"], check["pass_filenames"]) == (
        "listbot check",
        "python",
        False,
    )


@pytest.mark.skipif(shutil.which("zizmor") is None, reason="zizmor not installed")
def test_zizmor_reports_nothing() -> None:
    done = subprocess.run(
        [
            "zizmor",
            "--offline",
            "--persona=auditor",
            "--no-progress",
            ".github/workflows",
            "action.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def run_action_script(tmp_path: Path, command: str, args: str) -> subprocess.CompletedProcess[str]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    script = action["runs"]["steps"][2]["run"]
    fake = tmp_path / "bin" / "listbot"
    fake.parent.mkdir(exist_ok=True)
    fake.write_text('#!/bin/sh\nfor a in "$@"; do echo "[$a]"; done\n')
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "LISTBOT_COMMAND": command, "LISTBOT_ARGS": args}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_action_passes_args_without_shell_expansion(tmp_path: Path) -> None:
    done = run_action_script(tmp_path, "pr", '--base HEAD^1 $(id) * "q"')
    assert done.returncode == 0
    assert done.stdout.split() == ["[pr]", "[--base]", "[HEAD^1]", "[$(id)]", "[*]", '["q"]']


def test_action_refuses_unknown_commands(tmp_path: Path) -> None:
    done = run_action_script(tmp_path, "check; touch pwned", "")
    assert done.returncode == 2 and "unknown listbot command" in done.stdout
    assert not (tmp_path / "pwned").exists()


UNTRUSTED = re.compile(r"github\.event\.|github\.head_ref|inputs\.")
# Action inputs that may carry an event value: they are data to the action, not a script.
SAFE_INPUTS = {
    ("actions/download-artifact", "run-id"),  # a number GitHub assigns
    ("actions/setup-python", "python-version"),  # the action's own input, a version string
}


def expressions(node: Any, where: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every ``${{ ... }}`` in a workflow, with the chain of keys that leads to it."""
    found: list[tuple[tuple[str, ...], str]] = []
    if isinstance(node, dict):
        uses = str(node.get("uses", "")).split("@")[0]
        for key, value in node.items():
            step = (f"uses={uses}",) if uses and key == "with" else ()
            found += expressions(value, (*where, *step, str(key)))
    elif isinstance(node, list):
        for item in node:
            found += expressions(item, where)
    elif isinstance(node, str):
        found += [(where, e.strip()) for e in re.findall(r"\$\{\{(.*?)\}\}", node, re.DOTALL)]
    return found


def documents() -> list[tuple[str, Any]]:
    found = [(name, load(name)) for name in NAMES]
    return [*found, ("action", yaml.safe_load((ROOT / "action.yml").read_text()))]


def test_untrusted_values_reach_only_env_conditions_and_data_inputs() -> None:
    checked = 0
    for name, document in documents():
        for where, expression in expressions(document):
            assert where[-1] not in ("run", "script"), (name, where, expression)
            if not UNTRUSTED.search(expression):
                continue
            checked += 1
            allowed = (
                "env" in where
                or where[-1] == "if"
                or where[:1] == ("concurrency",)
                or where[:1] == ("outputs",)
                or any(
                    part.startswith("uses=") and (part[5:], where[-1]) in SAFE_INPUTS
                    for part in where
                )
            )
            assert allowed, f"{name}: {'.'.join(where)} expands {expression}"
    assert checked >= 5  # the walk does see the expressions that are there


def test_the_walk_catches_an_injection() -> None:
    forged = {
        "jobs": {
            "x": {
                "steps": [
                    {"run": "echo hi", "env": {"T": "${{ github.event.pull_request.title }}"}},
                    {
                        "uses": "actions/github-script@v7",
                        "with": {"script": "${{ github.head_ref }}"},
                    },
                    {"run": 'echo "${{ github.event.issue.body }}"'},
                ]
            }
        }
    }
    found = expressions(forged)
    assert [where[-1] for where, _ in found] == ["T", "script", "run"]


def test_no_workflow_runs_pull_request_code_with_a_write_token_or_secrets() -> None:
    for name in NAMES:
        workflow = load(name)
        on = triggers(workflow)
        assert "pull_request_target" not in on, name
        text = (WORKFLOWS / f"{name}.yml").read_text()
        if "pull_request" in on:
            assert "secrets." not in text and "write" not in json.dumps(workflow), name
        if "workflow_run" in on:
            for step in steps(workflow):
                assert not step.get("uses", "").startswith("./"), name  # no action from a checkout
                assert "artifact" not in step.get("run", "") or "listbot comment" in step["run"]
