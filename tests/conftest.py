"""Shared fixtures: a throwaway paper list in a temp folder, and the CLI driven through main();
the same list as a git repository with a fake GitHub beside it, for the bot's commands.

Constants used by several suites live here too (``TODAY``, ``ONE_CATEGORY``, ``TOKEN``);
a suite whose dates or config are part of what it tests keeps its own.
"""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

import listbot.bot.github
from fakegithub import FakeGitHub
from listbot.cli import main

CONFIG = """\
title: Test list
categories:
  - id: deep-learning
    name: Deep Learning
    children:
      - id: training
        name: Training
      - id: inference
        name: Inference
  - id: cluster-management
    name: Cluster Management
venues:
  NSDI:
    name: USENIX Symposium on Networked Systems Design and Implementation
  EuroSys:
    name: European Conference on Computer Systems
    aliases: [EUROSYS]
  OSDI:
    name: USENIX Symposium on Operating Systems Design and Implementation
    aliases: [USENIX OSDI]
  NeurIPS:
    name: Conference on Neural Information Processing Systems
    aliases: [NeuralPS, NIPS]
"""

README = """\
# Test list

Intro written by hand.

<!-- listbot:begin -->
<!-- listbot:end -->

Footer written by hand.
"""

RAY = """\
title: 'Ray: A Distributed Framework for Emerging AI Applications'
authors:
  - Philipp Moritz
  - Robert Nishihara
venue: OSDI
year: 2018
category: training
links:
  paper: https://www.usenix.org/conference/osdi18/presentation/moritz
  code: https://github.com/ray-project/ray
arxiv: '1712.05889'
"""

TODAY = date(2026, 11, 28)
ONE_CATEGORY = "categories: [{id: training, name: Training}]\n"
TOKEN = "tok-123"  # the fake GitHub's token


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class PaperList:
    root: Path
    run: Callable[..., Result]

    @property
    def entries(self) -> Path:
        return self.root / "entries"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.entries / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the list (cache excluded), to prove that nothing was written."""
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and ".listbot" not in p.parts and ".cache-home" not in p.parts
        }


@pytest.fixture
def paper_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> PaperList:
    (tmp_path / "listbot.yml").write_text(CONFIG)
    (tmp_path / "README.md").write_text(README)
    (tmp_path / "entries").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    # The user's cache folder (where the check cache's salt lives): caching is on.
    cache_home = {"XDG_CACHE_HOME": str(tmp_path / ".cache-home")}

    def run(*argv: str, env: dict[str, str] | None = None) -> Result:
        capsys.readouterr()
        code = main(list(argv), env={**cache_home, **(env or {})}, today=TODAY)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return PaperList(tmp_path, run)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def git_list(
    root: Path, monkeypatch: pytest.MonkeyPatch, config: str, entries: dict[str, str]
) -> Path:
    """A paper list committed on ``main`` in a new git repository at ``root`` (made the
    current folder), its README rendered by ``listbot render``: a pull request's base."""
    (root / "entries").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.invalid")
    git(root, "config", "user.name", "t")
    (root / "listbot.yml").write_text(config)
    for name, text in entries.items():
        (root / "entries" / name).write_text(text)
    (root / "README.md").write_text("# List\n\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
    monkeypatch.chdir(root)
    assert main(["render"], env={}) == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    """GitHub's REST API, faked on 127.0.0.1, for real PyGithub (token ``TOKEN``)."""
    with FakeGitHub(token=TOKEN) as server:
        yield server


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The GitHub client's back-off waits, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(listbot.bot.github, "_sleep", slept.append)
    return slept


# The suites that run for minutes, not seconds: fault injection, hostile input, the browser,
# the workflow replays, property-based tests and the suites that wait on purpose.
# `pytest -m "not slow"` leaves them out for a quick run while working; .ci/run runs
# everything. Marked here by module, so that a new test in one of these files is slow
# without saying so.
SLOW_SUITES = frozenset(
    {
        "faults_github_test",
        "faults_links_test",
        "faults_metadata_test",
        "faults_writes_test",
        "hostile_test",
        "site_browser_test",
        "replay_test",
        "workflows_replay_test",
        "workflows_replay_review_test",
        "add_paper_replay_test",
        "properties_test",
        # these wait out the metadata sources' politeness intervals (dblp: one request a second)
        "importer_resolve_test",
        "verify_test",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # a property test (hypothesis' @given) anywhere is slow too
        is_property = hasattr(getattr(item, "obj", None), "hypothesis")
        if item.path.stem in SLOW_SUITES or is_property:
            item.add_marker(pytest.mark.slow)
