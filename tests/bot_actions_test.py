"""The Actions environment helpers: event payloads and step outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listbot.bot.actions import event, pull_from_event, run_from_event, set_outputs
from listbot.errors import InputError

SHA = "ab" * 20


def test_step_outputs_single_and_multi_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    set_outputs({"GITHUB_OUTPUT": str(out)}, {"errors": 2, "text": "a\nb"})
    lines = out.read_text().splitlines()
    assert lines[0] == "errors=2"
    start, value, end = lines[1:4]
    delimiter = start.removeprefix("text<<")
    assert start.startswith("text<<listbot_") and value == "a" and lines[4] == delimiter
    assert end == "b"


def test_no_output_file_outside_actions() -> None:
    set_outputs({}, {"errors": 1})  # nothing to write to, nothing raised


def test_event_payloads(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"pull_request": {"number": 4, "head": {"sha": SHA}}}))
    payload = event({"GITHUB_EVENT_PATH": str(path)})
    assert pull_from_event(payload) == (4, SHA)
    assert run_from_event(payload) == (None, [])
    run = {"workflow_run": {"head_sha": SHA, "pull_requests": [{"number": 9}, {"bad": 1}]}}
    assert run_from_event(run) == (SHA, [9])
    assert run_from_event({"workflow_run": {"head_sha": "main"}}) == (None, [])
    assert event({}) == {}


def test_bad_event_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("not json")
    with pytest.raises(InputError, match="not JSON"):
        event({"GITHUB_EVENT_PATH": str(path)})
    with pytest.raises(InputError, match="cannot read"):
        event({"GITHUB_EVENT_PATH": str(tmp_path / "missing.json")})
