from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from listbot.cli import main
from listbot.schemacheck import schema_text
from metadata_samples import (
    CROSSREF_SPARSE,
    CROSSREF_WORK,
    DBLP_RECORD_XML,
    RAY_ATOM,
    RAY_DBLP_CORR,
    RAY_DBLP_OSDI,
    USENIX_PAGE,
    dblp_hits,
    silent_server,
)

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
  SoCC:
    name: ACM Symposium on Cloud Computing
links:
  timeout: 2
  retries: 1
  max_retry_after: 5
metadata:
  contact: lists@example.org
"""

ZEPHYR = """\
# yaml-language-server: $schema=../schema/entry.schema.json
title: 'Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly'
authors:
  - Ana López
  - Bo Chen
  - The Zephyr Team
venue: EuroSys
year: 2018
category: training
links:
  paper: https://doi.org/10.5555/3190508.9999999
doi: 10.5555/3190508.9999999
"""

RAY = """\
# yaml-language-server: $schema=../schema/entry.schema.json
title: 'Ray: A Distributed Framework for Emerging AI Applications'
authors:
  - Philipp Moritz
  - Robert Nishihara
  - Stephanie Wang
venue: OSDI
year: 2018
category: training
links:
  paper: https://www.usenix.org/conference/osdi18/presentation/moritz
  pdf: https://arxiv.org/pdf/1712.05889
  code: https://github.com/ray-project/ray
arxiv: '1712.05889'
"""

DOI = "10.5555/3190508.9999999"
TODAY = date(2024, 6, 1)


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "listbot.yml").write_text(CONFIG)
    (tmp_path / "entries").mkdir()
    (tmp_path / "README.md").write_text("# T\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
    # A list that publishes the schema next to its entries, as listbot's own does (the
    # editor hint then points there; without it, at the published URL).
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "entry.schema.json").write_text(schema_text("entry"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def env_for(server: HTTPServer) -> dict[str, str]:
    return {
        "LISTBOT_CROSSREF_URL": server.url_for("/crossref"),
        "LISTBOT_ARXIV_URL": server.url_for("/arxiv/api"),
        "LISTBOT_DBLP_URL": server.url_for("/dblp"),
        "LISTBOT_DOI_URL": server.url_for("/doi"),
    }


def run(server: HTTPServer, *argv: str) -> int:
    return main(["add", *argv], env=env_for(server), today=TODAY)


def entry_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "entries").iterdir())


def test_add_doi_from_crossref(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI, "--category", "training") == 0
    out = capsys.readouterr().out
    assert out == (
        "wrote entries/zephyr-eurosys18.yaml: "
        "Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly "
        "(EuroSys 2018, 3 authors; from Crossref)\n"
    )
    assert (listdir / "entries/zephyr-eurosys18.yaml").read_text() == ZEPHYR
    request = httpserver.log[0][0]
    assert "mailto:lists@example.org" in request.headers["User-Agent"]
    # exactly what fmt writes, and valid
    assert main(["fmt", "--check"], today=TODAY) == 0
    assert main(["validate"], today=TODAY) == 0


def test_add_arxiv_finds_published_version_on_dblp(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(
        "/arxiv/api/query", query_string={"id_list": "1712.05889", "max_results": "1"}
    ).respond_with_data(RAY_ATOM, content_type="application/atom+xml; charset=utf-8")
    httpserver.expect_request("/dblp/search/publ/api").respond_with_json(
        dblp_hits(RAY_DBLP_CORR, RAY_DBLP_OSDI)
    )
    assert run(httpserver, "https://arxiv.org/abs/1712.05889v2", "-c", "training") == 0
    assert (listdir / "entries/ray-osdi18.yaml").read_text() == RAY
    assert "from arXiv + dblp" in capsys.readouterr().out
    assert main(["fmt", "--check"], today=TODAY) == 0


def test_add_dblp_record(listdir: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/dblp/rec/conf/eurosys/LopezC18.xml").respond_with_data(
        DBLP_RECORD_XML, content_type="application/xml"
    )
    assert run(httpserver, "https://dblp.org/rec/conf/eurosys/LopezC18", "-c", "inference") == 0
    text = (listdir / "entries/zephyr-eurosys18.yaml").read_text()
    assert "  - Ana López\n  - Bo Chen\nvenue: EuroSys\nyear: 2018\ncategory: inference\n" in text
    assert "paper: https://doi.org/10.5555/3190508.9999999" in text


def test_add_landing_page(listdir: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/conference/osdi18/presentation/moritz").respond_with_data(
        USENIX_PAGE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/conference/osdi18/presentation/moritz")
    assert run(httpserver, url, "-c", "training", "--allow-private") == 0
    text = (listdir / "entries/ray-osdi18.yaml").read_text()
    assert f"  paper: {url}\n  pdf: https://www.usenix.org/system/files/osdi18-moritz.pdf\n" in text
    assert "  - Ion Stoica\n" in text


def test_dry_run_writes_nothing(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, f"https://doi.org/{DOI}", "-c", "training", "--dry-run") == 0
    assert (
        capsys.readouterr().out
        == "# entries/zephyr-eurosys18.yaml (dry run, not written)\n" + ZEPHYR
    )
    assert entry_files(listdir) == []


def test_refuses_a_paper_the_list_has(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    (listdir / "entries/zephyr.yaml").write_text(ZEPHYR)
    assert run(httpserver, DOI, "-c", "training") == 1
    err = capsys.readouterr().err
    assert err == (
        "listbot: the list already has this paper: entries/zephyr.yaml has the same DOI "
        "('Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly')\n"
    )
    assert httpserver.log == []  # known without asking anyone
    assert entry_files(listdir) == ["zephyr.yaml"]


def test_refuses_same_title_found_by_arxiv(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    (listdir / "entries/ray.yaml").write_text(RAY.replace("arxiv: '1712.05889'\n", ""))
    httpserver.expect_request("/arxiv/api/query").respond_with_data(RAY_ATOM)
    httpserver.expect_request("/dblp/search/publ/api").respond_with_json(dblp_hits(RAY_DBLP_OSDI))
    assert run(httpserver, "1712.05889", "-c", "training") == 1
    assert "entries/ray.yaml has the same title" in capsys.readouterr().err
    assert entry_files(listdir) == ["ray.yaml"]


def test_slug_collision_gets_a_suffix(listdir: Path, httpserver: HTTPServer) -> None:
    other = RAY.replace(
        "Ray: A Distributed Framework for Emerging AI Applications", "Ray Tracing Is Fast"
    )
    other = other.replace("arxiv: '1712.05889'\n", "")
    (listdir / "entries/ray-osdi18.yaml").write_text(other)
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        {
            **CROSSREF_WORK,
            "message": {
                **CROSSREF_WORK["message"],
                "title": ["Ray: Another One"],
                "event": {"acronym": "OSDI '18"},
            },
        }
    )
    assert run(httpserver, DOI, "-c", "training") == 0
    assert entry_files(listdir) == ["ray-osdi18-2.yaml", "ray-osdi18.yaml"]


def test_unknown_venue_is_an_error_not_a_guess(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/crossref/works/10.5555/sparse.1").respond_with_json(CROSSREF_SPARSE)
    assert run(httpserver, "10.5555/sparse.1", "-c", "training") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert (
        "venue 'Proceedings of the Symposium on Obscure Things' (from Crossref) "
        "is not a venue of listbot.yml" in err
    )
    assert "--venue" in err
    assert entry_files(listdir) == []
    # the user decides
    assert run(httpserver, "10.5555/sparse.1", "-c", "training", "--venue", "socc") == 0
    assert entry_files(listdir) == ["sparse-record-socc19.yaml"]


def test_arxiv_without_venue_or_published_version(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # A list that knows only its own venues (the built-in table has arXiv).
    config = (listdir / "listbot.yml").read_text()
    (listdir / "listbot.yml").write_text(config + "builtin_venues: false\n")
    httpserver.expect_request("/arxiv/api/query").respond_with_data(RAY_ATOM)
    httpserver.expect_request("/dblp/search/publ/api").respond_with_json(dblp_hits(RAY_DBLP_CORR))
    assert run(httpserver, "1712.05889", "-c", "training") == 1
    err = capsys.readouterr().err
    assert (
        "arXiv gives no venue for "
        "'Ray: A Distributed Framework for Emerging AI Applications' (1712.05889)" in err
    )
    assert entry_files(listdir) == []


def test_arxiv_only_paper_goes_to_an_arxiv_venue(listdir: Path, httpserver: HTTPServer) -> None:
    config = CONFIG.replace("venues:\n", "venues:\n  arXiv:\n    name: arXiv preprint\n")
    (listdir / "listbot.yml").write_text(config)
    httpserver.expect_request("/arxiv/api/query").respond_with_data(RAY_ATOM)
    httpserver.expect_request("/dblp/search/publ/api").respond_with_json(dblp_hits())
    assert run(httpserver, "arXiv:1712.05889", "-c", "training") == 0
    text = (listdir / "entries/ray-arxiv17.yaml").read_text()
    assert "venue: arXiv\nyear: 2017\n" in text
    assert "  paper: https://arxiv.org/abs/1712.05889\n" in text


def test_retry_after_then_success(listdir: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(f"/crossref/works/{DOI}").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "0"}
    )
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI, "-c", "training") == 0
    assert len(httpserver.log) == 2
    assert entry_files(listdir) == ["zephyr-eurosys18.yaml"]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (
            500,
            "Internal Server Error",
            "listbot: Crossref answered HTTP 500 2 time(s); try again later",
        ),
        (
            200,
            "<html><body>We are down for maintenance</body></html>",
            "listbot: Crossref returned something that is not JSON\n",
        ),
        (
            200,
            json.dumps({"status": "ok", "message": {"DOI": DOI}}),
            "listbot: Crossref record has no title\n",
        ),
        (403, "Forbidden", f"listbot: Crossref answered HTTP 403 for DOI {DOI}\n"),
    ],
)
def test_source_failures_write_nothing(
    listdir: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    status: int,
    body: str,
    message: str,
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_data(body, status=status)
    assert run(httpserver, DOI, "-c", "training") == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert entry_files(listdir) == []


def test_unknown_doi(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/crossref/works/10.5555/nope").respond_with_data(
        "Resource not found.", status=404
    )
    httpserver.expect_request("/doi/10.5555/nope").respond_with_data("DOI Not Found", status=404)
    assert run(httpserver, "10.5555/nope", "-c", "training") == 1
    assert (
        capsys.readouterr().err == "listbot: DOI 10.5555/nope is not known to Crossref or doi.org\n"
    )


def test_slow_source(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listdir / "listbot.yml").write_text(CONFIG.replace("timeout: 2", "timeout: 0.2"))
    with silent_server() as url:
        env = {"LISTBOT_CROSSREF_URL": url}
        assert main(["add", DOI, "-c", "training"], env=env, today=TODAY) == 1
    assert capsys.readouterr().err == (
        f"listbot: Crossref did not answer within 0.2 s ({url}/works/{DOI})\n"
    )
    assert entry_files(listdir) == []


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["not-a-paper", "-c", "training"],
            1,
            # A title typed instead of an identifier: the message says where to go.
            "listbot: 'not-a-paper' is not a DOI, an arXiv id, "
            "a dblp record URL or an http(s) URL (for a paper without one: listbot new)\n",
        ),
        (
            [DOI, "-c", "trainig"],
            2,
            "listbot: unknown category 'trainig' (did you mean 'training'?)\n",
        ),
        (
            [DOI],
            2,
            "listbot: add: --category is required when not on a terminal "
            "(one of: training, inference)\n",
        ),
        (
            [DOI, "-c", "training", "--venue", "OSDY"],
            2,
            "listbot: unknown venue 'OSDY' "
            "(did you mean 'OSDI'?; a new venue: add it under venues: in listbot.yml)\n",
        ),
        ([DOI, "-c", "training", "--slug", "Bad Slug"], 2, None),
    ],
)
def test_bad_input(
    listdir: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str | None,
) -> None:
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, *argv) == code
    err = capsys.readouterr().err
    if message is not None:
        assert err == message
    else:
        assert "'Bad Slug' is not a kebab-case name" in err
    assert entry_files(listdir) == []


def test_existing_slug_is_never_overwritten(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    (listdir / "entries/mine.yaml").write_text("# keep me\n")
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI, "-c", "training", "--slug", "mine") == 1
    assert "entries/mine.yaml already exists" in capsys.readouterr().err
    assert (listdir / "entries/mine.yaml").read_text() == "# keep me\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_asks_for_the_category_on_a_terminal(
    listdir: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("nonsense\n2\n"))
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI) == 0
    err = capsys.readouterr().err
    assert "   1. Training (training)\n   2. Inference (inference)\n" in err
    assert "'nonsense' is not one of the categories above" in err
    assert "category: inference\n" in (listdir / "entries/zephyr-eurosys18.yaml").read_text()


def test_help_does_not_import_requests() -> None:
    import subprocess

    code = (
        "import sys; from listbot.cli import main; main(['add', '--help']); "
        "sys.exit(1 if 'requests' in sys.modules else 0)"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code], env={"PYTHONPATH": src}, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_workshop_paper_is_not_filed_under_the_conference(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    work = dict(CROSSREF_WORK["message"])
    work["container-title"] = ["Proceedings of the 2nd Workshop on Machine Learning and Systems"]
    work["event"] = {"acronym": "EuroSys '18", "name": "EuroSys '18: Thirteenth EuroSys Conference"}
    body = {**CROSSREF_WORK, "message": work}
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(body)
    assert run(httpserver, DOI, "-c", "training") == 1
    err = capsys.readouterr().err
    assert "is a workshop or companion volume, not the main EuroSys track" in err
    assert "--venue EuroSys" in err
    assert entry_files(listdir) == []


def test_schema_hint_follows_a_nested_entries_folder(listdir: Path, httpserver: HTTPServer) -> None:
    (listdir / "listbot.yml").write_text(CONFIG + "entries: data/papers\n")
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI, "-c", "training") == 0
    text = (listdir / "data/papers/zephyr-eurosys18.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/entry.schema.json\n")


def test_page_in_latin1_and_huge_author_lists(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    authors = "".join(f'<meta name="citation_author" content="Author {i}">' for i in range(301))
    page = (
        '<html><head><meta charset="iso-8859-1">'
        '<meta name="citation_title" content="Caf\xe9 Systems: A Study">'
        f"{authors}"
        '<meta name="citation_publication_date" content="2018/10/08">'
        '<meta name="citation_conference_title" content="OSDI">'
        "</head></html>"
    ).encode("latin-1")
    httpserver.expect_request("/paper").respond_with_data(page, content_type="text/html")
    assert run(httpserver, httpserver.url_for("/paper"), "-c", "training", "--allow-private") == 0
    assert "kept the first 300 of 301 authors" in capsys.readouterr().err
    text = (listdir / "entries/cafe-systems-osdi18.yaml").read_text()
    assert "title: 'Café Systems: A Study'\n" in text
    assert "  - Author 299\nvenue: OSDI\n" in text


def test_a_pdf_is_not_a_landing_page(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/paper.pdf").respond_with_data(
        b"%PDF-1.5", content_type="application/pdf"
    )
    url = httpserver.url_for("/paper.pdf")
    assert run(httpserver, url, "-c", "training", "--allow-private") == 1
    assert capsys.readouterr().err == (
        f"listbot: {url} is not a web page (application/pdf); "
        "pass the paper's DOI or landing page\n"
    )
    assert entry_files(listdir) == []


def test_arxiv_with_a_doi_takes_the_published_version_from_crossref(
    listdir: Path, httpserver: HTTPServer
) -> None:
    atom = RAY_ATOM.replace(
        "<arxiv:comment",
        f'<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">{DOI}</arxiv:doi>\n'
        "    <arxiv:comment",
    )
    httpserver.expect_request("/arxiv/api/query").respond_with_data(atom)
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, "1712.05889", "-c", "training") == 0
    text = (listdir / "entries/zephyr-eurosys18.yaml").read_text()
    assert text.endswith(
        "venue: EuroSys\nyear: 2018\ncategory: training\nlinks:\n"
        f"  paper: https://doi.org/{DOI}\n"
        "  pdf: https://arxiv.org/pdf/1712.05889\n"
        "  code: https://github.com/ray-project/ray\n"
        f"doi: {DOI}\narxiv: '1712.05889'\n"
    )
    assert [r.path for r, _ in httpserver.log] == ["/arxiv/api/query", f"/crossref/works/{DOI}"]


def test_near_duplicate_is_a_warning_and_the_file_is_written(
    listdir: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    near = ZEPHYR.replace("Their Data Fairly", "Their Data Fairy").replace(DOI, "10.5555/other")
    (listdir / "entries/zephyr.yaml").write_text(near)
    httpserver.expect_request(f"/crossref/works/{DOI}").respond_with_json(CROSSREF_WORK)
    assert run(httpserver, DOI, "-c", "training") == 0
    captured = capsys.readouterr()
    assert (
        "entries/zephyr.yaml:2:8: LB204 warning: title is nearly the same as in "
        "entries/zephyr-eurosys18.yaml" in captured.err
    )
    assert captured.out.startswith("wrote entries/zephyr-eurosys18.yaml")
