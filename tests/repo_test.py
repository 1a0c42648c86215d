"""This repository's own list: its entries pass, its README says how to set up and test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from listbot.cli import main
from listbot.config import load_config
from listbot.project import scan

ROOT = Path(__file__).resolve().parent.parent


def test_the_list_passes_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    # --no-readme: a pull request that adds a paper leaves the README for the bot to regenerate
    assert main(["check", "--no-readme", "--no-cache"], env={}) == 0, capsys.readouterr().out


def test_the_list_holds_the_seed_papers_in_their_categories() -> None:
    state = scan(load_config(ROOT / "listbot.yml"), this_year=2026, use_cache=False)
    by_category: dict[str, int] = {}
    for entry in state.entries:
        by_category[entry.category] = by_category.get(entry.category, 0) + 1
    assert len(state.entries) >= 32
    for category, seed_count in {
        "training": 9,
        "inference": 4,
        "dynamic-network": 2,
        "compiler": 2,
        "debugging": 1,
        "traditional-ml": 9,
        "cluster-management": 5,
    }.items():
        assert by_category.get(category, 0) >= seed_count


def test_readme_has_the_two_set_up_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text()
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert commands == [
        "pip install --require-hashes -r requirements/runtime.txt"
        " && pip install --no-deps --no-build-isolation . && listbot check",
        ".ci/run",
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    # a brand-new venv, the hashed lock, listbot without its dependencies, every test
    assert 'rm -rf "$venv"' in ci and '-m venv "$venv"' in ci
    assert "--require-hashes -r requirements/lock.txt" in ci and "--no-deps" in ci
    assert '"$venv/bin/python" -m pytest' in ci
