"""The site with a big list, in Chromium: ``python benchmarks/site_bench.py [N] [--loads K]``.

Builds the site of N generated papers (default 10,000) with ``listbot site``, serves it
on 127.0.0.1 and drives Debian's Chromium (``/usr/bin/chromium``) through Playwright:

- time to interactive: navigation start to the moment the list is shown and the
  controls work (the page's ``listbot:ready`` performance mark), median of K loads;
- per keystroke: a search typed one character at a time (and erased again), each
  measured from the input event to the next frame after the list was updated
  (style, layout and paint included); median and p95;
- transfer size: what the page loads (page, CSS, script, icon, papers.json), as sent and
  gzipped (GitHub Pages serves gzip).

Targets: interactive < 1 s, keystroke < 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import browser_context, chromium_path, serve  # noqa: E402
from listbot.cli import main  # noqa: E402

CONFIG = """\
title: Benchmark list
categories:
  - id: deep-learning
    name: Deep Learning
    children:
      - {id: training, name: Training}
      - {id: inference, name: Inference}
      - {id: compiler, name: Compiler}
  - {id: cluster-management, name: Cluster Management}
  - {id: data, name: Data}
"""
CATEGORIES = ["training", "inference", "compiler", "cluster-management", "data"]
VENUES = ["OSDI", "SOSP", "EuroSys", "NSDI", "MLSys", "ICML", "NeurIPS", "ATC", "arXiv"]
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
    "training",
    "inference",
    "compiler",
    "scheduling",
    "memory",
    "pipeline",
    "parallel",
    "sparse",
    "efficient",
    "elastic",
    "cluster",
    "gpu",
    "accelerator",
    "network",
    "storage",
    "stream",
    "federated",
    "adaptive",
    "robust",
    "optimizing",
]
FIRST = [
    "Ann",
    "Bo",
    "Chen",
    "Dana",
    "Eli",
    "Fatima",
    "Gil",
    "Hana",
    "Ivan",
    "Jun",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Pia",
]
LAST = [
    "Lee",
    "Müller",
    "Wang",
    "Zhang",
    "Smith",
    "Garcia",
    "Kim",
    "Patel",
    "Rossi",
    "Novak",
    "Sato",
    "Silva",
    "Khan",
]
TAGS = ["distributed", "serving", "scheduling", "compilers", "gpu", "sparsity", "memory", "privacy"]
QUERIES = ("distributed sched", "wang", "osdi gpu")


def make_list(root: Path, count: int) -> None:
    rng = random.Random(15)
    (root / "listbot.yml").write_text(CONFIG, encoding="utf-8")
    folder = root / "entries"
    folder.mkdir()
    for i in range(count):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(4, 9)))
        authors = "".join(
            f"  - {rng.choice(FIRST)} {rng.choice(LAST)}\n" for _ in range(rng.randint(1, 6))
        )
        links = f"links:\n  paper: https://example.org/papers/{i}\n"
        if i % 3 == 0:
            links += f"  code: https://github.com/example/p{i}\n"
        tags = ", ".join(rng.sample(TAGS, rng.randint(0, 3)))
        (folder / f"paper-{i}.yaml").write_text(
            f'title: "P{i}: {title}"\nauthors:\n{authors}'
            f"venue: {rng.choice(VENUES)}\nyear: {2008 + i % 18}\n"
            f"category: {rng.choice(CATEGORIES)}\n{links}"
            f"doi: 10.5555/bench.{i}\n" + (f"tags: [{tags}]\n" if tags else ""),
            encoding="utf-8",
        )


KEYSTROKES = """
async (text) => {
  const q = document.getElementById("q");
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const times = [];
  const press = async (value) => {
    const started = performance.now();
    q.value = value;
    q.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
    times.push(performance.now() - started);
  };
  for (let i = 1; i <= text.length; i++) await press(text.slice(0, i));
  for (let i = text.length - 1; i >= 0; i--) await press(text.slice(0, i));
  return times;
}
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(count: int, loads: int) -> None:
    executable = chromium_path()
    if executable is None:
        raise SystemExit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_list(root, count)
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["--config", str(root / "listbot.yml"), "site", "-o", str(root / "_site")])
        if code != 0:
            raise SystemExit(f"listbot site exited {code}")
        print(f"listbot site, {count:,} papers: {time.perf_counter() - started:.2f} s")
        site = root / "_site"
        with serve(site) as base, browser_context(executable) as context:
            ready: list[float] = []
            sizes: dict[str, int] = {}
            page: Any = None
            for _ in range(loads):
                if page is not None:
                    page.close()
                page = context.new_page()
                page.on(
                    "response",
                    lambda r: sizes.__setitem__(r.url.rsplit("/", 1)[-1] or "index.html", 0),
                )
                page.goto(base)
                page.wait_for_selector("html[data-ready='1']", timeout=60_000)
                mark = page.evaluate(
                    "() => performance.getEntriesByName('listbot:ready')[0].startTime"
                )
                ready.append(float(mark))
            shown = page.text_content("#count")
            keystrokes: list[float] = []
            for query in QUERIES:
                keystrokes.extend(page.evaluate(KEYSTROKES, query))
            page.close()
        total = packed = 0
        for name in sorted(sizes):
            path = site / name
            if path.is_file():
                raw = path.read_bytes()
                total += len(raw)
                packed += len(gzip.compress(raw, 6))
    print(f"page shows: {shown}")
    print(
        f"time to interactive: median {statistics.median(ready):.0f} ms "
        f"(min {min(ready):.0f}, max {max(ready):.0f}; {loads} loads)  target < 1000 ms"
    )
    print(
        f"per keystroke: median {statistics.median(keystrokes):.1f} ms, "
        f"p95 {percentile(keystrokes, 0.95):.1f} ms, max {max(keystrokes):.1f} ms "
        f"({len(keystrokes)} keystrokes)  target < 50 ms"
    )
    print(
        f"transfer: {total / 1e6:.2f} MB as files, {packed / 1e6:.2f} MB gzipped "
        f"({', '.join(sorted(sizes))})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    run(args.count, args.loads)
