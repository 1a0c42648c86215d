from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from listbot.config import build_config, load_config
from listbot.paper.metadata import (
    Identifier,
    PaperMetadata,
    SourceError,
    clean_text,
    entry_data,
    identify,
    match_venue,
    merge,
    parse_arxiv,
    parse_crossref,
    parse_csl_json,
    parse_dblp_hits,
    parse_dblp_xml,
    parse_html,
)
from listbot.paper.sources import (
    Client,
    SourceEndpoints,
    Sources,
    make_session,
    make_sources,
    user_agent,
)
from metadata_samples import (
    ACM_STYLE_PAGE,
    ARXIV_EMPTY,
    ARXIV_ERROR,
    CROSSREF_SPARSE,
    CROSSREF_WORK,
    DBLP_RECORD_XML,
    RAY_ATOM,
    RAY_DBLP_CORR,
    RAY_DBLP_OSDI,
    SOLO_DBLP,
    USENIX_PAGE,
    dblp_hits,
    silent_server,
)

ROOT = Path(__file__).resolve().parents[1]
CONFIG = load_config(ROOT / "listbot.yml")


# --- identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1145/3190508.3190517", Identifier("doi", "10.1145/3190508.3190517")),
        ("  doi:10.1145/3190508.3190517 ", Identifier("doi", "10.1145/3190508.3190517")),
        ("https://doi.org/10.1145/3190508.3190517", Identifier("doi", "10.1145/3190508.3190517")),
        (
            "http://dx.doi.org/10.1109%2FISCA.2018.00012",
            Identifier("doi", "10.1109/ISCA.2018.00012"),
        ),
        (
            "https://dl.acm.org/doi/abs/10.1145/3190508.3190517",
            Identifier("doi", "10.1145/3190508.3190517"),
        ),
        ("10.48550/arXiv.1712.05889", Identifier("arxiv", "1712.05889")),
        ("1712.05889", Identifier("arxiv", "1712.05889")),
        ("1712.05889v2", Identifier("arxiv", "1712.05889")),
        ("arXiv:2401.12345", Identifier("arxiv", "2401.12345")),
        ("https://arxiv.org/abs/1712.05889v3", Identifier("arxiv", "1712.05889")),
        ("https://arxiv.org/pdf/1712.05889.pdf", Identifier("arxiv", "1712.05889")),
        ("https://export.arxiv.org/abs/hep-th/9901001v1", Identifier("arxiv", "hep-th/9901001")),
        ("math.GT/0309136", Identifier("arxiv", "math.GT/0309136")),
        ("https://dblp.org/rec/conf/osdi/MoritzNW18", Identifier("dblp", "conf/osdi/MoritzNW18")),
        (
            "https://dblp.org/rec/conf/osdi/MoritzNW18.html",
            Identifier("dblp", "conf/osdi/MoritzNW18"),
        ),
        (
            "https://dblp.uni-trier.de/rec/journals/corr/abs-1712-05889.xml",
            Identifier("dblp", "journals/corr/abs-1712-05889"),
        ),
        (
            "https://www.usenix.org/conference/osdi18/presentation/moritz",
            Identifier("url", "https://www.usenix.org/conference/osdi18/presentation/moritz"),
        ),
    ],
)
def test_identify(text: str, expected: Identifier) -> None:
    assert identify(text) == expected


@pytest.mark.parametrize(
    "text", ["", "ray paper", "10.1145", "arXiv:12", "ftp://x.org/p", "https://doi.org/foo"]
)
def test_identify_rejects_and_names_input(text: str) -> None:
    with pytest.raises(SourceError) as err:
        identify(text)
    assert text.strip() in str(err.value) or not text


# --- Crossref ---------------------------------------------------------------------------------


def test_crossref_work() -> None:
    meta = parse_crossref(json.dumps(CROSSREF_WORK).encode())
    assert meta.title == "Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly"
    # soft hyphen dropped, name-only author kept
    assert meta.authors == ("Ana López", "Bo Chen", "The Zephyr Team")
    assert meta.year == 2018
    assert meta.doi == "10.5555/3190508.9999999"
    assert meta.venues[0] == "EuroSys '18"
    assert "Proceedings of the Thirteenth EuroSys Conference" in meta.venues
    assert not meta.preprint


def test_crossref_missing_fields() -> None:
    meta = parse_crossref(json.dumps(CROSSREF_SPARSE).encode())
    assert meta.authors == ()
    assert meta.year == 2019  # issued is [[null]]; created is used
    assert meta.venues == ("Proceedings of the Symposium on Obscure Things",)


@pytest.mark.parametrize(
    "body",
    [
        b"Resource not found.",
        b"<html>oops</html>",
        b'{"status": "ok"}',
        b"[1, 2]",
        json.dumps({"status": "ok", "message": {"title": []}}).encode(),
        b"\xff\xfe\x00",
    ],
)
def test_crossref_nonsense(body: bytes) -> None:
    with pytest.raises(SourceError, match="Crossref"):
        parse_crossref(body)


def test_csl_json_from_doi_org() -> None:
    csl = {
        "type": "article",
        "title": "A DataCite Paper",
        "DOI": "10.5555/dc.1",
        "author": [{"family": "Ng", "given": "Andrew"}],
        "container-title": "ICML",
        "issued": {"date-parts": [[2022]]},
    }
    meta = parse_csl_json(json.dumps(csl).encode())
    assert (meta.title, meta.authors, meta.year, meta.venues) == (
        "A DataCite Paper",
        ("Andrew Ng",),
        2022,
        ("ICML",),
    )


# --- arXiv ------------------------------------------------------------------------------------


def test_arxiv_atom() -> None:
    meta = parse_arxiv(RAY_ATOM.encode(), "1712.05889")
    assert meta.title == "Ray: A Distributed Framework for Emerging AI Applications"
    assert meta.authors == ("Philipp Moritz", "Robert Nishihara", "Stephanie Wang")
    assert meta.year == 2017
    assert meta.arxiv == "1712.05889"
    assert meta.preprint and meta.venues == ()
    assert meta.url == "https://arxiv.org/abs/1712.05889"
    assert meta.pdf == "https://arxiv.org/pdf/1712.05889"
    assert meta.code == "https://github.com/ray-project/ray"


def test_arxiv_error_entry_and_empty_feed() -> None:
    with pytest.raises(SourceError, match=r"incorrect id format for 1234\.5678"):
        parse_arxiv(ARXIV_ERROR.encode(), "1234.5678")
    with pytest.raises(SourceError, match=r"arXiv has no paper 2401\.99999"):
        parse_arxiv(ARXIV_EMPTY.encode(), "2401.99999")
    with pytest.raises(SourceError, match="not XML"):
        parse_arxiv(b"{not: xml", "2401.99999")
    with pytest.raises(SourceError, match="not an Atom feed"):
        parse_arxiv(b"<html><body>maintenance</body></html>", "2401.99999")


def test_xml_entity_declarations_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;">]><dblp>&b;</dblp>'
    )
    with pytest.raises(SourceError):
        parse_dblp_xml(bomb, "x")


# --- dblp -------------------------------------------------------------------------------------


def test_dblp_record_xml() -> None:
    meta = parse_dblp_xml(DBLP_RECORD_XML.encode("ascii"), "conf/eurosys/LopezC18")
    assert (
        meta.title == "Zephyr: Scheduling Deep Learning Jobs & Their Data Fairly"
    )  # period dropped
    assert meta.authors == ("Ana López", "Bo Chen")  # entity decoded, homonym number dropped
    assert meta.venues == ("EuroSys",)
    assert meta.year == 2018
    assert meta.doi == "10.5555/3190508.9999999"


def test_dblp_record_nonsense() -> None:
    with pytest.raises(SourceError, match="no publication record"):
        parse_dblp_xml(b"<dblp></dblp>", "conf/x/y")
    with pytest.raises(SourceError, match="not XML"):
        parse_dblp_xml(b"<<<", "conf/x/y")


def test_dblp_search_hits() -> None:
    hits = parse_dblp_hits(json.dumps(dblp_hits(RAY_DBLP_CORR, RAY_DBLP_OSDI, SOLO_DBLP)).encode())
    corr, osdi, solo = hits
    assert corr.preprint and corr.arxiv == "1712.05889"
    assert osdi.venues == ("OSDI",) and not osdi.preprint
    assert osdi.url == "https://www.usenix.org/conference/osdi18/presentation/moritz"
    assert osdi.authors[-1] == "Stephanie Wang"
    assert solo.authors == ("Jörg Müller",)  # one author: an object, not a list
    assert solo.venues == ("SoCC", "Workshop")
    assert solo.doi == "10.5555/solo.2020"


def test_dblp_search_no_hits_and_nonsense() -> None:
    assert parse_dblp_hits(json.dumps(dblp_hits()).encode()) == []
    with pytest.raises(SourceError, match="not a search result"):
        parse_dblp_hits(b'{"result": {}}')


# --- pages ------------------------------------------------------------------------------------


def test_usenix_page() -> None:
    meta = parse_html(USENIX_PAGE, "https://www.usenix.org/conference/osdi18/presentation/moritz")
    assert meta.title == "Ray: A Distributed Framework for Emerging AI Applications"
    assert meta.authors == ("Philipp Moritz", "Robert Nishihara", "Ion Stoica")
    assert meta.year == 2018
    assert meta.url == "https://www.usenix.org/conference/osdi18/presentation/moritz"
    assert meta.pdf == "https://www.usenix.org/system/files/osdi18-moritz.pdf"
    assert match_venue(meta.venues, CONFIG).key == "OSDI"


def test_page_with_entities_and_family_first_names() -> None:
    meta = parse_html(ACM_STYLE_PAGE, "https://example.org/p")
    assert meta.title == "Café & Crème: Serving Models at the Edge"
    assert meta.authors == ("Jörg Müller", "Lee Kim")
    assert meta.year == 2021
    assert meta.doi == "10.5555/cafe.2021"
    assert match_venue(meta.venues, CONFIG).key == "MLSys"


def test_page_without_citation_tags() -> None:
    with pytest.raises(SourceError, match="no citation_title"):
        parse_html("<html><head><title>Home</title></head></html>", "https://example.org/")


def test_clean_text() -> None:
    assert clean_text("  A&amp;amp;B <sub>2</sub>\n\tC\u200b ") == "A&B 2 C"
    assert clean_text("When a < b > c") == "When a < b > c"  # not a tag
    assert clean_text('<mml:math xmlns:mml="x"><mml:mi>k</mml:mi></mml:math>-NN') == "k-NN"


# --- venues -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["EuroSys '18"], "EuroSys"),
        (["Proceedings of the Thirteenth EuroSys Conference"], "EuroSys"),
        (["OSDI"], "OSDI"),
        (
            ["13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)"],
            "OSDI",
        ),
        (["2019 USENIX Annual Technical Conference (USENIX ATC 19)"], "ATC"),
        (["USENIX Annual Technical Conference"], "ATC"),
        (["Proceedings of the 27th ACM Symposium on Operating Systems Principles"], "SOSP"),
        (["Proceedings of the ACM SIGCOMM 2019 Conference"], "SIGCOMM"),
        (["Advances in Neural Information Processing Systems 31"], "NeurIPS"),
        (["NIPS"], "NeurIPS"),
        (["Proceedings of the VLDB Endowment"], "VLDB"),
        (["SoCC '20: ACM Symposium on Cloud Computing"], "SoCC"),
        (
            [
                "Proceedings of the Twenty-Third International Conference on Architectural "
                "Support for Programming Languages and Operating Systems"
            ],
            "ASPLOS",
        ),
        (["MLSys"], "MLSys"),
        (["SysML"], "MLSys"),
        (["Proceedings of Machine Learning and Systems"], "MLSys"),
        (["Proceedings of the 36th International Conference on Machine Learning"], "ICML"),
        (["International Conference on Learning Representations"], "ICLR"),
        (
            ["Proceedings of the 45th Annual International Symposium on Computer Architecture"],
            "ISCA",
        ),
        (
            [
                "Proceedings of the 51st Annual IEEE/ACM International Symposium on "
                "Microarchitecture"
            ],
            "MICRO",
        ),
        (["Proceedings of the 2018 International Conference on Management of Data"], "SIGMOD"),
        (["Proc. VLDB Endow."], "VLDB"),
        (["SC '19"], "SC"),
    ],
)
def test_match_venue(names: list[str], key: str) -> None:
    assert match_venue(names, CONFIG).key == key


@pytest.mark.parametrize(
    "names",
    [
        ["IEEE Micro"],
        ["The Journal of Supercomputing"],
        ["European Conference on Computer Vision"],
        ["Journal of Obscure Results"],
        ["Proceedings of the Symposium on Obscure Things"],
        ["CoRR"],
        [],
    ],
)
def test_match_venue_refuses_to_guess(names: list[str]) -> None:
    found = match_venue(names, CONFIG)
    assert found.key is None
    assert found.found == tuple(names)


def test_match_venue_suggests_close_names() -> None:
    found = match_venue(["European Conference on Computing Systems Research"], CONFIG)
    assert found.key is None and found.suggestion == "EuroSys"


def test_preprint_maps_to_arxiv_venue_when_the_list_has_one() -> None:
    config = build_config(
        {"categories": [{"id": "t", "name": "T"}]}
    )  # default venues include arXiv
    assert match_venue([], config, preprint=True).key == "arXiv"
    own_only = build_config(
        {
            "categories": [{"id": "t", "name": "T"}],
            "builtin_venues": False,
            "venues": {"OSDI": {"name": "OSDI"}},
        }
    )
    assert match_venue([], own_only, preprint=True).key is None  # this list has no arXiv venue


# --- slugs and entries ------------------------------------------------------------------------


def test_merge_and_entry_data() -> None:
    preprint = parse_arxiv(RAY_ATOM.encode(), "1712.05889")
    published = parse_dblp_hits(json.dumps(dblp_hits(RAY_DBLP_OSDI)).encode())[0]
    meta = merge(preprint, published)
    data = entry_data(meta, venue="OSDI", category="training")
    assert data == {
        "title": "Ray: A Distributed Framework for Emerging AI Applications",
        "authors": ["Philipp Moritz", "Robert Nishihara", "Stephanie Wang"],
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {
            "paper": "https://www.usenix.org/conference/osdi18/presentation/moritz",
            "pdf": "https://arxiv.org/pdf/1712.05889",
            "code": "https://github.com/ray-project/ray",
        },
        "arxiv": "1712.05889",
    }
    with pytest.raises(SourceError, match="no year"):
        entry_data(PaperMetadata("x", "T"), venue="OSDI", category="training")


# --- the HTTP client --------------------------------------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def client(**kwargs: object) -> tuple[Client, FakeTime]:
    fake = FakeTime()
    args: dict[str, object] = {
        "session": make_session("lists@example.org"),
        "timeout": 2.0,
        "retries": 2,
    }
    args.update(kwargs)
    return Client(clock=fake.clock, sleep=fake.sleep, **args), fake  # type: ignore[arg-type]


def test_user_agent_and_polite_pool(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(json.dumps(CROSSREF_WORK), content_type="application/json")

    httpserver.expect_request("/works/10.5555/3190508.9999999").respond_with_handler(handler)
    http, _ = client()
    sources = Sources(
        http, SourceEndpoints(crossref=httpserver.url_for("")), contact="lists@example.org"
    )
    meta = sources.doi("10.5555/3190508.9999999")
    assert meta.title.startswith("Zephyr")
    assert seen[0].headers["User-Agent"] == user_agent("lists@example.org")
    assert (
        "listbot/" in seen[0].headers["User-Agent"]
        and "mailto:lists@example.org" in seen[0].headers["User-Agent"]
    )
    assert seen[0].args["mailto"] == "lists@example.org"


def test_retry_after_is_honoured(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/w").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_oneshot_request("/w").respond_with_data("busy", status=503)
    httpserver.expect_request("/w").respond_with_data("ok")
    http, fake = client()
    reply = http.get(httpserver.url_for("/w"), source="Test")
    assert reply.status == 200 and reply.body == b"ok"
    assert fake.slept == [7.0, 2.0]  # Retry-After, then backoff for the second attempt


def test_server_error_forever_gives_up(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/w").respond_with_data("down", status=500)
    http, fake = client(retries=2)
    with pytest.raises(SourceError, match=r"Test answered HTTP 500 3 time\(s\)"):
        http.get(httpserver.url_for("/w"), source="Test")
    assert len(httpserver.log) == 3
    assert len(fake.slept) == 2


def test_retry_after_beyond_cap_fails_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/w").respond_with_data(
        "", status=429, headers={"Retry-After": "3600"}
    )
    http, fake = client(max_retry_after=30.0)
    with pytest.raises(SourceError, match="asks to wait 3600 s"):
        http.get(httpserver.url_for("/w"), source="Test")
    assert fake.slept == [] and len(httpserver.log) == 1


def test_arxiv_pacing(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/query").respond_with_data(
        RAY_ATOM, content_type="application/atom+xml"
    )
    fake = FakeTime()
    sources = make_sources(
        endpoints=SourceEndpoints(arxiv=httpserver.url_for("/api")),
        contact=None,
        timeout=2.0,
        retries=0,
        max_retry_after=10.0,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    sources.arxiv("1712.05889")
    fake.now += 1.0
    sources.arxiv("1712.05889")
    assert fake.slept == [pytest.approx(2.0)]
    assert [r.args["id_list"] for r, _ in httpserver.log] == ["1712.05889", "1712.05889"]


def test_response_size_cap(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    http, _ = client(max_bytes=1000)
    with pytest.raises(SourceError, match="larger than 1,000 bytes"):
        http.get(httpserver.url_for("/big"), source="Test")


def test_slow_source_is_a_one_line_error() -> None:
    http = Client(session=make_session(None), timeout=0.2, retries=0)
    started = time.monotonic()
    with silent_server() as url, pytest.raises(SourceError) as err:
        http.get(f"{url}/works/x", source="Crossref")
    assert str(err.value) == f"Crossref did not answer within 0.2 s ({url}/works/x)"
    assert time.monotonic() - started < 5


def test_unreachable_source() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    http = Client(session=make_session(None), timeout=1.0, retries=0)
    with pytest.raises(SourceError, match=r"dblp cannot be reached .*connection refused"):
        http.get(f"http://127.0.0.1:{port}/rec/x.xml", source="dblp")


def test_doi_falls_back_to_doi_org(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/crossref/works/10.5555/dc.1").respond_with_data(
        "Resource not found.", status=404
    )
    csl = {
        "type": "article",
        "title": "DataCite Thing",
        "DOI": "10.5555/dc.1",
        "issued": {"date-parts": [[2022]]},
    }
    httpserver.expect_request(
        "/doi/10.5555/dc.1", headers={"Accept": "application/vnd.citationstyles.csl+json"}
    ).respond_with_json(csl)
    http, _ = client()
    sources = Sources(
        http,
        SourceEndpoints(crossref=httpserver.url_for("/crossref"), doi=httpserver.url_for("/doi")),
    )
    assert sources.doi("10.5555/dc.1").title == "DataCite Thing"


def test_published_version_by_exact_title(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/search/publ/api").respond_with_json(
        dblp_hits(RAY_DBLP_CORR, {**RAY_DBLP_OSDI, "title": "Ray: Something Else."}, RAY_DBLP_OSDI)
    )
    http, _ = client()
    sources = Sources(http, SourceEndpoints(dblp=httpserver.url_for("")))
    found = sources.published_version(parse_arxiv(RAY_ATOM.encode(), "1712.05889"))
    assert (
        found is not None
        and found.venues == ("OSDI",)
        and found.title.startswith("Ray: A Distributed")
    )
    request = httpserver.log[0][0]
    assert request.args["q"] == "Ray A Distributed Framework for Emerging AI Applications"
    assert request.args["format"] == "json"


@pytest.mark.parametrize(
    ("names", "suggestion"),
    [
        (["NetAI@SIGCOMM"], "SIGCOMM"),
        (["SIGCOMM '19", "Proceedings of the 2019 Workshop on Network Meets AI & ML"], "SIGCOMM"),
        (["Proceedings of the ACM SIGCOMM 2019 Conference Posters and Demos"], "SIGCOMM"),
        (["Companion of the 2023 ACM SIGMOD Conference"], "SIGMOD"),
    ],
)
def test_workshops_and_companions_are_not_the_main_venue(names: list[str], suggestion: str) -> None:
    found = match_venue(names, CONFIG)
    assert found.key is None
    assert found.satellite and found.suggestion == suggestion


def test_micro_acronym_with_number() -> None:
    assert match_venue(["MICRO-51"], CONFIG).key == "MICRO"


# --- nonsense never crashes ---------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "author",
                    "given",
                    "family",
                    "name",
                    "issued",
                    "date-parts",
                    "event",
                    "acronym",
                    "container-title",
                    "DOI",
                    "resource",
                    "primary",
                    "URL",
                    "subtitle",
                    "type",
                    "result",
                    "hits",
                    "hit",
                    "info",
                    "authors",
                    "text",
                    "venue",
                    "ee",
                    "year",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=100, deadline=None)
@given(_json)
def test_any_json_is_metadata_or_a_source_error(data: object) -> None:
    body = json.dumps({"status": "ok", "message": data}).encode()
    for parse in (parse_crossref, parse_csl_json, parse_dblp_hits):
        with contextlib.suppress(SourceError):
            parse(body if parse is parse_crossref else json.dumps(data).encode())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"<>/=\"'&;#x abc\n?!",
                "entry",
                "title",
                "feed",
                "author",
                "name",
                "dblp",
                "inproceedings",
                "meta",
                "citation_title",
                "content",
                "xmlns=",
                "http://www.w3.org/2005/Atom",
                "&amp;",
                "&ouml;",
                "&#0;",
                "&#x110000;",
                "<!DOCTYPE",
                "<!ENTITY",
                "]]>",
                "<![CDATA[",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_any_markup_is_metadata_or_a_source_error(text: str) -> None:
    for parse in (
        lambda: parse_arxiv(text.encode(), "1712.05889"),
        lambda: parse_dblp_xml(text.encode(), "conf/x/y"),
        lambda: parse_html(text, "https://example.org/"),
    ):
        with contextlib.suppress(SourceError):
            parse()


@pytest.mark.parametrize("sample", [RAY_ATOM, DBLP_RECORD_XML, USENIX_PAGE, ACM_STYLE_PAGE])
def test_truncated_samples_never_crash(sample: str) -> None:
    for end in range(0, len(sample), 5):
        cut = sample[:end]
        with contextlib.suppress(SourceError):
            parse_arxiv(cut.encode(), "1712.05889")
        with contextlib.suppress(SourceError):
            parse_dblp_xml(cut.encode(), "conf/eurosys/LopezC18")
        with contextlib.suppress(SourceError):
            parse_html(cut, "https://example.org/")


_WRONG = [None, 1, True, "x", [], {}, [1], [None], [{"a": 1}], {"date-parts": "x"}, {"hit": 3}]


def test_every_field_of_the_wrong_type() -> None:
    message = CROSSREF_WORK["message"]
    for key in message:
        for wrong in _WRONG:
            body = json.dumps({**CROSSREF_WORK, "message": {**message, key: wrong}}).encode()
            try:
                parse_crossref(body)
            except SourceError:
                assert key == "title"
    for info in (RAY_DBLP_OSDI, SOLO_DBLP):
        for key in info:
            for wrong in _WRONG:
                parse_dblp_hits(json.dumps(dblp_hits({**info, key: wrong})).encode())


def test_pacing_is_per_api_not_per_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/query").respond_with_data(RAY_ATOM)
    httpserver.expect_request("/search/publ/api").respond_with_json(dblp_hits())
    fake = FakeTime()
    sources = make_sources(
        endpoints=SourceEndpoints(arxiv=httpserver.url_for("/api"), dblp=httpserver.url_for("")),
        contact=None,
        timeout=2.0,
        retries=0,
        max_retry_after=10.0,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    sources.arxiv("1712.05889")
    sources.dblp_search("Ray")  # same host in this test, another API: no wait
    assert fake.slept == []


def test_more_identifiers() -> None:
    assert identify("https://arxiv.org/abs/1712.05889?context=cs") == Identifier(
        "arxiv", "1712.05889"
    )
    assert identify("dblp:conf/osdi/X18") == Identifier("dblp", "conf/osdi/X18")
    with pytest.raises(SourceError, match="not a dblp record key"):
        identify("dblp:../../etc/passwd")


def test_arxiv_abstract_page_is_a_preprint() -> None:
    page = (
        '<meta name="citation_title" content="Ray: A Distributed Framework">'
        '<meta name="citation_author" content="Moritz, Philipp">'
        '<meta name="citation_date" content="2017/12/16">'
        '<meta name="citation_arxiv_id" content="1712.05889">'
    )
    meta = parse_html(page, "https://arxiv.org/abs/1712.05889")
    assert meta.preprint and meta.arxiv == "1712.05889" and meta.venues == ()
    assert meta.authors == ("Philipp Moritz",)


def test_arxiv_journal_ref_gives_venue_and_year() -> None:
    atom = RAY_ATOM.replace(
        "<arxiv:comment",
        '<arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">'
        "13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18), "
        "2018</arxiv:journal_ref>\n    <arxiv:comment",
    )
    meta = parse_arxiv(atom.encode(), "1712.05889")
    assert meta.year == 2018 and meta.preprint
    assert match_venue(meta.venues, CONFIG, preprint=True).key == "OSDI"
