"""Time ``listbot export`` on a generated list: ``python benchmarks/export_bench.py [N]``.

Writes N entries (default 5,000) to a temporary list, then runs each export format twice:
cold (no check cache) and warm (cache filled by the first run).
"""

from __future__ import annotations

import contextlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from listbot.cli import main

CONFIG = """\
categories:
  - id: training
    name: Training
  - id: inference
    name: Inference
"""
VENUES = ["OSDI", "SOSP", "EuroSys", "NSDI", "MLSys", "ICML", "NeurIPS", "arXiv"]
WORDS = [
    "fast",
    "scalable",
    "distributed",
    "learning",
    "graph",
    "system",
    "cache",
    "model",
    "tensor",
    "serving",
]


def make_list(root: Path, count: int) -> None:
    rng = random.Random(1)
    (root / "listbot.yml").write_text(CONFIG)
    folder = root / "entries"
    folder.mkdir()
    for i in range(count):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(5))
        (folder / f"paper-{i}.yaml").write_text(
            f'title: "P{i}: {title} & {i}% More"\n'
            f"authors:\n  - Jörg Müller{i % 37}\n  - Ann Lee\n"
            f"venue: {rng.choice(VENUES)}\nyear: {2010 + i % 14}\n"
            f"category: {rng.choice(['training', 'inference'])}\n"
            f"doi: 10.5555/bench.{i}\n"
        )


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    if code != 0:
        raise SystemExit(f"listbot {' '.join(argv)} exited {code}")
    return time.perf_counter() - started


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_list(root, count)
        config = str(root / "listbot.yml")
        for kind in ("bibtex", "json", "csv"):
            out = str(root / f"papers.{kind}")
            cold = timed(["--config", config, "export", kind, "-o", out, "--no-cache"])
            timed(["--config", config, "export", kind, "-o", out + ".warmup"])
            warm = timed(["--config", config, "export", kind, "-o", out + ".2"])
            size = Path(out).stat().st_size
            print(f"{kind:6} {count} papers: cold {cold:.2f} s, warm {warm:.2f} s, {size:,} bytes")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
