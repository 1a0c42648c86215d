"""Messages that say where, what and how: driven through ``main()`` on a throwaway list."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import RAY, PaperList

BASE = "title: Pipelined Training at Scale\nvenue: OSDI\nyear: 2020\ncategory: training\n"


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (BASE.replace("Scale\n", "Scale  \n"), "1:35", "trailing whitespace"),
        (
            BASE.replace(
                "title: Pipelined Training at Scale", 'title: "Pipelined Training at Scale"'
            ),
            "1:8",
            "quoting (the line should read: title: Pipelined Training at Scale)",
        ),
        (
            "venue: OSDI\n" + BASE.replace("venue: OSDI\n", ""),
            "1:1",
            "keys are not in the canonical order: 'title' comes before 'venue' "
            "(order: title, venue, year, category)",
        ),
        (BASE.replace("OSDI", "USENIX OSDI"), "2:8", "the line should read: venue: OSDI"),
        (BASE.replace("\n", "\r\n"), "1:35", "lines end with CRLF (Windows); write LF"),
    ],
)
def test_lb301_says_what_differs(paper_list: PaperList, text: str, where: str, what: str) -> None:
    paper_list.write("pipe-osdi20.yaml", text)
    for argv in (("check", "--no-readme"), ("fmt", "--check")):
        result = paper_list.run(*argv)
        assert result.code == 1
        assert (
            f"entries/pipe-osdi20.yaml:{where}: LB301 file is not in canonical form: {what} "
            "(run listbot fmt)" in result.out
        ), result.out


def test_no_lb301_while_the_file_is_invalid_anyway(paper_list: PaperList) -> None:
    paper_list.write("pipe-osdi20.yaml", BASE.replace("year: 2020", 'year: "2020"'))
    for argv in (("check", "--no-readme"), ("fmt", "--check"), ("validate",)):
        result = paper_list.run(*argv)
        assert result.code == 1
        assert "LB301" not in result.out
        assert "LB103" in result.out


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.parametrize("how", ["--base", "actions"])
def test_duplicate_lands_on_the_new_file(paper_list: PaperList, how: str) -> None:
    """ "aaa" sorts before "ray": without a base the problem would land on ray-osdi18.yaml."""
    root = paper_list.root
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "t@example.invalid")
    _git(root, "config", "user.name", "t")
    paper_list.write("ray-osdi18.yaml", RAY)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    _git(root, "checkout", "-q", "-b", "patch")
    paper_list.write("aaa-osdi18.yaml", RAY.replace("Ray: A", "Another"))
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "the pull request")
    if how == "--base":
        result = paper_list.run("check", "--no-readme", "--base", "main")
    else:
        env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request"}
        result = paper_list.run("check", "--no-readme", "--format", "text", env=env)
    assert result.code == 1
    assert "entries/aaa-osdi18.yaml:11:8: LB202 same arXiv id as entries/ray-osdi18.yaml" in (
        result.out
    )
    assert not any(line.startswith("entries/ray-osdi18.yaml") for line in result.out.splitlines())
    # Without a base, the list alone cannot tell which file is new.
    assert "entries/ray-osdi18.yaml:" in paper_list.run("validate").out
    bad = paper_list.run("validate", "--base", "no-such-ref")
    assert bad.code == 2 and bad.err.startswith("listbot: git rev-parse failed")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("validate", "entries/ray-osdi18.yml"), "entries/ray-osdi18.yml: no such file"),
        (("fmt", "--check", "entries/nope.yaml"), "entries/nope.yaml: no such file"),
        (("fmt", "entries/nope.yaml"), "entries/nope.yaml: no such file"),
        (
            ("validate", "README.md"),
            "README.md: not an entry file: entries are the files in entries/",
        ),
        (("fmt", "--check", "listbot.yml"), "listbot.yml: not an entry file"),
    ],
)
def test_a_named_file_that_is_not_an_entry_is_a_usage_error(
    paper_list: PaperList, argv: tuple[str, ...], message: str
) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    before = paper_list.snapshot()
    result = paper_list.run(*argv)
    assert result.code == 2
    assert result.err.startswith(f"listbot: {message}")
    assert result.out == ""
    assert paper_list.snapshot() == before
    # The entries folder itself means all of them; a real entry is checked.
    assert paper_list.run("validate", "entries").code == 0
    assert paper_list.run("validate", "entries/ray-osdi18.yaml").code == 0
