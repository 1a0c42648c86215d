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
    assert bad.code == 2 and bad.err.startswith("listbot: --base no-such-ref: no such commit here")


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


ROOT = Path(__file__).resolve().parent.parent


def test_readme_add_examples_are_not_already_in_the_list() -> None:
    """A newcomer who copies the README's `listbot add` line must not be told "already listed"."""
    import re

    from listbot.paper.metadata import identify
    from listbot.yamlsafe import parse_yaml

    listed = set()
    for path in (ROOT / "entries").glob("*.yaml"):
        doc = parse_yaml(path.read_bytes())
        data = getattr(doc, "data", {})
        listed |= {str(data[k]).casefold() for k in ("doi", "arxiv") if k in data}
    texts = (ROOT / "README.md").read_text() + (ROOT / "docs/add-and-export.md").read_text()
    examples = re.findall(r"listbot add (\S+)", texts)
    ids = [identify(e) for e in examples if "<" not in e and e != "ID-OR-URL`"]
    assert any(i.kind == "doi" for i in ids)
    for ident in ids:
        assert ident.value.casefold() not in listed, ident


def test_cli_polish(paper_list: PaperList) -> None:
    chek = paper_list.run("chek")
    assert (chek.code, chek.err) == (2, "listbot: unknown command 'chek' (did you mean 'check'?)\n")
    bad = paper_list.run("check", "--timeout", "3")
    assert bad.code == 2 and bad.err.count("listbot:") == 1
    links = paper_list.run("links", "--retries", "99")
    assert links.err == "listbot: links: --retries must be between 0 and 10\n"
    # --config after the subcommand, and before it.
    (paper_list.root / "other.yml").write_text((paper_list.root / "listbot.yml").read_text())
    assert paper_list.run("validate", "--config", "other.yml").code == 0
    assert paper_list.run("--config", "other.yml", "validate").code == 0
    missing = paper_list.run("validate", "--config", "nope.yml")
    assert missing.code == 2 and "nope.yml" in missing.err
    helped = paper_list.run("--help")
    assert "3 a bug in listbot" in " ".join(helped.out.split())
    # A category written as its name.
    paper_list.write("ray-osdi18.yaml", RAY.replace("category: training", "category: Training"))
    result = paper_list.run("validate", "--no-cache")
    assert result.out.splitlines() == [
        "entries/ray-osdi18.yaml:7:11: LB111 unknown category 'Training' "
        "(did you mean 'training'?)",
        "1 error, 0 warnings in 1 file checked",
    ]


@pytest.mark.parametrize(
    ("env", "colored"),
    [({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
)
def test_colour_only_when_asked_or_on_a_terminal(
    paper_list: PaperList, env: dict[str, str], colored: bool
) -> None:
    paper_list.write("ray-osdi18.yaml", RAY.replace("venue: OSDI", "venue: OSID"))
    out = paper_list.run("validate", env=env).out
    assert ("\x1b[1;31mLB110\x1b[0m" in out) is colored
    assert ("\x1b" in out) is colored


def test_unknown_template_placeholder_is_a_config_error(paper_list: PaperList) -> None:
    config = paper_list.root / "listbot.yml"
    config.write_text(config.read_text() + 'render:\n  template: "{title} ({venue} {yr})"\n')
    result = paper_list.run("validate")
    assert result.code == 2
    assert result.err.startswith("listbot: ")
    assert result.err.endswith(
        "listbot.yml:25:13: LB901 render.template has an unknown placeholder {yr} "
        "(did you mean {year}?)\n"
    )


def test_colour_on_a_real_terminal(paper_list: PaperList) -> None:
    """Through a pseudo-terminal, as a person runs it: colour without being asked."""
    import os
    import pty
    import sys

    paper_list.write("ray-osdi18.yaml", RAY.replace("venue: OSDI", "venue: OSID"))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env |= {"TERM": "xterm", "XDG_CACHE_HOME": str(paper_list.root / ".cache-home")}
    outputs = []
    for extra in ({}, {"NO_COLOR": "1"}):
        leader, follower = pty.openpty()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "listbot.cli", "validate"],
                cwd=paper_list.root,
                stdout=follower,
                stderr=subprocess.PIPE,
                env=env | extra,
                timeout=120,
                check=False,
            )
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal is closed once everything is read
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(leader)
        assert done.returncode == 1, done.stderr
        outputs.append(b"".join(chunks).decode())
    assert "\x1b[1;31mLB110\x1b[0m" in outputs[0]
    assert "\x1b" not in outputs[1] and "LB110" in outputs[1]
