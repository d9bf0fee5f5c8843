"""The scheme of the app's entry links, on its own: the entry point names it in its help
before anything else is loaded (inspector.domain.entry_link parses the links)."""

from __future__ import annotations

LINK_SCHEME = "toggl-inspector"
