"""Scale benchmark: `listbot check` on N generated entries, cold and warm, against a floor.

    python benchmarks/scale.py            # 10,000 entries
    python benchmarks/scale.py -n 2000

It copies this list (listbot.yml, README.md) into a temporary folder, generates N valid,
canonical entries, renders the README once (untimed), and then measures in one run:

- floor: a minimal script that only reads and parses the same files with PyYAML's C loader;
- cold:  `listbot check --no-cache`... no: `listbot check` with no cache present;
- warm:  `listbot check` again, nothing changed.

Each is a fresh process (start-up and imports count, as they do for a user), timed as
the best of a few repetitions to damp this noisy machine, in wall time and in CPU time
(user + system of the child: what the process itself cost, whatever else the shared
machine runs). Bytecode is written and used, as for an installed package (pip compiles
it), even where PYTHONDONTWRITEBYTECODE is set. Prints the ratios to the floor. Targets
(issue 2): cold <= 1.5x, warm <= 0.3x.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = """
import os, sys, yaml
folder = sys.argv[1]
for name in os.listdir(folder):
    with open(os.path.join(folder, name), "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""

WORDS = [
    "adaptive",
    "distributed",
    "training",
    "inference",
    "serving",
    "scheduling",
    "cluster",
    "gpu",
    "memory",
    "compiler",
    "graph",
    "elastic",
    "federated",
    "sparse",
    "pipeline",
    "parallel",
    "tensor",
    "kernel",
    "runtime",
    "cache",
    "vector",
    "learned",
    "index",
    "query",
    "streaming",
    "quantized",
    "transformer",
    "embedding",
    "recommendation",
]
VENUES = ["NSDI", "ASPLOS", "EuroSys", "ATC", "OSDI", "SOSP", "SoCC", "NeurIPS", "MLSys"]
CATEGORIES = ["training", "inference", "compiler", "traditional-ml", "cluster-management"]


def entry_text(i: int, rng: random.Random) -> str:
    name = f"System{i}"
    words = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(4, 9)))
    authors = "".join(
        f"  - Author{rng.randint(1, 5000)} Surname{rng.randint(1, 9000)}\n"
        for _ in range(rng.randint(2, 8))
    )
    year = rng.randint(2015, 2025)
    lines = [
        "# yaml-language-server: $schema=../schema/entry.schema.json\n",
        f"title: '{name}: {words}'\n",
        "authors:\n" + authors,
        f"venue: {rng.choice(VENUES)}\n",
        f"year: {year}\n",
        f"category: {rng.choice(CATEGORIES)}\n",
        "links:\n",
        f"  paper: https://example.org/papers/{i}\n",
    ]
    if rng.random() < 0.5:
        lines.append(f"  code: https://github.com/example/system{i}\n")
    lines.append(f"doi: 10.1145/{3000000 + i}.{i}\n")
    if rng.random() < 0.6:
        lines.append(f"arxiv: '{1700 + i // 10000:04d}.{i % 100000:05d}'\n")
    if rng.random() < 0.3:
        lines.append("tags:\n  - systems\n")
    return "".join(lines)


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CPU: dict[str, float] = {}  # best CPU seconds per measured command, by label


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], cwd: Path, *, expect: int | None = 0, label: str = "") -> float:
    cpu = _cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if label:
        CPU[label] = min(CPU.get(label, float("inf")), _cpu() - cpu)
    if expect is not None and proc.returncode != expect:
        sys.exit(
            f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        )
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of entries (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; the best is kept")
    args = parser.parse_args()
    rng = random.Random(2018)
    listbot = [sys.executable, "-m", "listbot.cli"]
    with tempfile.TemporaryDirectory(prefix="listbot-scale-") as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "listbot.yml", work / "listbot.yml")
        (work / "README.md").write_text("# Scale\n\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
        entries = work / "entries"
        entries.mkdir()
        for i in range(args.n):
            (entries / f"system{i}-paper.yaml").write_text(entry_text(i, rng))
        (work / "floor.py").write_text(FLOOR)
        run([*listbot, "render", "--no-cache"], work)
        floor = cold = warm = float("inf")
        for _ in range(args.repeat):
            floor = min(floor, run([sys.executable, "floor.py", str(entries)], work, label="floor"))
            shutil.rmtree(work / ".listbot", ignore_errors=True)
            cold = min(cold, run([*listbot, "check"], work, label="cold"))
            warm = min(warm, run([*listbot, "check"], work, label="warm"))
        print(f"entries: {args.n:,}   (best of {args.repeat}, fresh processes)")
        print(f"floor (PyYAML CSafeLoader parse only): {floor:6.2f} s")
        print(
            f"listbot check, cold (no cache):        {cold:6.2f} s   "
            f"{cold / floor:4.2f}x floor  (target <= 1.5x)"
        )
        print(
            f"listbot check, warm (nothing changed): {warm:6.2f} s   "
            f"{warm / floor:4.2f}x floor  (target <= 0.3x)"
        )
        cpu_floor = CPU["floor"]
        print(
            f"CPU time (user+sys): floor {cpu_floor:.2f} s, cold {CPU['cold']:.2f} s "
            f"({CPU['cold'] / cpu_floor:.2f}x), warm {CPU['warm']:.2f} s "
            f"({CPU['warm'] / cpu_floor:.2f}x)"
        )
        ok = cold <= 1.5 * floor and warm <= 0.3 * floor
        print("targets met" if ok else "targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
