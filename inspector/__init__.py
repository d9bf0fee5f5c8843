"""Toggl Entry Inspector: look up one Toggl Track time entry and show all of it."""

# The one place the version is written: pyproject.toml reads it from here (setuptools'
# dynamic version), so the package metadata agrees. A constant, because reading the
# metadata at run time costs importlib.metadata (~15 ms) at every start of `get` (its
# User-Agent) and of the window.
__version__ = "0.1.0"
