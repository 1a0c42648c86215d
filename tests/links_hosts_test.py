"""Host strategies against fake DOI, arXiv and GitHub services on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from links_helpers import Farm, Reply, json_reply
from listbot.links.check import Endpoints, Engine, Policy
from listbot.links.collect import collect
from listbot.links.hosts import arxiv_id, strategy_for
from listbot.links.model import LinkResult, Status, Target

POLICY = Policy(timeout=0.5, retries=1, backoff=0.01, allow_private=True)


@pytest.fixture
def api() -> Iterator[Farm]:
    with Farm() as f:
        yield f


def run(entry: bytes, endpoints: Endpoints) -> list[LinkResult]:
    return Engine(POLICY, endpoints).run(collect([("entries/a.yaml", entry)]))


def handle(doi: str, url: str) -> Reply:
    return json_reply(
        {
            "responseCode": 1,
            "handle": doi,
            "values": [{"index": 1, "type": "URL", "data": {"format": "string", "value": url}}],
        }
    )


def test_doi_field_and_doi_link_are_one_handle_api_request(api: Farm) -> None:
    api.route(
        "/api/handles/10.5555/listbot.1",
        handle("10.5555/listbot.1", "https://publisher.example/x"),
    )
    entry = (
        b"title: A\nlinks:\n  paper: https://doi.org/10.5555/listbot.1\ndoi: 10.5555/listbot.1\n"
    )
    (result,) = run(entry, Endpoints(doi=api.base))
    assert result.status is Status.OK
    assert result.final_url == "https://publisher.example/x"
    assert [loc.field for loc in result.locations] == ["links.paper", "doi"]
    assert api.log == [("GET", "/api/handles/10.5555/listbot.1")]


def test_unknown_doi_is_broken(api: Farm) -> None:
    api.route(
        "/api/handles/10.9999/nope",
        json_reply({"responseCode": 100, "handle": "10.9999/nope"}, 404),
    )
    (result,) = run(b"title: A\ndoi: 10.9999/nope\n", Endpoints(doi=api.base))
    assert result.status is Status.BROKEN
    assert "does not exist" in result.message
    assert result.locations[0].line == 2


def test_doi_resolver_trouble_is_unreachable(api: Farm) -> None:
    api.route("/api/handles/10.1/x", Reply(502))
    (result,) = run(b"title: A\ndoi: 10.1/x\n", Endpoints(doi=api.base))
    assert result.status is Status.UNREACHABLE
    assert api.requests_to("/api/handles/10.1/x") == ["GET", "GET"]


def test_arxiv_id_and_links_are_checked_as_one_abs_page(api: Farm) -> None:
    api.route("/abs/1712.05889", Reply())
    entry = (
        b"title: A\nlinks:\n  paper: https://arxiv.org/abs/1712.05889\n"
        b"  pdf: https://arxiv.org/pdf/1712.05889.pdf\narxiv: '1712.05889'\n"
    )
    results = run(entry, Endpoints(arxiv=api.base))
    assert [r.status for r in results] == [Status.OK, Status.OK]
    assert api.log == [("HEAD", "/abs/1712.05889")]


def test_unknown_arxiv_id_is_broken(api: Farm) -> None:
    (result,) = run(b"title: A\narxiv: '2401.99999'\n", Endpoints(arxiv=api.base))
    assert result.status is Status.BROKEN
    assert "2401.99999" in result.message


def github(api: Farm, token: str | None = "t0ken") -> Endpoints:
    return Endpoints(github_api=api.base, github_token=token)


def test_github_repository_through_the_api(api: Farm) -> None:
    api.route(
        "/repos/ray-project/ray",
        json_reply(
            {"full_name": "ray-project/ray", "html_url": "https://github.com/ray-project/ray"}
        ),
    )
    (result,) = run(b"title: A\nlinks:\n  code: https://github.com/ray-project/ray\n", github(api))
    assert result.status is Status.OK
    assert not result.archived
    assert api.log == [("GET", "/repos/ray-project/ray")]


def test_github_sends_the_token(api: Farm) -> None:
    seen: list[str] = []

    def route(request: object) -> Reply:
        seen.append(request.headers.get("authorization", ""))  # type: ignore[attr-defined]
        return json_reply({"full_name": "a/b", "html_url": "https://github.com/a/b"})

    api.route("/repos/a/b", route)
    run(b"title: A\nlinks:\n  code: https://github.com/a/b.git\n", github(api))
    assert seen == ["Bearer t0ken"]


def test_archived_repository_is_reported(api: Farm) -> None:
    api.route(
        "/repos/old/tool",
        json_reply(
            {"full_name": "old/tool", "html_url": "https://github.com/old/tool", "archived": True}
        ),
    )
    (result,) = run(b"title: A\nlinks:\n  code: https://github.com/old/tool\n", github(api))
    assert result.status is Status.OK
    assert result.archived
    assert "archived" in result.message


def test_renamed_repository_is_redirected(api: Farm) -> None:
    api.route("/repos/old/name", Reply(301, {"Location": api.url("/repositories/42")}))
    api.route(
        "/repositories/42",
        json_reply({"full_name": "new/name", "html_url": "https://github.com/new/name"}),
    )
    (result,) = run(b"title: A\nlinks:\n  code: https://github.com/old/name\n", github(api))
    assert result.status is Status.REDIRECTED
    assert result.final_url == "https://github.com/new/name"


def test_missing_repository_is_broken(api: Farm) -> None:
    api.route("/repos/gone/away", json_reply({"message": "Not Found"}, 404))
    (result,) = run(b"title: A\nlinks:\n  code: https://github.com/gone/away\n", github(api))
    assert result.status is Status.BROKEN


def test_strategy_table() -> None:
    endpoints = Endpoints(github_token="x")
    repo = Target("https://github.com/a/b", ())
    deep = Target("https://github.com/a/b/tree/main/src", ())
    assert strategy_for(repo, endpoints).name == "github"
    assert strategy_for(repo, Endpoints()).name == "http"  # no token: the page itself
    assert strategy_for(deep, endpoints).name == "http"
    assert strategy_for(Target("https://doi.org/10.1/x", (), doi="10.1/x"), endpoints).name == "doi"
    assert arxiv_id(Target("https://arxiv.org/pdf/2106.01234v2", ())) == "2106.01234v2"
    assert arxiv_id(Target("https://arxiv.org/abs/cs/0112017", ())) == "cs/0112017"
    assert arxiv_id(Target("https://arxiv.org/list/cs.DC/recent", ())) is None
