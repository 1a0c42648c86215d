"""The GitHub Actions environment, for the CI commands: event payload and step outputs.

Edge code: it reads the files the runner names in ``GITHUB_EVENT_PATH`` and writes
``GITHUB_OUTPUT``; the environment itself comes in through ``Context.env``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from listbot.errors import InputError
from listbot.fsutil import read_limited

MAX_EVENT_BYTES = 25 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{40}\Z")


def event(env: Mapping[str, str]) -> dict[str, Any]:
    """The workflow's event payload, or {} outside Actions."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        raw = read_limited(Path(path), MAX_EVENT_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read the event payload {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError:
        raise InputError(f"the event payload {path} is not JSON") from None
    return data if isinstance(data, dict) else {}


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def pull_from_event(payload: Mapping[str, Any]) -> tuple[int | None, str | None]:
    """(PR number, head SHA) of a ``pull_request`` event payload."""
    number = _get(payload, "pull_request", "number")
    sha = _get(payload, "pull_request", "head", "sha")
    return (
        number if isinstance(number, int) else None,
        sha if isinstance(sha, str) and _SHA.match(sha) else None,
    )


def run_from_event(payload: Mapping[str, Any]) -> tuple[str | None, list[int]]:
    """(head SHA, listed PR numbers) of a ``workflow_run`` event payload.

    The PR list is empty for pull requests from forks, so the SHA is what counts.
    """
    sha = _get(payload, "workflow_run", "head_sha")
    pulls = _get(payload, "workflow_run", "pull_requests") or []
    numbers = [
        p["number"] for p in pulls if isinstance(p, dict) and isinstance(p.get("number"), int)
    ]
    return (sha if isinstance(sha, str) and _SHA.match(sha) else None), numbers


def set_outputs(env: Mapping[str, str], values: Mapping[str, object]) -> None:
    """Append ``name=value`` step outputs to ``$GITHUB_OUTPUT`` (heredoc form for multi-line)."""
    target = env.get("GITHUB_OUTPUT")
    if not target:
        return
    lines = []
    for name, value in values.items():
        shown = str(value)
        if "\n" in shown or "\r" in shown:
            delimiter = f"listbot_{uuid.uuid4().hex}"
            lines.append(f"{name}<<{delimiter}\n{shown}\n{delimiter}\n")
        else:
            lines.append(f"{name}={shown}\n")
    with Path(target).open("a", encoding="utf-8") as handle:
        handle.write("".join(lines))
