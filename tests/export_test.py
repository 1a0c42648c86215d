from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listbot.cli import main
from listbot.config import Config, build_config
from listbot.entries import Entry
from listbot.export import bibtex_keys, csv_cell, latex_escape, to_bibtex, to_csv, to_json

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2024, 6, 1)

CONFIG = """\
title: Test list
categories:
  - id: training
    name: Training
  - id: inference
    name: Inference
venues:
  OSDI:
    name: USENIX Symposium on Operating Systems Design and Implementation
  EuroSys:
    name: European Conference on Computer Systems
  arXiv:
    name: arXiv preprint
"""

ENTRIES = {
    "ray-osdi18": {
        "title": "Ray: A Distributed Framework for Emerging AI Applications",
        "authors": ["Philipp Moritz", "Robert Nishihara"],
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {
            "paper": "https://www.usenix.org/conference/osdi18/presentation/moritz",
            "code": "https://github.com/ray-project/ray",
        },
        "arxiv": "1712.05889",
    },
    "ray-osdi18-2": {
        "title": "Ray Tracing at 100% & More: $5 per #GPU_hour {really} ~fast^2 \\o/",
        "authors": ["Pablo Moritz", "Smith, Jr., John", "Anand Bell and Sons"],
        "venue": "OSDI",
        "year": 2018,
        "category": "inference",
        "links": {"paper": "https://example.org/a_b%20c#x"},
        "doi": "10.5555/ray_2018{x}",
    },
    "zephyr-eurosys18": {
        "title": "Zephyr: Café Scheduling",
        "authors": ["Jörg Müller", "Ana López", "Øystein Ødegård"],
        "venue": "EuroSys",
        "year": 2018,
        "category": "training",
        "doi": "10.5555/3190508.9999999",
        "tags": ["scheduling"],
        "note": '=HYPERLINK("http://evil")',
    },
    "zephyr-eurosys18-2": {
        "title": "Zephyr Revisited",
        "authors": ["Jorg Muller"],
        "venue": "EuroSys",
        "year": 2018,
        "category": "training",
    },
    "lonely-arxiv23": {
        "title": "-1 Lonely Preprint",
        "venue": "arXiv",
        "year": 2023,
        "category": "inference",
        "arxiv": "2301.00001",
        "links": {"paper": "https://arxiv.org/abs/2301.00001"},
    },
}


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "listbot.yml").write_text(CONFIG)
    (tmp_path / "entries").mkdir()
    for slug, data in ENTRIES.items():
        (tmp_path / "entries" / f"{slug}.yaml").write_text(json.dumps(data, ensure_ascii=False))
    (tmp_path / "README.md").write_text("# T\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def entries() -> list[Entry]:
    return [Entry.create(f"entries/{slug}.yaml", data) for slug, data in ENTRIES.items()]


def config() -> Config:
    import yaml

    return build_config(yaml.safe_load(CONFIG))


_UNLATEX = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
    r"\{": "{",
    r"\}": "}",
}


def unlatex(text: str) -> str:
    pattern = "|".join(re.escape(k) for k in sorted(_UNLATEX, key=len, reverse=True))
    return re.sub(pattern, lambda m: _UNLATEX[m.group(0)], text)


def test_bibtex_keys_are_stable_and_unique() -> None:
    keys = bibtex_keys(entries())
    assert keys == {
        "entries/ray-osdi18.yaml": "moritz2018raya",
        "entries/ray-osdi18-2.yaml": "moritz2018rayb",
        "entries/zephyr-eurosys18.yaml": "muller2018zephyra",
        "entries/zephyr-eurosys18-2.yaml": "muller2018zephyrb",
        "entries/lonely-arxiv23.yaml": "lonely2023",  # no authors: title word first
    }
    assert bibtex_keys(list(reversed(entries()))) == keys  # input order does not matter


def test_bibtex_round_trip() -> None:
    text = to_bibtex(entries(), config())
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    parsed = {e.key: e for e in library.entries}
    keys = bibtex_keys(entries())
    assert len(parsed) == len(ENTRIES)
    for entry in entries():
        got = parsed[keys[entry.path]]
        fields = got.fields_dict
        title = fields["title"].value
        assert title.startswith("{") and title.endswith("}")
        assert unlatex(title[1:-1]) == entry.title
        assert fields["year"].value == str(entry.year)
        if entry.authors:
            names = _rejoin(fields["author"].value.split(" and "))
            assert [unlatex(n.removeprefix("{").removesuffix("}")) for n in names] == list(
                entry.authors
            )
        else:
            assert "author" not in fields


def _depth(text: str) -> int:
    """Open minus closed braces, not counting escaped ones (\\{)."""
    plain = re.sub(r"\\.", "", text)
    return plain.count("{") - plain.count("}")


def _rejoin(names: list[str]) -> list[str]:
    """Undo splitting on ' and ' inside a braced name ("{Anand Bell and Sons}")."""
    out: list[str] = []
    for name in names:
        if out and _depth(out[-1]) > 0:
            out[-1] += " and " + name
        else:
            out.append(name)
    return out


def test_bibtex_fields() -> None:
    text = to_bibtex(entries(), config())
    assert (
        "@inproceedings{moritz2018raya,\n  author = {Philipp Moritz and Robert Nishihara},\n"
        in text
    )
    assert (
        "  booktitle = {USENIX Symposium on Operating Systems Design and Implementation},\n" in text
    )
    assert "  eprint = {1712.05889},\n  archiveprefix = {arXiv}\n}" in text
    # LaTeX specials escaped in text fields, not in URLs and DOIs (only braces encoded)
    assert (
        r"{Ray Tracing at 100\% \& More: \$5 per \#GPU\_hour \{really\} "
        r"\textasciitilde{}fast\textasciicircum{}2 \textbackslash{}o/}" in text
    )
    assert "  doi = {10.5555/ray_2018%7Bx%7D},\n  url = {https://example.org/a_b%20c#x}\n" in text
    # a comma or a lone 'and' inside one name is protected
    assert "author = {Pablo Moritz and {Smith, Jr., John} and {Anand Bell and Sons}}" in text
    # UTF-8 kept
    assert "author = {Jörg Müller and Ana López and Øystein Ødegård}" in text
    # arXiv-only: @misc without booktitle
    lonely = text[text.index("@misc{lonely2023") :]
    assert "booktitle" not in lonely.split("}\n", 1)[0]


def test_latex_escape() -> None:
    assert latex_escape("a & b\n  c") == r"a \& b c"
    assert latex_escape("\\{}") == r"\textbackslash{}\{\}"


def test_json_export_validates_against_published_schema() -> None:
    packaged = ROOT / "src/listbot/schema/export.schema.json"
    published = ROOT / "schema/export.schema.json"
    assert packaged.read_bytes() == published.read_bytes()
    schema = json.loads(published.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(to_json(entries(), config()))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [p["id"] for p in data["papers"]] == [
        "ray-osdi18",
        "zephyr-eurosys18-2",
        "zephyr-eurosys18",
        "ray-osdi18-2",
        "lonely-arxiv23",
    ]  # README order: category, then year, venue, title
    zephyr = data["papers"][2]
    assert zephyr == {
        "id": "zephyr-eurosys18",
        "title": "Zephyr: Café Scheduling",
        "authors": ["Jörg Müller", "Ana López", "Øystein Ødegård"],
        "venue": "EuroSys",
        "venue_name": "European Conference on Computer Systems",
        "year": 2018,
        "category": "training",
        "links": {},
        "doi": "10.5555/3190508.9999999",
        "arxiv": None,
        "tags": ["scheduling"],
        "note": '=HYPERLINK("http://evil")',
        "bibtex_key": "muller2018zephyra",
    }
    assert [v["key"] for v in data["venues"]] == ["OSDI", "EuroSys", "arXiv"]


def test_config_schema_copies_are_identical() -> None:
    assert (ROOT / "src/listbot/schema/config.schema.json").read_bytes() == (
        ROOT / "schema/config.schema.json"
    ).read_bytes()


def test_csv_is_rfc4180_and_formula_safe() -> None:
    text = to_csv(entries(), config())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(ENTRIES)
    by_id = {r["id"]: r for r in rows}
    assert by_id["zephyr-eurosys18"]["note"] == '\'=HYPERLINK("http://evil")'
    assert by_id["lonely-arxiv23"]["title"] == "'-1 Lonely Preprint"
    assert by_id["ray-osdi18"]["authors"] == "Philipp Moritz; Robert Nishihara"
    assert by_id["ray-osdi18"]["code"] == "https://github.com/ray-project/ray"
    assert by_id["ray-osdi18-2"]["authors"] == "Pablo Moritz; Smith, Jr., John; Anand Bell and Sons"
    for cell in ("=1+1", "+1", "-1", "@x", "\tx"):
        assert csv_cell(cell).startswith("'")
    assert csv_cell("1-2") == "1-2"


def test_export_command_writes_atomically(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "bibtex", "-o", "papers.bib"], today=TODAY) == 0
    assert capsys.readouterr().out == "wrote papers.bib (5 papers)\n"
    text = (listdir / "papers.bib").read_text()
    assert bibtexparser.parse_string(text).entries
    assert main(["export", "bibtex", "-o", "papers.bib"], today=TODAY) == 0
    assert capsys.readouterr().out == "papers.bib is up to date (5 papers)\n"
    assert main(["export", "json"], today=TODAY) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Test list"
    assert main(["export", "csv", "-o", "out/papers.csv"], today=TODAY) == 0
    assert (listdir / "out/papers.csv").read_text(encoding="utf-8").startswith("id,title,authors,")
    capsys.readouterr()
    assert main(["export", "csv", "-o", "out/papers.csv"], today=TODAY) == 0
    assert capsys.readouterr().out == "out/papers.csv is up to date (5 papers)\n"  # CRLF kept
    assert [p.name for p in listdir.iterdir() if p.name.startswith(".papers")] == []


def test_export_refuses_a_list_with_errors(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (listdir / "entries/broken.yaml").write_text(
        "title: Broken\nvenue: NOPE\nyear: 2020\ncategory: training\n"
    )
    assert main(["export", "json", "-o", "papers.json"], today=TODAY) == 1
    err = capsys.readouterr().err
    assert "entries/broken.yaml:2:8: LB110 unknown venue 'NOPE'" in err
    assert "listbot: papers.json not written: fix the entries above first" in err
    assert not (listdir / "papers.json").exists()


def test_export_unknown_format(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "ris"], today=TODAY) == 2
    assert "invalid choice: 'ris'" in capsys.readouterr().err


def test_render_links_the_downloads(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listdir / "listbot.yml").write_text(
        CONFIG + "render:\n  downloads: [papers.bib, papers.json, data/list.csv]\n"
    )
    assert main(["render"], today=TODAY) == 0
    readme = (listdir / "README.md").read_text()
    assert (
        "\nDownload: [BibTeX](papers.bib) · [JSON](papers.json) · [CSV](data/list.csv)\n" in readme
    )
    # without the setting nothing changes
    (listdir / "listbot.yml").write_text(CONFIG)
    assert main(["render"], today=TODAY) == 0
    assert "Download:" not in (listdir / "README.md").read_text()


@pytest.mark.parametrize("name", ["../secret.bib", "/etc/passwd", "a b.bib", "javascript:alert(1)"])
def test_render_downloads_must_be_plain_relative_names(
    listdir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (listdir / "listbot.yml").write_text(CONFIG + f"render:\n  downloads: ['{name}']\n")
    assert main(["render"], today=TODAY) == 2
    assert "render.downloads" in capsys.readouterr().err


_TEXT = (
    st.lists(
        st.sampled_from([*"abcXYZ &%$#_{}~^\\,:-'\"@=+éøß", "and", " and ", "Jr"]),
        min_size=1,
        max_size=20,
    )
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(bool)
)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(_TEXT, st.lists(_TEXT, max_size=3), st.integers(1990, 2025)),
        min_size=1,
        max_size=8,
    )
)
def test_any_titles_and_names_round_trip(papers: list[tuple[str, list[str], int]]) -> None:
    items = [
        Entry.create(
            f"entries/p{i}.yaml",
            {"title": t, "authors": a, "venue": "OSDI", "year": y, "category": "training"},
        )
        for i, (t, a, y) in enumerate(papers)
    ]
    library = bibtexparser.parse_string(to_bibtex(items, config()))
    assert library.failed_blocks == []
    keys = bibtex_keys(items)
    assert len(set(keys.values())) == len(items)
    parsed = {e.key: e.fields_dict for e in library.entries}
    for entry in items:
        fields = parsed[keys[entry.path]]
        assert unlatex(fields["title"].value[1:-1]) == entry.title
        if entry.authors:
            names = _rejoin(fields["author"].value.split(" and "))
            got = [unlatex(n[1:-1] if n.startswith("{") and n.endswith("}") else n) for n in names]
            assert got == list(entry.authors)
