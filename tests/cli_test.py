"""End-to-end: the commands as a contributor runs them, through main([...])."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAY, PaperList

TVM = """\
title: 'TVM: An Automated End-to-End Optimizing Compiler for Deep Learning'
venue: OSDI
year: 2018
category: training
"""


def test_validate_clean_list(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    result = paper_list.run("validate")
    assert result.code == 0
    assert result.out == "the entry is fine\n"


def test_validate_reports_every_file_and_keeps_going(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    paper_list.write("broken.yaml", "title: [unclosed\n")
    paper_list.write("bad-venue.yaml", "title: X\nvenue: OSID\nyear: 2018\ncategory: training\n")
    paper_list.write("Bad_Name.yml", TVM)
    result = paper_list.run("validate")
    assert result.code == 1
    lines = result.out.splitlines()
    assert (
        "entries/Bad_Name.yml:1:1: LB010 file name must be a kebab-case slug ending in .yaml"
        " (rename it to bad-name.yaml)" in lines
    )
    assert "entries/bad-venue.yaml:2:8: LB110 unknown venue 'OSID' (did you mean 'OSDI'?)" in lines
    assert any(
        line.startswith("entries/broken.yaml:1:8: LB004 a [list] is not closed") for line in lines
    )
    assert lines[-1] == "3 errors, 0 warnings in 4 files checked"
    assert "Traceback" not in result.out + result.err


def test_validate_json_format(paper_list: PaperList) -> None:
    paper_list.write("x.yaml", "title: X\nvenue: OSID\nyear: 2018\ncategory: training\n")
    result = paper_list.run("validate", "--format", "json")
    payload = json.loads(result.out)
    assert result.code == 1
    assert payload["summary"] == {"errors": 1, "warnings": 0, "files": 1}
    assert payload["problems"][0] == {
        "path": "entries/x.yaml",
        "line": 2,
        "col": 8,
        "code": "LB110",
        "severity": "error",
        "message": "unknown venue 'OSID'",
        "suggestion": "did you mean 'OSDI'?",
    }


def test_github_annotations_under_actions(paper_list: PaperList, tmp_path: object) -> None:
    paper_list.write("x.yaml", "title: X\nvenue: OSID\nyear: 2018\ncategory: training\n")
    summary = paper_list.root / "summary.md"
    result = paper_list.run(
        "validate", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error file=entries/x.yaml,line=2,col=8,title=LB110 unknown venue::"
        "unknown venue 'OSID' (did you mean 'OSDI'?)"
    )
    assert "| entries/x\\.yaml\\:2\\:8 | LB110 |" in summary.read_text()


def test_only_named_files_are_reported_but_duplicates_are_sought_everywhere(
    paper_list: PaperList,
) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    paper_list.write("ray-again.yaml", RAY.replace("Philipp", "P."))
    paper_list.write("other.yaml", "title: [broken\n")
    result = paper_list.run("validate", "entries/ray-again.yaml")
    assert result.code == 1
    assert "entries/other.yaml" not in result.out
    assert "entries/ray-again.yaml:1:8: LB203 same title as entries/ray-osdi18.yaml" in result.out


def test_config_errors_exit_2_with_file_and_line(paper_list: PaperList) -> None:
    (paper_list.root / "listbot.yml").write_text(
        "categories:\n  - id: Bad Id\n    name: X\nvenus: {}\n"
    )
    result = paper_list.run("validate")
    assert result.code == 2
    assert "listbot: listbot.yml:2:9: LB104" in result.err or "listbot.yml:2:" in result.err
    assert any(
        "LB101 unknown key 'venus'" in line and "did you mean 'venues'?" in line
        for line in result.err.splitlines()
    )


def test_missing_config_exits_2(tmp_path: object, paper_list: PaperList) -> None:
    (paper_list.root / "listbot.yml").unlink()
    result = paper_list.run("check", "--config", "nowhere.yml")
    assert result.code == 2
    assert result.err.startswith("listbot: ") and "nowhere.yml" in result.err


def test_no_listbot_yml_points_a_newcomer_at_init(paper_list: PaperList) -> None:
    # In an empty folder, `listbot check` said only "not found in ... or any folder above".
    (paper_list.root / "listbot.yml").unlink()
    result = paper_list.run("check")
    assert result.code == 2
    assert "listbot.yml: not found" in result.err and "listbot init" in result.err
    assert result.err.count("\n") == 1


def test_usage_error_exits_2_in_one_line(paper_list: PaperList) -> None:
    result = paper_list.run("validate", "--format", "xml")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "invalid choice: 'xml'" in result.err


def test_render_writes_between_markers_only(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    result = paper_list.run("render")
    assert result.code == 0
    readme = paper_list.readme.read_text()
    assert readme.startswith("# Test list\n\nIntro written by hand.\n\n<!-- listbot:begin -->\n")
    assert readme.endswith("<!-- listbot:end -->\n\nFooter written by hand.\n")
    assert (
        "- Ray: A Distributed Framework for Emerging AI Applications (OSDI'18) [paper](" in readme
    )
    assert paper_list.run("render", "--check").code == 0
    assert paper_list.run("render").out == "README.md is up to date (1 paper)\n"


def test_render_keeps_a_readme_with_crlf_line_ends(paper_list: PaperList) -> None:
    # A README saved with CRLF (Windows) came back with every line ending changed, the
    # lines outside the markers too: a diff of the whole file.
    from conftest import README

    paper_list.readme.write_bytes(README.replace("\n", "\r\n").encode())
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("render").code == 0
    raw = paper_list.readme.read_bytes()
    assert raw.startswith(b"# Test list\r\n\r\nIntro written by hand.\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") and b"Ray: A Distributed" in raw
    assert paper_list.run("render", "--check").code == 0


def test_render_check_prints_a_diff_and_writes_nothing(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    before = paper_list.snapshot()
    result = paper_list.run("render", "--check")
    assert result.code == 1
    assert result.out.startswith("--- README.md (now)\n+++ README.md (rendered)\n")
    assert "+- Ray: A Distributed Framework" in result.out
    assert paper_list.snapshot() == before


def test_render_refuses_with_an_invalid_entry(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    paper_list.write("bad.yaml", "title: X\nvenue: OSID\nyear: 2018\ncategory: training\n")
    before = paper_list.snapshot()
    result = paper_list.run("render")
    assert result.code == 1
    assert "entries/bad.yaml:2:8: LB110" in result.err
    assert "README.md not changed" in result.err
    assert paper_list.snapshot() == before


@pytest.mark.parametrize(
    "readme",
    [
        "# no markers\n",
        "<!-- listbot:end -->\n<!-- listbot:begin -->\n",
        "<!-- listbot:begin -->\n" * 2 + "<!-- listbot:end -->\n",
    ],
)
def test_render_with_broken_markers_exits_2(paper_list: PaperList, readme: str) -> None:
    paper_list.readme.write_text(readme)
    result = paper_list.run("render")
    assert result.code == 2
    assert result.err.startswith("listbot: README.md: ")
    assert paper_list.readme.read_text() == readme


def test_fmt_rewrites_to_canonical_form_keeping_comments(paper_list: PaperList) -> None:
    path = paper_list.write(
        "ray-osdi18.yaml",
        """\
        # yaml-language-server: $schema=../schema/entry.schema.json
        year: 2018  # published at OSDI
        venue: USENIX OSDI
        title: "Ray: A Distributed Framework for Emerging AI Applications"
        category: training
        authors: [Philipp Moritz, Robert Nishihara]
        doi: https://doi.org/10.5555/3291168.3291210
        """,
    )
    assert paper_list.run("fmt", "--check").code == 1
    result = paper_list.run("fmt")
    assert result.code == 0
    assert path.read_text() == (
        "# yaml-language-server: $schema=../schema/entry.schema.json\n"
        "title: 'Ray: A Distributed Framework for Emerging AI Applications'\n"
        "authors:\n"
        "  - Philipp Moritz\n"
        "  - Robert Nishihara\n"
        "venue: OSDI\n"
        "year: 2018  # published at OSDI\n"
        "category: training\n"
        "doi: 10.5555/3291168.3291210\n"
    )
    assert paper_list.run("fmt", "--check").code == 0
    assert paper_list.run("validate").code == 0


def test_fmt_writes_nothing_when_a_file_is_broken(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", "year: 2018\n" + RAY.replace("year: 2018\n", ""))
    paper_list.write("broken.yaml", "title: [\n")
    before = paper_list.snapshot()
    result = paper_list.run("fmt")
    assert result.code == 1
    assert "entries/broken.yaml" in result.err and "no file changed" in result.err
    assert paper_list.snapshot() == before


def test_fmt_refusal_names_only_what_fmt_cannot_fix(paper_list: PaperList) -> None:
    # validate says "listbot fmt fixes this" of the alias; when fmt then refused the file
    # for its quoted year, it listed the alias too, as if fmt could not fix it after all.
    paper_list.write(
        "pipeswitch-eurosys20.yaml",
        'title: "PipeSwitch"\nvenue: EUROSYS\nyear: "2020"\ncategory: inference\n'
        "doi: https://doi.org/10.1145/1234.5678\ntags: [Two Words]\n",
    )
    before = paper_list.snapshot()
    result = paper_list.run("fmt")
    assert result.code == 1 and paper_list.snapshot() == before
    assert "LB103" in result.err and "year" in result.err
    assert "tags[0]" in result.err  # LB104, as the doi's prefix was, which fmt does fix
    assert "EUROSYS" not in result.err and "doi" not in result.err


def test_fmt_check_with_an_unreadable_file_still_lists_the_others(
    paper_list: PaperList,
) -> None:
    # fmt --check said "no file changed: fix the files above first" (it never changes a
    # file) and kept quiet about the file that did need formatting.
    paper_list.write("ray-osdi18.yaml", "year: 2018\n" + RAY.replace("year: 2018\n", ""))
    paper_list.write("broken.yaml", "title: [\n")
    result = paper_list.run("fmt", "--check")
    assert result.code == 1
    assert "no file changed" not in result.out + result.err
    assert "entries/broken.yaml" in result.out
    assert "entries/ray-osdi18.yaml:1:1: LB301" in result.out
    assert result.out.endswith("1 of 2 files would be reformatted, 1 file could not be read\n")


def test_check_combines_validate_fmt_and_render(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    result = paper_list.run("check")
    assert result.code == 1
    assert (
        result.out.splitlines()[0]
        == "README.md:5:1: LB302 the paper list is out of date (run listbot render)"
    )
    assert paper_list.run("render").code == 0
    assert paper_list.run("check").code == 0
    paper_list.write("tvm-osdi18.yaml", TVM)
    assert paper_list.run("check", "--no-readme").code == 0  # a contributor's PR: README stale
    assert paper_list.run("check").code == 1
    paper_list.run("render")
    paper_list.write("tvm-osdi18.yaml", "year: 2018\n" + TVM.replace("year: 2018\n", ""))
    result = paper_list.run("check")
    assert result.code == 1
    assert (
        "entries/tvm-osdi18.yaml:1:1: LB301 file is not in canonical form: keys are not in the "
        "canonical order: 'title' comes before 'year'" in result.out
    )


def test_check_sees_an_edit_made_after_a_cached_run(paper_list: PaperList) -> None:
    path = paper_list.write("ray-osdi18.yaml", RAY)
    paper_list.run("render")
    assert paper_list.run("check").code == 0
    path.write_text(RAY.replace("venue: OSDI", "venue: OSID"))
    result = paper_list.run("check")
    assert result.code == 1
    assert "LB110" in result.out
    path.write_text(RAY)
    assert paper_list.run("check").code == 0


def test_no_traceback_for_unreadable_entry(paper_list: PaperList) -> None:
    if os.geteuid() == 0:
        # root reads anything; make the entry a FIFO instead, which must not hang the run
        os.mkfifo(paper_list.entries / "pipe.yaml")
    else:
        path = paper_list.write("locked.yaml", RAY)
        path.chmod(0)
    result = paper_list.run("validate")
    assert result.code == 1
    assert "LB001" in result.out
    assert "Traceback" not in result.out + result.err


def test_symlink_out_of_entries_is_refused(paper_list: PaperList) -> None:
    secret = paper_list.root / "secret.yaml"
    secret.write_text(RAY)
    (paper_list.entries / "link.yaml").symlink_to(secret)
    result = paper_list.run("validate")
    assert result.code == 1
    assert "entries/link.yaml:1:1: LB001 symlink points outside entries/; refused" in result.out


def imported_after(root: Path, code: str) -> str:
    """The last line a fresh Python prints running ``code`` in ``root`` (what it imported)."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom listbot.cli import main\n" + code],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return (result.stdout.strip().splitlines() or [result.stderr])[-1]


def test_light_commands_do_not_import_network_libraries(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    code = (
        "for argv in (['--help'], ['validate'], ['render'], ['check']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "bad = [m for m in ('requests', 'github', 'urllib3') if m in sys.modules]\n"
        "print('imported:', bad)\n"
    )
    assert imported_after(paper_list.root, code) == "imported: []"


def test_a_command_loads_only_its_own_module(paper_list: PaperList) -> None:
    # A warm check of a big list is mostly start-up: `check` builds its own arguments
    # only, and with nothing to parse it starts no worker processes.
    paper_list.write("ray-osdi18.yaml", RAY)
    code = (
        "assert main(['check', '--no-readme']) == 0\n"
        "assert main(['--config', 'listbot.yml', 'check', '--no-readme']) == 0\n"
        "others = ('pr', 'links', 'add', 'export', 'comment', 'site', 'submission')\n"
        "bad = [m for m in sys.modules if m.startswith(('listbot.commands.', 'listbot.bot.'))\n"
        "       and m.rsplit('.', 1)[-1] in others + ('artifacts', 'prreport')]\n"
        "bad += [m for m in ('multiprocessing', 'listbot.gitrepo') if m in sys.modules]\n"
        "print('imported:', bad)\n"
    )
    assert imported_after(paper_list.root, code) == "imported: []"


def test_the_check_cache_is_keyed_by_a_secret_outside_the_checkout(paper_list: PaperList) -> None:
    paper_list.write("ray-osdi18.yaml", RAY)
    assert paper_list.run("validate").code == 0
    assert (paper_list.root / ".listbot" / "check-cache.json").is_file()
    salt = paper_list.root / ".cache-home" / "listbot" / "salt"
    assert len(salt.read_text().strip()) == 64
    # Without a user cache folder there is no salt, and then no cache is used or written.
    import shutil

    shutil.rmtree(paper_list.root / ".listbot")
    result = paper_list.run("validate", env={"XDG_CACHE_HOME": "", "HOME": ""})
    assert result.code == 0
    assert not (paper_list.root / ".listbot").exists()


def test_every_command_help_states_the_exit_codes(paper_list: PaperList) -> None:
    # Only `listbot --help` said what 1 and 2 mean; `listbot links --help` did not.
    from listbot.cli import COMMANDS

    for name, _module, _help in COMMANDS:
        result = paper_list.run(name, "--help")
        assert result.code == 0, name
        assert "Exit codes: 0 clean, 1 problems found, 2 usage" in result.out, name


def test_base_in_a_folder_without_git_says_so(paper_list: PaperList) -> None:
    # Outside a git repository, --base main said "no such commit here (fetch it first...)".
    paper_list.write("ray-osdi18.yaml", RAY)
    for argv in (("check", "--base", "main"), ("links", "--changed-since", "main")):
        result = paper_list.run(*argv)  # the test's temporary folder is in no repository
        assert result.code == 2
        assert "is not a git repository" in result.err and "fetch" not in result.err
        assert result.err.count("\n") == 1


def test_fmt_keeps_the_quotes_of_a_title_that_reads_as_a_number(paper_list: PaperList) -> None:
    # ruamel wrote title: '.1e3' back as title: .1e3, which listbot reads as 100.0: fmt
    # --check flagged a valid file without saying why, fmt refused it naming nothing, and
    # `listbot new --title .1e3` refused its own output.
    text = "title: '.1e3'\nvenue: OSDI\nyear: 2018\ncategory: training\n"
    paper_list.write("one-osdi18.yaml", text)
    assert paper_list.run("validate").code == 0
    assert paper_list.run("fmt", "--check").code == 0
    assert paper_list.run("fmt").code == 0
    assert (paper_list.entries / "one-osdi18.yaml").read_text() == text
    argv = ("--venue", "OSDI", "--year", "2019", "-c", "training")
    assert paper_list.run("new", "--title", ".5e2", *argv).code == 0
    assert paper_list.run("validate").code == 0
