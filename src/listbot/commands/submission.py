"""``listbot submission --event FILE``: CI: turn an add-paper issue into a pull request.

    listbot submission --event "$GITHUB_EVENT_PATH"

Run by the ``add-paper`` workflow on ``issues`` (opened, edited) and ``issue_comment``
(``/listbot retry`` from the repository's owner, a member or a collaborator) events
for issues labelled ``add-paper``. It reads only the form's fields from the issue body
(``listbot.bot.issueform``), checks each, looks the paper up like ``listbot add``, writes
the entry on branch ``listbot/add-<slug>`` (from the checked-out default branch),
pushes it, opens a pull request that closes the issue, and replies on the issue (one
reply, kept up to date) with the pull request and the paper's line as the README will
show it; or with why not (already in the list, cannot be resolved, a field is wrong)
and what to do.

The issue is untrusted text: it reaches git and the API only as argument values and
request bodies, never a shell; what the reply quotes from it is escaped Markdown.
Environment: ``GITHUB_REPOSITORY``, ``GITHUB_TOKEN``, ``GITHUB_API_URL``; the metadata
sources' base URLs as for ``listbot add``. Exit 0 when the issue got its answer (a
pull request, or a reply saying why not), 1 when git failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import base64
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listbot.commands import Context, config_for, scan_list
from listbot.errors import InputError, UsageError
from listbot.fsutil import read_json_file

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from listbot.bot.github import GitHub
    from listbot.bot.issueform import Submission
    from listbot.config import Config
    from listbot.entries import Entry

MARKER = "<!-- listbot:submission -->"
MAX_EVENT = 1024 * 1024  # an event payload is a few tens of KiB
RETRY = "/listbot retry"
TRUSTED = ("OWNER", "MEMBER", "COLLABORATOR")
WHAT_TO_DO = (
    "Edit the issue's fields to try again, or, once the cause is fixed, a maintainer can "
    f"comment `{RETRY}`."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--event",
        type=Path,
        metavar="FILE",
        help="the workflow's event payload (default: $GITHUB_EVENT_PATH, which Actions sets)",
    )
    parser.add_argument(
        "--repo", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)"
    )


def issue_of(event: Any) -> tuple[int, str] | str:
    """(issue number, body) when this event asks for a submission, else why it does not."""
    from listbot.bot.issueform import FORM_LABEL

    if not isinstance(event, dict) or not isinstance(event.get("issue"), dict):
        return "not an issue event"
    issue = event["issue"]
    number, body = issue.get("number"), issue.get("body") or ""
    if not isinstance(number, int) or isinstance(number, bool) or not isinstance(body, str):
        return "the event's issue has no number or body"
    if issue.get("pull_request"):
        return f"#{number} is a pull request"
    labels = issue.get("labels") if isinstance(issue.get("labels"), list) else []
    if not any(isinstance(lb, dict) and lb.get("name") == FORM_LABEL for lb in labels):
        return f"#{number} is not labelled {FORM_LABEL}"
    comment = event.get("comment")
    if comment is not None:
        text = comment.get("body") if isinstance(comment, dict) else None
        if not isinstance(text, str) or text.strip().split("\n", 1)[0].strip() != RETRY:
            return f"the comment on #{number} is not {RETRY}"
        if comment.get("author_association") not in TRUSTED:
            return f"{RETRY} on #{number} is for maintainers (owner, members, collaborators)"
    elif event.get("action") not in ("opened", "edited", "reopened", "labeled"):
        return f"nothing to do when an issue is {event.get('action')}"
    return number, body


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.bot.github import GitHub

    given = args.event or ctx.env.get("GITHUB_EVENT_PATH")
    if not given:
        raise UsageError("submission: give --event FILE (Actions sets $GITHUB_EVENT_PATH)")
    event_file = Path(given)
    path = event_file if event_file.is_absolute() else ctx.cwd / event_file
    event = read_json_file(path, MAX_EVENT, "event payload")
    found = issue_of(event)
    if isinstance(found, str):
        ctx.stdout.write(f"listbot: nothing to do: {found}\n")
        return 0
    number, body = found
    repo = args.repo or ctx.env.get("GITHUB_REPOSITORY")
    if not repo:
        raise UsageError("no repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY")
    config = config_for(args, ctx)
    github = GitHub.from_env(repo, ctx.env)
    outcome = submit(config, ctx, number, body)
    if isinstance(outcome, str):
        reply(github, number, outcome)
        ctx.stdout.write(f"listbot: #{number}: replied; nothing added\n")
        return 0
    slug, data, line = outcome
    branch = f"listbot/add-{slug}"
    publish(config, ctx, branch, slug, data, number)
    pull = github.open_pull(
        head=branch,
        base=_default_branch(event),
        title=f"Add {data['title']}",
        body=pull_body(line, number),
    )
    reply(
        github,
        number,
        f"Thanks! I opened #{pull.number} to add this paper: {pull.url}\n\n"
        f"It will appear in the list as:\n\n> {line}\n\n"
        "A maintainer will review it; the usual checks run on the pull request. Editing "
        "this issue's fields updates the pull request.",
    )
    ctx.stdout.write(f"listbot: #{number}: pull request #{pull.number} {pull.action} ({branch})\n")
    return 0


def _default_branch(event: Any) -> str:
    repository = event.get("repository") if isinstance(event.get("repository"), dict) else {}
    base = repository.get("default_branch")
    return base if isinstance(base, str) and base else "main"


def submit(
    config: Config, ctx: Context, number: int, body: str
) -> tuple[str, dict[str, Any], str] | str:
    """The new entry (slug, data, README line), written to entries/; or the reply saying why not."""
    from listbot.bot.issueform import FormError, read_form
    from listbot.entries import Entry, display_path
    from listbot.fmt import entry_text
    from listbot.paper.metadata import MAX_AUTHORS
    from listbot.paper.newentry import check_new, choose_path, write_entry
    from listbot.problems import has_errors
    from listbot.render import escape, paper_line

    try:
        form = read_form(body, config)
    except FormError as exc:
        items = "\n".join(f"- {escape(p)}" for p in exc.problems)
        return f"I could not read this request:\n\n{items}\n\n{WHAT_TO_DO}"
    entries = scan_list(config, ctx, cache=False).entries
    data = _paper_data(form, config, entries, ctx.env)
    if isinstance(data, str):
        return data
    if len(data.get("authors", ())) > MAX_AUTHORS:
        data["authors"] = data["authors"][:MAX_AUTHORS]
    if form.code:
        data.setdefault("links", {})["code"] = form.code
    if form.note:
        data["note"] = form.note
    path = choose_path(config, data, None)
    text = entry_text(data, config)
    problems = check_new(path, text, config, entries, this_year=ctx.today.year)
    if has_errors(problems):
        items = "\n".join(f"- {escape(p.message)}" for p in problems if p.severity == "error")
        return f"The entry for this paper would not be valid:\n\n{items}\n\n{WHAT_TO_DO}"
    write_entry(path, text, config)
    shown = display_path(path, config.root)
    line = paper_line(Entry.create(shown, data), config)
    ctx.stdout.write(f"listbot: #{number}: wrote {shown}\n")
    return path.stem, data, line


def _paper_data(
    form: Submission, config: Config, entries: Sequence[Entry], env: Mapping[str, str]
) -> dict[str, Any] | str:
    """The paper's fields from the sources; or the reply saying why there are none."""
    from listbot.paper.metadata import SourceError, entry_data, identify
    from listbot.paper.newentry import fetch_paper, refuse_duplicate
    from listbot.paper.sources import SourceEndpoints
    from listbot.render import escape

    ident = identify(form.paper)
    try:
        if ident.kind in ("doi", "arxiv"):
            refuse_duplicate({ident.kind: ident.value}, entries)
        meta, venue = fetch_paper(ident, config, SourceEndpoints.from_env(env), venue=None)
        data = entry_data(meta, venue=venue, category=form.category)
        refuse_duplicate(data, entries)
    except SourceError as exc:
        return (
            f"I could not look this paper up: {escape(str(exc))}.\n\n"
            "Check that the DOI, arXiv id or link is right (a DOI or an arXiv id works "
            f"best). {WHAT_TO_DO}"
        )
    except InputError as exc:
        text = str(exc)
        if text.startswith("the list already has this paper"):
            return f"Thanks, but {escape(text)}. Nothing to add; you can close this issue."
        return f"I could not add this paper: {escape(text)}.\n\n{WHAT_TO_DO}"
    return data


def pull_body(line: str, number: int) -> str:
    return (
        f"Adds this paper, as submitted in #{number}:\n\n> {line}\n\n"
        f"Closes #{number}.\n\n{MARKER}\n"
    )


def reply(github: GitHub, number: int, text: str) -> None:
    github.upsert_comment(number, f"{MARKER}\n{text}\n", marker=MARKER)


def _git(root: Path, ctx: Context, *args: str) -> None:
    env = {k: v for k, v in ctx.env.items() if not k.startswith("GIT_CONFIG")}
    token = ctx.env.get("GITHUB_TOKEN", "")
    if token:
        # The token reaches git through its environment, never its command line.
        auth = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraheader",
            GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {auth}",
        )
    env.update(
        GIT_AUTHOR_NAME="github-actions[bot]",
        GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com",
        GIT_COMMITTER_NAME="github-actions[bot]",
        GIT_COMMITTER_EMAIL="41898282+github-actions[bot]@users.noreply.github.com",
        GIT_TERMINAL_PROMPT="0",
    )
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, env=env, capture_output=True, check=False, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"git {args[0]}: {exc}") from None
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {args[0]} failed: {error[-1] if error else done.returncode}")


def publish(
    config: Config, ctx: Context, branch: str, slug: str, data: dict[str, Any], number: int
) -> None:
    """Commit the new entry on ``branch`` (from the checked-out commit) and push it."""
    from listbot.entries import display_path

    shown = display_path(config.entries_path / f"{slug}.yaml", config.root)
    root = config.root
    _git(root, ctx, "checkout", "-q", "-B", branch)
    _git(root, ctx, "add", "--", shown)
    _git(root, ctx, "commit", "-q", "-m", f"Add {data['title']}\n\nCloses #{number}.")
    _git(root, ctx, "push", "-q", "--force", "origin", f"HEAD:refs/heads/{branch}")
