"""The workflows and the action, parsed: trust boundaries, pins and permissions hold."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import listbot

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("ci", "pr-check", "pr-comment", "regenerate", "links", "add-paper", "pages")
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
    for command in (".ci/run", "ruff check", "mypy", "listbot check", "zizmor", "actionlint"):
        assert command in runs


def test_action_installs_from_its_own_checkout_and_lock_into_its_own_venv() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    python, install = action["runs"]["steps"][:2]
    assert python["uses"].startswith("actions/setup-python@")
    assert python["with"]["update-environment"] is False  # the job's Python stays as it was
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert install["env"]["PYTHON"] == "${{ steps.python.outputs.python-path }}"
    script = install["run"]
    assert '"$PYTHON" -m venv "$venv"' in script and 'venv="$RUNNER_TEMP/' in script
    assert '--require-hashes -r "$ACTION_PATH/requirements/runtime.txt"' in script
    assert '--no-deps --no-build-isolation "$ACTION_PATH"' in script


def written_outputs() -> set[str]:
    """Every step output name a listbot command passes to ``set_outputs``."""
    names: set[str] = set()
    for path in (ROOT / "src" / "listbot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "set_outputs"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Dict)
            ):
                names |= {str(k.value) for k in node.args[1].keys if isinstance(k, ast.Constant)}
    return names


def test_action_exposes_every_output_the_cli_writes() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    written = written_outputs()
    assert {"errors", "report", "comment-id", "issue", "action"} <= written  # the walk works
    assert written <= set(action["outputs"])
    for name in written:
        assert action["outputs"][name]["value"] == f"${{{{ steps.run.outputs.{name} }}}}"


def test_workflows_install_from_the_hashed_lock() -> None:
    for name in ("pr-check", "pr-comment", "regenerate", "links"):
        runs = [s.get("run", "") for s in steps(load(name)) if "pip install" in s.get("run", "")]
        assert len(runs) == 1, name
        assert "--require-hashes -r requirements/runtime.txt" in runs[0], name
        assert "--no-deps --no-build-isolation ." in runs[0], name
    lock = (ROOT / "requirements" / "runtime.txt").read_text()
    for package in ("pyyaml", "ruamel-yaml", "pygithub", "setuptools"):
        assert re.search(rf"^{package}==[^\s]+ \\$", lock, re.M | re.I), package
    assert "--hash=sha256:" in lock
    full = (ROOT / "requirements" / "lock.txt").read_text()
    assert re.search(r"^pytest==", full, re.M) and re.search(r"^pygithub==", full, re.M)
    ci = load("ci")
    assert ".ci/run" in "\n".join(s.get("run", "") for s in steps(ci))


def test_ci_also_runs_the_suite_on_the_newest_releases() -> None:
    ci = load("ci")
    assert "schedule" in triggers(ci)
    latest = ci["jobs"]["latest"]
    assert "schedule" in latest["if"]
    assert ".ci/run --latest" in "\n".join(s.get("run", "") for s in latest["steps"])


def test_link_cache_outlives_the_week_between_scheduled_runs() -> None:
    cron = triggers(load("links"))["schedule"][0]["cron"].split()
    assert cron[2:] == ["*", "*", "1"]  # weekly
    config = yaml.safe_load((ROOT / "listbot.yml").read_text())
    assert config["links"]["cache_max_age_days"] > 7  # an ok result is still fresh next week


def test_dependabot_watches_actions_and_pip() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) >= {"github-actions", "pip"}


def test_every_example_names_this_repository_the_same_way() -> None:
    texts = {p: p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]}
    texts[ROOT / "action.yml"] = (ROOT / "action.yml").read_text()
    uses = [u for t in texts.values() for u in re.findall(r"uses: ([\w./-]*listbot[\w./@-]*)", t)]
    assert uses and set(uses) == {"OWNER/listbot@v1"}, uses
    assert all("listbot@SHA" not in t for t in texts.values())
    repos = {r for t in texts.values() for r in re.findall(r"repo: ([\w.:/-]*listbot)", t)}
    assert repos <= {"https://github.com/OWNER/listbot"}
    version = re.search(r'^version = "(.*)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version and version.group(1).startswith("1.")
    assert version.group(1) == listbot.__version__  # what comments and issues say


def test_pre_commit_hook_runs_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    check = next(h for h in hooks if h["id"] == "listbot-check")
    assert (check["entry"], check["language"], check["pass_filenames"]) == (
        "listbot check",
        "python",
        False,
    )


# zizmor is a test dependency (Python 3.11+): next to this Python, or on PATH
ZIZMOR = next(
    (str(p) for p in [Path(sys.executable).parent / "zizmor"] if p.exists()),
    shutil.which("zizmor"),
)


@pytest.mark.skipif(ZIZMOR is None, reason="zizmor installs on Python 3.11 and newer")
def test_zizmor_reports_nothing() -> None:
    done = subprocess.run(
        [
            str(ZIZMOR),
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
    fake = tmp_path / "temp" / "listbot-action-venv" / "bin" / "listbot"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text('#!/bin/sh\nfor a in "$@"; do echo "[$a]"; done\n')
    fake.chmod(0o755)
    env = {
        "PATH": "/usr/bin:/bin",
        "RUNNER_TEMP": str(tmp_path / "temp"),
        "LISTBOT_COMMAND": command,
        "LISTBOT_ARGS": args,
    }
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


def test_action_refuses_multi_line_args(tmp_path: Path) -> None:
    for args in ("--base HEAD^1\n--links x.json", "--all\r-o x"):
        done = run_action_script(tmp_path, "links", args)
        assert done.returncode == 2 and "args must be one line" in done.stdout
        assert "[" not in done.stdout  # listbot never ran


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


def test_link_checks_get_the_token_for_githubs_api() -> None:
    for name in ("pr-check", "links"):
        checks = [s for s in steps(load(name)) if "listbot links" in s.get("run", "")]
        assert len(checks) == 1, name
        assert checks[0]["env"]["GITHUB_TOKEN"] == "${{ github.token }}", name


def test_pr_comment_says_so_when_there_is_no_report() -> None:
    warn = next(s for s in steps(load("pr-comment")) if "no report" in s.get("name", ""))
    assert warn["if"] == "steps.download.outcome != 'success'"
    assert "$GITHUB_STEP_SUMMARY" in warn["run"] and "::warning" in warn["run"]


def _declared(block: str) -> set[str]:
    """Package names in one of pyproject.toml's dependency lists (``dependencies = [...]``)."""
    text = (ROOT / "pyproject.toml").read_text()
    body = re.search(rf"^{block} = \[(.*?)^\]", text, re.M | re.S)
    assert body, block
    specs = re.findall(r'^\s*"([^"]+)"', body.group(1), re.M)
    return {re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", s)[0]).lower() for s in specs}


def _locked(name: str) -> set[str]:
    text = (ROOT / "requirements" / name).read_text()
    return {m.lower() for m in re.findall(r"^([A-Za-z0-9][\w.-]*)==", text, re.M)}


def test_the_locks_hold_every_declared_dependency() -> None:
    """A dependency added to pyproject.toml without `requirements/update.sh` fails here,
    not in .ci/run's venv."""
    runtime = _declared("dependencies")
    test = _declared("test")
    assert {"pyyaml", "pygithub"} <= runtime and {"pytest", "zizmor"} <= test
    assert runtime - _locked("runtime.txt") == set(), "run requirements/update.sh"
    assert (runtime | test) - _locked("lock.txt") == set(), "run requirements/update.sh"
