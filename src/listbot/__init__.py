"""listbot: run a curated paper list as data."""

from __future__ import annotations

__version__ = "0.1.0"
