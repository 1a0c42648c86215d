"""Fuzz listbot's entry pipeline for as long as you like.

    PYTHONPATH=src python3 benchmarks/fuzz_entries.py --minutes 60
    PYTHONPATH=src python3 benchmarks/fuzz_entries.py --minutes 5 --targets parse check

Targets (each gets an equal share of the time, round-robin in slices):

- ``parse``  random mutations of real entries -> ``parse_yaml``: a value, never an exception;
- ``check``  the same inputs -> ``check_entry``: problems with lines >= 1, one-line texts,
  and an Entry whenever there is no error;
- ``render`` valid entries with hostile text -> the README line reads back (markdown-it +
  linkify) as exactly the entry's text, with no markup (the property test, unbounded);
- ``fmt``    the fast emitter vs the ruamel round trip, ``is_formatted`` vs
  ``format_entry(text) == text``, and comments anywhere (before and after keys, between a
  key and its value, inside lists, blank-line runs) kept by fmt without an exception
  (the property tests, unbounded).

``parse`` and ``check`` use a plain random mutator (thousands of inputs a second);
``render`` and ``fmt`` run the hypothesis properties of ``tests/properties_test.py``
with fresh seeds. Any crash, property failure, or input slower than ``--slow`` seconds
is saved under ``--out`` (default ``benchmarks/fuzz-findings/``) and reported at the
end; the exit status is 1 if anything was found.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402

import strategies  # noqa: E402
from listbot.fmt import format_entry, normalize  # noqa: E402
from listbot.validate import check_entry  # noqa: E402
from listbot.yamlsafe import Document, LoadFailure, parse_yaml  # noqa: E402

SLICE_SECONDS = 20.0


@dataclass
class Stats:
    runs: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    findings: list[str] = field(default_factory=list)


def mutate(rng: random.Random) -> bytes:
    """The random twin of strategies.mutated(): seeds edited with YAML-significant tokens."""
    data = bytearray(rng.choice(strategies.SEEDS))
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(data))
        op = rng.randrange(6)
        if op == 0:
            data[at:at] = rng.choice(strategies.TOKENS)
        elif op == 1:
            del data[at : at + rng.randint(1, 20)]
        elif op == 2:
            chunk = data[at : at + rng.randint(1, 40)]
            data[at:at] = chunk * rng.randint(1, 200)
        elif op == 3:
            data[at:at] = bytes([rng.randrange(256)])
        elif op == 4:
            other = rng.choice(strategies.SEEDS)
            start = rng.randint(0, len(other))
            data[at:at] = other[start : start + rng.randint(1, 80)]
        else:
            data[at:at] = rng.randbytes(rng.randint(1, 8))
    return bytes(data[: 70 * 1024])


def save(out: Path, target: str, raw: bytes, why: str) -> str:
    out.mkdir(parents=True, exist_ok=True)
    name = f"{target}-{hashlib.sha256(raw).hexdigest()[:12]}"
    (out / f"{name}.yaml").write_bytes(raw)
    (out / f"{name}.txt").write_text(why)
    return f"{name}: {why.splitlines()[0] if why else ''}"


def _check_parse(raw: bytes) -> None:
    result = parse_yaml(raw)
    assert isinstance(result, Document | LoadFailure), type(result)
    if isinstance(result, LoadFailure):
        assert result.line >= 1 and result.col >= 1, result


def _check_check(raw: bytes) -> None:
    result = check_entry("entries/x.yaml", raw, strategies.CONFIG, this_year=2026)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert "\n" not in problem.text(), problem
    if not any(p.severity == "error" for p in result.problems):
        assert result.entry is not None
    if result.entry is not None and result.doc is not None:
        formatted = format_entry(raw.decode("utf-8-sig"), strategies.CONFIG)
        again = parse_yaml(formatted)
        assert isinstance(again, Document), again
        assert again.data == normalize(result.doc.data, strategies.CONFIG), formatted
        assert format_entry(formatted, strategies.CONFIG) == formatted


def random_target(
    check: Callable[[bytes], None], slow: float, out: Path, name: str
) -> Callable[..., None]:
    def run(stats: Stats, seconds: float, rng: random.Random) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            raw = mutate(rng)
            start = time.perf_counter()
            try:
                check(raw)
            except Exception:
                stats.findings.append(save(out, name, raw, traceback.format_exc()))
            took = time.perf_counter() - start
            stats.slowest = max(stats.slowest, took)
            if took > slow:
                stats.findings.append(save(out, name, raw, f"slow: {took:.2f} s"))
            stats.runs += 1

    return run


def hypothesis_target(test: Any, out: Path, name: str) -> Callable[..., None]:
    """Run a @given property from properties_test with fresh seeds and no example cap."""
    inner = test.hypothesis.inner_test
    given_kwargs = test.hypothesis._given_kwargs  # the test's strategies, by parameter name

    def run(stats: Stats, seconds: float, rng: random.Random) -> None:
        count = 0

        def counted(*args: Any, **kwargs: Any) -> None:
            nonlocal count
            count += 1
            inner(*args, **kwargs)

        counted.__signature__ = inspect.signature(inner)  # type: ignore[attr-defined]
        wrapped = settings(
            max_examples=100,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )(given(**given_kwargs)(counted))
        end = time.monotonic() + seconds
        start = time.monotonic()
        while time.monotonic() < end:
            random.seed(rng.random())  # hypothesis draws its seed from the global generator
            try:
                wrapped()
            except Exception as exc:  # a falsified property; the traceback holds the example
                stats.findings.append(save(out, name, repr(exc).encode(), traceback.format_exc()))
                break
        stats.runs += count
        stats.slowest = max(stats.slowest, (time.monotonic() - start) / max(count, 1))

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=1.0, help="total time (default 1)")
    parser.add_argument(
        "--targets",
        nargs="+",
        default=["parse", "check", "render", "fmt"],
        choices=["parse", "check", "render", "fmt"],
    )
    parser.add_argument("--slow", type=float, default=2.0, help="seconds that count as a hang")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=HERE / "fuzz-findings")
    args = parser.parse_args(argv)

    import properties_test

    targets: dict[str, list[tuple[str, Callable[..., None]]]] = {
        "parse": [("parse", random_target(_check_parse, args.slow, args.out, "parse"))],
        "check": [("check", random_target(_check_check, args.slow, args.out, "check"))],
        "render": [
            (
                "render-line",
                hypothesis_target(
                    properties_test.test_valid_entry_renders_as_literal_text,
                    args.out,
                    "render-line",
                ),
            ),
            (
                "render-readme",
                hypothesis_target(
                    properties_test.test_readme_gains_no_markup_and_renders_stably,
                    args.out,
                    "render-readme",
                ),
            ),
            (
                "escape",
                hypothesis_target(
                    properties_test.test_escape_reads_back_literally, args.out, "escape"
                ),
            ),
        ],
        "fmt": [
            (
                "fmt-emit",
                hypothesis_target(
                    properties_test.test_emit_agrees_with_round_trip, args.out, "fmt-emit"
                ),
            ),
            (
                "fmt-is-formatted",
                hypothesis_target(
                    properties_test.test_is_formatted_agrees_with_round_trip,
                    args.out,
                    "fmt-is-formatted",
                ),
            ),
            (
                "fmt-comments",
                hypothesis_target(
                    properties_test.test_fmt_keeps_every_comment_placement,
                    args.out,
                    "fmt-comments",
                ),
            ),
        ],
    }
    chosen = [t for name in args.targets for t in targets[name]]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    stats = {name: Stats() for name, _ in chosen}
    total = args.minutes * 60
    per_slice = min(SLICE_SECONDS, total / len(chosen))
    deadline = time.monotonic() + total
    print(f"fuzzing {', '.join(stats)} for {args.minutes:g} min (seed {seed})", flush=True)
    while time.monotonic() < deadline:
        for name, run in chosen:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            start = time.monotonic()
            run(stats[name], min(per_slice, left), rng)
            stats[name].seconds += time.monotonic() - start
    found = 0
    print(f"{'target':<18}{'inputs':>10}{'seconds':>10}{'per sec':>10}{'slowest':>10}  findings")
    for name, s in stats.items():
        rate = s.runs / s.seconds if s.seconds else 0.0
        row = f"{name:<18}{s.runs:>10}{s.seconds:>10.0f}{rate:>10.0f}{s.slowest:>9.3f}s"
        print(f"{row}  {len(s.findings)}")
        for finding in s.findings:
            print(f"    {finding}")
        found += len(s.findings)
    if found:
        print(f"{found} finding(s) saved under {args.out}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
