"""``listbot links`` end to end: real servers on 127.0.0.1, real files, real git."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from links_helpers import Farm, Reply, entry, json_reply, treat_loopback_as_public, write_list
from listbot.cli import main

FAST = "links:\n  timeout: 0.5\n  retries: 1\n"


@pytest.fixture
def farm() -> Iterator[Farm]:
    with Farm() as f:
        f.route("/ok", Reply())
        f.route("/ok2", Reply())
        f.route("/missing", Reply(404))
        f.route("/moved", Reply(301, {"Location": "/ok"}))
        f.route("/down", Reply(503))
        yield f


def links(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> int:
    # the user's cache folder holds the salt the link cache is keyed with
    home = {"XDG_CACHE_HOME": str(tmp_path / ".cache-home")}
    return main(["links", "--allow-private", *args], env={**home, **(env or {})})


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_list_exits_0(listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    assert links(listdir) == 0
    out = capsys.readouterr().out
    assert out == "1 link checked: 1 ok\n"


def test_an_entry_that_is_not_yaml_is_named_not_skipped_in_silence(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file with a YAML syntax error had none of its links checked, and nothing said so.
    write_list(
        listdir,
        {"a.yaml": entry("A", paper=farm.url("/ok")), "b.yaml": "title: [\n"},
        FAST,
    )
    assert links(listdir) == 0
    out, err = capsys.readouterr()
    assert out == "1 link checked: 1 ok\n"
    assert err == (
        "listbot: warning: entries/b.yaml cannot be read as an entry: its links were not "
        "checked (listbot validate says why)\n"
    )


def test_broken_link_exits_1_and_names_the_line(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(
        listdir,
        {"a.yaml": entry("A", paper=farm.url("/ok"), code=farm.url("/missing"))},
        FAST,
    )
    assert links(listdir) == 1
    out = capsys.readouterr().out
    assert f"entries/a.yaml:7:9: LB401 broken link {farm.url('/missing')}: HTTP 404" in out


def test_unreachable_fails_only_with_strict(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/down"))}, FAST)
    assert links(listdir, "--no-cache") == 0
    assert "LB403 warning: unreachable link" in capsys.readouterr().out
    assert links(listdir, "--no-cache", "--strict") == 1


def test_private_addresses_are_blocked_without_the_flag(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    assert main(["links"], env={}) == 0
    assert "LB404 warning: blocked link" in capsys.readouterr().out
    assert farm.log == []
    assert main(["links", "--strict"], env={}) == 1


def test_allow_private_in_the_config_is_ignored(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pull request controls listbot.yml: only the command line lowers the guard."""
    write_list(
        listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST + "  allow_private: true\n"
    )
    assert main(["links", "--strict"], env={}) == 1
    captured = capsys.readouterr()
    assert "links.allow_private in listbot.yml is ignored" in captured.err
    assert "LB404 warning: blocked link" in captured.out
    assert farm.log == []


def test_json_contract(listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]) -> None:
    write_list(
        listdir,
        {
            "a.yaml": entry("A", paper=farm.url("/ok"), code=farm.url("/moved")),
            "b.yaml": entry("B", paper=farm.url("/ok#results"), code=farm.url("/missing")),
        },
        FAST + "  exclude: ['/private/']\n",
    )
    (listdir / "entries" / "c.yaml").write_text(entry("C", paper=farm.url("/private/x")))
    assert links(listdir, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"version", "results", "summary"} and report["version"] == 1
    assert report["summary"] == {
        "ok": 1,
        "redirected": 1,
        "broken": 1,
        "unreachable": 0,
        "excluded": 1,
        "blocked": 0,
    }
    keys = {
        "url",
        "status",
        "http_status",
        "final_url",
        "entries",
        "attempts",
        "elapsed_ms",
        "message",
        "archived",
        "cached",
    }
    for result in report["results"]:
        assert set(result) == keys
    by_url = {r["url"]: r for r in report["results"]}
    ok = by_url[farm.url("/ok")]
    assert ok["status"] == "ok" and ok["http_status"] == 200 and ok["attempts"] == 1
    assert ok["entries"] == [
        {"path": "entries/a.yaml", "line": 6, "col": 10, "field": "links.paper"},
        {"path": "entries/b.yaml", "line": 6, "col": 10, "field": "links.paper"},
    ]
    moved = by_url[farm.url("/moved")]
    assert moved["status"] == "redirected" and moved["final_url"] == farm.url("/ok")
    assert by_url[farm.url("/missing")]["status"] == "broken"
    assert by_url[farm.url("/private/x")]["status"] == "excluded"
    assert isinstance(ok["elapsed_ms"], int)


def test_github_annotations_point_at_the_entry_line(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_list(
        listdir, {"a.yaml": entry("A", paper=farm.url("/ok"), code=farm.url("/missing"))}, FAST
    )
    treat_loopback_as_public(monkeypatch)  # --allow-private is refused in Actions
    assert main(["links"], env={"GITHUB_ACTIONS": "true"}) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=entries/a.yaml,line=7,col=9,title=LB401 broken link::")
    assert lines[-1] == "2 links checked: 1 ok, 1 broken"


def test_markdown_report_to_a_file_and_the_job_summary(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/missing"))}, FAST)
    summary = listdir / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    treat_loopback_as_public(monkeypatch)  # --allow-private is refused in Actions
    code = main(["links", "--format", "markdown", "-o", "report.md"], env=env)
    assert code == 1
    report = (listdir / "report.md").read_text()
    assert report.startswith("### listbot links\n")
    assert "| entries/a\\.yaml\\:6 |" in report and "| broken |" in report
    assert summary.read_text() == report
    assert capsys.readouterr().out == "1 link checked: 1 broken\n"


def test_second_run_sends_no_request_for_ok_links_but_rechecks_failures(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(
        listdir,
        {
            "a.yaml": entry(
                "A", paper=farm.url("/ok"), code=farm.url("/missing"), pdf=farm.url("/down")
            )
        },
        FAST,
    )
    assert links(listdir) == 1
    assert (listdir / ".listbot" / "links-cache.json").is_file()
    first = list(farm.log)
    farm.log.clear()
    assert links(listdir) == 1
    assert farm.requests_to("/ok") == []
    assert farm.requests_to("/missing") and farm.requests_to("/down")
    assert ("HEAD", "/ok") in first
    assert "(1 from the cache)" in capsys.readouterr().out.splitlines()[-1]


def test_no_cache_neither_reads_nor_writes(listdir: Path, farm: Farm) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    assert links(listdir, "--no-cache") == 0
    assert not (listdir / ".listbot" / "links-cache.json").exists()


def test_corrupt_cache_warns_and_checks_everything(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    (listdir / ".listbot").mkdir()
    (listdir / ".listbot" / "links-cache.json").write_text("{oops")
    assert links(listdir) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "corrupt" in err
    assert farm.log == [("HEAD", "/ok")]
    assert json.loads((listdir / ".listbot" / "links-cache.json").read_text())["version"] == 2


def test_explicit_files_and_invalid_entries(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(
        listdir,
        {
            "a.yaml": entry("A", paper=farm.url("/missing")),
            "b.yaml": "title: B\nvenue: NOT-A-VENUE\nlinks:\n  paper: " + farm.url("/ok2") + "\n",
        },
        FAST,
    )
    assert links(listdir, "entries/b.yaml") == 0
    assert farm.log == [("HEAD", "/ok2")]
    assert capsys.readouterr().out == "1 link checked: 1 ok\n"


def test_env_overrides_the_doi_resolver(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    farm.route("/api/handles/10.5555/gone", json_reply({"responseCode": 100}, 404))
    write_list(listdir, {"a.yaml": entry("A", doi="10.5555/gone")}, FAST)
    assert links(listdir, env={"LISTBOT_DOI_URL": farm.base}) == 1
    assert (
        "entries/a.yaml:5:6: LB401 broken link https://doi.org/10.5555/gone"
        in capsys.readouterr().out
    )


def test_changed_since_checks_only_changed_entries(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=listdir, check=True, capture_output=True)

    write_list(
        listdir,
        {
            "old.yaml": entry("Old", paper=farm.url("/missing")),
            "kept.yaml": entry("K", paper=farm.url("/ok")),
        },
        FAST,
    )
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    (listdir / "entries" / "kept.yaml").write_text(entry("K", paper=farm.url("/ok2")))  # changed
    (listdir / "entries" / "new.yaml").write_text(entry("N", paper=farm.url("/ok")))  # untracked
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "entries/kept.yaml")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "change")
    assert links(listdir, "--changed-since", "HEAD~1") == 0
    assert sorted(p for _, p in farm.log) == ["/ok", "/ok2"]
    assert capsys.readouterr().out == "2 links checked: 2 ok\n"


def test_changed_since_with_a_bad_ref_is_a_usage_error(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, FAST)
    subprocess.run(["git", "init", "-q"], cwd=listdir, check=True)
    assert links(listdir, "--changed-since", "no-such-ref") == 2
    assert "--changed-since no-such-ref" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "0"],
        ["--retries", "11"],
        ["--format", "xml"],
        ["--all", "--changed-since", "HEAD"],
        ["entries/nope.yaml"],
    ],
)
def test_usage_errors_exit_2(
    listdir: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, FAST)
    assert links(listdir, *args) == 2
    assert capsys.readouterr().err.startswith("listbot: ")


def test_missing_config_exits_2(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert links(listdir) == 2
    assert "listbot.yml" in capsys.readouterr().err


def test_help_does_not_import_the_http_machinery() -> None:
    import sys

    code = (
        "import sys; from listbot.cli import main; main(['--help']); "
        "assert 'listbot.links.check' not in sys.modules and 'requests' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_progress_bar_only_on_a_terminal(
    listdir: Path, farm: Farm, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    assert links(listdir, "--no-cache") == 0
    assert capsys.readouterr().err == ""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert links(listdir, "--no-cache") == 0
    assert "checking links [" in terminal.getvalue() and "1/1" in terminal.getvalue()


def test_excluded_links_skip_the_cache(
    listdir: Path, farm: Farm, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
    assert links(listdir) == 0
    (listdir / "listbot.yml").write_text(
        "categories:\n  - id: training\n    name: Training\n" + FAST + "  exclude: ['/ok$']\n"
    )
    capsys.readouterr()
    assert links(listdir, "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["excluded"] == 1 and report["summary"]["ok"] == 0


def test_shards_check_each_host_once_and_merge_to_the_single_report(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from listbot.links.model import LinkReport
    from listbot.links.shard import shard_of

    hosts = [f"127.0.0.{i}" for i in range(1, 7)]
    farms = [Farm(host) for host in hosts]
    for f in farms:
        f.route("/ok", Reply())
        f.route("/missing", Reply(404))
    with farms[0], farms[1], farms[2], farms[3], farms[4], farms[5]:
        entries = {
            f"e{i}.yaml": entry(f"E{i}", paper=f.url("/ok"), code=f.url("/missing"))
            for i, f in enumerate(farms)
        }
        write_list(listdir, entries, FAST)
        assert links(listdir, "--no-cache", "--format", "json", "-o", "one.json") == 1
        single = json.loads((listdir / "one.json").read_text())
        for f in farms:
            f.log.clear()
        for k in (1, 2, 3):
            code = links(
                listdir, "--no-cache", "--shard", f"{k}/3", "-o", f"s{k}.json", "--format", "json"
            )
            asked = {h for h, f in zip(hosts, farms, strict=True) if f.log}
            assert asked == {h for h in hosts if shard_of(h, 3) == k}  # each host: one shard
            assert code == (1 if asked else 0)
            for f in farms:
                f.log.clear()
        capsys.readouterr()
        assert (
            main(["links", "merge", "s1.json", "s2.json", "s3.json", "-o", "all.json"], env={}) == 1
        )
    assert capsys.readouterr().out == "12 links checked: 6 ok, 6 broken\n"
    merged = json.loads((listdir / "all.json").read_text())
    LinkReport.from_data(merged)  # the links report's own schema and model
    strip = ("attempts", "elapsed_ms")
    key = lambda r: {k: v for k, v in r.items() if k not in strip}  # noqa: E731
    assert [key(r) for r in merged["results"]] == [key(r) for r in single["results"]]
    assert merged["summary"] == single["summary"]


def test_merge_refuses_a_split_with_a_shard_missing_repeated_or_foreign(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a shard job that failed leaves no report: the merge must not pass the rest off as
    # the whole list
    with Farm("127.0.0.1") as farm:
        farm.route("/ok", Reply())
        write_list(listdir, {"a.yaml": entry("A", paper=farm.url("/ok"))}, FAST)
        runs = {"whole.json": ()}
        runs |= {f"s{k}.json": ("--shard", f"{k}/3") for k in (1, 2, 3)}
        runs["half.json"] = ("--shard", "1/2")
        for out, extra in runs.items():
            assert links(listdir, "--no-cache", *extra, "--format", "json", "-o", out) == 0
    assert json.loads((listdir / "s2.json").read_text())["shard"] == {"index": 2, "count": 3}
    assert "shard" not in json.loads((listdir / "whole.json").read_text())
    forged = json.loads((listdir / "s3.json").read_text())
    forged["shard"]["index"] = 4
    (listdir / "s4.json").write_text(json.dumps(forged), encoding="utf-8")
    capsys.readouterr()
    for given, says in [
        (["s1.json", "s2.json", "s3.json", "s4.json"], "s4.json: not a listbot links report"),
        (["s1.json", "s3.json"], "shard 2/3 missing: give all 3 shard reports"),
        (["s1.json"], "shards 2/3, 3/3 missing"),
        (["s1.json", "s2.json", "s2.json", "s3.json"], "shard 2/3 is given twice"),
        (["half.json", "s2.json", "s3.json"], "shards of different splits (half.json is 1/2"),
        (["s1.json", "s2.json", "s3.json", "whole.json"], "whole.json is not the report of"),
    ]:
        assert main(["links", "merge", *given, "-o", "all.json"], env={}) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and says in err, err
        assert not (listdir / "all.json").exists()
    assert main(["links", "merge", "s3.json", "s1.json", "s2.json", "-o", "all.json"], env={}) == 0
    assert "shard" not in json.loads((listdir / "all.json").read_text())  # one whole report


def test_merge_refuses_what_is_not_a_links_report(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (listdir / "bad.json").write_text('{"results": "no"}', encoding="utf-8")
    (listdir / "junk.json").write_text("<html>", encoding="utf-8")
    write_list(listdir, {}, FAST)
    for name in ("bad.json", "junk.json", "nothere.json"):
        assert main(["links", "merge", name, "-o", "out.json"], env={}) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and name in err and "Traceback" not in err
    assert not (listdir / "out.json").exists()


@pytest.mark.parametrize("spec", ["0/4", "5/4", "x", "1/0", "-1/2"])
def test_bad_shard_is_a_usage_error(
    listdir: Path, spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, FAST)
    assert links(listdir, "--shard", spec) == 2
    assert "--shard" in capsys.readouterr().err


def test_max_per_host_in_listbot_yml_is_the_ceiling(listdir: Path) -> None:
    with Farm() as farm:
        paths = [f"/p{i}" for i in range(30)]
        for path in paths:
            farm.route(path, Reply(delay=0.02))
        entries = {
            f"e{i}.yaml": entry(
                f"E{i}", paper=farm.url(paths[2 * i]), code=farm.url(paths[2 * i + 1])
            )
            for i in range(15)
        }
        write_list(listdir, entries, "links:\n  timeout: 5\n  per_host: 1\n  max_per_host: 2\n")
        assert links(listdir, "--no-cache") == 0
    assert farm.max_in_flight <= 2  # the configured ceiling, not the default 4


def test_max_per_host_out_of_range_is_a_configuration_error(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_list(listdir, {}, "links:\n  max_per_host: 0\n")
    assert links(listdir) == 2
    err = capsys.readouterr().err
    assert "max_per_host" in err and "Traceback" not in err
