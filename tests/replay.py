"""Replays ``.github/workflows/*.yml`` (and composite actions) the way a GitHub runner does.

A job's steps run in order: ``run:`` steps in ``bash -eo pipefail`` with the runner's
variables (``GITHUB_EVENT_PATH`` holding the event payload, ``GITHUB_OUTPUT``,
``GITHUB_ENV``, ``GITHUB_PATH``, ``GITHUB_STEP_SUMMARY``, ``RUNNER_TEMP``,
``GITHUB_REPOSITORY``, ``GITHUB_API_URL``, ``GITHUB_ACTIONS=true``...), ``env:`` of the
workflow, job and step with their ``${{ ... }}`` expressions evaluated (``Expression``: the
subset the workflows use), ``if:`` conditions, ``continue-on-error`` and step outputs.
``uses:`` steps are played by small stand-ins (``STAND_INS``): checkout fetches from a local
bare repository (``origin``) with ``fetch-depth`` and ``persist-credentials`` honoured;
upload/download-artifact copy folders; cache/restore and cache/save keep folders by key;
setup-python hands out the runner's Python. A composite action (``./path`` or a name mapped
to a local folder in ``Runner.actions``) runs its ``action.yml`` steps with ``inputs``.

What stands in for the world:

- GitHub's API is ``tests/fakegithub.py`` (``GITHUB_API_URL``), used by real PyGithub.
- The runner's Python is one venv per test session (``runner_python``), not the test venv
  itself: the workflows' real ``pip install`` steps install into it (and the action's own venv
  is made from it), offline, from ``.ci/wheels`` (``PIP_NO_INDEX``): the locked files that
  ``.ci/run`` downloads, or ``python3 -m pip download --require-hashes -r
  requirements/lock.txt -d .ci/wheels``. Without them the replay skips (fails under .ci/run).
- The internet is a link server on 127.0.0.1. listbot refuses loopback addresses, and no
  switch of listbot's own (flag, environment variable, listbot.yml) may be used to lift that
  here: in pr-check the pull request controls all of those. Instead the replayed runner's
  Python has a ``sitecustomize`` (on the runner's ``PYTHONPATH``, like software installed
  on a runner image) under which 127.0.0.1 counts as a public address, the way a runner's
  network is the runner's business. Nothing in the repository, the workflows or listbot
  changes; production runners have no such file.

Usage (see tests/workflows_replay_test.py)::

    runner = Runner(base=tmp, origin=bare, api_url=gh.url, token=gh.state.token, ...)
    result = runner.run(".github/workflows/pr-check.yml", "pull_request", payload,
                        ref="refs/pull/3/merge", sha=merge_sha)
    assert result.conclusion == "success", result.log()
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / ".ci" / "wheels"
STEP_TIMEOUT = 300


class ReplayError(Exception):
    """The harness cannot play a workflow (an unknown action, a bad expression)."""


# ---- expressions ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>==|!=|&&|\|\||<=|>=|[!()<>.,\[\]*])|(?P<name>[A-Za-z_][\w-]*))"
)
STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ReplayError(f"cannot read the expression {text!r} at {pos}")
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        pos = match.end()
    return found


def _number(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip()) if value.strip() else 0.0
        except ValueError:
            return float("nan")
    return float("nan")


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return left.lower() == right.lower()  # GitHub compares strings ignoring case
    if type(left) is type(right) or left is None or right is None:
        if left is None or right is None:
            return left is right or _number(left) == _number(right)
        return bool(left == right)
    return _number(left) == _number(right)


def truthy(value: Any) -> bool:
    return value not in (None, False, 0, "") and not (isinstance(value, float) and value != value)


def text_of(value: Any) -> str:
    """An expression's value as ``${{ }}`` puts it into a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, indent=2)
    return str(value)


class Expression:
    """The subset of GitHub's expression language the workflows use.

    Contexts are looked up in ``contexts`` (github, env, steps, inputs, runner, secrets,
    matrix, job); ``status`` plays success()/failure()/cancelled()/always(). Operators:
    ``!``, ``==``, ``!=``, ``<``, ``>``, ``<=``, ``>=``, ``&&``, ``||``, parentheses, property
    access with ``.`` and ``['x']``, string and number literals, true/false/null, and the
    functions contains, startsWith, endsWith, format, join, toJSON, fromJSON.
    """

    def __init__(self, text: str, contexts: Mapping[str, Any], status: str = "success") -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.contexts = contexts
        self.status = status

    def value(self) -> Any:
        result = self._or()
        if self.pos != len(self.tokens):
            raise ReplayError(f"unexpected {self.tokens[self.pos][1]!r} in {self.text!r}")
        return result

    def _peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ReplayError(f"the expression {self.text!r} ends too early")
        token = self.tokens[self.pos]
        if expected is not None and token[1] != expected:
            raise ReplayError(f"expected {expected!r}, found {token[1]!r} in {self.text!r}")
        self.pos += 1
        return token

    def _or(self) -> Any:
        left = self._and()
        while self._peek() == "||":
            self._take()
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self) -> Any:
        left = self._compare()
        while self._peek() == "&&":
            self._take()
            right = self._compare()
            left = right if truthy(left) else left
        return left

    def _compare(self) -> Any:
        left = self._unary()
        while self._peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self._take()[1]
            right = self._unary()
            if op == "==":
                left = _equal(left, right)
            elif op == "!=":
                left = not _equal(left, right)
            else:
                a, b = _number(left), _number(right)
                left = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
        return left

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not truthy(self._unary())
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self._take()
        if text == "(" and kind == "op":
            value = self._or()
            self._take(")")
            return self._access(value)
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if kind != "name":
            raise ReplayError(f"unexpected {text!r} in {self.text!r}")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self._peek() == "(":
            return self._access(self._call(text))
        if text not in self.contexts:
            raise ReplayError(f"unknown context {text!r} in {self.text!r}")
        return self._access(self.contexts[text])

    def _call(self, name: str) -> Any:
        self._take("(")
        args: list[Any] = []
        while self._peek() != ")":
            args.append(self._or())
            if self._peek() == ",":
                self._take()
        self._take(")")
        if name in STATUS_FUNCTIONS:
            return {
                "success": self.status == "success",
                "failure": self.status == "failure",
                "cancelled": False,
                "always": True,
            }[name]
        if name == "contains":
            haystack, needle = args
            if isinstance(haystack, list):
                return any(_equal(item, needle) for item in haystack)
            return text_of(needle).lower() in text_of(haystack).lower()
        if name == "startsWith":
            return text_of(args[0]).lower().startswith(text_of(args[1]).lower())
        if name == "endsWith":
            return text_of(args[0]).lower().endswith(text_of(args[1]).lower())
        if name == "format":
            out = text_of(args[0])
            for i, arg in enumerate(args[1:]):
                out = out.replace("{" + str(i) + "}", text_of(arg))
            return out
        if name == "join":
            sep = text_of(args[1]) if len(args) > 1 else ","
            return sep.join(text_of(a) for a in (args[0] or []))
        if name == "toJSON":
            return json.dumps(args[0], indent=2)
        if name == "fromJSON":
            return json.loads(text_of(args[0]))
        raise ReplayError(f"function {name}() is not played by the replay")

    def _access(self, value: Any) -> Any:
        filtered = False  # after `.*`: each later property applies to every item
        while self._peek() in (".", "["):
            if self._take()[1] == ".":
                kind, name = self._take()
                if kind != "name" and name != "*":
                    raise ReplayError(f"bad property {name!r} in {self.text!r}")
                if name == "*":  # an object filter: labels.*.name is every label's name
                    items = value.values() if isinstance(value, dict) else value
                    value = list(items) if isinstance(items, (list, type({}.values()))) else []
                    filtered = True
                elif filtered:
                    value = [_prop(item, name) for item in value]
                else:
                    value = _prop(value, name)
            else:
                key = self._or()
                self._take("]")
                value = _prop(value, text_of(key))
        return value


def _prop(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        if name in value:
            return value[name]
        lowered = {str(k).lower(): v for k, v in value.items()}  # contexts ignore case
        return lowered.get(name.lower())
    return None


_TEMPLATE = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def evaluate(template: Any, contexts: Mapping[str, Any], status: str = "success") -> Any:
    """A ``with``/``env`` value with every ``${{ }}`` replaced (non-strings pass through)."""
    if not isinstance(template, str):
        return template
    return _TEMPLATE.sub(
        lambda m: text_of(Expression(m.group(1), contexts, status).value()), template
    )


def condition(text: Any, contexts: Mapping[str, Any], status: str) -> bool:
    """An ``if:``: a bare expression or one ``${{ }}``; success() is implied when no status
    function is named, as on GitHub."""
    if text is None:
        return status == "success"
    if isinstance(text, bool):
        return text and status == "success"
    source = str(text).strip()
    whole = _TEMPLATE.fullmatch(source)
    if whole:
        source = whole.group(1)
    if not re.search(r"\b(" + "|".join(STATUS_FUNCTIONS) + r")\s*\(", source):
        source = f"success() && ({source})"
    return truthy(Expression(source, contexts, status).value())


# ---- results ----------------------------------------------------------------------------


@dataclass
class StepResult:
    name: str
    id: str
    outcome: str  # success, failure, skipped (before continue-on-error)
    conclusion: str  # after continue-on-error
    outputs: dict[str, str]
    log: str


@dataclass
class JobResult:
    id: str
    conclusion: str  # success, failure, skipped
    steps: list[StepResult] = field(default_factory=list)
    summary: str = ""
    outputs: dict[str, str] = field(default_factory=dict)

    def step(self, name: str) -> StepResult:
        for step in self.steps:
            if name in (step.id, step.name):
                return step
        raise KeyError(f"no step {name!r} in job {self.id}: {[s.name for s in self.steps]}")


@dataclass
class RunResult:
    workflow: str
    event: str
    run_id: int
    jobs: dict[str, JobResult]
    payload: dict[str, Any]

    @property
    def conclusion(self) -> str:
        states = [job.conclusion for job in self.jobs.values()]
        return "failure" if "failure" in states else "success"

    def log(self) -> str:
        """Every step's outcome and output, to show when an assertion fails."""
        lines = [f"== {self.workflow} ({self.event}, run {self.run_id}): {self.conclusion}"]
        for job in self.jobs.values():
            lines.append(f"-- job {job.id}: {job.conclusion}")
            for step in job.steps:
                lines.append(f"   [{step.outcome}] {step.name}")
                lines += [f"      {line}" for line in step.log.rstrip().splitlines()[-60:]]
        return "\n".join(lines)


# ---- the runner -------------------------------------------------------------------------


def runner_python(base: Path) -> Path:
    """A fresh venv playing the hosted runner's Python (what setup-python hands out)."""
    venv = base / "runner-python"
    if not (venv / "bin" / "python").exists():
        base_python = getattr(sys, "_base_executable", sys.executable)
        subprocess.run(
            [base_python, "-m", "venv", str(venv)],
            check=True,
            capture_output=True,
            timeout=STEP_TIMEOUT,
        )
    return venv


SITECUSTOMIZE = '''\
"""The replay's network: 127.0.0.1 plays the public internet for listbot's link checker."""
import importlib.abc
import importlib.util
import sys


class _Internet(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "listbot.links.http":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            refuse = getattr(module, "address_problem", None)
            if refuse is None:
                raise RuntimeError("tests/replay.py: listbot.links.http.address_problem is gone")
            module.address_problem = lambda a: None if a == "127.0.0.1" else refuse(a)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Internet())
'''


def wheels_missing(lock: Path) -> list[str]:
    """The lock's requirements for this Python with no file in the wheelhouse.

    ``.ci/run`` downloads them; a lock regenerated since then shows up here by version.
    """
    if not WHEELHOUSE.is_dir():
        return [f"{WHEELHOUSE} (run .ci/run once)"]

    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    have = set()
    for path in WHEELHOUSE.iterdir():
        stem = path.name.removesuffix(".tar.gz").removesuffix(".zip")
        name, _, rest = stem.partition("-")
        have.add((key(name), rest.split("-")[0]))
    missing = []
    for line in lock.read_text().splitlines():
        if not re.match(r"^[A-Za-z0-9]", line):
            continue
        requirement = Requirement(line.rstrip(" \\"))
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        version = next(iter(requirement.specifier)).version
        if (key(requirement.name), version) not in have:
            missing.append(f"{requirement.name}=={version}")
    return missing


Hook = Callable[["Runner", str, dict[str, Any], Path], None]


class Runner:
    """Plays workflow runs against a bare ``origin`` repository and a fake GitHub API."""

    def __init__(
        self,
        *,
        base: Path,
        origin: Path,
        api_url: str,
        token: str,
        repository: str,
        python: Path,
        actions: Mapping[str, Path] | None = None,
        origin_url: str | None = None,
        variables: Mapping[str, str] | None = None,
        secrets: Mapping[str, str] | None = None,
        app_token: str | None = None,
    ) -> None:
        self.base = base
        self.origin = origin
        # where checkout fetches from and pushes go: a GitServer URL checks tokens like GitHub
        self.origin_url = origin_url or origin.as_uri()
        self.variables = dict(variables or {})
        self.secrets = dict(secrets or {})
        self.app_token = app_token or token  # what create-github-app-token hands out
        self.api_url = api_url
        self.token = token
        self.repository = repository
        self.python = python
        self.actions = dict(actions or {})
        self.artifacts: dict[int, dict[str, Path]] = {}
        self.caches: dict[str, Path] = {}
        self.next_run = 1000
        # Called before each step as hook(runner, step name, step, workspace): a test makes
        # the world change mid-run (another push lands) with it.
        self.before_step: Hook | None = None
        self.tools = base / "runner-tools"
        self.tools.mkdir(parents=True, exist_ok=True)
        (self.tools / "sitecustomize.py").write_text(SITECUSTOMIZE)
        self.home = base / "home"
        self.home.mkdir(exist_ok=True)

    # ---- a run ----------------------------------------------------------------------
    def run(
        self,
        workflow: Path | str,
        event_name: str,
        payload: dict[str, Any],
        *,
        ref: str,
        sha: str,
        actor: str = "contributor",
    ) -> RunResult:
        path = Path(workflow)
        if not path.is_absolute():
            path = ROOT / path
        document = yaml.safe_load(path.read_text())
        self.next_run += 1
        run_id = self.next_run
        folder = self.base / f"run-{run_id}"
        folder.mkdir()
        event_path = folder / "event.json"
        event_path.write_text(json.dumps(payload))
        github = {
            "event": payload,
            "event_name": event_name,
            "event_path": str(event_path),
            "repository": self.repository,
            "repository_owner": self.repository.split("/")[0],
            "ref": ref,
            "ref_name": ref.rsplit("/", 1)[-1] if ref.startswith("refs/heads/") else ref,
            "sha": sha,
            "run_id": str(run_id),
            "run_number": "1",
            "run_attempt": "1",
            "actor": actor,
            "triggering_actor": actor,
            "token": self.token,
            "api_url": self.api_url,
            "server_url": "https://github.com",
            "workflow": document.get("name", path.stem),
        }
        if ref.startswith("refs/pull/"):
            github["ref_name"] = ref[len("refs/") :].replace("pull/", "", 1)
            github["head_ref"] = payload.get("pull_request", {}).get("head", {}).get("ref", "")
            github["base_ref"] = payload.get("pull_request", {}).get("base", {}).get("ref", "")
        result = RunResult(str(path.name), event_name, run_id, {}, payload)
        self.artifacts[run_id] = {}
        workflow_env = document.get("env") or {}
        for job_id, job in document["jobs"].items():
            job_dir = folder / job_id
            result.jobs[job_id] = self._job(job_id, job, github, workflow_env, job_dir, run_id)
        return result

    def _job(
        self,
        job_id: str,
        job: dict[str, Any],
        github: dict[str, Any],
        workflow_env: dict[str, Any],
        folder: Path,
        run_id: int,
    ) -> JobResult:
        workspace = folder / "work"
        temp = folder / "temp"
        for d in (workspace, temp):
            d.mkdir(parents=True)
        files = {n: folder / n for n in ("output", "env", "path", "summary")}
        github = dict(github, workspace=str(workspace), job=job_id)
        contexts: dict[str, Any] = {
            "github": github,
            "runner": {"temp": str(temp), "os": "Linux", "arch": "X64", "tool_cache": ""},
            "secrets": {**self.secrets, "GITHUB_TOKEN": self.token},
            "inputs": github["event"].get("inputs") or {},
            "vars": dict(self.variables),
            "matrix": {},
            "needs": {},
            "job": {"status": "success"},
            "steps": {},
            "env": {},
        }
        if not condition(job.get("if"), contexts, "success"):
            return JobResult(job_id, "skipped")
        state = _JobState(
            workspace=workspace,
            temp=temp,
            files=files,
            paths=[],
            exported={},
            run_id=run_id,
        )
        env = {
            k: text_of(evaluate(v, contexts))
            for k, v in {**workflow_env, **(job.get("env") or {})}.items()
        }
        contexts["env"] = env
        result = JobResult(job_id, "success")
        steps_context: dict[str, Any] = {}
        contexts["steps"] = steps_context
        for index, step in enumerate(job.get("steps") or []):
            step_result = self._step(step, index, contexts, env, state, status=result.conclusion)
            result.steps.append(step_result)
            if step_result.id:
                steps_context[step_result.id] = {
                    "outcome": step_result.outcome,
                    "conclusion": step_result.conclusion,
                    "outputs": step_result.outputs,
                }
            if step_result.conclusion == "failure":
                result.conclusion = "failure"
                contexts["job"] = {"status": "failure"}
        result.summary = files["summary"].read_text() if files["summary"].exists() else ""
        for name, value in (job.get("outputs") or {}).items():
            result.outputs[name] = text_of(evaluate(value, contexts))
        return result

    # ---- a step ---------------------------------------------------------------------
    def _step(
        self,
        step: dict[str, Any],
        index: int,
        contexts: dict[str, Any],
        env: dict[str, str],
        state: _JobState,
        *,
        status: str,
        action_dir: Path | None = None,
    ) -> StepResult:
        name = str(step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0])
        step_id = str(step.get("id") or "")
        contexts = dict(contexts, env={**env, **state.exported})
        if not condition(step.get("if"), contexts, status):
            return StepResult(name, step_id, "skipped", "skipped", {}, "")
        if self.before_step is not None:
            self.before_step(self, name, step, state.workspace)
        step_env = {
            **env,
            **state.exported,
            **{
                k: text_of(evaluate(v, contexts, status))
                for k, v in (step.get("env") or {}).items()
            },
        }
        contexts = dict(contexts, env=step_env)
        try:
            if "run" in step:
                outcome, outputs, log = self._run(step, contexts, step_env, state, action_dir)
            else:
                outcome, outputs, log = self._uses(step, contexts, step_env, state, status)
        except ReplayError:
            raise
        continue_on_error = truthy(evaluate(step.get("continue-on-error", False), contexts))
        conclusion = "success" if outcome == "failure" and continue_on_error else outcome
        return StepResult(name, step_id, outcome, conclusion, outputs, log)

    def _runner_env(self, contexts: Mapping[str, Any], state: _JobState) -> dict[str, str]:
        github = contexts["github"]
        path = [*reversed(state.paths), "/usr/local/bin", "/usr/bin", "/bin"]
        git = shutil.which("git")
        if git:
            path.append(str(Path(git).parent))
        env = {
            "PATH": os.pathsep.join(dict.fromkeys(path)),
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": github["event_name"],
            "GITHUB_EVENT_PATH": github["event_path"],
            "GITHUB_REPOSITORY": github["repository"],
            "GITHUB_REPOSITORY_OWNER": github["repository_owner"],
            "GITHUB_REF": github["ref"],
            "GITHUB_REF_NAME": github["ref_name"],
            "GITHUB_SHA": github["sha"],
            "GITHUB_RUN_ID": github["run_id"],
            "GITHUB_ACTOR": github["actor"],
            "GITHUB_WORKFLOW": github["workflow"],
            "GITHUB_JOB": github["job"],
            "GITHUB_API_URL": self.api_url,
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_WORKSPACE": str(state.workspace),
            "GITHUB_OUTPUT": str(state.files["output"]),
            "GITHUB_ENV": str(state.files["env"]),
            "GITHUB_PATH": str(state.files["path"]),
            "GITHUB_STEP_SUMMARY": str(state.files["summary"]),
            "RUNNER_TEMP": str(state.temp),
            "RUNNER_OS": "Linux",
            # the runner image's software: see SITECUSTOMIZE
            "PYTHONPATH": str(self.tools),
            # pip's index is the locked wheelhouse: no test reaches the internet
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(WHEELHOUSE),
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PIP_NO_INPUT": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
        }
        if github.get("action_path"):
            env["GITHUB_ACTION_PATH"] = github["action_path"]
        if github.get("head_ref"):
            env["GITHUB_HEAD_REF"] = github["head_ref"]
            env["GITHUB_BASE_REF"] = github["base_ref"]
        return env

    def _run(
        self,
        step: dict[str, Any],
        contexts: Mapping[str, Any],
        env: dict[str, str],
        state: _JobState,
        action_dir: Path | None,
    ) -> tuple[str, dict[str, str], str]:
        shell = step.get("shell", "bash")
        if shell != "bash":
            raise ReplayError(f"shell {shell!r} is not played (only bash)")
        script = evaluate(step["run"], contexts)
        script_path = state.temp / f"step-{os.urandom(4).hex()}.sh"
        script_path.write_text(script)
        output = state.files["output"]
        output.write_text("")
        cwd = state.workspace
        if step.get("working-directory"):
            cwd = state.workspace / evaluate(step["working-directory"], contexts)
        full_env = {**self._runner_env(contexts, state), **env}
        try:
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_path)],
                cwd=cwd,
                env=full_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=STEP_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            return "failure", {}, f"step timed out after {exc.timeout} s"
        outputs = _read_outputs(output)
        self._absorb_env(state)
        log = done.stdout + f"\n(exit {done.returncode})"
        return ("success" if done.returncode == 0 else "failure"), outputs, log

    def _absorb_env(self, state: _JobState) -> None:
        """GITHUB_ENV and GITHUB_PATH written by a step apply to the following steps."""
        env_file, path_file = state.files["env"], state.files["path"]
        if env_file.exists():
            state.exported.update(_read_outputs(env_file))
            env_file.write_text("")
        if path_file.exists():
            state.paths += [p for p in path_file.read_text().splitlines() if p.strip()]
            path_file.write_text("")

    def _uses(
        self,
        step: dict[str, Any],
        contexts: Mapping[str, Any],
        env: dict[str, str],
        state: _JobState,
        status: str,
    ) -> tuple[str, dict[str, str], str]:
        uses = str(step["uses"])
        inputs = {
            k: text_of(evaluate(v, contexts, status)) for k, v in (step.get("with") or {}).items()
        }
        if uses.startswith("./"):
            return self._composite(state.workspace / uses, inputs, contexts, env, state, status)
        name = uses.split("@")[0]
        if name in self.actions:
            return self._composite(self.actions[name], inputs, contexts, env, state, status)
        stand_in = STAND_INS.get(name)
        if stand_in is None:
            raise ReplayError(f"no stand-in for the action {uses}")
        try:
            outputs, log = stand_in(self, inputs, contexts, state)
        except StepFailed as exc:
            return "failure", {}, str(exc)
        return "success", outputs, log

    def _composite(
        self,
        folder: Path,
        given: dict[str, str],
        contexts: Mapping[str, Any],
        env: dict[str, str],
        state: _JobState,
        status: str,
    ) -> tuple[str, dict[str, str], str]:
        action = yaml.safe_load((folder / "action.yml").read_text())
        if action["runs"]["using"] != "composite":
            raise ReplayError(f"{folder}: only composite actions are played")
        github = dict(contexts["github"], action_path=str(folder))
        inner: dict[str, Any] = dict(contexts, github=github, steps={})
        inputs: dict[str, str] = {}
        for name, spec in (action.get("inputs") or {}).items():
            if name in given:
                inputs[name] = given[name]
            else:
                inputs[name] = text_of(evaluate((spec or {}).get("default", ""), inner))
        unknown = set(given) - set(inputs)
        if unknown:
            raise ReplayError(f"{folder}/action.yml has no input {sorted(unknown)}")
        inner["inputs"] = inputs
        logs: list[str] = []
        outcome = "success"
        for index, step in enumerate(action["runs"]["steps"]):
            if "run" in step and "shell" not in step:
                raise ReplayError(f"{folder}/action.yml step {index}: composite steps need shell")
            result = self._step(step, index, inner, env, state, status=outcome, action_dir=folder)
            logs.append(f"> [{result.outcome}] {result.name}\n{result.log}")
            if result.id:
                inner["steps"][result.id] = {
                    "outcome": result.outcome,
                    "conclusion": result.conclusion,
                    "outputs": result.outputs,
                }
            if result.conclusion == "failure":
                outcome = "failure"
        outputs = {
            name: text_of(evaluate((spec or {}).get("value", ""), inner))
            for name, spec in (action.get("outputs") or {}).items()
        }
        return outcome, outputs, "\n".join(logs)


@dataclass
class _JobState:
    workspace: Path
    temp: Path
    files: dict[str, Path]
    paths: list[str]
    exported: dict[str, str]
    run_id: int


def _read_outputs(path: Path) -> dict[str, str]:
    """``name=value`` and ``name<<DELIMITER`` blocks, as the runner reads GITHUB_OUTPUT."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    lines = path.read_text().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            while i < len(lines) and lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ReplayError(f"{path}: no closing {delimiter!r} for {name!r}")
            i += 1
            found[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            found[name] = value
        else:
            raise ReplayError(f"{path}: cannot read the line {line!r}")
    return found


# ---- stand-ins for the actions ----------------------------------------------------------


class StepFailed(Exception):
    """A stand-in failed the way its action would (the message is the step's log)."""


StandIn = Callable[
    [Runner, dict[str, str], Mapping[str, Any], _JobState], tuple[dict[str, str], str]
]


def git(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", **(env or {})},
    )
    if done.returncode != 0:
        raise StepFailed(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def _checkout(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/checkout: the event's commit (or ``ref``), ``fetch-depth`` commits deep."""
    github = contexts["github"]
    if inputs.get("repository", github["repository"]) != github["repository"]:
        raise ReplayError("checkout of another repository is not played")
    dest = state.workspace / inputs.get("path", "")
    dest.mkdir(parents=True, exist_ok=True)
    depth = int(inputs.get("fetch-depth", "1") or "1")
    ref = inputs.get("ref") or ""
    env = {"HOME": str(runner.home)}
    git(dest, "init", "-q", "-b", "main", env=env)
    git(dest, "remote", "add", "origin", runner.origin_url, env=env)
    deep = [f"--depth={depth}"] if depth > 0 else []
    if not ref:
        ref, sha = github["ref"], github["sha"]
    elif re.fullmatch(r"[0-9a-f]{40}", ref):
        sha = ref
    else:
        if not ref.startswith("refs/"):
            ref = f"refs/heads/{ref}"
        sha = ""
    if ref.startswith("refs/heads/"):
        branch = ref[len("refs/heads/") :]
        source = sha or ref
        git(
            dest, "fetch", "-q", *deep, "origin", f"+{source}:refs/remotes/origin/{branch}", env=env
        )
        git(dest, "checkout", "-q", "-B", branch, f"refs/remotes/origin/{branch}", env=env)
    else:
        source = sha or ref
        local = "refs/remotes/" + (ref[len("refs/") :] if ref.startswith("refs/") else "checkout")
        git(dest, "fetch", "-q", *deep, "origin", f"+{source}:{local}", env=env)
        git(dest, "checkout", "-q", "--detach", local, env=env)
    if inputs.get("persist-credentials", "true") != "false":
        git(
            dest,
            "config",
            "--local",
            "http.https://github.com/.extraheader",
            "AUTHORIZATION: basic ***",
            env=env,
        )
    head = git(dest, "rev-parse", "HEAD", env=env)
    return {"ref": ref, "commit": head}, f"checked out {ref} at {head} (depth {depth})"


def _setup_python(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/setup-python: the session's runner Python (any ``python-version``)."""
    bin_dir = runner.python / "bin"
    if inputs.get("update-environment", "true") != "false":
        state.paths.append(str(bin_dir))
        state.exported["pythonLocation"] = str(runner.python)
    version = sysconfig.get_python_version()
    return (
        {"python-path": str(bin_dir / "python"), "python-version": version, "cache-hit": "false"},
        f"Python {version} at {runner.python} (asked for {inputs.get('python-version')})",
    )


def _paths(inputs: dict[str, str], workspace: Path) -> list[Path]:
    raw = [p.strip() for p in inputs.get("path", "").splitlines() if p.strip()]
    return [Path(p) if Path(p).is_absolute() else workspace / p for p in raw]


def _upload_artifact(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    name = inputs.get("name") or "artifact"
    found = [p for p in _paths(inputs, state.workspace) if p.exists()]
    if not found:
        mode = inputs.get("if-no-files-found") or "warn"
        message = f"No files were found with the provided path: {inputs.get('path')}."
        if mode == "error":
            raise StepFailed(message)
        return {}, message + " No artifacts will be uploaded."
    store = runner.base / "artifacts" / str(state.run_id) / name
    if store.exists():
        raise StepFailed(f"an artifact named {name} already exists in this run")
    store.mkdir(parents=True)
    for path in found:
        target = store / path.name
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copy2(path, target)
    runner.artifacts[state.run_id][name] = store
    return {"artifact-id": str(len(runner.artifacts[state.run_id]))}, f"uploaded {name}"


def _download_artifact(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    name = inputs.get("name") or ""
    run_id = int(inputs.get("run-id") or state.run_id)
    if inputs.get("run-id") and inputs.get("github-token") != runner.token:
        raise StepFailed("a download from another run needs github-token")
    store = runner.artifacts.get(run_id, {}).get(name)
    if store is None:
        raise StepFailed(f"Unable to download artifact(s): Artifact not found for name: {name}")
    dest = Path(inputs.get("path") or state.workspace)
    if not dest.is_absolute():
        dest = state.workspace / dest
    shutil.copytree(store, dest, dirs_exist_ok=True)
    return {"download-path": str(dest)}, f"downloaded {name} from run {run_id} to {dest}"


def _cache_restore(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    key = inputs["key"]
    matched = key if key in runner.caches else ""
    if not matched:
        for prefix in [p.strip() for p in inputs.get("restore-keys", "").splitlines() if p.strip()]:
            hits = [k for k in runner.caches if k.startswith(prefix)]
            if hits:
                matched = hits[-1]  # the newest
                break
    if not matched:
        return {"cache-hit": "false", "cache-primary-key": key}, f"Cache not found for {key}"
    shutil.copytree(runner.caches[matched], state.workspace, dirs_exist_ok=True)
    return (
        {
            "cache-hit": str(matched == key).lower(),
            "cache-primary-key": key,
            "cache-matched-key": matched,
        },
        f"Cache restored from key: {matched}",
    )


def _cache_save(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    key = inputs["key"]
    if key in runner.caches:
        return (
            {},
            f"Failed to save: Unable to reserve cache with key {key}: it exists.",
        )
    found = [p for p in _paths(inputs, state.workspace) if p.exists()]
    if not found:
        return (
            {},
            "Path Validation Error: the paths to cache do not exist; no cache saved.",
        )
    store = runner.base / "caches" / f"{len(runner.caches)}"
    for path in found:
        target = store / path.relative_to(state.workspace)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            shutil.copytree(path, target)
        else:
            shutil.copy2(path, target)
    runner.caches[key] = store
    return {}, f"Cache saved with key: {key}"


def _app_token(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/create-github-app-token: an installation token (here, the fake's token)."""
    if not (inputs.get("app-id") or inputs.get("client-id")) or not inputs.get("private-key"):
        raise StepFailed("[@octokit/auth-app] appId option is required")
    return {"token": runner.app_token, "app-slug": "listbot-app"}, "created an installation token"


STAND_INS: dict[str, StandIn] = {
    "actions/checkout": _checkout,
    "actions/setup-python": _setup_python,
    "actions/upload-artifact": _upload_artifact,
    "actions/download-artifact": _download_artifact,
    "actions/cache/restore": _cache_restore,
    "actions/cache/save": _cache_save,
    "actions/create-github-app-token": _app_token,
}
