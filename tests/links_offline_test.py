"""`listbot links` on a machine without network, and a URL written twice in one entry.

No test here sends a packet: name resolution itself is replaced, the way a runner
without DNS answers (``EAI_NONAME``, or ``EAI_AGAIN``: "temporary failure").
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from conftest import PaperList

ENTRY = """\
title: Ray
venue: OSDI
year: 2018
category: training
links:
  paper: https://doi.org/10.1000/ray
  code: https://github.com/ray-project/ray
doi: 10.1000/ray
"""


def no_dns(errno: int) -> Any:
    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(errno, "Name or service not known")

    return getaddrinfo


@pytest.mark.parametrize("errno", [socket.EAI_NONAME, socket.EAI_AGAIN])
def test_no_network_is_one_line_and_exit_4(
    paper_list: PaperList, monkeypatch: pytest.MonkeyPatch, errno: int
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", no_dns(errno))
    paper_list.write("ray-osdi18.yaml", ENTRY)
    result = paper_list.run("links", "--no-cache", "--retries", "0")
    assert result.code == 4
    assert result.out == ""
    assert result.err == (
        "listbot: no host could be resolved (2 links on 2 hosts not checked): "
        "is the network down?\n"
    )
    # Machines still get every result; the exit code says they are not a verdict.
    assert paper_list.run("links", "--no-cache", "--retries", "0", "--format", "json").code == 4


def test_a_url_written_twice_is_reported_once(
    paper_list: PaperList, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", no_dns(socket.EAI_NONAME))
    paper_list.write(
        "ray-osdi18.yaml", ENTRY.replace("  code: https://github.com/ray-project/ray\n", "")
    )
    result = paper_list.run("links", "--no-cache", "--retries", "0")
    assert result.code == 1  # one host that does not resolve: a dead link, not an outage
    [line, footer] = result.out.splitlines()
    assert line.startswith(
        "entries/ray-osdi18.yaml:6:10: LB401 broken link https://doi.org/10.1000/ray "
        "(also on line 7)"
    )
    assert footer == "1 link checked: 1 broken"
