"""How alike must two titles be to be the same paper? The figures behind resolve.THRESHOLD.

    python benchmarks/resolve_threshold.py

Same paper: each title as a list writes it against the title a source gives, for
(1) the seed list (tests/data/seed-list.md) against the verified titles of
tests/data/papers/seed-papers.yaml, and (2) the variants lists really produce of the
corpus titles (tests/data/import): case and punctuation, a dropped leading article, a
plural, a hyphen written or not, a trailing period, "and" for "&".
Different papers: every title of both sets against every other one; the highest are the
near misses a threshold must reject (same words, another paper).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from listbot.config import Config  # noqa: E402
from listbot.importer import plan_import  # noqa: E402
from listbot.paper.resolve import THRESHOLD, title_similarity  # noqa: E402


def variants(title: str) -> list[str]:
    out = [title.upper(), title.rstrip(".") + "."]
    out.append(re.sub(r"^(?:A|An|The) ", "", title))
    out.append(re.sub(r"\b(GPU|Model|System|Network)s?\b", lambda m: m.group(1) + "s", title))
    out.append(title.replace("-", " ") if "-" in title else title.replace(" ", "-", 1))
    out.append(title.replace(" and ", " & "))
    return [v for v in out if v != title]


def main() -> None:
    real = [
        p["title"]
        for p in yaml.safe_load((ROOT / "tests/data/papers/seed-papers.yaml").read_text())
    ]
    seed = (ROOT / "tests/data/seed-list.md").read_text(encoding="utf-8")
    written = [
        e.data["title"] for e in plan_import(seed, Config(categories=()), this_year=2026).entries
    ]
    corpus = []
    for path in sorted((ROOT / "tests/data/import").glob("*.expected.yaml")):
        corpus += [p["title"] for p in yaml.safe_load(path.read_text(encoding="utf-8"))["papers"]]
    same = [(title_similarity(w, r), w) for w, r in zip(written, real, strict=True)]
    same += [(title_similarity(v, t), v) for t in corpus for v in variants(t)]
    titles = sorted(set(real) | set(corpus))
    different = [
        (title_similarity(a, b), f"{a[:40]} | {b[:40]}")
        for i, a in enumerate(titles)
        for b in titles[i + 1 :]
        if title_similarity(a, b) < 1.0
    ]
    same.sort()
    different.sort(reverse=True)
    print(f"same paper: {len(same)} pairs; lowest similarities:")
    for score, what in same[:6]:
        print(f"  {score:.3f}  {what[:80]}")
    print(f"different papers: {len(different)} pairs; highest similarities:")
    for score, what in different[:6]:
        print(f"  {score:.3f}  {what}")
    accepted = sum(1 for s, _ in same if s >= THRESHOLD)
    wrong = sum(1 for s, _ in different if s >= THRESHOLD)
    print(
        f"threshold {THRESHOLD}: {accepted}/{len(same)} same-paper pairs accepted, "
        f"{wrong}/{len(different)} different-paper pairs accepted"
    )


if __name__ == "__main__":
    main()
