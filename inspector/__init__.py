"""Toggl Entry Inspector: look up one Toggl Track time entry and show all of it."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the package metadata only when asked for: importing
    # importlib.metadata costs ~25 ms, which start-up (first paint) does not need.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("toggl-inspector")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'inspector' has no attribute {name!r}")
