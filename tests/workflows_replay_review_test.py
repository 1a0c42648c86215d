"""The contributor's one-click path, replayed through the workflow files themselves.

A fork PR with three mistakes the web editor invites (double quotes, a venue alias, keys
out of order; review_test.py adds a DOI written as a link, which the replay's offline runner
could not resolve): pr-check is red, pr-comment posts the sticky comment and a review of
``suggestion`` comments; committing the suggestions (as GitHub's button does) makes the
next pr-check green, edits the same comment and withdraws the old review.
"""

from __future__ import annotations

from bot_review_test import apply, pull_files
from workflows_replay_test import (
    World,
    git,
    links_server,
    ok,
    runner_venv,
    shown,
    sticky,
    world,
)

__all__ = ["links_server", "runner_venv", "world"]  # fixtures shared with the replay tests

THREE_MISTAKES = """\
title: "Pipelined Training at Scale"
category: training
venue: EUROSYS
year: 2020
"""


def test_three_mistakes_fixed_in_one_click_through_the_workflows(world: World) -> None:
    path = "entries/pipe-eurosys20.yaml"
    pull = world.repo.open_pull(9, {path: THREE_MISTAKES})
    clone = world.repo.clone
    world.github.add_pull(
        9,
        head_sha=pull.head,
        fork=True,
        author="contrib",
        files=pull_files(clone, pull.base, pull.head),
    )
    check = world.pr_check(pull)
    assert check.conclusion == "failure", check.log()
    ok(world.pr_comment(check, pull))

    first = dict(sticky(world, 9))
    text = shown(first["body"])
    assert path in text and "Commit suggestion" in text
    [review] = world.github.reviews_on(9)
    assert review["commit_id"] == pull.head
    comments = world.github.review_comments_on(9)
    assert comments and all("suggestion\n" in c["body"] for c in comments)

    # "Commit suggestion" on each: the file becomes what `listbot fmt` writes.
    fixed_text = apply(THREE_MISTAKES, comments)
    assert fixed_text == (
        "title: Pipelined Training at Scale\nvenue: EuroSys\nyear: 2020\ncategory: training\n"
    )
    fixed = world.repo.push_to_pull(9, {path: fixed_text})
    world.github.push(9, fixed.head, pull_files(clone, fixed.base, fixed.head))
    again = world.pr_check(fixed)
    ok(again)
    ok(world.pr_comment(again, fixed))

    second = sticky(world, 9)
    assert second["id"] == first["id"]  # the same comment, edited
    assert "no problems found" in shown(second["body"])
    [old] = world.github.reviews_on(9)  # no new review; the old one is withdrawn
    assert old["id"] == review["id"] and world.github.review_comments_on(9) == []
    assert git(clone, "show", f"{fixed.head}:{path}") == fixed_text.rstrip("\n")
