"""listbot: run a curated paper list as data."""

from __future__ import annotations

__version__ = "1.0.0"
