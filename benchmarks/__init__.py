"""Reproducible performance measurements, each next to a baseline measured in the same run."""
