"""The replay harness's own promises: expressions and conditions as GitHub evaluates them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from replay import Expression, ReplayError, _read_outputs, condition, evaluate

CONTEXTS: dict[str, Any] = {
    "github": {
        "event": {"workflow_run": {"event": "pull_request", "conclusion": "failure", "id": 7}},
        "token": "t0k",
        "event_name": "push",
    },
    "steps": {"download": {"outcome": "success", "outputs": {"n": "3"}}},
    "runner": {"temp": "/tmp/r"},
    "inputs": {"command": "check"},
    "env": {"A": "1"},
    "secrets": {},
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("github.event.workflow_run.event == 'pull_request'", True),
        ("github.event.workflow_run.event == 'PULL_REQUEST'", True),  # strings ignore case
        ("github.event.workflow_run.conclusion != 'cancelled'", True),
        ("steps.download.outcome == 'success' && inputs.command", "check"),
        ("steps.missing.outcome || 'fallback'", "fallback"),
        ("!steps.missing", True),
        ("steps.download.outputs.n == 3", True),  # numbers and numeric strings compare
        ("github.event.workflow_run.id", 7),
        ("contains('a,b', 'B')", True),
        ("format('{0}-{1}', 'x', github.event_name)", "x-push"),
        ("github['event_name']", "push"),
        ("(env.A == '1') && !(env.B)", True),
    ],
)
def test_expressions(text: str, expected: Any) -> None:
    assert Expression(text, CONTEXTS).value() == expected


def test_templates_put_values_into_text() -> None:
    assert evaluate("${{ runner.temp }}/x-${{ github.token }}", CONTEXTS) == "/tmp/r/x-t0k"
    assert evaluate("${{ steps.missing.outputs.x }}", CONTEXTS) == ""
    assert evaluate(3, CONTEXTS) == 3


@pytest.mark.parametrize(
    ("text", "status", "expected"),
    [
        (None, "success", True),
        (None, "failure", False),
        ("${{ !cancelled() }}", "failure", True),  # runs after a failed step too
        ("steps.download.outcome == 'success'", "success", True),
        ("steps.download.outcome == 'success'", "failure", False),  # success() is implied
        ("failure()", "failure", True),
        ("always()", "failure", True),
        ("github.event_name == 'schedule'", "success", False),
    ],
)
def test_conditions_imply_success(text: str | None, status: str, expected: bool) -> None:
    assert condition(text, CONTEXTS, status) is expected


@pytest.mark.parametrize("text", ["unknown.x", "github.event ==", "hashFiles('x')", "a ~ b"])
def test_what_the_replay_cannot_play_is_an_error_not_a_guess(text: str) -> None:
    with pytest.raises(ReplayError):
        Expression(text, CONTEXTS).value()


def test_step_outputs_are_read_like_the_runner_reads_them(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.write_text("a=1\nmsg<<EOF_1\nline one\nline=two\nEOF_1\nb=x=y\n")
    assert _read_outputs(out) == {"a": "1", "msg": "line one\nline=two", "b": "x=y"}
    out.write_text("msg<<END\nno end\n")
    with pytest.raises(ReplayError):
        _read_outputs(out)
