"""Every row of yamlhelp's table: the slip, and what `listbot validate` then says.

(A tab is caught before the YAML reader, as LB003, with its own plain message.)
"""

from __future__ import annotations

import pytest

from conftest import PaperList

TAIL = "year: 2018\ncategory: training\n"

CASES = [
    (
        "title: Ray: A Framework\nvenue: OSDI\n",
        "1:8",
        "the value of 'title' holds ': ', which YAML reads as another key: quote the title",
        "write title: 'Ray: A Framework'",
    ),
    (
        "title: Ray\nvenue OSDI\n",
        "2:1",
        "line 2 has no ':' after its key",
        "write 'venue: ...'",
    ),
    (
        "title Ray\nvenue: OSDI\n",
        "1:1",
        "line 1 has no ':' after its key",
        "write 'title: ...'",
    ),
    (
        "title: Ray\nvenue: OSDI\nlinks:\n  paper: https://a.example\n   code: https://b.example\n",
        "5:4",
        "wrong indentation: this line is indented by 3 spaces",
        "keys under links: and list items under their key are indented by 2 spaces",
    ),
    (
        "title: Ray\nauthors:\n  - A\n - B\nvenue: OSDI\n",
        "4:2",
        "wrong indentation: this list item is indented by 1 space",
        "indented by 2 spaces",
    ),
    (
        "title: Ray\n\tvenue: OSDI\n",
        "2:1",
        "LB003 tab character; use spaces",
        "",
    ),
    (
        'title: "Ray\nvenue: OSDI\n',
        "1:8",
        'the quote " opened here is never closed',
        'end the value with " on the same line',
    ),
    (
        "title: Ray\nauthors: [A, B\nvenue: OSDI\n",
        "2:10",
        "a [list] is not closed with ']' on its line",
        "close it with ']'",
    ),
    (
        'title: "Ray" and more\nvenue: OSDI\n',
        "1:14",
        "text after the closing quote of 'title'",
        "put the whole value inside the quotes: title: 'Ray and more'",
    ),
    (
        "title: [Ray] is fast\nvenue: OSDI\n",
        "1:8",
        "a value that starts with '[' is read as a list: quote the title",
        "write title: '[Ray] is fast'",
    ),
    (
        "title: `Ray`\nvenue: OSDI\n",
        "1:8",
        "a value cannot start with '`': quote the title",
        "write title: '`Ray`'",
    ),
    (
        'title: "C:\\Ray"\nvenue: OSDI\n',
        "1:11",
        "a backslash inside double quotes starts an escape",
        "use single quotes around the value",
    ),
    (
        " title: Ray\nvenue: OSDI\n",
        "1:1",
        "the first key is indented",
        "start every top-level key at the beginning of its line",
    ),
]


@pytest.mark.parametrize(("text", "where", "message", "fix"), CASES)
def test_syntax_error_says_what_and_how(
    paper_list: PaperList, text: str, where: str, message: str, fix: str
) -> None:
    paper_list.write("slip.yaml", text + TAIL)
    result = paper_list.run("validate")
    assert result.code == 1
    [line] = [row for row in result.out.splitlines() if row.startswith("entries/slip.yaml")]
    code = "" if message.startswith("LB") else "LB004 "
    assert line.startswith(f"entries/slip.yaml:{where}: {code}{message}"), line
    assert fix in line
    assert "Traceback" not in result.out + result.err


def test_syntax_error_shows_the_line_with_a_caret(paper_list: PaperList) -> None:
    paper_list.write("slip.yaml", "title: Ray: A Framework\nvenue: OSDI\n" + TAIL)
    out = paper_list.run("check", "--no-readme").out.splitlines()
    at = out.index(next(row for row in out if "LB004" in row))
    assert out[at + 1 : at + 3] == ["  1 | title: Ray: A Framework", "    |        ^"]
    # Annotations and JSON stay one record per problem.
    github = paper_list.run("validate", "--format", "github").out
    assert "  1 | " not in github
