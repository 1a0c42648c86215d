"""One file never stops the run: a crash on one file is an LB009 problem on that file.

No input is known to crash listbot any more (the last one, ruamel's "overlap in comment",
is in hostile_test's corpus), so each test plants a fault: the function that handles one
named file raises, the way a bug in listbot or a library would. Everything else is real:
the CLI, the files, the worker processes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import listbot.commands.fmt
import listbot.importer.plan
import listbot.project
import listbot.readme
import listbot.render
from conftest import ONE_CATEGORY, TODAY
from listbot.cli import main
from listbot.crash import file_problem
from listbot.problems import CODES, Problem

CONFIG = ONE_CATEGORY
README = "# Papers\n\n<!-- listbot:begin -->\n<!-- listbot:end -->\n"


def paper(title: str, venue: str = "OSDI") -> str:
    return f"title: {title}\nvenue: {venue}\nyear: 2018\ncategory: training\n"


@pytest.fixture
def paper_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "list"
    (root / "entries").mkdir(parents=True)
    (root / "listbot.yml").write_text(CONFIG)
    (root / "README.md").write_text(README)
    (root / "entries" / "boom.yaml").write_text(paper("Boom"))
    (root / "entries" / "good.yaml").write_text(paper("Good"))
    (root / "entries" / "alias.yaml").write_text(paper("Alias", venue="EUROSYS"))
    monkeypatch.chdir(root)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # crash logs land here, not in /tmp
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    return root


def faulty(real: Callable[..., Any], when: Callable[..., bool]) -> Callable[..., Any]:
    """``real``, except that it raises (naming the process) when ``when(*args)``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            raise RuntimeError(f"planted fault in process {os.getpid()}")
        return real(*args, **kwargs)

    return call


def about_boom(*args: Any, **_kwargs: Any) -> bool:
    return any("boom" in str(a).lower() for a in args if isinstance(a, str | Path))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), env={}, today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def crash_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if " LB009 " in line]


def log_of(line: str) -> str:
    found = re.search(r"details in (\S+)\)", line)
    assert found, line
    return Path(found.group(1)).read_text()


def test_lb009_is_a_listed_code() -> None:
    assert CODES["LB009"].title.startswith("listbot could not process this file")


def test_file_problem_saves_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    try:
        raise NotImplementedError("overlap in comment")
    except NotImplementedError as exc:
        problem = file_problem("entries/x.yaml", exc, "checking", line=4)
    assert (problem.path, problem.line, problem.code, problem.severity) == (
        "entries/x.yaml",
        4,
        "LB009",
        "error",
    )
    text = problem.text()
    assert text.startswith("entries/x.yaml:4:1: LB009 listbot could not process this file")
    assert "\n" not in text and str(tmp_path) in text
    log = log_of(text)
    assert "Traceback" in log and "NotImplementedError: overlap in comment" in log
    assert "while checking 'entries/x.yaml'" in log


def test_validate_goes_on_after_a_crash_on_one_file(
    paper_list: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        listbot.project, "check_document", faulty(listbot.project.check_document, about_boom)
    )
    code, out, err = run(capsys, "validate", "--no-cache")
    assert code == 1 and "Traceback" not in out + err and err == ""
    [crash] = crash_lines(out)
    assert crash.startswith("entries/boom.yaml:1:1: LB009 listbot could not process this file")
    assert "RuntimeError: planted fault" in log_of(crash)
    # every other file was still checked
    assert "entries/alias.yaml:2:8: LB110 venue 'EUROSYS' is an alias of 'EuroSys'" in out
    assert out.endswith("2 errors, 0 warnings in 3 files checked\n")


def test_check_and_render_go_on_and_leave_the_readme(
    paper_list: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (paper_list / "entries" / "alias.yaml").unlink()
    bad = faulty(listbot.render.paper_line, lambda entry, _config: entry.title == "Boom")
    monkeypatch.setattr(listbot.render, "paper_line", bad)
    monkeypatch.setattr(listbot.readme, "paper_line", bad)
    code, out, err = run(capsys, "render", "--no-cache")
    assert code == 1 and "Traceback" not in out + err
    [crash] = crash_lines(err)
    assert crash.startswith("entries/boom.yaml:1:1: LB009")
    assert "RuntimeError: planted fault" in log_of(crash) and "rendering" in log_of(crash)
    assert (paper_list / "README.md").read_text() == README
    code, out, err = run(capsys, "check", "--no-cache")
    assert code == 1 and [line[:29] for line in crash_lines(out)] == [
        "entries/boom.yaml:1:1: LB009 "
    ]


def test_fmt_formats_every_other_file(
    paper_list: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (paper_list / "entries" / "alias.yaml").unlink()
    for name in ("boom.yaml", "good.yaml"):  # both out of canonical key order
        path = paper_list / "entries" / name
        lines = path.read_text().splitlines(keepends=True)
        path.write_text("".join([lines[1], lines[0], *lines[2:]]))
    monkeypatch.setattr(
        listbot.commands.fmt,
        "format_entry",
        faulty(listbot.commands.fmt.format_entry, lambda text, _c: "Boom" in text),
    )
    code, out, err = run(capsys, "fmt", "--no-cache")
    assert code == 1 and "Traceback" not in out + err
    assert "formatted entries/good.yaml" in out
    assert "1 file reformatted, 0 unchanged, 1 not processed (a bug in listbot)" in out
    [crash] = crash_lines(err)
    assert crash.startswith("entries/boom.yaml:1:1: LB009")
    assert (paper_list / "entries" / "good.yaml").read_text() == paper("Good")
    assert (paper_list / "entries" / "boom.yaml").read_text().startswith("venue: OSDI")


def test_a_crash_is_not_cached(
    paper_list: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"XDG_CACHE_HOME": str(paper_list.parent / "cache")}  # the cache needs a salt
    (paper_list / "entries" / "alias.yaml").unlink()
    real = listbot.project.check_document
    monkeypatch.setattr(listbot.project, "check_document", faulty(real, about_boom))
    assert main(["validate"], env=env, today=TODAY) == 1
    assert crash_lines(capsys.readouterr().out)
    monkeypatch.setattr(listbot.project, "check_document", real)  # listbot "fixed"
    assert main(["validate"], env=env, today=TODAY) == 0
    assert capsys.readouterr().out == "all 2 entries are fine\n"


# The worker tests run in a child process of their own: scan forks workers only in a process
# without other threads, and the test session has some (pytest-httpserver's server).
_WORKERS_CHILD = """
import json, os, sys
import listbot.project
from listbot.config import load_config

mode = sys.argv[1]
parent = os.getpid()
real = listbot.project.check_document


def planted(path, *args, **kwargs):
    if path.endswith("boom.yaml"):
        if mode == "die" and os.getpid() != parent:
            os._exit(9)  # killed: no exception, no result
        if mode == "raise":
            raise RuntimeError(f"planted fault in process {os.getpid()}")
    return real(path, *args, **kwargs)


listbot.project.check_document = planted
listbot.project.PARALLEL_MIN_FILES = 2
config = load_config(listbot.project.Path("listbot.yml").resolve())
state = listbot.project.scan(config, this_year=2026, use_cache=False, workers=3)
print(json.dumps({
    "parent": parent,
    "records": len(state.records),
    "entries": len(state.entries),
    "problems": [p.as_dict() for p in state.problems()],
}))
"""


def _scan_in_workers(paper_list: Path, mode: str) -> dict[str, Any]:
    for i in range(6):
        (paper_list / "entries" / f"paper-{i}.yaml").write_text(paper(f"Paper {i}"))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _WORKERS_CHILD, mode],
        cwd=paper_list,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_crash_in_a_worker_process_stays_with_its_file(paper_list: Path) -> None:
    result = _scan_in_workers(paper_list, "raise")
    assert result["records"] == 9
    problems = result["problems"]
    assert [(p["path"], p["code"]) for p in problems] == [
        ("entries/alias.yaml", "LB110"),
        ("entries/boom.yaml", "LB009"),
    ]
    log = log_of(Problem.from_dict(problems[1]).text())
    pid = int(re.findall(r"planted fault in process (\d+)", log)[0])
    assert pid != result["parent"]  # it happened in a worker, and came back as a problem


def test_a_worker_that_dies_has_its_share_checked_again(paper_list: Path) -> None:
    result = _scan_in_workers(paper_list, "die")
    assert result["records"] == 9 and result["entries"] == 9
    assert [p["code"] for p in result["problems"]] == ["LB110"]


def test_import_goes_on_after_a_crash_on_one_bullet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    (tmp_path / "listbot.yml").write_text(CONFIG)
    (tmp_path / "entries").mkdir()
    (tmp_path / "list.md").write_text(
        "## Training\n\n- Good Paper (OSDI'18)\n- Boom Paper (OSDI'18)\n- Other Paper (NSDI'19)\n"
    )
    monkeypatch.setattr(
        listbot.importer.plan,
        "read",
        faulty(listbot.importer.plan.read, lambda text, *_a, **_k: "Boom" in text),
    )
    code, out, err = run(capsys, "import", "list.md", "--partial", "--category", "training")
    assert code == 1 and "Traceback" not in out + err
    [crash] = crash_lines(err)
    assert crash.startswith("list.md:4:1: LB009 listbot could not process this file")
    assert sorted(p.name for p in (tmp_path / "entries").iterdir()) == [
        "good-paper-osdi18.yaml",
        "other-paper-nsdi19.yaml",
    ]

    monkeypatch.setattr(
        listbot.importer.plan, "_scan", faulty(listbot.importer.plan._scan, lambda *_a, **_k: True)
    )
    code, out, err = run(capsys, "import", "list.md", "--category", "training")
    assert code == 1 and "Traceback" not in out + err
    assert crash_lines(err)[0].startswith("list.md:1:1: LB009")
    assert err.endswith("listbot: nothing imported\n")
