"""One link-check run over targets: the cache, the engine, the cache again.

What ``listbot links`` does after choosing the files, for any command that needs link
results (a PR report, the scheduled link-rot issue)::

    targets = collect(files)
    outcome = check_links(targets, config, policy_for(config, user_agent=ua), Endpoints(),
                          clock=time.time)
    outcome.results, outcome.warnings
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from listbot.config import Config
from listbot.fsutil import confined
from listbot.links.cache import LinkCache
from listbot.links.check import Endpoints, Engine, OnProgress, Policy, host_key
from listbot.links.collect import compile_patterns, excluded
from listbot.links.model import LinkResult, Status, Target


@dataclass
class LinkRun:
    results: list[LinkResult]
    warnings: list[str] = field(default_factory=list)


def policy_for(
    config: Config,
    *,
    user_agent: str,
    timeout: float | None = None,
    retries: int | None = None,
    allow_private: bool = False,
) -> Policy:
    """The engine's policy from ``links:`` in listbot.yml, with command-line overrides."""
    settings = config.links
    return Policy(
        timeout=settings.timeout if timeout is None else timeout,
        retries=settings.retries if retries is None else retries,
        concurrency=settings.concurrency,
        per_host=settings.per_host,
        max_per_host=settings.max_per_host,
        accept=settings.accept,
        max_retry_after=settings.max_retry_after,
        # only the caller (the CLI flag) may lower the guard, never listbot.yml: a pull
        # request controls that file
        allow_private=allow_private,
        exclude=tuple(compile_patterns(settings.exclude)),
        user_agent=user_agent,
    )


def resolver_outage(results: list[LinkResult]) -> list[LinkResult]:
    """No false alarms when the runner has no name resolution at all.

    If not one request got an answer and the names of two or more hosts did not
    resolve, a missing network is far likelier than every host vanishing at once: those
    links are ``unreachable`` (a warning), not ``broken``.
    """
    unresolved = [r for r in results if r.unresolved]
    hosts = {host_key(r.url) for r in unresolved}
    if len(hosts) < 2 or any(r.http_status is not None for r in results):
        return results
    note = "; no host name resolved in this run: is the network down?"
    return [
        replace(r, status=Status.UNREACHABLE, message=r.message + note) if r.unresolved else r
        for r in results
    ]


def check_links(
    targets: Sequence[Target],
    config: Config,
    policy: Policy,
    endpoints: Endpoints,
    *,
    clock: Callable[[], float],
    cache_key: str | None = None,
    reuse: bool = True,
    progress: Callable[[int], OnProgress | None] | None = None,
) -> LinkRun:
    """Check ``targets``, reusing fresh ok results from the cache and updating it.

    ``cache_key`` (from ``links.cache.cache_key``; None: no cache at all) is what the
    cache must have been written under to be read. ``reuse=False`` checks every target
    live and still updates the cache (a pull request's links: never vouched for by a
    cache). ``progress``, if given, is called with the number of cached results and
    returns the callback the engine reports ``(done, total)`` to.
    """
    warnings: list[str] = []
    cache = None
    hits: list[LinkResult] = []
    todo = list(targets)
    if cache_key is not None:
        settings = config.links
        try:
            path = confined(config.root, settings.cache)
        except OSError as exc:
            warnings.append(f"link cache not used: {settings.cache}: {exc.strerror or exc}")
        else:
            cache = LinkCache.load(
                path, key=cache_key, max_age_days=settings.cache_max_age_days, clock=clock
            )
            if cache.warning:
                warnings.append(cache.warning)
    if cache is not None and reuse:
        # excluded links never come from the cache: the pattern may be newer than the result
        skip = [t for t in targets if excluded(t.url, policy.exclude)]
        hits, todo = cache.split(t for t in targets if not excluded(t.url, policy.exclude))
        todo = skip + todo
    report = progress(len(hits)) if progress is not None else None
    checked = resolver_outage(Engine(policy, endpoints).run(todo, report) if todo else [])
    if cache is not None:
        cache.update(checked)
        try:
            cache.save()
        except OSError as exc:
            warnings.append(f"cannot write the link cache: {exc.strerror or exc}")
    return LinkRun(hits + checked, warnings)
