"""The replay harness's own promises: expressions and conditions as GitHub evaluates them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from replay import Expression, ReplayError, Runner, _read_outputs, condition, evaluate

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


WORKFLOW = """\
name: demo
on: push
env:
  TOP: top-level
jobs:
  one:
    runs-on: ubuntu-latest
    env:
      JOB: job-level
    outputs:
      said: ${{ steps.hello.outputs.said }}
    steps:
      - uses: actions/checkout@0000000000000000000000000000000000000000 # v0
        with:
          fetch-depth: 2
          persist-credentials: false
      - name: shallow as asked
        run: |
          test "$(git rev-list --count HEAD)" = 2
          test -z "$(git config --get-regexp extraheader)"
      - name: fails but may
        id: flaky
        continue-on-error: true
        run: exit 3
      - name: env and path for later steps
        run: |
          echo "LATER=from-env-file" >> "$GITHUB_ENV"
          mkdir -p "$RUNNER_TEMP/bin"
          printf '#!/bin/sh\\necho tool-ran\\n' > "$RUNNER_TEMP/bin/tool"
          chmod +x "$RUNNER_TEMP/bin/tool" && echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
      - id: hello
        uses: ./.github/actions/hello
        with:
          who: ${{ github.actor }}
      - name: everything arrives
        run: |
          test "$TOP $JOB $STEP $LATER" = "top-level job-level step-level from-env-file"
          test "$SAID" = "hello, someone" && test "$(tool)" = tool-ran
          test "$FLAKY" = failure && test "$GITHUB_ACTIONS" = true
          grep -q "$GITHUB_SHA" "$GITHUB_EVENT_PATH"
          echo "### all there" >> "$GITHUB_STEP_SUMMARY"
        env:
          STEP: step-level
          SAID: ${{ steps.hello.outputs.said }}
          FLAKY: ${{ steps.flaky.outcome }}
      - name: breaks
        run: exit 1
      - name: skipped after a failure
        run: echo never
      - name: runs anyway
        if: ${{ !cancelled() }}
        run: echo still
"""

ACTION = """\
name: hello
inputs:
  who:
    required: true
  greeting:
    default: hello
outputs:
  said:
    value: ${{ steps.say.outputs.text }}
runs:
  using: composite
  steps:
    - id: say
      shell: bash
      run: echo "text=$GREETING, $WHO" >> "$GITHUB_OUTPUT"
      env:
        GREETING: ${{ inputs.greeting }}
        WHO: ${{ inputs.who }}
"""


def test_a_job_runs_the_way_a_runner_runs_it(tmp_path: Path) -> None:
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(work)], check=True)
    (work / ".github" / "actions" / "hello").mkdir(parents=True)
    (work / ".github" / "actions" / "hello" / "action.yml").write_text(ACTION)
    (work / "demo.yml").write_text(WORKFLOW)
    for n in range(3):
        (work / "n.txt").write_text(str(n))
        subprocess.run(["git", "add", "-A"], cwd=work, check=True)
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", f"c{n}"],
            cwd=work,
            check=True,
        )
    subprocess.run(["git", "push", "-q", origin.as_uri(), "main"], cwd=work, check=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True
    ).stdout.strip()
    runner = Runner(
        base=tmp_path / "runner",
        origin=origin,
        api_url="http://127.0.0.1:9",
        token="t",
        repository="o/r",
        python=Path(sys.executable).parent.parent,
    )
    result = runner.run(
        work / "demo.yml", "push", {"after": sha}, ref="refs/heads/main", sha=sha, actor="someone"
    )
    job = result.jobs["one"]
    outcomes = [(s.name, s.outcome, s.conclusion) for s in job.steps][1:]
    assert outcomes == [
        ("shallow as asked", "success", "success"),
        ("fails but may", "failure", "success"),
        ("env and path for later steps", "success", "success"),
        ("./.github/actions/hello", "success", "success"),
        ("everything arrives", "success", "success"),
        ("breaks", "failure", "failure"),
        ("skipped after a failure", "skipped", "skipped"),
        ("runs anyway", "success", "success"),
    ], result.log()
    assert job.conclusion == "failure" and result.conclusion == "failure"
    assert job.outputs == {"said": "hello, someone"}
    assert job.summary == "### all there\n"
