"""Link checking: collect the URLs of entries, check them politely, cache, report.

One job per module, data flowing one way::

    collect (entries -> Targets) -> check (Targets -> LinkResults, through hosts + http)
        -> cache (reuse recent ok results) -> report (text, annotations, Markdown, JSON)

Nothing here prints, exits or reads the environment: the CLI (``listbot links``) gives
every setting, the clock and the output stream.
"""

from __future__ import annotations

from listbot.links.model import LinkResult, Location, Status, Target

__all__ = ["LinkResult", "Location", "Status", "Target"]
