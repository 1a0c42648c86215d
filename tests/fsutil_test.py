"""fsutil.read_json_file: an untrusted JSON file (a CI artifact) read bounded, or one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listbot.errors import InputError
from listbot.fsutil import read_json_file


def test_reads_a_small_json_file(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"version": 1}')
    assert read_json_file(path, 100, "report") == {"version": 1}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x" * 101), "report refused: larger than 100 bytes"),
        (lambda p: p.write_text("{nope"), "report refused: not JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe"), "report refused: not JSON"),
        (lambda p: os.mkfifo(p), "report refused: not a regular file"),  # must not hang
        (lambda p: p.mkdir(), "report refused: not a regular file"),
        (lambda p: None, "cannot read the report"),
    ],
)
def test_untrusted_files_are_refused_in_one_line(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "report.json"
    make(path)  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        read_json_file(path, 100, "report")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    target.write_text("{}")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    with pytest.raises(InputError, match="cannot read the report"):
        read_json_file(link, 100, "report")
