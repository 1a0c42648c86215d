"""This repository's own list: its entries pass, its README says how to set up and test."""

from __future__ import annotations

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
    assert "pip install . && listbot check" in readme
    assert "pip install -e '.[test]' && python3 -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install" in ci and "'.[test]'" in ci and "python3 -m pytest" in ci
