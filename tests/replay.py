"""Replays ``.github/workflows/*.yml`` (and composite actions) the way a GitHub runner does.

A job's steps run in order: ``run:`` steps in ``bash -eo pipefail`` with the runner's
variables (``GITHUB_EVENT_PATH`` holding the event payload, ``GITHUB_OUTPUT``,
``GITHUB_ENV``, ``GITHUB_PATH``, ``GITHUB_STEP_SUMMARY``, ``RUNNER_TEMP``,
``GITHUB_REPOSITORY``, ``GITHUB_API_URL``, ``GITHUB_ACTIONS=true``...), ``env:`` of the
workflow, job and step with their ``${{ ... }}`` expressions evaluated (``Expression``: the
subset the workflows use), ``if:`` conditions, ``continue-on-error`` and step outputs.
``uses:`` steps are played by small stand-ins (``STAND_INS``): checkout fetches from a local
bare repository (``origin``) with ``fetch-depth`` and ``persist-credentials`` honoured;
upload/download-artifact copy folders (by name, or by ``pattern`` with ``merge-multiple``);
cache/restore and cache/save keep files and folders by key (``~`` is the job's HOME: each
job has its own, as on fresh runners, so what a cache leaves out is lost between runs);
setup-python hands out the runner's Python;
configure-pages, upload-pages-artifact (a tar of a folder with index.html) and deploy-pages
(``Runner.deployments``) play GitHub Pages. A composite action (``./path`` or a name mapped
to a local folder in ``Runner.actions``) runs its ``action.yml`` steps with ``inputs``.

Jobs run one at a time, each after its ``needs`` (the ``needs`` context holds their result
and outputs; a failed need skips the job unless its ``if:`` says otherwise); a
``strategy.matrix`` job runs once per combination (include/exclude as GitHub expands them,
``matrix.*`` in expressions, ``fail-fast`` cancelling the rest), its result named
``job (values)``. A run whose ``concurrency`` group already has a run in progress (one
started from a ``before_step`` hook) is refused, not played. A key, an action input or an
expression the replay does not play is a ``ReplayError`` naming it, never silently ignored.

What stands in for the world:

- GitHub's API is ``tests/fakegithub.py`` (``GITHUB_API_URL``), used by real PyGithub.
- dblp, Crossref, arXiv and doi.org (``listbot verify``, ``add``, ``submission``) are a
  stand-in the test starts (``tests/paperstand.py``), named to listbot in the runner's
  environment by ``LISTBOT_*_URL``, listbot's setting for mirrors of those sources
  (``Runner(metadata_env=...)``). Without one they point at a port where nothing listens:
  a source that is down, never the real one.
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
  changes; production runners have no such file. It also plays the runner's hosts file:
  every name under ``.test`` resolves to 127.0.0.1 (links on many hosts, for sharding).

Usage (see tests/workflows_replay_test.py)::

    runner = Runner(base=tmp, origin=bare, api_url=gh.url, token=gh.state.token, ...)
    result = runner.run(".github/workflows/pr-check.yml", "pull_request", payload,
                        ref="refs/pull/3/merge", sha=merge_sha)
    assert result.conclusion == "success", result.log()
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
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
                "cancelled": self.status == "cancelled",
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
    workspace: Path | None = None  # GITHUB_WORKSPACE as the job left it
    environment_url: str = ""  # ``environment.url``, evaluated after the steps

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
    # completed; queued (waiting in its concurrency group: played, and filled in, when the
    # run in progress ends); cancelled (by a newer run of its group, or while waiting)
    status: str = "completed"

    @property
    def conclusion(self) -> str:
        if self.status != "completed":
            return self.status
        states = {job.conclusion for job in self.jobs.values()}
        return "failure" if {"failure", "cancelled"} & states else "success"

    def log(self) -> str:
        """Every step's outcome and output, to show when an assertion fails."""
        lines = [f"== {self.workflow} ({self.event}, run {self.run_id}): {self.conclusion}"]
        for job in self.jobs.values():
            lines.append(f"-- job {job.id}: {job.conclusion}")
            for step in job.steps:
                lines.append(f"   [{step.outcome}] {step.name}")
                lines += [f"      {line}" for line in step.log.rstrip().splitlines()[-60:]]
        return "\n".join(lines)


@dataclass
class _Progress:
    """A run in progress in a concurrency group: whether a newer run cancelled it, and the
    run waiting for it to end (a newer waiting run replaces, and cancels, an older one)."""

    result: RunResult
    cancelled: bool = False
    waiting: tuple[RunResult, Callable[[_Progress], None]] | None = None


@dataclass
class Deployment:
    """What deploy-pages published: the site's files, unpacked from the Pages artifact."""

    run_id: int
    site: Path
    url: str


# ---- what a workflow may say ------------------------------------------------------------

# Keys the replay plays, or that change nothing a replay can observe (runs-on, permissions
# but for deploy-pages, timeouts). Anything else is refused by name instead of ignored.
WORKFLOW_KEYS = {"name", "run-name", "on", True, "permissions", "env", "concurrency", "jobs"}
JOB_KEYS = {
    "name",
    "if",
    "needs",
    "strategy",
    "runs-on",
    "permissions",
    "timeout-minutes",
    "environment",
    "env",
    "outputs",
    "steps",
}
STEP_KEYS = {
    "id",
    "name",
    "if",
    "run",
    "uses",
    "with",
    "env",
    "shell",
    "working-directory",
    "continue-on-error",
    "timeout-minutes",
}


def _known(mapping: Any, keys: set[Any], where: str) -> None:
    if not isinstance(mapping, dict):
        raise ReplayError(f"{where}: expected a mapping, got {mapping!r}")
    unknown = [str(k) for k in mapping if k not in keys]
    if unknown:
        raise ReplayError(f"{where}: {', '.join(sorted(unknown))} is not played by the replay")


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else [str(n) for n in needs]


def _job_order(jobs: dict[str, Any], where: str) -> list[str]:
    """The jobs in the order a one-at-a-time runner plays them: each after its ``needs``,
    otherwise in the order the file lists them."""
    order: list[str] = []
    waiting = list(jobs)
    for job_id in waiting:
        for need in _needs(jobs[job_id] or {}):
            if need not in jobs:
                raise ReplayError(f"{where}: job {job_id} needs {need!r}, which is not a job")
    while waiting:
        ready = [j for j in waiting if all(n in order for n in _needs(jobs[j]))]
        if not ready:
            raise ReplayError(f"{where}: the needs of {', '.join(waiting)} form a cycle")
        order.append(ready[0])
        waiting.remove(ready[0])
    return order


def _whole(value: Any, contexts: Mapping[str, Any]) -> Any:
    """A value that may be one ``${{ }}`` expression, as its value (not as text)."""
    if isinstance(value, str):
        whole = _TEMPLATE.fullmatch(value.strip())
        if whole:
            return Expression(whole.group(1), contexts).value()
    return value


def _matrix_name(matrix: dict[str, Any]) -> str:
    """GitHub's suffix of a matrix job's name: ``shard (2)``, ``test (3.12, linux)``."""
    return ", ".join(
        text_of(v) if not isinstance(v, (dict, list)) else json.dumps(v) for v in matrix.values()
    )


def expand_matrix(spec: Any, contexts: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    """``strategy.matrix`` as GitHub expands it: the product of the lists in key order,
    minus ``exclude`` (partial matches), plus ``include`` (added to every combination whose
    original values it does not contradict, else a combination of its own)."""
    matrix = _whole(spec, contexts)
    if not isinstance(matrix, dict):
        raise ReplayError(f"{where}: matrix must be a mapping, got {matrix!r}")
    matrix = dict(matrix)
    include = _whole(matrix.pop("include", []), contexts) or []
    exclude = _whole(matrix.pop("exclude", []), contexts) or []
    if not isinstance(include, list) or not isinstance(exclude, list):
        raise ReplayError(f"{where}: include and exclude must be lists")
    combinations: list[dict[str, Any]] = [{}] if matrix else []
    for key, values in matrix.items():
        values = _whole(values, contexts)
        if not isinstance(values, list) or not values:
            raise ReplayError(f"{where}: matrix.{key} must be a non-empty list, got {values!r}")
        combinations = [{**c, key: v} for c in combinations for v in values]
    combinations = [
        c
        for c in combinations
        if not any(all(c.get(k) == v for k, v in ex.items()) for ex in exclude)
    ]
    original = [dict(c) for c in combinations]  # an include joins only these
    expanded = combinations[:]
    for extra in include:
        if not isinstance(extra, dict):
            raise ReplayError(f"{where}: each include must be a mapping, got {extra!r}")
        added = False
        for combo, before in zip(expanded, original, strict=True):
            if all(before[k] == v for k, v in extra.items() if k in before):
                combo.update(extra)
                added = True
        if not added:
            combinations.append(dict(extra))
    if not combinations:
        raise ReplayError(f"{where}: the matrix has no combination")
    return combinations


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


# The runner's hosts file: names under .test (reserved, never on the internet) are
# 127.0.0.1, so a list can have links on many hosts, as the link checker's sharding needs.
import socket

_getaddrinfo = socket.getaddrinfo


def _hosts_file(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if isinstance(name, str) and name.lower().rstrip(".").endswith(".test"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _hosts_file
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


# Where the metadata sources are when a test names no stand-in: port 9 (discard), where
# nothing listens on a runner, so they are down and no replay reaches the real ones.
OFFLINE_SOURCES = {
    name: f"http://127.0.0.1:9/{name.split('_')[1].lower()}"
    for name in ("LISTBOT_DBLP_URL", "LISTBOT_CROSSREF_URL", "LISTBOT_ARXIV_URL", "LISTBOT_DOI_URL")
}

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
        metadata_env: Mapping[str, str] | None = None,
        secrets: Mapping[str, str] | None = None,
        app_token: str | None = None,
        preinstalled: dict[str, Path | None] | None = None,
    ) -> None:
        self.base = base
        self.origin = origin
        # where checkout fetches from and pushes go: a GitServer URL checks tokens like GitHub
        self.origin_url = origin_url or origin.as_uri()
        self.variables = dict(variables or {})
        self.secrets = dict(secrets or {})
        self.app_token = app_token or token  # what create-github-app-token hands out
        self.metadata_env = {**OFFLINE_SOURCES, **(metadata_env or {})}
        self.api_url = api_url
        self.token = token
        self.repository = repository
        self.python = python
        self.actions = dict(actions or {})
        self.artifacts: dict[int, dict[str, Path]] = {}
        self.caches: dict[str, Path] = {}
        self.deployments: list[Deployment] = []  # what deploy-pages published, in order
        self.running: dict[str, _Progress] = {}  # the run in progress of each group
        # Entries of RUNNER_TEMP that the first job to build one (and succeed) shares with
        # every later job, as a link: software a job installs there (the action's venv) is
        # then found by later jobs' own "already installed" checks. The mapping is the
        # caller's, so several runners of a test session share it. A speed-up for the
        # tests: a hosted runner starts empty.
        self.preinstalled = preinstalled if preinstalled is not None else {}
        self.next_run = 1000
        # Called before each step as hook(runner, step name, step, workspace): a test makes
        # the world change mid-run (another push lands) with it.
        self.before_step: Hook | None = None
        self.tools = base / "runner-tools"
        self.tools.mkdir(parents=True, exist_ok=True)
        (self.tools / "sitecustomize.py").write_text(SITECUSTOMIZE)

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
        _known(document, WORKFLOW_KEYS, f"{path.name}")
        workflow_env = document.get("env") or {}

        def play(progress: _Progress) -> None:
            self._jobs(document, path.name, github, workflow_env, folder, result, progress)

        group, cancel_in_progress = self._concurrency(document, github)
        running = self.running.get(group) if group is not None else None
        if group is None or running is None:
            self._play(group, result, play)
        elif cancel_in_progress:  # the run in progress stops; this one starts now
            running.cancelled = True
            self._play(group, result, play)
        else:  # this one waits for the run in progress; it replaces an older waiting one
            if running.waiting is not None:
                running.waiting[0].status = "cancelled"
            result.status = "queued"
            running.waiting = (result, play)
        return result

    def _play(
        self, group: str | None, result: RunResult, play: Callable[[_Progress], None]
    ) -> None:
        """A run, as the one in progress of its concurrency group; then the run that waited
        for it, if any."""
        progress = _Progress(result)
        if group is None:
            play(progress)
            return
        previous = self.running.get(group)  # a run this one cancelled, still unwinding
        self.running[group] = progress
        try:
            play(progress)
        finally:
            if previous is None:
                del self.running[group]
            else:
                self.running[group] = previous
        if progress.waiting is not None:
            waiting, play_waiting = progress.waiting
            waiting.status = "completed"
            if previous is not None:  # still blocked by the cancelled run's last steps
                previous.waiting = progress.waiting
            else:
                self._play(group, waiting, play_waiting)
        if progress.cancelled:
            result.status = "cancelled"

    def _concurrency(
        self, document: dict[str, Any], github: dict[str, Any]
    ) -> tuple[str | None, bool]:
        """The workflow's concurrency group (None without one) and ``cancel-in-progress``."""
        spec = document.get("concurrency")
        if spec is None:
            return None, False
        if isinstance(spec, str):
            spec = {"group": spec}
        _known(spec, {"group", "cancel-in-progress"}, "concurrency")
        contexts = {"github": github, "inputs": github["event"].get("inputs") or {}}
        contexts["vars"] = dict(self.variables)
        group = text_of(evaluate(spec["group"], contexts))
        return group, truthy(_whole(spec.get("cancel-in-progress", False), contexts))

    def _jobs(
        self,
        document: dict[str, Any],
        name: str,
        github: dict[str, Any],
        workflow_env: dict[str, Any],
        folder: Path,
        result: RunResult,
        progress: _Progress,
    ) -> None:
        """Every job once its ``needs`` are done (document order among the ready ones), a
        matrix job once per combination, as GitHub schedules them one runner at a time."""
        jobs: dict[str, dict[str, Any]] = document["jobs"]
        done: dict[str, dict[str, Any]] = {}  # the needs context: result and outputs
        for job_id in _job_order(jobs, name):
            job = jobs[job_id]
            _known(job, JOB_KEYS, f"{name}: job {job_id}")
            needs = _needs(job)
            results = [done[n]["result"] for n in needs]
            status = (
                "failure"
                if {"failure", "cancelled"} & set(results)
                else "skipped"
                if "skipped" in results
                else "success"
            )
            needs_context = {n: done[n] for n in needs}
            runs: list[JobResult] = []
            combinations, fail_fast = self._matrix(job, job_id, github, needs_context)
            stop = False
            for matrix in combinations:
                key = job_id if matrix is None else f"{job_id} ({_matrix_name(matrix)})"
                if stop or progress.cancelled:
                    run = JobResult(key, "cancelled")
                else:
                    job_dir = folder / re.sub(r"[^\w.-]+", "-", key).strip("-")
                    run = self._job(
                        key,
                        job,
                        github,
                        workflow_env,
                        job_dir,
                        result.run_id,
                        matrix=matrix or {},
                        needs=needs_context,
                        status=status,
                        permissions=job.get("permissions", document.get("permissions")),
                        progress=progress,
                    )
                    stop = run.conclusion == "failure" and fail_fast
                result.jobs[key] = run
                runs.append(run)
            states = {run.conclusion for run in runs}
            outputs: dict[str, str] = {}
            for run in runs:  # a matrix job's outputs: the last combination that set each
                outputs.update({k: v for k, v in run.outputs.items() if v})
            done[job_id] = {
                "result": "failure"
                if "failure" in states
                else "cancelled"
                if "cancelled" in states
                else "skipped"
                if states == {"skipped"}
                else "success",
                "outputs": outputs,
            }

    def _matrix(
        self,
        job: dict[str, Any],
        job_id: str,
        github: dict[str, Any],
        needs: dict[str, Any],
    ) -> tuple[list[dict[str, Any] | None], bool]:
        """``strategy``: the matrix's combinations (``None`` for a job without one) and
        whether a failed combination cancels the ones not yet run (``fail-fast``)."""
        strategy = job.get("strategy")
        if strategy is None:
            return [None], False
        where = f"job {job_id}: strategy"
        _known(strategy, {"matrix", "fail-fast", "max-parallel"}, where)
        contexts: dict[str, Any] = {
            "github": github,
            "needs": needs,
            "vars": dict(self.variables),
            "inputs": github["event"].get("inputs") or {},
        }
        combinations: list[dict[str, Any] | None] = []
        combinations += expand_matrix(strategy.get("matrix"), contexts, where)
        return combinations, truthy(_whole(strategy.get("fail-fast", True), contexts))

    def _job(
        self,
        job_id: str,
        job: dict[str, Any],
        github: dict[str, Any],
        workflow_env: dict[str, Any],
        folder: Path,
        run_id: int,
        *,
        matrix: dict[str, Any] | None = None,
        needs: dict[str, Any] | None = None,
        status: str = "success",
        permissions: Any = None,
        progress: _Progress | None = None,
    ) -> JobResult:
        workspace = folder / "work"
        temp = folder / "temp"
        for d in (workspace, temp, folder / "home"):
            d.mkdir(parents=True)
        for entry, built in self.preinstalled.items():
            if built is not None and built.is_dir():
                (temp / entry).symlink_to(built, target_is_directory=True)
        files = {n: folder / n for n in ("output", "env", "path", "summary")}
        github = dict(github, workspace=str(workspace), job=job_id)
        contexts: dict[str, Any] = {
            "github": github,
            "runner": {"temp": str(temp), "os": "Linux", "arch": "X64", "tool_cache": ""},
            "secrets": {**self.secrets, "GITHUB_TOKEN": self.token},
            "inputs": github["event"].get("inputs") or {},
            "vars": dict(self.variables),
            "matrix": dict(matrix or {}),
            "needs": dict(needs or {}),
            "job": {"status": "success"},
            "steps": {},
            "env": {},
        }
        if not condition(job.get("if"), contexts, status):
            return JobResult(job_id, "skipped", workspace=workspace)
        state = _JobState(
            workspace=workspace,
            temp=temp,
            files=files,
            paths=[],
            exported={},
            run_id=run_id,
            home=folder / "home",
            permissions=permissions,
            progress=progress,
        )
        env = {
            k: text_of(evaluate(v, contexts))
            for k, v in {**workflow_env, **(job.get("env") or {})}.items()
        }
        contexts["env"] = env
        result = JobResult(job_id, "success", workspace=workspace)
        steps_context: dict[str, Any] = {}
        contexts["steps"] = steps_context
        for index, step in enumerate(job.get("steps") or []):
            if progress is not None and progress.cancelled and result.conclusion != "cancelled":
                result.conclusion = "cancelled"  # only always() and cancelled() steps run now
                contexts["job"] = {"status": "cancelled"}
            step_result = self._step(step, index, contexts, env, state, status=result.conclusion)
            result.steps.append(step_result)
            if step_result.id:
                steps_context[step_result.id] = {
                    "outcome": step_result.outcome,
                    "conclusion": step_result.conclusion,
                    "outputs": step_result.outputs,
                }
            if step_result.conclusion == "failure" and result.conclusion != "cancelled":
                result.conclusion = "failure"
                contexts["job"] = {"status": "failure"}
        result.summary = files["summary"].read_text() if files["summary"].exists() else ""
        for name, value in (job.get("outputs") or {}).items():
            result.outputs[name] = text_of(evaluate(value, contexts))
        for entry, built in self.preinstalled.items():
            if built is None and result.conclusion == "success" and (temp / entry).is_dir():
                self.preinstalled[entry] = temp / entry  # the first job that built it
        environment = job.get("environment")
        if isinstance(environment, dict) and environment.get("url"):
            result.environment_url = text_of(evaluate(environment["url"], contexts))
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
        _known(step, STEP_KEYS, f"step {name!r}")
        contexts = dict(contexts, env={**env, **state.exported})
        if not condition(step.get("if"), contexts, status):
            return StepResult(name, step_id, "skipped", "skipped", {}, "")
        if self.before_step is not None:
            self.before_step(self, name, step, state.workspace)
            cancelled = state.progress is not None and state.progress.cancelled
            if cancelled and status != "cancelled":  # a newer run cancelled this one
                status = "cancelled"
                if not condition(step.get("if"), contexts, status):
                    return StepResult(name, step_id, "skipped", "skipped", {}, "")
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
            "HOME": str(state.home),
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
        env.update(self.metadata_env)  # the metadata sources' stand-in (or none)
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
        unplayed = sorted(set(inputs) - STAND_IN_INPUTS[name])
        if unplayed:
            raise ReplayError(f"{uses}: the input {', '.join(unplayed)} is not played")
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
    home: Path  # HOME: each job's own, as each job gets a fresh runner
    permissions: Any = None  # the job's (or else the workflow's) ``permissions:``
    progress: _Progress | None = None  # the run's, to see a cancellation


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
    env = {"HOME": str(state.home)}
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
    """actions/upload-artifact: the files, stored relative to the paths' common folder (a
    folder's contents at the artifact's top, as the real action does)."""
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
    root = Path(os.path.commonpath(found))
    if len(found) == 1 and found[0].is_file():
        root = found[0].parent
    for path in found:
        target = store / path.relative_to(root)
        if path.is_dir():
            shutil.copytree(path, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    runner.artifacts[state.run_id][name] = store
    return {"artifact-id": str(len(runner.artifacts[state.run_id]))}, f"uploaded {name}"


def _download_artifact(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/download-artifact: one artifact by ``name`` into ``path``; or every one
    matching ``pattern`` (all when neither is given), each into ``path/NAME``, or all into
    ``path`` itself with ``merge-multiple``."""
    name = inputs.get("name") or ""
    run_id = int(inputs.get("run-id") or state.run_id)
    if inputs.get("run-id") and inputs.get("github-token") != runner.token:
        raise StepFailed("a download from another run needs github-token")
    stored = runner.artifacts.get(run_id, {})
    dest = Path(inputs.get("path") or state.workspace)
    if not dest.is_absolute():
        dest = state.workspace / dest
    if name:
        store = stored.get(name)
        if store is None:
            raise StepFailed(f"Unable to download artifact(s): Artifact not found for name: {name}")
        shutil.copytree(store, dest, dirs_exist_ok=True)
        return {"download-path": str(dest)}, f"downloaded {name} from run {run_id} to {dest}"
    pattern = inputs.get("pattern") or "*"
    chosen = sorted(n for n in stored if fnmatch.fnmatchcase(n, pattern))
    merge = inputs.get("merge-multiple", "false") == "true"
    for each in chosen:
        shutil.copytree(stored[each], dest if merge else dest / each, dirs_exist_ok=True)
    # like the real action, no match is not an error: the step that reads the files fails
    return (
        {"download-path": str(dest)},
        f"downloaded {len(chosen)} artifact(s) matching {pattern!r} from run {run_id} "
        f"to {dest}: {', '.join(chosen) or 'none'}",
    )


def _cache_path(text: str, state: _JobState) -> Path:
    """A cache ``path`` line as the cache action reads it: ``~`` is the job's home, and a
    relative path is in the workspace."""
    if text == "~" or text.startswith("~/"):
        return state.home / text[2:]
    path = Path(text)
    return path if path.is_absolute() else state.workspace / path


def _cache_restore(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/cache/restore: the entry of ``key`` or the newest one a ``restore-keys``
    prefix matches, each path put back where its line says (``~`` is this job's home)."""
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
    store = runner.caches[matched]
    manifest = json.loads((store / "paths.json").read_text())
    for index, text in manifest.items():
        saved, target = store / index, _cache_path(text, state)
        target.parent.mkdir(parents=True, exist_ok=True)
        if saved.is_dir():
            shutil.copytree(saved, target, dirs_exist_ok=True)
        else:
            shutil.copy2(saved, target)
    return (
        {
            "cache-hit": str(matched == key).lower(),
            "cache-primary-key": key,
            "cache-matched-key": matched,
        },
        f"Cache restored from key: {matched} ({', '.join(manifest.values())})",
    )


def _cache_save(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/cache/save: every ``path`` line that exists (``~`` is this job's home)."""
    key = inputs["key"]
    if key in runner.caches:
        return (
            {},
            f"Failed to save: Unable to reserve cache with key {key}: it exists.",
        )
    lines = [p.strip() for p in inputs.get("path", "").splitlines() if p.strip()]
    found = [(text, _cache_path(text, state)) for text in lines]
    found = [(text, path) for text, path in found if path.exists()]
    if not found:
        return (
            {},
            "Path Validation Error: the paths to cache do not exist; no cache saved.",
        )
    store = runner.base / "caches" / f"{len(runner.caches)}"
    store.mkdir(parents=True)
    manifest: dict[str, str] = {}
    for index, (text, path) in enumerate(found):
        manifest[str(index)] = text
        if path.is_dir():
            shutil.copytree(path, store / str(index))
        else:
            shutil.copy2(path, store / str(index))
    (store / "paths.json").write_text(json.dumps(manifest))
    runner.caches[key] = store
    return {}, f"Cache saved with key: {key} ({', '.join(manifest.values())})"


def _app_token(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/create-github-app-token: an installation token (here, the fake's token)."""
    if not (inputs.get("app-id") or inputs.get("client-id")) or not inputs.get("private-key"):
        raise StepFailed("[@octokit/auth-app] appId option is required")
    return {"token": runner.app_token, "app-slug": "listbot-app"}, "created an installation token"


def _configure_pages(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/configure-pages: the site's address, as GitHub Pages gives a project site."""
    owner, name = runner.repository.split("/")
    base_path = "" if name.lower() == f"{owner.lower()}.github.io" else f"/{name}"
    host = f"{owner.lower()}.github.io"
    base_url = f"https://{host}{base_path}"
    return (
        {"base_url": base_url, "origin": f"https://{host}", "host": host, "base_path": base_path},
        f"Pages site at {base_url}",
    )


def _upload_pages_artifact(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/upload-pages-artifact: the folder ``path`` tarred (without .git and .github)
    into the artifact ``github-pages``, as the real action does with ``tar``."""
    path = Path(inputs.get("path") or "_site/")
    folder = path if path.is_absolute() else state.workspace / path
    if not folder.is_dir():
        raise StepFailed(f"tar: {path}: Cannot open: No such file or directory (not a folder)")
    if not (folder / "index.html").is_file():
        raise StepFailed(f"{path} has no index.html: GitHub Pages would serve a 404")
    name = inputs.get("name") or "github-pages"
    store = runner.base / "artifacts" / str(state.run_id) / name
    if store.exists():
        raise StepFailed(f"an artifact named {name} already exists in this run")
    store.mkdir(parents=True)
    with tarfile.open(store / "artifact.tar", "w") as tar:
        for item in sorted(folder.iterdir()):
            if item.name not in (".git", ".github"):
                tar.add(item, arcname=item.name, filter=_no_links)
    runner.artifacts[state.run_id][name] = store
    return {"artifact_id": str(len(runner.artifacts[state.run_id]))}, f"uploaded {name}"


def _no_links(info: tarfile.TarInfo) -> tarfile.TarInfo:
    if info.issym() or info.islnk():
        raise StepFailed(f"the site holds a link, {info.name}: the real action refuses it")
    return info


def _deploy_pages(
    runner: Runner, inputs: dict[str, str], contexts: Mapping[str, Any], state: _JobState
) -> tuple[dict[str, str], str]:
    """actions/deploy-pages: publishes this run's Pages artifact (``runner.deployments``).

    Like the real action it needs ``pages: write`` and ``id-token: write`` (it proves the
    run's identity with an OIDC token), and an artifact uploaded earlier in the same run.
    """
    permissions = state.permissions
    if permissions != "write-all":
        granted = permissions if isinstance(permissions, dict) else {}
        missing = [p for p in ("pages", "id-token") if granted.get(p) != "write"]
        if missing:
            raise StepFailed(
                "Ensure GITHUB_TOKEN has permission "
                + " and ".join(f'"{p}: write"' for p in missing)
            )
    name = inputs.get("artifact_name") or "github-pages"
    store = runner.artifacts.get(state.run_id, {}).get(name)
    if store is None or not (store / "artifact.tar").is_file():
        raise StepFailed(f"Fetching artifact metadata failed: no artifact {name} in this run")
    site = runner.base / "pages" / str(state.run_id)
    site.mkdir(parents=True)
    with tarfile.open(store / "artifact.tar") as tar:
        tar.extractall(site, filter="data")
    owner, repo = runner.repository.split("/")
    url = f"https://{owner.lower()}.github.io/{repo}/"
    runner.deployments.append(Deployment(state.run_id, site, url))
    return {"page_url": url}, f"deployed {name} to {url}"


STAND_INS: dict[str, StandIn] = {
    "actions/checkout": _checkout,
    "actions/setup-python": _setup_python,
    "actions/upload-artifact": _upload_artifact,
    "actions/download-artifact": _download_artifact,
    "actions/cache/restore": _cache_restore,
    "actions/cache/save": _cache_save,
    "actions/create-github-app-token": _app_token,
    "actions/configure-pages": _configure_pages,
    "actions/upload-pages-artifact": _upload_pages_artifact,
    "actions/deploy-pages": _deploy_pages,
}

# The inputs each stand-in plays (or that change nothing it could show): any other input
# is refused by name, so a workflow relying on one fails the replay instead of passing it.
STAND_IN_INPUTS: dict[str, set[str]] = {
    "actions/checkout": {"repository", "ref", "path", "fetch-depth", "persist-credentials"},
    "actions/setup-python": {"python-version", "update-environment", "cache"},
    "actions/upload-artifact": {
        "name",
        "path",
        "if-no-files-found",
        "retention-days",
        "compression-level",
        "overwrite",
    },
    "actions/download-artifact": {
        "name",
        "pattern",
        "merge-multiple",
        "path",
        "run-id",
        "github-token",
        "repository",
    },
    "actions/cache/restore": {"path", "key", "restore-keys"},
    "actions/cache/save": {"path", "key"},
    "actions/create-github-app-token": {"app-id", "client-id", "private-key", "owner"},
    "actions/configure-pages": {"token", "enablement"},
    "actions/upload-pages-artifact": {"path", "name", "retention-days"},
    "actions/deploy-pages": {"token", "artifact_name", "timeout"},
}
