"""Talking to the Toggl Track API: one httpx client, typed errors, no Qt."""
