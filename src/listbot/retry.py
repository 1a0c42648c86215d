"""How long a server asks us to wait: one reading of ``Retry-After`` for every client.

The GitHub client (``bot/github.py``), the metadata sources (``paper/sources.py``) and the link
checker (``links/check.py``) all honour ``Retry-After``; they read it here, so that a
hostile or broken value (``nan``, ``inf``, ``-5``, ``²``, 400 digits, a date in year
99999) means the same everywhere: a finite number of seconds from 0 to ``CAP``, or
None ("not said": the caller backs off its own way)::

    parse_retry_after("120", now=time.time())                          -> 120.0
    parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=...)        -> seconds until then
    parse_retry_after("nan", now=...)                                  -> None
    seconds_until("1700000000", now=...)                               -> x-ratelimit-reset

Callers still apply their own, smaller limits (``links.max_retry_after``, the GitHub
client's total wait); ``CAP`` only keeps every value a finite ``time.sleep`` argument.
"""

from __future__ import annotations

import math
import re
from email.utils import parsedate_to_datetime

CAP = 86400.0  # a day: beyond any limit a caller sets, and always a valid sleep
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() takes "²", which float() refuses


def _finite(seconds: float) -> float | None:
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), CAP)


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds asked for by a ``Retry-After`` value (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if _DIGITS.fullmatch(value):
        return min(float(value), CAP)  # 400 digits are float("inf"): the cap
    try:
        when = parsedate_to_datetime(value)
        return _finite(when.timestamp() - now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def seconds_until(epoch: str | None, *, now: float) -> float | None:
    """Seconds until an epoch-seconds value (GitHub's ``x-ratelimit-reset``), or None."""
    if epoch is None or not _DIGITS.fullmatch(epoch.strip()):
        return None
    return _finite(min(float(epoch.strip()), now + CAP) - now)
