"""Host strategies against fake DOI, arXiv and GitHub services on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from links_helpers import Farm, Reply, Request, json_reply
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


def test_without_the_arxiv_api_an_id_and_its_links_are_one_abs_page(api: Farm) -> None:
    api.route("/api/query", Reply(503))  # the API is down: the abs pages answer instead
    api.route("/abs/1712.05889", Reply())
    entry = (
        b"title: A\nlinks:\n  paper: https://arxiv.org/abs/1712.05889\n"
        b"  pdf: https://arxiv.org/pdf/1712.05889.pdf\narxiv: '1712.05889'\n"
    )
    results = run(entry, Endpoints(arxiv=api.base))
    assert [r.status for r in results] == [Status.OK, Status.OK]
    assert [p for _, p in api.log if p.startswith("/abs/")] == ["/abs/1712.05889"]


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
    # no GraphQL endpoint here (404): the REST API answers for the repository
    assert api.log == [("POST", "/graphql"), ("GET", "/repos/ray-project/ray")]


def test_github_sends_the_token(api: Farm) -> None:
    seen: list[str] = []

    def route(request: object) -> Reply:
        seen.append(request.headers.get("authorization", ""))  # type: ignore[attr-defined]
        return json_reply({"full_name": "a/b", "html_url": "https://github.com/a/b"})

    api.route("/repos/a/b", route)
    run(b"title: A\nlinks:\n  code: https://github.com/a/b.git\n", github(api))
    assert seen == ["Bearer t0ken"]
    assert api.requests_to("/graphql") == ["POST"]


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


# -- bulk APIs, against stand-ins shaped like the real ones ----------------------------


def arxiv_feed(query: str, known: set[str]) -> Reply:
    """The arXiv API's Atom answer to ``id_list``: an entry per id it has, none for others."""
    from urllib.parse import parse_qs

    ids = parse_qs(query)["id_list"][0].split(",")
    entries = "".join(
        f"<entry><id>http://arxiv.org/abs/{i}v2</id><title>Paper {i}</title></entry>"
        for i in ids
        if i in known
    )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title type="html">ArXiv Query: id_list={",".join(ids)}</title>'
        "<id>http://arxiv.org/api/x</id>"
        '<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
        f"{len(entries)}</opensearch:totalResults>{entries}</feed>"
    )
    return Reply(200, {"Content-Type": "application/atom+xml"}, feed.encode())


def test_arxiv_ids_are_asked_in_bulk_one_request_every_pause(api: Farm) -> None:
    import time

    ids = [f"2101.{n:05d}" for n in range(150)]
    known = set(ids[:140])
    times: list[float] = []
    queries: list[str] = []

    def route(request: Request) -> Reply:
        times.append(time.monotonic())
        query = request.path.split("?", 1)[1]
        queries.append(query)
        return arxiv_feed(query, known)

    api.route("/api/query", route)
    entries = [
        (f"entries/e{n}.yaml", f"title: A\narxiv: '{i}'\n".encode()) for n, i in enumerate(ids)
    ]
    endpoints = Endpoints(arxiv=api.base, arxiv_pause=0.3)
    results = Engine(POLICY, endpoints).run(collect(entries))
    verdicts = {r.url.rsplit("/", 1)[1]: r.status for r in results}
    assert {i for i, v in verdicts.items() if v is Status.BROKEN} == set(ids[140:])
    assert all(verdicts[i] is Status.OK for i in ids[:140])
    assert [m for m, _ in api.log] == ["GET", "GET"]  # 150 ids: two requests of 100 and 50
    assert all("max_results=" in q for q in queries)  # the API answers 10 at most without it
    assert times[1] - times[0] >= 0.3  # never sooner than the pause after the last request


def test_arxiv_rate_exceeded_falls_back_to_abs_pages(api: Farm) -> None:
    api.route("/api/query", Reply(200, {"Content-Type": "text/plain"}, b"Rate exceeded."))
    api.route("/abs/1712.05889", Reply())
    (result,) = run(b"title: A\narxiv: '1712.05889'\n", Endpoints(arxiv=api.base))
    assert result.status is Status.OK
    assert api.requests_to("/abs/1712.05889") == ["HEAD"]


GITHUB_REPOS = {
    "ray-project/ray": {"nameWithOwner": "ray-project/ray", "isArchived": False},
    "old/tool": {"nameWithOwner": "old/tool", "isArchived": True},
    "old/name": {"nameWithOwner": "new/name", "isArchived": False},  # renamed: GitHub follows
}


def graphql(request: Request, repos: dict[str, dict[str, object]]) -> Reply:
    """GitHub's GraphQL answer to aliased ``repository(owner:, name:)`` fields."""
    import json
    import re

    query = json.loads(request.body)["query"]
    data: dict[str, object] = {}
    errors = []
    for alias, owner, name in re.findall(
        r'(r\d+): repository\(owner: "([^"]*)", name: "([^"]*)"\)', query
    ):
        found = repos.get(f"{owner}/{name}")
        if found is None:
            data[alias] = None
            errors.append(
                {
                    "type": "NOT_FOUND",
                    "path": [alias],
                    "locations": [{"line": 2, "column": 3}],
                    "message": f"Could not resolve to a Repository with the name '{owner}/{name}'.",
                }
            )
        else:
            data[alias] = {**found, "url": f"https://github.com/{found['nameWithOwner']}"}
    body: dict[str, object] = {"data": data}
    if errors:
        body["errors"] = errors
    return json_reply(body)


def test_github_repositories_are_asked_100_to_a_graphql_query(api: Farm) -> None:
    repos = dict(GITHUB_REPOS)
    repos |= {f"org/r{n}": {"nameWithOwner": f"org/r{n}", "isArchived": False} for n in range(150)}
    tokens: list[str] = []

    def route(request: Request) -> Reply:
        tokens.append(request.headers.get("authorization", ""))
        return graphql(request, repos)

    api.route("/graphql", route)
    names = [*GITHUB_REPOS, "gone/away", *(f"org/r{n}" for n in range(150))]
    entries = [
        (f"entries/e{n}.yaml", f"title: A\nlinks:\n  code: https://github.com/{r}\n".encode())
        for n, r in enumerate(names)
    ]
    results = {
        r.url.removeprefix("https://github.com/"): r
        for r in Engine(POLICY, github(api)).run(collect(entries))
    }
    assert api.log == [("POST", "/graphql")] * 2  # 154 repositories: two queries, no REST
    assert tokens == ["Bearer t0ken"] * 2
    assert results["ray-project/ray"].status is Status.OK
    assert results["old/tool"].status is Status.OK and results["old/tool"].archived
    assert results["old/name"].status is Status.REDIRECTED
    assert results["old/name"].final_url == "https://github.com/new/name"
    assert results["gone/away"].status is Status.BROKEN
    assert all(results[f"org/r{n}"].status is Status.OK for n in range(150))


def test_a_repository_the_query_did_not_settle_goes_to_rest(api: Farm) -> None:
    def route(request: Request) -> Reply:
        reply = graphql(request, GITHUB_REPOS)
        import json

        body = json.loads(reply.body)
        # not NOT_FOUND but FORBIDDEN (what the token may not see): not settled
        for error in body["errors"]:
            error["type"] = "FORBIDDEN"
        return json_reply(body)

    api.route("/graphql", route)
    api.route(
        "/repos/secret/repo",
        json_reply({"full_name": "secret/repo", "html_url": "https://github.com/secret/repo"}),
    )
    entry = (
        b"title: A\nlinks:\n  code: https://github.com/ray-project/ray\n"
        b"  paper: https://github.com/secret/repo\n"
    )
    results = run(entry, github(api))
    assert [r.status for r in results] == [Status.OK, Status.OK]
    assert api.log == [("POST", "/graphql"), ("GET", "/repos/secret/repo")]
    assert api.counts["/repos/ray-project/ray"] == 0


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"data": null}',
        b'{"data": {"r0": "x"}, "errors": "boom"}',
        b'{"data": {}, "errors": [1, {"type": "NOT_FOUND", "path": [{"a": 1}]}]}',
        b'{"data": {"r0": null}, "errors": [{"type": "NOT_FOUND", "path": "r0"}]}',
    ],
)
def test_a_graphql_answer_of_the_wrong_shape_settles_nothing(api: Farm, body: bytes) -> None:
    api.route("/graphql", Reply(200, {"Content-Type": "application/json"}, body))
    api.route("/repos/a/b", json_reply({"full_name": "a/b", "html_url": "https://github.com/a/b"}))
    (result,) = run(b"title: A\nlinks:\n  code: https://github.com/a/b\n", github(api))
    assert result.status is Status.OK  # from the REST API, never a crash or a false broken
    assert api.requests_to("/repos/a/b") == ["GET"]
