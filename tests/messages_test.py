"""Messages that say where, what and how: driven through ``main()`` on a throwaway list."""

from __future__ import annotations

import pytest

from conftest import PaperList

BASE = "title: Pipelined Training at Scale\nvenue: OSDI\nyear: 2020\ncategory: training\n"


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (BASE.replace("Scale\n", "Scale  \n"), "1:35", "trailing whitespace"),
        (
            BASE.replace(
                "title: Pipelined Training at Scale", 'title: "Pipelined Training at Scale"'
            ),
            "1:8",
            "quoting (the line should read: title: Pipelined Training at Scale)",
        ),
        (
            "venue: OSDI\n" + BASE.replace("venue: OSDI\n", ""),
            "1:1",
            "keys are not in the canonical order: 'title' comes before 'venue' "
            "(order: title, venue, year, category)",
        ),
        (BASE.replace("OSDI", "USENIX OSDI"), "2:8", "the line should read: venue: OSDI"),
        (BASE.replace("\n", "\r\n"), "1:35", "lines end with CRLF (Windows); write LF"),
    ],
)
def test_lb301_says_what_differs(paper_list: PaperList, text: str, where: str, what: str) -> None:
    paper_list.write("pipe-osdi20.yaml", text)
    for argv in (("check", "--no-readme"), ("fmt", "--check")):
        result = paper_list.run(*argv)
        assert result.code == 1
        assert (
            f"entries/pipe-osdi20.yaml:{where}: LB301 file is not in canonical form: {what} "
            "(run listbot fmt)" in result.out
        ), result.out


def test_no_lb301_while_the_file_is_invalid_anyway(paper_list: PaperList) -> None:
    paper_list.write("pipe-osdi20.yaml", BASE.replace("year: 2020", 'year: "2020"'))
    for argv in (("check", "--no-readme"), ("fmt", "--check"), ("validate",)):
        result = paper_list.run(*argv)
        assert result.code == 1
        assert "LB301" not in result.out
        assert "LB103" in result.out
