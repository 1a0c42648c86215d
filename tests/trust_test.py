"""What a pull request's own files can make listbot do (issue 10), attack by attack.

Each test reproduces an attack through the real CLI (``listbot.cli.main``), on real files
in a temp folder, real git, and servers on 127.0.0.1; SECURITY.md names each of them
next to the guard it proves.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

import listbot.bot.github
from bot_cli_test import NEW, open_pr, repo, run_comment, run_link_report, run_pr
from fakegithub import FakeGitHub
from hostile_test import alarm
from links_helpers import Farm, Reply, Request, entry, treat_loopback_as_public, write_list
from listbot.cli import main
from listbot.config import LINK_KINDS
from listbot.links.check import Endpoints, Engine, Policy
from listbot.links.http import Client, FetchError, address_problem
from listbot.links.model import Status, Target
from listbot.retry import CAP, parse_retry_after, seconds_until
from mdcheck import parser

__all__ = ["alarm", "repo"]  # fixtures shared with bot_cli_test and hostile_test

FAST = "links:\n  timeout: 0.5\n  retries: 0\n"
GIT_ID = ("-c", "user.name=t", "-c", "user.email=t@example.org")


@pytest.fixture
def farm() -> Iterator[Farm]:
    with Farm() as f:
        f.route("/ok", Reply())
        f.route("/gone", Reply(404))
        yield f


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "list"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def cache_home(listdir: Path) -> dict[str, str]:
    """The user's cache folder, outside the list (where the secret salt lives)."""
    return {"XDG_CACHE_HOME": str(listdir.parent / "cache-home")}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *GIT_ID, *args], cwd=root, check=True, capture_output=True, text=True
    )
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


# --- 1. paths named in listbot.yml stay inside the list and out of .git ---------------


@pytest.mark.parametrize(
    "value",
    [
        ".git/hooks/pre-commit",
        ".GIT/hooks/pre-commit",
        "sub/.git/config",
        "/tmp/listbot-cache.json",
        "../outside.json",
        "~/cache.json",
    ],
)
def test_link_cache_path_cannot_leave_the_list_or_enter_git(
    value: str, listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported attack: links.cache over an executable git hook, with a URL that is a
    shell command; the next `git commit` would have run it."""
    url = farm.url("/ok?$(touch${IFS}/tmp/x)")
    write_list(listdir, {"a.yaml": entry("A", paper=url)}, FAST + f"  cache: '{value}'\n")
    git(listdir, "init", "-q")
    hook = listdir / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    hook.chmod(0o755)
    before = hook.read_bytes()
    code = main(["links", "--allow-private"], env=cache_home(listdir))
    err = capsys.readouterr().err
    assert code == 2
    assert "listbot.yml:7:10: LB901 links.cache must be a relative path inside the list" in err
    assert hook.read_bytes() == before and os.access(hook, os.X_OK)
    assert not (listdir.parent / "outside.json").exists()
    assert farm.log == []  # refused before any request


@pytest.mark.parametrize("setting", ["readme", "entries"])
def test_readme_and_entries_cannot_be_under_git(
    setting: str, listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, f"{setting}: .git/hooks/post-merge\n")
    assert main(["render"], env=cache_home(listdir)) == 2
    assert f"LB901 {setting} must be a relative path inside the list" in capsys.readouterr().err


def test_download_links_are_files_of_the_list(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """render.downloads names files of the list (the schema already refuses URLs)."""
    write_list(listdir, {}, "render:\n  downloads: ['docs/.git/papers.bib']\n")
    assert main(["render"], env=cache_home(listdir)) == 2
    assert "LB901 render.downloads must be a relative path" in capsys.readouterr().err


def test_a_symlinked_listbot_folder_is_never_written_through(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed `.listbot -> ../elsewhere` (git stores symlinks) would carry the check
    cache and the link cache outside the list."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    elsewhere = listdir.parent / "elsewhere"
    elsewhere.mkdir()
    (listdir / ".listbot").symlink_to("../elsewhere")
    env = cache_home(listdir)
    assert main(["validate"], env=env) == 0
    assert main(["render"], env=env) == 0
    assert main(["links", "--allow-private"], env=env) == 0
    assert "link cache not used" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_link_cache_file_is_never_written_through(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    target = listdir.parent / "target.json"
    target.write_text("{}")
    (listdir / ".listbot").mkdir()
    (listdir / ".listbot" / "links-cache.json").symlink_to(target)
    assert main(["links", "--allow-private"], env=cache_home(listdir)) == 0
    assert "link cache not used" in capsys.readouterr().err
    assert target.read_text() == "{}"


def test_a_written_file_never_keeps_an_exec_bit(listdir: Path, farm: Farm) -> None:
    """An atomic write used to copy the old file's mode: a cache written over a script
    stayed executable."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    for path in (listdir / "README.md", listdir / ".listbot" / "links-cache.json"):
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            path.write_text("{}")
        path.chmod(0o755)
    env = cache_home(listdir)
    assert main(["render"], env=env) == 0
    assert main(["links", "--allow-private"], env=env) == 0
    for path in (listdir / "README.md", listdir / ".listbot" / "links-cache.json"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o111 == 0, (path, oct(mode))


# --- 2. a committed link cache vouches for nothing ---------------------------------------


def forged_cache(url: str, version: int) -> str:
    """What a pull request commits to call its dead link fine (an unsalted key in v2)."""
    ok = {"status": "ok", "http_status": 200, "final_url": url, "checked_at": time.time() - 60}
    return json.dumps({"version": version, "key": "", "results": {url: ok}})


@pytest.mark.parametrize("version", [1, 2])
def test_a_committed_link_cache_cannot_vouch_for_a_pull_requests_links(
    version: int, listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, FAST + "  cache_max_age_days: 1000000\n")
    git(listdir, "init", "-q", "-b", "main")
    commit_all(listdir, "base")
    dead = farm.url("/gone")
    (listdir / "entries" / "new.yaml").write_text(entry("New", paper=dead))
    (listdir / ".listbot").mkdir()
    (listdir / ".listbot" / "links-cache.json").write_text(forged_cache(dead, version))
    commit_all(listdir, "pr")
    env = cache_home(listdir)
    assert main(["links", "--allow-private", "--changed-since", "HEAD~1"], env=env) == 1
    assert "LB401 broken link" in capsys.readouterr().out
    assert farm.requests_to("/gone")
    # Also a full run, locally and in Actions: the cache is not this machine's.
    farm.log.clear()
    (listdir / ".listbot" / "links-cache.json").write_text(forged_cache(dead, version))
    assert main(["links", "--allow-private"], env=env) == 1
    assert farm.requests_to("/gone")


def test_a_pull_requests_changed_links_are_checked_live(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even this machine's own cache is not used for the links a PR changes."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    git(listdir, "init", "-q", "-b", "main")
    commit_all(listdir, "base")
    env = cache_home(listdir)
    assert main(["links", "--allow-private"], env=env) == 0  # warms the cache
    (listdir / "entries" / "b.yaml").write_text(entry("B", paper=farm.url("/ok")))
    farm.log.clear()
    assert main(["links", "--allow-private"], env=env) == 0
    assert farm.log == []  # a full local run reuses it
    assert main(["links", "--allow-private", "--changed-since", "HEAD"], env=env) == 0
    assert farm.requests_to("/ok")  # the PR's links: live


def test_in_actions_the_link_cache_is_read_only_when_the_workflow_restored_it(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    env = {**cache_home(listdir), "GITHUB_ACTIONS": "true"}
    treat_loopback_as_public(monkeypatch)  # --allow-private is refused in Actions
    assert main(["links", "--format", "text"], env=env) == 0
    farm.log.clear()
    assert main(["links", "--format", "text"], env=env) == 0
    assert farm.requests_to("/ok")  # written, but not read without the flag
    farm.log.clear()
    assert main(["links", "--format", "text", "--cache-restored"], env=env) == 0
    assert farm.log == []


# --- 4. every file read is bounded and never blocks ------------------------------------


def make_special(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_special_link_cache_neither_hangs_nor_floods(
    kind: str, listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """`read_bytes` on the cache: /dev/zero was a MemoryError (exit 3), a FIFO a hang."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    make_special(listdir / ".listbot" / "links-cache.json", kind)
    assert main(["links", "--allow-private"], env=cache_home(listdir)) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "listbot: warning:" in err and "link cache" in err
    assert farm.requests_to("/ok")


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_pr_reads_a_special_readme_bounded(
    kind: str, listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`listbot pr` read the README with `read_text`: /dev/zero ran out of memory."""
    write_list(listdir, {}, "")
    git(listdir, "init", "-q", "-b", "main")
    commit_all(listdir, "base")
    (listdir / "entries" / "a.yaml").write_text(entry("A"))
    assert main(["fmt"], env=cache_home(listdir)) == 0
    make_special(listdir / "README.md", kind)
    out = listdir.parent / "report.json"
    assert main(["pr", "--base", "main", "-o", str(out)], env=cache_home(listdir)) == 0
    assert json.loads(out.read_text())["counts"]["added"] == 1


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_import_reads_its_source_bounded(
    kind: str, listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, "")
    source = listdir.parent / "list.md"
    make_special(source, kind)
    assert main(["import", str(source)], env=cache_home(listdir)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{source}: cannot read" in err


# --- 6. crashes: Retry-After, checked_at, file names --------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "1e400", "9" * 400, "\u00b2"])
def test_a_hostile_retry_after_from_github_is_no_crash(
    value: str,
    repo: Path,
    tmp_path: Path,
    fake: FakeGitHub,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`Retry-After: nan` reached `time.sleep(nan)`: exit 3."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds * 0)  # time.sleep's own checks (nan, negative), without the wait

    monkeypatch.setattr(listbot.bot.github, "_sleep", sleep)
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    fake.add_pull(12, head_sha=sha, fork=True)
    fake.fail("POST", "/comments", 403, {"Retry-After": value}, "secondary rate limit")
    code = run_comment(tmp_path, fake, sha)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "internal error" not in err
    assert all(0 <= s <= 86400 for s in slept), slept
    if code == 0:
        assert len(fake.comments_on(12)) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("-5", None),
        ("nan", None),
        ("inf", None),
        ("1.5", None),
        ("\u00b2", None),
        ("9" * 400, CAP),
        ("", None),
        (None, None),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 0.0),  # in the past
        ("Thu, 01 Jan 1970 00:03:20 GMT", 100.0),
        ("Mon, 99 Foo 99999 99:99:99 GMT", None),
        ("Fri, 31 Dec 9999 23:59:59 GMT", CAP),
    ],
)
def test_one_reading_of_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=100.0) == expected
    assert seconds_until("1e9", now=0.0) is None and seconds_until("9" * 400, now=0.0) == CAP


def test_the_three_clients_share_one_retry_after_parser() -> None:
    """One copy: the GitHub client, the metadata sources and the link checker import it."""
    src = Path(__file__).resolve().parent.parent / "src" / "listbot"
    texts = {p.relative_to(src).as_posix(): p.read_text() for p in src.rglob("*.py")}
    assert [n for n, t in texts.items() if "parsedate_to_datetime" in t] == ["retry.py"]
    users = {Path(n).name for n, t in texts.items() if "from listbot.retry import" in t}
    assert users >= {"github.py", "sources.py", "check.py"}, users


def test_a_huge_checked_at_in_the_link_cache_is_no_crash(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """A huge integer `checked_at` overflowed the clock's float maths: exit 3."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    env = cache_home(listdir)
    assert main(["links", "--allow-private"], env=env) == 0
    path = listdir / ".listbot" / "links-cache.json"
    text = path.read_text()
    data = json.loads(text)
    for result in data["results"].values():
        result["checked_at"] = 10**400
    path.write_text(json.dumps(data))
    farm.log.clear()
    assert main(["links", "--allow-private"], env=env) == 0
    assert "internal error" not in capsys.readouterr().err
    assert farm.requests_to("/ok")  # not trusted: checked again


ODD_NAMES = ["new\nline.yaml", "ünïcödé-名前.yaml", 'quote"tab\t.yaml', "star*[x].yaml"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_changed_files_with_any_name(
    name: str, listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newline in a changed file's name broke `git cat-file --batch` in `pr` (exit 3);
    `links --changed-since` dropped non-ASCII names (git quoted them)."""
    write_list(listdir, {name: entry("Old", paper=farm.url("/ok"))}, FAST)
    env = cache_home(listdir)
    assert main(["fmt"], env=env) == 0
    git(listdir, "init", "-q", "-b", "main")
    commit_all(listdir, "base")
    (listdir / "entries" / name).write_text(entry("New", paper=farm.url("/gone")))
    assert main(["fmt"], env=env) == 0
    commit_all(listdir, "pr")
    assert main(["links", "--allow-private", "--changed-since", "main~1"], env=env) == 1
    assert farm.requests_to("/gone")
    capsys.readouterr()
    out = listdir.parent / "report.json"
    code = main(["pr", "--base", "main~1", "-o", str(out)], env=env)
    assert code in (0, 1), capsys.readouterr().err
    report = json.loads(out.read_text())
    assert [f["status"] for f in report["files"]] == ["changed"]  # one file, as it is
    assert report["files"][0]["path"].startswith("entries/" + name[:3])


# --- 8. the comment shows only what passes the entry rules --------------------------------


def test_a_forged_reports_entry_data_is_held_to_the_entry_rules(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    """A forged report posted `[paper](https://github.com@evil.example/login)` and an RLO
    character, and got "✅ 0 errors" plus the new-paper label."""
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    entry_data = report["files"][0]["entry"]
    entry_data["links"]["paper"] = "https://github.com@evil.example/login"
    entry_data["title"] = "Pipelined \u202etxt.exe"
    report["files"][0]["path"] = "entries/pipe\u202egpj.yaml"
    (tmp_path / "report.json").write_text(json.dumps(report))
    fake.add_pull(12, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(12)[0]["body"]
    assert "evil" not in body and "\u202e" not in body
    assert "U+202E" in body  # the path is shown, its override spelled out
    assert "❌" in body.splitlines()[3]  # the headline: not "✅ ... no problems found"
    assert "breaks the entry rules" in body
    assert "needs-changes" in fake.state.issues[12]["labels"]


# --- 12. a pull request that changes only listbot.yml ------------------------------------


def open_config_pr(repo: Path, extra: str) -> str:
    git(repo, "checkout", "-q", "-b", "config")
    config = repo / "listbot.yml"
    config.write_text(config.read_text() + extra)
    commit_all(repo, "change listbot.yml")
    return git(repo, "rev-parse", "HEAD").strip()


def test_a_pr_changing_only_listbot_yml_is_shown_how_the_readme_changes(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """It used to get no comment at all, and after merge every line changed."""
    sha = open_config_pr(repo, "render:\n  template: '{title}, {venue} {year}'\n")
    assert run_pr(repo, tmp_path, sha, 31) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["files"] == []
    diff = report["readme_diff"].splitlines()
    assert "-- Ray: A Distributed Framework for Emerging AI Applications (OSDI'18)" in diff
    assert "+- Ray: A Distributed Framework for Emerging AI Applications, OSDI 2018" in diff
    fake.add_pull(31, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    [comment] = fake.comments_on(31)
    body = comment["body"]
    assert "listbot.yml changed; no problems found" in body
    assert "+- Ray: A Distributed Framework for Emerging AI Applications, OSDI 2018" in body
    fences = [t for t in parser().parse(body) if t.type == "fence"]
    assert len(fences) == 1 and fences[0].info == "diff"


def test_a_listbot_yml_change_that_changes_nothing_says_so(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    sha = open_config_pr(repo, "bot:\n  comment_title: Paper bot\n")
    assert run_pr(repo, tmp_path, sha, 32) == 0
    assert json.loads((tmp_path / "report.json").read_text())["readme_diff"] == ""
    fake.add_pull(32, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    assert "does not change the README's list" in fake.comments_on(32)[0]["body"]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{title} <img src=x onerror=alert(1)>", "may hold no link, image or HTML"),
        ("{title} [paper](https://evil.example)", "may hold no link, image or HTML"),
        ("{title} https://evil.example", "may hold no link, image or HTML"),
        ("{title} www.evil.example", "may hold no link, image or HTML"),
        ("{title} mail@evil.example", "may hold no link, image or HTML"),
        ("\\\\{title}", "may hold no link, image or HTML"),
        ("# {title}", "may not start with a Markdown block marker"),
        ("{titel} ({venue})", "has an unknown placeholder {titel}"),
        ("{title} {", "has a brace that opens or closes no placeholder"),
    ],
)
def test_the_template_is_held_to_the_entry_rules(
    template: str, message: str, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A template with an image tag and a link put that markup on every paper line."""
    sha = open_config_pr(repo, f"render:\n  template: '{template}'\n")
    capsys.readouterr()
    assert run_pr(repo, tmp_path, sha, 33) == 2
    err = capsys.readouterr().err
    assert f"listbot.yml:3:13: LB901 render.template {message}" in err
    assert err.count("\n") == 1
    assert main(["render"], env={}) == 2  # and after a merge, nothing is rendered with it


def test_a_forged_readme_diff_stays_code(repo: Path, tmp_path: Path, fake: FakeGitHub) -> None:
    sha = open_config_pr(repo, "render:\n  template: '{title}, {venue} {year}'\n")
    assert run_pr(repo, tmp_path, sha, 34) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    report["readme_diff"] = (
        "+ok\n```\n[x](https://evil.example) @mallory <img src=x>\r```\n#1\u202e"
    )
    (tmp_path / "report.json").write_text(json.dumps(report))
    fake.add_pull(34, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(34)[0]["body"]
    tokens = parser().parse(body)
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 1 and "@mallory" in fences[0].content and "#1" in fences[0].content
    inline = [c for t in tokens if t.children for c in t.children]
    own = ("<sub>", "</sub>")  # listbot's own footer
    assert not [
        c
        for c in inline
        if c.type in ("link_open", "image", "html_inline") and c.content not in own
    ]
    assert "\u202e" not in body and "\r" not in body


# --- 5. no live mention, issue reference or SHA in the comment or the link-rot issue -----

REFS = "see #1, owner/repo#2, GH-3, 0123456789abcdef0123456789abcdef01234567 @mallory"
# What GitHub would link after rendering (the entity of a zero-width space breaks each).
LIVE = re.compile(r"(?<![&\w])\\?#[0-9]|\bGH-[0-9]|@mallory|\b[0-9a-f]{7,40}\b", re.IGNORECASE)


def test_issue_references_stay_dead_in_the_comment_and_the_link_rot_issue(
    repo: Path, tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`#1`, `owner/repo#2`, `GH-3` and SHAs stayed live (a backslash does not stop GitHub),
    from an entry's title and from a linked server's HTTP reason phrase."""
    with Farm() as farm:
        farm.route("/gone", Reply(404, reason=f"Gone, {REFS}"))
        url = farm.url("/gone")
        sha = open_pr(
            repo,
            {
                "pipe-osdi20.yaml": f"title: 'Pipes, {REFS}'\nvenue: OSDI\nyear: 2020\n"
                f"category: training\nlinks:\n  paper: {url}\n"
            },
        )
        links = tmp_path / "links.json"
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache-home")}
        args = ["links", "--allow-private", "--format", "json", "-o", str(links)]
        assert main([*args, "--changed-since", "main"], env=env) == 1
    assert run_pr(repo, tmp_path, sha, 12, "--links", str(links)) == 1
    fake.add_pull(12, head_sha=sha)
    assert run_comment(tmp_path, fake, sha) == 0
    body = fake.comments_on(12)[0]["body"]
    assert "Gone, see" in body and "Pipes, see" in body
    # link targets are listbot's own (lines at the head SHA), as is the footer's commit
    shown = re.sub(r"\]\([^)]*\)", "]", body.rsplit("<sub>", 1)[0])
    assert not LIVE.search(shown), body
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 28)) == 0
    [issue] = [i for i in fake.state.issues.values() if not i.get("is_pull")]
    assert "Gone, see" in issue["body"]
    visible = re.sub(r"<!--.*?-->", "", issue["body"], flags=re.S)  # the hidden state block
    assert not LIVE.search(visible), visible


# --- 7. no pattern accepts a trailing newline ----------------------------------------------


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ('title: "Ray\\n"', "LB104"),
        ('note: "A note\\n"', "LB104"),
        ('authors: ["Ion Stoica\\n"]', "LB104"),
        ('links:\n  paper: "https://example.org/ray\\n"', "LB113"),
        ('doi: "10.1145/3190508\\n"', "LB104"),
        ('arxiv: "1712.05889\\n"', "LB104"),
        ('tags: ["distributed\\n"]', "LB104"),
        # a category is checked against listbot.yml's ids: unknown, with a did-you-mean
        ('category: "training\\n"', "LB111"),
    ],
)
def test_a_trailing_newline_passes_no_pattern(
    field: str, code: str, listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's `$` matches before a trailing newline: a title or link ending in `\\n`
    passed validate, and the README linked `...%0A` while the checker checked without it."""
    write_list(listdir, {}, "")
    base = {"title": 'title: "Ray"', "category": "category: training"}
    key = field.split(":")[0]
    lines = [field, *(v for k, v in base.items() if k != key), "venue: OSDI", "year: 2018"]
    (listdir / "entries" / "ray-osdi18.yaml").write_text("\n".join(lines) + "\n")
    readme = (listdir / "README.md").read_bytes()
    assert main(["validate", "--no-cache"], env=cache_home(listdir)) == 1
    out = capsys.readouterr().out
    assert f": {code} " in out, out
    assert main(["render", "--no-cache"], env=cache_home(listdir)) == 1
    assert (listdir / "README.md").read_bytes() == readme


def test_a_report_value_with_a_trailing_newline_is_refused(
    repo: Path, tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report's patterns too: jsonschema (the reader's authority) let them pass."""
    sha = open_pr(repo, {"pipe-osdi20.yaml": NEW})
    assert run_pr(repo, tmp_path, sha, 12) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    report["files"][0]["path"] = "entries/pipe-osdi20.yaml\n"
    (tmp_path / "report.json").write_text(json.dumps(report))
    fake.add_pull(12, head_sha=sha)
    capsys.readouterr()
    assert run_comment(tmp_path, fake, sha) == 1
    err = capsys.readouterr().err
    assert "files/0/path: fails the schema's 'pattern' rule" in err
    assert fake.writes() == []


# --- 9. cookies stay with their host; no line break in an outgoing header ----------------


def test_cookies_stay_with_their_host_and_carry_no_header(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hop answering `Set-Cookie: a=b\\nX-Injected: evil` made the next request, to
    another host, carry that header."""
    seen: list[dict[str, str]] = []

    def record(reply: Reply) -> Callable[[Request], Reply]:
        def route(request: Request) -> Reply:
            seen.append({k.lower(): v for k, v in request.headers.items()})
            return reply

        return route

    with Farm() as first, Farm("127.0.0.2") as other:
        other.route("/landed", record(Reply()))
        first.route("/same", record(Reply(302, {"Location": other.url("/landed")})))
        first.route(
            "/start",
            record(
                Reply(
                    302,
                    {"Set-Cookie": "a=b\nX-Injected: evil", "Location": "/mid"},
                )
            ),
        )
        first.route(
            "/mid",
            record(Reply(302, {"Set-Cookie": "session=s1; Path=/", "Location": "/same"})),
        )
        write_list(listdir, {"a.yaml": entry("A", paper=first.url("/start"))}, FAST)
        assert main(["links", "--allow-private", "--no-cache"], env={}) == 0
    assert len(seen) >= 4
    assert all("x-injected" not in headers for headers in seen), seen
    start, same, landed = seen[0], seen[-2], seen[-1]
    assert "cookie" not in start
    assert same.get("cookie") == "session=s1"  # the host that set it gets it back
    assert "cookie" not in landed  # another host never does


def test_a_line_break_in_an_outgoing_header_is_refused() -> None:
    """Whatever a value holds, no request ever carries CR or LF inside a header line."""
    client = Client(user_agent="listbot-test", timeout=1.0, allow_private=True)

    async def send() -> None:
        try:
            await client.request("HEAD", "http://127.0.0.1:9/", headers={"Cookie": "a=b\r\nX: y"})
        finally:
            await client.close()

    with pytest.raises(FetchError, match="line break"):
        asyncio.run(send())


# --- 10. the address guard: only the CLI flag lowers it, wrapped IPv4 unwrapped ------------


@pytest.mark.parametrize("command", [["links"], ["add", "10.1145/1", "-c", "training"]])
def test_allow_private_is_refused_in_actions(
    command: list[str], listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, FAST)
    env = {**cache_home(listdir), "GITHUB_ACTIONS": "true"}
    assert main([*command, "--allow-private"], env=env) == 2
    err = capsys.readouterr().err
    assert "--allow-private is refused under GITHUB_ACTIONS=true" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("address", "inner"),
    [
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("2002:a9fe:a9fe::", "link-local"),  # 6to4 around 169.254.169.254
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo, client 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 around 169.254.169.254
    ],
)
def test_wrapped_private_addresses_are_blocked(address: str, inner: str) -> None:
    """6to4 addresses wrapping 127.0.0.1 or 169.254.169.254 passed on Python 3.10-3.12."""
    assert address_problem(address) == f"a {inner} address (inside {address})"

    async def resolver(host: str, port: int) -> list[str]:
        return [address]

    engine = Engine(Policy(timeout=0.5), Endpoints(), resolver=resolver)
    (result,) = engine.run([Target("http://wrapped.test/", ())])
    assert result.status is Status.BLOCKED and inner in result.message


def source_env(listdir: Path, farm: Farm) -> dict[str, str]:
    """`listbot add`'s environment with every metadata source's base URL on ``farm``."""
    return {
        **cache_home(listdir),
        "LISTBOT_CROSSREF_URL": farm.url("/crossref"),
        "LISTBOT_ARXIV_URL": farm.url("/arxiv"),
        "LISTBOT_DBLP_URL": farm.url("/dblp"),
        "LISTBOT_DOI_URL": farm.url("/doi"),
    }


def test_add_follows_no_redirect_to_a_private_address(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`listbot add` followed a redirect (from the DOI resolver, say) to any address."""
    write_list(listdir, {}, "")
    with Farm() as public, Farm("127.0.0.2") as private:
        private.route("/latest/meta-data/", Reply(200, body=b"<html>secret</html>"))
        public.route("/doi/landing", Reply(302, {"Location": private.url("/latest/meta-data/")}))
        env = source_env(listdir, public)  # the DOI resolver on it is trusted, as doi.org is
        code = main(["add", public.url("/doi/landing"), "-c", "training"], env=env)
        assert private.log == []
    err = capsys.readouterr().err
    assert code == 1
    assert "127.0.0.2 is a loopback address; listbot add fetches only public addresses" in err


def test_add_checks_the_address_a_connection_reaches_not_only_the_name(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name answered a public address to the check and a private one
    to the connection, which requests resolves again. The connected socket is checked."""
    import listbot.links.http

    asked: list[str] = []

    def rebinding(address: str) -> str | None:
        asked.append(address)  # public the first time it is asked, private after that
        return None if len(asked) == 1 else "a loopback address"

    monkeypatch.setattr(listbot.links.http, "address_problem", rebinding)
    write_list(listdir, {}, "")
    with Farm() as apis, Farm("127.0.0.2") as private:
        private.route("/latest/meta-data/", Reply(200, body=b"<html>secret</html>"))
        env = source_env(listdir, apis)
        code = main(["add", private.url("/latest/meta-data/"), "-c", "training"], env=env)
        assert private.log == []  # not a byte of the request reached it
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "refused http://127.0.0.2:" in err
    assert "127.0.0.2 connected to 127.0.0.2, which is a loopback address; listbot add" in err
    assert asked[:2] == ["127.0.0.2", "127.0.0.2"]  # the check, then the connection


# --- 11. the link-rot issue stays within GitHub's body limit --------------------------------


def test_the_link_rot_issue_stays_within_githubs_limit(
    repo: Path, tmp_path: Path, fake: FakeGitHub
) -> None:
    """About 220 failing links passed the 65,536-character body limit: GitHub would have
    refused the update. The issue shows what fits, the job summary every link."""
    failing = 300
    with Farm() as farm:
        farm.route("/ok", Reply())  # every other path answers 404
        long = "/gone/" + "x" * 180
        for i in range(failing // 5):
            urls = {kind: farm.url(f"{long}/{i}/{kind}") for kind in LINK_KINDS}
            (repo / "entries" / f"p{i}-osdi18.yaml").write_text(
                f"title: Paper {i}\nvenue: OSDI\nyear: 2018\ncategory: training\nlinks:\n"
                + "".join(f"  {kind}: {url}\n" for kind, url in urls.items())
            )
        (repo / "entries" / "ray-osdi18.yaml").unlink()  # its DOI: not this test's business
        links = tmp_path / "links.json"
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache-home"), "LISTBOT_DOI_URL": farm.url("/")}
        args = ["links", "--allow-private", "--no-cache", "--format", "json", "-o", str(links)]
        assert main(args, env=env) == 1
    assert run_link_report(tmp_path, fake, links, date(2026, 11, 28)) == 0
    [issue] = [i for i in fake.state.issues.values() if not i.get("is_pull")]
    body = issue["body"]
    assert len(body) <= 65_536
    shown = body.count("| broken, HTTP 404")
    assert 0 < shown < failing
    assert f"… and {failing - shown} more" in body
    summary = (tmp_path / "ci-links" / "summary.md").read_text()
    assert summary.count("| broken, HTTP 404") == failing


def test_a_run_that_allowed_private_addresses_vouches_for_no_guarded_run(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """`links --allow-private` found a loopback link ok and cached it; a plain run then said
    "ok (from the cache)" for it, while the guard blocked the same host's other links."""
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    env = cache_home(listdir)
    assert main(["links", "--allow-private"], env=env) == 0
    capsys.readouterr()
    assert main(["links"], env=env) == 0
    out = capsys.readouterr().out
    assert "blocked" in out and "cache" not in out, out
