"""Problem codes as data: each has a severity and a kind; README's table lists exactly CODES."""

from __future__ import annotations

import re
from pathlib import Path

from listbot.problems import CODES, codes

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_codes() -> set[str]:
    """The codes README's problem-code table names; ``LB401-LB405`` stands for the codes between."""
    text = README.read_text(encoding="utf-8")
    table = text.split("#### Problem codes", 1)[1].split("\n#", 1)[0]
    named: set[str] = set()
    for low, high in re.findall(r"\b(LB\d{3})(?:-(LB\d{3}))?\b", table):
        if high:
            named |= {code for code in CODES if low <= code <= high}
            assert high in CODES, high
        named.add(low)
    return named


def test_the_readme_table_lists_every_code_and_no_other() -> None:
    named = _readme_codes()
    assert sorted(set(CODES) - named) == [], "codes missing from README's table"
    assert sorted(named - set(CODES)) == [], "README names codes that CODES does not have"


def test_each_kind_is_the_set_its_users_kept_by_hand() -> None:
    assert codes("schema") == {"LB101", "LB102", "LB103", "LB104", "LB113"}
    assert codes("import-skip") == {"LB510", "LB511", "LB512", "LB530", "LB531"}
    assert codes("read") == {f"LB00{n}" for n in range(1, 9)}


def test_every_code_has_a_title_a_severity_and_a_kind() -> None:
    for code, known in CODES.items():
        assert re.fullmatch(r"LB\d{3}", code) and known.title, code
        assert known.severity in ("error", "warning"), code
        assert codes(known.kind) >= {code}
