"""Developer tools that are not part of the app (./dev screenshots)."""
