"""Import benchmark: a 2,000-bullet list in every style the importer reads, timed.

    python benchmarks/import_bench.py              # 2,000 bullets; --resolve on 40 of them
    python benchmarks/import_bench.py -n 5000 --resolve 0

Builds one Markdown list from the styles of tests/data/import (numbered bold titles with
badges and author paragraphs, venue/year headings, venue tags, code links, labelled links
with facts in sub-bullets, citations, tables, <details> sections, the seed's own style),
each paper with a unique made-up title, and times in fresh processes (start-up counts, as
for a user):

- ``listbot import --dry-run`` (parse and plan, nothing written): target < 3 s for 2,000;
- ``listbot import`` (writes every entry file and listbot.yml);
- ``listbot import --resolve`` on the first K bullets against the local stand-ins of
  dblp, Crossref and arXiv (tests/paperstand.py): bounded by the sources' pacing
  (dblp 1 s, Crossref 0.2 s, arXiv 3 s between requests), so it is reported as requests
  and seconds per paper; then again with the cache warm, which must send no request.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

ADJ = ["Adaptive", "Elastic", "Fast", "Fair", "Scalable", "Robust", "Lazy", "Tiered", "Sparse"]
NOUN = ["Scheduling", "Serving", "Training", "Caching", "Sharding", "Checkpointing", "Batching"]
WHAT = ["Large Models", "GPU Clusters", "Edge Devices", "Mixture-of-Experts", "Recommenders"]
VENUES = [("OSDI", "USENIX Symposium on Operating Systems Design and Implementation")]
VENUES += [("NSDI", "USENIX Symposium on Networked Systems Design and Implementation")]
VENUES += [("SOSP", "ACM Symposium on Operating Systems Principles")]
VENUES += [("EuroSys", "European Conference on Computer Systems")]
AUTHORS = ["Ana Lopez", "Bo Chen", "Chidi Okafor", "Dana Weiss", "Emil Novak", "Fatima Zahra"]


def title(i: int) -> str:
    r = random.Random(i)
    name = "".join(r.choice("BCDFGKLMNPRSTVZ") + r.choice("aeiou") for _ in range(3))
    return f"{name}{i}: {r.choice(ADJ)} {r.choice(NOUN)} for {r.choice(WHAT)}"


def paper(i: int) -> dict[str, object]:
    r = random.Random(i)
    venue, full = VENUES[i % len(VENUES)]
    return {
        "title": title(i),
        "authors": r.sample(AUTHORS, 3),
        "venue": venue,
        "venue_full": full,
        "year": 2015 + i % 10,
        "doi": f"10.5555/bench.{i}",
        "arxiv": None,
    }


def bullet(style: int, p: dict[str, object], i: int) -> str:
    t, v, y = p["title"], p["venue"], int(str(p["year"]))
    yy = f"{y % 100:02d}"
    a = ", ".join(p["authors"])  # type: ignore[arg-type]
    first = str(p["authors"][0]).split()  # type: ignore[index]
    if style == 0:
        return (
            f"1. **{t}** {v} {y} ![](https://img.shields.io/badge/Training-red)\n\n"
            f"   *{a}*\n\n   Code: [https://github.com/o/r{i}](https://github.com/o/r{i})\n"
        )
    if style == 1:
        return f"- [{v}'{yy}] [{t}](https://example.org/p/{i})\n"
    if style == 2:
        return f"- code [{t} {v}'{yy}](https://github.com/o/r{i})\n"
    if style == 3:
        return (
            f"- {t} [[Paper]](https://example.org/p/{i}) [[GitHub]](https://github.com/o/r{i})\n"
            f"  - {first[-1]}, {first[0]}, et al. (*{v} {y}*)\n"
        )
    if style == 4:
        return f'- {first[-1]}, {first[0]}, et al. "{t}." Proceedings of {p["venue_full"]}. {y}.\n'
    if style == 5:
        code = f"[Code](https://github.com/o/r{i})"
        return f"| [{t}](https://example.org/p/{i}) | {v} | {y} | {code} |\n"
    return f"- {t} ({v}’{yy}) [[code](https://github.com/o/r{i})]\n"


def build(n: int) -> tuple[str, list[dict[str, object]]]:
    papers = [paper(i) for i in range(n)]
    parts = ["# Benchmark list\n\nMade-up papers in every style listbot import reads.\n\n"]
    per = -(-n // 7)
    for style in range(7):
        chunk = list(enumerate(papers))[style * per : (style + 1) * per]
        if not chunk:
            continue
        parts.append(f"## Section {style}\n\n")
        if style == 5:
            parts.append("| Title | Venue | Year | Links |\n| --- | --- | --- | --- |\n")
        for i, p in chunk:
            parts.append(bullet(style, p, i))
        parts.append("\n")
    return "".join(parts), papers


def timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    import os

    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "listbot"), *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"listbot {' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="bullets (default 2000)")
    parser.add_argument("--resolve", type=int, default=40, help="bullets to --resolve (0: skip)")
    args = parser.parse_args()
    text, papers = build(args.n)
    with tempfile.TemporaryDirectory(prefix="listbot-import-bench-") as tmp:
        folder = Path(tmp)
        (folder / "list.md").write_text(text, encoding="utf-8")
        best = min(timed(["import", "--dry-run", "list.md"], folder)[0] for _ in range(3))
        print(f"import --dry-run, {args.n} bullets: {best:.2f} s (target < 3 s)")
        seconds, _out = timed(["import", "list.md"], folder)
        written = len(list((folder / "entries").glob("*.yaml")))
        print(f"import (writing), {args.n} bullets: {seconds:.2f} s, {written} entries written")
        if args.resolve:
            from paperstand import PaperStand

            small = Path(tmp) / "resolve"
            small.mkdir()
            # A list of its own: under the big list's folder, its listbot.yml (and so its
            # 2,000 entries) would be found, every bullet skipped as a duplicate, and no
            # source asked at all.
            shutil.copy(folder / "listbot.yml", small / "listbot.yml")
            lines = ["## Papers\n\n"] + [
                f"- [{p['title']}](https://example.org/p/{i})\n"
                for i, p in enumerate(papers[: args.resolve])
            ]
            (small / "list.md").write_text("".join(lines), encoding="utf-8")
            with PaperStand(papers) as stand:
                cold, _out = timed(
                    ["import", "--resolve", "--dry-run", "list.md"], small, stand.env()
                )
                asked = len(stand.requests)
                # --dry-run keeps no cache: write it with a real run, then time a warm one.
                timed(["import", "--resolve", "list.md"], small, stand.env())
                for path in (small / "entries").glob("*.yaml"):
                    path.unlink()
                before = len(stand.requests)
                warm, _out = timed(["import", "--resolve", "list.md"], small, stand.env())
                print(
                    f"import --resolve, {args.resolve} bullets lacking venue and year: "
                    f"{cold:.1f} s cold ({asked} requests, {cold / args.resolve:.2f} s a paper, "
                    f"paced by the sources' rules); {warm:.2f} s warm "
                    f"({len(stand.requests) - before} requests)"
                )
        shutil.rmtree(folder / "entries", ignore_errors=True)


if __name__ == "__main__":
    main()
