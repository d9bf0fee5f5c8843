"""Toggl Entry Inspector: look up one Toggl Track time entry and show all of it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("toggl-inspector")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
