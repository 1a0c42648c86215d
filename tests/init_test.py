"""An adopter's first run: `listbot init`, the .listbot/ folder, the editor hint's schema URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PaperList
from listbot.cli import main
from listbot.commands.init import OPTIONAL, WORKFLOWS, starter
from listbot.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def workflow_blocks(doc: str) -> dict[str, str]:
    """The workflows a doc shows to copy: file name -> the YAML in its block."""
    return dict(
        re.findall(
            r"^`\.github/workflows/([a-z-]+\.yml)`(?:[^\n]|\n(?!\n))*?:\n\n```yaml\n(.*?)^```$",
            doc,
            re.S | re.M,
        )
    )


def test_packaged_workflows_are_the_ones_docs_bot_md_shows() -> None:
    doc = (ROOT / "docs" / "bot.md").read_text()
    blocks = workflow_blocks(doc)
    assert sorted(blocks) == sorted(WORKFLOWS)
    for name in WORKFLOWS:
        assert starter(f"workflows/{name}") == blocks[name], name
    hooks = re.search(r"## pre-commit\n\n```yaml\n(.*?)^```$", doc, re.S | re.M)
    assert hooks is not None and starter("pre-commit-config.yaml") == hooks.group(1)


def test_packaged_pages_and_add_paper_workflows_are_the_ones_docs_site_md_shows() -> None:
    blocks = workflow_blocks((ROOT / "docs" / "site.md").read_text())
    assert sorted(blocks) == sorted(OPTIONAL.values())
    for name in OPTIONAL.values():
        assert starter(f"workflows/{name}") == blocks[name], name


def test_init_adds_the_pages_and_add_paper_workflows_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert not (tmp_path / ".github/workflows/pages.yml").exists()
    assert not (tmp_path / ".github/workflows/add-paper.yml").exists()
    capsys.readouterr()
    assert main(["init", "--pages", "--submissions", "--action", "me/listbot@v2"]) == 0
    out = capsys.readouterr().out
    for name in ("pages.yml", "add-paper.yml"):
        assert f"created .github/workflows/{name}\n" in out
        assert "me/listbot@v2" in (tmp_path / ".github/workflows" / name).read_text()
    assert "kept .github/workflows/pr-check.yml (exists)" in out
    assert "Settings > Pages > Source: GitHub Actions" in out
    assert "run listbot issue-form" in out


def test_init_sets_up_a_list_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--title", "Systems for ML", "--action", "me/listbot@0123abc"]) == 0
    out = capsys.readouterr().out
    for name in ("listbot.yml", "README.md", ".pre-commit-config.yaml", "entries/"):
        assert f"created {name}\n" in out
    for name in WORKFLOWS:
        assert f"created .github/workflows/{name}\n" in out
        text = (tmp_path / ".github/workflows" / name).read_text()
        assert "OWNER/listbot@v1" not in text and "me/listbot@0123abc" in text
    assert "Next steps:\n  1. edit listbot.yml" in out
    assert load_config(tmp_path / "listbot.yml").title == "Systems for ML"
    assert "rev: 0123abc" in (tmp_path / ".pre-commit-config.yaml").read_text()
    # The new list works at once: a paper by hand, rendered, checked.
    argv = ["new", "--title", "Zephyr", "--venue", "OSDI", "--year", "2020", "-c", "training"]
    assert main(argv) == 0
    assert main(["render"]) == 0
    assert main(["check"]) == 0
    entry = (tmp_path / "entries" / "zephyr-osdi20.yaml").read_text()
    # No schema/ folder in an adopter's list: the hint points at the published schema.
    assert entry.startswith(
        "# yaml-language-server: $schema=https://listbot.dev/schema/entry.schema.json\n"
    )
    # The caches are never committed by accident.
    assert (tmp_path / ".listbot" / ".gitignore").read_text().endswith("*\n")


def test_init_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# Mine\n\nhand-written\n")
    (tmp_path / "listbot.yml").write_text("categories: [{id: a, name: A}]\n")
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "kept README.md (exists)\n" in out and "kept listbot.yml (exists)\n" in out
    assert (tmp_path / "README.md").read_text() == "# Mine\n\nhand-written\n"
    assert "put these two lines in README.md where the paper list goes:" in out
    assert "replace OWNER/listbot@v1" in out
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["init"]) == 0
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert main(["init", "--action", "not a ref"]) == 2


def test_import_points_the_hint_at_the_published_schema(paper_list: PaperList) -> None:
    (paper_list.root / "old.md").write_text("# L\n\n## Training\n\n- Zephyr: Fast (OSDI'20)\n")
    result = paper_list.run("import", "old.md")
    assert result.code == 0, result.err
    [entry] = paper_list.entries.glob("*.yaml")
    assert entry.read_text().startswith(
        "# yaml-language-server: $schema=https://listbot.dev/schema/entry.schema.json\n"
    )


def test_listbot_folder_gets_its_own_gitignore_once(paper_list: PaperList) -> None:
    assert paper_list.run("validate").code == 0
    ignore = paper_list.root / ".listbot" / ".gitignore"
    assert ignore.read_text().endswith("*\n")
    ignore.write_text("# mine\n")
    assert paper_list.run("validate", "--no-cache").code == 0
    assert ignore.read_text() == "# mine\n"  # never rewritten


def test_init_refuses_a_config_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `listbot init --config lists/ml/listbot.yml` wrote ./listbot.yml and the rest here:
    # the flag did nothing. (Workflows only run from the repository's root, so init sets
    # a list up where it is run.)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--config", "lists/ml/listbot.yml"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "listbot: init: --config lists/ml/listbot.yml: init sets up the list in the current "
        "folder; run it where the list goes (without --config)\n"
    )
    assert list(tmp_path.iterdir()) == []
    assert main(["init", "--config", "listbot.yml"]) == 0  # here: the same as no flag
    assert (tmp_path / "listbot.yml").is_file()


def test_an_unknown_venue_says_where_a_new_one_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In a new list, "venues are listed in listbot.yml" sent the user to a file that
    # lists none (the built-in table holds them): the message now says what to write.
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    capsys.readouterr()
    argv = ["new", "--title", "Zephyr", "--venue", "HotMars", "--year", "2020", "-c", "other"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "unknown venue 'HotMars'" in err and "listed in listbot.yml" not in err
    assert "add it under venues: in listbot.yml" in err
