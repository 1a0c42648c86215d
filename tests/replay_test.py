"""The replay harness's own promises: expressions and conditions as GitHub evaluates them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from replay import (
    Expression,
    ReplayError,
    Runner,
    RunResult,
    _read_outputs,
    condition,
    evaluate,
    expand_matrix,
)

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


# ---- jobs: needs, matrix, artifacts between jobs -----------------------------------------


def test_matrix_expands_as_github_documents_it() -> None:
    """The include example of GitHub's "Running variations of jobs in a workflow" page."""
    spec = {
        "fruit": ["apple", "pear"],
        "animal": ["cat", "dog"],
        "include": [
            {"color": "green"},
            {"color": "pink", "animal": "cat"},
            {"fruit": "apple", "shape": "circle"},
            {"fruit": "banana"},
            {"fruit": "banana", "animal": "cat"},
        ],
    }
    assert expand_matrix(spec, CONTEXTS, "test") == [
        {"fruit": "apple", "animal": "cat", "color": "pink", "shape": "circle"},
        {"fruit": "apple", "animal": "dog", "color": "green", "shape": "circle"},
        {"fruit": "pear", "animal": "cat", "color": "pink"},
        {"fruit": "pear", "animal": "dog", "color": "green"},
        {"fruit": "banana"},
        {"fruit": "banana", "animal": "cat"},
    ]
    excluded = {"os": ["a", "b"], "v": [1, 2], "exclude": [{"os": "b", "v": 2}]}
    assert expand_matrix(excluded, CONTEXTS, "test") == [
        {"os": "a", "v": 1},
        {"os": "a", "v": 2},
        {"os": "b", "v": 1},
    ]
    from_json = "${{ fromJSON('{\"shard\": [1, 2]}') }}"
    assert expand_matrix(from_json, CONTEXTS, "test") == [{"shard": 1}, {"shard": 2}]
    bad_specs: list[Any] = [{"shard": []}, {"shard": 3}, ["a"]]
    for bad in bad_specs:
        with pytest.raises(ReplayError):
            expand_matrix(bad, CONTEXTS, "test")


JOBS_WORKFLOW = """\
name: jobs
on: push
jobs:
  merge:  # listed first, runs last: after its needs
    needs: shard
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@0000000000000000000000000000000000000000 # v0
        with:
          pattern: part-*
          merge-multiple: true
          path: parts
      - run: |
          test "$(cat parts/*.txt | sort | tr '\\n' ' ')" = "1-a 1-b 2-a 2-b 3-c "
          test "$RESULT $LAST" = "success 3-c"
        env:
          RESULT: ${{ needs.shard.result }}
          LAST: ${{ needs.shard.outputs.last }}
  shard:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: [1, 2]
        letter: [a, b]
        include:
          - n: 3
            letter: c
    outputs:
      last: ${{ steps.part.outputs.part }}
    steps:
      - id: part
        run: |
          echo "$N-$L" > "part-$N-$L.txt"
          echo "part=$N-$L" >> "$GITHUB_OUTPUT"
        env:
          N: ${{ matrix.n }}
          L: ${{ matrix.letter }}
      - uses: actions/upload-artifact@0000000000000000000000000000000000000000 # v0
        with:
          name: part-${{ matrix.n }}-${{ matrix.letter }}
          path: part-${{ matrix.n }}-${{ matrix.letter }}.txt
  flaky:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: [1, 2, 3]
    steps:
      - run: test "${{ matrix.n }}" != 2
  after-flaky:
    needs: [flaky]
    runs-on: ubuntu-latest
    steps:
      - run: echo never
  cleanup:
    needs: [flaky]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: test "$FLAKY" = failure
        env:
          FLAKY: ${{ needs.flaky.result }}
"""


def _runner(tmp_path: Path) -> Runner:
    return Runner(
        base=tmp_path / "runner",
        origin=tmp_path / "origin.git",
        api_url="http://127.0.0.1:9",
        token="t",
        repository="owner/papers",
        python=Path(sys.executable).parent.parent,
    )


def test_jobs_run_after_their_needs_and_a_matrix_once_per_combination(tmp_path: Path) -> None:
    workflow = tmp_path / "jobs.yml"
    workflow.write_text(JOBS_WORKFLOW)
    result = _runner(tmp_path).run(workflow, "push", {}, ref="refs/heads/main", sha="0" * 40)
    conclusions = {key: job.conclusion for key, job in result.jobs.items()}
    assert conclusions == {
        "shard (1, a)": "success",
        "shard (1, b)": "success",
        "shard (2, a)": "success",
        "shard (2, b)": "success",
        "shard (3, c)": "success",
        "merge": "success",  # saw every shard's artifact and the last shard's output
        "flaky (1)": "success",
        "flaky (2)": "failure",
        "flaky (3)": "cancelled",  # fail-fast, the default
        "after-flaky": "skipped",  # a failed need skips it
        "cleanup": "success",  # always() runs anyway
    }, result.log()
    assert list(result.jobs)[:6] == [*list(conclusions)[:5], "merge"]
    assert result.conclusion == "failure"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (("    runs-on: ubuntu-latest\n", "    services: {db: {image: x}}\n"), "services"),
        (("    needs: shard\n", "    needs: nothing\n"), "nothing"),
        (("    needs: shard\n", "    needs: merge\n"), "cycle"),
        (("    needs: shard\n", "    needs: shard\n    continue-on-error: true\n"), "continue"),
        (("      - id: part\n", "      - id: part\n        retry: 3\n"), "retry"),
        (("          merge-multiple: true\n", "          merge-many: true\n"), "merge-many"),
        (("on: push\n", "on: push\ndefaults: {run: {shell: sh}}\n"), "defaults"),
        (("        n: [1, 2]\n", "        n: []\n"), "non-empty"),
    ],
)
def test_what_a_workflow_says_and_the_replay_does_not_play_is_refused_by_name(
    tmp_path: Path, change: tuple[str, str], named: str
) -> None:
    assert change[0] in JOBS_WORKFLOW
    workflow = tmp_path / "jobs.yml"
    workflow.write_text(JOBS_WORKFLOW.replace(change[0], change[1], 1))
    with pytest.raises(ReplayError, match=named):
        _runner(tmp_path).run(workflow, "push", {}, ref="refs/heads/main", sha="0" * 40)


PAGES_WORKFLOW = """\
name: pages
on: workflow_dispatch
permissions: {}
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: pages
        uses: actions/configure-pages@0000000000000000000000000000000000000000 # v0
      - run: |
          mkdir -p _site/.git
          echo "<p>$BASE</p>" > _site/${PAGE:-index.html}
          echo secret > _site/.git/config
        env:
          BASE: ${{ steps.pages.outputs.base_url }}
      - uses: actions/upload-pages-artifact@0000000000000000000000000000000000000000 # v0
        with:
          path: _site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@0000000000000000000000000000000000000000 # v0
"""


def test_pages_stand_ins_publish_the_folder_and_refuse_what_pages_would(tmp_path: Path) -> None:
    runner = _runner(tmp_path)
    workflow = tmp_path / "pages.yml"
    workflow.write_text(PAGES_WORKFLOW)
    result = runner.run(workflow, "workflow_dispatch", {}, ref="refs/heads/main", sha="0" * 40)
    assert result.conclusion == "success", result.log()
    assert result.jobs["deploy"].environment_url == "https://owner.github.io/papers/"
    [deployed] = runner.deployments
    assert deployed.run_id == result.run_id
    assert sorted(p.name for p in deployed.site.iterdir()) == ["index.html"]  # no .git
    assert "https://owner.github.io/papers" in (deployed.site / "index.html").read_text()

    workflow.write_text(PAGES_WORKFLOW.replace("${PAGE:-index.html}", "home.html"))
    no_index = runner.run(workflow, "workflow_dispatch", {}, ref="refs/heads/main", sha="0" * 40)
    assert no_index.jobs["build"].steps[-1].outcome == "failure"
    assert "index.html" in no_index.jobs["build"].steps[-1].log
    assert no_index.jobs["deploy"].conclusion == "skipped"

    workflow.write_text(PAGES_WORKFLOW.replace("      id-token: write\n", ""))
    no_oidc = runner.run(workflow, "workflow_dispatch", {}, ref="refs/heads/main", sha="0" * 40)
    assert no_oidc.jobs["deploy"].conclusion == "failure"
    assert '"id-token: write"' in no_oidc.jobs["deploy"].steps[0].log
    assert len(runner.deployments) == 1


GROUP_WORKFLOW = """\
name: group
on: push
concurrency:
  group: group-${{ github.ref }}
  cancel-in-progress: CANCEL
jobs:
  one:
    runs-on: ubuntu-latest
    env:
      RUN: ${{ github.run_id }}
    steps:
      - name: first
        run: echo "$RUN first" >> "$LOG"
      - name: second
        run: echo "$RUN second" >> "$LOG"
      - name: cleanup
        if: always()
        run: echo "$RUN cleanup" >> "$LOG"
"""


@pytest.mark.parametrize("cancel", [False, True])
def test_a_second_run_of_a_concurrency_group_waits_or_cancels_as_the_workflow_says(
    tmp_path: Path, cancel: bool
) -> None:
    runner = _runner(tmp_path)
    log = tmp_path / "log"
    workflow = tmp_path / "group.yml"
    workflow.write_text(
        GROUP_WORKFLOW.replace("CANCEL", str(cancel).lower()).replace("$LOG", str(log))
    )
    later: list[RunResult] = []

    def push(runner: Runner, name: str, step: dict[str, Any], work: Path) -> None:
        if name == "second" and runner.before_step is not None:  # pushes land meanwhile
            runner.before_step = None
            for _ in range(1 if cancel else 2):
                later.append(runner.run(workflow, "push", {}, ref="refs/heads/main", sha="0" * 40))

    runner.before_step = push
    first = runner.run(workflow, "push", {}, ref="refs/heads/main", sha="0" * 40)
    lines = log.read_text().split("\n")[:-1]
    if cancel:  # the newer run starts at once; the first stops, only its always() step runs
        [second] = later
        assert first.conclusion == "cancelled" and second.conclusion == "success"
        assert [s.outcome for s in first.jobs["one"].steps] == ["success", "skipped", "success"]
        order = [first, second, second, second, first]
        assert lines == [
            f"{r.run_id} {s}"
            for r, s in zip(order, ["first", "first", "second", "cleanup", "cleanup"], strict=True)
        ]
    else:  # each waits for the run in progress; a newer waiting run replaces an older one
        superseded, last = later
        assert superseded.conclusion == "cancelled" and superseded.jobs == {}
        assert first.conclusion == "success" and last.conclusion == "success"
        assert lines == [
            f"{r.run_id} {s}" for r in (first, last) for s in ("first", "second", "cleanup")
        ]
